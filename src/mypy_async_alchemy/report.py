"""Emit an error with its fix as a note; the note carries the error's code.

Giving the note the same code means ``# type: ignore[code]`` and ``disable_error_code``
silence both lines together.
"""

from __future__ import annotations

from mypy.message_registry import ErrorMessage
from mypy.nodes import Context
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
    if isinstance(api, TypeAnalyzerPluginInterface):
        # The type analyser's interface has no message builder; its class has note().
        note_method = getattr(api, "note", None)
        if callable(note_method):
            note_method(note, ctx, code=message.code)
        return
    api.msg.note(note, ctx, code=message.code)
