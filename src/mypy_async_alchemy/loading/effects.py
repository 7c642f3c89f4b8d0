"""Effect summaries: project functions that expire the objects of the session they use.

``async def update_fields(self, ...)`` whose body ends with ``self.session.expire_all()``
expires every object of that session: ``await repo.update_fields(...)`` followed by
``order.code`` is a read of an expired object (``expiry.py``), as if the caller had called
``expire_all()`` there. The plugin records, for each ``async def`` of the project that names
a session (a parameter, or an attribute of ``self``, declared as one), the expiring calls
its body makes on that session on some path: ``commit()``, ``rollback()``, ``expire_all()``,
``expire(p)`` of a parameter ``p`` (all of its attributes: ``expire(p, [...])`` names some,
not recorded), and those of the project functions it calls (summarised first; recursion
stops).

The summary is stored like return and read summaries (``summaries.py``): in the function's
own signature, as extra attributes of its coroutine return type (``"@alchemy.expires"``,
then ``"<method>@<line>@<session parameter>@<expired parameter>"`` entries), written while
mypy writes the module's cache and read by calls in any module; a call of a function of the
module being checked (or under dmypy) summarises it first. A commit expires the caller's
objects when the session it is made on does: the caller's argument for a session
parameter, said by its origin or the settings; a session attribute's by the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from mypy.nodes import (
    FUNC_NO_INFO,
    AwaitExpr,
    CallExpr,
    Decorator,
    Expression,
    FuncDef,
    MemberExpr,
    RefExpr,
    Statement,
    TypeInfo,
    Var,
)
from mypy.types import CallableType, ExtraAttrs, Instance, Type, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, walk
from mypy_async_alchemy.families import receiver_info
from mypy_async_alchemy.loading import history, sessions

EXPIRES_TAG: Final = "@alchemy.expires"
_SEP: Final = "@"
_NONE: Final = "-"


@dataclass(frozen=True)
class Effect:
    """An expiring call the function makes (``method`` at ``line`` of its module)."""

    method: str  # commit, rollback, expire_all, expire
    line: int
    session: int | None  # index of the parameter holding the session; None: an attribute
    expired: int | None = None  # expire(p): index of the parameter p

    def entry(self) -> str:
        fields = (self.method, self.line, self.session, self.expired)
        return _SEP.join(_NONE if field is None else str(field) for field in fields)


def effects_of(func: FuncDef) -> list[Effect]:
    """The effects recorded in ``func``'s signature, in line order; [] if none were."""
    ret = _carrier(func)
    extra = ret.extra_attrs if ret is not None else None
    if extra is None or EXPIRES_TAG not in extra.immutable:
        return []
    found = []
    for entry in extra.immutable - {EXPIRES_TAG}:
        parts = entry.split(_SEP)
        if len(parts) == 4 and parts[1].isdigit():
            method, line, session, expired = parts
            found.append(Effect(method, int(line), _index(session), _index(expired)))
    return sorted(found, key=lambda effect: effect.line)


def may_affect(func: FuncDef) -> bool:
    """Whether ``func``'s declaration names a session it could expire objects of: an
    ``async def`` (where the summary is kept) given one, or a method of a class holding one."""
    if _carrier(func) is None:
        return False
    if any(
        argument.variable.type is not None and sessions.is_session_type(argument.variable.type)
        for argument in func.arguments
    ):
        return True
    return func.info is not FUNC_NO_INFO and holds_session(func.info)


def holds_session(info: TypeInfo) -> bool:
    """Whether the class ``info`` declares an attribute typed as a session."""
    return any(
        isinstance(symbol.node, Var)
        and symbol.node.type is not None
        and sessions.is_session_type(symbol.node.type)
        for symbol in info.names.values()
    )


def summarise(func: FuncDef | Decorator, within: frozenset[FuncDef] = frozenset()) -> None:
    """Record in ``func``'s signature the expiring calls it makes (idempotent)."""
    func = func.func if isinstance(func, Decorator) else func
    ret = _carrier(func)
    if ret is None or func in within or EXPIRES_TAG in _tags(ret) or not func.body.body:
        return
    found = _effects(func, within | {func})
    if not found:
        return
    attrs = dict(ret.extra_attrs.attrs) if ret.extra_attrs is not None else {}
    entries = {EXPIRES_TAG, *_tags(ret), *(effect.entry() for effect in found)}
    given = ret.copy_modified()
    given.extra_attrs = ExtraAttrs(attrs, entries, None)
    if isinstance(func.type, CallableType):
        func.type = func.type.copy_modified(ret_type=given)


def called(call: CallExpr, caller: FuncDef, receiver: Type | None = None) -> FuncDef | None:
    """The project function a call names: ``f``, ``self.m``, ``repo.m`` (``repo`` a
    variable or ``self`` attribute declared as a class of the project), or a method of
    ``receiver``, the type of the callee's receiver when mypy inferred it already."""
    node = scope.referenced(call.callee, caller)
    if node is None and isinstance(call.callee, MemberExpr):
        if receiver is None:
            owner = scope.referenced(call.callee.expr, caller)
            receiver = owner.type if isinstance(owner, Var) else None
        info = receiver_info(receiver) if receiver is not None else None
        symbol = info.get(call.callee.name) if info is not None else None
        node = symbol.node if symbol is not None else None
    if isinstance(node, Decorator) and not node.decorators:
        node = node.func
    return node if isinstance(node, FuncDef) else None


def statement_call(statement: Statement) -> CallExpr | None:
    """The call a simple statement makes, awaited or not: ``await session.commit()``."""
    value = history.statement_value(statement)
    if isinstance(value, AwaitExpr):
        value = value.expr
    return value if isinstance(value, CallExpr) else None


def _effects(func: FuncDef, within: frozenset[FuncDef]) -> list[Effect]:
    found: dict[tuple[str, int | None, int | None], Effect] = {}
    for statement in walk.statements(func):
        call = statement_call(statement)
        if call is None:
            continue
        callee = call.callee
        if (
            isinstance(callee, MemberExpr)
            and callee.name in names.EXPIRING_METHODS
            and sessions.declared_session(callee.expr, func)
        ):
            effect = _direct(func, call, callee.name)
            if effect is not None:
                found.setdefault((effect.method, effect.session, effect.expired), effect)
            continue
        target = called(call, func)
        if target is None or target is func:
            continue
        summarise(target, within)
        for inner in effects_of(target):
            effect = _passed(func, call, target, inner)
            if effect is not None:
                found.setdefault((effect.method, effect.session, effect.expired), effect)
    return sorted(found.values(), key=lambda effect: effect.line)


def _direct(func: FuncDef, call: CallExpr, method: str) -> Effect | None:
    assert isinstance(call.callee, MemberExpr)
    session = _parameter(func, call.callee.expr)
    if method != names.EXPIRE_METHOD:
        return Effect(method, call.line, session)
    if len(call.args) != 1:
        return None  # expire(obj, ["name"]): some attributes, not recorded
    expired = _parameter(func, call.args[0])
    return Effect(method, call.line, session, expired) if expired is not None else None


def _passed(func: FuncDef, call: CallExpr, target: FuncDef, inner: Effect) -> Effect | None:
    """``inner``, an effect of ``target`` that ``call`` in ``func`` makes, in ``func``'s terms
    (its own parameters); None when it touches nothing of ``func``'s caller."""
    session = inner.session
    if session is not None:
        given = argument(call, target, session)
        session = _parameter(func, given) if given is not None else None
    expired = inner.expired
    if expired is not None:
        given = argument(call, target, expired)
        expired = _parameter(func, given) if given is not None else None
        if expired is None:
            return None  # an object of the helper's own
    return Effect(inner.method, call.line, session, expired)


def argument(call: CallExpr, target: FuncDef, index: int | None) -> Expression | None:
    """The argument ``call`` passes for ``target``'s parameter ``index`` (positional or by
    name; a bound method's ``self`` is not among ``call``'s arguments); None if none."""
    if index is None:
        return None
    offset = 1 if target.info is not FUNC_NO_INFO and not target.is_static else 0
    name = target.arguments[index].variable.name if index < len(target.arguments) else None
    for position, (arg, arg_name) in enumerate(zip(call.args, call.arg_names, strict=True)):
        if (arg_name is None and position + offset == index) or (arg_name and arg_name == name):
            return arg
    return None


def _parameter(func: FuncDef, expr: Expression) -> int | None:
    node = expr.node if isinstance(expr, RefExpr) else None
    for index, argument in enumerate(func.arguments):
        if argument.variable is node:
            return index
    return None


def _carrier(func: FuncDef) -> Instance | None:
    """The coroutine an ``async def`` returns, where its summary is kept."""
    signature = func.type
    if not (func.is_coroutine and isinstance(signature, CallableType)):
        return None
    ret = get_proper_type(signature.ret_type)
    return ret if isinstance(ret, Instance) and ret.type.fullname == names.COROUTINE else None


def _tags(ret: Instance) -> frozenset[str] | set[str]:
    return ret.extra_attrs.immutable if ret.extra_attrs is not None else frozenset()


def _index(field: str) -> int | None:
    return int(field) if field.isdigit() else None
