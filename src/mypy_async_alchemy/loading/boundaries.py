"""Calls that pass an object where ``Loaded[...]`` is declared must have those paths loaded.

mypy's own subtyping accepts every state for every other (see ``state.py``), so the plugin
checks arguments itself, from the call's signature hook: an object known to lack a
declared path is reported in both modes; one of unknown state only in strict mode.
"""

from __future__ import annotations

import enum

from mypy.nodes import CallExpr, Decorator, FuncDef, OverloadedFuncDef, SymbolNode
from mypy.plugin import FunctionSigContext, MethodSigContext
from mypy.types import CallableType, FunctionLike, Instance, Overloaded, Type, get_proper_type

from mypy_async_alchemy import messages, report, scope
from mypy_async_alchemy.config import Config
from mypy_async_alchemy.loading import models, reads
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.loading.access import path_loaded


class Parameters(enum.Enum):
    """What a function's parameters say about models (``model_parameters``)."""

    NONE = "none"  # no parameter is a model: most functions
    LOADED = "loaded"  # a parameter is declared Loaded[...]
    MODELS = "models"  # parameters are models, none declared Loaded[...]


def model_parameters(node: SymbolNode | None) -> Parameters:
    """Whether the function ``node`` has a parameter declared ``Loaded[...]``, or one typed
    as a model (one pass: asked for every function a project calls)."""
    if isinstance(node, Decorator):
        node = node.func
    if not isinstance(node, (FuncDef, OverloadedFuncDef)) or node.type is None:
        return Parameters.NONE
    signature = node.type
    items = signature.items if isinstance(signature, Overloaded) else [signature]
    found = Parameters.NONE
    for item in items:
        if isinstance(item, CallableType):
            for arg in item.arg_types:
                proper = get_proper_type(arg)
                if isinstance(proper, Instance) and models.is_tracked(proper.type):
                    if states.instance_state(proper) is not None:
                        return Parameters.LOADED
                    found = Parameters.MODELS
    return found


def check_call(ctx: FunctionSigContext | MethodSigContext, *, config: Config) -> FunctionLike:
    """Arguments passed where ``Loaded[...]`` is declared, then what the callee reads from
    its other model parameters (``reads.py``)."""
    check_arguments(ctx, strict=config.strict)
    return reads.check_call(ctx, config=config)


def check_arguments(ctx: FunctionSigContext | MethodSigContext, *, strict: bool) -> FunctionLike:
    signature = ctx.default_signature
    if scope.is_library_code(ctx.api):
        return signature
    for index, (formal, actuals) in enumerate(zip(signature.arg_types, ctx.args, strict=False)):
        for actual in actuals:
            missing = missing_path(formal, scope.expression_type(ctx.api, actual), strict=strict)
            if missing is not None:
                _report(ctx, index + 1, *missing)
    return signature


def missing_path(declared: Type, given: Type, *, strict: bool) -> tuple[str, states.State] | None:
    """The first path that ``declared`` (a ``Loaded[...]`` type) needs and ``given`` lacks.

    Returns ``(path, state of given)``, or None when nothing is missing or ``declared`` is no
    ``Loaded[...]``. A ``given`` of unknown state lacks everything only in strict mode.
    """
    required = states.model_and_state(declared)
    if required is None or required[1] is None:
        return None
    model, needed = required[0], required[1]
    found = states.model_and_state(given)
    if found is None or (found[1] is None and not strict):
        return None
    state = found[1] if found[1] is not None else states.NOTHING
    missing = [path for path in sorted(needed) if not path_loaded(model, state, path)]
    return (missing[0], state) if missing else None


def shown(state: states.State) -> str:
    """The loaded paths of ``state`` for a message: ``"lines", "customer"`` or ``nothing``."""
    return ", ".join(f'"{p}"' for p in states.paths(state)) or messages.LAZY_LOAD_NOTHING


def _report(
    ctx: FunctionSigContext | MethodSigContext, position: int, path: str, state: states.State
) -> None:
    callee = ctx.context.callee if isinstance(ctx.context, CallExpr) else None
    name = (report.spelled(callee) if callee is not None else None) or "function"
    report.error(
        ctx.api,
        messages.UNDER_LOADED_ARGUMENT.format(position, name, path, shown(state)),
        messages.UNDER_LOADED_NOTE.format(path),
        ctx.context,
    )
