"""alchemy-nullable: ``Mapped[...]`` annotations that contradict the column's nullability.

- ``mapped_column(nullable=True)`` under ``Mapped[str]``: reads return None typed as ``str``;
  ``nullable=False`` under ``Mapped[str | None]``: the annotation admits what the column
  refuses. Primary keys are exempt (None until the INSERT), and so is ``nullable=False``
  with a ``server_default=`` (None until the database fills it in).
- ``Mapped[Team] = relationship()`` over the class's one nullable foreign key to Team's
  table: the many-to-one is None whenever the key is. Read conservatively: one foreign-key
  column to the target's table in the class body, no join arguments, not self-referential.

The target's ``__tablename__`` is read from its body, or, for a class whose module mypy has
freed or restored from the cache, from the metadata each declarative class records here.
Run from ``checks/declarative.py`` for declarative classes, during semantic analysis.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from mypy.nodes import (
    AssignmentStmt,
    CallExpr,
    ClassDef,
    Expression,
    ListExpr,
    MemberExpr,
    NameExpr,
    RefExpr,
    StrExpr,
    TupleExpr,
    TypeInfo,
)
from mypy.plugin import ClassDefContext
from mypy.types import Instance, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, metadata, report
from mypy_async_alchemy.checks.attributes import (
    Attribute,
    attributes,
    is_optional,
    literal_bool,
    literal_str,
    spelled,
    with_none,
    without_none,
)

# Sub-key of the plugin's class metadata (shared with checks/declarative.py, loading/models.py).
_TABLENAME: Final = "tablename"
# A ForeignKey() argument this rule cannot resolve to a table.
_UNKNOWN_TABLE: Final = ""
_TABLENAME_ATTRIBUTE: Final = "__tablename__"
# relationship() keywords that make its join more than "this class's foreign key" (keywords
# of a function: fullnames.py's runtime test could not check them).
_JOIN_ARGUMENTS: Final = frozenset({"secondary", "primaryjoin", "secondaryjoin", "remote_side"})


def check_class(ctx: ClassDefContext) -> None:
    """Report the columns and many-to-one relationships of a declarative class."""
    _record_tablename(ctx.cls)
    found = attributes(ctx)
    if found is None:
        return
    for attribute in found:
        if attribute.constructor == names.MAPPED_COLUMN:
            _check_column(ctx, attribute)
        elif attribute.constructor == names.RELATIONSHIP:
            _check_many_to_one(ctx, attribute, found)


# --- mapped_column(nullable=...) ------------------------------------------------------------


def _check_column(ctx: ClassDefContext, column: Attribute) -> None:
    value = column.mapped()
    nullable = literal_bool(column.keyword(names.NULLABLE_ARGUMENT))
    if value is None or nullable is None or _may_be_primary_key(column):
        return
    optional = is_optional(value)
    label = f"{ctx.cls.name}.{column.name}"
    if nullable and optional is False:
        report.error(
            ctx.api,
            messages.NULLABLE_COLUMN.format(label, spelled(ctx, value)),
            messages.NULLABLE_COLUMN_NOTE.format(spelled(ctx, with_none(value))),
            column.stmt,
        )
    elif not nullable and optional and column.keyword(names.SERVER_DEFAULT_ARGUMENT) is None:
        report.error(
            ctx.api,
            messages.NOT_NULLABLE_COLUMN.format(label, spelled(ctx, value)),
            messages.NOT_NULLABLE_COLUMN_NOTE.format(spelled(ctx, without_none(value))),
            column.stmt,
        )


def _may_be_primary_key(column: Attribute) -> bool:
    flag = column.keyword(names.PRIMARY_KEY_ARGUMENT)
    return flag is not None and literal_bool(flag) is not False


def _is_nullable(column: Attribute) -> bool:
    """Whether the column is certainly nullable: ``nullable=True``, or ``Mapped[X | None]``."""
    if _may_be_primary_key(column):
        return False
    explicit = column.keyword(names.NULLABLE_ARGUMENT)
    if explicit is not None:
        return literal_bool(explicit) is True
    value = column.mapped()
    return value is not None and is_optional(value) is True


# --- Mapped[Team] = relationship() over a nullable foreign key --------------------------------


def _check_many_to_one(
    ctx: ClassDefContext, relationship: Attribute, body: list[Attribute]
) -> None:
    declared = relationship.mapped()
    target = get_proper_type(declared) if declared is not None else None
    if not isinstance(target, Instance) or target.args or target.type is ctx.cls.info:
        return  # a collection, Optional, Any; or self-referential (its direction is unclear)
    if any(relationship.keyword(name) is not None for name in _JOIN_ARGUMENTS):
        return
    table = tablename(target.type)
    if table is None:
        return
    references = [(column, set(_foreign_tables(column))) for column in body]
    if any(_UNKNOWN_TABLE in tables for _, tables in references):
        return  # a foreign key this rule cannot follow might be the relationship's
    keys = [column for column, tables in references if table in tables]
    if len(keys) != 1 or not _is_nullable(keys[0]):
        return
    column = keys[0]
    chosen = relationship.keyword(names.FOREIGN_KEYS_ARGUMENT)
    if chosen is not None and not _names_column(chosen, ctx.cls.name, column.name):
        return
    report.error(
        ctx.api,
        messages.NULLABLE_FOREIGN_KEY.format(
            f"{ctx.cls.name}.{relationship.name}",
            spelled(ctx, target),
            f"{ctx.cls.name}.{column.name}",
        ),
        messages.NULLABLE_FOREIGN_KEY_NOTE.format(spelled(ctx, with_none(target)), column.name),
        relationship.stmt,
    )


def _foreign_tables(column: Attribute) -> Iterator[str]:
    """The tables a mapped_column()'s ForeignKey() arguments name (or ``_UNKNOWN_TABLE``)."""
    if column.constructor != names.MAPPED_COLUMN:
        return
    for arg in column.positional():
        if not isinstance(arg, CallExpr):
            continue
        callee = arg.callee
        if not (isinstance(callee, RefExpr) and callee.fullname == names.FOREIGN_KEY):
            continue
        spec = arg.args[0] if arg.args else None
        text = literal_str(spec)
        if text is not None:  # "teams.id", "schema.teams.id"
            parts = text.split(".")
            yield parts[-2] if len(parts) >= 2 else _UNKNOWN_TABLE
        elif isinstance(spec, MemberExpr) and isinstance(spec.expr, RefExpr):
            owner = spec.expr.node  # ForeignKey(Team.id)
            found = tablename(owner) if isinstance(owner, TypeInfo) else None
            yield found if found is not None else _UNKNOWN_TABLE
        else:
            yield _UNKNOWN_TABLE


def _names_column(expr: Expression, class_name: str, column: str) -> bool:
    """``foreign_keys=`` naming exactly ``column``: ``[team_id]``, ``"Member.team_id"``..."""
    if isinstance(expr, (ListExpr, TupleExpr)):
        return len(expr.items) == 1 and _names_column(expr.items[0], class_name, column)
    if isinstance(expr, StrExpr):
        spelled_names = expr.value.strip("[] ").split(",")
        return len(spelled_names) == 1 and spelled_names[0].strip() in (
            column,
            f"{class_name}.{column}",
        )
    return isinstance(expr, (NameExpr, MemberExpr)) and expr.name == column


# --- __tablename__ ---------------------------------------------------------------------------


def tablename(info: TypeInfo) -> str | None:
    """The table of a mapped class: its own or its nearest base's literal ``__tablename__``."""
    for base in info.mro:
        if _TABLENAME_ATTRIBUTE in base.names:
            recorded = metadata.read(base).get(_TABLENAME)
            return recorded if isinstance(recorded, str) else _declared_tablename(base.defn)
    return None


def _record_tablename(defn: ClassDef) -> None:
    table = _declared_tablename(defn)
    if table is not None:
        metadata.write(defn.info)[_TABLENAME] = table


def _declared_tablename(defn: ClassDef) -> str | None:
    for stmt in defn.defs.body:
        if (
            isinstance(stmt, AssignmentStmt)
            and len(stmt.lvalues) == 1
            and isinstance(stmt.lvalues[0], NameExpr)
            and stmt.lvalues[0].name == _TABLENAME_ATTRIBUTE
        ):
            return literal_str(stmt.rvalue)
    return None
