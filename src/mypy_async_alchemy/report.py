"""Emit an error with its fix as a note; the note carries the error's code.

Giving the note the same code means ``# type: ignore[code]`` and ``disable_error_code``
silence both lines together.

mypy checks some code more than once and watches the errors of a pass to decide what to do
(which overload of a call applies, which type context an assignment uses); a report of the
plugin's is about the code, not about the pass, so it never takes part in those decisions:
it sets no watcher's "new errors" flag. It goes past the watchers that would keep it from
the user when the pass it was made in wins: the alternatives of an overloaded call (mypy 2.x
marks them ``filter_revealed_type``; mypy drops the errors of the one it picks) and watchers
that save errors to add them back later. mypy removes the copies that each pass makes (the
same message on the same line appears once). The other watchers hide it, as they hide
mypy's own errors: their passes are speculative (reading an assignment target as a value
to infer a context, say).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from mypy.errors import ErrorWatcher
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
    if isinstance(api, CheckerPluginInterface):
        with _outside_decisions(api):
            api.fail(message.value, ctx, code=message.code)
            api.msg.note(note, ctx, code=message.code)
        return
    api.fail(message.value, ctx, code=message.code)
    # The analysers' own note() drops the note where they drop the error (unchecked
    # functions); their plugin interfaces do not declare it.
    note_method = getattr(api, "note", None)
    if callable(note_method):
        note_method(note, ctx, code=message.code)


@contextmanager
def _outside_decisions(api: CheckerPluginInterface) -> Iterator[None]:
    """mypy's error list as a report of the plugin's should meet it (see above)."""
    errors = api.msg.errors
    watchers = getattr(errors, "_watchers", None)
    if not isinstance(watchers, list) or not watchers:
        yield
        return
    binder = getattr(api, "binder", None)
    unreachable = binder is not None and binder.is_unreachable()
    kept = [w for w in watchers if unreachable or not _passes_by(w)]
    flags = [(w, getattr(w, "_has_new_errors", False)) for w in kept]
    errors._watchers = kept
    try:
        yield
    finally:
        errors._watchers = watchers
        for watcher, flag in flags:
            watcher._has_new_errors = flag


def _passes_by(watcher: ErrorWatcher) -> bool:
    """Whether a report goes past ``watcher``: an overload alternative, or one that saves."""
    saves = getattr(watcher, "_filtered", None) is not None
    return saves or getattr(watcher, "filter_revealed_type", False) is True


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
