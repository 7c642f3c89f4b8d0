"""The rule modules' hook tables, merged and guarded once at import.

Several rules may hook the same call (``AsyncSession.execute`` is IO for alchemy-sync-def and
a load-state source for alchemy-lazy-load): their callbacks run in order, each seeing the
return type the previous one produced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Final, TypeVar

from mypy.plugin import FunctionContext, MethodContext
from mypy.types import Type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy.checks import session_scope, sync_api, sync_def
from mypy_async_alchemy.families import Family
from mypy_async_alchemy.guard import guarded
from mypy_async_alchemy.loading import hooks as loading
from mypy_async_alchemy.loading import options

_Ctx = TypeVar("_Ctx", FunctionContext, MethodContext)


def _default_return(ctx: FunctionContext | MethodContext) -> Type:
    return ctx.default_return_type


def _chain(callbacks: list[Callable[[_Ctx], Type]]) -> Callable[[_Ctx], Type]:
    if len(callbacks) == 1:
        return guarded(callbacks[0], _default_return)

    def run_all(ctx: _Ctx) -> Type:
        for callback in callbacks:
            ctx = ctx._replace(default_return_type=callback(ctx))
        return ctx.default_return_type

    return guarded(run_all, _default_return)


def _merge_by_key(
    tables: Iterable[Mapping[str, Callable[[_Ctx], Type]]],
) -> dict[str, Callable[[_Ctx], Type]]:
    collected: dict[str, list[Callable[[_Ctx], Type]]] = {}
    for table in tables:
        for key, callback in table.items():
            collected.setdefault(key, []).append(callback)
    return {key: _chain(callbacks) for key, callbacks in collected.items()}


def _merge_by_family(
    tables: Iterable[Mapping[Family, Mapping[str, Callable[[_Ctx], Type]]]],
) -> dict[Family, dict[str, Callable[[_Ctx], Type]]]:
    tables = list(tables)
    return {
        family: _merge_by_key(table[family] for table in tables if family in table)
        for family in Family
        if any(family in table for table in tables)
    }


FUNCTION_HOOKS: Final = _merge_by_key([sync_api.FUNCTION_HOOKS, loading.FUNCTION_HOOKS])
CONSTRUCTOR_HOOKS: Final = {
    family: _chain([callback])
    for table in (sync_api.CONSTRUCTOR_HOOKS, session_scope.CONSTRUCTOR_HOOKS)
    for family, callback in table.items()
}
METHOD_HOOKS: Final = _merge_by_family(
    [
        sync_api.METHOD_HOOKS,
        session_scope.METHOD_HOOKS,
        sync_def.METHOD_HOOKS,
        loading.METHOD_HOOKS,
    ]
)
TRANSIENT_HOOK: Final = _chain([loading.transient])
OPTIONS_HOOK: Final = _chain([options.options_call])
LOADER_METHOD_HOOK: Final = _chain([options.loader_method])
# Method names any rule hooks: a set lookup that rejects most calls before any MRO walk.
METHOD_NAMES: Final = frozenset(
    {name for table in METHOD_HOOKS.values() for name in table}
    | {names.OPTIONS_METHOD}
    | names.LOADER_NAMES
)
