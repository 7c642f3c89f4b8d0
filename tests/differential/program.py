"""The structure of a generated program, as plain data: models, relationships, scenarios.

Hypothesis draws a ``Program`` (``strategies.py``); ``render.py`` turns it into source text.
Nothing here is source text, so the same structure is what the program runs and what the
comparison reasons about.

A program has up to four models ``A``..``D`` (table ``a``..``d``, primary key ``id``) and
``Link``s between them. A link is a foreign key from ``child`` to ``parent`` (column
``l<k>_id`` on the child's table), or an association table ``assoc<k>``; each of its two
sides may be a relationship attribute. Foreign keys only point from a later model to an
earlier one (or to its own model: self-referential), so the unit of work never meets a cycle
between tables.

Every model also has two columns besides its keys: ``name`` (loaded with the row) and
``note`` (``mapped_column(deferred=True)``), both nullable and seeded.

Each ``Scenario`` is one ``async def`` with its own ``AsyncSession`` (``expire_on_commit``
true or false): a root object (queried, or constructed) and steps on it: relationship reads,
column reads, awaits, refreshes, assignments, flushes, and the events that expire objects
(``commit``, ``rollback``, ``expire``, ``expire_all``). Relationship reads and refreshes may
run in project functions the scenario calls with the object (``ReadIn``, ``RefreshIn``:
subclasses of ``Read`` and ``Refresh``, which run the same at run time).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

MODEL_NAMES = ("A", "B", "C", "D")
# lazy= strategies; "write_only" only for collections (typed WriteOnlyMapped).
STRATEGIES = (
    "select",
    "selectin",
    "joined",
    "subquery",
    "immediate",
    "raise",
    "raise_on_sql",
    "write_only",
)
# How a strategy is written in relationship(...): "" leaves lazy= out.
SPELLINGS = {
    "select": ("", '"select"', "True"),
    "joined": ('"joined"', "False"),
    "write_only": ("", '"write_only"'),
}
LOADERS = (
    "selectinload",
    "joinedload",
    "subqueryload",
    "immediateload",
    "defaultload",
    "lazyload",
    "raiseload",
    "noload",
)
EAGER_LOADERS = frozenset({"selectinload", "joinedload", "subqueryload", "immediateload"})
FETCHES = ("scalars", "execute", "scalar", "all", "get", "get_one")
# The plain columns of every model: ``name`` is loaded with the row, ``note`` is deferred.
COLUMNS = ("name", "note")
DEFERRED_COLUMNS = frozenset({"note"})


@dataclass(frozen=True)
class Side:
    """One relationship attribute of a link: its ``lazy=`` strategy and how it is written."""

    lazy: str
    spelling: str


@dataclass(frozen=True)
class Link:
    """A foreign key from ``child`` to ``parent``, or an association table between them."""

    index: int
    parent: int
    child: int
    many_to_many: bool
    forward: Side | None  # on parent: a collection of child
    backward: Side | None  # on child: one parent (a collection if many-to-many)

    @property
    def self_referential(self) -> bool:
        return self.parent == self.child


@dataclass(frozen=True)
class Relationship:
    """A relationship attribute as the program's code sees it (one side of a link)."""

    link: Link
    forward: bool

    @property
    def side(self) -> Side:
        side = self.link.forward if self.forward else self.link.backward
        assert side is not None
        return side

    @property
    def owner(self) -> int:
        return self.link.parent if self.forward else self.link.child

    @property
    def target(self) -> int:
        return self.link.child if self.forward else self.link.parent

    @property
    def lazy(self) -> str:
        return self.side.lazy

    @property
    def collection(self) -> bool:
        return self.forward or self.link.many_to_many

    @property
    def write_only(self) -> bool:
        return self.lazy == "write_only"

    @property
    def kind(self) -> Literal["one-to-many", "many-to-one", "many-to-many"]:
        if self.link.many_to_many:
            return "many-to-many"
        return "one-to-many" if self.forward else "many-to-one"

    @property
    def name(self) -> str:
        link = self.link
        if link.self_referential:
            if link.many_to_many:
                stem = "peers" if self.forward else "peer_of"
            else:
                stem = "children" if self.forward else "parent"
        else:
            other = MODEL_NAMES[self.target].lower()
            stem = other + "s" if self.collection else other
        return f"{stem}{link.index}"

    @property
    def partner(self) -> Relationship | None:
        """The other side of the link, when it is a relationship too."""
        other = self.link.backward if self.forward else self.link.forward
        return None if other is None else Relationship(self.link, not self.forward)

    @property
    def qualified(self) -> str:
        return f"{MODEL_NAMES[self.owner]}.{self.name}"


@dataclass(frozen=True)
class Option:
    """A loader option along ``path`` from the query's model, one loader per hop.

    ``style``: ``chain`` is ``selectinload(A.x).joinedload(B.y)``; ``load`` is
    ``Load(A).selectinload(A.x).joinedload(B.y)``; ``sub`` is
    ``selectinload(A.x).options(joinedload(B.y))``.
    """

    loaders: tuple[str, ...]
    path: tuple[Relationship, ...]
    style: Literal["chain", "load", "sub"]


@dataclass(frozen=True)
class Query:
    """``select(Model)`` with options, or ``session.get(Model, 1, options=[...])``.

    ``build``: options passed to one ``.options()`` call, one call each, or one
    ``stmt = stmt.options(...)`` statement each.
    """

    model: int
    options: tuple[Option, ...]
    fetch: str
    build: Literal["inline", "chained", "reassigned"]
    where: bool
    column_options: tuple[ColumnOption, ...] = ()


@dataclass(frozen=True)
class Construct:
    """``Model(rel=[Target()], ...)``: a transient object, the given relationships set."""

    model: int
    related: tuple[Relationship, ...]


@dataclass(frozen=True)
class Read:
    """``<base>.r1[0].r2``: ``base`` is 0 for the root, k for the object of ``Await`` k;
    with ``column``, the read goes on to that column of the last object
    (``<base>.r1[0].r2.note``)."""

    base: int
    path: tuple[Relationship, ...]
    column: str | None = None


@dataclass(frozen=True)
class ReadIn(Read):
    """``await read_<n>_<k>_<depth>(<base>)``: the same read, made in a project function
    the scenario hands the object to (a ``Read`` to everything that reasons about what the
    read reaches at run time).

    ``depth`` 1: the function reads the path from its parameter; 2: it passes the parameter
    on to the one that does. ``style``: ``index`` reads ``obj.r1[0].r2`` in one expression
    (as the scenario's own reads do); ``loop`` names every hop (``for x in obj.r1:`` or
    ``x = obj.r1``, then ``x.r2``, then ``return``; an empty collection raises IndexError
    like ``[0]``); ``handoff`` (depth 2, two hops) passes what the first hop reaches on
    (``for x in obj.r1: read_1(x)`` or ``read_1(obj.r1)``) to the function that reads the
    second from its parameter. ``sync``: plain ``def`` functions, called without ``await``.
    """

    depth: int = 1
    style: Literal["index", "loop", "handoff"] = "loop"
    sync: bool = False


@dataclass(frozen=True)
class Await:
    """``h<k> = await root.awaitable_attrs.rel``: a new base for later reads."""

    relationship: Relationship


@dataclass(frozen=True)
class Refresh:
    """``await session.refresh(root, [...])``; ``names`` None refreshes everything."""

    names: tuple[str, ...] | None
    keyword: bool


@dataclass(frozen=True)
class RefreshIn(Refresh):
    """``await refresh_<n>_<k>_<depth>(session, root)``: the same refresh, made in a project
    ``async def`` the scenario hands the session and the root to (depth 2: through one that
    passes both on); what it loads counts at the caller through its effect summary."""

    depth: int = 1


@dataclass(frozen=True)
class Assign:
    """``root.rel = [Target()]`` (or ``Target()`` for a many-to-one)."""

    relationship: Relationship


@dataclass(frozen=True)
class Flush:
    """``session.add(root)`` and ``await session.flush()``: the root becomes persistent."""


@dataclass(frozen=True)
class ColumnOption:
    """``defer(M.name)``, ``undefer(M.note)`` or ``load_only(M.name, ...)`` on the query's
    entity ``M``."""

    loader: Literal["defer", "undefer", "load_only"]
    names: tuple[str, ...]


@dataclass(frozen=True)
class ColumnRead:
    """``<base>.<column>``: ``base`` is 0 for the root, k for the object of ``Await`` k."""

    base: int
    column: str


@dataclass(frozen=True)
class Commit:
    """``await session.commit()``: expires every object when the session expires on commit."""


@dataclass(frozen=True)
class Rollback:
    """``await session.rollback()``: expires every object (and expunges the ones it made
    persistent in the transaction)."""


@dataclass(frozen=True)
class Expire:
    """``session.expire(root)``, or ``session.expire(root, [...])`` when ``names`` is given."""

    names: tuple[str, ...] | None


@dataclass(frozen=True)
class ExpireAll:
    """``session.expire_all()``."""


Step = (
    Read | Await | Refresh | Assign | Flush | ColumnRead | Commit | Rollback | Expire | ExpireAll
)


@dataclass(frozen=True)
class Scenario:
    """``helpers``: the root query runs in a project function that many calls away (0: in
    the scenario itself; 1: ``root = await load_<n>_1(session)``; 2: through ``load_<n>_2``,
    which returns what ``load_<n>_1`` returns), so its load state reaches the reads through
    return summaries. ``expire_on_commit``: the session's setting (``AsyncSession(engine,
    expire_on_commit=...)``)."""

    root: Query | Construct
    steps: tuple[Step, ...]
    helpers: int = 0
    expire_on_commit: bool = False


@dataclass(frozen=True, repr=False)
class Program:
    models: int
    links: tuple[Link, ...]
    scenarios: tuple[Scenario, ...]

    def __repr__(self) -> str:
        # Hypothesis shows failing examples; the failure message has the rendered source.
        shape = f"{self.models} models, {len(self.links)} links, {len(self.scenarios)} scenarios"
        return f"Program({shape})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))  # Hypothesis pretty-prints dataclasses field by field

    def relationships(self, model: int | None = None) -> list[Relationship]:
        """Relationship attributes (of ``model``, or of every model) in declaration order."""
        found = [
            Relationship(link, forward)
            for link in self.links
            for forward, side in ((True, link.forward), (False, link.backward))
            if side is not None
        ]
        return [rel for rel in found if model is None or rel.owner == model]
