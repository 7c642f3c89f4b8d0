"""alchemy-sync-session, alchemy-sync-engine: one mistake, one report.

``with Session(engine) as session:`` is reported where the sync Session is created; the
calls on ``session`` after it are the same mistake and are not reported again. That holds
for a local variable of the function making the call whose every binding there is a
creation the rules report:

- ``Session(...)``, ``scoped_session(...)`` (subclasses too; not an unbound ``Session()``
  nor a factory handed over as ``sync_session_class``), ``create_engine(...)``,
  ``engine_from_config(...)``;
- ``maker()``, ``maker.begin()``, ``scoped()``: a sync Session from its factory;
- ``engine.connect()``, ``engine.begin()``, ``session.connection()``: a Connection, reported
  there (or itself a call on such a local variable).

A receiver from anywhere else (a parameter, an attribute, a module variable, a variable of
an enclosing function, a loop variable, a variable also bound to something else) keeps
every call reported. The creation and the call are in the same function, so the same
reasons (run_sync callback, worker thread) exempt both or neither.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from mypy.nodes import (
    LDEF,
    AssignmentStmt,
    CallExpr,
    Expression,
    ForStmt,
    FuncItem,
    GlobalDecl,
    MemberExpr,
    NameExpr,
    NonlocalDecl,
    OperatorAssignmentStmt,
    RefExpr,
    TryStmt,
    TypeInfo,
    Var,
    WithStmt,
)
from mypy.plugin import CheckerPluginInterface
from mypy.types import Instance, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, walk
from mypy_async_alchemy.checks.sync_session_class import serves_async_session
from mypy_async_alchemy.families import Family, family_of, root_of

# Classes whose construction is reported and whose instances have reported IO methods.
_CONSTRUCTED: Final = frozenset({Family.SESSION, Family.SCOPED_SESSION})
# Calls of a sync factory that are reported (or not reported again) and hand out an object
# with reported IO methods: ``maker.begin()`` (as a ``with`` item), ``engine.connect()``.
_CREATING_METHODS: Final = {
    Family.SESSIONMAKER: frozenset({names.SESSION_FACTORY_BEGIN}),
    Family.ENGINE: names.ENGINE_CONNECTION_METHODS,
    Family.SESSION: frozenset({names.SESSION_CONNECTION_METHOD}),
    Family.SCOPED_SESSION: frozenset({names.SESSION_CONNECTION_METHOD}),
}
_CALLED_FACTORIES: Final = frozenset({Family.SESSIONMAKER, Family.SCOPED_SESSION})


def unbound_session(created: str, call: CallExpr) -> bool:
    """``Session()`` with no argument: bound to nothing, it can do no IO (advanced-alchemy
    uses one to collect an object's cascade in memory). Its IO methods are reported as any
    other's; a subclass may bind itself in ``__init__``, so only Session itself counts."""
    return created == names.SESSION and not call.args


def repeats_creation(api: CheckerPluginInterface, call: object) -> bool:
    """Whether ``call`` is made on a local variable whose creation was reported."""
    function = scope.current_function(api)
    if not (
        isinstance(function, FuncItem)
        and isinstance(call, CallExpr)
        and isinstance(call.callee, MemberExpr)
    ):
        return False
    receiver = call.callee.expr
    if not (
        isinstance(receiver, NameExpr) and receiver.kind == LDEF and isinstance(receiver.node, Var)
    ):
        return False
    var = receiver.node
    if any(argument.variable is var for argument in function.arguments):
        return False
    values = list(_bindings(function, var))
    return bool(values) and all(
        value is not None and _reported_creation(api, value) for value in values
    )


def _bindings(function: FuncItem, var: Var) -> Iterator[Expression | None]:
    """The values ``var`` is bound to in ``function``; None for a binding of another form."""
    for statement in walk.statements(function):
        if isinstance(statement, AssignmentStmt):
            for lvalue in statement.lvalues:
                if walk.binds(lvalue, var):
                    yield statement.rvalue if isinstance(lvalue, NameExpr) else None
        elif isinstance(statement, WithStmt):
            for item, target in zip(statement.expr, statement.target, strict=True):
                if target is not None and walk.binds(target, var):
                    yield item if isinstance(target, NameExpr) else None
        elif isinstance(statement, ForStmt):
            if walk.binds(statement.index, var):
                yield None
        elif isinstance(statement, OperatorAssignmentStmt):
            if walk.binds(statement.lvalue, var):
                yield None
        elif isinstance(statement, TryStmt):
            if any(name is not None and walk.binds(name, var) for name in statement.vars):
                yield None
        elif isinstance(statement, (GlobalDecl, NonlocalDecl)) and var.name in statement.names:
            yield None


def _reported_creation(api: CheckerPluginInterface, value: Expression) -> bool:
    """Whether ``value`` creates a sync Session, Engine or Connection that a rule reports."""
    if not isinstance(value, CallExpr):
        return False
    callee = value.callee
    if isinstance(callee, RefExpr):
        if callee.fullname in names.SYNC_ENGINE_FACTORIES:
            return True
        if isinstance(callee.node, TypeInfo):
            info = callee.node
            return (
                family_of(info) in _CONSTRUCTED
                and not info.is_newtype
                and not unbound_session(info.fullname, value)
                and not serves_async_session(api, value)
            )
    factory = _family(api, callee)
    if factory in _CALLED_FACTORIES:
        # ``maker()``: reported when it hands out a Session (not Any).
        created = _instance(api, value)
        root = root_of(created.type) if created is not None else None
        return root is not None and family_of(root) is Family.SESSION
    if isinstance(callee, MemberExpr):
        receiver = _family(api, callee.expr)
        return receiver is not None and callee.name in _CREATING_METHODS.get(receiver, ())
    return False


def _family(api: CheckerPluginInterface, expr: Expression) -> Family | None:
    instance = _instance(api, expr)
    return family_of(instance.type) if instance is not None else None


def _instance(api: CheckerPluginInterface, expr: Expression) -> Instance | None:
    """The type mypy inferred for ``expr`` (checked before the call), if one class's.

    A union (``Session | AsyncSession``) is None: such a receiver may not be reported.
    """
    typ = scope.inferred_type(api, expr)
    proper = get_proper_type(typ) if typ is not None else None
    return proper if isinstance(proper, Instance) else None
