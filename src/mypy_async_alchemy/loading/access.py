"""Reads of relationship attributes: ``order.lines`` and ``await order.awaitable_attrs.lines``."""

from __future__ import annotations

from typing import Final

from mypy.nodes import AssignmentStmt, Expression, IndexExpr, MemberExpr, TypeInfo
from mypy.plugin import AttributeContext
from mypy.types import Instance, Type, UnionType, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope
from mypy_async_alchemy.config import Config
from mypy_async_alchemy.loading import expiry, lifecycle, merges, models
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.loading.history import Change, Event, changes, last_change, last_event
from mypy_async_alchemy.loading.history import variable as _variable
from mypy_async_alchemy.loading.state import EVERYTHING, FORCED_RAISE, ORIGIN, ORIGIN_SEP, State

_DEFAULT_LOADER: Final = "selectinload"


def relationship_read(ctx: AttributeContext, *, config: Config) -> Type:
    """``obj.rel``: report a lazy load; give loaded children their own state.

    Replacing a collection (``order.lines = [...]``) loads the old one first, to record what
    was removed: it is checked as a read. Assigning a scalar (``line.order = o``) loads
    nothing. A read of an expired object is reported as that (``expiry.py``) and only so.
    """
    strict = config.strict
    if not isinstance(ctx.context, MemberExpr):
        return ctx.default_attr_type
    name = ctx.context.name
    receiver = ctx.type
    found = _objects(receiver)
    if any(item is not None and item[1] is None for item in found):
        # A state mypy lost when it merged values (``[a, b]``, ``a if c else b``).
        merged = merges.alternatives(ctx.api, ctx.context.expr)
        recovered = [item for typ in merged or [] for item in _objects(typ) if item is not None]
        if recovered and all(item[1] is not None for item in recovered):
            found = list(recovered)
    objects = [item for item in found if item is not None]
    if not objects or scope.is_library_code(ctx.api):
        return ctx.default_attr_type
    model = objects[0][0]
    lazy = models.strategy(model, name)
    if lazy is None or (ctx.is_lvalue and not models.is_collection(model, name)):
        return ctx.default_attr_type
    if not strict and all(state is None for _model, state in objects):
        return ctx.default_attr_type  # default mode: objects of known state only
    if (
        lazy not in models.NO_IO_STRATEGIES
        and len(objects) == 1
        and expiry.check(ctx, model, objects[0][1], config=config)
    ):
        return ctx.default_attr_type
    history = _history(ctx, ctx.context.expr, name)
    objects, flushed_at = _after_flush(ctx, ctx.context.expr, model, objects, history)
    refreshed = any(change.event is Event.RESET for change in history)
    event = last_event(history, reads_from=flushed_at)
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
                if event is Event.UNLOADED
                or not is_loaded(state, model, name, lazy, refreshed=refreshed)
            ]
            if not known:
                return ctx.default_attr_type
    state = frozenset.intersection(*known)
    if not (
        (event is not Event.UNLOADED and is_loaded(state, model, name, lazy, refreshed=refreshed))
        or scope.in_sync_callback(ctx.api)
        or event is Event.LOADED
    ):
        proven = [state for _model, state in objects if state is not None]
        _report(ctx, model, name, state, unknown=not proven)
        return ctx.default_attr_type
    if ctx.is_lvalue or (unknown and not strict):
        return ctx.default_attr_type
    last = last_change(history, reads_from=flushed_at)
    if flushed_at and last is not None and last.event is Event.LOADED and last.line > flushed_at:
        # A constructed object, flushed, then refresh(obj, ["rel"]): the objects it gave rel
        # lose what the constructor gave them (their back-populated side included; measured).
        # Objects of a query keep theirs.
        state = frozenset(entry for entry in state if entry.startswith(ORIGIN))
    children = _children(ctx, ctx.context.expr, model, name, state, _assignment(history))
    return states.map_states(ctx.default_attr_type, lambda _m, _s: children)


def _objects(typ: Type) -> list[tuple[TypeInfo, State | None] | None]:
    """``(model, state)`` of each member of ``typ``: mypy hands union receivers over whole
    (``a if c else b`` in a union context), and each member must be loaded."""
    proper = get_proper_type(typ)
    members = proper.items if isinstance(proper, UnionType) else [proper]
    return [states.model_and_state(member) for member in members]


def _assignment(history: list[Change]) -> AssignmentStmt | None:
    """The assignment whose objects ``obj.rel`` holds: awaits after it load nothing new."""
    for change in reversed(history):
        if change.event is not Event.AWAITED:
            assigned = change.event is Event.ASSIGNED
            return (
                change.statement
                if isinstance(change.statement, AssignmentStmt) and assigned
                else None
            )
    return None


def _children(
    ctx: AttributeContext,
    receiver: Expression,
    model: TypeInfo,
    name: str,
    state: State,
    assignment: AssignmentStmt | None,
) -> State:
    """The state of the objects behind ``receiver.name`` (``receiver`` in ``state``).

    After ``obj.rel = [Target(...)]`` they are the objects constructed there, not the ones
    the query loaded: transient until a flush after the assignment (a lazy load's autoflush
    included), persistent with nothing loaded then (see ``lifecycle.assigned_state``).
    """
    children = states.child_state(state, model, name)
    target = _variable(receiver)
    function = scope.current_function(ctx.api)
    if assignment is None or target is None or function is None:
        return children

    def emits_sql(other: str, line: int) -> bool:
        lazy = models.strategy(model, other)
        event = last_event(changes(ctx.api, function, target, other, line))
        loaded = event is Event.LOADED or (
            event is not Event.UNLOADED
            and lazy is not None
            and is_loaded(state, model, other, lazy)
        )
        return not loaded

    assigned = lifecycle.assigned_state(
        ctx.api,
        model,
        name,
        target,
        assignment,
        ctx.context.line,
        persistent_owner=EVERYTHING not in state,
        emits_sql=emits_sql,
    )
    if assigned is None:
        return children
    return assigned | {entry for entry in children if entry.startswith(ORIGIN)}


def _after_flush(
    ctx: AttributeContext,
    receiver: Expression,
    model: TypeInfo,
    objects: list[tuple[TypeInfo, State | None]],
    history: list[Change],
) -> tuple[list[tuple[TypeInfo, State | None]], int]:
    """A constructed object that a flush made persistent (see ``lifecycle.py``).

    Also returns the flush's line (0 if none): reads before it loaded nothing that lasts.
    ``receiver`` may be an item of a list variable (``lines[0]``: what it holds was taken).
    """
    target = _variable(receiver.base if isinstance(receiver, IndexExpr) else receiver)
    if target is None or not any(state and EVERYTHING in state for _m, state in objects):
        return objects, 0
    found = lifecycle.flushed_state(ctx.api, model, target, ctx.context.line)
    if found is None:
        return objects, 0
    persistent, line = found
    if any(change.event is Event.RESET and change.line >= line for change in history):
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
        flushed = after[0][1]
        state = flushed if flushed is not None else state  # frozenset(): nothing loaded
        if (
            _await_raises(state, model, context.name)
            and last_event(history, reads_from=flushed_at) is not Event.LOADED
        ):
            _report(ctx, model, context.name, state, awaitable=False)
        assignment = _assignment(history)
        children = _children(ctx, context.expr.expr, model, context.name, state, assignment)
        attribute = states.map_states(attribute, lambda _m, _s: children)
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


def path_loaded(
    model: TypeInfo, state: State, path: str, *, first: bool = False, refreshed: bool = False
) -> bool:
    """Whether every relationship along ``path`` (``"lines.product"``) is loaded, and the
    column it may end with (``"lines.notes"``). ``first``: the path's first attribute was
    loaded since (``refresh(obj, ["lines"])``; the objects it holds keep their state);
    ``refreshed``: the object was refreshed whole (``is_loaded``)."""
    current: TypeInfo | None = model
    for hop, segment in enumerate(path.split(".")):
        if current is None:
            return True  # the target class is not known: nothing to hold against the call
        lazy = models.strategy(current, segment)
        since = hop == 0 and first
        if lazy is None:
            return since or states.column_unloaded(current, segment, state) is None
        if not since and not is_loaded(state, current, segment, lazy, refreshed=refreshed):
            return False
        refreshed = False  # the objects below keep SQLAlchemy's cycle check
        state = states.child_state(state, current, segment)
        current = models.target(current, segment)
    return True


def _report(
    ctx: AttributeContext,
    model: TypeInfo,
    name: str,
    state: State,
    *,
    awaitable: bool = True,
    unknown: bool = False,
) -> None:
    """Report ``model.name`` as not loaded; ``awaitable``: suggest awaitable_attrs if it can.

    ``unknown``: no state was proven (strict mode): the fix may be a declaration.
    """
    shown = ", ".join(f'"{path}"' for path in states.paths(state)) or messages.LAZY_LOAD_NOTHING
    assert isinstance(ctx.context, MemberExpr)
    receiver = report.spelled(ctx.context.expr) or model.name.lower()
    relationship = f"{model.name}.{name}"
    chain = loader_chain(states.origin(state), relationship)
    raises = _lazy_raises(state, model, name)
    if unknown:
        message = messages.LAZY_LOAD_UNKNOWN.format(relationship, receiver)
        declared = f'Loaded[{model.name}, Literal["{name}"]]'
        note = messages.LAZY_LOAD_UNKNOWN_NOTE.format(f'"{receiver}"', declared, chain)
        report.error(ctx.api, message, note, ctx.context)
        return
    awaited = f"{receiver}.awaitable_attrs.{name}"
    from_get = states.FROM_GET in state
    if awaitable and not raises and model.has_base(names.ASYNC_ATTRS):
        template = (
            messages.LAZY_LOAD_GET_AWAITABLE_NOTE
            if from_get
            else messages.LAZY_LOAD_AWAITABLE_NOTE
        )
        note = template.format(chain, awaited)
    else:
        note = (messages.LAZY_LOAD_GET_NOTE if from_get else messages.LAZY_LOAD_NOTE).format(chain)
    message = messages.LAZY_LOAD_RAISES if raises else messages.LAZY_LOAD
    report.error(ctx.api, message.format(relationship, shown), note, ctx.context)


def loader_chain(origin: str | None, step: str | None) -> str:
    """``selectinload(Order.lines).selectinload(Line.product)``: the relationships the
    objects were reached through (``origin``), then ``step`` (None: none)."""
    steps = [*(origin.split(ORIGIN_SEP) if origin else []), *([step] if step else [])]
    first, *rest = steps
    return f"{_DEFAULT_LOADER}({first})" + "".join(f".{_DEFAULT_LOADER}({s})" for s in rest)


def _history(ctx: AttributeContext, receiver: Expression, name: str) -> list[Change]:
    """The changes of ``receiver.name`` before this read (see ``history.py``)."""
    function = scope.current_function(ctx.api)
    return changes(ctx.api, function, _variable(receiver), name, ctx.context.line)


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
