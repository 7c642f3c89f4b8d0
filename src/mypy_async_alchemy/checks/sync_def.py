"""alchemy-sync-def: async database IO is only called from ``async def`` functions."""

from __future__ import annotations

from typing import Final

from mypy.nodes import CallExpr, FuncDef, MemberExpr
from mypy.plugin import MethodSigContext
from mypy.types import FunctionLike, Instance, Type, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope
from mypy_async_alchemy.callbacks import MethodSignatureHookTable
from mypy_async_alchemy.families import ASYNC_IO_FAMILIES, receiver_info, root_of


def async_io_call(ctx: MethodSigContext) -> FunctionLike:
    """A coroutine method of AsyncSession/AsyncConnection/AsyncEngine/async results."""
    if _is_coroutine(ctx.default_signature.ret_type) and not scope.is_library_code(ctx.api):
        func = scope.current_function(ctx.api)
        if isinstance(func, FuncDef) and not func.is_coroutine:
            label = _label(ctx)
            report.error(
                ctx.api,
                messages.SYNC_DEF.format(label, func.name),
                messages.SYNC_DEF_NOTE.format(func.name),
                ctx.context,
            )
    return ctx.default_signature


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
