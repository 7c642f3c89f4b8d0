"""FastAPI routes served over SQLite: the routes the plugin reports are the ones that fail.

``routes_cases.py`` is type-checked with the plugin (default mode) and its app is served by
FastAPI's ``TestClient`` in a subprocess: a route whose response model reads what the
returned objects did not load raises ``ResponseValidationError`` after the handler
returned, a route that reads what its dependency's session expired fails in the handler
(``MissingGreenlet``); every other route answers 200.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_oracle import _copied, _outcomes, _reported, assert_agree

_MODULE = "routes_cases"
_RUNNER = """
import asyncio, importlib, json, sys
from fastapi.exceptions import ResponseValidationError
from fastapi.testclient import TestClient
from sqlalchemy.exc import MissingGreenlet
cases = importlib.import_module(sys.argv[1])
asyncio.run(cases.reset())
results = {}
with TestClient(cases.app) as client:
    for route in [*cases.app.routes, *cases.router.routes]:
        name = getattr(route, "name", "")
        if not name.startswith("case_"):
            continue
        method = client.post if "POST" in getattr(route, "methods", ()) else client.get
        try:
            response = method(route.path)
        except ResponseValidationError as error:
            results[name] = "ResponseValidationError"
        except MissingGreenlet:
            results[name] = "MissingGreenlet"
        else:
            results[name] = "ok" if response.status_code == 200 else str(response.status_code)
json.dump(results, sys.stdout)
"""


def test_reported_routes_are_the_failing_ones(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    reported = _reported(_copied(tmp_path, _MODULE), _MODULE)
    outcomes = _outcomes(tmp_path, _MODULE, runner=_RUNNER)
    assert set(outcomes.values()) <= {"ok", "ResponseValidationError", "MissingGreenlet"}, outcomes
    assert_agree(reported, outcomes, {"alchemy-lazy-load", "alchemy-expired"}, minimum=5)
