"""Plain functions that FastAPI and Starlette run in their threadpool (threads.py asks).

Where Starlette takes a callable that may be sync or async, it awaits an ``async def`` on
the event loop and runs a plain ``def`` with ``run_in_threadpool``; FastAPI does the same:

- a dependency: ``Depends(f)``, ``Security(f)`` (a parameter default, a
  ``dependencies=[...]`` list, ``Annotated[X, Depends(f)]`` in a signature or an alias); a
  plain generator dependency is entered and exited with ``contextmanager_in_threadpool``;
- a background task: ``BackgroundTask(f, ...)``, ``tasks.add_task(f, ...)`` on a
  ``BackgroundTasks``;
- a path operation: ``@app.get(...)`` (any HTTP method, ``api_route``) on a ``FastAPI``
  app or an ``APIRouter``, and ``app.add_api_route(path, f)``. Websocket handlers are
  async: not here.

FastAPI is no dependency of the plugin: calls are matched by fullname, receivers by their
declared class. Only the function handed over counts (``add_task(f, g)`` runs ``f``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Final

from mypy.nodes import (
    ARG_NAMED,
    ARG_POS,
    AssignmentStmt,
    CallExpr,
    Decorator,
    Expression,
    FuncDef,
    FuncItem,
    MemberExpr,
    MypyFile,
    NameExpr,
    RefExpr,
    SymbolNode,
    TypeInfo,
    Var,
)
from mypy.plugin import CheckerPluginInterface
from mypy.types import (
    CallableType,
    Instance,
    RawExpressionType,
    Type,
    UnboundType,
    UnionType,
    get_proper_type,
)

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, walk


def handed_function(
    api: CheckerPluginInterface, call: CallExpr, body: FuncItem | MypyFile
) -> Expression | None:
    """The function ``call`` (made in ``body``) hands to the threadpool, if it is one of the
    calls above."""
    callee = call.callee
    handed = dependency(call)
    if handed is not None:
        return handed
    if isinstance(callee, RefExpr) and callee.fullname == names.BACKGROUND_TASK:
        return _argument(call, 0, names.TASK_ARGUMENT)
    if not isinstance(callee, MemberExpr):
        return None
    if callee.name == names.ADD_TASK_METHOD and _is_instance(
        api, callee.expr, {names.BACKGROUND_TASKS}, body
    ):
        return _argument(call, 0, names.TASK_ARGUMENT)
    if callee.name == names.ADD_API_ROUTE_METHOD and _is_instance(
        api, callee.expr, names.FASTAPI_ROUTE_OWNERS, body
    ):
        return _argument(call, 1, names.ENDPOINT_ARGUMENT)
    return None


def dependency(call: Expression | None) -> Expression | None:
    """``f`` of ``Depends(f)`` / ``Security(f)`` (``dependency=f`` too); None otherwise."""
    if not isinstance(call, CallExpr):
        return None
    callee = call.callee
    if isinstance(callee, RefExpr) and callee.fullname in names.DEPENDENCY_MARKERS:
        return _argument(call, 0, names.DEPENDENCY_ARGUMENT)
    return None


def is_path_operation(
    api: CheckerPluginInterface, decorator: Expression, body: FuncItem | MypyFile
) -> bool:
    """``@app.get("/")``, ``@router.api_route(...)`` (written in ``body``): a FastAPI path
    operation decorator."""
    return (
        isinstance(decorator, CallExpr)
        and isinstance(decorator.callee, MemberExpr)
        and decorator.callee.name in names.FASTAPI_ROUTE_DECORATORS
        and _is_instance(api, decorator.callee.expr, names.FASTAPI_ROUTE_OWNERS, body)
    )


def _argument(call: CallExpr, position: int, name: str) -> Expression | None:
    """The argument given for parameter ``name``, the ``position``-th positional one."""
    positional = [
        arg for arg, kind in zip(call.args, call.arg_kinds, strict=True) if kind == ARG_POS
    ]
    if position < len(positional):
        return positional[position]
    for arg, kind, arg_name in zip(call.args, call.arg_kinds, call.arg_names, strict=True):
        if kind == ARG_NAMED and arg_name == name:
            return arg
    return None


def _is_instance(
    api: CheckerPluginInterface,
    expr: Expression,
    classes: Iterable[str],
    body: FuncItem | MypyFile,
) -> bool:
    """Whether ``expr`` (in ``body``) is an instance of one of ``classes``.

    Its variable's type comes first: a parameter's annotation, or a module variable checked
    earlier, is known before the expressions of a function checked later are; a local
    variable of such a function is read from its assignment (``tasks = BackgroundTasks()``).
    """
    declared = expr.node.type if isinstance(expr, RefExpr) and isinstance(expr.node, Var) else None
    typ = declared or scope.inferred_type(api, expr)
    proper = get_proper_type(typ) if typ is not None else None
    info = proper.type if isinstance(proper, Instance) else _constructed(expr, body)
    return info is not None and any(info.has_base(c) for c in classes)


def _constructed(expr: Expression, body: FuncItem | MypyFile) -> TypeInfo | None:
    """The class a variable of ``body`` is assigned an instance of: ``x = Class(...)``."""
    if not (isinstance(expr, NameExpr) and isinstance(expr.node, Var)):
        return None
    for statement in walk.statements(body):
        if (
            isinstance(statement, AssignmentStmt)
            and isinstance(statement.rvalue, CallExpr)
            and isinstance(statement.rvalue.callee, RefExpr)
            and isinstance(statement.rvalue.callee.node, TypeInfo)
            and any(
                isinstance(lvalue, NameExpr) and lvalue.node is expr.node
                for lvalue in statement.lvalues
            )
        ):
            return statement.rvalue.callee.node
    return None


# ``Annotated[Session, Depends(get_db)]`` in a signature: mypy keeps the type and drops the
# metadata, leaving a placeholder with the position of ``Depends(...)``. The call is read
# back from the source there; both names are then resolved in the module's symbol table.
_CALL: Final = re.compile(
    r"(?P<callee>[A-Za-z_][\w.]*)\s*\(\s*(?:dependency\s*=\s*)?(?P<arg>[A-Za-z_]\w*)\s*[,)]"
)
# How far below the parameter's line its annotation's metadata may be written.
_ANNOTATION_LINES: Final = 8


def annotation_calls(function: FuncDef) -> list[tuple[int, int]]:
    """``(line, column)`` of each call written in ``Annotated[...]`` metadata of a parameter.

    The line is the parameter's; the column is the call's, on whichever line it is.
    """
    signature = function.unanalyzed_type
    if not isinstance(signature, CallableType):
        return []
    return [position for arg_type in signature.arg_types for position in _calls_in(arg_type)]


def annotated_dependency(module: MypyFile, function: FuncDef, index: int) -> FuncDef | None:
    """``f`` of ``Annotated[X, Depends(f)]`` on the parameter ``index`` of ``function`` (of
    ``module``), read back from the source as above."""
    signature = function.unanalyzed_type
    if not isinstance(signature, CallableType) or index >= len(signature.arg_types):
        return None
    for callee, arg in read_calls(module.path, _calls_in(signature.arg_types[index])):
        if _resolve(module, callee) in names.DEPENDENCY_MARKERS:
            symbol = module.names.get(arg)
            node = symbol.node if symbol is not None else None
            node = node.func if isinstance(node, Decorator) else node
            return node if isinstance(node, FuncDef) else None
    return None


def _calls_in(arg_type: Type) -> list[tuple[int, int]]:
    return [
        (raw.line, raw.column)
        for raw in _raw_expressions(arg_type)
        if raw.literal_value is None and raw.line > 0 and raw.column >= 0
    ]


def _raw_expressions(typ: Type) -> Iterator[RawExpressionType]:
    proper = get_proper_type(typ)
    if isinstance(proper, RawExpressionType):
        yield proper
    elif isinstance(proper, UnboundType):
        for arg in proper.args:
            yield from _raw_expressions(arg)
    elif isinstance(proper, UnionType):
        for item in proper.items:
            yield from _raw_expressions(item)


def read_calls(path: str, positions: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """``(callee, argument)`` as spelled at each position: ``("Depends", "get_db")``."""
    try:
        lines = Path(path).read_bytes().splitlines()
    except OSError:
        return []
    found: list[tuple[str, str]] = []
    for line, column in positions:
        # ast columns count UTF-8 bytes.
        for number in range(line - 1, min(line - 1 + _ANNOTATION_LINES, len(lines))):
            if len(lines[number]) <= column:
                continue
            text = b"\n".join(lines[number : number + _ANNOTATION_LINES])[column:]
            match = _CALL.match(text.decode("utf-8", "replace"))
            if match is not None:
                found.append((match["callee"], match["arg"]))
                break
    return found


def is_annotated_dependency(module: MypyFile, function: FuncDef, callees: Iterable[str]) -> bool:
    """Whether ``Annotated[..., <callee>(function)]`` names a FastAPI dependency marker."""
    symbol = module.names.get(function.name)
    node = symbol.node if symbol is not None else None
    if (node.func if isinstance(node, Decorator) else node) is not function:
        return False
    return any(_resolve(module, callee) in names.DEPENDENCY_MARKERS for callee in callees)


def _resolve(module: MypyFile, dotted: str) -> str | None:
    """The fullname ``Depends`` or ``fastapi.Depends`` stands for in ``module``."""
    first, *rest = dotted.split(".")
    symbol = module.names.get(first)
    node: SymbolNode | None = symbol.node if symbol is not None else None
    for part in rest:
        if not isinstance(node, MypyFile):
            return None
        symbol = node.names.get(part)
        node = symbol.node if symbol is not None else None
    return node.fullname if node is not None else None
