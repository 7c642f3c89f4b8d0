"""Differential test of alchemy-lazy-load and alchemy-expired: generated programs, run for
real and type-checked.

Hypothesis draws batches of programs (``strategies.py``); each program is written as a
module of one package (``render.py``), type-checked with the plugin in default and strict
mode (one mypy run per mode for the whole batch, ``checker.py``) and run against SQLite
through aiosqlite (one interpreter for the batch, ``runner.py``). Each scenario of a program
has its own ``AsyncSession(expire_on_commit=True/False)``: its query starts from an empty
identity map, and objects expire only at the scenario's own commits, rollbacks, ``expire``
and ``expire_all`` calls. For every relationship access and every column read (a column
loaded with the row, a deferred one; ``defer``/``undefer``/``load_only`` options)
(``verdicts.py``):

- an access that raised must be reported, in both modes: every object in these programs
  has a known provenance (a query, a constructor, a relationship of such an object);
- an access that was reported must raise.

A read made in a project function the scenario hands the object to is compared at the call
(where the plugin reports what the function reads), with the lazy loads inside the
function.

The exceptions are listed below, each with the evidence that picks it out
(``evidence.py``) and its reason: ``OVER_APPROXIMATIONS`` (reported, no error, by design),
``ACCEPTED_MISSES`` (raised, not reported, by design; ``COLUMN_...`` for column reads) and
``KNOWN_BUGS`` (looked up first), each pinned by a case of
tests/typecheck/loading/test-regressions.yml that shows the plugin's verdict today, measured
against SQLite: fixing one means updating its case and deleting its entry. Anything else
fails the test with the program, the run-time outcome and both modes' verdicts of each
access.

The default run is a fixed slice (``SHARDS`` x ``DEFAULT_EXAMPLES`` batches of
``DEFAULT_BATCH`` programs, seeded); ``--long[=N]`` checks about N random programs.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import Phase, Verbosity, given, seed, settings
from hypothesis import strategies as st

from . import evidence
from .batch import check_batch
from .conftest import SEED_ENV, long_programs, long_seed
from .program import ColumnRead, Program, Read
from .strategies import programs
from .verdicts import ColumnFacts, Facts

SHARDS = 2  # the slice is split so that ``-n 2`` runs it on both cores
DEFAULT_EXAMPLES = 4  # per shard
DEFAULT_BATCH = 8
LONG_BATCH = 15


@dataclass(frozen=True)
class Explanation:
    name: str
    reason: str
    applies: Callable[[Facts], bool]


@dataclass(frozen=True)
class KnownBug(Explanation):
    regression: str  # the case of test-regressions.yml that pins it
    raises: bool  # a miss (the access raised) or a false report


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
        'or lazy= strategy elsewhere in its graph; for an await of a lazy="raise" one, '
        "lazyload() there), and the two paths reach the same row: "
        "one object in the identity map, loaded through the other path. The plugin tracks "
        "each path on its own.",
        lambda facts: (
            facts.runtime.outcome == "loaded" and evidence.loaded_along_another_path(facts)
        ),
    ),
    Explanation(
        "loaded-by-earlier-access",
        "An earlier access in the scenario loaded this relationship without IO or through "
        "another expression (a read answered from the identity map, an await or assignment "
        "on the same row reached another way). The plugin tracks expressions, not rows.",
        lambda facts: (
            facts.runtime.outcome == "loaded" and evidence.loaded_by_earlier_access(facts)
        ),
    ),
    Explanation(
        "through-assignment",
        "The object was assigned earlier (root.rel = Target()): a new object, nothing to "
        "load. The plugin keeps what the query loaded for root.rel's own relationships.",
        lambda facts: facts.runtime.outcome == "loaded" and evidence.through_assignment(facts),
    ),
    Explanation(
        "through-reported-read",
        "The object was reached through a read the plugin reported (an over-approximation "
        "above): the plugin gives it no load state, which strict mode counts as nothing "
        "loaded.",
        lambda facts: facts.mode == "strict" and evidence.previous_hop_reported(facts),
    ),
    Explanation(
        "refresh-reloaded-cycle",
        "session.refresh(root) reloaded root's graph, and SQLAlchemy ran an eager lazy= "
        "strategy below root that its cycle check skips in a query (the plugin lifts the "
        "check after a refresh only for root's own relationships: below it, refresh "
        "results were measured both ways).",
        lambda facts: facts.runtime.outcome == "loaded" and evidence.below_refreshed_root(facts),
    ),
    Explanation(
        "refresh-self-referential-many-to-one",
        'refresh(node, ["parent"]) leaves a self-referential many-to-one unloaded unless the '
        "session holds the parent row (then it is set without SQL): the plugin does not "
        "count the refresh for it, and reports a read that the session could answer.",
        lambda facts: (
            facts.runtime.outcome == "loaded"
            and evidence.refreshed_self_referential_many_to_one(facts)
        ),
    ),
    Explanation(
        "refresh-names-on-joined-row",
        'refresh(root, ["j", "rel"]) with j joined-loaded: the refresh query joins j again and '
        "SQLAlchemy loads every name of attribute_names on each object of that query by key, "
        "the joined rows included (measured: root.j[0].rel loaded; not with selectinload(j), "
        "nor when j is not named). The site reads such a row, maybe through another path "
        "(root.peer_of[0] is root.peers[0]); the plugin counts the refresh for root only.",
        lambda facts: (
            facts.runtime.outcome == "loaded" and evidence.named_by_refresh_on_joined_row(facts)
        ),
    ),
    Explanation(
        "refresh-names-on-root-row",
        'refresh(root, ["rel"]) loaded root.rel, and the site reads rel on an object of '
        "root's class reached through two hops or more (root.cs0[0].a0, h1[0].a0): with "
        "the seed rows that round trip reaches root itself, whose rel is loaded. The plugin "
        "tracks expressions, not rows: the object's state is what the query loaded along "
        "that path.",
        lambda facts: (
            facts.runtime.outcome == "loaded" and evidence.named_by_refresh_on_root_class(facts)
        ),
    ),
    Explanation(
        "refresh-runs-nested-selectin",
        'refresh(root) or refresh(root, ["j"]) with j loaded joined: the refresh runs the '
        'selectin strategies of j\'s targets as immediate loads, and a lazy="selectin" '
        "relationship whose target is on the load path (a query skips it without join_depth) "
        "is loaded on j's rows (measured: root.j[0].rel not loaded after the query alone, "
        "loaded after the refresh). The plugin keeps the query's cycle rule for the refresh.",
        lambda facts: (
            facts.runtime.outcome == "loaded" and evidence.refresh_runs_nested_selectin(facts)
        ),
    ),
    Explanation(
        "refresh-joins-row-again",
        'refresh(root, ["j"]) with j lazy="joined": the refresh\'s query joins j\'s row again '
        "and populates what the object there has not loaded with its class's strategies (a "
        'flushed constructed object gets its lazy="immediate" relationship; measured). '
        "The plugin keeps that object's own state (nothing loaded after its flush).",
        lambda facts: (
            facts.runtime.outcome == "loaded" and evidence.refresh_joins_row_again(facts)
        ),
    ),
    Explanation(
        "rollback-without-transaction",
        "rollback() while no transaction was open (right after a commit or another "
        "rollback, no SQL since) expires nothing: the session begins a transaction at its "
        "first SQL (measured: an object stays loaded after commit(), rollback() with "
        "expire_on_commit=False). The plugin counts every rollback as expiring.",
        lambda facts: (
            facts.runtime.outcome == "loaded" and evidence.rollback_without_transaction(facts)
        ),
    ),
    Explanation(
        "handle-reloaded",
        "h = await root.awaitable_attrs.rel, then a commit (expire_on_commit=True), rollback "
        'or expire_all() expired h, then refresh(root, ["rel"]) or another await of rel '
        "loaded rel's rows again: the session hands back the same objects with what expired "
        "on them loaded (measured: h.name loaded after commit, refresh(root, [..., "
        '"parent"])). The plugin tracks h on its own and keeps it expired.',
        lambda facts: (
            facts.runtime.outcome == "loaded"
            and isinstance(facts.step, Read)
            and facts.site.hop == 0
            and evidence.handle_reloaded(
                facts.earlier_steps, facts.step.base, facts.scenario.expire_on_commit
            )
        ),
    ),
    Explanation(
        "expiry-drops-option-loader",
        "await root.awaitable_attrs.rel where the query gave rel raiseload(), after a step "
        "expired rel (commit with expire_on_commit=True, rollback, expire, expire_all): "
        "expiring an attribute drops the loader an option set on the object, and the await "
        "runs rel's own lazy= strategy (measured: loaded). The plugin keeps the option's "
        "raiseload for the object.",
        lambda facts: (
            facts.runtime.outcome == "loaded" and evidence.awaited_raiseload_after_expiry(facts)
        ),
    ),
    Explanation(
        "rollback-expunged-flushed-object",
        "A constructed object flushed in the transaction that rollback() undid is expunged "
        "(transient again): its reads never load, they give what it holds or None "
        "(measured: root.note after flush, rollback reads None without SQL). The plugin "
        "counts the rollback as expiring it.",
        lambda facts: (
            facts.runtime.outcome in ("loaded", "identity")
            and evidence.rolled_back_flush(facts.scenario, facts.site.step)
        ),
    ),
    Explanation(
        "eager-strategy-reloaded-with-columns",
        "root.rel with an eager lazy= strategy, expired, then an await (or a refresh naming "
        "a many-to-one or a self-referential relationship) that loads root's expired "
        "columns: that load of root's row runs its eager strategies too, and rel is loaded "
        '(measured: lazy="joined" parent after expire_all() and an await of another '
        "relationship). The plugin makes only the awaited or refreshed attribute readable.",
        lambda facts: (
            facts.runtime.outcome == "loaded" and evidence.eager_reloaded_with_columns(facts)
        ),
    ),
    Explanation(
        "noload-option",
        "noload() sets the relationship to []/None without IO: the read does not raise, but "
        "it is not loaded either (the code reads an empty collection). The plugin treats "
        "noload() like lazyload() and raiseload(): none of them loads.",
        lambda facts: evidence.option_loader(facts) == "noload",
    ),
)
ACCEPTED_MISSES: tuple[Explanation, ...] = (
    Explanation(
        "one-report-per-call",
        "A call of a function that reads a path from its argument is reported once, for "
        "the first path the plugin finds unloaded (reads.py, check_call): the hops after "
        "it are not reported again. At run time they are reached only when the reported "
        "hop was an over-approximation (above).",
        lambda facts: facts.site.call and evidence.previous_hop_reported(facts),
    ),
    Explanation(
        "eager-many-to-one-in-cycle",
        "SQLAlchemy skips an eager lazy= strategy whose target class is already on the load "
        "path (a self-referential many-to-one always); the lazy load then raises when the "
        "target row is not in the session. The plugin counts such many-to-ones as loaded: "
        "usually the query loaded the target (post.author of user.posts), and reporting "
        "those would be false positives.",
        evidence.eager_many_to_one_in_cycle,
    ),
    Explanation(
        "joined-collection-in-deep-cycle",
        'A lazy="joined" collection in a cycle below the first hop: SQLAlchemy skips it when '
        "every hop above is joined too, and runs it under a selectin/subquery hop (a query "
        "of its own). The plugin does not track how each hop was loaded and counts it as "
        "loaded.",
        evidence.joined_collection_in_deep_cycle,
    ),
    Explanation(
        "through-reported-read",
        "Default mode reports the first unloaded hop of a chain and gives the object it "
        "reads no state, so it stays quiet on the hops after it. At run time they are "
        "reached only when the reported hop was an over-approximation (above).",
        lambda facts: facts.mode == "default" and evidence.previous_hop_reported(facts),
    ),
    Explanation(
        "suboption-on-row-in-session",
        "immediateload(B.peers).selectinload(B.tags): the lazy load of peers (as a refresh's "
        "load of a named relationship) hands over a row the query already loaded (its "
        "entity's rows, an earlier hop's, another path's) as it is: neither the options "
        "chained after it nor its target's eager lazy= strategies run on that row "
        "(raiseload(A.bs) on the entity's rows with immediateload(A.parent) leaves a.parent.bs "
        "raising; measured: loaded when the query filtered that row out). Which rows a "
        "session holds depends on the data; the plugin stalls a chain statically only after "
        "a many-to-one back to the object being loaded (chains.py), where the row is always "
        "there.",
        evidence.suboption_on_row_in_session,
    ),
    Explanation(
        "unloaded-along-another-path",
        "Another path of the query reaches rows of the site's class and leaves this "
        "relationship unloaded there (joinedload(A.children).raiseload(A.kids), a lazy "
        "strategy, or an eager one skipped because its target is on that path), and the "
        "site's row was loaded there first: a row the session holds is handed over as it is "
        "(a many-to-one's lazy or selectin load finds it in the identity map), so "
        "root.parent.kids raises when the parent is also a child (a cycle in the data) and "
        "loads otherwise (measured). Which rows two paths share depends on the data; the "
        "plugin tracks each path on its own.",
        evidence.unloaded_along_another_path,
    ),
    Explanation(
        "reverse-lazyload-conflict",
        "The lazy load (an await of awaitable_attrs) of a one-to-many whose inverse "
        "many-to-one is eager (lazy= selectin/joined/subquery/immediate) adds lazyload() "
        "of that inverse to its statement, and the query's options give the same path "
        "another loader (lazyload(A.bs).raiseload(B.a)): SQLAlchemy rejects the statement "
        "with InvalidRequestError (measured for every such loader). It is a conflict of "
        "options, not a read of an unloaded relationship: out of alchemy-lazy-load's scope.",
        lambda facts: (
            facts.site.kind == "await"
            and "conflict" in (facts.runtime.exception or "")
            and evidence.reverse_lazyload_conflict(facts)
        ),
    ),
)
KNOWN_BUGS: tuple[KnownBug, ...] = (
    KnownBug(
        "read-summary-after-flush",
        "A constructed object, added and flushed, has the relationships it was not given "
        "unloaded, and so have the objects it was given and the objects assigned to a "
        "relationship (root.rel = [Target()]) once a flush or an autoflush ran (a read of "
        "one is reported), but a call of a function that reads one is not reported: the "
        "call's check (reads.check_call) takes the argument's state from its type, the "
        "constructor's, and does not see the flush.",
        evidence.call_after_flush,
        regression="lazy_load_regression_read_summary_after_flush",
        raises=True,
    ),
    KnownBug(
        "flushed-after-assignment",
        "root.rel = Target(), then a flush (explicit, the autoflush of a refresh or an "
        "await, a commit): the new object is persistent, with the relationships it was not given "
        "(nor set through back_populates) unloaded, and a read of one raises (a refresh "
        "naming rel loads that object again). The plugin keeps the state the assignment "
        "gave (a new object: nothing to load) and is quiet.",
        evidence.flushed_after_assignment,
        regression="lazy_load_regression_flushed_after_assignment",
        raises=True,
    ),
    KnownBug(
        "refresh-by-name-after-flush-eager-back-side",
        'A constructed root, flushed, then refresh(root, ["rel"]): the objects the '
        "constructor gave rel lose their back-populated side, and a read of it raises. The "
        "plugin reports it (lazy_load_regression_refresh_by_name_after_flush) unless that "
        "side has an eager lazy= strategy: it counts the strategy as loading it on the "
        "refreshed rows, where SQLAlchemy skips it (its target class is on the load path).",
        evidence.refreshed_back_side_after_flush,
        regression="lazy_load_regression_refresh_by_name_after_flush_many_to_many",
        raises=True,
    ),
    KnownBug(
        "indexed-element-after-expiry",
        "h[0].rel, where h is a collection awaited before a commit (expire_on_commit=True), "
        "rollback or expire_all(): the element is expired and the read raises MissingGreenlet "
        "(measured). The plugin expires an element taken from the list by name (b = h[0]), "
        "not one read through the index expression.",
        lambda facts: (
            facts.site.hop == 0
            and isinstance(facts.step, Read)
            and evidence.indexed_element_after_expiry(
                facts.earlier_steps, facts.step.base, facts.scenario.expire_on_commit
            )
        ),
        regression="expired_regression_indexed_element_of_list",
        raises=True,
    ),
    KnownBug(
        "awaited-raise-relationship-after-expiry",
        'await root.awaitable_attrs.rel of a lazy="raise" relationship that was loaded, then '
        "expired (commit with expire_on_commit=True, rollback, expire, expire_all): the await "
        "runs the raising strategy, InvalidRequestError (measured). The plugin reports the "
        "await only when the query did not load the relationship.",
        evidence.awaited_raise_after_expiry,
        regression="expired_regression_awaited_raise_relationship",
        raises=True,
    ),
)


@dataclass(frozen=True)
class ColumnExplanation:
    """An explanation of a column read's disagreement (``ColumnFacts``)."""

    name: str
    reason: str
    applies: Callable[[ColumnFacts], bool]


@dataclass(frozen=True)
class ColumnKnownBug(ColumnExplanation):
    regression: str  # the case of test-regressions.yml that pins it
    raises: bool  # a miss (the read raised) or a false report


COLUMN_OVER_APPROXIMATIONS: tuple[ColumnExplanation, ...] = (
    ColumnExplanation(
        "through-reported-read",
        "As for relationships: the object was reached through a relationship read the "
        "plugin reported; it has no load state, which strict mode counts as nothing loaded.",
        lambda facts: facts.mode == "strict" and evidence.column_through_reported_read(facts),
    ),
    ColumnExplanation(
        "rollback-without-transaction",
        "As for relationships: a rollback() with no transaction open expires nothing.",
        evidence.rollback_without_transaction,
    ),
    ColumnExplanation(
        "rollback-expunged-flushed-object",
        "As for relationships: a rollback expunges a constructed object flushed in its "
        "transaction, and a transient object's column reads never load.",
        lambda facts: evidence.rolled_back_flush(facts.scenario, facts.site.step),
    ),
    ColumnExplanation(
        "column-undeferred-on-entity-rows",
        "undefer(A.note) or load_only(A.note) applies to the query's entity rows; a row of A "
        "reached through a relationship (h1[0].note after await root.awaitable_attrs.peers) "
        "is the object the query loaded as an entity row when the query loaded that row too "
        "(select(A) without where loads both seed rows): the lazy load hands it over as it is, "
        "note loaded (measured). Which rows the session holds depends on the data; the "
        "plugin counts note as deferred on every object a relationship reaches.",
        evidence.column_undeferred_on_entity_rows,
    ),
    ColumnExplanation(
        "handle-reloaded",
        "As for relationships: the awaited object was loaded again after it expired.",
        lambda facts: (
            isinstance(facts.step, ColumnRead | Read)
            and evidence.handle_reloaded(
                facts.earlier_steps, facts.step.base, facts.scenario.expire_on_commit
            )
        ),
    ),
    ColumnExplanation(
        "lazy-load-unexpires-columns",
        'refresh(root, ["parent"]) (a many-to-one) or await root.awaitable_attrs.rel after '
        "root expired: the lazy load reads root's foreign or primary key, and loading that "
        "expired column loads every expired column that is not deferred, name included "
        '(measured; not with refresh(root, ["bs"]) of a collection, whose query has the key). '
        'Also refresh(root, ["children"]) of a relationship to root\'s own class: the rows it '
        "loads, and their eager strategies, reach root's row again (rows 1 and 2 point at "
        "each other), and a load of a row the session holds fills its expired columns "
        "(measured: name loaded after refresh of peers, children or parent). The plugin "
        "makes only the refreshed or awaited attribute readable.",
        evidence.many_to_one_load_unexpired_columns,
    ),
    ColumnExplanation(
        "column-refreshed-on-root-reached-again",
        'refresh(root, ["note"]) loaded note on root, and a relationship path of the root\'s '
        "class leads back to root (h1[0].peer_of0[0] is root with rows 1 and 2 pointing at "
        "each other; measured: note loaded). The plugin counts note as deferred on every "
        "object a relationship reaches.",
        evidence.column_refreshed_on_root_reached_again,
    ),
    ColumnExplanation(
        "column-loaded-along-another-path",
        "defer(A.name) or load_only() applies to the query's entity only; the query also "
        "loads rows of A along a relationship (joinedload(A.bs).joinedload(B.a), an eager "
        "lazy= strategy), and the seed rows lead back to the root, whose unloaded name the "
        "row load fills (measured: root.name loaded). Which rows two paths share depends on "
        "the data; the plugin tracks the entity's options only.",
        evidence.column_loaded_along_another_path,
    ),
)
COLUMN_ACCEPTED_MISSES: tuple[ColumnExplanation, ...] = (
    ColumnExplanation(
        "column-deferred-on-entity-rows",
        "The converse of column-undeferred-on-entity-rows: defer(A.name) (or a load_only() "
        "without it) on the query's entity, and a row of A reached through a relationship "
        "is an entity row the session already holds, handed over with name unloaded: the "
        "read raises. The plugin counts name as loaded on the objects a relationship "
        "reaches (usually other rows).",
        evidence.column_deferred_on_entity_rows,
    ),
    ColumnExplanation(
        "through-reported-read",
        "As for relationships: default mode stays quiet on what follows a reported hop.",
        lambda facts: facts.mode == "default" and evidence.column_through_reported_read(facts),
    ),
)
COLUMN_KNOWN_BUGS: tuple[ColumnKnownBug, ...] = (
    ColumnKnownBug(
        "indexed-element-after-expiry",
        "As for relationships: h[0].name after the element expired is not reported.",
        lambda facts: (
            isinstance(facts.step, ColumnRead)
            and evidence.indexed_element_after_expiry(
                facts.earlier_steps, facts.step.base, facts.scenario.expire_on_commit
            )
        ),
        regression="expired_regression_indexed_element_of_list",
        raises=True,
    ),
    ColumnKnownBug(
        "unset-deferred-column-after-flush",
        "A constructed object that never set its deferred column, flushed: the read runs the "
        "column's deferred loader and raises MissingGreenlet (measured; a column that is not "
        "deferred reads None). The plugin counts a constructed object's columns as loaded.",
        evidence.unset_deferred_column_after_flush,
        regression="deferred_regression_unset_on_flushed_object",
        raises=True,
    ),
    ColumnKnownBug(
        "refresh-without-names-keeps-deferred",
        "refresh(root) without attribute names reapplies the object's load options: a column "
        "deferred by its declaration or by defer()/load_only() stays unloaded, and the read "
        "raises MissingGreenlet (measured; refresh(root, [column]) or undefer() loads it). "
        "The plugin counts every column as loaded after the refresh.",
        evidence.refreshed_whole_deferred_column,
        regression="deferred_regression_refresh_without_names",
        raises=True,
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
    for bug in KNOWN_BUGS:
        if bug.raises == raised and bug.applies(facts):
            return f"bug:{bug.name}"
    label, table = ("miss", ACCEPTED_MISSES) if raised else ("over", OVER_APPROXIMATIONS)
    for explanation in table:
        if explanation.applies(facts):
            return f"{label}:{explanation.name}"
    return "unexplained"


def explain_column(facts: ColumnFacts) -> str:
    """``explain`` for a column read (never hidden: it is a statement of its own)."""
    raised = facts.runtime.outcome == "raised"
    if facts.runtime.outcome == "unreached":
        return "unreached"
    if raised == facts.reported:
        return "agree:raised" if raised else "agree"
    for bug in COLUMN_KNOWN_BUGS:
        if bug.raises == raised and bug.applies(facts):
            return f"bug:{bug.name}"
    label, table = (
        ("miss", COLUMN_ACCEPTED_MISSES) if raised else ("over", COLUMN_OVER_APPROXIMATIONS)
    )
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
    examples = DEFAULT_EXAMPLES if wanted is None else max(1, math.ceil(wanted / batch / SHARDS))
    base_seed = 0 if wanted is None else long_seed()
    counts: Counter[str] = Counter()

    @seed(base_seed + shard)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        verbosity=Verbosity.quiet,
    )
    @given(st.lists(programs(), min_size=batch, max_size=batch))
    def check(batch_programs: list[Program]) -> None:
        directory = tmp_path_factory.mktemp(f"differential-{shard}-")
        failures = check_batch(
            directory, batch_programs, mypy_configs, counts, explain, explain_column
        )
        rerun = f"(shard {shard}; rerun with {SEED_ENV}={base_seed})" if wanted else ""
        assert not failures, "\n\n".join([*failures, rerun])

    try:
        check()
    finally:
        differential_counts.update(counts)
        path = tmp_path_factory.mktemp("differential-counts") / f"shard-{shard}.json"
        path.write_text(json.dumps({"seed": base_seed + shard, **counts}, indent=1))
        counts_files.append(str(path))
    assert counts["programs"] >= examples * batch


def test_known_bugs_are_pinned_by_regression_cases() -> None:
    cases = (Path(__file__).parents[1] / "typecheck/loading/test-regressions.yml").read_text()
    for bug in (*KNOWN_BUGS, *COLUMN_KNOWN_BUGS):
        assert f"- case: {bug.regression}\n" in cases, bug.name
