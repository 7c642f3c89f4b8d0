"""Semantic analysis of mapped classes: relationship strategies and the load-state class.

For every mapped class ``Order`` this records ``lazy=`` of each relationship in the class's
metadata (class bodies restored from the cache are empty, metadata is not) and creates, in
the model's own module so that it is cached with it:

- ``Order@Loaded[P]``: a protocol subclass of ``Order``. Its type argument ``P`` is the load
  state (see ``state.py``); being a subclass, it has all of ``Order``'s attributes.
- a read-only marker attribute on ``Order`` that ``Order@Loaded`` requires structurally, so
  that a plain ``Order`` (and nothing else) stays assignable to a variable of the loaded type.
"""

from __future__ import annotations

from typing import Final

from mypy.mro import calculate_mro
from mypy.nodes import (
    COVARIANT,
    GDEF,
    MDEF,
    AssignmentStmt,
    Block,
    CallExpr,
    ClassDef,
    Expression,
    IntExpr,
    NameExpr,
    RefExpr,
    StrExpr,
    SymbolTable,
    SymbolTableNode,
    TypeInfo,
    Var,
)
from mypy.plugin import ClassDefContext
from mypy.types import (
    AnyType,
    Instance,
    ProperType,
    TypeOfAny,
    TypeVarId,
    TypeVarType,
    UninhabitedType,
    UnionType,
    get_proper_type,
)

from mypy_async_alchemy import fullnames as names

_RELATIONSHIPS: Final = "relationships"
_JOIN_DEPTHS: Final = "join_depths"
_BACK_POPULATES: Final = "back_populates"
_STATE_CLASS: Final = "state_class"
STATE_CLASS_SUFFIX: Final = "@Loaded"

DEFAULT_STRATEGY: Final = "select"
# lazy= values whose relationship is loaded together with its parent.
IMMEDIATE_STRATEGY: Final = "immediate"
JOINED_STRATEGY: Final = "joined"
EAGER_STRATEGIES: Final = frozenset({JOINED_STRATEGY, "selectin", "subquery", IMMEDIATE_STRATEGY})
# ... of which those that load with a query of their own after the parent's rows.
POST_LOAD_STRATEGIES: Final = frozenset({"selectin", "subquery", IMMEDIATE_STRATEGY})
# lazy= values (and Mapped kinds) whose attribute never emits SQL when read.
NO_IO_STRATEGIES: Final = frozenset({"write_only", "dynamic", "noload"})
# lazy= values whose lazy load raises instead of emitting SQL.
RAISE_STRATEGIES: Final = frozenset({"raise", "raise_on_sql"})
KNOWN_STRATEGIES: Final = (
    EAGER_STRATEGIES | NO_IO_STRATEGIES | RAISE_STRATEGIES | {DEFAULT_STRATEGY}
)
_LAZY_KEYWORDS: Final = {"True": "select", "False": "joined", "None": "noload"}
_NO_IO_ANNOTATIONS: Final = {
    names.WRITE_ONLY_MAPPED: "write_only",
    names.DYNAMIC_MAPPED: "dynamic",
}


def register_model(ctx: ClassDefContext) -> None:
    """Record a mapped class's relationships and create its load-state class (idempotent)."""
    info = ctx.cls.info
    module = ctx.api.modules.get(info.module_name)
    if module is None or info.fullname != f"{info.module_name}.{info.name}":
        return  # nested classes: no module-level home for the state class
    data = info.metadata.setdefault(names.METADATA_KEY, {})
    data.update(_relationship_metadata(ctx.cls))
    state_name = info.name + STATE_CLASS_SUFFIX
    data[_STATE_CLASS] = f"{info.module_name}.{state_name}"
    marker = marker_name(info)
    # LoadedPaths[Never]: a plain model is assignable to every state (through the Any in
    # the state's argument) but never a proper subtype of one, not even of "nothing loaded"
    # (which holds ""), so that mypy joins [state, plain] to the plain model, not its base.
    never = ctx.api.named_type_or_none(names.LOADED_PATHS, [UninhabitedType()])
    marker_type = never or AnyType(TypeOfAny.special_form)
    info.names[marker] = SymbolTableNode(
        MDEF, _property_var(marker, info, marker_type), plugin_generated=True
    )
    existing = module.names.get(state_name)
    if existing is not None and isinstance(existing.node, TypeInfo):
        # Re-analysis (a later iteration, or a dmypy update that rebuilt the model's
        # TypeInfo): point the existing state class at the current model.
        state_info = existing.node
        state_info.bases = [Instance(info, [])]
        calculate_mro(state_info)
        return
    module.names[state_name] = SymbolTableNode(
        GDEF, _state_class(info, state_name, marker), plugin_generated=True
    )


def relationships(info: TypeInfo) -> dict[str, str]:
    """``{name: lazy strategy}`` of the relationships ``info`` itself declares."""
    data = info.metadata.get(names.METADATA_KEY, {})
    value = data.get(_RELATIONSHIPS)
    return value if isinstance(value, dict) else {}


def strategy(info: TypeInfo, name: str) -> str | None:
    """``lazy=`` of relationship ``name`` on ``info`` or its mapped bases; None if not one."""
    for base in info.mro:
        found = relationships(base).get(name)
        if found is not None:
            return found
    return None


def join_depth(info: TypeInfo, name: str) -> int | None:
    """``join_depth=`` of relationship ``name``: how deep its eager strategy recurses."""
    found = _setting(info, name, _JOIN_DEPTHS)
    return found if isinstance(found, int) else None


def back_populates(info: TypeInfo, name: str) -> str | None:
    """The inverse relationship that ``back_populates=``/``backref=`` of ``name`` names."""
    found = _setting(info, name, _BACK_POPULATES)
    return found if isinstance(found, str) else None


def _setting(info: TypeInfo, name: str, key: str) -> object:
    for base in info.mro:
        if name in relationships(base):
            table = base.metadata.get(names.METADATA_KEY, {}).get(key)
            return table.get(name) if isinstance(table, dict) else None
    return None


def is_collection(info: TypeInfo, name: str) -> bool:
    """Whether relationship ``name`` holds a collection (``Mapped[list[Line]]``)."""
    for base in info.mro:
        symbol = base.names.get(name)
        if symbol is None:
            continue
        declared = get_proper_type(symbol.type) if symbol.type is not None else None
        if not (isinstance(declared, Instance) and declared.args):
            return False
        value = get_proper_type(declared.args[0])
        return (
            isinstance(value, Instance) and bool(value.args) and state_class_of(value.type) is None
        )
    return False


def target(info: TypeInfo, name: str) -> TypeInfo | None:
    """The mapped class behind relationship ``name`` (``Mapped[list[Line]]`` -> ``Line``)."""
    for base in info.mro:
        symbol = base.names.get(name)
        if symbol is None:
            continue
        declared = get_proper_type(symbol.type) if symbol.type is not None else None
        while isinstance(declared, Instance) and declared.args:
            declared = get_proper_type(declared.args[0])
            if isinstance(declared, Instance) and state_class_of(declared.type) is not None:
                return declared.type
        if isinstance(declared, UnionType):
            for item in map(get_proper_type, declared.items):
                if isinstance(item, Instance) and state_class_of(item.type) is not None:
                    return item.type
        return None
    return None


def state_class_of(info: TypeInfo) -> str | None:
    """Fullname of the load-state class of mapped class ``info`` (its own, not a base's)."""
    value = info.metadata.get(names.METADATA_KEY, {}).get(_STATE_CLASS)
    return value if isinstance(value, str) else None


def model_of_state(info: TypeInfo) -> TypeInfo | None:
    """The mapped class that ``info`` is the load-state class of."""
    if info.name.endswith(STATE_CLASS_SUFFIX) and info.bases:
        return info.bases[0].type
    return None


def activate(state_info: TypeInfo, model: TypeInfo) -> None:
    """Make a state class the protocol it is meant to be, subclassing the current ``model``.

    mypy rejects protocols with non-protocol bases when it finishes analysing a module, so
    the class is created as a plain subclass and turns into a protocol on first use: from
    then on a plain model is structurally assignable to it (through the marker attribute).

    dmypy merges a re-analysed module into the old TypeInfo objects by walking the AST; a
    synthetic class has no ClassDef there, so its base may still be the discarded TypeInfo
    of the model: re-point it at the one in use.
    """
    state_info.is_protocol = True
    if state_info.bases and state_info.bases[0].type is not model:
        state_info.bases = [Instance(model, [])]
        calculate_mro(state_info)


def marker_name(info: TypeInfo) -> str:
    return "__alchemy_loaded_" + info.fullname.replace(".", "_") + "__"


def _relationship_metadata(cls: ClassDef) -> dict[str, dict[str, str] | dict[str, int]]:
    """``lazy=``, ``join_depth=`` and ``back_populates=`` of the class body's relationships."""
    found: dict[str, str] = {}
    depths: dict[str, int] = {}
    inverse: dict[str, str] = {}
    for stmt in cls.defs.body:
        if not isinstance(stmt, AssignmentStmt) or len(stmt.lvalues) != 1:
            continue
        target = stmt.lvalues[0]
        call = stmt.rvalue
        if not (isinstance(target, NameExpr) and isinstance(call, CallExpr)):
            continue
        callee = call.callee
        if not isinstance(callee, RefExpr) or callee.fullname not in (
            names.RELATIONSHIP,
            names.DYNAMIC_LOADER,
        ):
            continue
        lazy = "dynamic" if callee.fullname == names.DYNAMIC_LOADER else _lazy_argument(call)
        annotation = get_proper_type(stmt.type) if stmt.type is not None else None
        if isinstance(annotation, Instance):
            lazy = _NO_IO_ANNOTATIONS.get(annotation.type.fullname, lazy)
        found[target.name] = lazy
        depth = _keyword(call, "join_depth")
        if isinstance(depth, IntExpr):
            depths[target.name] = depth.value
        other = _keyword(call, "back_populates") or _keyword(call, "backref")
        if isinstance(other, StrExpr):
            inverse[target.name] = other.value
    return {_RELATIONSHIPS: found, _JOIN_DEPTHS: depths, _BACK_POPULATES: inverse}


def _keyword(call: CallExpr, keyword: str) -> Expression | None:
    for name, arg in zip(call.arg_names, call.args, strict=True):
        if name == keyword:
            return arg
    return None


def _lazy_argument(call: CallExpr) -> str:
    arg = _keyword(call, "lazy")
    if arg is None:
        return DEFAULT_STRATEGY
    if isinstance(arg, StrExpr):
        return arg.value
    if isinstance(arg, NameExpr) and arg.name in _LAZY_KEYWORDS:
        return _LAZY_KEYWORDS[arg.name]
    return "unknown"


def _property_var(name: str, owner: TypeInfo, typ: ProperType | TypeVarType) -> Var:
    var = Var(name, typ)
    var.info = owner
    var._fullname = f"{owner.fullname}.{name}"
    var.is_property = True  # read-only: protocol members then compare covariantly
    return var


def _state_class(model: TypeInfo, name: str, marker: str) -> TypeInfo:
    fullname = f"{model.module_name}.{name}"
    defn = ClassDef(name, Block([]))
    defn.fullname = fullname
    info = TypeInfo(SymbolTable(), defn, model.module_name)
    defn.info = info
    info._fullname = fullname
    type_var = TypeVarType(
        "P",
        f"{fullname}.P",
        id=TypeVarId(1, namespace=fullname),
        values=[],
        upper_bound=AnyType(TypeOfAny.special_form),
        default=AnyType(TypeOfAny.from_omitted_generics),
        variance=COVARIANT,
    )
    defn.type_vars = [type_var]
    info.type_vars = ["P"]
    info.add_type_vars()
    info.bases = [Instance(model, [])]
    info.line = model.line
    calculate_mro(info)
    info.names[marker] = SymbolTableNode(MDEF, _property_var(marker, info, type_var))
    return info
