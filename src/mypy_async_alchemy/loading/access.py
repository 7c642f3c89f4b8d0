"""Reads of relationship attributes: ``order.lines`` and ``await order.awaitable_attrs.lines``."""

from __future__ import annotations

from typing import Final

from mypy.nodes import (
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    Expression,
    ExpressionStmt,
    ListExpr,
    MemberExpr,
    NameExpr,
    StrExpr,
    TupleExpr,
    TypeInfo,
    Var,
)
from mypy.plugin import AttributeContext
from mypy.types import Instance, Type, UnionType, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope, walk
from mypy_async_alchemy.loading import models
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.loading.state import EVERYTHING, FORCED_LAZY, ORIGIN_SEP, State

_DEFAULT_LOADER: Final = "selectinload"


def relationship_read(ctx: AttributeContext, *, strict: bool) -> Type:
    """``obj.rel``: report a lazy load; give loaded children their own state."""
    if ctx.is_lvalue or not isinstance(ctx.context, MemberExpr):
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
    if lazy is None:
        return ctx.default_attr_type
    unknown = any(state is None for _model, state in objects)
    if strict:
        # Strict mode: a state that is not proven counts as nothing loaded.
        known = [states.NOTHING if state is None else state for _model, state in objects]
    else:
        known = [state for _model, state in objects if state is not None]
        if unknown:
            # Default mode reports only what a known state lacks.
            known = [state for state in known if not is_loaded(state, name, lazy)]
            if not known:
                return ctx.default_attr_type
    state = frozenset.intersection(*known)
    if not (
        is_loaded(state, name, lazy)
        or scope.in_sync_callback(ctx.api)
        or _loaded_earlier_in_function(ctx, name)
    ):
        _report(ctx, model, name, state)
        return ctx.default_attr_type
    if unknown and not strict:
        return ctx.default_attr_type
    children = states.child_state(state, model, name)
    return states.map_states(ctx.api, ctx.default_attr_type, lambda _m, _s: children)


def awaitable_attribute(ctx: AttributeContext) -> Type:
    """``obj.awaitable_attrs.rel``: ``Awaitable[<type of obj.rel>]``, loaded."""
    context = ctx.context
    if not (isinstance(context, MemberExpr) and isinstance(context.expr, MemberExpr)):
        return ctx.default_attr_type
    owner_type = get_proper_type(ctx.api.get_expression_type(context.expr.expr))
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
    if state is not None:
        children = states.child_state(state, model, context.name)
        attribute = states.map_states(ctx.api, attribute, lambda _m, _s: children)
    return ctx.api.named_generic_type(names.AWAITABLE, [attribute])


def is_loaded(state: State, name: str, lazy: str) -> bool:
    """Whether reading relationship ``name`` (``lazy=`` strategy) emits no SQL."""
    if EVERYTHING in state or name in state or lazy in models.NO_IO_STRATEGIES:
        return True
    if FORCED_LAZY + name in state:
        return False
    return lazy in models.EAGER_STRATEGIES or lazy not in models.KNOWN_STRATEGIES


def path_loaded(model: TypeInfo, state: State, path: str) -> bool:
    """Whether every relationship along ``path`` (``"lines.product"``) is loaded."""
    current: TypeInfo | None = model
    for segment in path.split("."):
        if current is None:
            return True  # the target class is not known: nothing to hold against the call
        lazy = models.strategy(current, segment)
        if lazy is None:
            return True
        if not is_loaded(state, segment, lazy):
            return False
        state = states.child_state(state, current, segment)
        current = models.target(current, segment)
    return True


def _report(ctx: AttributeContext, model: TypeInfo, name: str, state: State) -> None:
    shown = ", ".join(f'"{path}"' for path in states.paths(state)) or messages.LAZY_LOAD_NOTHING
    assert isinstance(ctx.context, MemberExpr)
    receiver = report.spelled(ctx.context.expr) or model.name.lower()
    chain = _loader_chain(states.origin(state), f"{model.name}.{name}")
    note = (
        messages.LAZY_LOAD_AWAITABLE_NOTE.format(chain, f"{receiver}.awaitable_attrs.{name}")
        if model.has_base(names.ASYNC_ATTRS)
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


def _loaded_earlier_in_function(ctx: AttributeContext, name: str) -> bool:
    """``obj.rel = ...`` or ``await session.refresh(obj, ["rel"])`` earlier in this function."""
    assert isinstance(ctx.context, MemberExpr)
    target = _variable(ctx.context.expr)
    function = scope.current_function(ctx.api)
    if target is None or function is None:
        return False
    line = ctx.context.line
    for statement in walk.statements(function):
        if statement.line >= line:
            continue
        if isinstance(statement, AssignmentStmt) and any(
            isinstance(lvalue, MemberExpr)
            and lvalue.name == name
            and _variable(lvalue.expr) is target
            for lvalue in statement.lvalues
        ):
            return True
        if _refreshes(statement, target, name):
            return True
    return False


def _refreshes(statement: object, target: Var, name: str) -> bool:
    value = statement.expr if isinstance(statement, ExpressionStmt) else None
    if isinstance(statement, AssignmentStmt):
        value = statement.rvalue
    if isinstance(value, AwaitExpr):
        value = value.expr
    if not (
        isinstance(value, CallExpr)
        and isinstance(value.callee, MemberExpr)
        and value.callee.name == names.REFRESH_METHOD
        and value.args
        and _variable(value.args[0]) is target
    ):
        return False
    for index, (arg, arg_name) in enumerate(zip(value.args, value.arg_names, strict=True)):
        if arg_name == names.ATTRIBUTE_NAMES_KWARG or (arg_name is None and index == 1):
            return isinstance(arg, (ListExpr, TupleExpr)) and any(
                isinstance(item, StrExpr) and item.value == name for item in arg.items
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
