"""alchemy-session-scope: every AsyncSession is opened as an ``async with`` item."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Final

from mypy.nodes import (
    AssignmentStmt,
    AwaitExpr,
    Block,
    CallExpr,
    Expression,
    ExpressionStmt,
    ForStmt,
    FuncItem,
    IfStmt,
    MatchStmt,
    MemberExpr,
    MypyFile,
    ReturnStmt,
    Statement,
    TryStmt,
    WhileStmt,
    WithStmt,
)
from mypy.plugin import FunctionContext, MethodContext
from mypy.types import Instance, Type, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope
from mypy_async_alchemy.families import Family

# ``await stack.enter_async_context(maker())`` hands the session to an AsyncExitStack.
_EXIT_STACK_METHOD: Final = "enter_async_context"


def session_constructor(ctx: FunctionContext) -> Type:
    """``AsyncSession(engine)`` (not a ``NewType`` cast over it)."""
    created = get_proper_type(ctx.default_return_type)
    if isinstance(created, Instance) and not created.type.is_newtype:
        _check(ctx, created.type.name)
    return ctx.default_return_type


def maker_call(ctx: MethodContext) -> Type:
    """``maker()`` and ``maker.begin()`` on an ``async_sessionmaker``."""
    _check(ctx, "async_sessionmaker")
    return ctx.default_return_type


def _check(ctx: FunctionContext | MethodContext, factory: str) -> None:
    if scope.is_library_code(ctx.api) or not isinstance(ctx.context, CallExpr):
        return
    body: FuncItem | MypyFile | None = scope.current_function(ctx.api) or scope.current_module(
        ctx.api
    )
    if body is None or _opened_by_async_with(body, ctx.context):
        return
    report.error(
        ctx.api,
        messages.SESSION_SCOPE.format(factory),
        messages.SESSION_SCOPE_NOTE.format(factory),
        ctx.context,
    )


def _opened_by_async_with(body: FuncItem | MypyFile, call: CallExpr) -> bool:
    statements = body.body.body if isinstance(body, FuncItem) else body.defs
    return any(_opens(statement, call) for statement in _walk(statements))


def _opens(statement: Statement, call: CallExpr) -> bool:
    """``async with call`` or ``await stack.enter_async_context(call)``."""
    if isinstance(statement, WithStmt):
        return statement.is_async and any(item is call for item in statement.expr)
    value = _top_expression(statement)
    if isinstance(value, AwaitExpr):
        value = value.expr
    return (
        isinstance(value, CallExpr)
        and isinstance(value.callee, MemberExpr)
        and value.callee.name == _EXIT_STACK_METHOD
        and any(arg is call for arg in value.args)
    )


def _top_expression(statement: Statement) -> Expression | None:
    """The value of ``x = ...``, ``return ...`` or an expression statement."""
    if isinstance(statement, AssignmentStmt):
        return statement.rvalue
    if isinstance(statement, (ExpressionStmt, ReturnStmt)):
        return statement.expr
    return None


def _walk(statements: list[Statement]) -> Iterator[Statement]:
    """Statements of a body, nested blocks included, nested functions and classes excluded."""
    for statement in statements:
        yield statement
        for block in _blocks(statement):
            yield from _walk(block.body)


def _blocks(statement: Statement) -> list[Block]:
    if isinstance(statement, (WithStmt, ForStmt, WhileStmt)):
        blocks = [statement.body]
        if not isinstance(statement, WithStmt) and statement.else_body is not None:
            blocks.append(statement.else_body)
        return blocks
    if isinstance(statement, IfStmt):
        return [*statement.body, *([statement.else_body] if statement.else_body else [])]
    if isinstance(statement, TryStmt):
        optional = [statement.else_body, statement.finally_body]
        return [statement.body, *statement.handlers, *(b for b in optional if b is not None)]
    if isinstance(statement, MatchStmt):
        return list(statement.bodies)
    if isinstance(statement, Block):
        return [statement]
    return []


CONSTRUCTOR_HOOKS: Final[Mapping[Family, Callable[[FunctionContext], Type]]] = {
    Family.ASYNC_SESSION: session_constructor,
}
METHOD_HOOKS: Final[Mapping[Family, Mapping[str, Callable[[MethodContext], Type]]]] = {
    Family.ASYNC_SESSIONMAKER: {
        names.SESSION_FACTORY_CALL: maker_call,
        names.SESSION_FACTORY_BEGIN: maker_call,
    },
}
