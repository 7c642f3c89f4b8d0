"""Pydantic schemas that validate from attributes: which paths of an ORM object they read.

``class MemberOut(BaseModel)`` with ``model_config = ConfigDict(from_attributes=True)`` and a
field ``insights: list[InsightOut]`` reads ``member.insights`` when it validates a
``Member``, and, through ``InsightOut``, every field of each insight: a static description
of the relationships the object must have loaded (``serialization.py`` checks it).

What semantic analysis records on each schema class (class bodies restored from the cache
are empty): its fields with the attribute each reads (``validation_alias=``, else
``alias=``, else the name) and ``from_attributes`` of its ``model_config``. An
``AliasPath("insights", 0, "tags")`` reads ``insights``, then ``tags`` of an insight;
an ``AliasChoices(...)`` reads its first choice that names an attribute of the model (Pydantic
moves on only when ``getattr`` raises ``AttributeError``; a lazy load raises something
else). An alias written any other way is not followed. Computed fields and methods are not
fields; inherited fields are read through the class's bases.
``Field(exclude=True)`` only leaves a field out of the output: validation reads it
(measured), so it counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from mypy.nodes import (
    ARG_POS,
    AssignmentStmt,
    CallExpr,
    DictExpr,
    Expression,
    IntExpr,
    MemberExpr,
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
from mypy_async_alchemy.checks.attributes import keyword, literal_bool
from mypy_async_alchemy.loading import models

_SCHEMA: Final = "schema"
# {name: the attribute read; or the paths an AliasChoices/AliasPath tries, in order, each a
# list of attribute names and indexes; or None: not followed}
_FIELDS: Final = "schema_fields"
_FROM_ATTRIBUTES: Final = "from_attributes"
_FIELD: Final = frozenset({names.PYDANTIC_FIELD})
# How many schemas deep nested fields are followed.
_DEPTH: Final = 6


_Spec = str | list[list[str | int]] | None


@dataclass(frozen=True)
class Read:
    """A field of a schema (``insights.tags``, below the schema validated) and the path of
    the model it reads (``insights.tags``)."""

    field: str
    path: str
    column: bool = False  # the path ends at a column (deferred or expired ones matter)


def record(ctx: ClassDefContext) -> None:
    """Record a Pydantic model's fields and ``from_attributes`` (idempotent)."""
    info = ctx.cls.info
    fields: dict[str, _Spec] = {}
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


def validates_from_attributes(schema: TypeInfo, call: CallExpr) -> bool:
    """Whether ``schema.model_validate(...)``, the call ``call``, validates from attributes:
    its ``from_attributes=`` when written ``True``/``False``, else the schema's config."""
    given = literal_bool(keyword(call, names.FROM_ATTRIBUTES))
    return given if given is not None else from_attributes(schema)


def validating(call: CallExpr) -> TypeInfo | None:
    """The schema of ``Schema.model_validate(obj, ...)`` validating from attributes, read
    from the syntax alone (summaries: no expression types)."""
    callee = call.callee
    if not (isinstance(callee, MemberExpr) and callee.name == names.MODEL_VALIDATE):
        return None
    info = callee.expr.node if isinstance(callee.expr, RefExpr) else None
    if not (isinstance(info, TypeInfo) and is_schema(info)):
        return None
    return info if validates_from_attributes(info, call) else None


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
    for name, spec in _fields(schema).items():
        steps = _chosen(spec, model)
        owner: TypeInfo | None = model
        read: list[str] = []
        for step in steps:
            if isinstance(step, int):
                continue  # an item of the collection read so far
            if owner is None:
                break
            if models.strategy(owner, step) is not None:
                read.append(step)
                yield Read(name, ".".join(read))
                owner = models.target(owner, step)
            else:
                if step in models.all_columns(owner):
                    yield Read(name, ".".join([*read, step]), column=True)
                owner = None
        if owner is None or not read or depth == 0:
            continue
        for nested in schemas_in(_field_type(schema, name)):
            for inner in _reads(nested, owner, depth - 1):
                yield Read(f"{name}.{inner.field}", f"{'.'.join(read)}.{inner.path}")


def _chosen(spec: _Spec, model: TypeInfo) -> list[str | int]:
    """The attributes and indexes a field's alias reads from an object of ``model``."""
    if isinstance(spec, str):
        return [spec]
    if not isinstance(spec, list):
        return []  # an alias the plugin does not follow
    for path in spec:
        if path and isinstance(path[0], str) and model.get(path[0]) is not None:
            return path
    return []


def _fields(schema: TypeInfo) -> dict[str, _Spec]:
    """Every field of ``schema`` with the attribute it reads; a subclass's field wins."""
    found: dict[str, _Spec] = {}
    for base in reversed(schema.mro):
        fields = metadata.read(base).get(_FIELDS)
        if isinstance(fields, dict):
            found.update(fields)
    return found


def _field_type(schema: TypeInfo, name: str) -> Type | None:
    symbol = schema.get(name)
    node = symbol.node if symbol is not None else None
    return node.type if isinstance(node, Var) else None


def _attribute(name: str, value: Expression) -> _Spec:
    """What a field reads, from its ``Field(...)`` call (``_FIELDS``)."""
    if not (isinstance(value, CallExpr) and _refers(value.callee, _FIELD)):
        return name
    attribute: _Spec = name
    for arg_name, arg in zip(value.arg_names, value.args, strict=True):
        if arg_name == names.FIELD_VALIDATION_ALIAS:
            attribute = _alias(arg)
        elif arg_name == names.FIELD_ALIAS and attribute == name:
            attribute = arg.value if isinstance(arg, StrExpr) else None
    return attribute


def _alias(value: Expression) -> _Spec:
    """A ``validation_alias=``: a string, an ``AliasPath``, or ``AliasChoices`` of these."""
    if isinstance(value, StrExpr):
        return value.value
    if not isinstance(value, CallExpr):
        return None
    if _refers(value.callee, names.PYDANTIC_ALIAS_PATH):
        path = _path(value)
        return [path] if path is not None else None
    if not _refers(value.callee, names.PYDANTIC_ALIAS_CHOICES):
        return None
    choices: list[list[str | int]] = []
    for choice in value.args:
        if isinstance(choice, StrExpr):
            path = [choice.value]
        elif isinstance(choice, CallExpr) and _refers(choice.callee, names.PYDANTIC_ALIAS_PATH):
            path = _path(choice)
        else:
            path = None
        if path is None:
            return None  # a choice the plugin cannot read: which one is read is unknown
        choices.append(path)
    return choices


def _path(call: CallExpr) -> list[str | int] | None:
    """``AliasPath("insights", 0, "tags")``: its steps, if all are literals."""
    steps: list[str | int] = []
    for arg, kind in zip(call.args, call.arg_kinds, strict=True):
        if kind != ARG_POS or not isinstance(arg, (StrExpr, IntExpr)):
            return None
        steps.append(arg.value)
    return steps if steps and isinstance(steps[0], str) else None


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


def _refers(expr: Expression, fullnames: frozenset[str]) -> bool:
    return isinstance(expr, RefExpr) and expr.fullname in fullnames
