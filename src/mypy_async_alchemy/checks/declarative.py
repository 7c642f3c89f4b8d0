"""alchemy-unmapped, alchemy-legacy-column: 2.0-style declarative models. (stub, in progress)"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from mypy.nodes import SymbolTableNode
from mypy.plugin import ClassDefContext


def base_class_hook(
    fullname: str, lookup: Callable[[str], SymbolTableNode | None]
) -> Callable[[ClassDefContext], None] | None:
    return None


DECORATOR_HOOKS: Final[Mapping[str, Callable[[ClassDefContext], None]]] = {}
METACLASS_HOOKS: Final[Mapping[str, Callable[[ClassDefContext], None]]] = {}
