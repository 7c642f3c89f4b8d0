"""Pydantic schemas that validate from attributes: which paths of an ORM object they read.

``class MemberOut(BaseModel)`` with ``model_config = ConfigDict(from_attributes=True)`` and a
field ``insights: list[InsightOut]`` reads ``member.insights`` when it validates a
``Member``, and, through ``InsightOut``, every field of each insight: a static description
of the relationships the object must have loaded (``serialization.py`` checks it).

What semantic analysis records on each schema class (class bodies restored from the cache
are empty): its fields with the attribute each reads (``validation_alias=``, else
``alias=``, else the name; none when the alias is not a string: an ``AliasPath`` or
``AliasChoices`` is not followed) and ``from_attributes`` of its ``model_config``. Computed
fields and methods are not fields; inherited fields are read through the class's bases.
``Field(exclude=True)`` only leaves a field out of the output: validation reads it
(measured), so it counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from mypy.nodes import (
    AssignmentStmt,
    CallExpr,
    DictExpr,
    Expression,
    NameExpr,
    RefExpr,
    StrExpr,
    TypeInfo,
    Var,
)
from mypy.plugin import ClassDefContext
from mypy.types import Instance, Type, TypeType, UnionType, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import metadata
from mypy_async_alchemy.checks.attributes import literal_bool
from mypy_async_alchemy.loading import models

_SCHEMA: Final = "schema"
_FIELDS: Final = "schema_fields"  # {name: attribute read, or None: not followed}
_FROM_ATTRIBUTES: Final = "from_attributes"
# How many schemas deep nested fields are followed.
_DEPTH: Final = 6


@dataclass(frozen=True)
class Read:
    """A field of a schema (``insights.tags``, below the schema validated) and the path of
    the model it reads (``insights.tags``)."""

    field: str
    path: str


def record(ctx: ClassDefContext) -> None:
    """Record a Pydantic model's fields and ``from_attributes`` (idempotent)."""
    info = ctx.cls.info
    fields: dict[str, str | None] = {}
    data = metadata.write(info)
    for statement in ctx.cls.defs.body:
        if not (isinstance(statement, AssignmentStmt) and len(statement.lvalues) == 1):
            continue
        target = statement.lvalues[0]
        if not isinstance(target, NameExpr):
            continue
        if target.name == names.MODEL_CONFIG:
            setting = _from_attributes(statement.rvalue)
            if setting is not None:
                data[_FROM_ATTRIBUTES] = setting
            continue
        var = target.node
        if target.name.startswith("_") or not isinstance(var, Var) or var.is_classvar:
            continue
        if statement.type is None and statement.unanalyzed_type is None:
            continue  # not annotated: not a field
        fields[target.name] = _attribute(target.name, statement.rvalue)
    data[_SCHEMA] = True
    data[_FIELDS] = fields


def is_schema(info: TypeInfo) -> bool:
    """A Pydantic model of the project (recorded above), or one of its subclasses."""
    return any(metadata.read(base).get(_SCHEMA) is True for base in info.mro)


def from_attributes(info: TypeInfo) -> bool:
    """Whether ``info``'s config (its own or a base's) validates from attributes."""
    for base in info.mro:
        setting = metadata.read(base).get(_FROM_ATTRIBUTES)
        if isinstance(setting, bool):
            return setting
    return False


def reads(schema: TypeInfo, model: TypeInfo) -> list[Read]:
    """What validating an object of ``model`` with ``schema`` reads from it."""
    return list(_reads(schema, model, _DEPTH))


def schemas_in(typ: Type | None) -> list[TypeInfo]:
    """The schemas ``typ`` validates into: ``Schema``, ``Schema | None``, ``list[Schema]``,
    ``Sequence[Schema]``, ``dict[str, Schema]`` values, unions of these."""
    if typ is None:
        return []
    proper = get_proper_type(typ)
    if isinstance(proper, TypeType):
        proper = proper.item
    if isinstance(proper, UnionType):
        return [info for item in proper.items for info in schemas_in(item)]
    if not isinstance(proper, Instance):
        return []
    if is_schema(proper.type):
        return [proper.type]
    if proper.type.fullname in names.SCHEMA_CONTAINERS and proper.args:
        return schemas_in(proper.args[-1])
    return []


def _reads(schema: TypeInfo, model: TypeInfo, depth: int) -> Iterator[Read]:
    for name, attribute in _fields(schema).items():
        if attribute is None:
            continue  # an alias the plugin does not follow
        if models.strategy(model, attribute) is not None:
            yield Read(name, attribute)
            target = models.target(model, attribute)
            if target is None or depth == 0:
                continue
            for nested in schemas_in(_field_type(schema, name)):
                for read in _reads(nested, target, depth - 1):
                    yield Read(f"{name}.{read.field}", f"{attribute}.{read.path}")
        elif attribute in models.all_columns(model):
            yield Read(name, attribute)  # deferred or expired columns matter


def _fields(schema: TypeInfo) -> dict[str, str | None]:
    """Every field of ``schema`` with the attribute it reads; a subclass's field wins."""
    found: dict[str, str | None] = {}
    for base in reversed(schema.mro):
        fields = metadata.read(base).get(_FIELDS)
        if isinstance(fields, dict):
            found.update(fields)
    return found


def _field_type(schema: TypeInfo, name: str) -> Type | None:
    symbol = schema.get(name)
    node = symbol.node if symbol is not None else None
    return node.type if isinstance(node, Var) else None


def _attribute(name: str, value: Expression) -> str | None:
    """The attribute a field reads, from its ``Field(...)`` call; None if not a name."""
    if not (isinstance(value, CallExpr) and _refers(value.callee, names.PYDANTIC_FIELD)):
        return name
    attribute: str | None = name
    for arg_name, arg in zip(value.arg_names, value.args, strict=True):
        if arg_name in (names.FIELD_ALIAS, names.FIELD_VALIDATION_ALIAS):
            alias = arg.value if isinstance(arg, StrExpr) else None
            if arg_name == names.FIELD_VALIDATION_ALIAS or attribute == name:
                attribute = alias
    return attribute


def _from_attributes(value: Expression) -> bool | None:
    """``from_attributes`` of ``ConfigDict(...)`` or a ``{...}`` literal; None if unset."""
    if isinstance(value, CallExpr):
        pairs = [
            (arg_name, arg)
            for arg_name, arg in zip(value.arg_names, value.args, strict=True)
            if arg_name is not None
        ]
    elif isinstance(value, DictExpr):
        pairs = [(key.value, item) for key, item in value.items if isinstance(key, StrExpr)]
    else:
        return None
    for key, item in pairs:
        if key == names.FROM_ATTRIBUTES:
            return literal_bool(item)
    return None


def _refers(expr: Expression, fullname: str) -> bool:
    return isinstance(expr, RefExpr) and expr.fullname == fullname
