"""The plugin's configuration: ``[tool.mypy_async_alchemy]`` or ``[mypy_async_alchemy]``.

Parsed once when mypy loads the plugin. A bad key or value, or the section spelt with
hyphens (``[tool.mypy-async-alchemy]``), stops mypy with one message that names the file,
what is wrong and what is accepted.
"""

from __future__ import annotations

import configparser
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Final

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

SECTION: Final = "mypy_async_alchemy"
TOML_TABLE: Final = ("tool", SECTION)
# mypy's own per-module ini sections: [mypy-app.models.*,scripts]. A module name has no
# hyphen: [mypy-async_alchemy] is mypy's section for a module "async_alchemy", while
# [mypy-async-alchemy] can only be the plugin's section, misspelt.
_MYPY_MODULE_SECTION: Final = re.compile(r"mypy-[\w.*,\s]+")
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
    # What sessions whose origin the plugin cannot see do at commit (None: not declared;
    # strict mode then assumes SQLAlchemy's default, true).
    expire_on_commit: bool | None = None

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
        values: dict[str, Any] = {}
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


def _refuse_misspelt(path: Path, names: Iterable[str], header: str) -> None:
    """Stop on a section that is the plugin's but for hyphens or case (a silent default)."""
    for name in names:
        if name != SECTION and name.replace("-", "_").lower() == SECTION:
            raise ConfigError(
                f"{path}: unknown section {header.format(name)}; "
                f"the plugin reads {header.format(SECTION)}"
            )


def _read_toml(path: Path) -> Mapping[str, object]:
    with path.open("rb") as handle:
        data: Any = tomllib.load(handle)
    tool = data.get(TOML_TABLE[0])
    if isinstance(tool, dict):
        _refuse_misspelt(path, tool, "[tool.{}]")
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
    _refuse_misspelt(
        path,
        (name for name in parser.sections() if not _MYPY_MODULE_SECTION.fullmatch(name)),
        "[{}]",
    )
    if not parser.has_section(SECTION):
        return {}
    return dict(parser.items(SECTION))
