"""Evidence for the explanations in ``test_differential.py``: predicates over ``Facts``
(relationship accesses) and ``ColumnFacts`` (column reads).

Each predicate describes the shape of the program that SQLAlchemy's behaviour depends on
(what the query's options load along a path, what ran earlier in the scenario), or the
plugin's on a read made in a function the scenario calls (``ReadIn``: a ``Read`` to every
predicate that reasons about the run time); the explanation that uses it also states the
run-time outcome it goes with.
"""

from __future__ import annotations

from .program import (
    DEFERRED_COLUMNS,
    EAGER_LOADERS,
    Assign,
    Await,
    ColumnRead,
    Commit,
    Construct,
    Expire,
    ExpireAll,
    Flush,
    Program,
    Query,
    Read,
    ReadIn,
    Refresh,
    Relationship,
    Rollback,
    Scenario,
    Step,
)
from .verdicts import ColumnFacts, Facts

# lazy= strategies SQLAlchemy skips (without join_depth) when the target is on the load path.
CYCLE_CHECKED_STRATEGIES = frozenset({"selectin", "joined", "subquery", "immediate"})
# Loaders that apply their sub-options to a many-to-one target already in the session.
MERGING_LOADERS = frozenset({"selectinload", "joinedload"})
_STRATEGY_LOADERS = {
    "selectin": "selectinload",
    "joined": "joinedload",
    "subquery": "subqueryload",
    "immediate": "immediateload",
}
# Options after which a relationship holds its value: noload() sets [] or None.
_POPULATING_LOADERS = EAGER_LOADERS | {"noload"}
_RAISE_STRATEGIES = frozenset({"raise", "raise_on_sql"})
# Options that leave a relationship unloaded on the rows of their path.
_UNLOADING_LOADERS = frozenset({"raiseload", "lazyload"})
# Options after which the query loads no rows along their path.
_NON_LOADING_LOADERS = _UNLOADING_LOADERS | {"noload"}
# Steps that flush the session first (refresh and lazy loads autoflush).
_FLUSHING_STEPS = (Flush, Refresh, Await)


def _awaited(steps: tuple[Step, ...], base: int) -> tuple[int, Await] | None:
    """The await that made ``h<base>``, with its index in ``steps``; None for the root
    (``base`` 0) or when ``steps`` end before it."""
    awaits = [(index, step) for index, step in enumerate(steps) if isinstance(step, Await)]
    return awaits[base - 1] if 0 < base <= len(awaits) else None


def _expires_every_object(step: Step, expire_on_commit: bool) -> bool:
    """A rollback, ``expire_all()``, or a commit of a session that expires on commit."""
    return isinstance(step, Rollback | ExpireAll) or (
        isinstance(step, Commit) and expire_on_commit
    )


def query_path(facts: Facts) -> tuple[Relationship, ...] | None:
    """The relationships from the query's entity to this site's; None for a constructed root.

    A read from ``h<k>`` (``await root.awaitable_attrs.rel``) continues the path through
    ``rel``: the lazy load that fetched it carries the query's load path and options.
    """
    if not isinstance(facts.scenario.root, Query):
        return None
    step = facts.step
    if not isinstance(step, Read):
        return (facts.site.relationship,)
    awaited = _awaited(facts.earlier_steps, step.base)
    through = (awaited[1].relationship,) if awaited is not None else ()
    return (*through, *step.path[: facts.site.hop + 1])


def option_loader(facts: Facts, path: tuple[Relationship, ...] | None = None) -> str | None:
    """The loader the query's options give ``path`` (default: the site's); defaultload and
    no option are None."""
    root = facts.scenario.root
    path = path or query_path(facts)
    if not path or not isinstance(root, Query):
        return None
    for option in root.options:
        loader = option.loaders[len(path) - 1] if len(option.path) >= len(path) else None
        if option.path[: len(path)] == path and loader != "defaultload":
            return loader
    return None


def reads_root(facts: Facts) -> bool:
    """The site is ``root.<rel>``: hop 0 of a read from the root object."""
    step = facts.step
    return isinstance(step, Read) and step.base == 0 and facts.site.hop == 0


def previous_hop_reported(facts: Facts) -> bool:
    return facts.site.hop > 0 and facts.statement[facts.site.hop - 1] in facts.reported_sites


def eager_many_to_one_in_cycle(facts: Facts) -> bool:
    """A many-to-one whose eager lazy= strategy SQLAlchemy skips because its target class is
    already on the load path (a self-referential ``node.parent``), with no option for it."""
    rel = facts.site.relationship
    path = query_path(facts)
    root = facts.scenario.root
    if rel.kind != "many-to-one" or rel.lazy not in CYCLE_CHECKED_STRATEGIES:
        return False
    if path is None or not isinstance(root, Query) or option_loader(facts) is not None:
        return False
    owners = [root.model, *(hop.target for hop in path[:-1])]
    return rel.target in owners


def joined_collection_in_deep_cycle(facts: Facts) -> bool:
    """A ``lazy="joined"`` collection whose target class is on the load path, two or more
    hops below the query's entity, with no option for it."""
    rel = facts.site.relationship
    path = query_path(facts)
    root = facts.scenario.root
    if rel.lazy != "joined" or rel.kind == "many-to-one" or path is None or len(path) < 2:
        return False
    if not isinstance(root, Query) or option_loader(facts) is not None:
        return False
    owners = [root.model, *(hop.target for hop in path[:-1])]
    return rel.target in owners


def refreshed_self_referential_many_to_one(facts: Facts) -> bool:
    """``root.parent`` or ``await root.awaitable_attrs.parent`` (self-referential
    many-to-one) after ``refresh(root, ["parent"])``."""
    rel = facts.site.relationship
    return (
        (reads_root(facts) or isinstance(facts.step, Await))
        and rel.kind == "many-to-one"
        and rel.link.self_referential
        and any(
            isinstance(step, Refresh) and rel.name in (step.names or ())
            for step in facts.earlier_steps
        )
    )


def below_refreshed_root(facts: Facts) -> bool:
    """An eager lazy= strategy below the root, after ``session.refresh(root)`` reloaded it."""
    return (
        facts.site.hop >= 1
        and facts.site.relationship.lazy in CYCLE_CHECKED_STRATEGIES
        and any(isinstance(step, Refresh) and step.names is None for step in facts.earlier_steps)
    )


def suboption_on_row_in_session(facts: Facts) -> bool:
    """The site is loaded only by an option chained after an earlier hop, or by its own
    eager lazy= strategy, where that hop's loader does not apply sub-options to an object
    the session already holds (all but selectinload and joinedload; a refresh's load of a
    named relationship is an immediate load), and whose target class the query loads
    elsewhere (its entity, an earlier hop's target, another path's): the row it reaches may
    be one of those.

    immediateload's lazy load (a collection's too) hands such a row over as it is, loaded
    as its first path loaded it (raiseload(A.bs) at the entity's path), and neither the
    options after the hop nor the target's strategies run on it; which rows the session
    holds depends on the data (a query for every row of a self-referential table holds them
    all). The plugin's chains.py handles the one case known statically: a many-to-one back
    to the object being loaded.
    """
    path = query_path(facts) or ()
    root = facts.scenario.root
    if not path or not isinstance(root, Query):
        return False
    if _loader(facts, path) not in EAGER_LOADERS:
        return False
    elsewhere = _classes_loaded(facts, root)
    for index in range(len(path) - 1):
        loaded_before = {*elsewhere, *(hop.target for hop in path[:index])}
        if (
            _loader(facts, path[: index + 1]) not in MERGING_LOADERS
            and path[index].target in loaded_before
        ):
            return True
    return False


def _classes_loaded(facts: Facts, root: Query) -> set[int]:
    """The classes whose rows the query loads (root.bs0, lazy="selectin", holds B rows
    before a refresh of root.bs2 hands them over)."""
    return {path[-1].target if path else root.model for path in _loading_paths(facts, root)}


def _loader(facts: Facts, path: tuple[Relationship, ...]) -> str:
    """How ``path`` is loaded: its option's loader, else its relationship's strategy."""
    found = option_loader(facts, path)
    return found if found is not None else _STRATEGY_LOADERS.get(path[-1].lazy, "lazyload")


def loaded_by_earlier_access(facts: Facts) -> bool:
    """An earlier access in the scenario loaded this relationship, maybe on this very row
    reached another way: a read answered from the identity map, or an await or assignment
    (always on ``root``) when this read is not ``root.<rel>`` itself."""
    site = facts.site
    for other, runtime in facts.outcomes.items():
        if other.scenario != site.scenario or other.line >= site.line:
            continue
        if other.relationship != site.relationship or runtime.outcome in ("raised", "unreached"):
            continue
        if runtime.outcome == "identity" or (other.kind != "read" and not reads_root(facts)):
            return True
    return False


def through_assignment(facts: Facts) -> bool:
    """``root.rel = Target()`` earlier, and the site reads through ``root.rel``."""
    path = query_path(facts) or ()
    return len(path) > 1 and Assign(path[0]) in facts.earlier_steps


def loaded_along_another_path(facts: Facts) -> bool:
    """The query loads this relationship along another path too: an option there, or (when
    an option forces it lazy on this path) its own eager strategy. For an await of a
    lazy="raise" relationship, lazyload() there is enough: it replaces the raise on a row
    both paths reach, and the await loads it."""
    rel = facts.site.relationship
    root = facts.scenario.root
    path = query_path(facts)
    if not isinstance(root, Query):
        return False
    if rel.lazy in CYCLE_CHECKED_STRATEGIES and option_loader(facts) in ("lazyload", "raiseload"):
        return True
    populating = _POPULATING_LOADERS
    if facts.site.kind == "await" and rel.lazy in _RAISE_STRATEGIES:
        populating = populating | {"lazyload"}
    return any(
        hop == rel and loader in populating and option.path[: index + 1] != path
        for option in root.options
        for index, (hop, loader) in enumerate(zip(option.path, option.loaders, strict=True))
    )


def unloaded_along_another_path(facts: Facts) -> bool:
    """Another path of the query reaches rows of the site's class and leaves this
    relationship unloaded there (raiseload()/lazyload(), a lazy strategy, or an eager one
    that the target-on-the-path rule skips), and the site's row may have been loaded there
    first.

    A row the session already holds is handed over as it is (a many-to-one's lazy or
    selectin load finds it in the identity map; a lazy load's query does not repopulate
    it), with the relationship as that other path left it: root.parent.kids raises after
    joinedload(A.children).raiseload(A.kids) when the parent is also a child (a cycle in
    the data), and loads otherwise (measured).
    """
    rel = facts.site.relationship
    root = facts.scenario.root
    path = query_path(facts)
    if not isinstance(root, Query) or not path:
        return False
    return any(
        other != path[:-1] and _unloaded_at(facts, root, other, rel)
        for other in _loading_paths(facts, root)
        if (other[-1].target if other else root.model) == rel.owner
    )


def _loading_paths(facts: Facts, root: Query) -> set[tuple[Relationship, ...]]:
    """The paths along which the query loads rows: the entity's, each prefix of an option
    whose hops all load, and the entity's eager lazy= strategies."""
    found: set[tuple[Relationship, ...]] = {()}
    for option in root.options:
        for index, loader in enumerate(option.loaders):
            if loader in _NON_LOADING_LOADERS:
                break
            found.add(option.path[: index + 1])
    for rel in facts.program.relationships(root.model):
        if rel.lazy in CYCLE_CHECKED_STRATEGIES:
            found.add((rel,))
    return found


def _unloaded_at(
    facts: Facts, root: Query, prefix: tuple[Relationship, ...], rel: Relationship
) -> bool:
    """Whether the query leaves ``rel`` unloaded on the rows it reaches along ``prefix``."""
    loader = option_loader(facts, (*prefix, rel))
    if loader is not None:
        return loader in _UNLOADING_LOADERS
    if rel.lazy not in CYCLE_CHECKED_STRATEGIES:
        return True
    owners = {root.model, *(hop.target for hop in prefix)}
    return rel.collection and rel.lazy != "immediate" and rel.target in owners


def named_by_refresh_on_joined_row(facts: Facts) -> bool:
    """``root.<a>[0]...<rel>`` after ``refresh(root, [..., "<j>", "<rel>"])``, where ``j`` is a
    relationship of the root that the query loads joined (joinedload(), lazy="joined") and
    whose target class owns ``rel``.

    The refresh's query joins ``j`` again, and SQLAlchemy loads the names of
    ``attribute_names`` on every object of that query by key (the lazy loader checks
    ``only_load_props``), the joined rows included: the row the site reads, reached through
    another path, had ``rel`` loaded there.
    """
    step = facts.step
    rel = facts.site.relationship
    root = facts.scenario.root
    if not (isinstance(step, Read) and step.base == 0 and facts.site.hop >= 1):
        return False
    if not isinstance(root, Query):
        return False
    for earlier in facts.earlier_steps:
        if not (isinstance(earlier, Refresh) and earlier.names and rel.name in earlier.names):
            continue
        for joined in facts.program.relationships(root.model):
            if (
                joined.name in earlier.names
                and joined.target == rel.owner
                and _loaded_joined(facts, joined)
            ):
                return True
    return False


def refresh_runs_nested_selectin(facts: Facts) -> bool:
    """``root.<j>[0].<rel>`` after a refresh of root that reloads ``j`` (all of root, or
    ``j`` named), where ``j`` is loaded joined and ``rel`` is lazy="selectin" with its
    target class on the load path.

    A query skips such a selectin strategy (its target is on the path, no join_depth);
    a refresh runs the selectin loaders of its own query as immediate loads (strategies.py,
    ``context.refresh_state``), which load it on j's rows (measured: not loaded after the
    query alone; loaded after refresh(root) and refresh(root, ["j"]); not when j is
    selectin or lazy, whose rows a separate query loads).
    """
    step = facts.step
    root = facts.scenario.root
    path = query_path(facts)
    if not (isinstance(step, Read) and step.base == 0 and isinstance(root, Query)):
        return False
    if path is None or len(path) != 2:
        return False
    joined, rel = path
    if not _loaded_joined(facts, joined):
        return False
    if rel.lazy != "selectin" or rel.target not in (root.model, joined.target):
        return False
    return any(
        isinstance(earlier, Refresh) and (earlier.names is None or joined.name in earlier.names)
        for earlier in facts.earlier_steps
    )


def _loaded_joined(facts: Facts, rel: Relationship) -> bool:
    """Whether the query loads the entity's ``rel`` joined: joinedload(), or lazy="joined"."""
    loader = option_loader(facts, (rel,))
    return loader == "joinedload" or (loader is None and rel.lazy == "joined")


def refresh_joins_row_again(facts: Facts) -> bool:
    """``root.<j>.<rel>`` after ``refresh(root, [..., "j"])`` where ``j`` is lazy="joined"
    and ``rel`` has an eager lazy= strategy.

    The refresh's query joins ``j``'s row again, and a joined row populates what is not
    loaded on the object the session holds with its class's strategies (a flushed
    constructed object, which had nothing loaded, gets ``rel``; measured with
    ``lazy="immediate"``). A lazy or selectin ``j`` would find that object in the identity
    map and hand it over as it is. The plugin keeps the object's own state.
    """
    step = facts.step
    if not (isinstance(step, Read) and step.base == 0 and facts.site.hop == 1):
        return False
    joined = step.path[0]
    rel = facts.site.relationship
    if option_loader(facts, (joined,)) is not None or joined.lazy != "joined":
        return False
    if rel.lazy not in CYCLE_CHECKED_STRATEGIES:
        return False
    return any(
        isinstance(earlier, Refresh) and earlier.names is not None and joined.name in earlier.names
        for earlier in facts.earlier_steps
    )


def reverse_lazyload_conflict(facts: Facts) -> bool:
    """A lazy load of a one-to-many ``rel`` whose inverse many-to-one has an eager lazy=
    strategy, when the query's options give ``rel -> inverse`` a loader other than lazyload
    (raiseload, an eager one, noload).

    The lazy loader adds ``lazyload(inverse)`` to its statement (strategies.py,
    ``_lazyload_reverse``: the rows it loads are the inverse's targets already), which
    conflicts with the option on the same path: SQLAlchemy rejects the statement ("Loader
    strategy replacement lazyload(...) is in conflict with existing strategy ...").
    """
    rel = facts.site.relationship
    partner = rel.partner
    path = query_path(facts)
    if rel.kind != "one-to-many" or partner is None or path is None:
        return False
    if partner.lazy not in CYCLE_CHECKED_STRATEGIES:
        return False
    return option_loader(facts, (*path, partner)) not in (None, "lazyload")


def call_after_flush(facts: Facts) -> bool:
    """A read in a function the scenario calls, of an object made by a constructor and
    flushed since: the constructed root or an object it was given (``h<k>`` of an await
    before the flush) after ``session.add(root)`` and ``await session.flush()``; or
    ``h<k>`` of ``await root.awaitable_attrs.rel`` after ``root.rel = [Target()]``, with a
    step that flushes (a flush, a refresh, an await: autoflush) after the assignment."""
    step = facts.step
    if not isinstance(step, ReadIn):
        return False
    earlier = facts.earlier_steps
    if isinstance(facts.scenario.root, Construct) and Flush() in earlier:
        return True
    awaited = _awaited(earlier, step.base)
    if awaited is None:
        return False
    at, rel = awaited
    assigned = [index for index, s in enumerate(earlier[:at]) if s == Assign(rel.relationship)]
    return bool(assigned) and any(
        isinstance(s, _FLUSHING_STEPS) for s in earlier[assigned[-1] + 1 :]
    )


def named_by_refresh_on_root_class(facts: Facts) -> bool:
    """``h1[0].a0.rel`` or ``root.cs0[0].a0.rel`` (any path of two hops or more from the
    query's entity) reaching an object of the root's class, after ``refresh(root, [...,
    "rel"])``: the row may be root itself (a relationship and back: the seed rows of
    render.py make ``c.a0`` of each of a1's ``cs0`` the row a1), whose ``rel`` the refresh
    loaded."""
    rel = facts.site.relationship
    path = query_path(facts)
    root = facts.scenario.root
    if not isinstance(root, Query) or path is None or len(path) < 2 or rel.owner != root.model:
        return False
    return any(
        isinstance(earlier, Refresh) and earlier.names is not None and rel.name in earlier.names
        for earlier in facts.earlier_steps
    )


def _expires(step: Step, scenario_expires_on_commit: bool, name: str) -> bool:
    """Whether ``step`` expires the root's attribute ``name``."""
    if isinstance(step, Commit):
        return scenario_expires_on_commit
    if isinstance(step, Expire):
        return step.names is None or name in step.names
    return isinstance(step, Rollback | ExpireAll)


def awaited_raise_after_expiry(facts: Facts) -> bool:
    """``await root.awaitable_attrs.<rel>`` of a lazy="raise"/"raise_on_sql" relationship
    after a step that expired it, with no refresh or await of it since: the await runs
    the raising strategy."""
    return (
        facts.site.kind == "await"
        and facts.site.relationship.lazy in _RAISE_STRATEGIES
        and _expired_on_root(facts)
    )


def _expired_on_root(facts: Facts) -> bool:
    """Whether a step expired the root's ``rel`` (the site's) and none loaded it since."""
    rel = facts.site.relationship
    expired = False
    for step in facts.earlier_steps:
        if _expires(step, facts.scenario.expire_on_commit, rel.name):
            expired = True
        elif _loads(step, rel):
            expired = False
    return expired


def _loads(step: Step, rel: Relationship) -> bool:
    """Whether ``step`` loads the root's ``rel`` (a refresh of it, an await of it)."""
    if isinstance(step, Refresh):
        return step.names is None or rel.name in step.names
    return isinstance(step, Await) and step.relationship == rel


def deferred_at_load(facts: ColumnFacts) -> bool:
    """The root's column is not loaded with the row: ``note`` (deferred by its declaration)
    unless ``undefer()`` or ``load_only()`` names it, ``name`` when ``defer()`` or a
    ``load_only()`` that does not name it is among the query's options."""
    column = facts.site.column
    root = facts.scenario.root
    options = root.column_options if isinstance(root, Query) else ()
    for option in options:
        if option.loader == "load_only":
            return column not in option.names
        if column in option.names:
            return option.loader == "defer"
    return column in DEFERRED_COLUMNS


def refreshed_whole_deferred_column(facts: ColumnFacts) -> bool:
    """``root.<column>`` deferred at load (``deferred_at_load``), where the last refresh of
    root before the read named nothing: ``refresh(root)`` reapplies the object's load
    options and leaves deferred columns unloaded."""
    step = facts.step
    if not isinstance(step, ColumnRead) or step.base != 0 or not deferred_at_load(facts):
        return False
    refreshes = [s for s in facts.earlier_steps if isinstance(s, Refresh)]
    return bool(refreshes) and refreshes[-1].names is None


def unset_deferred_column_after_flush(facts: ColumnFacts) -> bool:
    """``root.note`` of a constructed root (which never sets it) that was flushed, with no
    refresh naming it since, or ``root.rel.note`` after ``root.rel = Target()`` and a step
    that flushes: the deferred column's loader runs on the persistent object (``name``,
    not deferred, reads None without IO). Also ``root.rel....note`` through a relationship
    the constructor gave, and ``h<k>[0].note`` of an await of one: the objects reached are
    constructed ones (the given object, or root itself through its back-populated side)."""
    step = facts.step
    column = facts.site.column
    root = facts.scenario.root
    if column not in DEFERRED_COLUMNS or not isinstance(step, Read | ColumnRead):
        return False
    if isinstance(step, ColumnRead):
        awaited = _awaited(facts.earlier_steps, step.base)  # h<k>[0].note
        first = awaited[1].relationship if awaited is not None else None
    else:
        first = step.path[0] if step.base == 0 else None
    given = isinstance(root, Construct) and (first is None or first in root.related)
    if not given or (isinstance(step, Read) and step.base != 0):
        return isinstance(step, Read) and _assigned_then_flushed(facts, step)
    flushed = False
    for earlier in facts.earlier_steps:
        if isinstance(earlier, Flush):
            flushed = True
        elif isinstance(earlier, Refresh) and earlier.names and column in earlier.names:
            flushed = False
    return flushed


def rollback_without_transaction(facts: Facts | ColumnFacts) -> bool:
    """An earlier ``rollback()`` of the scenario ran with no transaction open (recorded by
    the runner): the session begins one at its first SQL, so after a commit or rollback
    with no SQL since (reads that load nothing included) a rollback expires nothing."""
    site = facts.site
    return any((site.scenario, index) in facts.idle_rollbacks for index in range(site.step))


def column_loaded_along_another_path(facts: ColumnFacts) -> bool:
    """``root.name`` deferred by the query's options on its entity, where the query also
    loads rows of the root's class along a relationship (an option path, an eager lazy=
    strategy): a row reached there may be the root itself (the seed rows point back at it),
    and a row load fills what the object has not loaded with that path's columns."""
    step = facts.step
    root = facts.scenario.root
    column = facts.site.column
    if not isinstance(step, ColumnRead) or step.base != 0 or not isinstance(root, Query):
        return False
    if column in DEFERRED_COLUMNS or not deferred_at_load(facts):
        return False
    return root.model in _classes_reached(facts.program, root)


def _classes_reached(program: Program, root: Query) -> set[int]:
    """Classes whose rows the query loads below its entity: the targets of each option
    prefix whose hops all load, and of eager lazy= strategies from those (transitively)."""
    reached: set[int] = set()
    frontier = [root.model]
    for option in root.options:
        for loader, rel in zip(option.loaders, option.path, strict=True):
            if loader in _NON_LOADING_LOADERS:
                break
            frontier.append(rel.target)
            reached.add(rel.target)
    seen: set[int] = set()
    while frontier:
        model = frontier.pop()
        if model in seen:
            continue
        seen.add(model)
        for rel in program.relationships(model):
            if rel.lazy in CYCLE_CHECKED_STRATEGIES:
                reached.add(rel.target)
                frontier.append(rel.target)
    return reached


def indexed_element_after_expiry(
    steps: tuple[Step, ...], base: int, expire_on_commit: bool
) -> bool:
    """A read that starts at ``h<base>[0]`` (an element of a collection awaited earlier),
    after a step that expired every object (a commit of a session that expires on commit,
    a rollback, ``expire_all()``) since the await."""
    awaited = _awaited(steps, base)
    if awaited is None or not awaited[1].relationship.collection:
        return False
    return any(_expires_every_object(s, expire_on_commit) for s in steps[awaited[0] + 1 :])


def rolled_back_flush(scenario: Scenario, before: int) -> bool:
    """A constructed root was flushed, then a rollback undid that flush's transaction (no
    commit between), before step ``before``: the rollback expunged it (transient again), and
    a transient object's reads never load (they give what the object holds, or None). A
    flush after that inserts it again with what it holds, loaded until a step expires it (a
    rollback, a commit that expires, ``expire()``, ``expire_all()``)."""
    if not isinstance(scenario.root, Construct):
        return False
    state = "new"  # pending, transient, again (inserted again), kept (committed so), other
    for step in scenario.steps[:before]:
        if isinstance(step, Flush):
            state = {"new": "pending", "transient": "again"}.get(state, state)
        elif isinstance(step, Rollback):
            state = {"pending": "transient", "again": "transient", "kept": "other"}.get(
                state, state
            )
        elif isinstance(step, Commit):
            kept = "other" if scenario.expire_on_commit else "kept"
            state = {"pending": "other", "again": kept, "kept": kept}.get(state, state)
        elif isinstance(step, Expire | ExpireAll) and state in ("again", "kept"):
            state = "other"
    return state in ("transient", "again", "kept")


def column_through_reported_read(facts: ColumnFacts) -> bool:
    """``<base>.r1[0].<column>`` where this mode reported a relationship hop before the
    column: the plugin gives the object it reads no load state."""
    site = facts.site
    return site.hop > 0 and any(
        other.scenario == site.scenario and other.step == site.step
        for other in facts.reported_sites
    )


def _row_of_entity_class(facts: ColumnFacts) -> bool:
    """The column read is on an object of the query entity's class reached through a
    relationship (a handle, a path), not on the root itself: it may be a row the query
    loaded as its entity (every row, without ``where``; the seed rows lead back to row 1)."""
    root = facts.scenario.root
    step = facts.step
    direct = isinstance(step, ColumnRead) and step.base == 0
    return isinstance(root, Query) and facts.site.model == root.model and not direct


def column_undeferred_on_entity_rows(facts: ColumnFacts) -> bool:
    """``h1[0].note`` (or ``root.peers[0].note``) where the query undeferred ``note`` on its
    entity (undefer(), load_only() naming it) and the object is of the entity's class."""
    column = facts.site.column
    return (
        column in DEFERRED_COLUMNS and not deferred_at_load(facts) and _row_of_entity_class(facts)
    )


def column_deferred_on_entity_rows(facts: ColumnFacts) -> bool:
    """``h1[0].name`` (or ``root.peers[0].name``) where the query deferred ``name`` on its
    entity (defer(), a load_only() not naming it) and the object is of the entity's
    class."""
    column = facts.site.column
    return (
        column not in DEFERRED_COLUMNS and deferred_at_load(facts) and _row_of_entity_class(facts)
    )


def many_to_one_load_unexpired_columns(facts: ColumnFacts) -> bool:
    """``root.name`` after ``refresh(root, [..., "<many-to-one>"])`` or an ``await
    root.awaitable_attrs.<rel>``: the lazy load reads the root's foreign key (a
    many-to-one) or primary key (any await), and loading an expired one loads every
    expired column of the root that is not deferred (measured after expire_all():
    refresh(a, ["parent"]) and an await of a.bs, a.parent or a.peers leave only note and
    the other relationships unloaded; refresh(a, ["bs"]) leaves name unloaded: the refresh
    query has the key already). A refresh naming a relationship to the root's own class
    (self-referential) loads rows of that class, which reach the root's row again through
    the seed rows and the class's eager strategies: a load of a row the session holds fills
    its expired columns (measured: refresh(a, ["peers"]) leaves name loaded)."""
    step = facts.step
    column = facts.site.column
    if not isinstance(step, ColumnRead) or step.base != 0 or column in DEFERRED_COLUMNS:
        return False
    return _unexpired_by_a_load(facts.program, facts.scenario, facts.site.step, column)


def eager_reloaded_with_columns(facts: Facts) -> bool:
    """``root.<rel>`` with an eager lazy= strategy, expired, then a step that loads the
    root's expired columns (``many_to_one_load_unexpired_columns``): that load of the root's
    row runs the object's eager strategies too (measured: a lazy="joined" parent loaded
    after ``expire_all()`` and an await of another relationship)."""
    rel = facts.site.relationship
    if not reads_root(facts) or rel.lazy not in CYCLE_CHECKED_STRATEGIES:
        return False
    return _unexpired_by_a_load(facts.program, facts.scenario, facts.site.step, rel.name)


def _unexpired_by_a_load(program: Program, scenario: Scenario, before: int, name: str) -> bool:
    """Whether a step before step ``before`` loaded the root's expired attribute ``name``
    with its row: an await, or a refresh naming a many-to-one or a relationship to the
    root's own class, after the last step that expired it."""
    unexpired = False
    for earlier in scenario.steps[:before]:
        if _expires(earlier, scenario.expire_on_commit, name):
            unexpired = False
        elif isinstance(earlier, Refresh) and earlier.names:
            owned = program.relationships(scenario.root.model)
            named = [rel for rel in owned if rel.name in earlier.names]
            unexpired = unexpired or any(
                rel.kind == "many-to-one" or rel.link.self_referential for rel in named
            )
        elif isinstance(earlier, Await):
            unexpired = True
    return unexpired


def handle_reloaded(steps: tuple[Step, ...], base: int, expire_on_commit: bool) -> bool:
    """A read from ``h<base>`` (``await root.awaitable_attrs.rel``) after a step expired
    every object and a later refresh of root naming ``rel`` or await of ``rel`` loaded its
    rows again: the session hands back the same objects, their expired columns loaded
    (a load of a row the session holds refreshes what expired on it)."""
    awaited = _awaited(steps, base)
    if awaited is None:
        return False
    rel = awaited[1].relationship
    expired = reloaded = False
    for step in steps[awaited[0] + 1 :]:
        if _expires_every_object(step, expire_on_commit):
            expired, reloaded = True, False
        elif expired and _loads(step, rel):
            reloaded = True
    return reloaded


def awaited_raiseload_after_expiry(facts: Facts) -> bool:
    """``await root.awaitable_attrs.<rel>`` where the query gave ``rel`` raiseload() and a
    step expired it since: expiring an attribute drops the loader an option set on the
    object, and the await runs the relationship's own lazy= strategy."""
    return (
        facts.site.kind == "await"
        and option_loader(facts) == "raiseload"
        and facts.site.relationship.lazy not in _RAISE_STRATEGIES
        and _expired_on_root(facts)
    )


def column_refreshed_on_root_reached_again(facts: ColumnFacts) -> bool:
    """``h1[0].peers[0].note`` (an object of the root's class reached through
    relationships) after ``refresh(root, [..., "note"])``: the path may lead back to the
    root itself (self-referential rows 1 and 2 point at each other), whose note the
    refresh loaded."""
    root = facts.scenario.root
    step = facts.step
    column = facts.site.column
    if facts.site.model != root.model or (isinstance(step, ColumnRead) and step.base == 0):
        return False
    return any(
        isinstance(earlier, Refresh) and earlier.names is not None and column in earlier.names
        for earlier in facts.earlier_steps
    )


def refreshed_back_side_after_flush(facts: Facts) -> bool:
    """``root.rel[0].back`` after the constructed root was flushed and then refreshed with
    ``rel`` named, where ``back`` is ``rel``'s back-populated side with an eager lazy=
    strategy (which SQLAlchemy skips there: its target class is on the load path)."""
    step = facts.step
    if not (isinstance(step, Read) and step.base == 0 and facts.site.hop == 1):
        return False
    first = step.path[0]
    rel = facts.site.relationship
    earlier = facts.earlier_steps
    if not isinstance(facts.scenario.root, Construct) or Flush() not in earlier:
        return False
    if rel != first.partner or rel.lazy not in CYCLE_CHECKED_STRATEGIES:
        return False
    return any(
        isinstance(s, Refresh) and first.name in (s.names or ())
        for s in earlier[earlier.index(Flush()) + 1 :]
    )


def flushed_after_assignment(facts: Facts) -> bool:
    """A read through ``root.rel`` (hop 1 or later) where ``root.rel = Target()`` ran
    earlier and a step that flushes (a flush, a refresh, an await: autoflush; a commit) ran
    after it: the new object is persistent, its relationships never loaded."""
    step = facts.step
    if not isinstance(step, Read) or facts.site.hop < 1:
        return False
    return _assigned_then_flushed(facts, Read(step.base, step.path[:1]))


def _assigned_then_flushed(facts: Facts | ColumnFacts, step: Read) -> bool:
    """``root.rel[0].note`` where ``root.rel = [Target()]`` ran earlier and a step that
    flushes (flush, refresh, await, commit) ran after it."""
    if step.base != 0 or len(step.path) != 1:
        return False
    assigned = flushed = False
    for earlier in facts.earlier_steps:
        if earlier == Assign(step.path[0]):
            assigned, flushed = True, False
        elif isinstance(earlier, (*_FLUSHING_STEPS, Commit)):
            flushed = flushed or assigned
    return flushed
