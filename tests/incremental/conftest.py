"""Fixtures for the incremental tests.

Each test gets its own project directory (and so its own cache and dmypy status file),
which lets them run in parallel under pytest-xdist.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .project import Project, Run


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    project = Project(tmp_path / "project")
    yield project
    project.dmypy_stop()


@pytest.fixture
def cold_mypy(tmp_path: Path) -> Callable[[Project], Run]:
    """mypy on a copy of the project with an empty cache: what warm runs must match."""
    counter = itertools.count()

    def run(project: Project) -> Run:
        return project.copy_to(tmp_path / f"cold-{next(counter)}").mypy()

    return run
