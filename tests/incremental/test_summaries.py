"""Return summaries under the incremental cache and dmypy: editing a helper's body reaches
its callers in other modules exactly as on a cold run (see loading/summaries.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .project import Project, Run
from .test_load_state import MODELS

pytestmark = pytest.mark.slow

REPOSITORY = """\
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from models import Order


async def orders(session: AsyncSession) -> list[Order]:
    stmt = select(Order).options(selectinload(Order.lines))
    return list((await session.scalars(stmt)).all())
"""

SERVICE = """\
from sqlalchemy.ext.asyncio import AsyncSession

from repository import orders


async def totals(session: AsyncSession) -> list[int]:
    return [len(order.lines) for order in await orders(session)]
"""

REPORT = 'service.py:7: error: Relationship "Order.lines" is not loaded'

EDITS = {
    # The helper stops loading: the caller's read is reported.
    "drop-load": (
        "repository.py",
        "select(Order).options(selectinload(Order.lines))",
        "select(Order)",
    ),
    # The helper returns something the plugin cannot read: the caller is silent.
    "unreadable": ("repository.py", ".all())\n", ".all()) or []\n"),
}


@pytest.fixture
def summary_project(project: Project) -> Project:
    project.write("models.py", MODELS)
    project.write("repository.py", REPOSITORY)
    project.write("service.py", SERVICE)
    return project


def test_summary_reaches_another_module(
    summary_project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    assert REPORT not in cold_mypy(summary_project).stdout
    summary_project.edit(*EDITS["drop-load"])
    run = cold_mypy(summary_project)
    assert REPORT in run.stdout, run


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_warm_run_after_helper_edit_matches_cold(
    summary_project: Project, cold_mypy: Callable[[Project], Run], edit: str
) -> None:
    summary_project.mypy()
    summary_project.edit(*EDITS[edit])
    warm = summary_project.mypy()
    assert warm.report() == cold_mypy(summary_project).report(), warm.stderr[-3000:]


def test_dmypy_after_helper_edit_matches_cold(
    summary_project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    first = summary_project.dmypy_run()
    assert first.report() == cold_mypy(summary_project).report(), first.stderr[-3000:]
    summary_project.edit(*EDITS["drop-load"])
    updated = summary_project.dmypy_run()
    assert REPORT in updated.stdout, updated
    assert updated.report() == cold_mypy(summary_project).report(), updated.stderr[-3000:]
