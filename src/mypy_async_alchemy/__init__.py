"""mypy-async-alchemy: async-SQLAlchemy mistakes as type errors.

Enable the plugin with ``plugins = ["mypy_async_alchemy"]`` in the mypy configuration.

``Loaded[Model, Literal["rel", "rel.nested"]]`` states which relationships of ``Model``
are loaded. At run time, and for type checkers without the plugin, it is plain ``Model``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

__all__ = ["Loaded", "__version__", "plugin", "reveal_loaded"]

# mypy keys its cache on this: bump it with every change to the plugin's behaviour.
__version__ = "0.1.0"

_M = TypeVar("_M")
_P = TypeVar("_P")

if TYPE_CHECKING:
    # Only type checkers read this branch. The plugin adds this module to every build that
    # imports SQLAlchemy, so its imports stay within typing(_extensions).
    from typing_extensions import TypeAliasType

    # Two type parameters, the value only the first: type checkers without the plugin
    # (pyright, Pylance) read Loaded[Model, Literal[...]] as Model. mypy never expands it:
    # the plugin's type-analyze hook replaces it by Model carrying that load state.
    Loaded = TypeAliasType("Loaded", _M, type_params=(_M, _P))
else:

    class Loaded:
        """``Loaded[Model, Literal[...]]`` is ``Model`` at run time."""

        def __class_getitem__(cls, params: Any) -> Any:
            if not isinstance(params, tuple) or len(params) != 2:
                raise TypeError("Loaded[...] takes a model and a Literal of relationship paths")
            return params[0]


_T = TypeVar("_T")


def reveal_loaded(value: _T) -> _T:
    """Return ``value``; under the plugin, mypy notes its load state (like ``reveal_type``).

    ``reveal_loaded(order)`` prints ``Load state of "order" is Loaded[Order, Literal["lines"]]``
    (or says that it is unknown): the state is invisible to ``reveal_type``, which shows the
    type as the user wrote it.
    """
    return value


def _returned(value: _T) -> _T:
    """The plugin's marker around ``return`` values where ``Loaded[...]`` is declared, and
    in FastAPI handlers with a ``response_model``.

    Only mypy's view of the code has it (see loading/returns.py); it is never called. An
    identity: the declared return type is the value's type context, as without it.
    """
    return value


def plugin(version: str) -> type[object]:
    """Entry point that mypy calls with its own version (returns a mypy ``Plugin`` class)."""
    from mypy_async_alchemy.main import AsyncAlchemyPlugin

    return AsyncAlchemyPlugin
