"""What the statements before a read did to ``obj.rel``: assignments, awaits, refreshes.

One walk of the function serves every question a read asks about its receiver
(``changes``); ``last_event`` says which change is in force at the read.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

from mypy.nodes import (
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    Expression,
    ExpressionStmt,
    ForStmt,
    FuncItem,
    ListExpr,
    MemberExpr,
    NameExpr,
    SetExpr,
    Statement,
    StrExpr,
    TupleExpr,
    Var,
)
from mypy.plugin import CheckerPluginInterface
from mypy.types import UnionType, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, walk
from mypy_async_alchemy.loading import effects, models
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.memo import LastAsked


class Event(enum.Enum):
    """What a statement did to ``obj.rel``."""

    LOADED = "loaded"  # refreshed by name
    ASSIGNED = "assigned"  # obj.rel = value: loaded, holding the value (see lifecycle.py)
    AWAITED = "awaited"  # read through awaitable_attrs: loaded, unless a flush came after
    RESET = "reset"  # refresh(obj): back to what the object's query loaded
    UNLOADED = "unloaded"  # refresh(node, ["parent"]) of a self-referential many-to-one


@dataclass(frozen=True)
class Change:
    line: int
    event: Event
    statement: Statement


def changes(
    api: CheckerPluginInterface,
    function: FuncItem | None,
    target: Var | None,
    name: str,
    before: int,
) -> list[Change]:
    """The statements before line ``before`` that changed ``target.name``, in order; a call
    of a project function that refreshes ``target`` counts (``effects.py``)."""
    if target is None or function is None:
        return []
    found: list[Change] = []
    for statement in _CHANGING.get(
        function, lambda: _changing(function), fresh=scope.rechecks_in_place(api)
    ):
        if statement.line >= before:
            break  # statements come in source order
        event = _effect(api, function, statement, target, name)
        if event is not None:
            found.append(Change(statement.line, event, statement))
    return found


def _changing(function: FuncItem) -> list[Statement]:
    """The statements of ``function`` that may change an attribute (``_effect``): the
    assignments to one and the awaits, in source order."""
    return [
        statement
        for statement in walk.statements(function)
        if isinstance(statement_value(statement), AwaitExpr)
        or (
            isinstance(statement, AssignmentStmt)
            and any(isinstance(lvalue, MemberExpr) for lvalue in statement.lvalues)
        )
    ]


# Every read of a function asks (once per receiver and attribute): walked once.
_CHANGING: Final[LastAsked[FuncItem, list[Statement]]] = LastAsked()


def last_change(history: list[Change], *, reads_from: int = 0) -> Change | None:
    """The change in force after ``history``; an awaited read counts from line ``reads_from``
    on (reads of a transient object flushed later store nothing that lasts)."""
    counted = [
        change
        for change in history
        if change.event is not Event.AWAITED or change.line >= reads_from
    ]
    return counted[-1] if counted else None


def last_event(history: list[Change], *, reads_from: int = 0) -> Event | None:
    """``last_change``'s event, with awaits and assignments as LOADED."""
    change = last_change(history, reads_from=reads_from)
    if change is None:
        return None
    return Event.LOADED if change.event in (Event.AWAITED, Event.ASSIGNED) else change.event


def awaited_relationship(statement: Statement, target: Var) -> str | None:
    """``rel`` of ``await target.awaitable_attrs.rel`` as (or in) a simple statement."""
    found = awaited_attribute(statement)
    return found[1] if found is not None and variable(found[0]) is target else None


def awaited_attribute(statement: Statement) -> tuple[Expression, str] | None:
    """``(obj, "rel")`` of ``await obj.awaitable_attrs.rel`` as (or in) a simple statement."""
    value = statement_value(statement)
    awaited = value.expr if isinstance(value, AwaitExpr) else None
    if (
        isinstance(awaited, MemberExpr)
        and isinstance(awaited.expr, MemberExpr)
        and awaited.expr.name == names.AWAITABLE_ATTRS
    ):
        return awaited.expr.expr, awaited.name
    return None


def _effect(
    api: CheckerPluginInterface, function: FuncItem, statement: Statement, target: Var, name: str
) -> Event | None:
    """What ``statement`` does to ``target.name``; None if nothing."""
    if isinstance(statement, AssignmentStmt):
        for lvalue in statement.lvalues:
            if (
                isinstance(lvalue, MemberExpr)
                and lvalue.name == name
                and variable(lvalue.expr) is target
            ):
                return Event.ASSIGNED
    value = statement_value(statement)
    if not isinstance(value, AwaitExpr):
        return None  # most statements: only awaits load or reset
    if awaited_relationship(statement, target) == name:
        return Event.AWAITED
    call = value.expr
    event = _refresh_effect(call, target, name)
    if event is not None or not isinstance(call, CallExpr):
        return event
    if not any(variable(arg) is target for arg in call.args):
        return None  # a helper loads only what it is handed
    for callee, effect in effects.of_call(api, function, call):
        if effects.loads(call, callee, effect, target, name):
            return _refreshed(effect.names, target, name)
    return None


def statement_value(statement: Statement) -> Expression | None:
    """The expression a simple statement evaluates: ``x``, ``y = x``, ``for _ in x``."""
    if isinstance(statement, ExpressionStmt):
        return statement.expr
    if isinstance(statement, AssignmentStmt):
        return statement.rvalue
    if isinstance(statement, ForStmt):
        return statement.expr
    return None


def is_refresh(call: Expression) -> bool:
    """``session.refresh(...)`` (any receiver named so: it autoflushes too)."""
    return (
        isinstance(call, CallExpr)
        and isinstance(call.callee, MemberExpr)
        and call.callee.name == names.REFRESH_METHOD
    )


def _refresh_effect(call: Expression, target: Var, name: str) -> Event | None:
    """``session.refresh(obj, ["rel"])`` loads ``rel``; ``session.refresh(obj)`` resets it."""
    if not (isinstance(call, CallExpr) and is_refresh(call)):
        return None
    if not (call.args and variable(call.args[0]) is target):
        return None
    named = attribute_names(call)
    if named is not None and name not in named:
        return None
    return _refreshed(named, target, name)


def _refreshed(named: frozenset[str] | None, target: Var, name: str) -> Event:
    """What ``refresh(target)`` (``named`` None) or ``refresh(target, named)`` does to
    ``target.name``, a name it refreshes."""
    if named is None:
        return Event.RESET
    return Event.UNLOADED if _refresh_skips(target, name) else Event.LOADED


def attribute_names(call: CallExpr) -> frozenset[str] | None:
    """The names of ``refresh(obj, ["a", "b"])`` / ``expire(obj, [...])``; None when the
    call gives none (every attribute), no name when they are not a literal list."""
    for index, (arg, arg_name) in enumerate(zip(call.args, call.arg_names, strict=True)):
        if arg_name == names.ATTRIBUTE_NAMES_KWARG or (arg_name is None and index == 1):
            items = arg.items if isinstance(arg, (ListExpr, TupleExpr, SetExpr)) else []
            return frozenset(item.value for item in items if isinstance(item, StrExpr))
    return None


def mentions(arg: Expression, target: Var) -> bool:
    """Whether ``arg`` is ``target`` or a literal list, tuple or set holding it."""
    if isinstance(arg, NameExpr):
        return arg.node is target
    if isinstance(arg, (ListExpr, TupleExpr, SetExpr)):
        return any(mentions(item, target) for item in arg.items)
    return False


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


def variable(expr: Expression) -> Var | None:
    if isinstance(expr, NameExpr) and isinstance(expr.node, Var):
        return expr.node
    return None
