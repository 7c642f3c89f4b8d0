"""Reads of columns: expired objects (``expiry.py``), then columns that were not loaded.

A column is not loaded with its object when its declaration defers it
(``mapped_column(deferred=True)``, ``deferred(...)``, ``deferred_group=``) and the query
did not ``undefer()`` it, or when the query deferred it (``defer(Order.notes)``,
``load_only(...)`` naming other columns). Reading it then emits a ``SELECT``: implicit IO,
``MissingGreenlet`` (or ``InvalidRequestError`` for ``raiseload``). The query's column
options are entries of the object's load state like its relationships' (``"notes"``
loaded, ``"-notes"`` deferred, ``"!notes"`` raising: ``options.py``).
"""

from __future__ import annotations

from mypy.nodes import MemberExpr, TypeInfo
from mypy.plugin import AttributeContext
from mypy.types import Type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope
from mypy_async_alchemy.config import Config
from mypy_async_alchemy.loading import access, expiry, history, models
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.loading.state import State


def column_read(ctx: AttributeContext, *, config: Config) -> Type:
    """The attribute hook of mapped columns."""
    context = ctx.context
    found = states.model_and_state(ctx.type)
    if not isinstance(context, MemberExpr) or ctx.is_lvalue or found is None:
        return ctx.default_attr_type
    model, state = found
    if state is None and not config.strict:
        return ctx.default_attr_type  # default mode: objects of known state only
    if not expiry.check(ctx, model, state, config=config):
        _check_loaded(ctx, context, model, state)
    return ctx.default_attr_type


def _check_loaded(
    ctx: AttributeContext, context: MemberExpr, model: TypeInfo, state: State | None
) -> None:
    name = context.name
    how = states.column_unloaded(model, name, state if state is not None else states.NOTHING)
    if how is None or scope.is_library_code(ctx.api) or scope.in_sync_callback(ctx.api):
        return
    function = scope.current_function(ctx.api)
    changes = history.changes(
        ctx.api, function, history.variable(context.expr), name, context.line
    )
    if changes:
        return  # refreshed, assigned or awaited since the query
    _report(ctx, model, name, how, state)


def _report(
    ctx: AttributeContext, model: TypeInfo, name: str, how: str, state: State | None
) -> None:
    assert isinstance(ctx.context, MemberExpr)
    column = f"{model.name}.{name}"
    receiver = report.spelled(ctx.context.expr) or model.name.lower()
    origin = states.origin(state) if state is not None else None
    undefer = f"{names.UNDEFER_LOADER}({column})"
    option = f"{access.loader_chain(origin, None)}.{undefer}" if origin else undefer
    if state is None:
        message = messages.DEFERRED_UNKNOWN.format(column, receiver)
    else:
        message = messages.DEFERRED_RAISES if how == models.RAISES else messages.DEFERRED
        message = message.format(column)
    if how != models.RAISES and model.has_base(names.ASYNC_ATTRS):
        note = messages.DEFERRED_AWAITABLE_NOTE.format(
            option, f"{receiver}.awaitable_attrs.{name}"
        )
    else:
        note = messages.DEFERRED_NOTE.format(option)
    report.error(ctx.api, message, note, ctx.context)
