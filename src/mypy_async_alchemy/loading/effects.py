"""Effect summaries: project functions that expire or load the objects they are given.

``async def update_fields(self, ...)`` whose body ends with ``self.session.expire_all()``
expires every object of that session: ``await repo.update_fields(...)`` followed by
``order.code`` is a read of an expired object (``expiry.py``), as if the caller had called
``expire_all()`` there. The plugin records, for each function of the project that names
a session (a parameter, or an attribute of ``self``, declared as one), the expiring calls
its body makes on that session on some path: ``await`` of ``commit()`` and ``rollback()``,
``expire_all()``, ``expire(p)`` of a parameter ``p`` (all of its attributes:
``expire(p, [...])`` names some, not recorded), and those of the project functions whose
bodies it runs (an awaited ``async def``, a called plain ``def``; summarised first; recursion
stops). Also what it loads on an object it is given: ``refresh(p)`` and ``refresh(p, [...])``
on such a session, ``await p.awaitable_attrs.rel``: after the call, the caller's object
has those attributes loaded as if the caller had made that call (``history.py``).

The summary is stored like return and read summaries (``summaries.py``): in the function's
own signature, as extra attributes of one of its types (``"@alchemy.expires"``, then
``"<method>@<line>@<session parameter>@<object parameter>@<names>"`` entries): an
``async def``'s coroutine return type; a plain ``def``'s first parameter declared as a
session, else (a method of a class holding one, not a model) its ``self``. It is written
while mypy writes the module's cache and read by calls in any module; a call of a function
of the module being checked (or under dmypy) summarises it first. A commit expires the caller's
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
    FuncItem,
    MemberExpr,
    RefExpr,
    Statement,
    SymbolTable,
    TypeInfo,
    Var,
)
from mypy.plugin import CheckerPluginInterface
from mypy.types import CallableType, ExtraAttrs, Instance, Type, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, walk
from mypy_async_alchemy.families import receiver_info
from mypy_async_alchemy.loading import history, models, sessions
from mypy_async_alchemy.memo import LastAsked

EXPIRES_TAG: Final = "@alchemy.expires"
_SEP: Final = "@"
_NONE: Final = "-"


_NAMES_SEP: Final = ","
# What a function's body does that reaches its caller's objects.
_SESSION_METHODS: Final = names.EXPIRING_METHODS | {names.REFRESH_METHOD}
# The session methods that run without ``await`` (the others do nothing un-awaited).
_SYNC_METHODS: Final = frozenset({names.EXPIRE_METHOD, names.EXPIRE_ALL_METHOD})
# _carrier's position of a return type.
_RETURN: Final = -1
# of_call's answers for the calls of the last function asked.
_Resolved = dict[CallExpr, list[tuple[FuncDef, "Effect"]]]
_RESOLVED: Final[LastAsked[FuncItem, _Resolved]] = LastAsked()
_HOLDS_SESSION: Final[LastAsked[SymbolTable, bool]] = LastAsked()


@dataclass(frozen=True)
class Effect:
    """A call the function makes (``method`` at ``line`` of its module) that expires or
    loads objects of its caller."""

    method: str  # commit, rollback, expire_all, expire, refresh
    line: int
    session: int | None  # index of the parameter holding the session; None: an attribute
    target: int | None = None  # expire(p), refresh(p): index of the parameter p
    names: frozenset[str] | None = None  # refresh(p, [...]): those attributes; None: all

    def key(self) -> tuple[object, ...]:
        """What the effect does, wherever it is: the first of each is kept."""
        return (self.method, self.session, self.target, self.names)

    def entry(self) -> str:
        shown = _NAMES_SEP.join(sorted(self.names)) if self.names is not None else None
        fields = (self.method, self.line, self.session, self.target, shown)
        return _SEP.join(_NONE if field is None else str(field) for field in fields)


def effects_of(func: FuncDef) -> list[Effect]:
    """The effects recorded in ``func``'s signature, in line order; [] if none were."""
    carrier = _carrier(func)
    extra = carrier[1].extra_attrs if carrier is not None else None
    if extra is None or EXPIRES_TAG not in extra.immutable:
        return []
    found = []
    for entry in extra.immutable - {EXPIRES_TAG}:
        parts = entry.split(_SEP)
        if len(parts) == 5 and parts[1].isdigit():
            method, line, session, target, shown = parts
            named = None if shown == _NONE else frozenset(filter(None, shown.split(_NAMES_SEP)))
            found.append(Effect(method, int(line), _index(session), _index(target), named))
    return sorted(found, key=lambda effect: effect.line)


def of_call(
    api: CheckerPluginInterface, function: FuncItem, call: CallExpr, *, awaited: bool = True
) -> list[tuple[FuncDef, Effect]]:
    """The effects of the project function that ``call`` (a statement of ``function``)
    calls, each with that function.

    Resolved once per call, kept for the last function asked (reads come function by
    function while mypy checks a module): ``f()``, ``self.m()``, ``repo.m()`` by their
    declarations, else by the receiver's type as mypy inferred it
    (``Repository(session).save()``). An answer that waits for a type mypy has not
    inferred yet (a statement after the read being checked) is not kept. Only a callee
    whose body the call runs counts: an ``async def`` awaited (``awaited``), a plain ``def``
    called."""
    memo = _RESOLVED.get(function, dict, fresh=scope.rechecks_in_place(api))
    found = memo.get(call)
    if found is not None:
        return found
    if not isinstance(function, FuncDef):
        return []
    callee = called(call, function)
    if callee is None and isinstance(call.callee, MemberExpr):
        receiver = scope.inferred_type(api, call.callee.expr)
        if receiver is None:
            return []  # not inferred yet: asked again later
        callee = called(call, function, receiver)
    runs = callee is not None and callee.is_coroutine == awaited
    found = _with_effects(api, callee) if callee is not None and runs else []
    memo[call] = found
    return found


def _with_effects(api: CheckerPluginInterface, callee: FuncDef) -> list[tuple[FuncDef, Effect]]:
    if scope.is_project_module(scope.module_of(api, callee)):
        summarise(callee)  # its body is here: the module being checked, or dmypy
    return [(callee, effect) for effect in effects_of(callee)]


def may_affect(func: FuncDef) -> bool:
    """Whether ``func``'s declaration names a session it could expire objects of (a
    parameter, or an attribute of the class it is a method of), and has a type to keep the
    summary in."""
    if _carrier(func) is None:
        return False
    for argument in func.arguments:
        declared = get_proper_type(argument.variable.type)
        if declared is not None and (
            sessions.is_session_type(declared)
            or (isinstance(declared, Instance) and models.is_tracked(declared.type))
        ):
            return True
    return func.info is not FUNC_NO_INFO and holds_session(func.info)


def holds_session(info: TypeInfo) -> bool:
    """Whether the class ``info`` or one of its bases (``class UserRepository(Repository)``)
    declares an attribute typed as a session (asked for each of its methods in turn: kept for
    the last class, keyed by its symbol table, which dmypy replaces when it merges an edited
    class, or one whose base changed, into the same ``TypeInfo``)."""
    return _HOLDS_SESSION.get(info.names, lambda: _holds_session(info))


def _holds_session(info: TypeInfo) -> bool:
    for base in info.mro:
        for symbol in base.names.values():
            declared = symbol.node.type if isinstance(symbol.node, Var) else None
            if declared is not None and sessions.is_session_type(declared):
                return True
    return False


def summarise(func: FuncDef | Decorator, within: frozenset[FuncDef] = frozenset()) -> None:
    """Record in ``func``'s signature the calls it makes that expire or load its caller's
    objects (idempotent). A function without any is tagged too: dmypy compares signatures
    to decide which callers to check again, and an edit that adds an effect must show."""
    func = func.func if isinstance(func, Decorator) else func
    carrier = _carrier(func)
    if carrier is None or func in within or not func.body.body:
        return
    position, carried = carrier
    if EXPIRES_TAG in _tags(carried):
        return
    found = _effects(func, within | {func})
    attrs = dict(carried.extra_attrs.attrs) if carried.extra_attrs is not None else {}
    entries = {EXPIRES_TAG, *_tags(carried), *(effect.entry() for effect in found)}
    given = carried.copy_modified()
    given.extra_attrs = ExtraAttrs(attrs, entries, None)
    signature = func.type
    assert isinstance(signature, CallableType)  # _carrier found a type in it
    if position == _RETURN:
        func.type = signature.copy_modified(ret_type=given)
    else:
        arg_types = list(signature.arg_types)
        arg_types[position] = given
        func.type = signature.copy_modified(arg_types=arg_types)


def called(call: CallExpr, caller: FuncDef, receiver: Type | None = None) -> FuncDef | None:
    """The function a call names: ``f``, ``self.m``, ``repo.m`` (``repo`` a variable or
    ``self`` attribute declared as a class), or a method of ``receiver``, the type of the
    callee's receiver when mypy inferred it already. SQLAlchemy's methods are not looked
    up (a session's are the effects themselves)."""
    node = scope.referenced(call.callee, caller)
    if node is None and isinstance(call.callee, MemberExpr):
        if receiver is None:
            owner = scope.referenced(call.callee.expr, caller)
            receiver = owner.type if isinstance(owner, Var) else None
        info = receiver_info(receiver) if receiver is not None else None
        if info is None or scope.is_sqlalchemy_module(info.module_name):
            return None
        symbol = info.get(call.callee.name)
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


def awaited_call(statement: Statement) -> CallExpr | None:
    """The call a simple statement awaits: only an awaited call of an ``async def`` runs
    its body, where the effects are."""
    value = history.statement_value(statement)
    awaited = value.expr if isinstance(value, AwaitExpr) else None
    return awaited if isinstance(awaited, CallExpr) else None


def _effects(func: FuncDef, within: frozenset[FuncDef]) -> list[Effect]:
    found: dict[tuple[object, ...], Effect] = {}
    for statement in walk.statements(func):
        for effect in _statement_effects(func, statement, within):
            found.setdefault(effect.key(), effect)
    return sorted(found.values(), key=lambda effect: effect.line)


def _statement_effects(
    func: FuncDef, statement: Statement, within: frozenset[FuncDef]
) -> list[Effect]:
    """What one statement of ``func`` does to its caller's objects."""
    call = statement_call(statement)
    if call is None:
        loaded = _awaited_attribute(func, statement)
        return [loaded] if loaded is not None else []
    callee = call.callee
    awaited = awaited_call(statement) is call
    if (
        isinstance(callee, MemberExpr)
        and callee.name in _SESSION_METHODS
        and sessions.declared_session(callee.expr, func)
    ):
        runs = awaited or callee.name in _SYNC_METHODS
        effect = _direct(func, call, callee.name) if runs else None
        return [effect] if effect is not None else []
    target = called(call, func)
    if target is None or target is func or target.is_coroutine != awaited:
        return []
    summarise(target, within)
    passed = (_passed(func, call, target, inner) for inner in effects_of(target))
    return [effect for effect in passed if effect is not None]


def _direct(func: FuncDef, call: CallExpr, method: str) -> Effect | None:
    """``session.<method>(...)`` on a session ``func`` is given (a parameter) or holds (an
    attribute of ``self``); a session of its own (a local variable) is not the caller's."""
    assert isinstance(call.callee, MemberExpr)
    session = _parameter(func, call.callee.expr)
    if session is None and not isinstance(call.callee.expr, MemberExpr):
        return None  # a local variable: the helper's own session
    if method not in (names.EXPIRE_METHOD, names.REFRESH_METHOD):
        return Effect(method, call.line, session)
    target = _parameter(func, call.args[0]) if call.args else None
    named = history.attribute_names(call)
    if target is None or (method == names.EXPIRE_METHOD and named is not None):
        return None  # an object of its own; expire(obj, ["name"]): not recorded
    return Effect(method, call.line, session, target, named)


def _awaited_attribute(func: FuncDef, statement: Statement) -> Effect | None:
    """``await p.awaitable_attrs.rel`` of a parameter ``p``: loads ``rel`` for the caller."""
    found = history.awaited_attribute(statement)
    index = _parameter(func, found[0]) if found is not None else None
    if found is None or index is None:
        return None
    return Effect(names.REFRESH_METHOD, statement.line, None, index, frozenset({found[1]}))


def _passed(func: FuncDef, call: CallExpr, target: FuncDef, inner: Effect) -> Effect | None:
    """``inner``, an effect of ``target`` that ``call`` in ``func`` makes, in ``func``'s terms
    (its own parameters); None when it touches nothing of ``func``'s caller."""
    session = inner.session
    if session is not None:
        given = argument(call, target, session)
        session = _parameter(func, given) if given is not None else None
    passed = inner.target
    if passed is not None:
        given = argument(call, target, passed)
        passed = _parameter(func, given) if given is not None else None
        if passed is None:
            return None  # an object of the helper's own
    return Effect(inner.method, call.line, session, passed, inner.names)


def loads(call: CallExpr, callee: FuncDef, effect: Effect, target: Var, name: str) -> bool:
    """Whether ``effect`` of ``callee``, called by ``call``, loads ``target.name``."""
    given = argument(call, callee, effect.target)
    return (
        effect.method == names.REFRESH_METHOD
        and given is not None
        and history.variable(given) is target
        and (effect.names is None or name in effect.names)
    )


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


def _carrier(func: FuncDef) -> tuple[int, Instance] | None:
    """Where ``func``'s summary is kept, and its position in the signature (``_RETURN``, or
    a parameter's index): an ``async def``'s coroutine return type; a plain ``def``'s first
    parameter declared as a session, else its ``self`` in a class holding a session."""
    signature = func.type
    if not isinstance(signature, CallableType):
        return None
    if func.is_coroutine:
        ret = get_proper_type(signature.ret_type)
        if isinstance(ret, Instance) and ret.type.fullname == names.COROUTINE:
            return _RETURN, ret
        return None
    for index, typ in enumerate(signature.arg_types):
        declared = get_proper_type(typ)
        if isinstance(declared, Instance) and sessions.is_session_type(declared):
            return index, declared
    info = func.info
    if info is FUNC_NO_INFO or func.is_static or func.is_class or not signature.arg_types:
        return None
    owner = get_proper_type(signature.arg_types[0])
    if not isinstance(owner, Instance) or owner.type is not info or models.is_tracked(info):
        return None  # a model's self carries its read summary (reads.py)
    return (0, owner) if holds_session(info) else None


def _tags(ret: Instance) -> frozenset[str] | set[str]:
    return ret.extra_attrs.immutable if ret.extra_attrs is not None else frozenset()


def _index(field: str) -> int | None:
    return int(field) if field.isdigit() else None
