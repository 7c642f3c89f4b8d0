"""The target list (``targets.toml``): which SQLAlchemy definitions the stubs deprecate."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, Final

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_PACKAGE: Final = "mypy_async_alchemy.stubs"
TARGETS_FILE: Final = "targets.toml"


class StubsError(Exception):
    """A problem that stops the generator, worded for the user."""


@dataclass(frozen=True)
class Target:
    """One definition to deprecate: ``Session.query`` in ``sqlalchemy.orm.session``."""

    module: str
    qualname: str
    message: str


def read_targets_text() -> str:
    """The packaged target list, as text."""
    return files(_PACKAGE).joinpath(TARGETS_FILE).read_text(encoding="utf-8")


def load_targets(text: str | None = None) -> tuple[Target, ...]:
    """Parse the target list (the packaged one unless ``text`` is given)."""
    source = read_targets_text() if text is None else text
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise StubsError(f"{TARGETS_FILE}: {exc}") from None
    messages = _table(data.get("messages"), "[messages]")
    targets: list[Target] = []
    for index, entry in enumerate(_entries(data.get("target"))):
        where = f"[[target]] #{index + 1}"
        module = _string(entry.get("module"), f"{where} module")
        message = _string(entry.get("message"), f"{where} message")
        if message not in messages:
            raise StubsError(f'{TARGETS_FILE}: {where} names unknown message "{message}"')
        names = entry.get("names")
        if not isinstance(names, list) or not names:
            raise StubsError(f"{TARGETS_FILE}: {where} names must be a non-empty list")
        for name in names:
            qualname = _string(name, f"{where} names")
            text_of = _string(messages[message], f"[messages] {message}")
            targets.append(Target(module, qualname, text_of))
    if not targets:
        raise StubsError(f"{TARGETS_FILE}: no [[target]] entries")
    return tuple(targets)


def _table(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise StubsError(f"{TARGETS_FILE}: {where} must be a table")
    return value


def _entries(value: object) -> list[Mapping[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise StubsError(f"{TARGETS_FILE}: [[target]] entries are missing")
    return value


def _string(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise StubsError(f"{TARGETS_FILE}: {where} must be a non-empty string")
    return value
