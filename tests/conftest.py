"""Test-wide settings.

- Plugin bugs must fail tests instead of being logged and skipped (``RAISE_ENV``), also in
  the mypy subprocesses that pytest-mypy-plugins starts with an environment of its own.
- pytest-mypy-plugins runs the ``mypy`` found on PATH: use the one beside this interpreter,
  so the suite works from an unactivated virtualenv.
- Its mypy caches live in this checkout (``.pytest-mypy/``), not in a temp dir shared with
  other checkouts and plugin versions.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from mypy_async_alchemy.guard import RAISE_ENV

ROOT = Path(__file__).parent.parent

os.environ[RAISE_ENV] = "1"
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "mypy_testing_base", None) == tempfile.gettempdir():
        base = ROOT / ".pytest-mypy"
        base.mkdir(exist_ok=True)
        config.option.mypy_testing_base = str(base)


def pytest_runtest_setup(item: pytest.Item) -> None:
    environment = getattr(item, "environment_variables", None)
    if isinstance(environment, dict):
        environment.setdefault(RAISE_ENV, "1")
