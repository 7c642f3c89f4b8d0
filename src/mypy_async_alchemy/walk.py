"""Walking a function body's statements in source order (mypy nodes, never Python's ``ast``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from mypy.nodes import (
    AssertStmt,
    AssignmentExpr,
    AssignmentStmt,
    AwaitExpr,
    Block,
    CallExpr,
    CastExpr,
    ClassDef,
    ComparisonExpr,
    ConditionalExpr,
    Decorator,
    DelStmt,
    DictExpr,
    DictionaryComprehension,
    Expression,
    ExpressionStmt,
    ForStmt,
    FuncItem,
    GeneratorExpr,
    IfStmt,
    IndexExpr,
    LambdaExpr,
    ListComprehension,
    ListExpr,
    MatchStmt,
    MemberExpr,
    MypyFile,
    NameExpr,
    OperatorAssignmentStmt,
    OpExpr,
    RaiseStmt,
    ReturnStmt,
    SetComprehension,
    SetExpr,
    SliceExpr,
    StarExpr,
    Statement,
    TryStmt,
    TupleExpr,
    UnaryExpr,
    Var,
    WhileStmt,
    WithStmt,
    YieldExpr,
    YieldFromExpr,
)


def statements(body: FuncItem | MypyFile) -> list[Statement]:
    """Every statement of a function or module body, nested blocks included, in source order.

    Nested functions and classes are listed but not entered: they are scopes of their own.
    """
    return _walk(body.body.body if isinstance(body, FuncItem) else body.defs)


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


def decorated(module: MypyFile, *, in_functions: bool) -> Iterator[Decorator]:
    """The decorated functions of a module: at its top level and in its classes, at any
    depth, and in functions too when ``in_functions`` (their bodies are most of a module:
    walking them is what this saves)."""
    pending = [module.defs]
    while pending:
        for statement in _walk(pending.pop()):
            if isinstance(statement, Decorator):
                yield statement
            inner = statement.func if isinstance(statement, Decorator) else statement
            if isinstance(inner, ClassDef):
                pending.append(inner.defs.body)
            elif in_functions and isinstance(inner, FuncItem):
                pending.append(inner.body.body)


def _walk(body: list[Statement]) -> list[Statement]:
    # A list, built with a stack: every body is walked several times (one frame, no
    # generator per nested block).
    found: list[Statement] = []
    pending = body[::-1]
    while pending:
        statement = pending.pop()
        found.append(statement)
        if isinstance(statement, _COMPOUND):
            for block in reversed(_blocks(statement)):
                pending.extend(block.body[::-1])
    return found


def blocks(statement: Statement) -> list[tuple[Block, bool]]:
    """The blocks nested in ``statement``, each with whether it may not run to its end when
    the statement does (an ``if`` branch, a loop body, a ``try`` body or handler)."""
    if isinstance(statement, WithStmt):
        return [(statement.body, False)]
    if isinstance(statement, TryStmt) and statement.finally_body is not None:
        return [(b, b is not statement.finally_body) for b in _blocks(statement)]
    if isinstance(statement, Block):
        return [(statement, False)]
    return [(block, True) for block in _blocks(statement)]


# The statements that hold blocks (``_blocks``); most statements are simple.
_COMPOUND: Final = (WithStmt, ForStmt, WhileStmt, IfStmt, TryStmt, MatchStmt, Block)


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


def statement_expressions(statement: Statement) -> list[Expression]:
    """The expressions a statement evaluates itself (not those of its nested blocks)."""
    if isinstance(statement, ExpressionStmt):
        return [statement.expr]
    if isinstance(statement, AssignmentStmt):
        return [statement.rvalue, *statement.lvalues]
    if isinstance(statement, OperatorAssignmentStmt):
        return [statement.rvalue, statement.lvalue]
    if isinstance(statement, (ReturnStmt, AssertStmt, RaiseStmt, DelStmt)):
        return [e for e in (statement.expr,) if e is not None]
    if isinstance(statement, ForStmt):
        return [statement.expr, statement.index]
    if isinstance(statement, (IfStmt, WithStmt)):
        return list(statement.expr)
    if isinstance(statement, WhileStmt):
        return [statement.expr]
    if isinstance(statement, MatchStmt):
        return [statement.subject]
    return []


def expressions(exprs: list[Expression]) -> Iterator[Expression]:
    """``exprs`` and all their sub-expressions; lambdas' bodies are not entered (they run
    later, if ever)."""
    pending = list(exprs)
    while pending:
        current = pending.pop()
        yield current
        if not isinstance(current, LambdaExpr):
            pending.extend(children(current))


def children(expr: Expression) -> list[Expression]:
    """The direct sub-expressions of ``expr`` (a lambda's: its returned expression)."""
    if isinstance(expr, CallExpr):
        return [expr.callee, *expr.args]
    if isinstance(expr, (MemberExpr, AwaitExpr, StarExpr, UnaryExpr, CastExpr)):
        return [expr.expr]
    if isinstance(expr, (YieldExpr, YieldFromExpr)):
        return [expr.expr] if expr.expr is not None else []
    if isinstance(expr, IndexExpr):
        return [expr.base, expr.index]
    if isinstance(expr, OpExpr):
        return [expr.left, expr.right]
    if isinstance(expr, ComparisonExpr):
        return list(expr.operands)
    if isinstance(expr, ConditionalExpr):
        return [expr.cond, expr.if_expr, expr.else_expr]
    if isinstance(expr, (ListExpr, TupleExpr, SetExpr)):
        return list(expr.items)
    if isinstance(expr, DictExpr):
        return [e for pair in expr.items for e in pair if e is not None]
    if isinstance(expr, (ListComprehension, SetComprehension)):
        return [expr.generator]
    if isinstance(expr, GeneratorExpr):
        return [*expr.sequences, *(c for conds in expr.condlists for c in conds), expr.left_expr]
    if isinstance(expr, DictionaryComprehension):
        conditions = (c for conds in expr.condlists for c in conds)
        parts = (expr.key, expr.value)
        return [*expr.sequences, *conditions, *(e for e in parts if e is not None)]
    if isinstance(expr, AssignmentExpr):
        return [expr.value]
    if isinstance(expr, SliceExpr):
        return [e for e in (expr.begin_index, expr.end_index, expr.stride) if e is not None]
    if isinstance(expr, LambdaExpr):
        return [expr.expr()]
    return []
