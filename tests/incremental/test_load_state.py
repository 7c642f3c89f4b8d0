"""Load-state tracking under the incremental cache and dmypy: warm == cold == daemon.

The load state travels invisibly with the types (in their extra attributes, which mypy
serialises and compares in dmypy's snapshots); a change of ``lazy=``, of a query's options
or of a declared ``Loaded[...]`` must reach every dependent, in a warm run and in dmypy.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .project import Project, Run

pytestmark = pytest.mark.slow

MODELS = """\
from sqlalchemy import ForeignKey
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    lines: Mapped[list["Line"]] = relationship(back_populates="order")


class Line(Base):
    __tablename__ = "lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    order: Mapped[Order] = relationship(back_populates="lines")


maker = async_sessionmaker(create_async_engine("sqlite+aiosqlite://"), expire_on_commit=False)
"""

REPOSITORY = """\
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from typing_extensions import Never

from mypy_async_alchemy import Loaded
from models import Order


async def orders(session: AsyncSession) -> list[Loaded[Order, Literal["lines"]]]:
    stmt = select(Order).options(selectinload(Order.lines))
    return list((await session.scalars(stmt)).all())


async def line_count(session: AsyncSession) -> int:
    order = (await session.scalars(select(Order))).one()
    return len(order.lines)
"""

SERVICE = """\
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from mypy_async_alchemy import Loaded
from models import Order, maker
from repository import orders


def total(order: Loaded[Order, Literal["lines"]]) -> int:
    return len(order.lines)


async def totals(session: AsyncSession) -> list[int]:
    return [total(order) for order in await orders(session)]


async def saved_id() -> int:
    async with maker() as session:
        order = await session.get_one(Order, 1)
        await session.commit()
        return order.id
"""

EDITS = {
    # The relationship becomes eager: the report in repository.py goes away.
    "lazy-strategy": (
        "models.py",
        'relationship(back_populates="order")',
        'relationship(back_populates="order", lazy="selectin")',
    ),
    # Only the declared state changes (the signature is list[Order] to mypy either way): the
    # call in service.py that needs "lines" is reported.
    "declared-state": (
        "repository.py",
        'Loaded[Order, Literal["lines"]]]',
        "Loaded[Order, Never]]",
    ),
    # The session maker (imported by service.py) expires on commit: the read after the
    # commit is reported (alchemy-expired).
    "expire-on-commit": (
        "models.py",
        "expire_on_commit=False",
        "expire_on_commit=True",
    ),
    # The query stops loading: the dependent read is reported.
    "query-options": (
        "repository.py",
        "select(Order).options(selectinload(Order.lines))",
        "select(Order)",
    ),
}


@pytest.fixture
def load_project(project: Project) -> Project:
    project.write("models.py", MODELS)
    project.write("repository.py", REPOSITORY)
    project.write("service.py", SERVICE)
    return project


def test_cold_run_reports_the_lazy_load(load_project: Project) -> None:
    run = load_project.mypy()
    assert 'repository.py:19: error: Relationship "Order.lines" is not loaded' in run.stdout, run
    assert "service.py" not in run.stdout, run


def test_declared_state_reaches_the_caller(
    load_project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    load_project.edit(*EDITS["declared-state"])
    run = cold_mypy(load_project)
    assert 'service.py:15: error: Argument 1 to "total" needs "lines" loaded' in run.stdout, run


def test_session_setting_reaches_the_importer(
    load_project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    load_project.edit(*EDITS["expire-on-commit"])
    run = cold_mypy(load_project)
    assert 'service.py:22: error: Attribute "Order.id" of "order" is read after' in run.stdout, run


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_warm_run_after_edit_matches_cold(
    load_project: Project, cold_mypy: Callable[[Project], Run], edit: str
) -> None:
    load_project.mypy()
    load_project.edit(*EDITS[edit])
    warm = load_project.mypy()
    cold = cold_mypy(load_project)
    assert warm.report() == cold.report(), warm.stderr[-3000:]
    assert warm.stdout != "" or cold.stdout != ""


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_dmypy_after_edit_matches_cold(
    load_project: Project, cold_mypy: Callable[[Project], Run], edit: str
) -> None:
    first = load_project.dmypy_run()
    assert first.report() == cold_mypy(load_project).report(), first.stderr[-3000:]
    load_project.edit(*EDITS[edit])
    updated = load_project.dmypy_run()
    assert updated.report() == cold_mypy(load_project).report(), updated.stderr[-3000:]
