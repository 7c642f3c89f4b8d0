"""alchemy-unmapped with declarative bases from another module, cold, warm and in dmypy.

``models.py`` holds every kind of base and is left alone; ``repository.py`` subclasses them.
mypy keeps no statements of a module it has checked (nor of one restored from the cache):
bases are known by their metadata marker, ``declarative_base()`` variables by the module's
symbol table. dmypy keeps the statements: its verdicts must be the same.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .project import Project, Run

pytestmark = pytest.mark.slow

BASES = """\
from typing import Any

from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    as_declarative,
    declarative_base,
    mapped_column,
    registry,
)

mapper_registry = registry()
LegacyBase: Any = declarative_base()
GeneratedBase: Any = mapper_registry.generate_base()


class Base(DeclarativeBase):
    pass


@as_declarative()
class AsDeclarativeBase:
    pass


@mapper_registry.mapped
class Tagged:
    __tablename__ = "tagged"

    id: Mapped[int] = mapped_column(primary_key=True)
"""

MODELS = """\
from sqlalchemy import Integer
from sqlalchemy.orm import mapped_column

from models import AsDeclarativeBase, Base, GeneratedBase, LegacyBase, Tagged


class A(Base):
    __tablename__ = "a"
    x = mapped_column(Integer)


class B(LegacyBase):
    __tablename__ = "b"
    x = mapped_column(Integer)


class C(GeneratedBase):
    __tablename__ = "c"
    x = mapped_column(Integer)


class D(AsDeclarativeBase):
    __tablename__ = "d"
    x = mapped_column(Integer)


class E(Tagged):
    x = mapped_column(Integer)
"""

SERVICE = "import repository\n"


def _declarative_project(project: Project) -> Project:
    project.write("models.py", BASES)
    project.write("repository.py", MODELS)
    project.write("service.py", SERVICE)
    return project


def test_subclasses_of_cached_bases_are_checked(
    project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    _declarative_project(project)
    first = project.mypy()
    assert first.stdout.count("[alchemy-unmapped]") == 5, first.stdout

    project.edit(
        "repository.py", "class E(Tagged):\n", "class E(Tagged):\n    y = mapped_column(Integer)\n"
    )
    second = project.mypy("--verbose")

    assert "models" in second.modules_logged("fresh"), "the bases were not read from the cache"
    assert second.report() == cold_mypy(project).report()
    assert second.stdout.count("[alchemy-unmapped]") == 6, second.stdout


def test_dmypy_subclasses_of_cached_bases_are_checked(
    project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    _declarative_project(project)
    project.dmypy_run()
    project.edit("repository.py", "    x = mapped_column(Integer)\n", "    x = mapped_column()\n")
    after = project.dmypy_run()

    assert after.report() == cold_mypy(project).report()
    assert after.stdout.count("[alchemy-unmapped]") == 5, after.stdout
