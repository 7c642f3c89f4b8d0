"""Objects a function constructs: transient until a flush makes them persistent.

``Order(...)`` is typed "everything loaded": a new object has nothing to lazy-load. Once
``session.add(order)`` and ``await session.flush()`` (or ``commit()``) have run, it is
persistent, and a relationship it was not given lazy-loads whatever its ``lazy=`` strategy
(strategies apply to queries). Relationships passed to the constructor (``Order(lines=[...])``)
keep their value; objects constructed inline there (``Line(product=p)``) were flushed with it
and follow the same rule; other values keep whatever state they had (``"customer.*"``).
Objects constructed in an assignment (``order.lines = [Line()]``) are transient until a flush
after it, and follow the same rule then (``assigned_state``).
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import (
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    Expression,
    ExpressionStmt,
    IndexExpr,
    ListExpr,
    MemberExpr,
    NameExpr,
    OperatorAssignmentStmt,
    RefExpr,
    SetExpr,
    Statement,
    TupleExpr,
    TypeInfo,
    Var,
)
from mypy.plugin import CheckerPluginInterface

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, walk
from mypy_async_alchemy.loading import history, models, sessions
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.loading.state import EVERYTHING, FORCED_LAZY, FORCED_RAISE, State


def flushed_state(
    api: CheckerPluginInterface, model: TypeInfo, target: Var, line: int, depth: int = 0
) -> tuple[State, int] | None:
    """The state of constructed object ``target`` at ``line`` if a flush made it persistent,
    and the line of that flush (reads before it loaded nothing that lasts).

    ``target`` may also hold an object of one (``h = await order.awaitable_attrs.lines``,
    ``h = order.customer``) taken while it was transient: the flush of ``order`` after that
    made it persistent too. None when it is still transient there (or was not constructed
    in this function).
    """
    function = scope.current_function(api)
    if function is None:
        return None
    given: CallExpr | None = None
    alias: tuple[Var, str, int] | None = None
    added = False
    flushed = 0
    mutated: list[tuple[int, str]] = []
    for statement in walk.statements(function):
        if statement.line >= line:
            break
        if isinstance(statement, AssignmentStmt) and _binds(statement, target):
            given = statement.rvalue if isinstance(statement.rvalue, CallExpr) else None
            alias = _relationship_of(statement.rvalue, statement.line)
            added, flushed, mutated = False, 0, []
            continue
        collection = _mutated_collection(statement, target)
        if collection is not None:
            mutated.append((statement.line, collection))
        call = _awaited_or_plain_call(statement)
        if call is None or not _on_async_session(api, call):
            continue
        method = call.callee.name if isinstance(call.callee, MemberExpr) else None
        if method in names.SESSION_ADD_METHODS and any(
            history.mentions(arg, target) for arg in call.args
        ):
            added = True
        elif method in names.SESSION_FLUSH_METHODS and added:
            flushed = statement.line
    if alias is not None and depth < _ALIAS_DEPTH:
        return _flushed_through(api, alias, line, depth)
    if not flushed or given is None:
        return None
    entries = _persistent(model, given)
    for name in {name for at, name in mutated if at < flushed and models.strategy(model, name)}:
        # Filled while transient (order.lines.append(...)): the flush kept what it holds.
        entries.discard(_unloaded(model, name))
        entries |= {name, f"{name}.{EVERYTHING}"}
    return frozenset(entries), flushed


# Methods that change a collection in place (list, set and SQLAlchemy's collections).
_MUTATORS = frozenset({"append", "extend", "add", "insert", "update", "remove", "discard"})


def _mutated_collection(statement: Statement, target: Var) -> str | None:
    """``"lines"`` for ``target.lines.append(...)``, ``target.lines += [...]`` or
    ``target.lines[i] = ...``: a statement that fills a collection of ``target`` in place."""
    collection: Expression | None = None
    if isinstance(statement, ExpressionStmt) and isinstance(statement.expr, CallExpr):
        callee = statement.expr.callee
        if isinstance(callee, MemberExpr) and callee.name in _MUTATORS:
            collection = callee.expr
    elif isinstance(statement, OperatorAssignmentStmt):
        collection = statement.lvalue
    elif isinstance(statement, AssignmentStmt) and len(statement.lvalues) == 1:
        lvalue = statement.lvalues[0]
        collection = lvalue.base if isinstance(lvalue, IndexExpr) else None
    if isinstance(collection, MemberExpr) and history.variable(collection.expr) is target:
        return collection.name
    return None


_ALIAS_DEPTH = 4


def _relationship_of(value: Expression, line: int) -> tuple[Var, str, int] | None:
    """``(order, "lines", line)`` for ``await order.awaitable_attrs.lines`` or ``order.lines``."""
    if isinstance(value, AwaitExpr):
        value = value.expr
        if not (isinstance(value, MemberExpr) and isinstance(value.expr, MemberExpr)):
            return None
        if value.expr.name != names.AWAITABLE_ATTRS:
            return None
        owner: Expression = value.expr.expr
    elif isinstance(value, MemberExpr):
        owner = value.expr
    else:
        return None
    source = history.variable(owner)
    return None if source is None else (source, value.name, line)


def _flushed_through(
    api: CheckerPluginInterface, alias: tuple[Var, str, int], line: int, depth: int
) -> tuple[State, int] | None:
    """The persistent state of ``source.name``'s objects, when ``source`` was flushed after
    they were taken (``alias``)."""
    source, name, taken = alias
    found = states.model_and_state(source.type) if source.type is not None else None
    if found is None or models.strategy(found[0], name) is None:
        return None
    model, state = found
    flushed = flushed_state(api, model, source, line, depth + 1)
    if flushed is not None:
        if flushed[1] <= taken:
            return None
        return states.child_state(flushed[0], model, name), flushed[1]
    # source.rel may hold objects constructed in an assignment: flushed after they were taken?
    function = scope.current_function(api)
    last = history.last_change(history.changes(api, function, source, name, taken))
    if last is None or last.event is not history.Event.ASSIGNED:
        return None
    assert isinstance(last.statement, AssignmentStmt)
    at = _first_flush(api, source, taken, line, lambda _name, _line: False)
    persistent = state is not None and EVERYTHING not in state
    assigned = assigned_state(
        api,
        model,
        name,
        source,
        last.statement,
        line,
        persistent_owner=persistent,
        emits_sql=lambda _name, _line: False,
    )
    if not at or assigned is None or EVERYTHING in assigned:
        return None
    return assigned, at


def assigned_state(
    api: CheckerPluginInterface,
    model: TypeInfo,
    name: str,
    target: Var,
    assignment: AssignmentStmt,
    line: int,
    *,
    persistent_owner: bool,
    emits_sql: Callable[[str, int], bool],
) -> State | None:
    """The state at ``line`` of the objects ``target.name = [Target(...)]`` constructed.

    Everything is loaded while they are transient; a flush after the assignment makes them
    persistent when ``target`` is (the assignment cascaded them into its session): an explicit
    flush()/commit(), refresh() (it autoflushes first) or an await of
    ``target.awaitable_attrs.<rel>`` that ``emits_sql(rel, line)`` (a lazy load autoflushes).
    Their inverse relationship (``back_populates``) was set by the assignment. None when the
    value is not constructed there.
    """
    related = models.target(model, name)
    call = _constructions(assignment.rvalue, related) if related is not None else None
    function = scope.current_function(api)
    if related is None or call is None or function is None:
        return None
    flushed = persistent_owner and _first_flush(api, target, assignment.line, line, emits_sql)
    if not flushed:
        return frozenset({EVERYTHING})
    entries = _persistent(related, call)
    inverse = models.back_populates(model, name)
    if inverse is not None:
        entries -= {_unloaded(related, inverse)}
        entries |= {inverse, f"{inverse}.{EVERYTHING}"}
    return frozenset(entries)


def _first_flush(
    api: CheckerPluginInterface,
    target: Var,
    start: int,
    end: int,
    emits_sql: Callable[[str, int], bool],
) -> int:
    """The line of the first statement between lines ``start`` and ``end`` that flushes the
    session (see ``assigned_state``); 0 if none."""
    function = scope.current_function(api)
    if function is None:
        return 0
    for statement in walk.statements(function):
        if start < statement.line < end and _flushes(api, statement, target, emits_sql):
            return statement.line
    return 0


def _flushes(
    api: CheckerPluginInterface,
    statement: object,
    target: Var,
    emits_sql: Callable[[str, int], bool],
) -> bool:
    """Whether ``statement`` flushes the session (see ``assigned_state``)."""
    call = _awaited_or_plain_call(statement)
    if call is not None and isinstance(call.callee, MemberExpr):
        method = call.callee.name
        if method == names.REFRESH_METHOD or (
            method in names.SESSION_FLUSH_METHODS and _on_async_session(api, call)
        ):
            return True
    if isinstance(statement, Statement):
        awaited = history.awaited_relationship(statement, target)
        return awaited is not None and emits_sql(awaited, statement.line)
    return False


def _persistent(model: TypeInfo, call: CallExpr) -> set[str]:
    """State entries of an object made by ``call`` and then flushed."""
    relationships = {name for base in model.mro for name in models.relationships(base)}
    # Not loaded, whatever the strategy; a lazy="raise" one still raises.
    entries = {_unloaded(model, name) for name in relationships}
    for name, value in zip(call.arg_names, call.args, strict=True):
        if name not in relationships:
            continue
        entries.discard(_unloaded(model, name))
        entries.add(name)
        target = models.target(model, name)
        inner = _constructions(value, target) if target is not None else None
        if target is None or inner is None:
            entries.add(f"{name}.{EVERYTHING}")
            continue
        inner_entries = _persistent(target, inner)
        inverse = models.back_populates(model, name)
        if inverse is not None:
            # Setting the relationship sets its inverse on the objects given (backref events).
            inner_entries -= {_unloaded(target, inverse)}
            inner_entries |= {inverse, f"{inverse}.{EVERYTHING}"}
        for entry in inner_entries:
            sign = entry[0] if entry.startswith((FORCED_LAZY, FORCED_RAISE)) else ""
            entries.add(f"{sign}{name}.{entry[len(sign) :]}")
    return entries


def _unloaded(model: TypeInfo, name: str) -> str:
    raises = models.strategy(model, name) in models.RAISE_STRATEGIES
    return (FORCED_RAISE if raises else FORCED_LAZY) + name


def _constructions(value: Expression, model: TypeInfo) -> CallExpr | None:
    """The one constructor call of ``model`` that ``value`` is made of (``[Line(...)]``)."""
    items = value.items if isinstance(value, (ListExpr, TupleExpr, SetExpr)) else [value]
    calls = [item for item in items if isinstance(item, CallExpr)]
    if not calls or len(calls) != len(items):
        return None
    shapes = {tuple(sorted(name or "" for name in call.arg_names)) for call in calls}
    first = calls[0]
    callee = first.callee
    if len(shapes) != 1 or not (isinstance(callee, RefExpr) and callee.node is model):
        return None
    return first


def _binds(statement: AssignmentStmt, target: Var) -> bool:
    return any(isinstance(lv, NameExpr) and lv.node is target for lv in statement.lvalues)


def _awaited_or_plain_call(statement: object) -> CallExpr | None:
    value = statement.expr if isinstance(statement, ExpressionStmt) else None
    if isinstance(value, AwaitExpr):
        value = value.expr
    return value if isinstance(value, CallExpr) else None


def _on_async_session(api: CheckerPluginInterface, call: CallExpr) -> bool:
    """``session.add(...)`` on an AsyncSession (its type as mypy inferred it earlier)."""
    return isinstance(call.callee, MemberExpr) and sessions.is_async_session(api, call.callee.expr)
