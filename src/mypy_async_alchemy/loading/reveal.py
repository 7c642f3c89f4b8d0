"""``reveal_loaded(x)``: the load state of ``x``, which ``reveal_type`` does not show.

The state travels invisibly with the type (``state.py``), so ``reveal_type`` prints the type
as the user wrote it. This note prints it with every ORM object written as the
``Loaded[...]`` annotation that declares its state.
"""

from __future__ import annotations

from mypy.nodes import CallExpr
from mypy.options import Options
from mypy.plugin import FunctionContext
from mypy.types import (
    Instance,
    TupleType,
    Type,
    TypeStrVisitor,
    UnionType,
    get_proper_type,
)

from mypy_async_alchemy import messages, report
from mypy_async_alchemy.loading import merges, models
from mypy_async_alchemy.loading import state as states


def reveal_loaded(ctx: FunctionContext) -> Type:
    if ctx.arg_types and ctx.arg_types[0] and isinstance(ctx.context, CallExpr):
        value = ctx.context.args[0]
        merged = merges.alternatives(ctx.api, value) if _unknown(ctx.arg_types[0][0]) else None
        shown = " | ".join(_shown(typ, ctx.api.options) for typ in merged or ctx.arg_types[0])
        name = report.spelled(value) or "expression"
        ctx.api.msg.note(messages.REVEAL_LOADED.format(name, shown), ctx.context)
    return ctx.default_return_type


def _unknown(typ: Type) -> bool:
    found = states.model_and_state(typ)
    return found is not None and found[1] is None


def _shown(typ: Type, options: Options) -> str:
    """mypy's own formatting of ``typ``, with ORM objects as ``Loaded[Model, ...]``."""
    proper = get_proper_type(typ)
    if isinstance(proper, Instance) and models.is_tracked(proper.type):
        return describe(proper.type.fullname, states.instance_state(proper))
    if isinstance(proper, Instance) and proper.args:
        args = ", ".join(_shown(arg, options) for arg in proper.args)
        return f"{proper.type.fullname}[{args}]"
    if isinstance(proper, TupleType):
        return f"tuple[{', '.join(_shown(item, options) for item in proper.items)}]"
    if isinstance(proper, UnionType):
        return " | ".join(_shown(item, options) for item in proper.items)
    return typ.accept(TypeStrVisitor(options=options))


def describe(model: str, state: states.State | None) -> str:
    """``Loaded[Order, Literal["lines"]]``; ``Loaded[Order, Never]``; ``Order (unknown)``."""
    if state is None:
        return f"{model} ({messages.REVEAL_LOADED_UNKNOWN})"
    if states.EVERYTHING in state:
        return f'Loaded[{model}, "*"]'
    paths = ", ".join(f'"{path}"' for path in states.paths(state))
    return f"Loaded[{model}, Literal[{paths}]]" if paths else f"Loaded[{model}, Never]"
