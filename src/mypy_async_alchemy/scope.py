"""Where a checker hook fires: which module, which function, whether a run_sync callback.

mypy's plugin interface has no notion of the enclosing function, so this reads the checker's
scope stack (``TypeCheckerSharedApi.scope``). It is the only module that does; anything
unexpected reads as "unknown", which every rule treats as "do not report".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from mypy.lookup import lookup_fully_qualified
from mypy.nodes import (
    ARG_POS,
    FUNC_NO_INFO,
    Expression,
    FuncDef,
    FuncItem,
    Import,
    ImportAll,
    ImportFrom,
    MemberExpr,
    MypyFile,
    NameExpr,
    RefExpr,
    SuperExpr,
    SymbolNode,
    TypeInfo,
)
from mypy.plugin import CheckerPluginInterface
from mypy.types import Instance, NoneType, ProperType, Type, UnionType, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy.families import SYNC_CALLBACK_FAMILIES, family_of


def _stack(api: CheckerPluginInterface) -> list[object]:
    scope = getattr(api, "scope", None)
    stack = getattr(scope, "stack", None)
    return stack if isinstance(stack, list) else []


def module_name(api: CheckerPluginInterface) -> str | None:
    """The module being checked."""
    stack = _stack(api)
    if stack and isinstance(stack[0], MypyFile):
        return stack[0].fullname
    return None


def is_library_code(api: CheckerPluginInterface) -> bool:
    """True while mypy checks SQLAlchemy itself (or the module is unknown): rules stay quiet."""
    module = module_name(api)
    return module is None or is_sqlalchemy_module(module)


def is_sqlalchemy_module(module: str) -> bool:
    """``sqlalchemy`` or one of its modules."""
    return module == names.SQLALCHEMY or module.startswith(names.SQLALCHEMY + ".")


def enclosing_functions(api: CheckerPluginInterface) -> Iterator[FuncItem]:
    """Enclosing functions and lambdas, innermost first."""
    for node in reversed(_stack(api)):
        if isinstance(node, FuncItem):
            yield node


def current_function(api: CheckerPluginInterface) -> FuncItem | None:
    """The innermost enclosing function or lambda."""
    for node in reversed(_stack(api)):
        if isinstance(node, FuncItem):
            return node
    return None


def in_sync_callback(api: CheckerPluginInterface) -> bool:
    """Inside a function shaped like a run_sync() callback, or nested in one.

    That is a plain function (or lambda) whose first parameter, ``self``/``cls`` aside, is a
    required positional sync ``Session`` or ``Connection`` (or a method of a subclass of
    one): AsyncSession.run_sync and AsyncConnection.run_sync hand one in, and the greenlet
    bridge makes its IO legitimate.
    An ``async def`` runs on the event loop, so one between the call and the callback (or
    the function itself) means "not in a callback".
    """
    for func in enclosing_functions(api):
        if func.is_coroutine:
            return False
        if _is_sync_callback(func):
            return True
    return False


def _is_sync_callback(func: FuncItem) -> bool:
    bound = _is_bound_method(func)
    # A method of a Session/Connection subclass: ``self`` is what run_sync hands in
    # (``await session.run_sync(AppSession.archive)``), and what sync events call it on.
    self_is_sync = isinstance(func, FuncDef) and not func.is_class
    if bound and self_is_sync and family_of(func.info) in SYNC_CALLBACK_FAMILIES:
        return True
    # Argument variables carry their types for lambdas too (inferred from the call's context).
    skip = 1 if bound else 0
    if len(func.arguments) <= skip:
        return False
    first = func.arguments[skip]
    # A defaulted parameter (``db: Session = Depends(get_db)``) is not filled by run_sync.
    if first.kind is not ARG_POS:
        return False
    declared = first.variable.type
    return declared is not None and _is_sync_callback_type(declared)


def _is_sync_callback_type(declared: Type) -> bool:
    """``Session``, ``Connection``, a subclass or NewType of them, or an Optional of one."""
    proper: ProperType | None = get_proper_type(declared)
    if isinstance(proper, UnionType):
        items = [get_proper_type(item) for item in proper.items]
        non_none = [item for item in items if not isinstance(item, NoneType)]
        proper = non_none[0] if len(non_none) == 1 else None
    return isinstance(proper, Instance) and family_of(proper.type) in SYNC_CALLBACK_FAMILIES


def _is_bound_method(func: FuncItem) -> bool:
    return isinstance(func, FuncDef) and func.info is not FUNC_NO_INFO and not func.is_static


def inferred_type(api: CheckerPluginInterface, expr: Expression) -> Type | None:
    """The type mypy already inferred for ``expr`` in this module; None if not yet."""
    lookup = getattr(api, "lookup_type_or_none", None)
    found = lookup(expr) if callable(lookup) else None
    return found if isinstance(found, Type) else None


def expression_type(api: CheckerPluginInterface, expr: Expression) -> Type:
    """The type of ``expr``: as already inferred, else inferred now (which costs a re-check)."""
    return inferred_type(api, expr) or api.get_expression_type(expr)


def current_module(api: CheckerPluginInterface) -> MypyFile | None:
    """The module being checked, as a node."""
    stack = _stack(api)
    return stack[0] if stack and isinstance(stack[0], MypyFile) else None


def active_class(api: CheckerPluginInterface) -> TypeInfo | None:
    """The class whose body is being checked (not a method of it)."""
    stack = _stack(api)
    return stack[-1] if stack and isinstance(stack[-1], TypeInfo) else None


# Directories of installed packages.
_INSTALLED: Final = frozenset({"site-packages", "dist-packages"})


def is_project_module(tree: MypyFile | None) -> bool:
    """A module of the checked project: not a stub, not an installed package's module (the
    plugin reads no function of those: what they return or read is unknown)."""
    if tree is None or tree.is_stub:
        return False
    path = "/" + tree.path.replace("\\", "/")
    return not any(f"/{directory}/" in path for directory in _INSTALLED)


def rechecks_in_place(api: CheckerPluginInterface) -> bool:
    """dmypy: mypy checks a function again, the same node, after modules it calls into
    changed; an answer kept for the node (about its callees) may be stale there."""
    options = getattr(api, "options", None)
    return bool(getattr(options, "fine_grained_incremental", False))


def imported_modules(file: MypyFile) -> list[str]:
    """The modules ``file`` imports (``import a.b``, ``from a.b import c``), as written."""
    found: list[str] = []
    for imp in file.imports:
        if isinstance(imp, Import):
            found.extend([name for name, _alias in imp.ids])
        elif isinstance(imp, (ImportFrom, ImportAll)):
            found.append(imp.id)
    return found


def referenced(expr: Expression, func: FuncDef) -> SymbolNode | None:
    """What ``expr`` names in ``func``: ``maker``, ``module.maker``, ``self.maker`` (a
    member of the class, when ``func`` is a method and ``self`` its first parameter), or
    ``super().method`` (the method of the next class in the MRO that defines it)."""
    if isinstance(expr, RefExpr) and expr.node is not None:
        return expr.node
    if isinstance(expr, SuperExpr) and expr.info is not None:
        for base in expr.info.mro[1:]:
            symbol = base.names.get(expr.name)
            if symbol is not None:
                return symbol.node
        return None
    if (
        isinstance(expr, MemberExpr)
        and isinstance(expr.expr, NameExpr)
        and func.info is not FUNC_NO_INFO
        and func.arguments
        and expr.expr.node is func.arguments[0].variable
    ):
        symbol = func.info.get(expr.name)
        return symbol.node if symbol is not None else None
    return None


def defining_module(func: FuncDef) -> str:
    """The name of the module whose top level (or one of whose classes) defines ``func``."""
    if func.info is not FUNC_NO_INFO:
        return func.info.module_name
    return func.fullname.rpartition(".")[0]


def module_of(api: CheckerPluginInterface, func: FuncDef) -> MypyFile | None:
    """The module that defines ``func`` (a function or method of its top level)."""
    modules = getattr(api, "modules", None)
    if not isinstance(modules, dict):
        return None
    name = (
        func.info.module_name
        if func.info is not FUNC_NO_INFO
        else func.fullname.rpartition(".")[0]
    )
    module = modules.get(name)
    return module if isinstance(module, MypyFile) else None


def _lookup(api: CheckerPluginInterface, fullname: str) -> SymbolNode | None:
    modules = getattr(api, "modules", None)
    if not isinstance(modules, dict):
        return None
    symbol = lookup_fully_qualified(fullname, modules)
    return symbol.node if symbol is not None else None


def lookup_info(api: CheckerPluginInterface, fullname: str) -> TypeInfo | None:
    """The class ``fullname`` from any module in the build.

    ``named_generic_type`` walks package attributes and fails on a submodule that its
    package does not import (``app.models.user.User``); this looks the module up in
    the build's module table instead.
    """
    node = _lookup(api, fullname)
    return node if isinstance(node, TypeInfo) else None
