"""alchemy-dynamic and alchemy-nullable with the related model in another module.

The many-to-one check of alchemy-nullable reads the target's ``__tablename__``: from its
class body while mypy holds the module's statements, from the class's metadata once the
module is freed or restored from the cache. Warm runs and dmypy must match a cold run.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .project import Project, Run

pytestmark = pytest.mark.slow

MODELS = """\
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
"""

REPOSITORY = """\
from sqlalchemy import ForeignKey
from sqlalchemy.orm import DynamicMapped, Mapped, mapped_column, relationship

from models import Base, Team


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    team: Mapped[Team] = relationship()
    friends: DynamicMapped["Member"] = relationship(viewonly=True)
"""

SERVICE = "import repository\n"


def _model_project(project: Project) -> Project:
    project.write("models.py", MODELS)
    project.write("repository.py", REPOSITORY)
    project.write("service.py", SERVICE)
    return project


def _counts(run: Run) -> tuple[int, int]:
    return run.stdout.count("[alchemy-nullable]"), run.stdout.count("[alchemy-dynamic]")


def test_target_read_from_the_cache(project: Project, cold_mypy: Callable[[Project], Run]) -> None:
    _model_project(project)
    first = project.mypy()
    assert _counts(first) == (1, 1), first.stdout

    project.edit("repository.py", "class Member(Base):\n", "class Member(Base):\n    x = 1\n")
    second = project.mypy("--verbose")

    assert "models" in second.modules_logged("fresh"), "the target was not read from the cache"
    assert second.report() == cold_mypy(project).report()
    assert _counts(second) == (1, 1), second.stdout


def test_target_table_renamed(project: Project, cold_mypy: Callable[[Project], Run]) -> None:
    _model_project(project)
    project.mypy()

    project.edit("models.py", '"teams"', '"squads"')
    after = project.mypy()

    assert after.report() == cold_mypy(project).report()
    assert _counts(after) == (0, 1), after.stdout


def test_dmypy_target_table_renamed(project: Project, cold_mypy: Callable[[Project], Run]) -> None:
    _model_project(project)
    before = project.dmypy_run()
    assert _counts(before) == (1, 1), before.stdout

    project.edit("models.py", '"teams"', '"squads"')
    after = project.dmypy_run()

    assert after.report() == cold_mypy(project).report()
    assert _counts(after) == (0, 1), after.stdout
