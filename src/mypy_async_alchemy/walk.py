"""Walking a function body's statements in source order (mypy nodes, never Python's ``ast``)."""

from __future__ import annotations

from collections.abc import Iterator

from mypy.nodes import (
    Block,
    ClassDef,
    Decorator,
    Expression,
    ForStmt,
    FuncItem,
    IfStmt,
    ListExpr,
    MatchStmt,
    MypyFile,
    NameExpr,
    StarExpr,
    Statement,
    TryStmt,
    TupleExpr,
    Var,
    WhileStmt,
    WithStmt,
)


def statements(body: FuncItem | MypyFile) -> Iterator[Statement]:
    """Every statement of a function or module body, nested blocks included.

    Nested functions and classes are yielded but not entered: they are scopes of their own.
    """
    yield from _walk(body.body.body if isinstance(body, FuncItem) else body.defs)


def owned_statements(module: MypyFile) -> Iterator[tuple[FuncItem | None, Statement]]:
    """Every statement of a module, with the function it is in (None: module or class body).

    Functions, methods and classes are entered, at any depth.
    """
    yield from _owned(module.defs, None)


def _owned(
    body: list[Statement], owner: FuncItem | None
) -> Iterator[tuple[FuncItem | None, Statement]]:
    for statement in _walk(body):
        yield owner, statement
        inner = statement.func if isinstance(statement, Decorator) else statement
        if isinstance(inner, FuncItem):
            yield from _owned(inner.body.body, inner)
        elif isinstance(inner, ClassDef):
            yield from _owned(inner.defs.body, owner)


def _walk(body: list[Statement]) -> Iterator[Statement]:
    for statement in body:
        yield statement
        for block in _blocks(statement):
            yield from _walk(block.body)


def _blocks(statement: Statement) -> list[Block]:
    if isinstance(statement, WithStmt):
        return [statement.body]
    if isinstance(statement, (ForStmt, WhileStmt)):
        return [statement.body, *([statement.else_body] if statement.else_body else [])]
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


def binds(target: Expression, var: Var) -> bool:
    """Whether the assignment target ``target`` (``x``, ``a, *x``) binds ``var``."""
    if isinstance(target, NameExpr):
        return target.node is var
    if isinstance(target, (TupleExpr, ListExpr)):
        return any(binds(item, var) for item in target.items)
    if isinstance(target, StarExpr):
        return binds(target.expr, var)
    return False
