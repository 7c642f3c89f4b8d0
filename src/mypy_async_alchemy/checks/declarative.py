"""alchemy-unmapped, alchemy-legacy-column: 2.0-style declarative models.

Declarative classes are also handed to the rules of checks/dynamic.py and checks/nullable.py.

A class is declarative when one of these class hooks finds it so, after its body is analysed:

- base class: a declarative class (``DeclarativeBase``/``DeclarativeBaseNoMeta`` in the MRO,
  a ``DeclarativeMeta`` metaclass, or the marker below), or a variable assigned
  ``declarative_base()`` / ``<registry>.generate_base()`` (typed ``Any``, so not a class);
- metaclass: ``DeclarativeMeta`` or a subclass;
- decorator: ``@as_declarative()``;
- MRO hook: ``@reg.mapped``, ``@reg.mapped_as_dataclass``, ``@mapped_as_dataclass(reg)``.
  mypy names no method of a variable for decorator hooks, and the dataclass-transform
  function form must keep mypy's own dataclass hook; the MRO hook runs before the body
  is analysed, so it defers the module once and checks on the next pass.

Once a module is type-checked mypy frees its statements (and the cache has none), so other
modules see only its symbol tables. Every declarative class therefore gets a marker in its
metadata, which survives both: subclasses elsewhere are recognised through their MRO.
Hooks run on every semantic-analysis pass; mypy drops the repeated identical errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final

from mypy.nodes import (
    AssignmentStmt,
    CallExpr,
    ClassDef,
    Expression,
    MemberExpr,
    MypyFile,
    NameExpr,
    RefExpr,
    SymbolTableNode,
    TypeInfo,
    Var,
)
from mypy.plugin import ClassDefContext, SemanticAnalyzerPluginInterface
from mypy.types import AnyType, Instance, PlaceholderType, UnboundType, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, metadata, report, scope, walk
from mypy_async_alchemy.checks import dynamic, nullable
from mypy_async_alchemy.guard import guarded

ClassHook = Callable[[ClassDefContext], None]
Lookup = Callable[[str], SymbolTableNode | None]

# Shared with the load-state records (loading/models.py); each rule owns its own sub-keys.
_DECLARATIVE: Final = "declarative"


def _short(fullname: str) -> str:
    return fullname.rpartition(".")[2]


_GENERATE_BASE: Final = _short(names.REGISTRY_GENERATE_BASE)
_SQLALCHEMY_PREFIX: Final = names.SQLALCHEMY + "."
_REGISTRY_DECORATORS: Final = frozenset(
    _short(name) for name in (names.REGISTRY_MAPPED, names.REGISTRY_MAPPED_AS_DATACLASS)
)
_MAYBE_REGISTRY_DECORATORS: Final = _REGISTRY_DECORATORS | {_short(names.MAPPED_AS_DATACLASS_FUNC)}
# Decorator hooks: as_declarative only. mapped_as_dataclass is a dataclass transform, and a
# plugin hook for it would replace mypy's dataclass handling; the MRO hook covers it.
_DECORATOR_HOOK_NAMES: Final = frozenset({names.AS_DECLARATIVE, names.EXT_AS_DECLARATIVE})
# The fix for an unannotated Column() is mapped_column(), not an annotated Column().
_SUGGESTED_CONSTRUCTOR: Final = {names.COLUMN: names.MAPPED_COLUMN}
# An annotation mypy has not analysed yet (forward reference, deferral); never a fullname.
_NOT_READY: Final = "<not analysed>"
# The other rule families that read a declarative class body, run after the ones here.
_CLASS_RULES: Final[tuple[ClassHook, ...]] = (dynamic.check_class, nullable.check_class)


def is_declarative(info: TypeInfo) -> bool:
    """Whether ``info`` is a declarative class; works on classes restored from the cache."""
    for base in info.mro:
        marked = metadata.read(base).get(_DECLARATIVE)
        if marked or base.fullname in names.DECLARATIVE_ROOTS:
            return True
    meta = info.metaclass_type
    return meta is not None and meta.type.has_base(names.DECLARATIVE_META)


# --- hook tables ---------------------------------------------------------------------------
# ``then`` runs after the check, for declarative classes only (load-state registration).


def base_class_hook(fullname: str, lookup: Lookup, then: ClassHook) -> ClassHook | None:
    """``class User(Base)``: a declarative base, or a variable that may hold one.

    Of SQLAlchemy's own classes only the declarative roots are bases of user models (no
    other is declarative): answered by name, without a look-up, so that the answer can be
    kept while mypy analyses SQLAlchemy itself, where its classes may be incomplete."""
    if fullname.startswith(_SQLALCHEMY_PREFIX):
        return _hook(then) if fullname in names.DECLARATIVE_ROOTS else None
    symbol = lookup(fullname)
    node = symbol.node if symbol is not None else None
    if isinstance(node, Var) or (isinstance(node, TypeInfo) and is_declarative(node)):
        return _hook(then)
    return None


def metaclass_hook(fullname: str, lookup: Lookup, then: ClassHook) -> ClassHook | None:
    """``class Base(metaclass=DeclarativeMeta)``."""
    symbol = lookup(fullname)
    node = symbol.node if symbol is not None else None
    if isinstance(node, TypeInfo) and node.has_base(names.DECLARATIVE_META):
        return _hook(then)
    return None


def decorator_hook(fullname: str, then: ClassHook) -> ClassHook | None:
    """``@as_declarative()``."""
    return _hook(then) if fullname in _DECORATOR_HOOK_NAMES else None


def registry_decorator_hook(fullname: str, lookup: Lookup, then: ClassHook) -> ClassHook | None:
    """``@reg.mapped`` and friends, for mypy's class-MRO hook (called for every class)."""
    symbol = lookup(fullname)
    info = symbol.node if symbol is not None else None
    if (
        not isinstance(info, TypeInfo)
        or not info.defn.decorators  # most classes
        or not any(_may_name_registry_decorator(d) for d in info.defn.decorators)
    ):
        return None
    if any(is_declarative(base) for base in info.mro[1:]):
        return None  # the base class hook checks it
    return _hook(then, wait_for_body=True)


def _hook(then: ClassHook, wait_for_body: bool = False) -> ClassHook:
    def check_declarative_class(ctx: ClassDefContext) -> None:
        if wait_for_body and _body_pending(ctx.cls):
            if not ctx.api.final_iteration:
                ctx.api.defer()
            return
        if check_class(ctx):
            then(ctx)

    return guarded(check_declarative_class, _no_change)


def _no_change(ctx: ClassDefContext) -> None:
    return None


def _body_pending(defn: ClassDef) -> bool:
    """The body was never analysed: a name it assigns is missing from the class namespace."""
    return any(
        isinstance(target, NameExpr) and target.name not in defn.info.names
        for stmt in defn.defs.body
        if isinstance(stmt, AssignmentStmt) and isinstance(stmt.rvalue, CallExpr)
        for target in stmt.lvalues
    )


# --- the rules -----------------------------------------------------------------------------


def check_class(ctx: ClassDefContext) -> bool:
    """Report the ORM attributes of a declarative class; return whether it is declarative."""
    defn = ctx.cls
    module = ctx.api.cur_mod_id
    if scope.is_sqlalchemy_module(module):
        return False
    if not _is_declarative_class(defn, ctx.api):
        return False
    metadata.write(defn.info)[_DECLARATIVE] = True
    for stmt in defn.defs.body:
        if isinstance(stmt, AssignmentStmt):
            _check_assignment(ctx, stmt)
    for rule in _CLASS_RULES:
        rule(ctx)
    return True


def _check_assignment(ctx: ClassDefContext, stmt: AssignmentStmt) -> None:
    call = stmt.rvalue
    callee = call.callee if isinstance(call, CallExpr) else None
    constructor = callee.fullname if isinstance(callee, RefExpr) else None
    if constructor is None or constructor not in names.ORM_ATTRIBUTE_CONSTRUCTORS:
        return
    annotation = _annotation(stmt)
    if annotation == _NOT_READY:
        if not ctx.api.final_iteration:
            ctx.api.defer()
        return
    is_proxy = constructor == names.ASSOCIATION_PROXY_FUNC
    mapped = annotation in names.MAPPED_ANNOTATIONS or (
        is_proxy and annotation == names.ASSOCIATION_PROXY
    )
    for target in stmt.lvalues:
        if not isinstance(target, NameExpr):
            continue
        label = f"{ctx.cls.name}.{target.name}"
        if not mapped:
            kind = names.ASSOCIATION_PROXY if is_proxy else names.MAPPED
            suggested = _SUGGESTED_CONSTRUCTOR.get(constructor, constructor)
            report.error(
                ctx.api,
                messages.UNMAPPED.format(label),
                messages.UNMAPPED_NOTE.format(target.name, _short(kind), _short(suggested)),
                stmt,
            )
        if constructor == names.COLUMN:
            report.error(
                ctx.api, messages.LEGACY_COLUMN.format(label), messages.LEGACY_COLUMN_NOTE, stmt
            )


def _annotation(stmt: AssignmentStmt) -> str | None:
    """Fullname of the annotation's class ("" for other types, None if unannotated)."""
    if stmt.unanalyzed_type is None:
        return None
    if stmt.type is stmt.unanalyzed_type:
        return _NOT_READY  # mypy keeps the raw annotation until it can analyse it
    declared = get_proper_type(stmt.type)
    if isinstance(declared, (UnboundType, PlaceholderType)):
        return _NOT_READY
    return declared.type.fullname if isinstance(declared, Instance) else ""


# --- which classes are declarative ---------------------------------------------------------


def _is_declarative_class(defn: ClassDef, api: SemanticAnalyzerPluginInterface) -> bool:
    return (
        is_declarative(defn.info)
        or any(_is_declarative_decorator(d, api) for d in defn.decorators)
        or any(_is_declarative_variable(base, api) for base in defn.base_type_exprs)
    )


def _may_name_registry_decorator(decorator: Expression) -> bool:
    """Before analysis: ``@x.mapped``, ``@x.mapped_as_dataclass()``, ``@mapped_as_dataclass``."""
    target = decorator.callee if isinstance(decorator, CallExpr) else decorator
    return isinstance(target, (NameExpr, MemberExpr)) and target.name in _MAYBE_REGISTRY_DECORATORS


def _is_declarative_decorator(decorator: Expression, api: SemanticAnalyzerPluginInterface) -> bool:
    target = decorator.callee if isinstance(decorator, CallExpr) else decorator
    if isinstance(target, RefExpr) and target.fullname in names.DECLARATIVE_DECORATORS:
        return True
    return (
        isinstance(target, MemberExpr)
        and target.name in _REGISTRY_DECORATORS
        and _is_registry(target.expr, api)
    )


def _is_declarative_variable(base: Expression, api: SemanticAnalyzerPluginInterface) -> bool:
    """``Base`` assigned ``declarative_base()`` or ``<registry>.generate_base()``."""
    var = base.node if isinstance(base, RefExpr) else None
    if not isinstance(var, Var):
        return False
    module = _module_of(var, api)
    if module is None:
        return False
    if not module.defs:
        return _freed_module_makes_bases(module, var)
    return any(_makes_base(value, api) for value in _assigned_values(var, module))


def _makes_base(value: Expression, api: SemanticAnalyzerPluginInterface) -> bool:
    if not isinstance(value, CallExpr):
        return False
    callee = value.callee
    if isinstance(callee, RefExpr) and callee.fullname in names.DECLARATIVE_BASE_FUNCS:
        return True
    return (
        isinstance(callee, MemberExpr)
        and callee.name == _GENERATE_BASE
        and _is_registry(callee.expr, api)
    )


def _is_registry(expr: Expression, api: SemanticAnalyzerPluginInterface) -> bool:
    """``registry()``, or a variable holding a registry (``reg``, ``Base.registry``)."""
    if isinstance(expr, CallExpr):
        return _is_registry_class(expr.callee)
    var = expr.node if isinstance(expr, RefExpr) else None
    if var is None and isinstance(expr, MemberExpr) and isinstance(expr.expr, RefExpr):
        owner = expr.expr.node  # ``Base.registry``: mypy binds class attributes when checking
        member = owner.get(expr.name) if isinstance(owner, TypeInfo) else None
        var = member.node if member is not None else None
    if not isinstance(var, Var):
        return False
    if var.type is not None:  # declared, or inferred in a module restored from the cache
        declared = get_proper_type(var.type)
        return isinstance(declared, Instance) and declared.type.has_base(names.REGISTRY)
    module = _module_of(var, api)
    return module is not None and any(
        isinstance(value, CallExpr) and _is_registry_class(value.callee)
        for value in _assigned_values(var, module)
    )


def _is_registry_class(callee: Expression) -> bool:
    node = callee.node if isinstance(callee, RefExpr) else None
    return isinstance(node, TypeInfo) and node.has_base(names.REGISTRY)


def _module_of(var: Var, api: SemanticAnalyzerPluginInterface) -> MypyFile | None:
    return api.modules.get(var.fullname.rpartition(".")[0])


def _assigned_values(var: Var, module: MypyFile) -> Iterator[Expression]:
    """Right-hand sides assigned to module-level ``var``."""
    for stmt in walk.statements(module):
        if isinstance(stmt, AssignmentStmt) and any(
            isinstance(target, NameExpr) and target.node is var for target in stmt.lvalues
        ):
            yield stmt.rvalue


def _freed_module_makes_bases(module: MypyFile, var: Var) -> bool:
    """A module checked earlier (or restored from the cache) has only its symbol table left.

    An ``Any`` variable there is taken for a declarative base when the module imports
    ``declarative_base`` or holds a registry: the statement that would tell is gone.
    """
    if var.type is not None and not isinstance(get_proper_type(var.type), AnyType):
        return False
    for symbol in module.names.values():
        node = symbol.node
        if node is None:
            continue
        if node.fullname in names.DECLARATIVE_BASE_FUNCS:
            return True
        if isinstance(node, TypeInfo) and node.has_base(names.REGISTRY):
            return True
        declared = get_proper_type(node.type) if isinstance(node, Var) and node.type else None
        if isinstance(declared, Instance) and declared.type.has_base(names.REGISTRY):
            return True
    return False
