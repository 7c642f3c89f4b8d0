"""Shared fixtures of the real-code tests and the summary of the plugin's reports on them.

- One pair of mypy variants (config file and cache directory, without and with the plugin)
  per session, that is per pytest-xdist worker: each worker's first file of a variant is
  cold, the next ones reuse its cache.
- The plugin's reports are counted by code over the session and printed as one line at the
  end. Under pytest-xdist the counts travel from the workers in ``workeroutput``; the
  controller prints them when this conftest is loaded there (``pytest tests/realcode -n 2``).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Any

import pytest

from . import sqlalchemy_typing

REPORTS = pytest.StashKey[Counter[str]]()
_WORKER_KEY = "realcode_plugin_reports"


def pytest_configure(config: pytest.Config) -> None:
    config.stash[REPORTS] = Counter()


@pytest.fixture(scope="session")
def variants(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[sqlalchemy_typing.Variant, sqlalchemy_typing.Variant]:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return sqlalchemy_typing.write_variants(tmp_path_factory.mktemp(f"realcode-mypy-{worker}"))


@pytest.fixture(scope="session")
def plugin_reports(pytestconfig: pytest.Config) -> Counter[str]:
    """The plugin's reports by code, summed over the session."""
    return pytestconfig.stash[REPORTS]


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput: dict[str, Any] | None = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput[_WORKER_KEY] = json.dumps(session.config.stash[REPORTS])


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    data = getattr(node, "workeroutput", {}).get(_WORKER_KEY)
    if data:
        node.config.stash[REPORTS].update(json.loads(data))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    reports = config.stash.get(REPORTS, Counter())
    if reports:
        terminalreporter.write_sep("-", "the plugin's reports on SQLAlchemy's typing tests")
        terminalreporter.write_line(
            ", ".join(f"{code} {count}" for code, count in sorted(reports.items()))
        )
