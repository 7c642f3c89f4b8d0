"""alchemy-concurrent-session: one AsyncSession (or AsyncConnection) used by concurrent work.

An ``AsyncSession`` is one transaction on one connection. ``asyncio.gather`` runs its
awaitables concurrently, and a task started with ``create_task()`` (or anyio's
``start_soon()``) runs next to its creator: two of them using one session interleave their
statements on one connection, which SQLAlchemy does not support and asyncpg refuses
("another operation is in progress"). SQLite's driver may let it pass: the rule is static.

Reported: a session (the same variable, or the same ``self.session``-like attribute) used
by two awaitables of one ``gather(...)``, or by the awaitables a comprehension spreads into
it (``gather(*[f(session, x) for x in xs])``); the second task of one function handed a
session that an earlier task of the same function got. Not reported: different sessions,
a session each task opens itself (``async with maker() as s``), sequential awaits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final

from mypy.message_registry import ErrorMessage
from mypy.nodes import (
    ARG_STAR,
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    Context,
    Expression,
    GeneratorExpr,
    LambdaExpr,
    ListComprehension,
    MemberExpr,
    NameExpr,
    RefExpr,
    SetComprehension,
    Statement,
    Var,
    WithStmt,
)
from mypy.plugin import CheckerPluginInterface, FunctionContext, FunctionSigContext, MethodContext
from mypy.types import FunctionLike, Instance, Type, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope, walk
from mypy_async_alchemy.families import Family, family_of

# A session as written: the variable, then the attribute names from it (``self.session``).
_Key = tuple[Var, tuple[str, ...]]
_LISTS = (ListComprehension, SetComprehension)
_COMPREHENSIONS = (*_LISTS, GeneratorExpr)
# Context managers whose block waits for the tasks started in it.
_TASK_GROUP_FACTORIES: Final = frozenset({"TaskGroup", "create_task_group"})
_SPAWN_METHOD_NAMES = frozenset(fullname.rpartition(".")[2] for fullname in names.SPAWN_METHODS)


def gather_call(ctx: FunctionSigContext) -> FunctionLike:
    """``asyncio.gather(a, b, ...)``: no session in two of its awaitables.

    A signature hook: mypy calls it before it tries gather()'s overloads (mypy 1.x would
    drop a report made while it tries them), once per overload, where mypy keeps one copy of
    the report. The arguments are read from the call itself."""
    call = ctx.context
    if not isinstance(call, CallExpr) or scope.is_library_code(ctx.api):
        return ctx.default_signature
    seen: dict[_Key, Expression] = {}
    for argument, kind in zip(call.args, call.arg_kinds, strict=True):
        found = {
            key: expr
            for key, expr in _sessions(ctx.api, argument)
            if not _bound_per_item(argument, key[0])  # [s.flush() for s in sessions]
        }
        if kind is ARG_STAR and isinstance(argument, _COMPREHENSIONS):
            spread = next(iter(found.values()), None)
            if spread is not None:
                _report(ctx.api, spread, messages.CONCURRENT_SPREAD, call)
                return ctx.default_signature
        for key, expr in found.items():
            if key in seen:
                _report(ctx.api, expr, messages.CONCURRENT_GATHER, call)
                return ctx.default_signature
            seen[key] = expr
    return ctx.default_signature


def spawn_call(ctx: FunctionContext | MethodContext) -> Type:
    """``create_task(f(session))``: no earlier task of this function has that session."""
    call = ctx.context
    function = scope.current_function(ctx.api)
    if not isinstance(call, CallExpr) or function is None or scope.is_library_code(ctx.api):
        return ctx.default_return_type
    handed = dict(_sessions(ctx.api, call, arguments_only=True))
    if not handed:
        return ctx.default_return_type
    statements = list(walk.statements(function))
    before = [s for s in statements if s.line <= call.line]
    spawned: int | None = None  # the statement that starts this task
    for index, statement in enumerate(before):
        for earlier in _calls(walk.statement_expressions(statement)):
            if earlier is call:
                spawned = index
            if earlier is call or earlier.line > call.line or not _spawns(ctx.api, earlier):
                continue
            shared = set(handed) & {key for key, _ in _sessions(ctx.api, earlier, True)}
            if shared and not _awaited(statement, before[index + 1 :]):
                expr = handed[next(iter(shared))]
                _report(ctx.api, expr, messages.CONCURRENT_TASKS, call, earlier.line)
                return ctx.default_return_type
    if spawned is not None:
        _check_creator(ctx.api, statements, spawned, call, handed)
    return ctx.default_return_type


def _check_creator(
    api: CheckerPluginInterface,
    statements: list[Statement],
    spawned: int,
    call: CallExpr,
    handed: dict[_Key, Expression],
) -> None:
    """The function that started the task (in ``statements[spawned]``) awaits work on the
    task's session while the task may still run: before it awaits the task
    (``t = create_task(...)``), before its task group's ``async with`` block ends, or
    anywhere after (a task nobody awaits)."""
    group_end = _group_end(statements, call)
    for index in range(spawned + 1, len(statements)):
        statement = statements[index]
        if group_end is not None and statement.line > group_end:
            return  # the task group waited for its tasks
        if _awaited(statements[spawned], [statement]):
            return
        for use, awaited in _awaited_uses(walk.statement_expressions(statement)):
            if use in handed:
                _report(api, handed[use], messages.CONCURRENT_CREATOR, awaited, call.line)
                return


def _group_end(statements: list[Statement], call: CallExpr) -> int | None:
    """The last line of the innermost ``async with`` block around ``call`` whose manager
    is a task group (``TaskGroup()``, ``create_task_group()``); None if none."""
    end: int | None = None
    for statement in statements:
        if (
            isinstance(statement, WithStmt)
            and statement.is_async
            and statement.line <= call.line <= (statement.body.end_line or statement.line)
            and any(_names_task_group(expr) for expr in statement.expr)
        ):
            end = statement.body.end_line  # later ones are inner
    return end


def _names_task_group(expr: Expression) -> bool:
    callee = expr.callee if isinstance(expr, CallExpr) else None
    return isinstance(callee, (NameExpr, MemberExpr)) and callee.name in _TASK_GROUP_FACTORIES


def _awaited_uses(exprs: list[Expression]) -> Iterator[tuple[_Key, CallExpr]]:
    """The sessions that awaited calls in ``exprs`` use: ``await session.execute(...)``
    (the receiver) and ``await save(session, ...)`` (an argument)."""
    for current in walk.expressions(exprs):
        awaited = current.expr if isinstance(current, AwaitExpr) else None
        if not isinstance(awaited, CallExpr):
            continue
        callee = awaited.callee
        candidates = [callee.expr] if isinstance(callee, MemberExpr) else []
        for candidate in [*candidates, *awaited.args]:
            key = _key(candidate)
            if key is not None:
                yield key, awaited


def _awaited(spawned: Statement, after: list[Statement]) -> bool:
    """Whether the task ``spawned`` stored in a variable (``t = create_task(...)``) is
    awaited in one of the statements ``after`` (``await t``, ``await gather(t, ...)``)."""
    if not (
        isinstance(spawned, AssignmentStmt)
        and len(spawned.lvalues) == 1
        and isinstance(spawned.lvalues[0], NameExpr)
    ):
        return False
    task = spawned.lvalues[0].node
    return any(
        isinstance(current, AwaitExpr)
        and any(
            isinstance(inner, NameExpr) and inner.node is task
            for inner in walk.expressions([current.expr])
        )
        for statement in after
        for current in walk.expressions(walk.statement_expressions(statement))
    )


def _report(
    api: CheckerPluginInterface,
    session: Expression,
    message: ErrorMessage,
    context: Context,
    *details: object,
) -> None:
    shown = report.spelled(session) or "session"
    report.error(api, message.format(shown, *details), messages.CONCURRENT_NOTE, context)


def _sessions(
    api: CheckerPluginInterface, expr: Expression, arguments_only: bool = False
) -> Iterator[tuple[_Key, Expression]]:
    """The sessions ``expr`` hands to a call, as an argument or as the receiver of a method
    call (``f(session)``, ``session.execute(...)``; not ``f(session.info)``), as ``(key,
    expression)``; for a call with ``arguments_only``, its arguments only. Lambdas are not
    entered."""
    start = list(expr.args) if arguments_only and isinstance(expr, CallExpr) else [expr]
    pending = [(current, True) for current in start]
    while pending:
        current, handed = pending.pop()
        if isinstance(current, LambdaExpr):
            continue
        key = _key(current) if handed else None
        # Not inferred_type(): mypy 1.x keeps the arguments of an overloaded call such as
        # gather() out of the type map while it picks the overload.
        if key is not None and _is_session(scope.expression_type(api, current)):
            yield key, current
            continue
        if isinstance(current, CallExpr):
            callee = current.callee
            pending.append((callee.expr if isinstance(callee, MemberExpr) else callee, True))
            pending.extend((argument, True) for argument in current.args)
        else:
            pending.extend((child, False) for child in walk.children(current))


def _bound_per_item(argument: Expression, var: Var) -> bool:
    """Whether ``var`` is a variable of the comprehension ``argument``: one per item."""
    generator = argument.generator if isinstance(argument, _LISTS) else argument
    return isinstance(generator, GeneratorExpr) and any(
        walk.binds(index, var) for index in generator.indices
    )


def _key(expr: Expression) -> _Key | None:
    attributes: list[str] = []
    while isinstance(expr, MemberExpr):
        attributes.append(expr.name)
        expr = expr.expr
    if isinstance(expr, NameExpr) and isinstance(expr.node, Var):
        return expr.node, tuple(reversed(attributes))
    return None


def _is_session(typ: Type) -> bool:
    proper = get_proper_type(typ)
    return isinstance(proper, Instance) and (
        family_of(proper.type) is Family.ASYNC_SESSION
        or proper.type.has_base(names.ASYNC_CONNECTION)
    )


def _calls(exprs: list[Expression]) -> Iterator[CallExpr]:
    return (expr for expr in walk.expressions(exprs) if isinstance(expr, CallExpr))


def _spawns(api: CheckerPluginInterface, call: CallExpr) -> bool:
    """Whether ``call`` starts a task (a function or method of ``SPAWN_*``)."""
    callee = call.callee
    if isinstance(callee, RefExpr) and callee.fullname in names.SPAWN_FUNCTIONS:
        return True
    if not isinstance(callee, MemberExpr) or callee.name not in _SPAWN_METHOD_NAMES:
        return False
    receiver = get_proper_type(scope.expression_type(api, callee.expr))
    if not isinstance(receiver, Instance):
        return False
    return any(
        f"{base.fullname}.{callee.name}" in names.SPAWN_METHODS for base in receiver.type.mro
    )


FUNCTION_SIGNATURE_HOOKS: Final[dict[str, Callable[[FunctionSigContext], FunctionLike]]] = {
    names.GATHER: gather_call
}
FUNCTION_HOOKS: Final[dict[str, Callable[[FunctionContext], Type]]] = dict.fromkeys(
    names.SPAWN_FUNCTIONS, spawn_call
)
# Exact method names (asyncio's and anyio's classes, not SQLAlchemy families).
METHOD_HOOKS: Final[dict[str, Callable[[MethodContext], Type]]] = dict.fromkeys(
    names.SPAWN_METHODS, spawn_call
)
