"""The rule modules' hook tables, merged and guarded once at import.

Reporting rules hook call *signatures* (see callbacks.py); load tracking hooks return types.
Several callbacks may share a key: they run in order, each seeing the previous one's result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Final, Protocol, TypeVar

from mypy.plugin import FunctionContext, FunctionSigContext, MethodContext, MethodSigContext
from mypy.types import CallableType, FunctionLike, Type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy.checks import concurrent, session_scope, sync_api, sync_def
from mypy_async_alchemy.families import Family
from mypy_async_alchemy.guard import guarded
from mypy_async_alchemy.loading import hooks as loading
from mypy_async_alchemy.loading import options

_Ctx = TypeVar("_Ctx", FunctionContext, MethodContext)
_SigCtx = TypeVar("_SigCtx", FunctionSigContext, MethodSigContext)
_Key = TypeVar("_Key")
_Hook = TypeVar("_Hook")


class _Chainer(Protocol[_Hook]):
    def __call__(self, callbacks: list[_Hook]) -> _Hook: ...


def _default_return(ctx: FunctionContext | MethodContext) -> Type:
    return ctx.default_return_type


def _default_signature(ctx: FunctionSigContext | MethodSigContext) -> FunctionLike:
    return ctx.default_signature


def chain(callbacks: list[Callable[[_Ctx], Type]]) -> Callable[[_Ctx], Type]:
    """Return-type hooks in order, each seeing the type the previous one returned."""
    if len(callbacks) == 1:
        return guarded(callbacks[0], _default_return)

    def run_all(ctx: _Ctx) -> Type:
        for callback in callbacks:
            ctx = ctx._replace(default_return_type=callback(ctx))
        return ctx.default_return_type

    return guarded(run_all, _default_return)


def chain_signatures(
    callbacks: list[Callable[[_SigCtx], FunctionLike]],
) -> Callable[[_SigCtx], FunctionLike]:
    """Signature hooks in order, each seeing the signature the previous one returned."""
    if len(callbacks) == 1:
        return guarded(callbacks[0], _default_signature)

    def run_all(ctx: _SigCtx) -> FunctionLike:
        for callback in callbacks:
            signature = callback(ctx)
            if not isinstance(signature, CallableType):
                return signature
            ctx = ctx._replace(default_signature=signature)
        return ctx.default_signature

    return guarded(run_all, _default_signature)


def _merge(tables: Iterable[Mapping[_Key, _Hook]], join: _Chainer[_Hook]) -> dict[_Key, _Hook]:
    collected: dict[_Key, list[_Hook]] = {}
    for table in tables:
        for key, callback in table.items():
            collected.setdefault(key, []).append(callback)
    return {key: join(callbacks) for key, callbacks in collected.items()}


def _merge_by_family(
    tables: Iterable[Mapping[Family, Mapping[str, _Hook]]], join: _Chainer[_Hook]
) -> dict[Family, dict[str, _Hook]]:
    listed = list(tables)
    return {
        family: _merge((table[family] for table in listed if family in table), join)
        for family in Family
        if any(family in table for table in listed)
    }


# Reporting rules (signature hooks).
FUNCTION_SIGNATURE_HOOKS: Final = _merge(
    [sync_api.FUNCTION_SIGNATURE_HOOKS, concurrent.FUNCTION_SIGNATURE_HOOKS], chain_signatures
)
CONSTRUCTOR_SIGNATURE_HOOKS: Final = _merge(
    [sync_api.CONSTRUCTOR_SIGNATURE_HOOKS, session_scope.CONSTRUCTOR_SIGNATURE_HOOKS],
    chain_signatures,
)
METHOD_SIGNATURE_HOOKS: Final = _merge_by_family(
    [
        sync_api.METHOD_SIGNATURE_HOOKS,
        session_scope.METHOD_SIGNATURE_HOOKS,
        sync_def.METHOD_SIGNATURE_HOOKS,
    ],
    chain_signatures,
)
# Calls of a user function or method that returns a new AsyncSession (main.py finds them).
SESSION_FACTORY_SIGNATURE_HOOK: Final = guarded(session_scope.factory_call, _default_signature)

# Load tracking (return-type hooks).
FUNCTION_HOOKS: Final = _merge([loading.FUNCTION_HOOKS, concurrent.FUNCTION_HOOKS], chain)
METHOD_HOOKS: Final = _merge_by_family([loading.METHOD_HOOKS], chain)
# Methods of library classes outside SQLAlchemy, by exact fullname.
LIBRARY_METHOD_HOOKS: Final = _merge([concurrent.METHOD_HOOKS], chain)
TRANSIENT_HOOK: Final = chain([loading.transient])
OPTIONS_HOOK: Final = chain([options.options_call])
LOADER_METHOD_HOOK: Final = chain([options.loader_method])
ROW_ITEM_HOOK: Final = chain([options.row_item])

# Method names any rule hooks: a set lookup that rejects most calls before any MRO walk.
SIGNATURE_METHOD_NAMES: Final = frozenset(
    name for table in METHOD_SIGNATURE_HOOKS.values() for name in table
)
METHOD_NAMES: Final = frozenset(
    {name for table in METHOD_HOOKS.values() for name in table}
    | {names.OPTIONS_METHOD}
    | names.LOADER_NAMES
)
