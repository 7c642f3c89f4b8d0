"""Emit an error with its fix as a note; the note carries the error's code.

Giving the note the same code means ``# type: ignore[code]`` and ``disable_error_code``
silence both lines together.
"""

from __future__ import annotations

from mypy.message_registry import ErrorMessage
from mypy.nodes import CallExpr, Context, Expression, IndexExpr, IntExpr, MemberExpr, NameExpr
from mypy.plugin import (
    CheckerPluginInterface,
    SemanticAnalyzerPluginInterface,
    TypeAnalyzerPluginInterface,
)


def error(
    api: CheckerPluginInterface | SemanticAnalyzerPluginInterface | TypeAnalyzerPluginInterface,
    message: ErrorMessage,
    note: str,
    ctx: Context,
) -> None:
    """Report ``message`` at ``ctx`` followed by ``note``."""
    api.fail(message.value, ctx, code=message.code)
    if isinstance(api, CheckerPluginInterface):
        api.msg.note(note, ctx, code=message.code)
        return
    # The analysers' own note() drops the note where they drop the error (unchecked
    # functions); their plugin interfaces do not declare it.
    note_method = getattr(api, "note", None)
    if callable(note_method):
        note_method(note, ctx, code=message.code)


def spelled(expr: Expression) -> str | None:
    """``order.lines[0]``, ``maker.begin()``: an expression as the user wrote it, if simple."""
    if isinstance(expr, NameExpr):
        return expr.name
    if isinstance(expr, MemberExpr):
        inner = spelled(expr.expr)
        return f"{inner}.{expr.name}" if inner else None
    if isinstance(expr, IndexExpr):
        inner = spelled(expr.base)
        index = str(expr.index.value) if isinstance(expr.index, IntExpr) else "..."
        return f"{inner}[{index}]" if inner else None
    if isinstance(expr, CallExpr):
        inner = spelled(expr.callee)
        return f"{inner}({'...' if expr.args else ''})" if inner else None
    return None
