"""The plugin on public async-SQLAlchemy packages from PyPI: crashes, findings, cost.

    python benchmarks/public_codebases.py [NAME ...] [--reps 1] [--no-dmypy] [--list]

For each codebase (pinned below) the wheel is downloaded with ``pip download --no-deps``
into ``benchmarks/.work/wheels``, unpacked into ``benchmarks/.work/src/<name>``, and
checked with mypy from a dedicated virtualenv, ``benchmarks/.work/venv-public``, that the
script creates: the same mypy and SQLAlchemy as the running interpreter, this repository's
plugin (editable), and what the codebases import (``DEPENDENCIES``). The codebases are not
installed: mypy reads them from their unpacked source.

mypy runs from the unpacked directory with ``--config-file`` (a generated ``mypy.ini``:
``follow_imports = silent``, ``ignore_missing_imports = True``, and ``plugins =
mypy_async_alchemy`` or not), so no configuration of the codebase is read. Runs: without
the plugin cold and warm, with the plugin cold and warm, with the plugin and
``--num-workers 2`` (cold), and through dmypy (``dmypy run``, cold; dmypy refuses
``follow_imports = silent``, so it runs with ``normal`` and only the targets' diagnostics
are compared; the daemon's CPU time is not measured). Printed per codebase:
the plugin's diagnostics by code, internal errors and crashes (must be 0), mypy's other
errors with and without the plugin (must be equal), the CPU-time ratio plugin/no plugin
cold and warm, and whether all plugin runs printed the same report.

Every plugin diagnostic is written to ``benchmarks/results/<name>.txt``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import shutil
import subprocess
import sys
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import _runner
import instructions
from _runner import Run, count_codes, format_counts, median, table

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / ".work"
RESULTS = HERE / "results"
VENV = WORK / "venv-public"


@dataclass(frozen=True)
class Codebase:
    name: str  # the results file's name
    requirement: str  # pinned PyPI requirement
    targets: tuple[str, ...]  # paths inside the unpacked wheel that mypy checks
    slow: bool = False  # checked only when named or with --all


CODEBASES = (
    Codebase("advanced-alchemy", "advanced-alchemy==1.12.0", ("advanced_alchemy",)),
    Codebase(
        "fastapi-users-db-sqlalchemy",
        "fastapi-users-db-sqlalchemy==7.0.0",
        ("fastapi_users_db_sqlalchemy",),
    ),
    Codebase("sqladmin", "sqladmin==0.32.0", ("sqladmin",)),
    # A cold mypy run takes over a minute of CPU on sqlmodel alone (with or without the
    # plugin): its generated select() overloads. Opt-in.
    Codebase("sqlmodel", "sqlmodel==0.0.50", ("sqlmodel",), slow=True),
    Codebase("fastcrud", "fastcrud==0.23.0", ("fastcrud",)),
    Codebase("sqlalchemy-crud-plus", "sqlalchemy-crud-plus==1.13.3", ("sqlalchemy_crud_plus",)),
    Codebase(
        "fastapi-pagination",
        "fastapi-pagination==0.16.1",
        ("fastapi_pagination/ext/sqlalchemy.py", "fastapi_pagination/ext/sqlmodel.py"),
    ),
    Codebase(
        "sqlalchemy-mixins-async", "sqlalchemy-mixins-async==3.0.0", ("sqlalchemy_mixins_async",)
    ),
    Codebase("fastapi-sqla", "fastapi-sqla==4.0.1", ("fastapi_sqla",)),
    Codebase(
        "fastapi-async-sqlalchemy",
        "fastapi-async-sqlalchemy==0.7.1.post3",
        ("fastapi_async_sqlalchemy",),
    ),
)

# What the codebases import, pinned (a resolution that satisfies their requirements, except
# fastapi-users-db-sqlalchemy's "sqlalchemy<2.1": the point is to check with SQLAlchemy 2.1).
DEPENDENCIES = (
    "aiosqlite==0.22.1",
    "alembic==1.20.1",
    "deprecated==1.3.1",
    "fastapi==0.141.1",
    "fastapi-users==15.0.5",
    "greenlet==3.5.6",
    "jinja2==3.1.6",
    "pydantic==2.14.4",
    "python-multipart==0.0.34",
    "sqlalchemy-utils==0.41.2",
    "starlette==1.10.0",
    "structlog==26.1.0",
    "typing-extensions==4.16.0",
    "wtforms==3.2.2",
)
MYPY_OPTIONS = {"follow_imports": "silent", "ignore_missing_imports": "True"}


def _quiet(command: list[str]) -> None:
    """Run a setup command; show its output only if it fails."""
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{proc.stdout}{proc.stderr}")


def _venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_venv() -> None:
    """Create the virtualenv once; reinstall when the pins change (a stamp file says)."""
    pins = [
        f"mypy=={importlib.metadata.version('mypy')}",
        f"sqlalchemy=={importlib.metadata.version('sqlalchemy')}",
        *DEPENDENCIES,
    ]
    stamp = VENV / "pins.txt"
    if stamp.exists() and stamp.read_text() == "\n".join(pins):
        return
    shutil.rmtree(VENV, ignore_errors=True)
    print(f"creating {VENV.relative_to(REPO)} ...", flush=True)
    _quiet([sys.executable, "-m", "venv", str(VENV)])
    pip = [str(_venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _quiet([*pip, *pins])
    _quiet([*pip, "--no-deps", "-e", str(REPO)])
    stamp.write_text("\n".join(pins))


def fetch(codebase: Codebase) -> Path:
    """Download the pinned wheel (once) and unpack it (fresh every time)."""
    wheels = WORK / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    name, _, version = codebase.requirement.partition("==")
    stem = f"{name.replace('-', '_')}-{version}-"
    found = [w for w in wheels.glob("*.whl") if w.name.lower().startswith(stem.lower())]
    if not found:
        _quiet(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary",
                ":all:",
                "-d",
                str(wheels),
                codebase.requirement,
            ]
        )
        found = [w for w in wheels.glob("*.whl") if w.name.lower().startswith(stem.lower())]
    source = WORK / "src" / codebase.name
    shutil.rmtree(source, ignore_errors=True)
    with zipfile.ZipFile(found[0]) as wheel:
        members = [m for m in wheel.namelist() if ".dist-info/" not in m and ".data/" not in m]
        wheel.extractall(source, members)
    return source


@dataclass
class Result:
    codebase: Codebase
    runs: dict[str, list[Run]]
    lines: int

    def first(self, key: str) -> Run:
        return self.runs[key][0]


def check(codebase: Codebase, reps: int, dmypy: bool, env: dict[str, str]) -> Result:
    source = fetch(codebase)
    work = WORK / "public" / codebase.name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    configs = {
        plugin: _runner.write_config(work / f"mypy-{int(plugin)}.ini", plugin, MYPY_OPTIONS)
        for plugin in (False, True)
    }
    python = str(_venv_python())
    targets = list(codebase.targets)

    def mypy(plugin: bool, cache: str, *extra: str) -> list[str]:
        return [
            python,
            "-m",
            "mypy",
            "--config-file",
            str(configs[plugin]),
            "--cache-dir",
            str(work / cache),
            *extra,
            *targets,
        ]

    runs: dict[str, list[Run]] = {}

    def record(key: str, result: Run) -> None:
        if key not in runs:
            _runner.save_output(result, work / "outputs", key)
        runs.setdefault(key, []).append(result)
        print(
            f"  {codebase.name:28} {key:22} {result.cpu:6.2f} s CPU {result.wall:6.2f} s wall"
            f"  exit {result.returncode}",
            flush=True,
        )

    for rep in range(reps):
        for plugin in (False, True) if rep % 2 == 0 else (True, False):
            label = "plugin" if plugin else "no plugin"
            cache = f"cache-{int(plugin)}"
            shutil.rmtree(work / cache, ignore_errors=True)
            record(f"{label} cold", _runner.run(mypy(plugin, cache), source, env))
            record(f"{label} warm", _runner.run(mypy(plugin, cache), source, env))
    record(
        "plugin --num-workers 2",
        _runner.run(mypy(True, "cache-workers", "--num-workers", "2"), source, env),
    )
    if dmypy:
        status = work / "dmypy.json"
        daemon = [python, "-m", "mypy.dmypy", "--status-file", str(status)]
        try:
            # dmypy refuses follow_imports=silent; "normal" adds reports on the codebase's
            # modules outside the targets, which the comparison leaves out.
            command = mypy(True, "cache-dmypy", "--follow-imports", "normal")[3:]
            record(
                "plugin dmypy",
                _runner.run([*daemon, "run", "--timeout", "900", "--", *command], source, env),
            )
        finally:
            _runner.run([*daemon, "stop"], source, env)
            if status.exists():
                _runner.run([*daemon, "kill"], source, env)
    lines = sum(
        p.read_text(errors="replace").count("\n")
        for target in targets
        for p in ([source / target] if target.endswith(".py") else (source / target).rglob("*.py"))
    )
    return Result(codebase, runs, lines)


def save(result: Result, plugin: str) -> Path:
    RESULTS.mkdir(exist_ok=True)
    run = result.first("plugin cold")
    errors = run.plugin_errors()
    path = RESULTS / f"{result.codebase.name}.txt"
    header = [
        f"# {result.codebase.requirement}: mypy-async-alchemy diagnostics",
        f"# mypy {importlib.metadata.version('mypy')}, SQLAlchemy "
        f"{importlib.metadata.version('sqlalchemy')}; "
        f"targets: {' '.join(result.codebase.targets)}",
        f"# {plugin.replace(str(REPO) + '/', '')}",
        f"# {len(errors)} diagnostic(s): {format_counts(count_codes(errors))}",
    ]
    path.write_text("\n".join(header + [d.render() for d in errors]) + "\n")
    return path


def _in_targets(run: Run, codebase: Codebase) -> tuple[str, ...]:
    """The run's report restricted to the target files (dmypy also reports the others)."""
    prefixes = tuple(t if t.endswith(".py") else t.rstrip("/") + "/" for t in codebase.targets)
    return tuple(sorted(d.render() for d in run.diagnostics if d.path.startswith(prefixes)))


def summarise(results: list[Result]) -> int:
    rows, problems = [], []
    for result in results:
        name = result.codebase.name
        base, plug = result.first("no plugin cold"), result.first("plugin cold")
        internal = sorted(
            {
                line
                for runs in result.runs.values()
                if runs
                for run in runs
                for line in run.internal_errors()
            }
        )
        failed = [k for k, runs in result.runs.items() for r in runs if r.returncode not in (0, 1)]
        others = {
            variant: Counter((d.path, d.line, d.code) for d in result.first(key).other_errors())
            for variant, key in (("without", "no plugin cold"), ("with", "plugin cold"))
        }
        plugin_keys = [k for k in result.runs if k.startswith("plugin")]
        reports = {k: _in_targets(result.first(k), result.codebase) for k in plugin_keys}
        same = len(set(reports.values())) == 1
        ratios = {
            phase: median(r.cpu for r in result.runs[f"plugin {phase}"])
            / median(r.cpu for r in result.runs[f"no plugin {phase}"])
            for phase in ("cold", "warm")
        }
        rows.append(
            [
                name,
                f"{result.lines}",
                format_counts(count_codes(plug.plugin_errors())),
                f"{len(internal)}",
                f"{sum(others['without'].values())}",
                f"{sum(others['with'].values())}",
                f"{median(r.cpu for r in result.runs['no plugin cold']):.2f}",
                f"{ratios['cold']:.3f}",
                f"{ratios['warm']:.3f}",
                "yes" if same else "NO",
            ]
        )
        if internal:
            problems += [f"{name}: {line}" for line in internal]
        if failed:
            problems.append(f"{name}: mypy exited with status 2 or more in: {', '.join(failed)}")
        if others["with"] != others["without"]:
            problems.append(f"{name}: mypy's own errors differ with and without the plugin")
        if not same:
            odd = [k for k, v in reports.items() if v != reports["plugin cold"]]
            problems.append(f"{name}: output differs from 'plugin cold' in: {', '.join(odd)}")
        if base.returncode not in (0, 1):
            problems.append(f"{name}: mypy failed: {base.stderr.strip()[-300:]}")
    print()
    print(
        table(
            rows,
            [
                "codebase",
                "lines",
                "plugin diagnostics",
                "internal errors",
                "other errors w/o",
                "other errors with",
                "cold CPU s w/o",
                "cold ratio",
                "warm ratio",
                "same output",
            ],
        )
    )
    print("(same output: plugin cold == warm == --num-workers 2 == dmypy)")
    print()
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("all checks passed" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def count_instructions(chosen: list[Codebase], env: dict[str, str]) -> int:
    """One cold run per variant of each codebase under valgrind: the instruction ratio."""
    rows = []
    for codebase in chosen:
        source = fetch(codebase)
        counts = instructions.count(
            source,
            WORK / "public" / codebase.name / "instructions",
            MYPY_OPTIONS,
            [],
            env,
            python=str(_venv_python()),
            paths=codebase.targets,
        )
        if counts is None:
            return 2
        base, plug = (sum(counts[v].values()) for v in instructions.VARIANTS)
        ratio = instructions.ratio(counts)
        rows.append(
            [
                codebase.name,
                f"{base / 1e9:.3f}",
                f"{plug / 1e9:.3f}",
                f"{ratio:.4f}",
                f"{(ratio - 1) * 100:+.2f}%",
            ]
        )
        print(f"  {codebase.name:28} instructions ratio {ratio:.4f}", flush=True)
    print()
    print(table(rows, ["codebase", "no plugin (G)", "plugin (G)", "ratio", "overhead"]))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="codebases to check (default: all)")
    parser.add_argument("--reps", type=int, default=1, help="cold/warm pairs per variant")
    parser.add_argument("--no-dmypy", action="store_true")
    parser.add_argument("--all", action="store_true", help="the slow codebases too")
    parser.add_argument("--list", action="store_true", help="list the codebases and exit")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="only count instructions under valgrind (one cold run per variant)",
    )
    parser.add_argument(
        "--plugin-rev",
        metavar="REV",
        help="check with the plugin at this git revision (default: as installed)",
    )
    args = parser.parse_args(argv)
    if args.list:
        for codebase in CODEBASES:
            slow = " (slow: --all or by name)" if codebase.slow else ""
            print(
                f"{codebase.name:30} {codebase.requirement:40} {' '.join(codebase.targets)}{slow}"
            )
        return 0
    unknown = set(args.names) - {c.name for c in CODEBASES}
    if unknown:
        parser.error(f"unknown codebase(s): {', '.join(sorted(unknown))}")
    chosen = [
        c
        for c in CODEBASES
        if c.name in args.names or (not args.names and (args.all or not c.slow))
    ]
    start = time.perf_counter()
    ensure_venv()
    plugin_src = _runner.plugin_snapshot(args.plugin_rev, WORK) if args.plugin_rev else None
    env = _runner.plugin_env(plugin_src)
    plugin = _runner.describe_plugin(str(_venv_python()), env)
    if plugin_src is not None:
        commit = plugin_src.parent.name.removeprefix("plugin-")
        same = args.plugin_rev == commit
        plugin += f" (git {args.plugin_rev}{'' if same else ' = ' + commit})"
    print(plugin, flush=True)
    if args.instructions:
        return count_instructions(chosen, env)
    results = []
    for codebase in chosen:
        result = check(codebase, args.reps, not args.no_dmypy, env)
        print(f"  -> {save(result, plugin).relative_to(REPO)}", flush=True)
        results.append(result)
    status = summarise(results)
    print(f"total time: {time.perf_counter() - start:.0f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
