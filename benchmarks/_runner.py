"""Running mypy in a subprocess and reading what it printed (shared by the benchmarks).

CPU time is the mypy process's own user+sys time (and its workers'), read from
``getrusage(RUSAGE_CHILDREN)`` before and after: it does not grow when other processes
compete for the cores, unlike wall time.
"""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PLUGIN = "mypy_async_alchemy"
PLUGIN_CODE_PREFIX = "alchemy-"
INTERNAL_ERROR_MARK = "mypy-async-alchemy: internal error"
# mypy's own crash report, and a Python traceback (a plugin exception that escaped).
CRASH_MARKS = ("INTERNAL ERROR", "Traceback (most recent call last)")

_LINE = re.compile(
    r"^(?P<path>[^:\n]+?):(?P<line>\d+)(?::\d+)?: (?P<severity>error|note|warning): "
    r"(?P<message>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$"
)


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    severity: str
    message: str
    code: str | None
    notes: tuple[str, ...] = ()

    @property
    def is_plugin(self) -> bool:
        return self.code is not None and self.code.startswith(PLUGIN_CODE_PREFIX)

    def render(self) -> str:
        code = f"  [{self.code}]" if self.code else ""
        lines = [f"{self.path}:{self.line}: {self.severity}: {self.message}{code}"]
        lines += [f"{self.path}:{self.line}: note: {note}" for note in self.notes]
        return "\n".join(lines)


@dataclass
class Run:
    command: list[str]
    returncode: int
    stdout: str
    stderr: str
    cpu: float
    wall: float
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def plugin_errors(self) -> list[Diagnostic]:
        return [d for d in self.errors() if d.is_plugin]

    def other_errors(self) -> list[Diagnostic]:
        return [d for d in self.errors() if not d.is_plugin]

    def internal_errors(self) -> list[str]:
        lines = (self.stdout + "\n" + self.stderr).splitlines()
        return [line for line in lines if INTERNAL_ERROR_MARK in line] + [
            line for line in lines if any(mark in line for mark in CRASH_MARKS)
        ]

    def report(self) -> list[str]:
        """The diagnostics as text, sorted: runs that print files in another order compare
        equal."""
        return sorted(d.render() for d in self.diagnostics)


def parse(stdout: str) -> list[Diagnostic]:
    """Errors with the notes that follow them on the same line (mypy's own order)."""
    found: list[Diagnostic] = []
    for raw in stdout.splitlines():
        match = _LINE.match(raw)
        if match is None:
            continue
        path, line = match["path"], int(match["line"])
        if (
            match["severity"] == "note"
            and found
            and (found[-1].path, found[-1].line)
            == (
                path,
                line,
            )
        ):
            last = found[-1]
            found[-1] = Diagnostic(
                last.path,
                last.line,
                last.severity,
                last.message,
                last.code,
                (*last.notes, match["message"]),
            )
            continue
        found.append(Diagnostic(path, line, match["severity"], match["message"], match["code"]))
    return found


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without settings that would change mypy's or the plugin's behaviour."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("MYPY_CACHE_DIR", "MYPY_NUM_WORKERS", "MYPY_ASYNC_ALCHEMY_RAISE")
        and not key.startswith("MYPY_FORCE")
    }
    env["PYTHONHASHSEED"] = "0"
    env.update(extra or {})
    return env


def run(
    command: Sequence[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 1800
) -> Run:
    """Run ``command``; CPU time is that of the process and the children it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        list(command),
        cwd=cwd,
        env=env or clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(
        list(command), proc.returncode, proc.stdout, proc.stderr, cpu, wall, parse(proc.stdout)
    )


def write_config(path: Path, plugin: bool, options: dict[str, str]) -> Path:
    """A mypy.ini that differs between the two variants only by the ``plugins`` line."""
    lines = ["[mypy]"] + [f"{key} = {value}" for key, value in options.items()]
    if plugin:
        lines.append(f"plugins = {PLUGIN}")
    path.write_text("\n".join(lines) + "\n")
    return path


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def count_codes(diagnostics: Iterable[Diagnostic]) -> Counter[str]:
    return Counter(d.code or "(no code)" for d in diagnostics)


def format_counts(counts: Counter[str]) -> str:
    return ", ".join(f"{code} {n}" for code, n in sorted(counts.items())) or "none"


def table(rows: list[list[str]], header: list[str]) -> str:
    """A plain-text table, columns padded to their widest cell (first column left-aligned)."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def plugin_snapshot(rev: str, work: Path) -> Path:
    """``src/`` of the plugin at git revision ``rev``, unpacked under ``work``.

    Put it first on ``PYTHONPATH`` to measure that revision whatever the working tree holds
    (the editable install's path comes after ``PYTHONPATH``).
    """
    repo = Path(__file__).resolve().parent.parent
    commit = subprocess.run(
        ["git", "rev-parse", "--short", rev],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    target = work / f"plugin-{commit}"
    if not (target / "src" / PLUGIN).is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", commit, "src"], cwd=repo, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "src"


def plugin_env(plugin_src: Path | None) -> dict[str, str]:
    """The subprocess environment; with ``plugin_src``, that copy of the plugin is used."""
    if plugin_src is None:
        return clean_env()
    path = os.environ.get("PYTHONPATH")
    return clean_env({"PYTHONPATH": f"{plugin_src}{os.pathsep + path if path else ''}"})


# Also compiles the plugin's bytecode, as installing a wheel does: otherwise every measured
# run compiles the plugin's source again where PYTHONDONTWRITEBYTECODE is set (a git
# snapshot, or files edited since the last import), ~0.5-1% of a large project's cold run.
_DESCRIBE_AND_COMPILE = (
    "import compileall, pathlib, mypy_async_alchemy as m; "
    "compileall.compile_dir(pathlib.Path(m.__file__).parent, quiet=1); "
    "print(m.__version__, m.__file__)"
)


def describe_plugin(python: str, env: dict[str, str]) -> str:
    """Where the plugin is imported from, and its version, as ``python`` sees it; its
    bytecode is compiled first."""
    proc = subprocess.run(
        [python, "-c", _DESCRIBE_AND_COMPILE],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    version, _, path = proc.stdout.strip().partition(" ")
    return f"mypy-async-alchemy {version} from {Path(path).parent}" if path else proc.stderr


def save_output(run_: Run, directory: Path, name: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    (directory / f"{slug}.out").write_text(run_.stdout)
    (directory / f"{slug}.err").write_text(run_.stderr)
