"""The plugin's configuration: ``[tool.mypy_async_alchemy]`` or ``[mypy_async_alchemy]``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pytest

from mypy_async_alchemy import messages
from mypy_async_alchemy.config import SECTION, Config, ConfigError

ACCEPTED_KEYS = sorted(field.name for field in fields(Config))

# (directory, body of the plugin section) -> the written config file
Writer = Callable[[Path, str], Path]


def _write_toml(directory: Path, body: str) -> Path:
    path = directory / "pyproject.toml"
    path.write_text(f'[tool.mypy]\nplugins = ["{SECTION}"]\n\n[tool.{SECTION}]\n{body}\n')
    return path


def _write_ini(name: str) -> Writer:
    def write(directory: Path, body: str) -> Path:
        path = directory / name
        path.write_text(f"[mypy]\nplugins = {SECTION}\n\n[{SECTION}]\n{body}\n")
        return path

    return write


WRITERS = {
    "pyproject.toml": _write_toml,
    "mypy.ini": _write_ini("mypy.ini"),
    "setup.cfg": _write_ini("setup.cfg"),
}
INI_WRITERS = {name: writer for name, writer in WRITERS.items() if name != "pyproject.toml"}


def _section_header(path: Path) -> str:
    return f"[tool.{SECTION}]" if path.suffix == ".toml" else f"[{SECTION}]"


@pytest.fixture(params=sorted(WRITERS))
def write_config(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], Path]:
    writer = WRITERS[request.param]
    return lambda body: writer(tmp_path, body)


# --- defaults ------------------------------------------------------------------------------


def test_default_is_not_strict() -> None:
    assert Config().strict is False


def test_no_config_file_gives_defaults() -> None:
    assert Config.load(None) == Config()


def test_missing_config_file_gives_defaults(tmp_path: Path) -> None:
    assert Config.load(str(tmp_path / "mypy.ini")) == Config()


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_file_without_the_section_gives_defaults(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name == "pyproject.toml":
        path.write_text('[tool.mypy]\nstrict = true\n\n[tool.other]\nstrict = "x"\n')
    else:
        path.write_text("[mypy]\nstrict = true\n\n[other]\nstrict = x\n")
    assert Config.load(str(path)) == Config()


def test_empty_section_gives_defaults(write_config: Callable[[str], Path]) -> None:
    assert Config.load(str(write_config(""))) == Config()


# --- strict --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [True, False])
def test_strict(write_config: Callable[[str], Path], value: bool) -> None:
    path = write_config(f"strict = {str(value).lower()}")
    assert Config.load(str(path)).strict is value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("True", True),
        ("yes", True),
        ("on", True),
        ("1", True),
        ("FALSE", False),
        ("no", False),
        ("off", False),
        ("0", False),
    ],
)
@pytest.mark.parametrize("name", sorted(INI_WRITERS))
def test_strict_ini_words(tmp_path: Path, name: str, word: str, value: bool) -> None:
    """The words mypy's own ini parser accepts for booleans."""
    path = INI_WRITERS[name](tmp_path, f"strict = {word}")
    assert Config.load(str(path)).strict is value


# --- expire_on_commit ----------------------------------------------------------------------


def test_expire_on_commit_is_not_set_by_default() -> None:
    assert Config().expire_on_commit is None


@pytest.mark.parametrize("value", [True, False])
@pytest.mark.parametrize("name", sorted(WRITERS))
def test_expire_on_commit(tmp_path: Path, name: str, value: bool) -> None:
    path = WRITERS[name](tmp_path, f"expire_on_commit = {str(value).lower()}")
    assert Config.load(str(path)) == Config(expire_on_commit=value)


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_expire_on_commit_wrong_value(tmp_path: Path, name: str) -> None:
    path = WRITERS[name](tmp_path, 'expire_on_commit = "never"')
    with pytest.raises(ConfigError, match=r'"expire_on_commit" .* must be true or false'):
        Config.load(str(path))


def test_to_json_is_json_and_round_trips() -> None:
    # report_config_data() puts it in mypy's cache metadata: it must survive JSON.
    for config in (Config(strict=True), Config(strict=False), Config(expire_on_commit=False)):
        data = json.loads(json.dumps(config.to_json()))
        assert Config(**data) == config


def test_to_json_differs_between_settings() -> None:
    # Otherwise changing the setting would not invalidate mypy's cache.
    assert Config(strict=True).to_json() != Config(strict=False).to_json()
    assert Config(expire_on_commit=True).to_json() != Config().to_json()


# --- errors --------------------------------------------------------------------------------


def test_unknown_key(write_config: Callable[[str], Path]) -> None:
    path = write_config("strictt = true")
    with pytest.raises(ConfigError) as raised:
        Config.load(str(path))
    message = str(raised.value)
    assert '"strictt"' in message
    assert str(path) in message
    assert _section_header(path) in message
    assert all(key in message for key in ACCEPTED_KEYS)


@pytest.mark.parametrize(
    ("name", "body", "shown"),
    [
        ("pyproject.toml", 'strict = "maybe"', "'maybe'"),
        ("pyproject.toml", "strict = 1", "1"),
        ("pyproject.toml", "strict = [true]", "[True]"),
        ("mypy.ini", "strict = maybe", "'maybe'"),
        ("setup.cfg", "strict = 2", "'2'"),
    ],
)
def test_wrong_value_type(tmp_path: Path, name: str, body: str, shown: str) -> None:
    path = WRITERS[name](tmp_path, body)
    with pytest.raises(ConfigError) as raised:
        Config.load(str(path))
    message = str(raised.value)
    assert '"strict"' in message
    assert str(path) in message
    assert _section_header(path) in message
    assert "true or false" in message
    assert message.endswith(shown)


def test_toml_section_that_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool]\n{SECTION} = true\n")
    with pytest.raises(ConfigError, match=r"must be a table") as raised:
        Config.load(str(path))
    assert str(path) in str(raised.value)


# --- misspelt sections ---------------------------------------------------------------------
# The tool's name has hyphens, the section's underscores: a hyphenated section would be read
# by nobody, and strict mode silently lost.


@pytest.mark.parametrize(
    ("name", "header", "right"),
    [
        ("pyproject.toml", "[tool.mypy-async-alchemy]", "[tool.mypy_async_alchemy]"),
        ("pyproject.toml", "[tool.mypy_async-alchemy]", "[tool.mypy_async_alchemy]"),
        ("pyproject.toml", "[tool.Mypy_Async_Alchemy]", "[tool.mypy_async_alchemy]"),
        ("mypy.ini", "[mypy-async-alchemy]", "[mypy_async_alchemy]"),
        ("mypy.ini", "[mypy_async-alchemy]", "[mypy_async_alchemy]"),
        ("setup.cfg", "[mypy-async-alchemy]", "[mypy_async_alchemy]"),
    ],
)
def test_misspelt_section(tmp_path: Path, name: str, header: str, right: str) -> None:
    path = tmp_path / name
    path.write_text(f"{header}\nstrict = true\n")
    with pytest.raises(ConfigError) as raised:
        Config.load(str(path))
    message = str(raised.value)
    assert message == f"{path}: unknown section {header}; the plugin reads {right}"


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_misspelt_section_next_to_the_right_one(tmp_path: Path, name: str) -> None:
    path = WRITERS[name](tmp_path, "strict = true")
    misspelt = "[tool.mypy-async-alchemy]" if name == "pyproject.toml" else "[mypy-async-alchemy]"
    path.write_text(path.read_text() + f"\n{misspelt}\nstrict = false\n")
    with pytest.raises(ConfigError, match=re.escape(misspelt)):
        Config.load(str(path))


@pytest.mark.parametrize("name", sorted(INI_WRITERS))
def test_mypy_module_section_is_not_a_misspelling(tmp_path: Path, name: str) -> None:
    # [mypy-<pattern>] is mypy's per-module section: a module may be called async_alchemy.
    path = INI_WRITERS[name](tmp_path, "strict = true")
    path.write_text(path.read_text() + "\n[mypy-async_alchemy]\nignore_errors = true\n")
    assert Config.load(str(path)).strict is True


def test_unrelated_toml_tool_table_is_not_a_misspelling(tmp_path: Path) -> None:
    path = _write_toml(tmp_path, "strict = true")
    path.write_text(path.read_text() + '\n[tool.mypy-other]\nstrict = "x"\n')
    assert Config.load(str(path)).strict is True


# --- end to end ----------------------------------------------------------------------------


def _run_mypy(directory: Path, config: Path) -> subprocess.CompletedProcess[str]:
    (directory / "module.py").write_text("x: int = 1\n")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            config.name,
            "--cache-dir",
            str(directory / "cache"),
            "module.py",
        ],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_mypy_stops_on_bad_config_with_one_message(tmp_path: Path) -> None:
    config = _write_ini("mypy.ini")(tmp_path, "strictt = true")
    result = _run_mypy(tmp_path, config)
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(messages.CONFIG_ERROR_PREFIX)
    assert '"strictt"' in lines[0]
    assert "mypy.ini" in lines[0]
    assert all(key in lines[0] for key in ACCEPTED_KEYS)


@pytest.mark.parametrize(
    ("name", "header", "right"),
    [
        ("pyproject.toml", "[tool.mypy-async-alchemy]", "[tool.mypy_async_alchemy]"),
        ("mypy.ini", "[mypy-async-alchemy]", "[mypy_async_alchemy]"),
    ],
)
def test_mypy_stops_on_misspelt_section(
    tmp_path: Path, name: str, header: str, right: str
) -> None:
    config = WRITERS[name](tmp_path, "")
    config.write_text(config.read_text() + f"\n{header}\nstrict = true\n")
    result = _run_mypy(tmp_path, config)
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert result.stderr == (
        f"{messages.CONFIG_ERROR_PREFIX}{name}: unknown section {header}; "
        f"the plugin reads {right}\n"
    )


@pytest.mark.parametrize("name", ["pyproject.toml", "mypy.ini"])
def test_mypy_runs_with_good_config(tmp_path: Path, name: str) -> None:
    # The counterpart of the bad-config run: a valid section does not stop mypy.
    config = WRITERS[name](tmp_path, "strict = true")
    result = _run_mypy(tmp_path, config)
    assert (result.returncode, result.stderr) == (0, ""), result
    assert result.stdout.startswith("Success:")
