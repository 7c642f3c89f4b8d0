"""Return, read and effect summaries under the incremental cache and dmypy: editing a
helper's body reaches its callers in other modules exactly as on a cold run
(loading/summaries.py, loading/reads.py, loading/effects.py)."""

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


def describe(order: Order) -> str:
    return str(order.id)


async def checkpoint(session: AsyncSession) -> None:
    await session.flush()


def tidy(session: AsyncSession) -> None:
    session.autoflush = False


from collections.abc import AsyncIterator  # noqa: E402

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine  # noqa: E402

engine = create_async_engine("sqlite+aiosqlite://")
maker = async_sessionmaker(engine)
keeper = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with keeper() as session:
        yield session
"""

SERVICE = """\
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Order
from repository import checkpoint, describe, orders


async def totals(session: AsyncSession) -> list[int]:
    return [len(order.lines) for order in await orders(session)]


async def view(session: AsyncSession) -> str:
    return describe((await session.scalars(select(Order))).one())


async def settle(session: AsyncSession) -> int:
    order = await session.get_one(Order, 1)
    await checkpoint(session)
    return order.id


from fastapi import Depends  # noqa: E402

from repository import get_session  # noqa: E402


async def handler(session: AsyncSession = Depends(get_session)) -> int:
    order = await session.get_one(Order, 1)
    await session.commit()
    return order.id


from repository import tidy  # noqa: E402


async def tidy_up(session: AsyncSession) -> int:
    order = await session.get_one(Order, 1)
    tidy(session)
    return order.id
"""

REPORT = 'service.py:9: error: Relationship "Order.lines" is not loaded'
READ_REPORT = 'service.py:13: error: describe() reads "Order.lines" of'
EFFECT_REPORT = (
    'service.py:19: error: Attribute "Order.id" of "order" is read after the call of checkpoint()'
)

PLAIN_EFFECT_REPORT = (
    'service.py:39: error: Attribute "Order.id" of "order" is read after the call of tidy()'
)
DEPENDENCY_REPORT = (
    'service.py:30: error: Attribute "Order.id" of "order" is read after the commit at line 29'
)

EDITS = {
    # The helper stops loading: the caller's read is reported.
    "drop-load": (
        "repository.py",
        "select(Order).options(selectinload(Order.lines))",
        "select(Order)",
    ),
    # The helper returns something the plugin cannot read: the caller is silent.
    "unreadable": ("repository.py", ".all())\n", ".all()) or []\n"),
    # The helper starts reading a relationship: the call that hands it over is reported.
    "add-read": ("repository.py", "str(order.id)", "str(len(order.lines))"),
    # The helper starts rolling back: the caller's read after the call is reported.
    "add-expiry": ("repository.py", "await session.flush()", "await session.rollback()"),
    # A plain helper starts expiring every object of its session.
    "add-plain-expiry": ("repository.py", "session.autoflush = False", "session.expire_all()"),
    # The FastAPI dependency's sessions start expiring on commit (loading/sessions.py).
    "dependency-expires": (
        "repository.py",
        "async with keeper() as session:",
        "async with maker() as session:",
    ),
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


def test_read_summary_reaches_another_module(
    summary_project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    assert READ_REPORT not in cold_mypy(summary_project).stdout
    summary_project.edit(*EDITS["add-read"])
    run = cold_mypy(summary_project)
    assert READ_REPORT in run.stdout, run


def test_dmypy_after_read_edit_matches_cold(
    summary_project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    summary_project.dmypy_run()
    summary_project.edit(*EDITS["add-read"])
    updated = summary_project.dmypy_run()
    assert READ_REPORT in updated.stdout, updated
    assert updated.report() == cold_mypy(summary_project).report(), updated.stderr[-3000:]


EFFECT_EDITS = pytest.mark.parametrize(
    ("edit", "expected"),
    [("add-expiry", EFFECT_REPORT), ("add-plain-expiry", PLAIN_EFFECT_REPORT)],
)


@EFFECT_EDITS
def test_effect_summary_reaches_another_module(
    summary_project: Project, cold_mypy: Callable[[Project], Run], edit: str, expected: str
) -> None:
    assert expected not in cold_mypy(summary_project).stdout
    summary_project.edit(*EDITS[edit])
    run = cold_mypy(summary_project)
    assert expected in run.stdout, run


@EFFECT_EDITS
def test_dmypy_after_effect_edit_matches_cold(
    summary_project: Project, cold_mypy: Callable[[Project], Run], edit: str, expected: str
) -> None:
    summary_project.dmypy_run()
    summary_project.edit(*EDITS[edit])
    updated = summary_project.dmypy_run()
    assert expected in updated.stdout, updated
    assert updated.report() == cold_mypy(summary_project).report(), updated.stderr[-3000:]


def test_dependency_summary_reaches_another_module(
    summary_project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    assert DEPENDENCY_REPORT not in cold_mypy(summary_project).stdout
    summary_project.edit(*EDITS["dependency-expires"])
    run = cold_mypy(summary_project)
    assert DEPENDENCY_REPORT in run.stdout, run


def test_dmypy_after_dependency_edit_matches_cold(
    summary_project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    summary_project.dmypy_run()
    summary_project.edit(*EDITS["dependency-expires"])
    updated = summary_project.dmypy_run()
    assert DEPENDENCY_REPORT in updated.stdout, updated
    assert updated.report() == cold_mypy(summary_project).report(), updated.stderr[-3000:]
