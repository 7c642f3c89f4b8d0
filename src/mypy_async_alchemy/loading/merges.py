"""The values that mypy merged into one type, recovered from the code.

mypy joins the types of ``[a, b]`` and, without a union context, of ``a if c else b``; a
join builds a new type without the states its parts carried (``state.py``). Where a read
meets such a merged, state-less type, this finds the expressions that were merged, in the
function's own code, and gives their types as mypy inferred them (its type map):

- ``a if c else b``: ``a`` and ``b``;
- ``[a, b]``, ``(a, b)``, ``{a, b}``, and ``xs[i]`` or ``for x in xs`` over one of them;
- a local variable bound exactly once in the function (``x = <merge>``,
  ``for x in <merge>``): what it was bound to. A variable bound twice is left alone: which
  binding reaches the read is flow analysis mypy does, and a guess could cry wolf.

Anything else gives None: the merge stays unknown.
"""

from __future__ import annotations

from typing import Final

from mypy.nodes import (
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    ConditionalExpr,
    Expression,
    ForStmt,
    FuncItem,
    IndexExpr,
    ListExpr,
    MemberExpr,
    NameExpr,
    SetExpr,
    StarExpr,
    TupleExpr,
    Var,
)
from mypy.plugin import CheckerPluginInterface
from mypy.types import Type

from mypy_async_alchemy import scope, walk
from mypy_async_alchemy.loading import state as states

_DISPLAYS: Final = (ListExpr, TupleExpr, SetExpr)
# Bindings followed from one variable to the next: enough for real code, and no cycle.
_MAX_DEPTH: Final = 4


def alternatives(api: CheckerPluginInterface, expr: Expression) -> list[Type] | None:
    """The types of the values ``expr`` may be, each as mypy inferred it; None if unknown."""
    found = _values(api, expr, scope.current_function(api), _MAX_DEPTH)
    if found is None:
        return None
    return [_value_type(api, value) for value in found]


def _value_type(api: CheckerPluginInterface, value: Expression) -> Type:
    """The type of ``value`` with the states the plugin gave it.

    When mypy simplifies a union of two differently loaded objects of one model
    (``typeops.make_simplified_union``), it erases the state on the instance it keeps, in
    place: the value's type in mypy's type map may have lost its state since. A value built
    from the plugin's statements is then inferred again, which gives it back.
    """
    typ = scope.expression_type(api, value)
    if states.has_lost_state(typ) and _from_statement(api, value):
        return api.get_expression_type(value)
    return typ


def _from_statement(api: CheckerPluginInterface, expr: Expression) -> bool:
    """Whether ``expr`` is built on a value whose type carries the plugin's states."""
    while True:
        if states.carries_states(scope.inferred_type(api, expr)):
            return True
        if isinstance(expr, AwaitExpr):
            expr = expr.expr
        elif isinstance(expr, CallExpr):
            if any(states.carries_states(scope.inferred_type(api, arg)) for arg in expr.args):
                return True
            expr = expr.callee
        elif isinstance(expr, (MemberExpr, IndexExpr)):
            expr = expr.expr if isinstance(expr, MemberExpr) else expr.base
        else:
            return False


def elements(api: CheckerPluginInterface, expr: Expression) -> list[Type] | None:
    """The types of the items of the display ``expr`` stands for (``*opts``); None if none."""
    found = _items(api, expr, scope.current_function(api), _MAX_DEPTH)
    if found is None:
        return None
    return [scope.expression_type(api, value) for value in found]


def _values(
    api: CheckerPluginInterface, expr: Expression, function: FuncItem | None, depth: int
) -> list[Expression] | None:
    if depth == 0:
        return None
    if isinstance(expr, ConditionalExpr):
        branches = [
            _values(api, branch, function, depth - 1) or [branch]
            for branch in (expr.if_expr, expr.else_expr)
        ]
        return [value for branch in branches for value in branch]
    if isinstance(expr, IndexExpr):
        return _items(api, expr.base, function, depth - 1)
    bound = _binding(expr, function)
    if bound is None:
        return None
    value, iterated = bound
    if iterated:
        return _items(api, value, function, depth - 1)
    return _values(api, value, function, depth - 1) or [value]


def _items(
    api: CheckerPluginInterface, expr: Expression, function: FuncItem | None, depth: int
) -> list[Expression] | None:
    if depth == 0:
        return None
    if isinstance(expr, _DISPLAYS):
        if not expr.items or any(isinstance(item, StarExpr) for item in expr.items):
            return None
        return list(expr.items)
    bound = _binding(expr, function)
    if bound is None or bound[1]:
        return None
    return _items(api, bound[0], function, depth - 1)


def _binding(expr: Expression, function: FuncItem | None) -> tuple[Expression, bool] | None:
    """``(value, iterated)`` of the only binding of local variable ``expr`` in ``function``.

    ``iterated``: bound by ``for expr in value``, so it holds the items of ``value``.
    """
    if not (isinstance(expr, NameExpr) and isinstance(expr.node, Var)) or function is None:
        return None
    target = expr.node
    if any(argument.variable is target for argument in function.arguments):
        return None
    found: list[tuple[Expression, bool]] = []
    for statement in walk.statements(function):
        if isinstance(statement, AssignmentStmt):
            if any(walk.binds(lvalue, target) for lvalue in statement.lvalues):
                single = len(statement.lvalues) == 1 and isinstance(statement.lvalues[0], NameExpr)
                found.append((statement.rvalue, False) if single else (expr, True))
        elif isinstance(statement, ForStmt) and walk.binds(statement.index, target):
            single = isinstance(statement.index, NameExpr)
            found.append((statement.expr, True) if single else (expr, True))
        if len(found) > 1:
            return None
    if len(found) != 1 or found[0][0] is expr:
        return None
    return found[0]
