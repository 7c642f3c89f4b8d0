"""FastAPI path operations: the response model reads the returned ORM objects.

``@router.get("/members/{id}", response_model=MemberOut)`` on a handler that returns a
``Member``: FastAPI validates the value with ``MemberOut`` from attributes after the
handler returned, outside any ``await``, and an unloaded relationship fails there
(``ResponseValidationError``: "Error extracting attribute: MissingGreenlet"). Each
``return`` of such a handler is checked like ``MemberOut.model_validate(value)``
(``serialization.py``), at the ``return``.

No plugin hook sees a return statement, and mypy may check a decorator before the body it
decorates: while mypy parses a project module (``get_additional_deps``), the return values
of functions decorated ``@<x>.get(..., response_model=...)`` (any route method) are
wrapped in the plugin's marker (``returns.py``), whose hook runs here; it checks that the
decorator is a ``FastAPI``/``APIRouter`` one (its receiver's type), reads the response model
from the decorator (``Schema``, ``list[Schema]``, ``Schema | None``...), and checks the
value. Without ``response_model=``, FastAPI derives the model from the return annotation,
which mypy already holds against the returned ORM object: not followed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from mypy.nodes import (
    CallExpr,
    Decorator,
    Expression,
    FuncDef,
    FuncItem,
    IndexExpr,
    MemberExpr,
    MypyFile,
    OpExpr,
    RefExpr,
    TupleExpr,
    TypeInfo,
)
from mypy.plugin import FunctionContext
from mypy.types import Type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, threadpool, walk
from mypy_async_alchemy.checks.attributes import keyword
from mypy_async_alchemy.config import Config
from mypy_async_alchemy.loading import returns, schemas, serialization
from mypy_async_alchemy.memo import LastAsked

_RESPONSE_MODEL: Final = "response_model"
# Subscripted names a response model may be written with, and what they hold (the last
# index: a dict's values).
_GENERIC_FORMS: Final = names.SCHEMA_CONTAINERS | {"typing.Optional", "typing.Union"}
_ROUTE_DECORATORS: Final[LastAsked[FuncItem, list[tuple[CallExpr, FuncItem | MypyFile]]]] = (
    LastAsked()
)


def mark(file: MypyFile) -> bool:
    """While mypy parses ``file``: wrap the returns of its route handlers (see above);
    whether it did."""
    if not scope.is_project_module(file):
        return False
    # Handlers defined in a function (an app factory) are looked for where FastAPI is
    # imported: the factory makes its app or router there.
    factories = any(
        module == names.FASTAPI or module.startswith(names.FASTAPI + ".")
        for module in scope.imported_modules(file)
    )
    handlers = [
        decorated.func
        for decorated in walk.decorated(file, in_functions=factories)
        if any(_route_call(decorator) is not None for decorator in decorated.decorators)
    ]
    if not handlers:
        return False
    returns.bind_alias(file)  # first: a wrapped return must always find the marker
    for handler in handlers:
        returns.wrap_returns(handler)
    return True


def returned(ctx: FunctionContext, *, config: Config) -> Type:
    """The marker's hook: ``Loaded[...]`` return types (``returns.py``), then the response
    model of a route handler."""
    given = returns.returned_value(ctx, strict=config.strict)
    function = scope.current_function(ctx.api)
    if not isinstance(function, FuncDef) or scope.is_library_code(ctx.api):
        return given
    for decorator, body in _route_decorators(ctx, function):
        if not threadpool.is_path_operation(ctx.api, decorator, body):
            continue
        model = keyword(decorator, _RESPONSE_MODEL)
        found = set(_schemas(model)) if model is not None else set()
        if len(found) == 1:
            handed = ctx.args[0][0] if ctx.args and ctx.args[0] else None
            serialization.check(ctx.api, ctx.context, found.pop(), given, handed, config=config)
    return given


def _route_decorators(
    ctx: FunctionContext, function: FuncDef
) -> list[tuple[CallExpr, FuncItem | MypyFile]]:
    """The route decorators of ``function``, each with the body it is written in (kept for
    the last function asked: its returns come one after another)."""
    return _ROUTE_DECORATORS.get(
        function,
        lambda: _find_route_decorators(ctx, function),
        fresh=scope.rechecks_in_place(ctx.api),
    )


def _find_route_decorators(
    ctx: FunctionContext, function: FuncDef
) -> list[tuple[CallExpr, FuncItem | MypyFile]]:
    module = scope.module_of(ctx.api, function) or scope.current_module(ctx.api)
    found: list[tuple[CallExpr, FuncItem | MypyFile]] = []
    if module is not None:
        for decorated, body in _decorators(module, function):
            found = [
                (call, body)
                for decorator in decorated.decorators
                if (call := _route_call(decorator)) is not None
            ]
    return found


def _decorators(
    module: MypyFile, function: FuncDef
) -> Iterator[tuple[Decorator, FuncItem | MypyFile]]:
    """The ``Decorator`` of ``function``, with the body it is written in: the module (its top
    level or a class), else a function (an app factory)."""
    for decorated in walk.decorated(module, in_functions=False):
        if decorated.func is function:
            yield decorated, module
            return
    for owner, statement in walk.owned_statements(module):
        if isinstance(statement, Decorator) and statement.func is function:
            yield statement, owner or module
            return


def _route_call(decorator: Expression) -> CallExpr | None:
    """``x.get(..., response_model=...)`` (any route method), read without types."""
    if (
        isinstance(decorator, CallExpr)
        and isinstance(decorator.callee, MemberExpr)
        and decorator.callee.name in names.FASTAPI_ROUTE_DECORATORS
        and _RESPONSE_MODEL in decorator.arg_names
    ):
        return decorator
    return None


def _schemas(expr: Expression) -> Iterator[TypeInfo]:
    """The schemas a response model expression names: ``Schema``, ``list[Schema]``,
    ``Schema | None``, ``Optional[Schema]``, ``dict[str, Schema]``."""
    if isinstance(expr, RefExpr):
        if isinstance(expr.node, TypeInfo) and schemas.is_schema(expr.node):
            yield expr.node
    elif isinstance(expr, OpExpr) and expr.op == "|":
        yield from _schemas(expr.left)
        yield from _schemas(expr.right)
    elif (
        isinstance(expr, IndexExpr)
        and isinstance(expr.base, RefExpr)
        and _generic_name(expr.base) in _GENERIC_FORMS
    ):
        index = expr.index
        items = index.items if isinstance(index, TupleExpr) else [index]
        if _generic_name(expr.base) not in ("typing.Optional", "typing.Union"):
            items = items[-1:]
        for item in items:
            yield from _schemas(item)


def _generic_name(base: RefExpr) -> str:
    """``builtins.list`` for ``list`` and ``typing.List``; the fullname otherwise."""
    node = base.node
    target = getattr(node, "target", None)  # a type alias such as typing.List
    fullname = getattr(getattr(target, "type", None), "fullname", None)
    return fullname if isinstance(fullname, str) else base.fullname
