"""The load-tracking hooks, keyed the way ``plugin.py`` dispatches them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from mypy.nodes import MypyFile
from mypy.plugin import FunctionContext, MethodContext
from mypy.types import Type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope
from mypy_async_alchemy.families import Family
from mypy_async_alchemy.loading import options, reveal, sessions, state

FUNCTION_HOOKS: Final[Mapping[str, Callable[[FunctionContext], Type]]] = {
    names.REVEAL_LOADED: reveal.reveal_loaded,
    names.SELECT: options.select_call,
    names.LOAD: options.load_constructor,
    **dict.fromkeys(names.LOADER_FUNCTIONS, options.loader_function),
    **dict.fromkeys(names.SESSION_ORIGINS, sessions.origin_call),
}
METHOD_HOOKS: Final[Mapping[Family, Mapping[str, Callable[[MethodContext], Type]]]] = {
    Family.ASYNC_SESSION: {
        **dict.fromkeys(names.GET_METHODS, options.session_get),
        names.SCALAR_METHOD: options.session_scalar,
    },
    Family.SESSION: dict.fromkeys(names.GET_METHODS, options.session_get),
    Family.ASYNC_SESSIONMAKER: dict.fromkeys(
        names.SESSION_FROM_MAKER_METHODS, sessions.from_maker
    ),
    Family.SESSIONMAKER: dict.fromkeys(names.SESSION_FROM_MAKER_METHODS, sessions.from_maker),
}


def transient(ctx: FunctionContext) -> Type:
    """``Order(...)``: a new object is transient, its relationships never lazy-load."""
    return state.map_states(
        ctx.default_return_type, lambda _model, _state: frozenset({state.EVERYTHING})
    )


def needs_markers(file: MypyFile) -> bool:
    """User files that import SQLAlchemy get the state marker types in their build."""
    if scope.is_sqlalchemy_module(file.fullname) or file.fullname.startswith(names.PLUGIN_MODULE):
        return False
    return any(scope.is_sqlalchemy_module(module) for module in scope.imported_modules(file))
