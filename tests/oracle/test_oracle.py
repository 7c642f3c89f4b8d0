"""Reads that do IO, against a real database: what the plugin reports is what fails.

Each cases module (``expired_cases.py``: alchemy-expired; ``deferred_cases.py``: deferred
columns, alchemy-lazy-load; ``serialization_cases.py``: Pydantic schemas validating from
attributes, alchemy-lazy-load; ``summaries_cases.py``: objects a project function returned,
loads, reads or expires) is type-checked with the plugin (default mode), and each of its
``case_*`` handlers is run against SQLite through aiosqlite, in a subprocess. A handler
whose read did IO fails with ``MissingGreenlet`` (``DetachedInstanceError`` once its
session is closed, ``InvalidRequestError`` for a ``raiseload``, Pydantic's
``ValidationError`` around either); the handlers the plugin
reports must be exactly those, with the module's error code.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

# Each cases module, and the error codes its handlers may be reported with (one each).
CASE_MODULES = {
    "expired_cases": {"alchemy-expired"},
    "deferred_cases": {"alchemy-lazy-load"},
    "serialization_cases": {"alchemy-lazy-load", "alchemy-expired"},
    "summaries_cases": {"alchemy-lazy-load", "alchemy-expired"},
}
# Cases modules that need a package the plugin does not (the test extra installs it).
_NEEDS = {"serialization_cases": "pydantic"}
_CONFIG = "[mypy]\nplugins = mypy_async_alchemy\nshow_error_codes = true\n"
_REPORT = re.compile(r"^\w+\.py:(?P<line>\d+): error: .*\[(?P<code>[a-z-]+)\]$")
_RUNNER = """
import asyncio, json, sys
import importlib
from sqlalchemy.exc import InvalidRequestError, MissingGreenlet, StatementError
from sqlalchemy.orm.exc import DetachedInstanceError
try:
    from pydantic import ValidationError
except ImportError:
    ValidationError = ()
cases = importlib.import_module(sys.argv[1])

async def reset():
    async with cases.engine.begin() as connection:
        await connection.run_sync(cases.Base.metadata.drop_all)
        await connection.run_sync(cases.Base.metadata.create_all)
    async with cases.keeper.begin() as session:
        session.add(cases.seed())

async def outcome(case):
    await reset()
    try:
        await case()
    except (MissingGreenlet, DetachedInstanceError) as error:
        return type(error).__name__
    except InvalidRequestError as error:  # raiseload
        if "raiseload" not in str(error):
            raise
        return type(error).__name__
    except StatementError as error:  # SQLAlchemy 2.1 wraps MissingGreenlet
        if not isinstance(error.orig, MissingGreenlet):
            raise
        return "MissingGreenlet"
    except ValidationError as error:  # a schema read the attribute: Pydantic wraps the error
        if "MissingGreenlet" not in str(error) and "raiseload" not in str(error):
            raise
        return "ValidationError"
    return "ok"

async def main():
    names = [name for name in dir(cases) if name.startswith("case_")]
    results = {name: await outcome(getattr(cases, name)) for name in names}
    await cases.engine.dispose()
    return results

json.dump(asyncio.run(main()), sys.stdout)
"""


def _reported(directory: Path, module: str) -> dict[str, set[str]]:
    """``{handler: error codes}`` of mypy's errors in each handler."""
    config = directory / "mypy.ini"
    config.write_text(_CONFIG)
    command = [
        sys.executable, "-m", "mypy", "--config-file", str(config),
        "--cache-dir", str(directory / "cache"), "--no-error-summary", f"{module}.py",
    ]  # fmt: skip
    result = subprocess.run(command, cwd=directory, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1) and not result.stderr, result.stdout + result.stderr
    owners = _handlers_by_line((directory / f"{module}.py").read_text().splitlines())
    found: dict[str, set[str]] = {}
    for text in result.stdout.splitlines():
        match = _REPORT.match(text)
        if match is not None:
            owner = owners[int(match["line"])]
            found.setdefault(owner, set()).add(match["code"])
        elif ": note: " not in text:
            raise AssertionError(f"unexpected mypy output: {text}")
    return found


def _handlers_by_line(lines: list[str]) -> dict[int, str]:
    owners: dict[int, str] = {}
    current = "<module>"
    for number, text in enumerate(lines, start=1):
        match = re.match(r"async def (case_\w+)", text)
        if match is not None:
            current = match[1]
        owners[number] = current
    return owners


def _outcomes(directory: Path, module: str, runner: str = _RUNNER) -> dict[str, str]:
    """``{handler: "ok" or the exception it failed with}``, run against SQLite by
    ``runner`` (a script that prints them as JSON)."""
    environment = {"ORACLE_DATABASE_URL": f"sqlite+aiosqlite:///{directory / 'oracle.db'}"}
    result = subprocess.run(
        [sys.executable, "-c", runner, module],
        cwd=directory,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **environment},
    )
    assert result.returncode == 0, result.stderr
    outcomes: dict[str, str] = json.loads(result.stdout)
    return outcomes


@pytest.mark.parametrize("module", sorted(CASE_MODULES))
def test_reported_handlers_are_the_failing_ones(tmp_path: Path, module: str) -> None:
    if module in _NEEDS:
        pytest.importorskip(_NEEDS[module])
    reported = _reported(_copied(tmp_path, module), module)
    assert_agree(reported, _outcomes(tmp_path, module), CASE_MODULES[module], minimum=8)


def _copied(directory: Path, module: str) -> Path:
    """``directory``, with the cases module ``module`` copied into it."""
    source = Path(__file__).with_name(f"{module}.py")
    (directory / source.name).write_text(source.read_text())
    return directory


def assert_agree(
    reported: dict[str, set[str]], outcomes: dict[str, str], codes: set[str], *, minimum: int
) -> None:
    """The handlers reported (each with one of ``codes``) are the ones that failed; both
    sides have at least ``minimum`` members, for the comparison to say something."""
    assert set(reported) <= set(outcomes), "a report outside every handler"
    assert all(len(found) == 1 and found <= codes for found in reported.values()), reported
    failing = {name for name, outcome in outcomes.items() if outcome != "ok"}
    assert len(failing) >= minimum and len(outcomes) - len(failing) >= minimum, outcomes
    assert set(reported) == failing, {
        "reported, did not fail": sorted(set(reported) - failing),
        "failed, not reported": sorted(failing - set(reported)),
    }
