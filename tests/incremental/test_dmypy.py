"""The mypy daemon with the plugin: its reports after an edit match a cold mypy run."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .project import Project, Run

pytestmark = pytest.mark.slow

_DAEMON_STARTED = "Daemon started\n"


def _report(run: Run) -> tuple[int, str]:
    return run.returncode, run.stdout.removeprefix(_DAEMON_STARTED)


def test_dmypy_after_edit_matches_cold_mypy(
    project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    first = project.dmypy_run()
    assert "[alchemy-sync-" in first.stdout, first
    assert _report(first) == _report(cold_mypy(project)), first.stderr

    project.edit("models.py", "name: Mapped[str]", "full_name: Mapped[str]")
    second = project.dmypy_run()

    assert _report(second) != _report(first), "the edit changes nothing: the test proves nothing"
    assert _report(second) == _report(cold_mypy(project)), second.stderr
