"""The ``plugin(version)`` entry point that mypy looks up on the package."""

from __future__ import annotations

import mypy.version
from mypy.plugin import Plugin

import mypy_async_alchemy


def test_entry_point_returns_a_plugin_class() -> None:
    plugin_class = mypy_async_alchemy.plugin(mypy.version.__version__)
    assert issubclass(plugin_class, Plugin)


def test_entry_point_survives_being_called() -> None:
    # mypy resolves ``getattr(package, "plugin")`` on every build: dmypy does it again on each
    # ``dmypy run``, so the first call must not replace the function with anything else
    # (importing a submodule named ``plugin`` would).
    first = mypy_async_alchemy.plugin(mypy.version.__version__)
    assert callable(mypy_async_alchemy.plugin)
    assert mypy_async_alchemy.plugin(mypy.version.__version__) is first
