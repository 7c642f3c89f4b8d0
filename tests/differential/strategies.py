"""Hypothesis strategies for ``Program``: only programs that are valid for SQLAlchemy.

What is left out, and why:

- loader options and ``refresh()`` never name a write-only relationship (SQLAlchemy rejects
  eager loading and refreshing them), and reads only end at one (it has no items to index),
  never going on to a column;
- wildcard and string loader options: the plugin makes the state unknown for them, and the
  comparison expects every object's state to be known;
- two options giving one path different loaders (SQLAlchemy raises);
- ``refresh()`` and ``session.expire(root)`` only on a persistent root (a queried one, or a
  constructed one once flushed; a rollback expunges a constructed root flushed in its
  transaction, which makes it transient again);
- column options name each column once (``defer(A.name)`` with ``load_only(A.name)``
  conflict), and ``load_only`` comes alone.

A relationship read (one not ending with a column) or a refresh is made in a project
function the scenario calls (``ReadIn``, ``RefreshIn``) one time in three.
"""

from __future__ import annotations

from hypothesis import strategies as st

from .program import (
    COLUMNS,
    FETCHES,
    LOADERS,
    SPELLINGS,
    STRATEGIES,
    Assign,
    Await,
    ColumnOption,
    ColumnRead,
    Commit,
    Construct,
    Expire,
    ExpireAll,
    Flush,
    Link,
    Option,
    Program,
    Query,
    Read,
    ReadIn,
    Refresh,
    RefreshIn,
    Relationship,
    Rollback,
    Scenario,
    Side,
    Step,
)

MAX_MODELS = 4
MAX_LINKS = 4
MAX_SCENARIOS = 3
MAX_STEPS = 8


@st.composite
def sides(draw: st.DrawFn, *, collection: bool) -> Side:
    choices = STRATEGIES if collection else tuple(s for s in STRATEGIES if s != "write_only")
    lazy = draw(st.sampled_from(choices))
    spelling = draw(st.sampled_from(SPELLINGS.get(lazy, (f'"{lazy}"',))))
    return Side(lazy, spelling)


@st.composite
def links(draw: st.DrawFn, index: int, models: int) -> Link:
    child = draw(st.integers(0, models - 1))
    parent = draw(st.integers(0, child))
    many_to_many = draw(st.booleans())
    forward = draw(st.none() | sides(collection=True))
    backward = draw(st.none() | sides(collection=many_to_many))
    if forward is None and backward is None:
        forward = draw(sides(collection=True))
    return Link(index, parent, child, many_to_many, forward, backward)


@st.composite
def programs(draw: st.DrawFn) -> Program:
    models = draw(st.integers(1, MAX_MODELS))
    count = draw(st.integers(1, MAX_LINKS))
    skeleton = Program(models, tuple(draw(links(i, models)) for i in range(count)), ())
    scenarios = draw(st.lists(scenarios_of(skeleton), min_size=1, max_size=MAX_SCENARIOS))
    return Program(models, skeleton.links, tuple(scenarios))


def _readable(program: Program, model: int) -> list[Relationship]:
    """Relationships of ``model`` that can be loaded, refreshed, assigned and walked through."""
    return [rel for rel in program.relationships(model) if not rel.write_only]


@st.composite
def paths(
    draw: st.DrawFn, program: Program, model: int, *, longest: int, write_only_last: bool
) -> tuple[Relationship, ...]:
    """A walk of 1..longest relationships from ``model`` (possibly shorter: dead ends)."""
    path: list[Relationship] = []
    length = draw(st.integers(1, longest))
    while len(path) < length:
        last = len(path) == length - 1
        choices = program.relationships(model) if last and write_only_last else None
        choices = choices or _readable(program, model)
        if not choices:
            break
        rel = draw(st.sampled_from(choices))
        path.append(rel)
        model = rel.target
    return tuple(path)


@st.composite
def options(draw: st.DrawFn, program: Program, model: int) -> Option | None:
    path = draw(paths(program, model, longest=3, write_only_last=False))
    if not path:
        return None
    loaders = tuple(draw(st.sampled_from(LOADERS)) for _ in path)
    style = draw(st.sampled_from(("chain", "load", "sub")))
    return Option(loaders, path, style)


def _consistent(options: list[Option]) -> tuple[Option, ...]:
    """Options as SQLAlchemy accepts them: one loader per path (``defaultload`` aside).

    Two options that give one path different loaders raise "Loader strategy replacement
    ... is in conflict": a later option takes the loader an earlier one gave the path.
    """
    chosen: dict[tuple[Relationship, ...], str] = {}
    consistent = []
    for option in options:
        loaders = tuple(
            loader
            if loader == "defaultload"
            else chosen.setdefault(option.path[: hop + 1], loader)
            for hop, loader in enumerate(option.loaders)
        )
        consistent.append(Option(loaders, option.path, option.style))
    return tuple(consistent)


@st.composite
def roots(draw: st.DrawFn, program: Program) -> Query | Construct:
    model = draw(st.integers(0, program.models - 1))
    if draw(st.integers(0, 4)) == 0:
        readable = _readable(program, model)
        related = draw(st.lists(st.sampled_from(readable), unique=True)) if readable else []
        return Construct(model, tuple(related))
    found = draw(st.lists(options(program, model), max_size=3))
    return Query(
        model,
        _consistent([option for option in found if option is not None]),
        draw(st.sampled_from(FETCHES)),
        draw(st.sampled_from(("inline", "chained", "reassigned"))),
        draw(st.booleans()),
        draw(st.sampled_from(COLUMN_OPTIONS)),
    )


# Column options that SQLAlchemy accepts together (each column named once).
COLUMN_OPTIONS: tuple[tuple[ColumnOption, ...], ...] = (
    (),
    (),
    (ColumnOption("defer", ("name",)),),
    (ColumnOption("undefer", ("note",)),),
    (ColumnOption("defer", ("name",)), ColumnOption("undefer", ("note",))),
    (ColumnOption("load_only", ("name",)),),
    (ColumnOption("load_only", ("note",)),),
    (ColumnOption("load_only", ("name", "note")),),
)


@st.composite
def scenarios_of(draw: st.DrawFn, program: Program) -> Scenario:
    root = draw(roots(program))
    persistent = isinstance(root, Query)
    flushed = False  # a constructed root made persistent in the open transaction
    handles: list[int] = [root.model]  # model of each read base: the root, then each Await
    steps: list[Step] = []
    for _ in range(draw(st.integers(1, MAX_STEPS))):
        kind = draw(st.sampled_from(KINDS))
        readable = _readable(program, root.model)
        if kind == "read":
            base = draw(st.integers(0, len(handles) - 1))
            path = draw(paths(program, handles[base], longest=2, write_only_last=True))
            column = None
            if path and not path[-1].write_only and draw(st.integers(0, 2)) == 0:
                column = draw(st.sampled_from(COLUMNS))
            if path:
                steps.append(draw(reads(base, path, column)))
        elif kind == "await" and readable:
            rel = draw(st.sampled_from(readable))
            steps.append(Await(rel))
            handles.append(rel.target)
        elif kind == "refresh" and persistent:
            steps.append(draw(refreshes_maybe_in(readable)))
        elif kind == "assign" and readable:
            steps.append(Assign(draw(st.sampled_from(readable))))
        elif kind == "flush" and not persistent:
            steps.append(Flush())
            persistent = flushed = True
        elif kind == "column":
            base = draw(st.integers(0, len(handles) - 1))
            steps.append(ColumnRead(base, draw(st.sampled_from(COLUMNS))))
        elif kind == "commit":
            steps.append(Commit())
            flushed = False
        elif kind == "rollback":
            steps.append(Rollback())
            persistent = persistent and not flushed
            flushed = False
        elif kind == "expire" and persistent:
            steps.append(draw(expires(readable)))
        elif kind == "expire_all":
            steps.append(ExpireAll())
    helpers = draw(st.integers(0, 2)) if isinstance(root, Query) else 0
    return Scenario(root, tuple(steps), helpers, draw(st.booleans()))


# Relationship steps as before expiry was added, then column reads and expiring events.
KINDS = (
    *("read", "read", "read", "await", "refresh", "assign", "flush"),
    *("column", "column", "commit", "rollback", "expire", "expire_all"),
)


@st.composite
def expires(draw: st.DrawFn, readable: list[Relationship]) -> Expire:
    """``session.expire(root)``, or of some of its columns and relationships."""
    if draw(st.integers(0, 2)) == 0:
        return Expire(None)
    choices = [*COLUMNS, *(rel.name for rel in readable)]
    return Expire(
        tuple(draw(st.lists(st.sampled_from(choices), min_size=1, max_size=3, unique=True)))
    )


@st.composite
def refreshes(draw: st.DrawFn, readable: list[Relationship]) -> Refresh:
    if draw(st.integers(0, 4)) == 0:
        return Refresh(None, keyword=False)
    chosen = (
        draw(st.lists(st.sampled_from(readable), min_size=1, max_size=3, unique=True))
        if readable
        else []
    )
    names = [rel.name for rel in chosen] or [draw(st.sampled_from(COLUMNS))]
    if draw(st.booleans()):
        names.insert(draw(st.integers(0, len(names))), "id")
    for column in COLUMNS:
        if column not in names and draw(st.booleans()):
            names.insert(draw(st.integers(0, len(names))), column)
    return Refresh(tuple(names), keyword=draw(st.booleans()))


@st.composite
def reads(draw: st.DrawFn, base: int, path: tuple[Relationship, ...], column: str | None) -> Read:
    """The read in the scenario (two times in three, and always when it ends with a
    column), or in a function it calls."""
    if column is not None or draw(st.integers(0, 2)):
        return Read(base, path, column)
    depth = draw(st.integers(1, 2))
    style = draw(st.sampled_from(("index", "loop", "handoff")))
    if style == "handoff" and (depth, len(path)) != (2, 2):
        style = "loop"  # a handoff passes the first hop's object on to the second hop's read
    return ReadIn(base, path, depth=depth, style=style, sync=draw(st.booleans()))


@st.composite
def refreshes_maybe_in(draw: st.DrawFn, readable: list[Relationship]) -> Refresh:
    """A refresh in the scenario (two times in three), or in a function it calls."""
    refresh = draw(refreshes(readable))
    if draw(st.integers(0, 2)):
        return refresh
    return RefreshIn(refresh.names, refresh.keyword, draw(st.integers(1, 2)))
