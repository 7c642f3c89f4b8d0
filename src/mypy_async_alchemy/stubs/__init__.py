"""Stubs that bring the sync-API rules to pyright and Pylance, which run no mypy plugin.

``mypy-async-alchemy stubs`` writes a partial stub package for the installed SQLAlchemy:
its own source for the modules listed in ``targets.toml``, with ``@deprecated`` above the
sync APIs, so that the editor reports their use and every other type stays the same.
"""

from __future__ import annotations

from mypy_async_alchemy.stubs.package import DEFAULT_OUT, PACKAGE, StubPackage, build, check, write
from mypy_async_alchemy.stubs.targets import StubsError, Target, load_targets

__all__ = [
    "DEFAULT_OUT",
    "PACKAGE",
    "StubPackage",
    "StubsError",
    "Target",
    "build",
    "check",
    "load_targets",
    "write",
]
