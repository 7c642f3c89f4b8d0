"""The harness itself: a pyright that cannot run is a skip with its reason, not a failure."""

from __future__ import annotations

import pytest
import stub_checkers


def test_missing_pyright_package_is_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stub_checkers, "find_spec", lambda name: None)
    assert stub_checkers.pyright_unavailable() == (
        "the pyright package is not installed (pip install pyright)"
    )


def test_pyright_without_node_is_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stub_checkers, "_PYRIGHT", ["false"])
    reason = stub_checkers.pyright_unavailable()
    assert reason is not None and reason.startswith("pyright cannot run")
