"""Which hops of a loader chain run the options chained after them.

In ``selectinload(Order.lines).immediateload(Line.order).selectinload(Order.customer)``,
``Line.order`` leads back to the order being loaded, already in the session: immediateload
(as subqueryload, defaultload and a lazy load) finds it in the identity map without a query
and hands it over as it is, so ``.selectinload(Order.customer)`` never runs on it (and
``order.lines[0].order`` *is* ``order``). selectinload, joinedload and contains_eager apply
their sub-options to an object they find there, and so does ``defaultload`` of a
``lazy="joined"`` relationship (measured with SQLAlchemy 2.1). A many-to-one that leads
somewhere else may or may not find its target in the session: its sub-options count.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from mypy.nodes import TypeInfo

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy.loading import models

# Marks a chain tail after which options do not run (``"~app.Order:lines.order"``).
STALLED: Final = "~"


def stalls(
    lookup: Callable[[str], TypeInfo | None],
    tail: str,
    root_sep: str,
    kind: str,
    owner: TypeInfo,
    name: str,
) -> bool:
    """Whether hop ``owner.name`` (loader ``kind``) after the chain ``tail`` is the inverse
    many-to-one of the hop before it, loaded so that the options after it do not run."""
    if kind in names.SUBOPTION_LOADERS or models.is_collection(owner, name):
        return False
    if kind in names.PASS_THROUGH_LOADERS and models.strategy(owner, name) == "joined":
        return False
    root, _, path = tail.partition(root_sep)
    *above, previous = path.split(".") if path else [""]
    if not previous:
        return False
    parent = lookup(root)
    for segment in above:
        parent = models.target(parent, segment) if parent is not None else None
    back = models.target(owner, name)
    return (
        parent is not None
        and back is not None
        and parent.has_base(back.fullname)
        and models.back_populates(owner, name) == previous
        and models.back_populates(parent, previous) == name
    )
