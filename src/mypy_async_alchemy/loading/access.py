"""Reads of relationship attributes: ``order.lines`` and ``await order.awaitable_attrs.lines``."""

from __future__ import annotations

import enum
from typing import Final

from mypy.nodes import (
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    Expression,
    ExpressionStmt,
    ForStmt,
    ListExpr,
    MemberExpr,
    NameExpr,
    Statement,
    StrExpr,
    TupleExpr,
    TypeInfo,
    Var,
)
from mypy.plugin import AttributeContext
from mypy.types import Instance, Type, UnionType, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope, walk
from mypy_async_alchemy.loading import lifecycle, models
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.loading.state import EVERYTHING, FORCED_RAISE, ORIGIN_SEP, State

_DEFAULT_LOADER: Final = "selectinload"


def relationship_read(ctx: AttributeContext, *, strict: bool) -> Type:
    """``obj.rel``: report a lazy load; give loaded children their own state.

    Replacing a collection (``order.lines = [...]``) loads the old one first, to record what
    was removed: it is checked as a read. Assigning a scalar (``line.order = o``) loads
    nothing.
    """
    if not isinstance(ctx.context, MemberExpr):
        return ctx.default_attr_type
    name = ctx.context.name
    receiver = ctx.type
    # mypy hands union receivers (``a if c else b``) over whole: each member must be loaded.
    members = receiver.items if isinstance(receiver, UnionType) else [receiver]
    found = [states.model_and_state(member) for member in members]
    objects = [item for item in found if item is not None]
    if not objects or scope.is_library_code(ctx.api):
        return ctx.default_attr_type
    model = objects[0][0]
    lazy = models.strategy(model, name)
    if lazy is None or (ctx.is_lvalue and not models.is_collection(model, name)):
        return ctx.default_attr_type
    history = _history(ctx, ctx.context.expr, name)
    objects, flushed_at = _after_flush(ctx, ctx.context.expr, model, objects, history)
    refreshed = any(event is _Event.RESET for _line, event in history)
    event = _last_event(history, reads_from=flushed_at)
    unknown = any(state is None for _model, state in objects)
    if strict:
        # Strict mode: a state that is not proven counts as nothing loaded.
        known = [states.NOTHING if state is None else state for _model, state in objects]
    else:
        known = [state for _model, state in objects if state is not None]
        if unknown:
            # Default mode reports only what a known state lacks.
            known = [
                state
                for state in known
                if event is _Event.UNLOADED
                or not is_loaded(state, model, name, lazy, refreshed=refreshed)
            ]
            if not known:
                return ctx.default_attr_type
    state = frozenset.intersection(*known)
    if not (
        (event is not _Event.UNLOADED and is_loaded(state, model, name, lazy, refreshed=refreshed))
        or scope.in_sync_callback(ctx.api)
        or event is _Event.LOADED
    ):
        _report(ctx, model, name, state)
        return ctx.default_attr_type
    if ctx.is_lvalue or (unknown and not strict):
        return ctx.default_attr_type
    children = states.child_state(state, model, name)
    return states.map_states(ctx.api, ctx.default_attr_type, lambda _m, _s: children)


def _after_flush(
    ctx: AttributeContext,
    receiver: Expression,
    model: TypeInfo,
    objects: list[tuple[TypeInfo, State | None]],
    history: _History,
) -> tuple[list[tuple[TypeInfo, State | None]], int]:
    """A constructed object that a flush made persistent (see ``lifecycle.py``).

    Also returns the flush's line (0 if none): reads before it loaded nothing that lasts.
    """
    target = _variable(receiver)
    if target is None or not any(state and EVERYTHING in state for _m, state in objects):
        return objects, 0
    found = lifecycle.flushed_state(ctx.api, model, target, ctx.context.line)
    if found is None:
        return objects, 0
    persistent, line = found
    if any(event is _Event.RESET and at >= line for at, event in history):
        # refresh(obj) expired what it was given and reloaded only what lazy= loads.
        persistent = frozenset()
    return [
        (m, persistent if state and EVERYTHING in state else state) for m, state in objects
    ], line


def awaitable_attribute(ctx: AttributeContext, *, strict: bool) -> Type:
    """``obj.awaitable_attrs.rel``: ``Awaitable[<type of obj.rel>]``, loaded.

    The await may load, but not a relationship whose lazy load raises (``lazy="raise"``,
    ``raiseload()``): that is reported as a read would be.
    """
    context = ctx.context
    if not (isinstance(context, MemberExpr) and isinstance(context.expr, MemberExpr)):
        return ctx.default_attr_type
    owner_type = get_proper_type(scope.expression_type(ctx.api, context.expr.expr))
    if not isinstance(owner_type, Instance):
        return ctx.default_attr_type
    found = states.model_and_state(owner_type)
    model = found[0] if found is not None else owner_type.type
    attribute = _mapped_value_type(model, context.name)
    if attribute is None:
        report.error(
            ctx.api,
            messages.AWAITABLE_UNKNOWN.format(model.name, context.name),
            messages.AWAITABLE_UNKNOWN_NOTE.format(model.name, _public_names(model)),
            context,
        )
        return ctx.default_attr_type
    state = found[1] if found is not None else None
    if state is None and strict:
        state = states.NOTHING
    if state is not None:
        history = _history(ctx, context.expr.expr, context.name)
        after, flushed_at = _after_flush(ctx, context.expr.expr, model, [(model, state)], history)
        state = after[0][1] or state
        if (
            _await_raises(state, model, context.name)
            and _last_event(history, reads_from=flushed_at) is not _Event.LOADED
        ):
            _report(ctx, model, context.name, state, awaitable=False)
        children = states.child_state(state, model, context.name)
        attribute = states.map_states(ctx.api, attribute, lambda _m, _s: children)
    return ctx.api.named_generic_type(names.AWAITABLE, [attribute])


def _await_raises(state: State, model: TypeInfo, name: str) -> bool:
    lazy = models.strategy(model, name)
    return (
        lazy is not None
        and not is_loaded(state, model, name, lazy)
        and _lazy_raises(state, model, name)
    )


def _lazy_raises(state: State, model: TypeInfo, name: str) -> bool:
    """Whether a lazy load of ``model.name`` raises (``lazy="raise"``, ``raiseload()``)."""
    forced = states.forced(state, name)
    if forced is not None:
        return forced == FORCED_RAISE
    return models.strategy(model, name) in models.RAISE_STRATEGIES


def is_loaded(
    state: State, model: TypeInfo, name: str, lazy: str, *, refreshed: bool = False
) -> bool:
    """Whether reading relationship ``model.name`` (``lazy=`` strategy) emits no SQL.

    ``refreshed``: the object itself was reloaded by ``session.refresh(obj)``, which loads
    its selectin/subquery/immediate collections without SQLAlchemy's cycle check (measured;
    ``joined`` ones, many-to-ones and the objects below it keep the check).
    """
    if EVERYTHING in state or name in state or lazy in models.NO_IO_STRATEGIES:
        return True
    if states.forced(state, name) is not None:
        return False
    if lazy not in models.KNOWN_STRATEGIES:
        return True  # a strategy the plugin cannot read: no guess
    if lazy not in models.EAGER_STRATEGIES:
        return False
    if refreshed and lazy in models.POST_LOAD_STRATEGIES:
        return True
    return _strategy_applies(state, model, name, lazy)


def _strategy_applies(state: State, model: TypeInfo, name: str, lazy: str) -> bool:
    """Whether SQLAlchemy runs the eager ``lazy=`` strategy of ``model.name`` at this depth.

    With ``join_depth=N`` it stops after N hops from the query's entity. Without it,
    ``selectin``/``joined``/``subquery`` collections are skipped when their target class is
    already on the load path: a self-referential ``Node.children`` is never loaded by its
    strategy, nor ``member.team.members`` by a query for ``Member`` (measured).

    Not modelled, so counted as loaded (the plugin may miss, never cry wolf): many-to-ones
    in a cycle (skipped too, but their lazy load finds the object in the session when the
    query loaded it: ``post.author`` of ``user.posts``), ``joined`` below the first hop (a
    selectin/subquery hop above runs a query of its own, where it is not skipped), and
    ``immediate`` collections (loaded at every depth).
    """
    owners = states.path_owners(state, model)
    if owners is None or not models.is_collection(model, name):
        return True
    depth = models.join_depth(model, name)
    if depth is not None:
        return len(owners) <= depth
    if lazy == models.IMMEDIATE_STRATEGY or (lazy == models.JOINED_STRATEGY and len(owners) > 1):
        return True
    target = models.target(model, name)
    return target is None or not (target.name in owners or model.has_base(target.fullname))


def path_loaded(model: TypeInfo, state: State, path: str) -> bool:
    """Whether every relationship along ``path`` (``"lines.product"``) is loaded."""
    current: TypeInfo | None = model
    for segment in path.split("."):
        if current is None:
            return True  # the target class is not known: nothing to hold against the call
        lazy = models.strategy(current, segment)
        if lazy is None:
            return True
        if not is_loaded(state, current, segment, lazy):
            return False
        state = states.child_state(state, current, segment)
        current = models.target(current, segment)
    return True


def _report(
    ctx: AttributeContext, model: TypeInfo, name: str, state: State, *, awaitable: bool = True
) -> None:
    """Report ``model.name`` as not loaded; ``awaitable``: suggest awaitable_attrs if it can."""
    shown = ", ".join(f'"{path}"' for path in states.paths(state)) or messages.LAZY_LOAD_NOTHING
    assert isinstance(ctx.context, MemberExpr)
    receiver = report.spelled(ctx.context.expr) or model.name.lower()
    chain = _loader_chain(states.origin(state), f"{model.name}.{name}")
    note = (
        messages.LAZY_LOAD_AWAITABLE_NOTE.format(chain, f"{receiver}.awaitable_attrs.{name}")
        if awaitable and not _lazy_raises(state, model, name) and model.has_base(names.ASYNC_ATTRS)
        else messages.LAZY_LOAD_NOTE.format(chain)
    )
    report.error(
        ctx.api, messages.LAZY_LOAD.format(f"{model.name}.{name}", shown), note, ctx.context
    )


def _loader_chain(origin: str | None, step: str) -> str:
    """``selectinload(Order.lines).selectinload(Line.product)``."""
    steps = [*origin.split(ORIGIN_SEP), step] if origin else [step]
    first, *rest = steps
    return f"{_DEFAULT_LOADER}({first})" + "".join(f".{_DEFAULT_LOADER}({s})" for s in rest)


class _Event(enum.Enum):
    """What a statement did to ``obj.rel``."""

    LOADED = "loaded"  # assigned, refreshed by name
    AWAITED = "awaited"  # read through awaitable_attrs: loaded, unless a flush came after
    RESET = "reset"  # refresh(obj): back to what the object's query loaded
    UNLOADED = "unloaded"  # refresh(node, ["parent"]) of a self-referential many-to-one


_History = list[tuple[int, _Event]]


def _history(ctx: AttributeContext, receiver: Expression, name: str) -> _History:
    """``(line, event)`` of the statements before this read that changed ``obj.rel``, in
    order (one walk of the function serves every question a read asks about it)."""
    target = _variable(receiver)
    function = scope.current_function(ctx.api)
    if target is None or function is None:
        return []
    found: _History = []
    for statement in walk.statements(function):
        if statement.line < ctx.context.line:
            event = _effect(statement, target, name)
            if event is not None:
                found.append((statement.line, event))
    return found


def _last_event(history: _History, *, reads_from: int = 0) -> _Event | None:
    """The last event of ``history``; an awaited read counts as loading from line
    ``reads_from`` on (reads of a transient object flushed later store nothing that lasts)."""
    counted = [
        _Event.LOADED if event is _Event.AWAITED else event
        for line, event in history
        if event is not _Event.AWAITED or line >= reads_from
    ]
    return counted[-1] if counted else None


def _effect(statement: Statement, target: Var, name: str) -> _Event | None:
    """What ``statement`` does to ``target.name``; None if nothing."""
    if isinstance(statement, AssignmentStmt) and any(
        isinstance(lvalue, MemberExpr) and lvalue.name == name and _variable(lvalue.expr) is target
        for lvalue in statement.lvalues
    ):
        return _Event.LOADED
    value = _statement_value(statement)
    if not isinstance(value, AwaitExpr):
        return None
    awaited = value.expr
    if (
        isinstance(awaited, MemberExpr)
        and awaited.name == name
        and isinstance(awaited.expr, MemberExpr)
        and awaited.expr.name == names.AWAITABLE_ATTRS
        and _variable(awaited.expr.expr) is target
    ):
        return _Event.AWAITED
    return _refresh_effect(awaited, target, name)


def _statement_value(statement: Statement) -> Expression | None:
    """The expression a simple statement evaluates: ``x``, ``y = x``, ``for _ in x``."""
    if isinstance(statement, ExpressionStmt):
        return statement.expr
    if isinstance(statement, AssignmentStmt):
        return statement.rvalue
    if isinstance(statement, ForStmt):
        return statement.expr
    return None


def _refresh_effect(call: Expression, target: Var, name: str) -> _Event | None:
    """``session.refresh(obj, ["rel"])`` loads ``rel``; ``session.refresh(obj)`` resets it."""
    if not (
        isinstance(call, CallExpr)
        and isinstance(call.callee, MemberExpr)
        and call.callee.name == names.REFRESH_METHOD
        and call.args
        and _variable(call.args[0]) is target
    ):
        return None
    for index, (arg, arg_name) in enumerate(zip(call.args, call.arg_names, strict=True)):
        if arg_name == names.ATTRIBUTE_NAMES_KWARG or (arg_name is None and index == 1):
            named = isinstance(arg, (ListExpr, TupleExpr)) and any(
                isinstance(item, StrExpr) and item.value == name for item in arg.items
            )
            if not named:
                return None
            return _Event.UNLOADED if _refresh_skips(target, name) else _Event.LOADED
    return _Event.RESET


def _refresh_skips(target: Var, name: str) -> bool:
    """``refresh(node, ["parent"])`` leaves a self-referential many-to-one unloaded."""
    declared = get_proper_type(target.type) if target.type is not None else None
    items = declared.items if isinstance(declared, UnionType) else [declared]
    for item in items:
        found = states.model_and_state(item) if item is not None else None
        if found is not None:
            model = found[0]
            related = models.target(model, name)
            return (
                related is not None
                and model.has_base(related.fullname)
                and not models.is_collection(model, name)
            )
    return False


def _variable(expr: Expression) -> Var | None:
    if isinstance(expr, NameExpr) and isinstance(expr.node, Var):
        return expr.node
    return None


def _mapped_value_type(model: TypeInfo, name: str) -> Type | None:
    """``X`` of the ``Mapped[X]`` (or WriteOnly/Dynamic) attribute ``name``; None if absent."""
    for base in model.mro:
        symbol = base.names.get(name)
        if symbol is None:
            continue
        declared = get_proper_type(symbol.type) if symbol.type is not None else None
        if isinstance(declared, Instance) and declared.args:
            return declared.args[0]
        return None
    return None


def _public_names(model: TypeInfo) -> str:
    found = sorted(
        {name for base in model.mro[:-1] for name in base.names if not name.startswith("_")}
    )
    return ", ".join(f'"{name}"' for name in found[:12]) or "none"
