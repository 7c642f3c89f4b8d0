"""A sync session factory made for an AsyncSession: ``sync_session_class=``.

An ``AsyncSession`` runs its sync ``Session`` through the greenlet bridge; the class (or
factory) it uses is ``sync_session_class``. SQLAlchemy's way to give ``AsyncSession``s
Session-level event listeners is a sync factory made for that argument::

    sync_maker = sessionmaker()
    event.listen(sync_maker, "before_flush", listener)
    maker.configure(sync_session_class=sync_maker)

Such a ``sessionmaker()`` or ``Session`` subclass call never does IO on the event loop,
so alchemy-sync-session leaves it alone. Found by reading the enclosing function (or
module) for the ``sync_session_class=`` keyword, handed either the construction itself or
the variable it was assigned to.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final

from mypy.nodes import (
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    Expression,
    ExpressionStmt,
    MemberExpr,
    NameExpr,
    RefExpr,
    ReturnStmt,
    Statement,
    WithStmt,
)
from mypy.plugin import CheckerPluginInterface

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, walk
from mypy_async_alchemy.families import Family, family_by_name

# The callees that take sync_session_class: the async factories and their configure().
_RECEIVING_FAMILIES: Final = frozenset({Family.ASYNC_SESSION, Family.ASYNC_SESSIONMAKER})


def serves_async_session(api: CheckerPluginInterface, construction: CallExpr) -> bool:
    """Whether ``construction`` is handed to an AsyncSession as its ``sync_session_class``."""
    function = scope.current_function(api)
    module = scope.current_module(api)
    if function is not None:
        body: Iterable[Statement] = walk.statements(function)
    elif module is not None:
        body = (statement for _owner, statement in walk.owned_statements(module))
    else:
        return False
    targets: list[Expression] = []
    handed: list[Expression] = []
    for statement in body:
        if isinstance(statement, AssignmentStmt) and statement.rvalue is construction:
            targets.extend(statement.lvalues)
        for call in _calls(statement):
            if _receives_sync_session_class(call.callee):
                handed.extend(
                    arg
                    for arg, name in zip(call.args, call.arg_names, strict=True)
                    if name == names.SYNC_SESSION_CLASS_ARGUMENT
                )
    return any(
        value is construction or any(_same_target(value, target) for target in targets)
        for value in handed
    )


def _calls(statement: Statement) -> Iterator[CallExpr]:
    """The calls of a statement's own expressions, nested calls and call chains included."""
    if isinstance(statement, (ExpressionStmt, ReturnStmt)) and statement.expr is not None:
        pending = [statement.expr]
    elif isinstance(statement, AssignmentStmt):
        pending = [statement.rvalue]
    elif isinstance(statement, WithStmt):
        pending = list(statement.expr)
    else:
        return
    while pending:
        expr = pending.pop()
        if isinstance(expr, CallExpr):
            yield expr
            pending.extend([expr.callee, *expr.args])
        elif isinstance(expr, (AwaitExpr, MemberExpr)):
            pending.append(expr.expr)


def _receives_sync_session_class(callee: Expression) -> bool:
    if isinstance(callee, MemberExpr) and callee.name == names.CONFIGURE_METHOD:
        return True  # async_sessionmaker.configure(): its type is not known yet here
    if isinstance(callee, RefExpr) and callee.fullname:
        return family_by_name(callee.fullname) in _RECEIVING_FAMILIES
    return False


def _same_target(value: Expression, target: Expression) -> bool:
    """``x`` and ``x``, or ``self.x`` and ``self.x`` (the same variable, by its node)."""
    if isinstance(value, NameExpr) and isinstance(target, NameExpr):
        return value.node is not None and value.node is target.node
    if isinstance(value, MemberExpr) and isinstance(target, MemberExpr):
        return value.name == target.name and _same_target(value.expr, target.expr)
    return False
