"""Differential test of alchemy-lazy-load: generated programs, run for real and type-checked.

Hypothesis draws batches of programs (``strategies.py``); each program is written as a
module (``render.py``), type-checked with the plugin in default and strict mode (one mypy
run per mode for the whole batch, ``checker.py``) and run against SQLite through aiosqlite
(one interpreter for the whole batch, ``runner.py``). For every relationship access
(``verdicts.py``):

- an access that raised must be reported, in both modes: every object in these programs
  has a known provenance (a query, a constructor, a relationship of such an object);
- an access that was reported must raise, or be one of ``OVER_APPROXIMATIONS`` below.

A disagreement that is a known plugin bug is listed in ``KNOWN_BUGS``, with the regression
case that pins it (tests/typecheck/loading/test-regressions.yml). Anything else fails the
test with the program, the run-time outcome and both modes' verdicts of each access.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, Verbosity, given, seed, settings
from hypothesis import strategies as st

from . import checker
from .conftest import long_programs
from .program import (
    EAGER_LOADERS,
    Assign,
    Await,
    Construct,
    Flush,
    Program,
    Query,
    Read,
    Refresh,
    Relationship,
)
from .render import Rendered, render
from .strategies import programs
from .verdicts import Comparison, Facts, compare

RUNNER = Path(__file__).with_name("runner.py")
SHARDS = 2  # the slice is split so that ``-n 2`` runs it on both cores
DEFAULT_EXAMPLES = 3  # per shard
DEFAULT_BATCH = 6
LONG_BATCH = 15
PACKAGE = "generated"


@dataclass(frozen=True)
class Explanation:
    name: str
    reason: str
    applies: Callable[[Facts], bool]
    regression: str | None = None  # the YAML case pinning it, for plugin bugs


OVER_APPROXIMATIONS: tuple[Explanation, ...] = (
    Explanation(
        "identity-map",
        "The relationship was not loaded, but SQLAlchemy's lazy loader found its many-to-one "
        "target in the session's identity map and answered without SQL. The plugin does not "
        "track what a session holds: reporting an unloaded relationship is its contract.",
        lambda facts: facts.runtime.outcome == "identity",
    ),
    Explanation(
        "loaded-along-another-path",
        "The query loads this relationship along another path too (an eager loader option "
        "or lazy= strategy elsewhere in its graph), and the two paths reach the same row: "
        "one object in the identity map, loaded through the other path. The plugin tracks "
        "each path on its own.",
        lambda facts: facts.runtime.outcome == "loaded" and _loaded_elsewhere(facts),
    ),
    Explanation(
        "loaded-by-earlier-access",
        "An earlier access in the scenario loaded this relationship without IO or through "
        "another expression (a read answered from the identity map, an await or assignment "
        "on the same row reached another way). The plugin tracks expressions, not rows.",
        lambda facts: facts.runtime.outcome == "loaded" and _loaded_by_earlier_access(facts),
    ),
    Explanation(
        "through-assignment",
        "The object was assigned earlier (root.rel = Target()): a new object, nothing to "
        "load. The plugin keeps what the query loaded for root.rel's own relationships.",
        lambda facts: facts.runtime.outcome == "loaded" and _through_assignment(facts),
    ),
    Explanation(
        "through-reported-read",
        "The object was reached through a read the plugin reported (an over-approximation "
        "above): the plugin gives it no load state, which strict mode counts as nothing "
        "loaded.",
        lambda facts: facts.mode == "strict" and _previous_hop_reported(facts),
    ),
)
ACCEPTED_MISSES: tuple[Explanation, ...] = (
    Explanation(
        "through-reported-read",
        "Default mode reports the first unloaded hop of a chain and gives the object it "
        "reads no state, so it stays quiet on the hops after it. At run time they are "
        "reached only when the reported hop was an over-approximation (above).",
        lambda facts: facts.mode == "default" and _previous_hop_reported(facts),
    ),
)
KNOWN_BUGS: tuple[Explanation, ...] = (
    Explanation(
        "awaitable-attrs-raise",
        "await obj.awaitable_attrs.rel raises for lazy=\"raise\"/\"raise_on_sql\" and "
        "raiseload(): the plugin treats every awaitable_attrs read as a load.",
        lambda facts: facts.site.kind == "await",
        "lazy_load_regression_awaitable_attrs_raise",
    ),
    Explanation(
        "flushed-construct",
        "A constructed object stays 'everything loaded' after session.add() and flush(), "
        "but it is persistent then: relationships it was not given lazy-load.",
        _flushed_construct,
        "lazy_load_regression_flushed_construct",
    ),
    Explanation(
        "eager-strategy-cycle",
        "lazy=\"selectin\"/\"joined\"/\"subquery\"/\"immediate\" is not applied when the target class is "
        "already on the load path (always for a self-referential relationship) unless "
        "join_depth is set; the plugin counts the strategy as loaded at every depth.",
        _eager_strategy_in_cycle,
        "lazy_load_regression_eager_strategy_cycle",
    ),
    Explanation(
        "collection-assignment",
        "Replacing an unloaded collection of a persistent object loads the old collection "
        "(for the change history): MissingGreenlet at the assignment, which the plugin does "
        "not check.",
        lambda facts: facts.site.kind == "assign",
        "lazy_load_regression_collection_assignment",
    ),
    Explanation(
        "read-after-awaitable-attrs",
        "await obj.awaitable_attrs.rel loads rel on obj, but a later obj.rel in the same "
        "function is reported: the plugin tracks assignments and refresh() there, not this.",
        _after_awaitable_attrs,
        "lazy_load_regression_read_after_awaitable_attrs",
    ),
    Explanation(
        "suboption-not-applied",
        "selectinload(A.bs).immediateload(B.a).selectinload(A.cs): when B.a's target is "
        "already in the session, immediateload (subqueryload, defaultload, a lazy load) "
        "hands it over as it is and the options chained after it do not run on it, so "
        "a.bs[0].a.cs is not loaded; the plugin counts the path as loaded.",
        _suboption_not_applied,
        "lazy_load_regression_suboption_after_many_to_one",
    ),
    Explanation(
        "refresh-everything",
        "session.refresh(obj) without attribute_names expires obj's relationships and "
        "reloads only what obj's query loaded: one loaded later by refresh(obj, [...]), an "
        "assignment or awaitable_attrs is lazy again. The plugin still counts it loaded.",
        _after_refresh_everything,
        "lazy_load_regression_refresh_after_refresh_names",
    ),
    Explanation(
        "noload-option",
        "noload() leaves the relationship empty without IO (as lazy=\"noload\", which is not "
        "reported), but the plugin treats it like lazyload()/raiseload().",
        lambda facts: option_loader(facts) == "noload",
        "lazy_load_regression_noload_option",
    ),
)


def explain(facts: Facts) -> str:
    """``agree``, ``agree:raised``, ``unreached``, ``hidden`` (by mypy's one-message-per-line
    filter), ``over:<name>``, ``miss:<name>``, ``bug:<name>`` or ``unexplained``."""
    raised = facts.runtime.outcome == "raised"
    if facts.runtime.outcome == "unreached":
        return "unreached"
    if facts.reported is None:
        return "hidden"
    if raised == facts.reported:
        return "agree:raised" if raised else "agree"
    documented = ("miss", ACCEPTED_MISSES) if raised else ("over", OVER_APPROXIMATIONS)
    for label, table in (documented, ("bug", KNOWN_BUGS)):
        for explanation in table:
            if explanation.applies(facts):
                return f"{label}:{explanation.name}"
    return "unexplained"


@pytest.mark.parametrize("shard", range(SHARDS))
def test_lazy_load_reports_match_runtime(
    shard: int,
    pytestconfig: pytest.Config,
    tmp_path_factory: pytest.TempPathFactory,
    mypy_configs: dict[str, tuple[Path, Path]],
    differential_counts: Counter[str],
    counts_files: list[str],
) -> None:
    wanted = long_programs(pytestconfig)
    batch = DEFAULT_BATCH if wanted is None else LONG_BATCH
    examples = (
        DEFAULT_EXAMPLES if wanted is None else max(1, math.ceil(wanted / batch / SHARDS))
    )
    counts: Counter[str] = Counter()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        derandomize=wanted is None,
        verbosity=Verbosity.quiet,
    )
    @given(st.lists(programs(), min_size=batch, max_size=batch))
    def check(batch_programs: list[Program]) -> None:
        directory = tmp_path_factory.mktemp(f"differential-{shard}-")
        failures = check_batch(directory, batch_programs, mypy_configs, counts)
        assert not failures, "\n\n".join(failures)

    if wanted is None:
        check = seed(shard)(check)
    try:
        check()
    finally:
        differential_counts.update(counts)
        path = tmp_path_factory.mktemp("differential-counts") / f"shard-{shard}.json"
        path.write_text(json.dumps(counts, indent=1, sort_keys=True))
        counts_files.append(str(path))
    assert counts["programs"] >= examples * batch


def check_batch(
    directory: Path,
    batch: list[Program],
    configs: dict[str, tuple[Path, Path]],
    counts: Counter[str],
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
    output, _ = running.communicate()
    assert running.returncode == 0, output
    results = json.loads(out.read_text())
    failures = []
    for module, program, source in zip(modules, batch, rendered, strict=True):
        per_module = {
            mode: checker.Checked(
                tuple(r for r in check.reports if r.module == module), check.output
            )
            for mode, check in checked.items()
        }
        comparison = compare(program, source, results[module], per_module)
        if not _count(program, comparison, counts):
            failures.append(describe(module, source, comparison))
    return failures


def _count(program: Program, comparison: Comparison, counts: Counter[str]) -> bool:
    """Add the program's counts; False if it has a problem or an unexplained verdict."""
    counts["programs"] += 1
    counts["scenarios"] += len(program.scenarios)
    counts.update(f"aborted:{outcome}" for outcome in comparison.aborts)
    ok = not comparison.problems
    for facts in comparison.verdicts:
        if facts.mode == checker.MODES[0]:
            counts["sites"] += 1
            counts[f"sites:{facts.site.kind}"] += 1
            counts[f"runtime:{facts.runtime.outcome}"] += 1
        verdict = explain(facts)
        counts[f"{facts.mode}:{verdict}"] += 1
        if verdict.startswith("agree:"):
            counts[f"{facts.mode}:agree"] += 1
        ok = ok and verdict != "unexplained"
    return ok


def describe(module: str, rendered: Rendered, comparison: Comparison) -> str:
    """The program with line numbers, then one row per access."""
    lines = [f"=== {module}: the checker and the run time disagree ==="]
    lines += [f"{n:4} {text}" for n, text in enumerate(rendered.source.splitlines(), 1)]
    lines += [f"problem: {problem}" for problem in comparison.problems]
    rows: dict[Any, dict[str, str]] = {}
    for facts in comparison.verdicts:
        row = rows.setdefault(facts.site, {"runtime": facts.runtime.outcome})
        row[facts.mode] = f"{'reported' if facts.reported else 'quiet'} -> {explain(facts)}"
        if facts.runtime.exception:
            row["exception"] = facts.runtime.exception[:120]
    lines.append("line:col  access  | run time | " + " | ".join(checker.MODES))
    for site, row in rows.items():
        verdicts = " | ".join(row.get(mode, "") for mode in checker.MODES)
        lines.append(
            f"{site.line}:{site.end_column}  {site.text}  | {row['runtime']} | {verdicts}"
            + (f"  ({row['exception']})" if "exception" in row else "")
        )
    return "\n".join(lines)


