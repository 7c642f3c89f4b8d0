"""The load-state cases share one set of models: ``models.py`` beside this file.

Every case under this directory gets this directory on ``MYPYPATH``, so its ``main`` can
``from models import Order, Line, ...``. A case that needs other relationship settings
declares its own models in ``main`` instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent


def pytest_runtest_setup(item: pytest.Item) -> None:
    environment = getattr(item, "environment_variables", None)
    if isinstance(environment, dict):
        existing = environment.get("MYPYPATH")
        environment["MYPYPATH"] = os.pathsep.join(filter(None, [str(FIXTURES), existing]))
