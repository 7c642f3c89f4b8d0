"""The ``mypy-async-alchemy`` command: ``stubs [--out DIR] [--check]``, ``--version``.

Exit status: 0 done (or up to date), 1 ``--check`` found the stubs missing or stale,
2 bad usage or the stubs cannot be generated for the installed SQLAlchemy.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mypy_async_alchemy import __version__, stubs

_PROG = "mypy-async-alchemy"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command != "stubs":
        parser.print_help(sys.stderr)
        return 2
    return _stubs(args.out, check=args.check)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG, description="Tools that go with the mypy-async-alchemy plugin."
    )
    parser.add_argument("--version", action="version", version=f"{_PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    command = commands.add_parser(
        "stubs",
        help="write SQLAlchemy stubs that show the sync-API rules in pyright and Pylance",
        description=(
            "Write a partial stub package, sqlalchemy-stubs, for the installed SQLAlchemy: "
            "its sync APIs are marked @deprecated, every other type is unchanged. Pyright "
            "and Pylance read it from typings/ without configuration."
        ),
    )
    command.add_argument(
        "--out",
        type=Path,
        default=stubs.DEFAULT_OUT,
        metavar="DIR",
        help=f"directory to write {stubs.PACKAGE}/ into (default: {stubs.DEFAULT_OUT})",
    )
    command.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the stubs are missing or were generated differently "
        "(another SQLAlchemy version, another target list)",
    )
    return parser


def _stubs(out: Path, *, check: bool) -> int:
    try:
        package = stubs.build()
        return _check(package, out) if check else _write(package, out)
    except stubs.StubsError as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)
        return 2


def _write(package: stubs.StubPackage, out: Path) -> int:
    directory = stubs.write(package, out)
    modules = sum(name.endswith(".pyi") for name in package.files)
    print(
        f"Wrote {directory} for SQLAlchemy {package.sqlalchemy_version}: "
        f"{package.decorators} definitions marked @deprecated in {modules} modules"
    )
    return 0


def _check(package: stubs.StubPackage, out: Path) -> int:
    problems = stubs.check(package, out)
    for problem in problems:
        print(f"{_PROG}: {problem}", file=sys.stderr)
    if problems:
        print(f"Run `{_PROG} stubs --out {out}` to regenerate them", file=sys.stderr)
        return 1
    print(f"{out / stubs.PACKAGE} is up to date for SQLAlchemy {package.sqlalchemy_version}")
    return 0
