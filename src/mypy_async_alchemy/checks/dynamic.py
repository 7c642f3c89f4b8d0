"""alchemy-dynamic: dynamic relationships in declarative classes.

A dynamic relationship (``DynamicMapped[...]``, ``relationship(lazy="dynamic")``,
``dynamic_loader()``) is an ``AppenderQuery``: iterating it, ``len()``, ``.all()`` run a
query through the sync Session, which raises ``MissingGreenlet`` under AsyncSession. Its
async-ready replacement is ``WriteOnlyMapped[...]``, whose ``.select()`` the caller awaits.

Run from ``checks/declarative.py`` for declarative classes, during semantic analysis.
"""

from __future__ import annotations

from typing import Final

from mypy.plugin import ClassDefContext
from mypy.types import Instance, Type, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report
from mypy_async_alchemy.checks.attributes import (
    Attribute,
    attributes,
    instance_name,
    literal_str,
)

_UNKNOWN_TARGET: Final = "..."
# relationship(lazy="dynamic"); relationship() is a function, so fullnames.py's runtime test
# cannot check its keywords.
_LAZY_ARGUMENT: Final = "lazy"
_DYNAMIC_LAZY: Final = "dynamic"


def check_class(ctx: ClassDefContext) -> None:
    """Report each dynamic relationship of a declarative class, once."""
    for attribute in attributes(ctx) or ():
        if _is_dynamic(attribute):
            report.error(
                ctx.api,
                messages.DYNAMIC.format(f"{ctx.cls.name}.{attribute.name}"),
                messages.DYNAMIC_NOTE.format(
                    _target(attribute), instance_name(ctx.cls.name), attribute.name
                ),
                attribute.stmt,
            )


def _is_dynamic(attribute: Attribute) -> bool:
    if attribute.mapped(names.DYNAMIC_MAPPED) is not None:
        return True
    if attribute.constructor == names.DYNAMIC_LOADER:
        return True
    return (
        attribute.constructor == names.RELATIONSHIP
        and literal_str(attribute.keyword(_LAZY_ARGUMENT)) == _DYNAMIC_LAZY
    )


def _target(attribute: Attribute) -> str:
    """The related class, from ``DynamicMapped[X]``, ``Mapped[list[X]]`` or ``Mapped[X]``."""
    declared = attribute.annotation
    if not isinstance(declared, Instance) or not declared.args:
        return _UNKNOWN_TARGET
    return _class_name(declared.args[0]) or _UNKNOWN_TARGET


def _class_name(typ: Type) -> str | None:
    proper = get_proper_type(typ)
    if not isinstance(proper, Instance):
        return None
    if len(proper.args) == 1:  # list[X], set[X]: a collection of the related class
        return _class_name(proper.args[0])
    return None if proper.args else proper.type.name
