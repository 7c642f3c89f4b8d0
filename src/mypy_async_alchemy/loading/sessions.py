"""Whether a session expires its objects on commit, carried invisibly on its type.

``async_sessionmaker(engine, expire_on_commit=False)``, ``sessionmaker(...)`` and
``AsyncSession(engine, ...)`` give their result a tag (in the instance's ``extra_attrs``, as
load states are carried: see ``state.py``) that says what ``expire_on_commit=`` is; a
maker's ``__call__`` and ``begin()`` hand the tag on to the sessions they make. The tag is
serialised with the type, so a maker imported from another module (and read from the
incremental cache) still knows. A session without a tag came from somewhere the plugin
cannot see (a parameter typed ``AsyncSession``): its setting is unknown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from mypy.nodes import (
    ARG_STAR2,
    AssignmentStmt,
    CallExpr,
    Expression,
    ExpressionStmt,
    FuncDef,
    MemberExpr,
    MypyFile,
    NameExpr,
    Var,
)
from mypy.plugin import CheckerPluginInterface, FunctionContext, MethodContext
from mypy.types import ExtraAttrs, Instance, Type, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, walk
from mypy_async_alchemy.checks.attributes import literal_bool
from mypy_async_alchemy.families import Family, family_of, receiver_info

# Not identifiers: no member lookup or hasattr() narrowing can meet them.
_EXPIRES: Final = "@alchemy.expire_on_commit"
_KEEPS: Final = "@alchemy.keep_on_commit"
_TAGGED_FAMILIES: Final = frozenset(
    {Family.ASYNC_SESSION, Family.ASYNC_SESSIONMAKER, Family.SESSIONMAKER, Family.SESSION}
)


def expires_on_commit(typ: Type | None) -> bool | None:
    """What the session (or maker) typed ``typ`` does at commit; None if not known."""
    proper = get_proper_type(typ) if typ is not None else None
    extra = proper.extra_attrs if isinstance(proper, Instance) else None
    if extra is None:
        return None
    if _EXPIRES in extra.immutable:
        return True
    if _KEEPS in extra.immutable:
        return False
    return None


def is_session_type(typ: Type) -> bool:
    """Whether ``typ`` is declared as a session (``AsyncSession``, ``Session``, subclasses)."""
    proper = get_proper_type(typ)
    return isinstance(proper, Instance) and (
        proper.type.has_base(names.ASYNC_SESSION) or proper.type.has_base(names.SESSION)
    )


def declared_session(expr: Expression, func: FuncDef) -> bool:
    """Whether ``expr`` in ``func`` is a parameter, variable or ``self`` attribute declared
    as a session (read without expression types: summaries)."""
    node = scope.referenced(expr, func)
    return isinstance(node, Var) and node.type is not None and is_session_type(node.type)


def is_async_session(api: CheckerPluginInterface, expr: Expression) -> bool:
    """Whether ``expr`` is an AsyncSession (its type as mypy inferred it earlier)."""
    typ = scope.inferred_type(api, expr)
    info = receiver_info(typ) if typ is not None else None
    return info is not None and family_of(info) is Family.ASYNC_SESSION


def origin_call(ctx: FunctionContext) -> Type:
    """``async_sessionmaker(...)``, ``sessionmaker(...)``, ``AsyncSession(...)``: the result
    carries ``expire_on_commit=`` (SQLAlchemy's default: true).

    A maker bound to a module-level name that the module reconfigures
    (``maker.configure(expire_on_commit=False)``, anywhere in it) carries what every such
    call and the constructor agree on; unknown when they differ. Calls of ``configure``
    in other modules are not seen."""
    call = ctx.context
    if not isinstance(call, CallExpr):
        return ctx.default_return_type
    expires = _argument(call)
    module = scope.current_module(ctx.api)
    bound = _bound_name(module, call) if module is not None else None
    if module is not None and bound is not None:
        for configured in _configured(module, bound):
            if configured != expires:
                return ctx.default_return_type
    return _tagged(ctx.default_return_type, expires)


def _bound_name(module: MypyFile, call: CallExpr) -> Var | None:
    """The module-level variable ``call`` is assigned to (``maker = async_sessionmaker()``)."""
    for statement in module.defs:
        if (
            isinstance(statement, AssignmentStmt)
            and statement.rvalue is call
            and len(statement.lvalues) == 1
        ):
            target = statement.lvalues[0]
            if isinstance(target, NameExpr) and isinstance(target.node, Var):
                return target.node
    return None


def _configured(module: MypyFile, maker: Var) -> Iterator[bool | None]:
    """``expire_on_commit=`` of each ``maker.configure(...)`` call that sets it."""
    for _owner, statement in walk.owned_statements(module):
        call = statement.expr if isinstance(statement, ExpressionStmt) else None
        if (
            isinstance(call, CallExpr)
            and isinstance(call.callee, MemberExpr)
            and call.callee.name == names.CONFIGURE_METHOD
            and isinstance(call.callee.expr, NameExpr)
            and call.callee.expr.node is maker
            and (names.EXPIRE_ON_COMMIT in call.arg_names or ARG_STAR2 in call.arg_kinds)
        ):
            yield _argument(call)


def from_maker(ctx: MethodContext) -> Type:
    """``maker()``, ``maker.begin()``: the session made has the maker's setting."""
    return _tagged(ctx.default_return_type, expires_on_commit(ctx.type))


def _argument(call: CallExpr) -> bool | None:
    """``expire_on_commit=`` of ``call`` as a literal; None when it is not one (or hidden
    in ``**settings``)."""
    for name, kind, value in zip(call.arg_names, call.arg_kinds, call.args, strict=True):
        if name == names.EXPIRE_ON_COMMIT:
            return literal_bool(value)
        if kind == ARG_STAR2:
            return None
    return True


def _tagged(typ: Type, expires: bool | None) -> Type:
    """``typ`` with the sessions and makers in it (itself, or its type arguments) tagged."""
    if expires is None:
        return typ
    proper = get_proper_type(typ)
    if not isinstance(proper, Instance):
        return typ
    args = tuple(_tagged(arg, expires) for arg in proper.args)
    if family_of(proper.type) not in _TAGGED_FAMILIES:
        if all(new is old for new, old in zip(args, proper.args, strict=True)):
            return typ
        return proper.copy_modified(args=list(args))
    result = proper.copy_modified(args=list(args))
    extra = proper.extra_attrs
    attrs = dict(extra.attrs) if extra is not None else {}
    immutable = set(extra.immutable) - {_EXPIRES, _KEEPS} if extra is not None else set()
    immutable.add(_EXPIRES if expires else _KEEPS)
    result.extra_attrs = ExtraAttrs(attrs, immutable, extra.mod_name if extra else None)
    return result
