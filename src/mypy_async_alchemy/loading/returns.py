"""``return obj`` in a function whose declared return type holds ``Loaded[...]``.

No plugin hook sees a return statement. So while mypy analyses such a function's return
annotation (the type-analyze hook of ``Loaded``), each ``return <value>`` in its body becomes
``return __alchemy_returned__(<value>)``: a call of ``mypy_async_alchemy._returned`` whose
function hook checks the value like an argument (``boundaries.py``) and gives its type back
unchanged, so mypy's own return check sees what it saw before.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from mypy.nodes import (
    ARG_POS,
    GDEF,
    CallExpr,
    Decorator,
    FuncDef,
    ImportFrom,
    MypyFile,
    NameExpr,
    ReturnStmt,
    SymbolTableNode,
)
from mypy.plugin import AnalyzeTypeContext, FunctionContext
from mypy.types import (
    CallableType,
    Instance,
    TupleType,
    Type,
    UnboundType,
    UnionType,
    get_proper_type,
)

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope, walk
from mypy_async_alchemy.loading import boundaries
from mypy_async_alchemy.loading import state as states

# The name under which a user module refers to ``names.RETURNED`` (module-private).
_ALIAS: Final = "__alchemy_returned__"


def mark_returns(ctx: AnalyzeTypeContext) -> None:
    """Wrap the return values of the function whose return annotation holds ``ctx.type``."""
    analyzer = getattr(ctx.api, "api", None)
    statement = getattr(analyzer, "statement", None)
    module = getattr(analyzer, "cur_mod_node", None)
    function = statement.func if isinstance(statement, Decorator) else statement
    if not (isinstance(function, FuncDef) and isinstance(module, MypyFile)):
        return
    signature = function.unanalyzed_type
    if not isinstance(signature, CallableType) or not _mentions(signature.ret_type, ctx.type):
        return
    helper = analyzer.lookup_fully_qualified_or_none(names.RETURNED)  # type: ignore[union-attr]
    if helper is None:
        return
    module.names.setdefault(
        _ALIAS,
        SymbolTableNode(GDEF, helper.node, module_public=False, plugin_generated=True),
    )
    wrap_returns(function)


def wrap_returns(function: FuncDef) -> None:
    """``return value`` -> ``return __alchemy_returned__(value)`` in ``function`` (not in
    functions nested in it)."""
    for stmt in walk.statements(function):
        if isinstance(stmt, ReturnStmt) and stmt.expr is not None and not _marked(stmt.expr):
            value = stmt.expr
            call = CallExpr(NameExpr(_ALIAS), [value], [ARG_POS], [None])
            call.set_line(value)
            call.callee.set_line(value)
            stmt.expr = call


def bind_alias(module: MypyFile) -> None:
    """Import the marker under its alias at the top of ``module``, before semantic analysis
    (``routes.py`` wraps returns while mypy parses, where no symbol can be bound yet)."""
    if any(isinstance(d, ImportFrom) and d.id == names.PLUGIN_MODULE for d in module.defs[:1]):
        return
    package, _, name = names.RETURNED.rpartition(".")
    statement = ImportFrom(package, 0, [(name, _ALIAS)])
    statement.set_line(1)
    statement.is_top_level = True
    module.defs.insert(0, statement)
    module.imports.append(statement)


def passthrough(ctx: FunctionContext) -> Type:
    """The type of ``value`` in ``__alchemy_returned__(value)``: the call's own type."""
    return ctx.arg_types[0][0] if ctx.arg_types and ctx.arg_types[0] else ctx.default_return_type


def returned_value(ctx: FunctionContext, *, strict: bool) -> Type:
    """``__alchemy_returned__(value)``: check ``value`` against the declared return type."""
    given = passthrough(ctx)
    function = scope.current_function(ctx.api)
    declared = _declared_return(function)
    if declared is not None:
        for required, actual in _pairs(declared, given):
            missing = boundaries.missing_path(required, actual, strict=strict)
            if missing is not None:
                path, state = missing
                name = function.name if isinstance(function, FuncDef) else "function"
                report.error(
                    ctx.api,
                    messages.UNDER_LOADED_RETURN.format(name, path, boundaries.shown(state)),
                    messages.UNDER_LOADED_NOTE.format(path),
                    ctx.context,
                )
                break
    return given


def _mentions(typ: Type, target: UnboundType) -> bool:
    """Whether the unanalysed type ``typ`` contains ``target`` (same spelling and place)."""
    typ = get_proper_type(typ)
    if isinstance(typ, UnboundType):
        if typ is target or (
            typ.name == target.name and typ.line == target.line and typ.column == target.column
        ):
            return True
        return any(_mentions(arg, target) for arg in typ.args)
    if isinstance(typ, UnionType):
        return any(_mentions(item, target) for item in typ.items)
    return False


def _marked(expr: object) -> bool:
    return (
        isinstance(expr, CallExpr)
        and isinstance(expr.callee, NameExpr)
        and expr.callee.name == _ALIAS
    )


def _declared_return(function: object) -> Type | None:
    """The type a ``return`` in ``function`` must match (a coroutine's inner type)."""
    if not isinstance(function, FuncDef) or function.is_generator:
        return None
    signature = function.type
    if not isinstance(signature, CallableType):
        return None
    declared = get_proper_type(signature.ret_type)
    if not function.is_coroutine:
        return declared
    if isinstance(declared, Instance) and declared.type.fullname == names.COROUTINE:
        return declared.args[-1] if declared.args else None
    return None


def _pairs(declared: Type, given: Type) -> Iterator[tuple[Type, Type]]:
    """``(Loaded[...] type, what is given there)`` for each ``Loaded`` inside ``declared``."""
    required = get_proper_type(declared)
    actual = get_proper_type(given)
    if isinstance(actual, UnionType):
        for item in actual.items:
            yield from _pairs(required, item)
    elif isinstance(required, UnionType):
        for option in required.items:
            found = states.model_and_state(option)
            if found is None or found[1] is None:
                yield from _pairs(option, actual)
            elif (given_found := states.model_and_state(actual)) is not None and (
                given_found[0] is found[0]
            ):
                yield option, actual
    elif isinstance(required, Instance) and states.model_and_state(required) is not None:
        yield required, actual
    elif (
        isinstance(required, Instance)
        and isinstance(actual, Instance)
        and required.type is actual.type
        and len(required.args) == len(actual.args)
    ):
        for required_arg, actual_arg in zip(required.args, actual.args, strict=True):
            yield from _pairs(required_arg, actual_arg)
    elif (
        isinstance(required, TupleType)
        and isinstance(actual, TupleType)
        and len(required.items) == len(actual.items)
    ):
        for required_item, actual_item in zip(required.items, actual.items, strict=True):
            yield from _pairs(required_item, actual_item)
