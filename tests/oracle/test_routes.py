"""FastAPI routes served over SQLite: the routes the plugin reports are the ones that fail.

``routes_cases.py`` is type-checked with the plugin (default mode) and its app is served by
FastAPI's ``TestClient`` in a subprocess: a route whose response model reads what the
returned objects did not load raises ``ResponseValidationError`` after the handler
returned; every other route answers 200.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .test_oracle import _reported

_MODULE = "routes_cases"
_RUNNER = """
import asyncio, importlib, json, sys
from fastapi.exceptions import ResponseValidationError
from fastapi.testclient import TestClient
cases = importlib.import_module(sys.argv[1])
asyncio.run(cases.reset())
results = {}
with TestClient(cases.app) as client:
    for route in [*cases.app.routes, *cases.router.routes]:
        name = getattr(route, "name", "")
        if not name.startswith("case_"):
            continue
        try:
            response = client.get(route.path)
        except ResponseValidationError as error:
            results[name] = "ResponseValidationError"
        else:
            results[name] = "ok" if response.status_code == 200 else str(response.status_code)
json.dump(results, sys.stdout)
"""


def test_reported_routes_are_the_failing_ones(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    source = Path(__file__).with_name(f"{_MODULE}.py")
    (tmp_path / source.name).write_text(source.read_text())
    reported = _reported(tmp_path, _MODULE)
    environment = {"ORACLE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'oracle.db'}"}
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER, _MODULE],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **environment},
    )
    assert result.returncode == 0, result.stderr
    outcomes: dict[str, str] = json.loads(result.stdout)
    assert set(outcomes.values()) <= {"ok", "ResponseValidationError"}, outcomes
    assert all(codes == {"alchemy-lazy-load"} for codes in reported.values()), reported
    failing = {name for name, outcome in outcomes.items() if outcome != "ok"}
    assert len(failing) >= 5 and len(outcomes) - len(failing) >= 5, outcomes
    assert set(reported) == failing, {
        "reported, did not fail": sorted(set(reported) - failing),
        "failed, not reported": sorted(failing - set(reported)),
    }
