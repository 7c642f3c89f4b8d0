"""Settings for the load-state cases.

- They share one set of models, ``models.py`` beside this file: every case under this
  directory gets the directory on ``MYPYPATH``, so its ``main`` can
  ``from models import Order, Line, ...``. A case that needs other relationship settings
  declares its own models in ``main`` instead.
- Cases that configure the plugin (``mypy_config: [mypy_async_alchemy] strict = true``) get a
  cache directory of their own per configuration, inside the usual one. The plugin's
  settings are part of every module's cache key (``report_config_data``), so one cache
  shared by strict and default cases would re-check all of SQLAlchemy at each switch.
"""

from __future__ import annotations

import configparser
import hashlib
import os
from pathlib import Path

import pytest

from mypy_async_alchemy.config import SECTION

FIXTURES = Path(__file__).parent


def pytest_runtest_setup(item: pytest.Item) -> None:
    environment = getattr(item, "environment_variables", None)
    if isinstance(environment, dict):
        existing = environment.get("MYPYPATH")
        environment["MYPYPATH"] = os.pathsep.join(filter(None, [str(FIXTURES), existing]))
    settings = _plugin_settings(getattr(item, "additional_mypy_config", ""))
    cache_dir = getattr(item, "incremental_cache_dir", None)
    if settings and isinstance(cache_dir, str):
        digest = hashlib.sha256(settings.encode()).hexdigest()[:12]
        item.incremental_cache_dir = os.path.join(cache_dir, f"{SECTION}-{digest}")  # type: ignore[attr-defined]


def _plugin_settings(mypy_config: object) -> str:
    """The case's ``[mypy_async_alchemy]`` settings, normalised; "" when it has none."""
    if not isinstance(mypy_config, str) or f"[{SECTION}]" not in mypy_config:
        return ""
    parser = configparser.ConfigParser()
    parser.read_string(mypy_config if "[mypy]" in mypy_config else f"[mypy]\n{mypy_config}")
    return repr(sorted(parser.items(SECTION)))
