"""The plugin's configuration: ``[tool.mypy_async_alchemy]`` or ``[mypy_async_alchemy]``.

Parsed once when mypy loads the plugin. A bad key or value stops mypy with one message that
names the key, the file and what is accepted.
"""

from __future__ import annotations

import configparser
import sys
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Final

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

SECTION: Final = "mypy_async_alchemy"
TOML_TABLE: Final = ("tool", SECTION)
_BOOL_WORDS: Final = {
    "true": True, "yes": True, "on": True, "1": True,
    "false": False, "no": False, "off": False, "0": False,
}  # fmt: skip


class ConfigError(Exception):
    """A configuration problem, worded for the user."""


@dataclass(frozen=True)
class Config:
    """Settings that change what the plugin reports."""

    # Count objects whose load state is not proven as having nothing loaded.
    strict: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def load(cls, config_file: str | None) -> Config:
        """Read the plugin's section from mypy's config file (none: the defaults)."""
        if config_file is None:
            return cls()
        path = Path(config_file)
        if not path.is_file():
            return cls()
        if path.suffix == ".toml":
            return cls.from_mapping(_read_toml(path), path, f"[tool.{SECTION}]", words=False)
        return cls.from_mapping(_read_ini(path), path, f"[{SECTION}]", words=True)

    @classmethod
    def from_mapping(
        cls, raw: Mapping[str, object], path: Path, section: str, *, words: bool = True
    ) -> Config:
        """Validate ``raw``; ``words``: accept ini spellings such as ``yes``/``off``."""
        known = {f.name for f in fields(cls)}
        values: dict[str, bool] = {}
        for key, value in raw.items():
            if key not in known:
                raise ConfigError(
                    f'{path}: unknown key "{key}" in {section}; accepted keys: '
                    + ", ".join(sorted(known))
                )
            values[key] = _parse_bool(key, value, path, section, words=words)
        return cls(**values)


def _parse_bool(key: str, value: object, path: Path, section: str, *, words: bool) -> bool:
    if isinstance(value, bool):
        return value
    if words and isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
        return _BOOL_WORDS[value.strip().lower()]
    raise ConfigError(f'{path}: "{key}" in {section} must be true or false, not {value!r}')


def _read_toml(path: Path) -> Mapping[str, object]:
    with path.open("rb") as handle:
        data: Any = tomllib.load(handle)
    for part in TOML_TABLE:
        if not isinstance(data, dict):
            return {}
        data = data.get(part, {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.{SECTION}] must be a table")
    return data


def _read_ini(path: Path) -> Mapping[str, object]:
    parser = configparser.ConfigParser()
    parser.read(path)
    if not parser.has_section(SECTION):
        return {}
    return dict(parser.items(SECTION))
