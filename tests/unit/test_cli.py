"""The ``mypy-async-alchemy`` command line outside ``stubs`` (tests/stubs covers that)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import mypy_async_alchemy
from mypy_async_alchemy import cli

VERSION_LINE = f"mypy-async-alchemy {mypy_async_alchemy.__version__}\n"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr() == (VERSION_LINE, "")


def test_version_from_python_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy_async_alchemy", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, VERSION_LINE, "")


def test_no_command_prints_usage_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "--version" in err
    assert "stubs" in err
