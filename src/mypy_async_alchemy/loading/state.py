"""Load state as a type: ``Model@Loaded[Any | LoadedPaths[Literal["", "rel", "rel.nested"]]]``.

A state is a frozenset of relationship paths relative to the object: ``"lines"`` and
``"lines.product"`` are loaded; ``"-customer"`` was forced lazy by lazyload()/noload(),
``"!customer"`` by raiseload(); ``"*"`` (transient objects made by the constructor)
loads everything; ``"^Order.lines"`` records how child objects were reached. ``None`` is
an unknown state (an object of plain type ``Model``). Every state holds the empty path
``""`` (see ``paths_literal``).

``LoadedPaths`` is contravariant, so more loaded is a *proper* subtype of less loaded: a
variable reassigned a more loaded object (``stmt = stmt.options(...)``) narrows to it, and
mypy's union simplification keeps the less loaded side. ``Any`` beside it makes every state
(and, through an ``Any`` marker attribute, the plain model) assignable to every other, so
mypy's own codes never fire on load state. Whatever mypy merges reads as unknown (see
``_decode``), never as a state no object has: the plugin may miss, never cry wolf.
``Loaded[...]`` boundaries are checked by the plugin (``boundaries.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from mypy.nodes import TypeInfo
from mypy.plugin import CheckerPluginInterface
from mypy.types import (
    AnyType,
    Instance,
    LiteralType,
    ProperType,
    TupleType,
    Type,
    TypeOfAny,
    UninhabitedType,
    UnionType,
    get_proper_type,
)

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope
from mypy_async_alchemy.loading import models

State = frozenset[str]
EVERYTHING: Final = "*"
ORIGIN: Final = "^"
ORIGIN_SEP: Final = "/"
EMPTY_PATH: Final = ""
FORCED_LAZY: Final = "-"
FORCED_RAISE: Final = "!"
_FORCED: Final = (FORCED_LAZY, FORCED_RAISE)
NOTHING: Final[State] = frozenset()


def state_type(api: CheckerPluginInterface, model: TypeInfo, state: State) -> Instance | None:
    """``Model@Loaded[Any | LoadedPaths[...]]`` for ``state``; None when ``model`` has none."""
    fullname = models.state_class_of(model)
    if fullname is None:
        return None
    paths_info = scope.lookup_info(api, names.LOADED_PATHS)
    state_info = scope.lookup_info(api, fullname)
    if paths_info is None or state_info is None:
        return None
    models.activate(state_info, model)
    return state_instance(state_info, Instance(paths_info, [paths_literal(api, state)]))


def state_instance(state_info: TypeInfo, paths: Instance) -> Instance:
    """``Model@Loaded[Any | LoadedPaths[...]]``; see the module docstring for its parts."""
    return Instance(state_info, [UnionType([AnyType(TypeOfAny.special_form), paths])])


def literal_union(api: CheckerPluginInterface, values: frozenset[str]) -> ProperType:
    """``Literal["a", "b"]`` for ``{"a", "b"}``; ``Never`` for the empty set."""
    fallback = api.named_generic_type(names.STR, [])
    return literal_union_of([LiteralType(value, fallback) for value in sorted(values)])


def paths_literal(api: CheckerPluginInterface, state: State) -> ProperType:
    """The ``LoadedPaths`` argument for ``state``: always holds the empty path ``""``.

    ``Never`` would be the natural empty set, but mypy's inference gives up on types with
    ``Never`` inside (``session.scalar(select(Order))`` became ``Any``). Every state holds
    ``""``, so the subset order between states is unchanged.
    """
    return literal_union(api, state | {EMPTY_PATH})


def literal_union_of(items: list[LiteralType]) -> ProperType:
    if not items:
        return UninhabitedType()
    return items[0] if len(items) == 1 else UnionType(list(items))


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
    if not isinstance(proper, Instance):
        return None
    model = models.model_of_state(proper.type)
    if model is None:
        return (proper.type, None) if models.state_class_of(proper.type) else None
    if len(proper.args) != 1:
        return model, None
    return model, _decode(proper.args[0])


def _decode(arg: Type) -> State | None:
    """The state in a state class's argument; None (unknown) unless it is exactly one state.

    mypy merges the arguments of two states (a join for ``list[A@Loaded[...]]`` of
    differently loaded objects; a meet when a variable is reassigned a less loaded object):
    the result no longer says which object is meant, so it is unknown. Alternatives that stay
    separate (``a if c else b``) are a union of types, checked member by member.
    """
    proper = get_proper_type(arg)
    items = proper.items if isinstance(proper, UnionType) else [proper]
    paths = [item for item in map(get_proper_type, items) if not isinstance(item, AnyType)]
    if len(paths) != 1:
        return None
    (only,) = paths
    if not (isinstance(only, Instance) and only.type.fullname == names.LOADED_PATHS):
        return None
    values = literal_values(only.args[0]) if only.args else None
    if values is None or EMPTY_PATH not in values:
        return None  # every state the plugin writes holds "": anything else was merged
    return values - {EMPTY_PATH}


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
        if entry and entry[0] not in (*_FORCED, ORIGIN) and not entry.endswith(EVERYTHING)
    )


def map_states(
    api: CheckerPluginInterface,
    typ: Type,
    convert: Callable[[TypeInfo, State | None], State | None],
) -> Type:
    """``typ`` with every ORM object type inside it given the state ``convert`` returns.

    ``convert`` gets the model and its current state (None: unknown, a plain ``Model``) and
    returns the new state, or None to make it a plain ``Model``.
    """
    proper = get_proper_type(typ)
    if isinstance(proper, Instance):
        found = model_and_state(proper)
        if found is not None:
            model, current = found
            new = convert(model, current)
            if new is None:
                return Instance(model, [])
            return state_type(api, model, new) or typ
        if not proper.args:
            return typ
        return proper.copy_modified(args=[map_states(api, arg, convert) for arg in proper.args])
    if isinstance(proper, TupleType):
        return proper.copy_modified(
            items=[map_states(api, item, convert) for item in proper.items]
        )
    if isinstance(proper, UnionType):
        return UnionType([map_states(api, item, convert) for item in proper.items], proper.line)
    return typ
