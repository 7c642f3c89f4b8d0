"""Emit an error with its fix as a note; the note carries the error's code.

Giving the note the same code means ``# type: ignore[code]`` and ``disable_error_code``
silence both lines together.
"""

from __future__ import annotations

from mypy.message_registry import ErrorMessage
from mypy.nodes import Context
from mypy.plugin import CheckerPluginInterface, SemanticAnalyzerPluginInterface


def error(
    api: CheckerPluginInterface | SemanticAnalyzerPluginInterface,
    message: ErrorMessage,
    note: str,
    ctx: Context,
) -> None:
    """Report ``message`` at ``ctx`` followed by ``note``."""
    api.fail(message.value, ctx, code=message.code)
    api.msg.note(note, ctx, code=message.code)
