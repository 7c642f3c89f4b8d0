"""Shared fixtures: the generated stubs, and pyright/mypy runs without and with them.

Each checker runs once per session (per xdist worker) over two copies of the same project.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from stub_checkers import (
    REQUIRE_PYRIGHT_ENV,
    Diagnostic,
    make_project,
    pyright_unavailable,
    run_mypy,
    run_pyright,
)
from stub_probes import probe_source

from mypy_async_alchemy.stubs import StubPackage, build


@dataclass(frozen=True)
class Projects:
    without: Path
    with_stubs: Path
    probes: str
    probe_count: int


@dataclass(frozen=True)
class PyrightRuns:
    without: list[Diagnostic]
    with_stubs: list[Diagnostic]


@dataclass(frozen=True)
class MypyRuns:
    without: list[str]
    with_stubs: list[str]
    # With the stubs and mypy's own "deprecated" code on: shows that mypy read them.
    with_stubs_deprecated: list[str]


@pytest.fixture(scope="session")
def stub_package() -> StubPackage:
    return build()


@pytest.fixture(scope="session")
def projects(tmp_path_factory: pytest.TempPathFactory, stub_package: StubPackage) -> Projects:
    probes, count = probe_source()
    root = tmp_path_factory.mktemp("stub-projects")
    return Projects(
        without=make_project(root / "without", probes, None),
        with_stubs=make_project(root / "with", probes, dict(stub_package.files)),
        probes=probes,
        probe_count=count,
    )


@pytest.fixture(scope="session")
def pyright_runs(projects: Projects) -> PyrightRuns:
    reason = pyright_unavailable()
    if reason is not None:
        if os.environ.get(REQUIRE_PYRIGHT_ENV):
            pytest.fail(f"{REQUIRE_PYRIGHT_ENV} is set but {reason}")
        pytest.skip(reason)
    with ThreadPoolExecutor() as pool:
        without = pool.submit(run_pyright, projects.without)
        with_stubs = pool.submit(run_pyright, projects.with_stubs)
        return PyrightRuns(without.result(), with_stubs.result())


@pytest.fixture(scope="session")
def mypy_runs(projects: Projects) -> MypyRuns:
    deprecated = ("--enable-error-code", "deprecated")
    with ThreadPoolExecutor() as pool:
        without = pool.submit(run_mypy, projects.without, with_stubs=False)
        with_stubs = pool.submit(run_mypy, projects.with_stubs, with_stubs=True)
        with_deprecated = pool.submit(
            run_mypy, projects.with_stubs, with_stubs=True, extra=deprecated
        )
        return MypyRuns(without.result(), with_stubs.result(), with_deprecated.result())
