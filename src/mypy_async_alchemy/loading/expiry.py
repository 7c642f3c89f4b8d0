"""Reads of objects the session expired: ``alchemy-expired``.

``commit()`` (when the session expires on commit: ``sessions.py``), ``rollback()``,
``expire_all()`` and ``expire(obj)`` expire objects; the next read of any mapped attribute
loads it again, which is implicit IO (``MissingGreenlet``). A read is reported when such an
event may run before it, in the same function, on some path: the statements that may reach
the read (``_before``) are those before it in its block and in the blocks around it, and
those of earlier blocks that do not end in ``return``/``raise`` (an ``except`` branch that
rolls back and raises does not reach the code after the ``try``). What comes after the
event and before the read decides: ``refresh(obj)``, a new value bound to the variable,
``obj.attr = ...`` and ``await obj.awaitable_attrs.attr`` make the attribute readable.

Objects constructed in the function (``"*"`` in their state) are expired by a commit only
once added to the session; a rollback or an explicit expiry leaves new objects alone.
Default mode reports objects of known state and sessions whose ``expire_on_commit`` is
known (or declared in the settings); strict mode also objects of unknown state, and
sessions of unknown origin as the settings say (SQLAlchemy's default: they expire).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

from mypy.nodes import (
    AssignmentExpr,
    AssignmentStmt,
    AwaitExpr,
    BreakStmt,
    CallExpr,
    ClassDef,
    ContinueStmt,
    Decorator,
    DictionaryComprehension,
    Expression,
    ForStmt,
    FuncItem,
    GeneratorExpr,
    IfStmt,
    IndexExpr,
    MatchStmt,
    MemberExpr,
    NameExpr,
    RaiseStmt,
    ReturnStmt,
    Statement,
    TryStmt,
    TypeInfo,
    Var,
    WhileStmt,
    WithStmt,
)
from mypy.plugin import AttributeContext, CheckerPluginInterface

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope, walk
from mypy_async_alchemy.config import Config
from mypy_async_alchemy.families import Family, family_of, receiver_info
from mypy_async_alchemy.loading import history, models, sessions
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.loading.state import State

_LAST_FUNCTION: list[tuple[FuncItem, bool]] = []
# How many variables deep ``member = members[0]`` is followed to where the object was loaded.
_ALIAS_DEPTH: Final = 4


class _Kind(enum.Enum):
    COMMIT = "the commit"
    BLOCK_COMMIT = 'the commit at the end of the "async with" block'
    ROLLBACK = "the rollback"
    EXPIRE_ALL = "expire_all()"
    EXPIRE = "expire()"


@dataclass(frozen=True)
class _Step:
    """A statement that may run before the read; ``end``: the end of a ``with`` block;
    ``reading``: the statement of the read itself (only what it binds counts)."""

    statement: Statement
    end: bool = False
    reading: bool = False


@dataclass(frozen=True)
class _Expiry:
    kind: _Kind
    line: int
    session: Expression  # the session to refresh the object with; None: a closed one
    refreshable: bool = True


def check(ctx: AttributeContext, model: TypeInfo, state: State | None, *, config: Config) -> bool:
    """Report the read ``obj.attr`` (``ctx.context``, not an assignment target) of an
    object of ``model`` in ``state`` if it may be expired here; whether it was reported."""
    context = ctx.context
    if state is None and not config.strict:
        return False  # default mode: objects of known state only
    target = history.variable(context.expr) if isinstance(context, MemberExpr) else None
    if target is None or not isinstance(context, MemberExpr):
        return False
    function = scope.current_function(ctx.api)
    if function is None or not _may_expire(function):
        return False
    if scope.is_library_code(ctx.api) or scope.in_sync_callback(ctx.api):
        return False
    steps = _before(function.body.body, context.line)
    if not steps:
        return False
    new = state is not None and states.EVERYTHING in state
    expiry = _expiry(ctx.api, steps, target, context.name, new=new, config=config)
    if expiry is None or _read_earlier(steps[-1], context, target):
        return False
    shown = _shown(context.expr)
    report.error(
        ctx.api,
        messages.EXPIRED.format(
            f"{model.name}.{context.name}", shown, expiry.kind.value, expiry.line
        ),
        _note(expiry, shown),
        context,
    )
    return True


def _may_expire(function: FuncItem) -> bool:
    """Whether ``function`` calls a method that may expire objects (most do not: their
    reads stop here). Reads come function by function while mypy checks a module: the
    answer for the last function asked is kept, keyed by the node itself (a function of
    the node alone, whatever order modules are checked in)."""
    if _LAST_FUNCTION and _LAST_FUNCTION[0][0] is function:
        return _LAST_FUNCTION[0][1]
    found = any(_expiring(statement) for statement in walk.statements(function))
    _LAST_FUNCTION[:] = [(function, found)]
    return found


def _expiring(statement: Statement) -> bool:
    if isinstance(statement, WithStmt):
        return _begun_session(statement) is not None
    call = _call(statement)
    return (
        call is not None
        and isinstance(call.callee, MemberExpr)
        and call.callee.name in names.EXPIRING_METHODS
    )


def _expiry(
    api: CheckerPluginInterface,
    steps: list[_Step],
    target: Var,
    name: str,
    *,
    new: bool,
    config: Config,
) -> _Expiry | None:
    """The event that leaves ``target.name`` expired after ``steps``; None if none does.

    Only events after the object was loaded count: after the step that last bound it, or
    bound what it was taken from (``member = members[0]``, ``for m in members``).
    """
    if not any(
        _begun_session(step.statement) is not None if step.end else _expiring(step.statement)
        for step in steps
    ):
        return None  # most reads: nothing before them expires anything
    expired: _Expiry | None = None
    persistent = not new  # a new object joins the session when added, and then flushed
    pending = False
    for step in steps[_loaded_at(steps, len(steps), target, _ALIAS_DEPTH) + 1 :]:
        statement = step.statement
        if step.reading:
            continue
        if step.end:
            begun = _begun_session(statement)
            if begun is not None and (persistent or pending):
                if _expires_on_commit(api, begun, config):
                    # ``async with maker.begin() as s:`` closes ``s`` too: refresh fails.
                    open_after = _is_async_session(api, begun)
                    expired = _Expiry(_Kind.BLOCK_COMMIT, statement.line, begun, open_after)
                persistent = True
            continue
        if _sets(statement, target, name):
            expired = None
            continue
        call = _call(statement)
        if call is None or not isinstance(call.callee, MemberExpr):
            continue
        method, session = call.callee.name, call.callee.expr
        if not _is_async_session(api, session):
            continue
        first = history.variable(call.args[0]) if call.args else None
        if method == names.REFRESH_METHOD and first is target:
            named = history.attribute_names(call)
            if named is None or name in named:
                expired = None
        elif (
            method in names.SESSION_ADD_METHODS
            and call.args
            and history.mentions(call.args[0], target)
        ):
            pending = True
        elif method == names.FLUSH_METHOD and pending:
            persistent = True
        elif method == names.COMMIT_METHOD and (persistent or pending):
            if _expires_on_commit(api, session, config):
                expired = _Expiry(_Kind.COMMIT, statement.line, session)
            persistent = True
        elif method == names.ROLLBACK_METHOD and persistent:
            expired = _Expiry(_Kind.ROLLBACK, statement.line, session)
        elif method == names.EXPIRE_ALL_METHOD and persistent:
            expired = _Expiry(_Kind.EXPIRE_ALL, statement.line, session)
        elif method == names.EXPIRE_METHOD and persistent and first is target:
            named = history.attribute_names(call)
            if named is None or name in named:
                expired = _Expiry(_Kind.EXPIRE, statement.line, session)
    return expired


def _read_earlier(step: _Step, read: MemberExpr, target: Var) -> bool:
    """Whether the statement of ``read`` reads an attribute of ``target`` before it: one
    report per object and statement (the first read is where it fails)."""
    if not step.reading:
        return False
    position = (read.line, read.column)
    return any(
        isinstance(expr, MemberExpr)
        and expr is not read
        and history.variable(expr.expr) is target
        and (expr.line, expr.column) < position
        and _is_mapped(target, expr.name)
        for expr in walk.expressions(walk.statement_expressions(step.statement))
    )


def _is_mapped(target: Var, name: str) -> bool:
    found = states.model_and_state(target.type) if target.type is not None else None
    if found is None:
        return False
    return any(
        name in models.columns(base) or name in models.relationships(base) for base in found[0].mro
    )


def _expires_on_commit(api: CheckerPluginInterface, session: Expression, config: Config) -> bool:
    """Whether the session (or maker) ``session`` expires its objects on commit."""
    known = sessions.expires_on_commit(scope.inferred_type(api, session))
    if known is not None:
        return known
    if config.expire_on_commit is not None:
        return config.expire_on_commit
    return config.strict  # SQLAlchemy's default, in strict mode only


def _is_async_session(api: CheckerPluginInterface, expr: Expression) -> bool:
    typ = scope.inferred_type(api, expr)
    info = receiver_info(typ) if typ is not None else None
    return info is not None and family_of(info) is Family.ASYNC_SESSION


def _begun_session(statement: Statement) -> Expression | None:
    """``session`` of ``async with session.begin():`` or ``async with maker.begin() as s:``:
    the block ends with a commit."""
    if not (isinstance(statement, WithStmt) and statement.is_async):
        return None
    for expr in statement.expr:
        if (
            isinstance(expr, CallExpr)
            and isinstance(expr.callee, MemberExpr)
            and expr.callee.name == names.BEGIN_METHOD
        ):
            return expr.callee.expr
    return None


def _loaded_at(steps: list[_Step], before: int, target: Var, depth: int) -> int:
    """The index of the step after which the object ``target`` holds (at step ``before``)
    exists in its session: the step that loaded it; -1 if before every step."""
    for index in range(before - 1, -1, -1):
        value = _bound_value(steps[index], target)
        if value is None:
            continue
        source = _source(value)
        if source is None or source is target or depth == 0:
            return index
        return _loaded_at(steps, index, source, depth - 1)
    return -1


def _bound_value(step: _Step, target: Var) -> Expression | None:
    """The value ``step`` binds to ``target``: an assignment's, the sequence of a ``for``
    or comprehension, a walrus's; None if it binds none."""
    statement = step.statement
    if step.reading:
        for expr in walk.expressions(walk.statement_expressions(statement)):
            if isinstance(expr, AssignmentExpr) and expr.target.node is target:
                return expr.value
            if isinstance(expr, (GeneratorExpr, DictionaryComprehension)):
                for index, sequence in zip(expr.indices, expr.sequences, strict=True):
                    if walk.binds(index, target):
                        return sequence
        return None
    if step.end:
        return None
    if isinstance(statement, AssignmentStmt):
        bound = any(walk.binds(lvalue, target) for lvalue in statement.lvalues)
        return statement.rvalue if bound else None
    if isinstance(statement, ForStmt):
        return statement.expr if walk.binds(statement.index, target) else None
    return None


def _source(value: Expression) -> Var | None:
    """The variable a bound value is taken from without loading anything: ``members`` of
    ``members[0]``, ``result.scalars().all()``, ``members``; None for a new load (an
    ``await``, a constructor) or anything else."""
    expr = value
    while True:
        if isinstance(expr, NameExpr):
            return expr.node if isinstance(expr.node, Var) else None
        if isinstance(expr, IndexExpr):
            expr = expr.base
        elif isinstance(expr, MemberExpr):
            expr = expr.expr
        elif isinstance(expr, CallExpr) and isinstance(expr.callee, MemberExpr):
            expr = expr.callee.expr
        else:
            return None


def _sets(statement: Statement, target: Var, name: str) -> bool:
    """``target.name = value`` or ``await target.awaitable_attrs.name``: readable again."""
    if history.awaited_relationship(statement, target) == name:
        return True
    return isinstance(statement, AssignmentStmt) and any(
        isinstance(lvalue, MemberExpr)
        and lvalue.name == name
        and history.variable(lvalue.expr) is target
        for lvalue in statement.lvalues
    )


def _call(statement: Statement) -> CallExpr | None:
    """The call a simple statement makes, awaited or not: ``await session.commit()``."""
    value = history.statement_value(statement)
    if isinstance(value, AwaitExpr):
        value = value.expr
    return value if isinstance(value, CallExpr) else None


def _shown(expr: Expression) -> str:
    return expr.name if isinstance(expr, NameExpr) else "obj"


def _note(expiry: _Expiry, shown: str) -> str:
    if not expiry.refreshable:
        return messages.EXPIRED_BLOCK_NOTE
    session = _session_source(expiry.session)
    refresh = messages.EXPIRED_NOTE.format(session, shown, expiry.kind.value)
    if expiry.kind in (_Kind.COMMIT, _Kind.BLOCK_COMMIT):
        return messages.EXPIRED_COMMIT_NOTE + refresh
    return refresh[0].upper() + refresh[1:]


def _session_source(expr: Expression) -> str:
    """``session``, ``self.session``: the receiver as written; "session" if not simple."""
    if isinstance(expr, NameExpr):
        return expr.name
    if isinstance(expr, MemberExpr) and isinstance(expr.expr, NameExpr):
        return f"{expr.expr.name}.{expr.name}"
    return "session"


# --- which statements may run before the read ----------------------------------------------


def _before(body: list[Statement], line: int) -> list[_Step] | None:
    """The steps of ``body`` that may run before line ``line`` and reach it, in order; None
    if ``line`` is not in ``body``."""
    reached: list[_Step] = []
    for statement in body:
        if statement.line > line:
            return None
        end = statement.end_line if statement.end_line is not None else statement.line
        if end >= line:
            return reached + _into(statement, line)
        steps, ends = _flow([statement])
        if ends:
            return None  # the read is after a return: unreachable
        reached += steps
    return None


def _into(statement: Statement, line: int) -> list[_Step]:
    """The steps of the compound ``statement`` that may run before line ``line`` inside it."""
    if isinstance(statement, WithStmt):
        return [_Step(statement), *(_before(statement.body.body, line) or [])]
    if isinstance(statement, (ForStmt, WhileStmt)):
        head = [_Step(statement)]
        found = _before(statement.body.body, line)
        if found is not None:
            return head + found
        if statement.else_body is not None:
            inner = _before(statement.else_body.body, line) or []
            return head + _flow(statement.body.body)[0] + inner
        return []
    if isinstance(statement, (IfStmt, MatchStmt)):
        bodies = statement.bodies if isinstance(statement, MatchStmt) else statement.body
        else_body = statement.else_body if isinstance(statement, IfStmt) else None
        for block in [*bodies, *([else_body] if else_body is not None else [])]:
            found = _before(block.body, line)
            if found is not None:
                return found
        return []
    if isinstance(statement, TryStmt):
        return _into_try(statement, line)
    if isinstance(statement, (FuncItem, Decorator, ClassDef)):
        return []
    return [_Step(statement, reading=True)]


def _into_try(statement: TryStmt, line: int) -> list[_Step]:
    found = _before(statement.body.body, line)
    if found is not None:
        return found
    anywhere = _anywhere(statement.body.body)  # an exception may leave it at any point
    for handler in statement.handlers:
        found = _before(handler.body, line)
        if found is not None:
            return anywhere + found
    if statement.else_body is not None:
        found = _before(statement.else_body.body, line)
        if found is not None:
            return _flow(statement.body.body)[0] + found
    if statement.finally_body is not None:
        found = _before(statement.finally_body.body, line)
        if found is not None:
            handled = [step for h in statement.handlers for step in _anywhere(h.body)]
            return _ordered(anywhere + handled) + found
    return []


def _flow(body: list[Statement]) -> tuple[list[_Step], bool]:
    """The steps of ``body`` that may run and then go on past its end, and whether it always
    ends in ``return``/``raise`` (then none goes on)."""
    steps: list[_Step] = []
    for statement in body:
        if isinstance(statement, (ReturnStmt, RaiseStmt)):
            return [], True
        if isinstance(statement, (BreakStmt, ContinueStmt)):
            return steps, False
        if isinstance(statement, (FuncItem, Decorator, ClassDef)):
            continue
        inner, ends = _through(statement)
        if ends:
            return [], True
        steps += inner
    return steps, False


def _through(statement: Statement) -> tuple[list[_Step], bool]:
    """``_flow`` of one statement, compound or simple."""
    if isinstance(statement, WithStmt):
        inner, ends = _flow(statement.body.body)
        return ([] if ends else [_Step(statement), *inner, _Step(statement, end=True)]), ends
    if isinstance(statement, (ForStmt, WhileStmt)):
        inner, _ = _flow(statement.body.body)  # a loop may run its body no time at all
        tail = _flow(statement.else_body.body)[0] if statement.else_body is not None else []
        return [_Step(statement), *inner, *tail], False
    if isinstance(statement, (IfStmt, MatchStmt)):
        bodies = statement.bodies if isinstance(statement, MatchStmt) else statement.body
        else_body = statement.else_body if isinstance(statement, IfStmt) else None
        flows = [_flow(block.body) for block in bodies]
        if else_body is not None:
            flows.append(_flow(else_body.body))
        ends = else_body is not None and all(ends for _, ends in flows)
        return [step for steps, _ in flows for step in steps], ends
    if isinstance(statement, TryStmt):
        return _through_try(statement)
    return [_Step(statement)], False


def _through_try(statement: TryStmt) -> tuple[list[_Step], bool]:
    body, body_ends = _flow(statement.body.body)
    anywhere = _anywhere(statement.body.body)
    steps = [] if body_ends else list(body)
    if statement.else_body is not None and not body_ends:
        else_steps, else_ends = _flow(statement.else_body.body)
        steps = [] if else_ends else steps + else_steps
        body_ends = else_ends
    handlers_end = True
    for handler in statement.handlers:
        inner, ends = _flow(handler.body)
        handlers_end = handlers_end and ends
        if not ends:
            steps += anywhere + inner
    ends = body_ends and handlers_end
    if statement.finally_body is not None:
        final, final_ends = _flow(statement.finally_body.body)
        ends = ends or final_ends
        steps = [] if ends else steps + final
    return _ordered(steps), ends


def _anywhere(body: list[Statement]) -> list[_Step]:
    """Every step of ``body`` (an exception may leave it after any of them)."""
    steps: list[_Step] = []
    for statement in body:
        if isinstance(statement, (FuncItem, Decorator, ClassDef)):
            continue
        inner, _ = _through(statement)
        steps += inner if inner else [_Step(statement)]
    return steps


def _ordered(steps: list[_Step]) -> list[_Step]:
    """``steps`` without repeats, in source order (block ends after their block)."""
    unique = list(dict.fromkeys(steps))
    return sorted(unique, key=_position)


def _position(step: _Step) -> tuple[int, int]:
    statement = step.statement
    if step.end:
        return (statement.end_line or statement.line, 1)
    return (statement.line, 0)
