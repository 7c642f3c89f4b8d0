"""Run pyright and mypy over a project directory and parse what they report.

A project is a temporary directory holding ``sample_app/`` (copied from here, plus generated
probes) and, for the runs "with stubs", ``typings/sqlalchemy-stubs`` where pyright looks
without configuration. mypy never looks in ``typings/``: to show that the stubs are harmless
to it too, the runs "with stubs" put that directory on PYTHONPATH, where mypy finds stub
packages.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from stub_probes import PROBES_FILE

import mypy_async_alchemy

HERE = Path(__file__).parent
SAMPLE_APP = "sample_app"
# CI sets this so that a pyright that cannot run fails the suite instead of skipping it.
REQUIRE_PYRIGHT_ENV = "MYPY_ASYNC_ALCHEMY_REQUIRE_PYRIGHT"
DEPRECATION_SUFFIX = "(mypy-async-alchemy)"
_TYPE_VAR_ID = re.compile(r"`-?\d+")
_PLUGIN_ROOT = str(Path(mypy_async_alchemy.__file__).resolve().parent.parent)
_PYRIGHT = [sys.executable, "-m", "pyright"]
_MYPY_INI = """\
[mypy]
plugins = mypy_async_alchemy
strict = true
show_error_codes = true
"""


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One pyright diagnostic; ``line``/``column`` 1-based, ``name`` the word it points at."""

    file: str
    line: int
    column: int
    severity: str
    rule: str
    message: str
    name: str


def pyright_unavailable() -> str | None:
    """Why pyright cannot run here (None: it can)."""
    if find_spec("pyright") is None:
        return "the pyright package is not installed (pip install pyright)"
    try:
        done = subprocess.run(
            [*_PYRIGHT, "--version"], capture_output=True, text=True, timeout=600, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"pyright cannot run: {exc}"
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return "pyright cannot run (it needs Node.js): " + " / ".join(tail)
    return None


def make_project(root: Path, probes: str, stubs: dict[str, str] | None) -> Path:
    """``root`` with the sample app, the generated probes and (optionally) the stubs."""
    shutil.copytree(HERE / SAMPLE_APP, root / SAMPLE_APP)
    (root / SAMPLE_APP / PROBES_FILE).write_text(probes, encoding="utf-8")
    config = {
        "include": [SAMPLE_APP],
        "typeCheckingMode": "strict",
        "reportDeprecated": "error",
        # Also resolvable when the plugin is installed in editable mode through an import hook.
        "extraPaths": [_PLUGIN_ROOT],
    }
    (root / "pyrightconfig.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    (root / "mypy.ini").write_text(_MYPY_INI, encoding="utf-8")
    if stubs is not None:
        for relative, text in stubs.items():
            path = root / "typings" / "sqlalchemy-stubs" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root


def run_pyright(project: Path) -> list[Diagnostic]:
    done = subprocess.run(
        [*_PYRIGHT, "--outputjson", "--pythonpath", sys.executable, "-p", str(project)],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=900,
        check=False,
    )
    assert done.returncode in (0, 1), done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads(done.stdout)
    sources: dict[str, list[str]] = {}
    diagnostics = []
    for item in report["generalDiagnostics"]:
        path = Path(item["file"])
        relative = path.relative_to(project).as_posix()
        if relative not in sources:
            sources[relative] = path.read_text(encoding="utf-8").splitlines()
        start = item["range"]["start"]
        line, column = start["line"] + 1, start["character"] + 1
        diagnostics.append(
            Diagnostic(
                relative,
                line,
                column,
                item["severity"],
                item.get("rule", ""),
                item["message"],
                _word_at(sources[relative], line, column),
            )
        )
    return sorted(diagnostics)


def _word_at(lines: list[str], line: int, column: int) -> str:
    match = re.match(r"\w*", lines[line - 1][column - 1 :])
    return match.group(0) if match else ""


def run_mypy(project: Path, *, with_stubs: bool, extra: tuple[str, ...] = ()) -> list[str]:
    """mypy with the plugin over the sample app: its output lines, sorted."""
    env = dict(os.environ)
    if with_stubs:
        paths = [str(project / "typings"), env.get("PYTHONPATH", "")]
        env["PYTHONPATH"] = os.pathsep.join(path for path in paths if path)
    # One cache per configuration: the runs go in parallel.
    cache = project / ".mypy_cache" / ("-".join(["stubs" if with_stubs else "plain", *extra]))
    command = [sys.executable, "-m", "mypy", "--config-file", "mypy.ini"]
    command += ["--cache-dir", str(cache), "--no-error-summary", *extra, "-p", SAMPLE_APP]
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=project, env=env, timeout=900, check=False
    )
    assert done.returncode in (0, 1), done.stdout[-2000:] + done.stderr[-2000:]
    # Older mypy versions print type variable ids (_T`16610), numbered in analysis order.
    return sorted(_TYPE_VAR_ID.sub("`", line) for line in done.stdout.splitlines())


def expected_deprecations(project: Path) -> list[tuple[str, int, str]]:
    """``(file, line, name)`` for every ``# deprecated: a, b`` marker in the sample app."""
    expected = []
    for path in sorted((project / SAMPLE_APP).glob("*.py")):
        relative = path.relative_to(project).as_posix()
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            _, marker, names = text.partition("# deprecated: ")
            if marker:
                expected.extend((relative, number, name.strip()) for name in names.split(","))
    return sorted(expected)
