"""Type-check a batch of generated programs with the plugin: one mypy run per mode.

The programs are the modules of one package (``generated.prog0``...): models in a package's
submodule are the common layout, and the plugin once failed to find their load-state
classes there (``lazy_load_regression_models_in_package`` in
tests/typecheck/loading/test-regressions.yml).

Both modes run at once, each in its own subprocess with its own cache directory: the
plugin's settings are part of every module's cache key (``report_config_data``), so one
directory shared by both modes would be rewritten on every run.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MODES = ("default", "strict")
# The generated models are there to load, not to be model rules' examples: their nullable
# foreign keys under non-optional relationships are not what this test compares.
_CONFIG = (
    "[mypy]\nplugins = mypy_async_alchemy\nshow_error_codes = true\n"
    "disable_error_code = alchemy-nullable, alchemy-dynamic\n"
)
_STRICT = "\n[mypy_async_alchemy]\nstrict = true\n"
_LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+):(?P<end_line>\d+):(?P<end_column>\d+): "
    r"(?P<severity>error|note): (?P<message>.*?)(?:  \[(?P<code>[a-z-]+)\])?$"
)


@dataclass(frozen=True)
class Report:
    """One mypy error (notes are dropped)."""

    module: str
    line: int
    end_column: int
    code: str | None
    message: str


def write_configs(directory: Path) -> dict[str, tuple[Path, Path]]:
    """``{mode: (config file, cache dir)}`` under ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    configs = {}
    for mode in MODES:
        config = directory / f"{mode}.ini"
        config.write_text(_CONFIG + (_STRICT if mode == "strict" else ""))
        configs[mode] = (config, directory / f"cache-{mode}")
    return configs


def start(root: Path, package: str, config: Path, cache: Path) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "mypy",
        "--config-file", str(config),
        "--cache-dir", str(cache),
        "--show-error-end",
        "--no-error-summary",
        "--no-color-output",
        "--no-pretty",
        "-p", package,
    ]  # fmt: skip
    return subprocess.Popen(
        command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen[str]) -> tuple[Report, ...]:
    """The errors of a finished run (notes dropped); a crash or stray output fails."""
    stdout, stderr = process.communicate()
    if process.returncode not in (0, 1) or stderr.strip():
        raise AssertionError(f"mypy failed (exit {process.returncode}):\n{stdout}\n{stderr}")
    reports = []
    for text in stdout.splitlines():
        match = _LINE.match(text)
        if match is None:
            raise AssertionError(f"unexpected mypy output line: {text!r}\n{stdout}")
        if match["severity"] == "note":
            continue
        module = match["path"].removesuffix(".py").replace("/", ".").replace("\\", ".")
        reports.append(
            Report(
                module,
                int(match["line"]),
                int(match["end_column"]),
                match["code"],
                match["message"],
            )
        )
    return tuple(reports)
