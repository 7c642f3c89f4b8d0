"""The plugin's entry in a class's ``TypeInfo.metadata``: what semantic analysis records
about a class (declarative, tracked, relationships, table name), cached with the class,
whose restored body is empty."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from mypy.nodes import TypeInfo

from mypy_async_alchemy import fullnames as names

# What a class without an entry reads as: one shared empty mapping (asked ~50,000 times on
# a large project), not a new dict each time.
_EMPTY: Final[Mapping[str, Any]] = MappingProxyType({})


def read(info: TypeInfo) -> Mapping[str, Any]:
    """The plugin's entry of ``info`` (empty if none)."""
    return info.metadata.get(names.METADATA_KEY, _EMPTY)


def write(info: TypeInfo) -> dict[str, Any]:
    """The plugin's entry of ``info``, created if missing, to record into."""
    return info.metadata.setdefault(names.METADATA_KEY, {})
