"""alchemy-sync-def: async database IO is only called from ``async def`` functions."""

from __future__ import annotations

from typing import Final

from mypy.nodes import (
    AssignmentStmt,
    CallExpr,
    ExpressionStmt,
    FuncDef,
    MemberExpr,
    ReturnStmt,
    YieldExpr,
)
from mypy.plugin import MethodSigContext
from mypy.types import FunctionLike, Instance, Type, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, receivers, report, scope, walk
from mypy_async_alchemy.callbacks import MethodSignatureHookTable
from mypy_async_alchemy.families import ASYNC_IO_FAMILIES, receiver_info, root_of


def async_io_call(ctx: MethodSigContext) -> FunctionLike:
    """A coroutine method of AsyncSession/AsyncConnection/AsyncEngine/async results."""
    func = scope.current_function(ctx.api)
    if (
        isinstance(func, FuncDef)
        and not func.is_coroutine
        and _is_coroutine(ctx.default_signature.ret_type)
        and not scope.is_library_code(ctx.api)
        and receivers.reports_member(ctx)
        and not _handed_to_caller(func, ctx.context)
    ):
        report.error(
            ctx.api,
            messages.SYNC_DEF.format(_label(ctx), func.name),
            messages.SYNC_DEF_NOTE.format(func.name),
            ctx.context,
        )
    return ctx.default_signature


def _handed_to_caller(func: FuncDef, call: object) -> bool:
    """``return session.commit()`` / ``yield conn.scalar(...)``: the caller awaits it."""
    for statement in walk.statements(func):
        if isinstance(statement, ReturnStmt) and statement.expr is call:
            return True
        value = None
        if isinstance(statement, ExpressionStmt):
            value = statement.expr
        elif isinstance(statement, AssignmentStmt):
            value = statement.rvalue
        if isinstance(value, YieldExpr) and value.expr is call:
            return True
    return False


def _is_coroutine(typ: Type) -> bool:
    proper = get_proper_type(typ)
    return isinstance(proper, Instance) and proper.type.fullname == names.COROUTINE


def _label(ctx: MethodSigContext) -> str:
    """``"AsyncSession.execute"``: the SQLAlchemy class, not the subclass or NewType."""
    info = receiver_info(ctx.type)
    root = root_of(info) if info is not None else None
    callee = ctx.context.callee if isinstance(ctx.context, CallExpr) else None
    method = callee.name if isinstance(callee, MemberExpr) else "?"
    return f"{root.name if root is not None else '?'}.{method}"


METHOD_SIGNATURE_HOOKS: Final[MethodSignatureHookTable] = {
    family: dict.fromkeys(names.ASYNC_IO_METHODS, async_io_call) for family in ASYNC_IO_FAMILIES
}
