"""Per site: what happened at run time, what each mode reported, and whether they agree.

Run time (from ``runner.py``'s windows), for each site:

- ``raised``: this access raised MissingGreenlet or lazy="raise"'s InvalidRequestError
  in its lazy load (also when the lazy load needed the expired columns of its object and
  their load raised: a ``columns`` event inside it);
- ``identity``: the lazy loader ran but answered without SQL (a many-to-one found in the
  identity map, a pending object): nothing raised, yet the relationship was not loaded;
- ``loaded``: the lazy loader never ran for it (or, for an await, ran its SQL);
- ``unreached``: an earlier hop of the read raised or held nothing, or the scenario ended
  before this statement.

For a column read (``ColumnSite``, ``ColumnFacts``): ``raised`` when a load of its object's
columns raised, ``loaded`` when none did, ``unreached`` when the scenario ended before it or
a relationship hop before it (``root.bs[0].note``) raised or held nothing.

Both ``alchemy-lazy-load`` (an unloaded relationship, a deferred column) and
``alchemy-expired`` (an attribute of an expired object) count as reports of a site; any
other report, or one elsewhere, is a problem.

A site agrees when it raised and was reported, or did not raise and was not reported. The
other two cases are ``miss`` (raised, not reported) and ``over`` (reported, did not raise);
the test explains each of them or fails.

A read made in a project function (``ReadIn``) has its sites at the call, where the plugin
reports what the function reads (``_called_site`` picks the hop a report is about); the
run-time window wraps the call, so the lazy loads inside the function count for its hops.
In strict mode the function's own reads, on a parameter of unknown state, are reported
too: those reports are expected and compared with nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .checker import Report
from .program import Program, Rollback, Scenario, Step
from .render import ColumnSite, Rendered, Site

Outcome = Literal["raised", "identity", "loaded", "unreached"]
_LAZY_ERRORS = ("missing-greenlet", "lazy-raise", "pending-rollback")
# What may end a scenario early (runner.classify): a lazy load, and SQLAlchemy's own limits.
_ACCEPTED_ABORTS = (*_LAZY_ERRORS, "rejected", "timeout")
# A read summary's report at a call: read_1() reads "A.bs0.c1" of "root", which is not ...
_READS_PATH = re.compile(r'\(\) reads "[A-Z]\w*\.(?P<path>[\w.]+)" of ')
# An expired object handed to it: Attribute "A.bs0" of "root" is read after expire() ...
_EXPIRED_ATTRIBUTE = re.compile(r'^Attribute "(?P<attribute>\w+\.\w+)" of ')
# The codes of the reports this test compares.
COMPARED_CODES = ("alchemy-lazy-load", "alchemy-expired")


@dataclass(frozen=True)
class Runtime:
    outcome: Outcome
    exception: str | None = None


class _AtStep:
    """The scenario and step of a site (``Facts``, ``ColumnFacts``)."""

    program: Program
    site: Site | ColumnSite

    @property
    def scenario(self) -> Scenario:
        return self.program.scenarios[self.site.scenario]

    @property
    def step(self) -> Step:
        return self.scenario.steps[self.site.step]

    @property
    def earlier_steps(self) -> tuple[Step, ...]:
        return self.scenario.steps[: self.site.step]


@dataclass(frozen=True)
class Facts(_AtStep):
    """Everything an explanation may look at for one site in one mode."""

    program: Program
    site: Site
    runtime: Runtime
    mode: str
    reported: bool | None  # None: hidden by mypy (see ``compare``)
    statement: tuple[Site, ...]  # the sites of the same statement, hop order
    reported_sites: frozenset[Site]  # every site of the program this mode reported
    outcomes: Mapping[Site, Runtime]  # the run-time outcome of every site of the program
    # (scenario, step) of each rollback() that ran with no transaction open (runner.py)
    idle_rollbacks: frozenset[tuple[int, int]] = frozenset()


@dataclass(frozen=True)
class ColumnFacts(_AtStep):
    """Everything an explanation may look at for one column read in one mode; ``code``:
    the code of the report at the site."""

    program: Program
    site: ColumnSite
    runtime: Runtime
    mode: str
    reported: bool
    code: str | None
    outcomes: Mapping[Site, Runtime]  # the run-time outcome of every relationship site
    idle_rollbacks: frozenset[tuple[int, int]] = frozenset()  # as in ``Facts``
    reported_sites: frozenset[Site] = frozenset()  # the relationship sites reported


@dataclass
class Comparison:
    verdicts: list[Facts] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # harness or generator errors
    aborts: list[str] = field(default_factory=list)  # what ended scenarios early
    column_verdicts: list[ColumnFacts] = field(default_factory=list)


def runtime_outcomes(rendered: Rendered, result: Mapping[str, Any]) -> dict[Site, Runtime]:
    windows = {window["line"]: window for window in result["windows"]}
    outcomes: dict[Site, Runtime] = {}
    for sites in _statements(rendered).values():
        window = windows.get(sites[0].line)
        if window is None:
            outcomes.update((site, Runtime("unreached")) for site in sites)
        else:
            outcomes.update(_statement(sites, window))
    return outcomes


def _statements(rendered: Rendered) -> dict[tuple[int, int], tuple[Site, ...]]:
    """The sites of each guarded statement (scenario, step), in hop order."""
    statements: dict[tuple[int, int], tuple[Site, ...]] = {}
    for site in rendered.sites:
        key = (site.scenario, site.step)
        statements[key] = (*statements.get(key, ()), site)
    return statements


def _statement(sites: tuple[Site, ...], window: Mapping[str, Any]) -> dict[Site, Runtime]:
    """Outcome of each hop of one guarded statement.

    Hop 0's lazy loads are those on the window's base object; the object a hop reaches is
    never that object (see render.py's seed rows), so the others are hop 1's.
    """
    reached = not window["base_missing"] and window.get("outcome") != "timeout"
    outcomes: dict[Site, Runtime] = {}
    for site in sites:
        if not reached:
            outcomes[site] = Runtime("unreached")
            continue
        mine = [
            event
            for event in window["events"]
            if event["attribute"] == site.relationship.qualified
            and event["on_base"] == (site.hop == 0)
        ]
        if any(event["raised"] for event in mine):
            outcomes[site] = Runtime("raised", window.get("exception"))
            reached = False
        else:
            # A lazy load that went for SQL and did not raise ran in awaitable_attrs' greenlet.
            without_sql = mine and not any(event["sql"] for event in mine)
            outcomes[site] = Runtime("identity" if without_sql else "loaded")
            # "empty": indexing or reading through this hop's []/None failed.
            reached = window["outcome"] != "empty"
    return outcomes


def compare(
    program: Program,
    rendered: Rendered,
    result: Mapping[str, Any],
    reports: Mapping[str, tuple[Report, ...]],
) -> Comparison:
    """Every site's facts in every mode; ``reports``: the program's mypy errors per mode."""
    comparison = Comparison(problems=_problems(result))
    if result["error"]:
        return comparison
    comparison.aborts = [abort["outcome"] for abort in result["aborts"]]
    outcomes = runtime_outcomes(rendered, result)
    statements = _statements(rendered)
    by_location = {(site.line, site.end_column): site for site in rendered.sites}
    calls: dict[tuple[int, int], tuple[Site, ...]] = {}
    for site in rendered.sites:
        if site.call:
            location = (site.line, site.end_column)
            calls[location] = (*calls.get(location, ()), site)
    column_sites = {(site.line, site.end_column): site for site in rendered.columns}
    column_outcomes = _column_outcomes(rendered, result, outcomes)
    idle = _idle_rollbacks(program, result)
    for mode, found in reports.items():
        reported = set()
        column_codes: dict[ColumnSite, str | None] = {}
        for report in found:
            location = (report.line, report.end_column)
            compared = report.code in COMPARED_CODES
            site = by_location.get(location)
            column = column_sites.get(location)
            if compared and location in calls:
                site = _called_site(report, calls[location], outcomes)
            elif compared and mode == "strict" and report.line in rendered.helper_lines:
                continue  # a read of a parameter of unknown state
            if compared and site is not None:
                reported.add(site)
            elif report.code in COMPARED_CODES and column is not None:
                column_codes[column] = report.code
            else:
                comparison.problems.append(f"{mode}: unexpected report {_show(report)}")
        for column in rendered.columns:
            comparison.column_verdicts.append(
                ColumnFacts(
                    program,
                    column,
                    column_outcomes[column],
                    mode,
                    column in column_codes,
                    column_codes.get(column),
                    outcomes,
                    idle,
                    frozenset(reported),
                )
            )
        for site in rendered.sites:
            statement = statements[(site.scenario, site.step)]
            facts = Facts(
                program,
                site,
                outcomes[site],
                mode,
                _reported(site, statement, reported),
                statement,
                frozenset(reported),
                outcomes,
                idle,
            )
            comparison.verdicts.append(facts)
    return comparison


def _column_outcomes(
    rendered: Rendered, result: Mapping[str, Any], outcomes: Mapping[Site, Runtime]
) -> dict[ColumnSite, Runtime]:
    """Outcome of each column read: raised when a load of columns raised outside every lazy
    load (the statement's lazy loads are its relationship hops; the column read is the
    last access of its statement); unreached when a hop before it raised or held
    nothing."""
    windows = {window["line"]: window for window in result["windows"]}
    statements = _statements(rendered)
    found: dict[ColumnSite, Runtime] = {}
    for site in rendered.columns:
        window = windows.get(site.line)
        hops = statements.get((site.scenario, site.step), ()) if site.hop else ()
        if (
            window is None
            or window["base_missing"]
            or window["outcome"] in ("timeout", "empty")
            or any(outcomes[hop].outcome not in ("loaded", "identity") for hop in hops)
        ):
            found[site] = Runtime("unreached")
            continue
        raised = any(
            event.get("kind") == "columns" and not event["nested"] and event["raised"]
            for event in window["events"]
        )
        found[site] = Runtime("raised", window.get("exception")) if raised else Runtime("loaded")
    return found


def _idle_rollbacks(program: Program, result: Mapping[str, Any]) -> frozenset[tuple[int, int]]:
    """(scenario, step) of each Rollback step that ran with no transaction open: the k-th
    rollback the runner recorded in a scenario is its k-th Rollback step."""
    idle = set()
    for number, scenario in enumerate(program.scenarios):
        steps = [index for index, step in enumerate(scenario.steps) if isinstance(step, Rollback)]
        calls = [call for call in result.get("rollbacks", []) if call["scenario"] == number]
        idle.update(
            (number, index) for index, call in zip(steps, calls, strict=False) if not call["open"]
        )
    return frozenset(idle)


def _problems(result: Mapping[str, Any]) -> list[str]:
    """What went wrong at run time that is no lazy load: a generator or harness bug."""
    if result["error"]:
        return [f"the program failed outside its scenarios:\n{result['error']}"]
    problems = [
        f"scenario {abort['scenario']} failed: {abort['exception']}"
        for abort in result["aborts"]
        if abort["outcome"] not in _ACCEPTED_ABORTS
    ]
    for window in result["windows"]:
        if window["outcome"] == "error":
            problems.append(f"line {window['line']} failed: {window['exception']}")
        elif window["outcome"] in _LAZY_ERRORS and not any(e["raised"] for e in window["events"]):
            problems.append(f"line {window['line']}: a lazy-load error, but no lazy load raised")
    return problems


def _called_site(
    report: Report, sites: tuple[Site, ...], outcomes: Mapping[Site, Runtime]
) -> Site | None:
    """The hop a report at a ``ReadIn``'s call is about (None: not a read summary's report).

    An ``alchemy-expired`` report names the expired object's attribute the function reads
    first: that hop.

    The report names the path the function reads that is not loaded (``A.bs0.c1``): some
    hop of it is not. The plugin names the first such path of what it recorded, a prefix
    before a longer path, but ``obj.a.c1`` records only the whole path. So the report
    marks the first hop of its path that raised at run time, else the first that was not
    loaded either (``identity``), else the path's last hop that is not write-only (an
    over-approximation there).
    """
    expired = _EXPIRED_ATTRIBUTE.search(report.message)
    if expired is not None:
        # The first read of the expired object loads it: the hop it names.
        named = [site for site in sites if site.relationship.qualified == expired["attribute"]]
        return named[0] if named else None
    match = _READS_PATH.search(report.message)
    if match is None:
        return None
    covered = sites[: len(match["path"].split("."))]
    for outcome in ("raised", "identity"):
        found = [site for site in covered if outcomes[site].outcome == outcome]
        if found:
            return found[0]
    # A write-only hop is never the one not loaded (reading it does no IO).
    return [site for site in covered if not site.relationship.write_only][-1]


def _reported(site: Site, statement: tuple[Site, ...], reported: set[Site]) -> bool | None:
    """Whether ``site`` was reported; None when mypy would have hidden it.

    mypy shows one error per line and message: in ``root.children0[0].children0``, a report
    of the second hop that reads like the first one's is dropped. A call's hops share one
    report (at most one per argument), never hidden.
    """
    if site in reported:
        return True
    if site.call:
        return False
    hidden = any(
        other in reported and other.relationship == site.relationship
        for other in statement[: site.hop]
    )
    return None if hidden else False


def _show(report: Report) -> str:
    return f"line {report.line} (end column {report.end_column}): {report.message} [{report.code}]"
