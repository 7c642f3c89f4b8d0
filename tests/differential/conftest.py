"""Options, shared fixtures and the summary of the differential test.

- ``--long[=N]`` (or ``DIFFERENTIAL_LONG=N``): check about N generated programs (3000
  without a number) instead of the fast deterministic slice. The option is known to pytest
  when this directory is on the command line: ``pytest tests/differential --long``. A long
  run draws a new seed, shown with any failure; ``DIFFERENTIAL_SEED=<seed>`` replays it.
- One mypy cache directory per mode for the whole session (per xdist worker), so that only
  the first batch pays for checking SQLAlchemy.
- Counts are summed over the session and printed as one line at the end (also under ``-s``:
  the terminal reporter writes it, not the test). Under pytest-xdist they travel from the
  workers in ``workeroutput``; the controller prints them when this conftest is loaded there
  (``pytest tests/differential -n 2``).
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from . import checker

COUNTS = pytest.StashKey[Counter[str]]()
FILES = pytest.StashKey[list[str]]()
LONG_ENV = "DIFFERENTIAL_LONG"
SEED_ENV = "DIFFERENTIAL_SEED"
LONG_DEFAULT = 3000
_WORKER_KEY = "differential_counts"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--long",
        nargs="?",
        type=int,
        const=LONG_DEFAULT,
        default=None,
        metavar="PROGRAMS",
        help=f"differential test: check about PROGRAMS generated programs ({LONG_DEFAULT})",
    )


def long_programs(config: pytest.Config) -> int | None:
    """How many programs ``--long`` asks for; None for the default slice."""
    try:
        option = config.getoption("--long")
    except ValueError:  # this conftest was not loaded early enough to add the option
        option = None
    if option is None and os.environ.get(LONG_ENV):
        return int(os.environ[LONG_ENV])
    return None if option is None else int(option)


def long_seed() -> int:
    """The seed of a long run: ``DIFFERENTIAL_SEED``, else a new one (failures show it)."""
    return int(os.environ.get(SEED_ENV) or random.randrange(2**32))


def pytest_configure(config: pytest.Config) -> None:
    config.stash[COUNTS] = Counter()
    config.stash[FILES] = []


@pytest.fixture(scope="session")
def mypy_configs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    return checker.write_configs(tmp_path_factory.mktemp("differential-mypy"))


@pytest.fixture(scope="session")
def differential_counts(pytestconfig: pytest.Config) -> Counter[str]:
    return pytestconfig.stash[COUNTS]


@pytest.fixture(scope="session")
def counts_files(pytestconfig: pytest.Config) -> list[str]:
    return pytestconfig.stash[FILES]


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput: dict[str, Any] | None = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput[_WORKER_KEY] = json.dumps(
            {"counts": session.config.stash[COUNTS], "files": session.config.stash[FILES]}
        )


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    data = getattr(node, "workeroutput", {}).get(_WORKER_KEY)
    if data:
        sent = json.loads(data)
        node.config.stash[COUNTS].update(sent["counts"])
        node.config.stash[FILES].extend(sent["files"])


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    counts = config.stash.get(COUNTS, Counter())
    if not counts:
        return
    terminalreporter.write_sep("-", "differential test of alchemy-lazy-load and alchemy-expired")
    terminalreporter.write_line(summary(counts))
    for path in config.stash.get(FILES, []):
        terminalreporter.write_line(f"counts: {path}")


def summary(counts: Counter[str]) -> str:
    parts = [
        f"{counts['programs']} programs",
        f"{counts['sites']} sites ({counts['sites:read']} reads "
        f"({counts['sites:call']} in called functions), "
        f"{counts['sites:await']} awaits, {counts['sites:assign']} assignments, "
        f"{counts['sites:column']} column reads)",
    ]
    for mode in checker.MODES:
        total = {
            label: sum(v for k, v in counts.items() if k.startswith(f"{mode}:{label}:"))
            for label in ("over", "miss", "bug")
        }
        parts.append(
            f"{mode}: {counts[f'{mode}:agree']} agree "
            f"({counts[f'{mode}:agree:raised']} raised and reported), "
            f"{total['over']} documented over-approximations, "
            f"{total['miss']} accepted misses, {total['bug']} known-bug disagreements, "
            f"{counts[f'{mode}:unreached']} unreached"
        )
    return "; ".join(parts)
