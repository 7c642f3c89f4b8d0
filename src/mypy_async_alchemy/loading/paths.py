"""Which statements of a function may run before a line and reach it.

``before(body, line)`` gives them in source order: those before the line in its block and
in the blocks around it, and those of earlier blocks that do not end in ``return``/``raise``
(an ``except`` branch that rolls back and raises does not reach the code after the
``try``). An exception may leave a ``try`` body after any of its statements, so its
handlers see all of them. A loop body's later statements are not followed back to its
start (the next iteration).
"""

from __future__ import annotations

from dataclasses import dataclass

from mypy.nodes import (
    BreakStmt,
    ClassDef,
    ContinueStmt,
    Decorator,
    ForStmt,
    FuncItem,
    IfStmt,
    MatchStmt,
    RaiseStmt,
    ReturnStmt,
    Statement,
    TryStmt,
    WhileStmt,
    WithStmt,
)


@dataclass(frozen=True)
class Step:
    """A statement that may run before the read; ``end``: the end of a ``with`` block;
    ``reading``: the statement of the read itself (only what it binds counts)."""

    statement: Statement
    end: bool = False
    reading: bool = False


def before(body: list[Statement], line: int) -> list[Step] | None:
    """The steps of ``body`` that may run before line ``line`` and reach it, in order; None
    if ``line`` is not in ``body``."""
    reached: list[Step] = []
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


def _into(statement: Statement, line: int) -> list[Step]:
    """The steps of the compound ``statement`` that may run before line ``line`` inside it."""
    if isinstance(statement, WithStmt):
        return [Step(statement), *(before(statement.body.body, line) or [])]
    if isinstance(statement, (ForStmt, WhileStmt)):
        head = [Step(statement)]
        found = before(statement.body.body, line)
        if found is not None:
            return head + found
        if statement.else_body is not None:
            inner = before(statement.else_body.body, line) or []
            return head + _flow(statement.body.body)[0] + inner
        return []
    if isinstance(statement, (IfStmt, MatchStmt)):
        bodies = statement.bodies if isinstance(statement, MatchStmt) else statement.body
        else_body = statement.else_body if isinstance(statement, IfStmt) else None
        for block in [*bodies, *([else_body] if else_body is not None else [])]:
            found = before(block.body, line)
            if found is not None:
                return found
        return []
    if isinstance(statement, TryStmt):
        return _into_try(statement, line)
    if isinstance(statement, (FuncItem, Decorator, ClassDef)):
        return []
    return [Step(statement, reading=True)]


def _into_try(statement: TryStmt, line: int) -> list[Step]:
    found = before(statement.body.body, line)
    if found is not None:
        return found
    anywhere = _anywhere(statement.body.body)  # an exception may leave it at any point
    for handler in statement.handlers:
        found = before(handler.body, line)
        if found is not None:
            return anywhere + found
    if statement.else_body is not None:
        found = before(statement.else_body.body, line)
        if found is not None:
            return _flow(statement.body.body)[0] + found
    if statement.finally_body is not None:
        found = before(statement.finally_body.body, line)
        if found is not None:
            handled = [step for h in statement.handlers for step in _anywhere(h.body)]
            return _ordered(anywhere + handled) + found
    return []


def _flow(body: list[Statement]) -> tuple[list[Step], bool]:
    """The steps of ``body`` that may run and then go on past its end, and whether it always
    ends in ``return``/``raise`` (then none goes on)."""
    steps: list[Step] = []
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


def _through(statement: Statement) -> tuple[list[Step], bool]:
    """``_flow`` of one statement, compound or simple."""
    if isinstance(statement, WithStmt):
        inner, ends = _flow(statement.body.body)
        return ([] if ends else [Step(statement), *inner, Step(statement, end=True)]), ends
    if isinstance(statement, (ForStmt, WhileStmt)):
        inner, _ = _flow(statement.body.body)  # a loop may run its body no time at all
        tail = _flow(statement.else_body.body)[0] if statement.else_body is not None else []
        return [Step(statement), *inner, *tail], False
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
    return [Step(statement)], False


def _through_try(statement: TryStmt) -> tuple[list[Step], bool]:
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


def _anywhere(body: list[Statement]) -> list[Step]:
    """Every step of ``body`` (an exception may leave it after any of them)."""
    steps: list[Step] = []
    for statement in body:
        if isinstance(statement, (FuncItem, Decorator, ClassDef)):
            continue
        inner, _ = _through(statement)
        steps += inner if inner else [Step(statement)]
    return steps


def _ordered(steps: list[Step]) -> list[Step]:
    """``steps`` without repeats, in source order (block ends after their block)."""
    unique = list(dict.fromkeys(steps))
    return sorted(unique, key=_position)


def _position(step: Step) -> tuple[int, int]:
    statement = step.statement
    if step.end:
        return (statement.end_line or statement.line, 1)
    return (statement.line, 0)
