"""The mapped attributes a declarative class body declares, as semantic analysis left them.

Shared by the rules that read a model's declarations (checks/dynamic.py, checks/nullable.py);
``checks/declarative.py`` decides which classes are declarative and calls them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mypy.messages import format_type_bare
from mypy.nodes import (
    ArgKind,
    AssignmentStmt,
    CallExpr,
    Expression,
    NameExpr,
    RefExpr,
    StrExpr,
)
from mypy.plugin import ClassDefContext
from mypy.types import (
    AnyType,
    Instance,
    NoneType,
    PlaceholderType,
    ProperType,
    Type,
    TypeVarType,
    UnboundType,
    UninhabitedType,
    UnionType,
    get_proper_type,
)

from mypy_async_alchemy import fullnames as names


@dataclass(frozen=True)
class Attribute:
    """``name: <annotation> = <call>`` in a class body."""

    name: str
    stmt: AssignmentStmt
    annotation: ProperType | None  # analysed; None when unannotated
    call: CallExpr | None
    constructor: str | None  # the call's fullname

    def mapped(self, fullname: str = names.MAPPED) -> Type | None:
        """``X`` of an annotation ``Mapped[X]`` (or of ``fullname[X]``)."""
        declared = self.annotation
        if isinstance(declared, Instance) and declared.type.fullname == fullname:
            return declared.args[0] if declared.args else None
        return None

    def keyword(self, name: str) -> Expression | None:
        return keyword(self.call, name) if self.call is not None else None

    def positional(self) -> Iterator[Expression]:
        call = self.call
        if call is not None:
            for kind, value in zip(call.arg_kinds, call.args, strict=True):
                if kind == ArgKind.ARG_POS:
                    yield value


def attributes(ctx: ClassDefContext) -> list[Attribute] | None:
    """The class body's annotated or called assignments; None (deferred) until all are analysed."""
    found = []
    for stmt in ctx.cls.defs.body:
        if not isinstance(stmt, AssignmentStmt) or len(stmt.lvalues) != 1:
            continue
        target = stmt.lvalues[0]
        if not isinstance(target, NameExpr):
            continue
        call = stmt.rvalue if isinstance(stmt.rvalue, CallExpr) else None
        if stmt.unanalyzed_type is None and call is None:
            continue
        annotation = None
        if stmt.unanalyzed_type is not None:
            annotation = _analysed(stmt)
            if annotation is None:
                if not ctx.api.final_iteration:
                    ctx.api.defer()
                    return None
                continue  # never analysable (an undefined name): mypy reports it
        callee = call.callee if call is not None else None
        constructor = callee.fullname if isinstance(callee, RefExpr) else None
        found.append(Attribute(target.name, stmt, annotation, call, constructor))
    return found


def _analysed(stmt: AssignmentStmt) -> ProperType | None:
    if stmt.type is None or stmt.type is stmt.unanalyzed_type:
        return None  # mypy keeps the raw annotation until it can analyse it
    declared = get_proper_type(stmt.type)
    return None if isinstance(declared, (UnboundType, PlaceholderType)) else declared


# --- literal arguments ---------------------------------------------------------------------


def keyword(call: CallExpr, name: str) -> Expression | None:
    """The argument ``call`` passes as ``name=...``; None if it passes none."""
    for arg_name, value in zip(call.arg_names, call.args, strict=True):
        if arg_name == name:
            return value
    return None


def literal_bool(expr: Expression | None) -> bool | None:
    """``True`` / ``False`` as written; None for anything else."""
    if isinstance(expr, NameExpr) and expr.fullname in (names.TRUE, names.FALSE):
        return expr.fullname == names.TRUE
    return None


def literal_str(expr: Expression | None) -> str | None:
    return expr.value if isinstance(expr, StrExpr) else None


# --- types ---------------------------------------------------------------------------------


def is_optional(typ: Type) -> bool | None:
    """Whether ``typ`` admits None; None when that cannot be told (``Any``, a bare ``None``)."""
    proper = get_proper_type(typ)
    if isinstance(proper, UnionType):
        return any(isinstance(get_proper_type(item), NoneType) for item in proper.items)
    if isinstance(proper, (AnyType, NoneType, UninhabitedType, TypeVarType)):
        return None
    return False


def with_none(typ: Type) -> Type:
    return UnionType.make_union([typ, NoneType()])


def without_none(typ: Type) -> Type:
    proper = get_proper_type(typ)
    if not isinstance(proper, UnionType):
        return typ
    return UnionType.make_union(
        [item for item in proper.items if not isinstance(get_proper_type(item), NoneType)]
    )


def spelled(ctx: ClassDefContext, typ: Type) -> str:
    """``str | None``, ``Team``: a type as mypy prints it for this module's Python version."""
    return format_type_bare(typ, ctx.api.options)


def instance_name(class_name: str) -> str:
    """``BlogPost`` -> ``blog_post``: the variable an example calls an instance of the class."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", class_name).lower()
