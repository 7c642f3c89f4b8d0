"""Load state carried invisibly on the model's own type.

A state is a frozenset of relationship paths relative to the object: ``"lines"`` and
``"lines.product"`` are loaded; ``"-customer"`` was forced lazy by lazyload()/noload(),
``"!customer"`` by raiseload(); ``"*"`` (transient objects made by the constructor)
loads everything; ``"^Order.lines"`` records how child objects were reached, and ``"%get"``
that the objects came from ``session.get()``. ``None`` is an unknown state.

An object with a state is typed as its plain model, ``Order``, with the state in the
instance's ``extra_attrs`` (``ExtraAttrs({}, {STATE_TAG, "lines", ...})``): mypy serialises
those with the type (incremental cache, dmypy) and copies them wherever the instance
travels (type arguments, substitution, narrowing), but never compares them when it relates
types, formats them in messages, or looks them up as members (their ``attrs`` are empty).
So protocols, TypeVar bounds, overloads, ``assert_type`` and every message see exactly the
type the user wrote. Where mypy merges two objects (a join, a union of differently loaded
objects) it drops or erases them: the result is unknown, never a state no object has, so
the plugin may miss, never cry wolf. ``Loaded[...]`` boundaries are checked by the plugin
(``boundaries.py``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Final

from mypy.nodes import TypeInfo
from mypy.types import (
    ExtraAttrs,
    Instance,
    LiteralType,
    TupleType,
    Type,
    TypeAliasType,
    UninhabitedType,
    UnionType,
    get_proper_type,
)

from mypy_async_alchemy.loading import models

State = frozenset[str]
EVERYTHING: Final = "*"
ORIGIN: Final = "^"
ORIGIN_SEP: Final = "/"
# The objects came from ``session.get()`` (or are reached from one): the fix is its options=.
FROM_GET: Final = "%get"
FORCED_LAZY: Final = "-"
FORCED_RAISE: Final = "!"
# A load that a parameter of the function returning the objects selects, in that function's
# summary: ``"?load_revisions:revisions"`` (``summaries.py``); each call keeps it as
# ``"revisions"`` when it passes ``load_revisions=True``, and drops it otherwise.
FLAGGED: Final = "?"
FLAG_SEP: Final = ":"
# ... of a parameter that defaults to true (``"?+eager:lines"``): kept unless the call
# passes it false, or something that is not a literal.
FLAG_ON: Final = "+"
_FORCED: Final = (FORCED_LAZY, FORCED_RAISE)
NOTHING: Final[State] = frozenset()


# The mark that an instance's extra attributes hold a load state. Not an identifier, so no
# member lookup or hasattr() narrowing can ever meet it.
STATE_TAG: Final = "@alchemy.state"
# The mark on a container whose arguments hold states (``Select[tuple[Order]]``): when a
# variable is reassigned, mypy narrows it to the new value only if one of the two has extra
# attributes at the top (``meet.meet_types``); otherwise it keeps the old value's states.
_CARRIER_TAG: Final = "@alchemy.carrier"
_CARRIER: Final = ExtraAttrs({}, {_CARRIER_TAG}, None)


def with_state(instance: Instance, state: State | None) -> Instance:
    """``instance`` (its arguments and hasattr() attributes kept) carrying ``state``."""
    extra = instance.extra_attrs
    attrs = dict(extra.attrs) if extra is not None else {}
    if state is None and not attrs:
        new_extra = None
    else:
        tags = {STATE_TAG, *state} if state is not None else set()
        new_extra = ExtraAttrs(attrs, tags, None)
    result = instance.copy_modified()
    result.extra_attrs = new_extra
    return result


def literal_values(typ: Type) -> frozenset[str] | None:
    """The strings of ``Literal["a", "b"]`` (a union of literals); None if not only those."""
    proper = get_proper_type(typ)
    if isinstance(proper, UninhabitedType):
        return NOTHING
    items = proper.items if isinstance(proper, UnionType) else [proper]
    values: set[str] = set()
    for item in map(get_proper_type, items):
        if not (isinstance(item, LiteralType) and isinstance(item.value, str)):
            return None
        values.add(item.value)
    return frozenset(values)


def model_and_state(typ: Type) -> tuple[TypeInfo, State | None] | None:
    """``(model, state)`` of an ORM object type; the state is None when unknown."""
    proper = get_proper_type(typ)
    if not (isinstance(proper, Instance) and models.is_tracked(proper.type)):
        return None
    return proper.type, instance_state(proper)


def instance_state(instance: Instance) -> State | None:
    """The state an instance carries (see the module docstring); None if it has none."""
    extra = instance.extra_attrs
    if extra is None or STATE_TAG not in extra.immutable:
        return None
    return frozenset(extra.immutable.difference(extra.attrs)) - {STATE_TAG}


def has_lost_state(typ: Type) -> bool:
    """Whether ``typ`` is (or unions) an ORM object without a state."""
    proper = get_proper_type(typ)
    members = proper.items if isinstance(proper, UnionType) else [proper]
    return any(
        isinstance(member, Instance)
        and models.is_tracked(member.type)
        and instance_state(member) is None
        for member in map(get_proper_type, members)
    )


def states_inside(typ: Type) -> list[tuple[TypeInfo, State | None]]:
    """``(model, state)`` of every ORM object type inside ``typ`` (arguments, tuple items,
    union members), in order; recursive aliases are not entered (see ``map_states``)."""
    proper = get_proper_type(typ)
    if isinstance(proper, Instance) and not proper.args and not models.is_tracked(proper.type):
        return []  # the common case: int, str, a plain class
    found: list[tuple[TypeInfo, State | None]] = []
    pending = [typ]
    while pending:
        current = pending.pop()
        if isinstance(current, TypeAliasType) and current.is_recursive:
            continue
        proper = get_proper_type(current)
        if isinstance(proper, Instance):
            if models.is_tracked(proper.type):
                found.append((proper.type, instance_state(proper)))
            else:
                pending.extend(reversed(proper.args))
        elif isinstance(proper, (TupleType, UnionType)):
            pending.extend(reversed(proper.items))
    return found


def carries_states(typ: Type | None) -> bool:
    """Whether ``typ`` is a container or an object the plugin gave states."""
    proper = get_proper_type(typ) if typ is not None else None
    if not isinstance(proper, Instance) or proper.extra_attrs is None:
        return False
    return not proper.extra_attrs.immutable.isdisjoint((_CARRIER_TAG, STATE_TAG))


def child_state(state: State, model: TypeInfo, relationship: str) -> State:
    """The state of the objects behind ``model.relationship`` of an object in ``state``.

    Besides the paths, the children remember how they were reached (``"^Order.lines"``), so
    that a lazy load on them can be fixed with the whole loader chain.
    """
    if EVERYTHING in state:
        return frozenset({EVERYTHING})
    step = f"{model.name}.{relationship}"
    parent = origin(state)
    children: set[str] = {ORIGIN + (f"{parent}{ORIGIN_SEP}{step}" if parent else step)}
    children |= state & {FROM_GET}
    prefix = relationship + "."
    for entry in state:
        if entry.startswith(ORIGIN):
            continue
        sign = entry[0] if entry.startswith(_FORCED) else ""
        path = entry[len(sign) :]
        if path.startswith(prefix):
            children.add(sign + path[len(prefix) :])
    return frozenset(children)


def forced(state: State, name: str) -> str | None:
    """``FORCED_LAZY`` or ``FORCED_RAISE`` when an option forced ``name`` lazy; else None."""
    return next((sign for sign in _FORCED if sign + name in state), None)


def path_owners(state: State, model: TypeInfo) -> list[str] | None:
    """Names of the classes on the load path from the query's entity to these objects.

    ``["Order", "Line", "Product"]`` for products reached through ``order.lines[i].product``;
    ``["Order"]`` for the orders a query returned; None when mypy merged two paths.
    """
    origins = [entry[len(ORIGIN) :] for entry in state if entry.startswith(ORIGIN)]
    if len(origins) > 1:
        return None
    steps = origins[0].split(ORIGIN_SEP) if origins else []
    return [*(step.partition(".")[0] for step in steps), model.name]


def origin(state: State) -> str | None:
    """``"Order.lines/Line.product"``: the relationships these objects were reached through."""
    found = [entry[len(ORIGIN) :] for entry in state if entry.startswith(ORIGIN)]
    return found[0] if len(found) == 1 else None


def paths(state: State) -> list[str]:
    """The loaded paths of ``state``, for messages."""
    return sorted(
        entry
        for entry in state
        if entry
        and entry[0] not in (*_FORCED, ORIGIN, FROM_GET[0], FLAGGED)
        and not entry.endswith(EVERYTHING)
    )


def map_states(
    typ: Type,
    convert: Callable[[TypeInfo, State | None], State | None],
) -> Type:
    """``typ`` with every ORM object type inside it given the state ``convert`` returns.

    ``convert`` gets the model and its current state (None: unknown) and returns the new
    state, or None to leave it unknown. A recursive type alias (a JSON type) is left as it
    is: expanding it would never end, and no query result hides an entity in one.
    """
    if isinstance(typ, TypeAliasType) and typ.is_recursive:
        return typ
    proper = get_proper_type(typ)
    if isinstance(proper, Instance):
        if models.is_tracked(proper.type):
            return with_state(proper, convert(proper.type, instance_state(proper)))
        if not proper.args:
            return typ
        args = [map_states(arg, convert) for arg in proper.args]
        if _same(args, proper.args):
            return typ  # no ORM object inside
        container = proper.copy_modified(args=args)
        if container.extra_attrs is None:
            container.extra_attrs = _CARRIER
        return container
    if isinstance(proper, TupleType):
        items = [map_states(item, convert) for item in proper.items]
        return typ if _same(items, proper.items) else proper.copy_modified(items=items)
    if isinstance(proper, UnionType):
        items = [map_states(item, convert) for item in proper.items]
        return typ if _same(items, proper.items) else UnionType(items, proper.line)
    return typ


def _same(new: list[Type], old: Sequence[Type]) -> bool:
    return len(new) == len(old) and all(map(operator.is_, new, old))  # no Python frame


def column_unloaded(model: TypeInfo, name: str, state: State) -> str | None:
    """How column ``name`` of an object of ``model`` in ``state`` is not loaded
    (``models.DEFERRED`` or ``models.RAISES``); None if it is loaded."""
    if EVERYTHING in state:
        return None  # a new object holds what it was given
    if FORCED_RAISE + name in state:
        return models.RAISES
    if FORCED_LAZY + name in state:
        return models.DEFERRED
    if name in state:
        return None
    return models.deferral(model, name)
