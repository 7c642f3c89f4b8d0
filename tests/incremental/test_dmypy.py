"""The mypy daemon with the plugin: its reports after an edit match a cold mypy run."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .project import Project, Run

pytestmark = pytest.mark.slow


def test_dmypy_after_edit_matches_cold_mypy(
    project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    first = project.dmypy_run()
    assert "[alchemy-sync-" in first.stdout, first
    assert first.report() == cold_mypy(project).report(), first.stderr

    project.edit("models.py", "name: Mapped[str]", "full_name: Mapped[str]")
    second = project.dmypy_run()

    assert second.report() != first.report(), "the edit changes nothing: the test proves nothing"
    assert second.report() == cold_mypy(project).report(), second.stderr
