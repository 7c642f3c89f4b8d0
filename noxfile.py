"""Test matrix, lint and self-typecheck: ``nox`` runs them all, ``nox -s lint`` one.

``tests`` covers both ends of what pyproject.toml supports: the lowest mypy on the lowest
Python, the newest mypy on the newest Python, each against SQLAlchemy 2.0 and 2.1. Every
session installs the project from a built wheel into a fresh virtualenv, so a file missing
from the package fails here too.

The interpreters are looked up as ``python3.10`` and ``python3.13``; with pyenv, make them
visible first (``.ci/run`` does): ``PYENV_VERSION=3.11.7:3.10.13:3.13.0 nox``.
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "uv|venv"
nox.options.reuse_existing_virtualenvs = False
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["lint", "typecheck", "tests"]

LOWEST_PYTHON = "3.10"
NEWEST_PYTHON = "3.13"
# Keep LOWEST_MYPY equal to the lower bound of "mypy" in pyproject.toml (see the comment
# there for why it is that version). Bump NEWEST_MYPY when mypy releases a minor version.
LOWEST_MYPY = "1.19.1"
NEWEST_MYPY = "2.4.*"
SQLALCHEMY_VERSIONS = {"sa20": "2.0.*", "sa21": "2.1.*"}
# The serialization and worker-thread cases at the lowest end: the lowest Pydantic the plugin
# supports, with the first FastAPI whose signatures type-check the worker-thread cases
# (0.111 types add_api_route's endpoint as a coroutine function) and that allows it.
LOWEST_PYDANTIC = "2.0.3"
LOWEST_FASTAPI = "0.112.*"
# ruff's minor releases change rules and formatting: move to a new one deliberately.
RUFF = "ruff==0.17.*"

_PRINT_VERSIONS = (
    "import sys, mypy.version, sqlalchemy, pydantic, fastapi; "
    "print('python', sys.version.split()[0], 'mypy', mypy.version.__version__, "
    "'sqlalchemy', sqlalchemy.__version__, 'pydantic', pydantic.VERSION, "
    "'fastapi', fastapi.__version__)"
)

MYPY_ENDS = [
    ("lowest", LOWEST_PYTHON, LOWEST_MYPY),
    ("newest", NEWEST_PYTHON, NEWEST_MYPY),
]
_PINS = {
    LOWEST_MYPY: [f"pydantic=={LOWEST_PYDANTIC}", f"fastapi=={LOWEST_FASTAPI}"],
    NEWEST_MYPY: [],
}


@nox.session
@nox.parametrize(
    ("python", "mypy", "sqlalchemy"),
    [
        (python, mypy, sqlalchemy)
        for _, python, mypy in MYPY_ENDS
        for sqlalchemy in SQLALCHEMY_VERSIONS.values()
    ],
    ids=[f"{end}-mypy-{sa}" for end, _, _ in MYPY_ENDS for sa in SQLALCHEMY_VERSIONS],
)
def tests(session: nox.Session, mypy: str, sqlalchemy: str) -> None:
    """The whole pytest suite against one end of the support matrix."""
    session.install(".[test]", f"mypy=={mypy}", f"sqlalchemy=={sqlalchemy}", *_PINS[mypy])
    session.run("python", "-c", _PRINT_VERSIONS)
    # pytest-mypy-plugins' mypy caches: one directory per session, none shared across mypys.
    cache = f"--mypy-testing-base={session.create_tmp()}"
    session.run("python", "-m", "pytest", "-n", "auto", cache, *session.posargs)


@nox.session(python=LOWEST_PYTHON)
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting."""
    session.install(RUFF)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=LOWEST_PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict with mypy's proper_plugin over the plugin's own code ([tool.mypy])."""
    session.install(".", f"mypy=={NEWEST_MYPY}")
    session.run("mypy")
