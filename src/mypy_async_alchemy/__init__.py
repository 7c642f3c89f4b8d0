"""mypy-async-alchemy: async-SQLAlchemy mistakes as type errors.

Enable the plugin with ``plugins = ["mypy_async_alchemy"]`` in the mypy configuration.

``Loaded[Model, Literal["rel", "rel.nested"]]`` states which relationships of ``Model``
are loaded. At run time, and for type checkers without the plugin, it is plain ``Model``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

__all__ = ["Loaded", "LoadedPaths", "__version__", "plugin"]

# mypy keys its cache on this: bump it with every change to the plugin's behaviour.
__version__ = "0.1.0"

_M = TypeVar("_M")
_P = TypeVar("_P")

if TYPE_CHECKING:
    from typing import Annotated

    from mypy.plugin import Plugin

    class LoadedPaths(Generic[_P]):
        """Marker carrying the loaded relationship paths inside ``Loaded``."""

    Loaded = Annotated[_M, LoadedPaths[_P]]
else:

    class LoadedPaths(Generic[_P]):
        """Marker carrying the loaded relationship paths inside ``Loaded``."""

    class Loaded:
        """``Loaded[Model, Literal[...]]`` is ``Model`` at run time."""

        def __class_getitem__(cls, params: Any) -> Any:
            if not isinstance(params, tuple) or len(params) != 2:
                raise TypeError("Loaded[...] takes a model and a Literal of relationship paths")
            return params[0]


def plugin(version: str) -> type[Plugin]:
    """Entry point that mypy calls with its own version."""
    from mypy_async_alchemy.plugin import AsyncAlchemyPlugin

    return AsyncAlchemyPlugin
