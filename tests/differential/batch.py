"""One batch: write the programs as a package, check and run them, count, describe failures.

Relationship accesses are explained by ``explain``, column reads by ``explain_column``; both
count into the same totals (``sites``, and ``<mode>:<verdict>``).

mypy (both modes) and the runner work at the same time, each in its own process: one mypy
run per mode and one interpreter for the whole batch.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from . import checker
from .program import Program
from .render import Rendered, Site, render
from .verdicts import ColumnFacts, Comparison, Facts, compare

RUNNER = Path(__file__).with_name("runner.py")
PACKAGE = "generated"
RUNNER_TIMEOUT = 600  # seconds; a scenario times out after runner.SCENARIO_SECONDS

Explain = Callable[[Facts], str]
ExplainColumn = Callable[[ColumnFacts], str]


def check_batch(
    directory: Path,
    batch: list[Program],
    configs: dict[str, tuple[Path, Path]],
    counts: Counter[str],
    explain: Explain,
    explain_column: ExplainColumn | None = None,
) -> list[str]:
    """Write, check and run the programs; count, and describe every failing program."""
    package = directory / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("")
    modules = [f"{PACKAGE}.prog{index}" for index in range(len(batch))]
    rendered = [render(program) for program in batch]
    for module, program in zip(modules, rendered, strict=True):
        (directory / f"{module.replace('.', '/')}.py").write_text(program.source)
    out = directory / "runtime.json"
    running = subprocess.Popen(
        [sys.executable, str(RUNNER), str(out), str(directory), *modules],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    checking = {mode: checker.start(directory, PACKAGE, *configs[mode]) for mode in configs}
    checked = {mode: checker.finish(process) for mode, process in checking.items()}
    output, _ = running.communicate(timeout=RUNNER_TIMEOUT)
    assert running.returncode == 0, output
    results = json.loads(out.read_text())
    failures = []
    for module, program, source in zip(modules, batch, rendered, strict=True):
        mine = {
            mode: tuple(report for report in reports if report.module == module)
            for mode, reports in checked.items()
        }
        comparison = compare(program, source, results[module], mine)
        if not count(program, comparison, counts, explain, explain_column):
            failures.append(describe(module, source, comparison, explain, explain_column))
    return failures


def count(
    program: Program,
    comparison: Comparison,
    counts: Counter[str],
    explain: Explain,
    explain_column: ExplainColumn | None = None,
) -> bool:
    """Add the program's counts; False if it has a problem or an unexplained verdict."""
    counts["programs"] += 1
    counts["scenarios"] += len(program.scenarios)
    counts.update(f"aborted:{outcome}" for outcome in comparison.aborts)
    ok = not comparison.problems
    for facts in comparison.verdicts:
        if facts.mode == checker.MODES[0]:
            counts["sites"] += 1
            counts[f"sites:{facts.site.kind}"] += 1
            counts["sites:call"] += facts.site.call
            counts[f"runtime:{facts.runtime.outcome}"] += 1
        verdict = explain(facts)
        counts[f"{facts.mode}:{verdict}"] += 1
        if facts.site.call:  # the sites of reads in called functions, on their own
            counts[f"call:{facts.mode}:{verdict}"] += 1
        if verdict.startswith("agree:"):
            counts[f"{facts.mode}:agree"] += 1
        ok = ok and verdict != "unexplained"
    for column in comparison.column_verdicts:
        if column.mode == checker.MODES[0]:
            counts["sites"] += 1
            counts["sites:column"] += 1
            counts[f"runtime:{column.runtime.outcome}"] += 1
        verdict = "unexplained" if explain_column is None else explain_column(column)
        counts[f"{column.mode}:{verdict}"] += 1
        if verdict.startswith("agree:"):
            counts[f"{column.mode}:agree"] += 1
        ok = ok and verdict != "unexplained"
    return ok


def describe(
    module: str,
    rendered: Rendered,
    comparison: Comparison,
    explain: Explain,
    explain_column: ExplainColumn | None = None,
) -> str:
    """The program with line numbers, then a row per access: run time, then each mode."""
    lines = [f"=== {module}: the checker and the run time disagree ==="]
    lines += [f"{n:4} {text}" for n, text in enumerate(rendered.source.splitlines(), 1)]
    lines += [f"problem: {problem}" for problem in comparison.problems]
    rows: dict[Site, dict[str, str]] = {}
    for facts in comparison.verdicts:
        row = rows.setdefault(facts.site, {"runtime": facts.runtime.outcome})
        shown = {True: "reported", False: "quiet", None: "hidden"}[facts.reported]
        row[facts.mode] = f"{shown} -> {explain(facts)}"
        if facts.runtime.exception:
            row["exception"] = facts.runtime.exception[:120]
    shown_rows: dict[tuple[int, int, str], dict[str, str]] = {
        (site.line, site.end_column, site.text): row for site, row in rows.items()
    }
    for column in comparison.column_verdicts:
        key = (column.site.line, column.site.end_column, column.site.text)
        row = shown_rows.setdefault(key, {"runtime": column.runtime.outcome})
        verdict = "unexplained" if explain_column is None else explain_column(column)
        shown = f"reported [{column.code}]" if column.reported else "quiet"
        row[column.mode] = f"{shown} -> {verdict}"
        if column.runtime.exception:
            row["exception"] = column.runtime.exception[:120]
    lines.append("line:column  access  | run time | " + " | ".join(checker.MODES))
    for (line, end_column, text), row in sorted(shown_rows.items()):
        verdicts = " | ".join(row.get(mode, "") for mode in checker.MODES)
        exception = f"  ({row['exception']})" if "exception" in row else ""
        lines.append(f"{line}:{end_column}  {text}  | {row['runtime']} | {verdicts}" + exception)
    return "\n".join(lines)
