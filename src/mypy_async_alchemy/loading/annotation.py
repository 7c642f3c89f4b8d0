"""``Loaded[Order, Literal["lines", "lines.product"]]`` in annotations.

At run time (and for other type checkers) it is plain ``Order``; under the plugin too, with
those paths (parents implied by dotted paths) as its load state (``state.py``).
"""

from __future__ import annotations

from mypy.nodes import TypeInfo
from mypy.plugin import AnalyzeTypeContext
from mypy.types import (
    AnyType,
    Instance,
    Type,
    TypeOfAny,
    get_proper_type,
)

from mypy_async_alchemy import messages, report
from mypy_async_alchemy.loading import models, returns
from mypy_async_alchemy.loading import state as states


def loaded_annotation(ctx: AnalyzeTypeContext) -> Type:
    """``Order`` carrying the state ``Loaded[...]`` declares, like the results of queries.

    Objects passed where it is declared are checked by ``boundaries.py``, not by mypy's own
    subtyping, so that declaring ``Loaded[...]`` never makes mypy's own codes fire.
    """
    api = ctx.api
    args = ctx.type.args
    model_type = get_proper_type(api.analyze_type(args[0])) if len(args) == 2 else None
    if not isinstance(model_type, Instance) or len(args) != 2:
        report.error(api, messages.LOADED_BAD_FORM, messages.LOADED_BAD_FORM_NOTE, ctx.context)
        return AnyType(TypeOfAny.from_error)
    model = model_type.type
    paths = states.literal_values(api.analyze_type(args[1]))
    if paths is None or not models.is_tracked(model):
        if paths is None:
            report.error(api, messages.LOADED_BAD_FORM, messages.LOADED_BAD_FORM_NOTE, ctx.context)
        return model_type
    for path in sorted(paths):
        _check_path(ctx, model, path)
    result = states.with_state(model_type, frozenset(_with_parents(paths)))
    returns.mark_returns(ctx)
    return result


def _with_parents(paths: frozenset[str]) -> set[str]:
    """``{"lines.product"}`` -> ``{"lines", "lines.product"}``."""
    full: set[str] = set()
    for path in paths:
        parts = path.split(".")
        full.update(".".join(parts[: index + 1]) for index in range(len(parts)))
    return full


def _check_path(ctx: AnalyzeTypeContext, model: TypeInfo, path: str) -> None:
    """Report the first segment of ``path`` that is not a relationship (the last one may be
    a deferred column: ``Loaded[Doc, Literal["body", "notes.text"]]``)."""
    current: TypeInfo | None = model
    segments = path.split(".")
    for index, segment in enumerate(segments):
        if current is None:
            return  # the target class is not known yet: nothing more to check
        if index == len(segments) - 1 and models.deferral(current, segment) is not None:
            return
        if models.strategy(current, segment) is None:
            known = sorted({name for base in current.mro for name in models.relationships(base)})
            report.error(
                ctx.api,
                messages.LOADED_UNKNOWN_PATH.format(segment, current.name),
                messages.LOADED_UNKNOWN_PATH_NOTE.format(
                    current.name, ", ".join(f'"{name}"' for name in known) or "none"
                ),
                ctx.context,
            )
            return
        current = models.target(current, segment)
