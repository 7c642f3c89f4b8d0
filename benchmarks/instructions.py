"""Instruction counts of mypy with and without the plugin, under valgrind's cachegrind.

``overhead.py --instructions`` uses this. CPU time varies by several percent from run to
run on a shared machine; the number of instructions executed barely does, so a 1-2%
difference is visible in one cold run per variant. Runs are ~20x slower than native, so the
two variants run at the same time (the counts do not depend on it).

mypy is compiled with mypyc, so its functions show by name (``CPyDef_checker___...``);
the plugin is interpreted Python, which shows as CPython's evaluation loop and runtime.
The per-function difference therefore says whether the extra work is the plugin's own
Python code or mypy doing more (larger types, more lookups).

Needs ``valgrind`` (Debian: ``apt-get install valgrind``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import _runner
from _runner import table

VARIANTS = ("no plugin", "plugin")
_LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$")
# CPython's interpreter proper: time spent running Python bytecode (the plugin's code).
_EVAL = (
    "_PyEval_EvalFrameDefault",
    "_PyFrame_Clear",
    "initialize_locals",
    "_PyEvalFramePushAndInit",
    "_PyEval_Vector",
)


def _category(function: str) -> str:
    if function.startswith(("CPyDef_", "CPyPy_", "CPyDunder_", "CPyL_")):
        return "mypy (compiled functions)"
    if function in _EVAL:
        return "Python bytecode evaluation (plugin code)"
    if function.startswith(("CPy", "CPyTagged", "CPyStr", "CPyList", "CPyDict")):
        return "mypyc runtime library"
    if function.startswith(("Py", "_Py", "py")) or re.match(r"^[a-z_]+$", function):
        return "CPython runtime (objects, dicts, GC...)"
    return "other"


def _functions(out_file: Path) -> dict[str, int]:
    text = subprocess.run(
        ["cg_annotate", "--auto=no", "--threshold=0", str(out_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found: dict[str, int] = defaultdict(int)
    started = False
    for line in text.splitlines():
        if "file:function" in line:
            started = True
            continue
        match = _LINE.match(line) if started else None
        if match is None:
            continue
        location = match[2]
        function = location.rsplit(":", 1)[-1] if ":" in location else location
        found[function] += int(match[1].replace(",", ""))
    return found


def count(
    target: Path,
    work: Path,
    options: dict[str, str],
    extra: list[str],
    env: dict[str, str],
    python: str = sys.executable,
    paths: tuple[str, ...] = (".",),
) -> dict[str, dict[str, int]] | None:
    """Instructions per function of one cold mypy run per variant (None: no valgrind)."""
    if shutil.which("valgrind") is None or shutil.which("cg_annotate") is None:
        print("valgrind is not installed (apt-get install valgrind)")
        return None
    work.mkdir(parents=True, exist_ok=True)
    procs = {}
    for index, variant in enumerate(VARIANTS):
        config = _runner.write_config(work / f"mypy-{index}.ini", variant == "plugin", options)
        cache = work / f"cache-cg-{index}"
        shutil.rmtree(cache, ignore_errors=True)
        out = work / f"cachegrind-{index}.out"
        command = [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            f"--cachegrind-out-file={out}",
            python,
            "-m",
            "mypy",
            "--config-file",
            str(config),
            "--cache-dir",
            str(cache),
            *extra,
            *paths,
        ]
        log = open(work / f"cachegrind-{index}.log", "w")  # noqa: SIM115 (closed below)
        procs[variant] = (
            subprocess.Popen(command, cwd=target, env=env, stdout=log, stderr=subprocess.STDOUT),
            out,
            log,
        )
        print(f"  valgrind: {variant} (cold) started", flush=True)
    counts = {}
    for variant, (proc, out, log) in procs.items():
        proc.wait()
        log.close()
        counts[variant] = _functions(out)
        print(f"  valgrind: {variant} done (mypy exit {proc.returncode})", flush=True)
    return counts


def ratio(counts: dict[str, dict[str, int]]) -> float:
    """Instructions with the plugin / without it."""
    base, plug = (sum(counts[v].values()) for v in VARIANTS)
    return plug / base


def compare(
    target: Path,
    work: Path,
    options: dict[str, str],
    extra: list[str],
    env: dict[str, str],
    plugin: str,
) -> int:
    counts = count(target, work, options, extra, env)
    if counts is None:
        return 2
    base, plug = (sum(counts[v].values()) for v in VARIANTS)
    print()
    print(f"instructions executed by one cold mypy run on {target}")
    print(plugin)
    print(
        table(
            [
                [
                    f"{base / 1e9:.3f}",
                    f"{plug / 1e9:.3f}",
                    f"{plug / base:.4f}",
                    f"{(plug / base - 1) * 100:+.2f}%",
                ]
            ],
            ["no plugin (G)", "plugin (G)", "ratio", "overhead"],
        )
    )
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for index, variant in enumerate(VARIANTS):
        for function, n in counts[variant].items():
            by_category[_category(function)][index] += n
    rows = [
        [
            name,
            f"{a / 1e6:.0f}",
            f"{b / 1e6:.0f}",
            f"{(b - a) / 1e6:+.0f}",
            f"{(b - a) / (plug - base) * 100:.0f}%",
        ]
        for name, (a, b) in sorted(by_category.items(), key=lambda i: i[1][0] - i[1][1])
    ]
    print(
        "\nwhere the extra instructions are (CPython runtime work is shared between the "
        "plugin's code and mypy's)"
    )
    print(table(rows, ["category", "no plugin (M)", "plugin (M)", "difference (M)", "share"]))
    functions = set(counts["no plugin"]) | set(counts["plugin"])
    diffs = sorted(
        ((counts["plugin"].get(f, 0) - counts["no plugin"].get(f, 0), f) for f in functions),
        reverse=True,
    )
    compiled = [(d, f) for d, f in diffs if _category(f).startswith("mypy")][:15]
    print("\nmypy's own functions that run more with the plugin")
    print(
        table(
            [
                [f, f"{counts['no plugin'].get(f, 0) / 1e6:.1f}", f"{d / 1e6:+.1f}"]
                for d, f in compiled
            ],
            ["function", "no plugin (M)", "difference (M)"],
        )
    )
    return 0
