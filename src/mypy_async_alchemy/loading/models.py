"""Semantic analysis of mapped classes: which classes are tracked, their relationships and
columns.

For every mapped class this records, in the class's metadata (class bodies restored from
the cache are empty, metadata is not), that its objects carry a load state (``state.py``),
``lazy=``, ``join_depth=`` and ``back_populates=`` of each relationship it declares, and the
names of its other mapped attributes (columns: expiry.py checks their reads).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from mypy.nodes import (
    AssignmentStmt,
    CallExpr,
    ClassDef,
    IntExpr,
    NameExpr,
    RefExpr,
    StrExpr,
    TypeInfo,
)
from mypy.plugin import ClassDefContext
from mypy.types import (
    Instance,
    UnionType,
    get_proper_type,
)

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import metadata
from mypy_async_alchemy.checks.attributes import keyword, literal_bool

_RELATIONSHIPS: Final = "relationships"
_JOIN_DEPTHS: Final = "join_depths"
_BACK_POPULATES: Final = "back_populates"
_COLUMNS: Final = "columns"
_PRIMARY_KEYS: Final = "primary_keys"
_DEFERRED: Final = "deferred"
_HAS_DEFERRED: Final = "has_deferred"
_TRACKED: Final = "tracked"
_NO_RELATIONSHIPS: Final[Mapping[str, str]] = {}
_NO_COLUMNS: Final[list[str]] = []

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
    """Record a mapped class's relationships and that its objects are tracked (idempotent)."""
    info = ctx.cls.info
    if info.fullname != f"{info.module_name}.{info.name}":
        return  # nested and function-local classes are not tracked
    data = metadata.write(info)
    data.update(_relationship_metadata(ctx.cls))
    data.update(_column_metadata(ctx.cls, data[_RELATIONSHIPS]))
    data[_HAS_DEFERRED] = bool(data[_DEFERRED]) or any(
        metadata.read(base).get(_HAS_DEFERRED) is True for base in info.mro[1:]
    )
    data[_TRACKED] = True


def is_tracked(info: TypeInfo) -> bool:
    """Whether objects of ``info`` carry a load state: a mapped class registered above."""
    return metadata.read(info).get(_TRACKED) is True


def relationships(info: TypeInfo) -> Mapping[str, str]:
    """``{name: lazy strategy}`` of the relationships ``info`` itself declares."""
    value = metadata.read(info).get(_RELATIONSHIPS)
    return value if isinstance(value, dict) else _NO_RELATIONSHIPS


def columns(info: TypeInfo) -> list[str]:
    """The mapped attributes other than relationships that ``info`` itself declares."""
    value = metadata.read(info).get(_COLUMNS)
    return value if isinstance(value, list) else _NO_COLUMNS


def all_columns(info: TypeInfo) -> frozenset[str]:
    """The columns of ``info`` and its mapped bases."""
    return frozenset(name for base in info.mro for name in columns(base))


def primary_keys(info: TypeInfo) -> frozenset[str]:
    """The ``primary_key=True`` columns of ``info`` and its mapped bases."""
    found: set[str] = set()
    for base in info.mro:
        value = metadata.read(base).get(_PRIMARY_KEYS)
        found.update(value if isinstance(value, list) else ())
    return frozenset(found)


def deferral(info: TypeInfo, name: str) -> str | None:
    """How column ``name`` is deferred by its declaration: ``DEFERRED``, ``RAISES`` (read
    without loading it raises), or None (loaded with its object)."""
    if metadata.read(info).get(_HAS_DEFERRED) is not True:
        return None  # most models: no deferred column here or in a mapped base
    for base in info.mro:
        value = metadata.read(base).get(_DEFERRED)
        found = value.get(name) if isinstance(value, dict) else None
        if isinstance(found, str):
            return found
    return None


# Values of deferral().
DEFERRED: Final = "deferred"
RAISES: Final = "raises"


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
            table = metadata.read(base).get(key)
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
        return isinstance(value, Instance) and bool(value.args) and not is_tracked(value.type)
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
            if isinstance(declared, Instance) and is_tracked(declared.type):
                return declared.type
        if isinstance(declared, UnionType):
            for item in map(get_proper_type, declared.items):
                if isinstance(item, Instance) and is_tracked(item.type):
                    return item.type
        return None
    return None


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
        depth = keyword(call, "join_depth")
        if isinstance(depth, IntExpr):
            depths[target.name] = depth.value
        other = keyword(call, "back_populates") or keyword(call, "backref")
        if isinstance(other, StrExpr):
            inverse[target.name] = other.value
    return {_RELATIONSHIPS: found, _JOIN_DEPTHS: depths, _BACK_POPULATES: inverse}


def _column_metadata(cls: ClassDef, relationships: object) -> dict[str, object]:
    """Names the class body maps that are not relationships (``Mapped[...]`` annotations
    and ``mapped_column()``/``column_property()``/``deferred()`` values), which of them are
    primary keys, and which are deferred by their declaration."""
    found: list[str] = []
    keys: list[str] = []
    deferred: dict[str, str] = {}
    for stmt in cls.defs.body:
        if not isinstance(stmt, AssignmentStmt) or len(stmt.lvalues) != 1:
            continue
        target = stmt.lvalues[0]
        if not isinstance(target, NameExpr) or (
            isinstance(relationships, dict) and target.name in relationships
        ):
            continue
        annotation = get_proper_type(stmt.type) if stmt.type is not None else None
        call = stmt.rvalue
        mapped = isinstance(annotation, Instance) and annotation.type.fullname == names.MAPPED
        constructed = (
            isinstance(call, CallExpr)
            and isinstance(call.callee, RefExpr)
            and call.callee.fullname in names.COLUMN_CONSTRUCTORS
        )
        if mapped or constructed:
            found.append(target.name)
        if isinstance(call, CallExpr) and constructed:
            if literal_bool(keyword(call, "primary_key")) is True:
                keys.append(target.name)
            how = _deferral(call)
            if how is not None:
                deferred[target.name] = how
    return {_COLUMNS: found, _PRIMARY_KEYS: keys, _DEFERRED: deferred}


def _deferral(call: CallExpr) -> str | None:
    """``deferred(...)``, ``mapped_column(deferred=True)``, ``deferred_group="g"``,
    ``deferred_raiseload=True``: the column is not loaded with its object."""
    callee = call.callee
    named_deferred = isinstance(callee, RefExpr) and callee.fullname == names.DEFERRED
    if literal_bool(keyword(call, "deferred_raiseload")) is True or (
        named_deferred and literal_bool(keyword(call, "raiseload")) is True
    ):
        return RAISES
    if named_deferred or literal_bool(keyword(call, "deferred")) is True:
        return DEFERRED
    group = keyword(call, "deferred_group")
    if group is not None and not (isinstance(group, NameExpr) and group.name == "None"):
        return DEFERRED
    return None


def _lazy_argument(call: CallExpr) -> str:
    arg = keyword(call, "lazy")
    if arg is None:
        return DEFAULT_STRATEGY
    if isinstance(arg, StrExpr):
        return arg.value
    if isinstance(arg, NameExpr) and arg.name in _LAZY_KEYWORDS:
        return _LAZY_KEYWORDS[arg.name]
    return "unknown"
