"""Loader options and the statements they are applied to.

``selectinload(Order.lines).joinedload(Line.product)`` keeps SQLAlchemy's own type and
carries, like an object's load state (``state.py``), its entries
``{"+app.Order:lines", "+app.Order:lines.product"}`` and its chain tail
``"app.Order:lines.product"`` in the instance's extra attributes, where mypy never compares
them. ``select(Order)`` carries ``Order`` with nothing loaded and ``.options(...)`` adds the
entries rooted at ``Order``. Anything the plugin cannot read (an option built elsewhere and
typed ``_AbstractLoad``, a list of options mypy joined, a wildcard, an aliased entity) makes
the state unknown instead of guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Final

from mypy.nodes import (
    CallExpr,
    Expression,
    IntExpr,
    ListExpr,
    MemberExpr,
    NameExpr,
    RefExpr,
    TupleExpr,
    TypeInfo,
)
from mypy.plugin import CheckerPluginInterface, FunctionContext, MethodContext
from mypy.types import (
    AnyType,
    CallableType,
    ExtraAttrs,
    Instance,
    NoneType,
    TupleType,
    Type,
    TypeType,
    UnionType,
    get_proper_type,
)

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope
from mypy_async_alchemy.loading import chains, merges, models
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.loading.chains import STALLED
from mypy_async_alchemy.loading.state import FORCED_LAZY, FORCED_RAISE, State

_ROOT_SEP: Final = ":"
_LOADED: Final = "+"
# The mark that an option's extra attributes hold its entries; its tail is "=<tail>".
OPTION_TAG: Final = "@alchemy.option"
_TAIL: Final = "="
# Attribute methods that still name the same relationship: Order.lines.of_type(X).and_(...)
_ATTRIBUTE_WRAPPERS: Final = frozenset({"of_type", "and_"})

Entries = frozenset[str]


def select_call(ctx: FunctionContext) -> Type:
    """``select(Order, ...)``: every entity starts with nothing loaded."""
    return _with_states(ctx.default_return_type, states.NOTHING)


def loader_function(ctx: FunctionContext) -> Type:
    """``selectinload(Order.lines)``, ``defaultload(...)``, ``raiseload(...)``, ``defer(...)``"""
    kind = _callee_name(ctx.context)
    keys = ctx.args[0] if ctx.args else []
    read = chain(_lookup(ctx.api), kind, frozenset(), None, keys, raising=_raising(ctx.context))
    return _option(ctx.api, ctx.default_return_type, read)


def load_constructor(ctx: FunctionContext) -> Type:
    """``Load(Order)``: an empty chain rooted at ``Order``."""
    entity = ctx.args[0][0] if ctx.args and ctx.args[0] else None
    model = entity.node if isinstance(entity, RefExpr) else None
    if not isinstance(model, TypeInfo):
        return ctx.default_return_type
    return _option_type(ctx.default_return_type, *root(model))


def loader_method(ctx: MethodContext) -> Type:
    """``<option>.selectinload(Line.product)``: extends the receiver's chain."""
    receiver = _read_option(ctx.type)
    if receiver is None:
        return ctx.default_return_type
    entries, tail = receiver
    kind = _callee_name(ctx.context)
    keys = ctx.args[0] if ctx.args else []
    read = chain(_lookup(ctx.api), kind, entries, tail, keys, raising=_raising(ctx.context))
    return _option(ctx.api, ctx.default_return_type, read)


def _raising(context: object) -> bool:
    """``defer(..., raiseload=True)``, ``load_only(..., raiseload=True)``."""
    if not isinstance(context, CallExpr):
        return False
    return any(
        name == names.RAISELOAD_KEYWORD
        and isinstance(arg, NameExpr)
        and arg.fullname == names.TRUE
        for name, arg in zip(context.arg_names, context.args, strict=True)
    )


def options_call(ctx: MethodContext) -> Type:
    """``stmt.options(...)`` on a statement, or ``<option>.options(...)`` (sub-options)."""
    applied = _entries_of(ctx.arg_types[0] if ctx.arg_types else [])
    if applied is None and ctx.args:
        applied = _entries_of_expressions(ctx.api, ctx.args[0])
    receiver_option = _read_option(ctx.type)
    if receiver_option is not None:
        entries, tail = receiver_option
        if applied is None or tail is None:
            return ctx.default_return_type
        return _option_type(ctx.default_return_type, entries | rebase(applied, tail), tail)
    return _apply(ctx.default_return_type, applied)


def session_get(ctx: MethodContext) -> Type:
    """``await session.get(Order, pk, options=[...])``."""
    applied: Entries | None = frozenset()
    if "options" in ctx.callee_arg_names:
        # Read the expressions: the argument types were inferred in the context of the
        # declared ``Sequence[ORMOption]`` and no longer say which options they are.
        index = ctx.callee_arg_names.index("options")
        applied = _entries_of_expressions(ctx.api, ctx.args[index])
    started = _with_states(ctx.default_return_type, frozenset({states.FROM_GET}))
    return _apply(started, applied)


def _apply(typ: Type, applied: Entries | None) -> Type:
    """Add ``applied`` to the state of every entity in ``typ`` (unknown if unreadable)."""
    if applied is None:
        return _with_states(typ, None)

    def add(model: TypeInfo, state: State | None) -> State | None:
        return None if state is None else state | relative(applied, model)

    return states.map_states(typ, add)


def _with_states(typ: Type, new: State | None) -> Type:
    """Every entity in ``typ`` set to ``new`` (None: unknown)."""
    return states.map_states(typ, lambda _model, _state: new)


def relative(entries: Entries, model: TypeInfo) -> State:
    """The entries rooted at ``model`` (or a base of it), as paths relative to it."""
    paths: set[str] = set()
    for entry in entries:
        sign, root, path = entry[0], *entry[1:].split(_ROOT_SEP, 1)
        if path and model.has_base(root):
            paths.add(path if sign == _LOADED else sign + path)
    return frozenset(paths)


def rebase(entries: Entries, tail: str) -> Entries:
    """Sub-option entries re-rooted under the chain tail ``tail`` (none after a stalled hop,
    see ``chains.py``)."""
    if tail.startswith(STALLED):
        return frozenset()
    tail_root, tail_path = tail.split(_ROOT_SEP, 1)
    rebased = set()
    for entry in entries:
        path = entry[1:].split(_ROOT_SEP, 1)[1]
        joined = f"{tail_path}.{path}" if tail_path else path
        rebased.add(f"{entry[0]}{tail_root}{_ROOT_SEP}{joined}")
    return frozenset(rebased)


def _option(api: CheckerPluginInterface, default: Type, read: tuple[Entries, str] | None) -> Type:
    return default if read is None else _option_type(default, *read)


def _lookup(api: CheckerPluginInterface) -> Callable[[str], TypeInfo | None]:
    return partial(scope.lookup_info, api)


def chain(
    lookup: Callable[[str], TypeInfo | None],
    kind: str | None,
    entries: Entries,
    tail: str | None,
    keys: Iterable[Expression],
    attribute_of: Callable[[Expression], tuple[TypeInfo, str] | None] | None = None,
    *,
    raising: bool = False,
) -> tuple[Entries, str] | None:
    """The entries and tail of the option ``kind(*keys)`` appended to ``(entries, tail)``;
    None when the plugin cannot read it. ``attribute_of`` reads ``Order.lines`` (default:
    a class named directly); ``raising``: ``raiseload=True`` of a column option."""
    if kind in names.COLUMN_LOADERS:
        attributes = [(attribute_of or relationship_attribute)(key) for key in keys]
        found = [attribute for attribute in attributes if attribute is not None]
        if not found or len(found) != len(attributes):
            return None
        return _column_option(kind, entries, tail, found, raising=raising)
    for key in keys:
        attribute = (attribute_of or relationship_attribute)(key)
        if attribute is None or kind not in names.LOADER_NAMES:
            return None
        owner, name = attribute
        if name in models.all_columns(owner):
            return None  # raiseload(Order.notes): a relationship loader fails on a column
        stalled = tail is not None and tail.startswith(STALLED)
        stalls = stalled
        if tail is None:
            path = f"{owner.fullname}{_ROOT_SEP}{name}"
        else:
            above = tail.removeprefix(STALLED)
            stalls = stalled or chains.stalls(lookup, above, _ROOT_SEP, kind, owner, name)
            root, rest = above.split(_ROOT_SEP, 1)
            path = f"{root}{_ROOT_SEP}{rest + '.' if rest else ''}{name}"
        tail = STALLED + path if stalls else path
        if stalled:
            continue  # see chains.py: the options after a stalled hop do not run
        if kind in names.EAGER_LOADERS:
            entries = entries | {_LOADED + path}
        elif kind in names.RAISE_LOADERS:
            entries = entries | {FORCED_RAISE + path}
        elif kind in names.LAZY_LOADERS:
            entries = entries | {FORCED_LAZY + path}
    return None if tail is None else (entries, tail)


def _column_option(
    kind: str,
    entries: Entries,
    tail: str | None,
    attributes: list[tuple[TypeInfo, str]],
    *,
    raising: bool,
) -> tuple[Entries, str] | None:
    """``defer(Order.notes)``, ``undefer(...)``, ``load_only(Order.a, Order.b)`` at the
    chain's tail (the root entity when it has none): the tail stays where it is."""
    owner = attributes[0][0]
    if any(other is not owner for other, _name in attributes):
        return None
    if tail is None:
        tail = owner.fullname + _ROOT_SEP
    if tail.startswith(STALLED):
        return entries, tail  # see chains.py: the options after a stalled hop do not run
    root_name, above = tail.split(_ROOT_SEP, 1)
    named = {name for _owner, name in attributes}
    unloaded = FORCED_RAISE if raising else FORCED_LAZY
    if kind == names.UNDEFER_LOADER:
        signed = {(_LOADED, name) for name in named}
    elif kind == names.DEFER_LOADER:
        signed = {(unloaded, name) for name in named}
    else:  # load_only: the columns named and the primary key; every other one deferred
        others = models.all_columns(owner) - named - models.primary_keys(owner)
        signed = {(_LOADED, name) for name in named} | {(unloaded, name) for name in others}
    prefix = f"{above}." if above else ""
    return entries | {f"{sign}{root_name}{_ROOT_SEP}{prefix}{name}" for sign, name in signed}, tail


def root(model: TypeInfo) -> tuple[Entries, str]:
    """``Load(model)``: an empty chain rooted at ``model``."""
    return frozenset(), model.fullname + _ROOT_SEP


def _option_type(default: Type, entries: Entries, tail: str) -> Type:
    """SQLAlchemy's own option type carrying ``entries`` and ``tail``.

    mypy relates option types as it does without the plugin (``opt = a; opt = b``,
    ``opts.append(b)`` stay clean); a join of options (``[a, b]``) drops what they carry.
    """
    proper = get_proper_type(default)
    if not isinstance(proper, Instance):
        return default
    result = proper.copy_modified()
    result.extra_attrs = ExtraAttrs({}, {OPTION_TAG, _TAIL + tail, *entries}, None)
    return result


def _read_option(typ: Type) -> tuple[Entries, str | None] | None:
    proper = get_proper_type(typ)
    extra = proper.extra_attrs if isinstance(proper, Instance) else None
    if extra is None or OPTION_TAG not in extra.immutable:
        return None
    tails = [value for value in extra.immutable if value.startswith(_TAIL)]
    entries = frozenset(
        value for value in extra.immutable if value != OPTION_TAG and value[:1] != _TAIL
    )
    tail = tails[0][len(_TAIL) :] if len(tails) == 1 else None
    return entries, tail


def _entries_of_expressions(
    api: CheckerPluginInterface, exprs: Iterable[Expression]
) -> Entries | None:
    collected: set[str] = set()
    for expr in exprs:
        if isinstance(expr, (ListExpr, TupleExpr)):
            inner = _entries_of_expressions(api, expr.items)
        else:
            inner = _entries_of([scope.expression_type(api, expr)])
        if inner is None:
            # A list of options mypy joined (``opts = [a, b]``, ``*opts``): its items.
            items = merges.elements(api, expr)
            inner = _entries_of(items) if items is not None else None
        if inner is None:
            return None
        collected |= inner
    return frozenset(collected)


def _entries_of(types: Iterable[Type]) -> Entries | None:
    """All entries of the options passed (``*opts`` included); None if any is unreadable."""
    collected: set[str] = set()
    for typ in types:
        proper = get_proper_type(typ)
        option = _read_option(proper)
        if option is not None:
            collected |= option[0]
            continue
        if isinstance(proper, TupleType):
            inner = _entries_of(proper.items)
        elif isinstance(proper, Instance) and len(proper.args) == 1:
            inner = _entries_of(proper.args)  # list/tuple/Sequence of options, via *opts
        else:
            inner = None
        if inner is None:
            return None
        collected |= inner
    return frozenset(collected)


def relationship_attribute(expr: Expression) -> tuple[TypeInfo, str] | None:
    """``(Order, "lines")`` for ``Order.lines`` (also through ``.of_type()``/``.and_()``)."""
    while (
        isinstance(expr, CallExpr)
        and isinstance(expr.callee, MemberExpr)
        and expr.callee.name in _ATTRIBUTE_WRAPPERS
    ):
        expr = expr.callee.expr
    if isinstance(expr, MemberExpr) and isinstance(expr.expr, RefExpr):
        owner = expr.expr.node
        if isinstance(owner, TypeInfo):
            return owner, expr.name
    return None


def _callee_name(context: object) -> str | None:
    if isinstance(context, CallExpr) and isinstance(context.callee, (MemberExpr, RefExpr)):
        callee = context.callee
        return (
            callee.name if isinstance(callee, MemberExpr) else callee.fullname.rpartition(".")[2]
        )
    return None


def entity_of(typ: Type) -> TypeInfo | None:
    """The class of a class-object type such as ``type[Order]``."""
    proper = get_proper_type(typ)
    if isinstance(proper, TypeType) and isinstance(proper.item, Instance):
        return proper.item.type
    if isinstance(proper, CallableType) and proper.is_type_obj():
        return proper.type_object()
    return None


def session_scalar(ctx: MethodContext) -> Type:
    """``await session.scalar(select(Order))``: recover the entity mypy's overloads lose.

    In the context of ``scalar()``'s first overload (``TypedReturnsRows[Never]``) mypy infers
    ``select(Order)`` as ``Select[Never]`` and answers ``Any``, with or without the plugin.
    The statement typed on its own still says ``Order``: use it (re-inferred: the type mypy
    stored for the argument is the one inferred in that context).
    """
    if not ctx.args or not ctx.args[0] or not _has_any(ctx.default_return_type):
        return ctx.default_return_type
    statement = get_proper_type(ctx.api.get_expression_type(ctx.args[0][0]))
    first = _first_entity(statement)
    if first is None:
        return ctx.default_return_type
    result = UnionType([first, NoneType()])
    awaitable = get_proper_type(ctx.default_return_type)
    if isinstance(awaitable, Instance) and awaitable.type.fullname == names.COROUTINE:
        return awaitable.copy_modified(args=[*awaitable.args[:-1], result])
    return result


def row_item(ctx: MethodContext) -> Type:
    """``row[0]`` on SQLAlchemy 2.0's ``Row[tuple[Order, ...]]``: the entity, not ``Any``.

    Like ``session_scalar``, this gives the type SQLAlchemy declares where mypy answers
    ``Any``, and only for ORM entities, whose load state it carries.
    """
    row = ctx.type
    index = ctx.args[0][0] if ctx.args and ctx.args[0] else None
    if not (
        isinstance(get_proper_type(ctx.default_return_type), AnyType)
        and isinstance(row, Instance)
        and len(row.args) == 1
        and isinstance(index, IntExpr)
    ):
        return ctx.default_return_type
    items = get_proper_type(row.args[0])
    if not (isinstance(items, TupleType) and 0 <= index.value < len(items.items)):
        return ctx.default_return_type
    # Entities only: they carry a load state. A column stays Any, as SQLAlchemy types it.
    item = items.items[index.value]
    return item if states.model_and_state(item) is not None else ctx.default_return_type


def _first_entity(typ: Type) -> Type | None:
    """The first entity of ``Select[Order]`` (2.0: ``Select[tuple[Order, ...]]``)."""
    statement = get_proper_type(typ)
    if not (isinstance(statement, Instance) and statement.args):
        return None
    first = get_proper_type(statement.args[0])
    if isinstance(first, TupleType) and first.items:
        first = get_proper_type(first.items[0])
    if states.model_and_state(first) is None:
        return None
    return first


def _has_any(typ: Type) -> bool:
    proper = get_proper_type(typ)
    if isinstance(proper, AnyType):
        return True
    if isinstance(proper, UnionType):
        return any(_has_any(item) for item in proper.items)
    if isinstance(proper, Instance) and proper.type.fullname == names.COROUTINE:
        return bool(proper.args) and _has_any(proper.args[-1])
    return False
