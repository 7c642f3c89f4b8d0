"""``mypy-async-alchemy stubs [--out DIR] [--check]``: writing, and catching drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mypy_async_alchemy import cli
from mypy_async_alchemy.stubs import PACKAGE, StubPackage, check, write
from mypy_async_alchemy.stubs import package as stub_package_module


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mypy_async_alchemy", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False)


def test_writes_typings_by_default_and_check_passes(tmp_path: Path) -> None:
    done = _cli("stubs", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Wrote typings/sqlalchemy-stubs for SQLAlchemy" in done.stdout
    assert (tmp_path / "typings" / PACKAGE / "py.typed").read_text() == "partial\n"
    done = _cli("stubs", "--check", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "is up to date" in done.stdout


def test_check_fails_when_missing(tmp_path: Path) -> None:
    done = _cli("stubs", "--check", "--out", "elsewhere", cwd=tmp_path)
    assert done.returncode == 1
    assert "elsewhere/sqlalchemy-stubs is missing" in done.stderr
    assert "mypy-async-alchemy stubs --out elsewhere" in done.stderr


def test_check_catches_another_sqlalchemy_version(
    tmp_path: Path, stub_package: StubPackage
) -> None:
    directory = write(stub_package, tmp_path)
    version_file = directory / "VERSION"
    version_file.write_text(
        version_file.read_text().replace(stub_package.sqlalchemy_version, "2.0.0")
    )
    assert check(stub_package, tmp_path) == [
        f"{directory} was generated for SQLAlchemy 2.0.0, "
        f"but SQLAlchemy {stub_package.sqlalchemy_version} is installed"
    ]
    done = _cli("stubs", "--check", "--out", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 1
    assert "generated for SQLAlchemy 2.0.0" in done.stderr


def test_check_catches_an_edited_or_stale_module(
    tmp_path: Path, stub_package: StubPackage
) -> None:
    directory = write(stub_package, tmp_path)
    session = directory / "orm" / "session.pyi"
    session.write_text(session.read_text().replace("@_mypy_async_alchemy_deprecated", "@x", 1))
    (directory / "orm" / "old.pyi").write_text("")
    (directory / "engine" / "base.pyi").unlink()
    assert check(stub_package, tmp_path) == [
        f"{directory / 'orm/session.pyi'} differs from what this version generates",
        f"{directory / 'engine/base.pyi'} is missing",
        f"{directory / 'orm/old.pyi'} is not generated any more",
    ]


def test_regenerating_replaces_the_package(tmp_path: Path, stub_package: StubPackage) -> None:
    directory = write(stub_package, tmp_path)
    (directory / "orm" / "old.pyi").write_text("")
    write(stub_package, tmp_path)
    assert not (directory / "orm" / "old.pyi").exists()
    assert check(stub_package, tmp_path) == []


def test_refuses_to_replace_a_package_it_did_not_write(tmp_path: Path) -> None:
    foreign = tmp_path / PACKAGE
    foreign.mkdir()
    (foreign / "__init__.pyi").write_text("")
    assert cli.main(["stubs", "--out", str(tmp_path)]) == 2
    assert (foreign / "__init__.pyi").exists()
    assert cli.main(["stubs", "--check", "--out", str(tmp_path)]) == 1


def test_a_missing_target_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        stub_package_module,
        "load_targets",
        lambda: [stub_package_module.Target("sqlalchemy.engine.base", "Engine.gone", "m")],
    )
    assert cli.main(["stubs", "--out", str(tmp_path)]) == 2
    assert '"Engine.gone" is not defined in SQLAlchemy' in capsys.readouterr().err
    assert not (tmp_path / PACKAGE).exists()


def test_no_command_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert "stubs" in capsys.readouterr().err
