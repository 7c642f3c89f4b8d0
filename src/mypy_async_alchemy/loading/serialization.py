"""Serialization boundaries: a Pydantic schema that validates an ORM object from attributes.

``MemberOut.model_validate(member)`` (``from_attributes`` in ``MemberOut``'s config or
passed to the call) and ``TypeAdapter(list[MemberOut]).validate_python(members,
from_attributes=True)`` read every relationship the schema's fields name, nested schemas
included (``schemas.py``): a relationship the object did not load is lazy-loaded inside
Pydantic, where it fails like any read (``MissingGreenlet``; FastAPI's
``ResponseValidationError`` "Error extracting attribute"). The call is reported
(``alchemy-lazy-load``) with the schema field, the relationship, and the loader chain of
the whole path. An object the session expired before the call (``expiry.py``) has every
attribute unloaded: the call is reported as the read of the first field
(``alchemy-expired``). Default mode: objects of known state; strict mode: also unknown
ones.
"""

from __future__ import annotations

from mypy.nodes import ARG_POS, CallExpr, Context, Expression, TypeInfo
from mypy.plugin import CheckerPluginInterface, MethodContext
from mypy.types import Instance, Type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope
from mypy_async_alchemy.checks.attributes import keyword, literal_bool
from mypy_async_alchemy.config import Config
from mypy_async_alchemy.families import receiver_info
from mypy_async_alchemy.loading import access, boundaries, expiry, models, schemas
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.loading.state import ORIGIN_SEP, State


def validated(ctx: MethodContext, *, config: Config) -> Type:
    """``Schema.model_validate(obj, ...)`` or ``TypeAdapter(T).validate_python(obj, ...)``."""
    call = ctx.context
    if not (isinstance(call, CallExpr) and ctx.arg_types and ctx.arg_types[0]):
        return ctx.default_return_type
    if scope.is_library_code(ctx.api):
        return ctx.default_return_type
    receiver = ctx.type
    if isinstance(receiver, Instance) and receiver.type.fullname == names.TYPE_ADAPTER:
        given = literal_bool(keyword(call, names.FROM_ATTRIBUTES))
        found = set(schemas.schemas_in(receiver.args[0])) if given else set()
    else:
        schema = receiver_info(ctx.type)
        found = (
            {schema}
            if schema is not None
            and schemas.is_schema(schema)
            and schemas.validates_from_attributes(schema, call)
            else set()
        )
    if len(found) == 1:
        handed = call.args[0] if call.arg_kinds[0] == ARG_POS else None
        check(ctx.api, call, found.pop(), ctx.arg_types[0][0], handed, config=config)
    return ctx.default_return_type


def check(
    api: CheckerPluginInterface,
    context: Context,
    schema: TypeInfo,
    given: Type,
    handed: Expression | None,
    *,
    config: Config,
) -> None:
    """Report at ``context`` the first path ``schema`` reads that an ORM object in ``given``
    (one, a list of them...; the value of ``handed``) lacks, or that the session expired."""
    for model, state in states.states_inside(given):
        reads = schemas.reads(schema, model)
        if handed is not None and reads:
            first = reads[0].path.split(".", 1)[0]
            if expiry.check_handed(api, context, handed, model, first, state, config=config):
                return
        if state is None and not config.strict:
            continue
        known = state if state is not None else states.NOTHING
        for read in reads:
            if not access.path_loaded(model, known, read.path):
                _report(api, context, schema, model, known, read)
                return


def _report(
    api: CheckerPluginInterface,
    context: Context,
    schema: TypeInfo,
    model: TypeInfo,
    state: State,
    read: schemas.Read,
) -> None:
    """Report the first segment of ``read`` that ``state`` lacks."""
    segments = read.path.split(".")
    fields = read.field.split(".")
    steps: list[str] = []
    owner: TypeInfo | None = model
    for depth, segment in enumerate(segments, start=1):
        if owner is None:
            return
        steps.append(f"{owner.name}.{segment}")
        if not access.path_loaded(model, state, ".".join(segments[:depth])):
            field = f"{schema.name}.{'.'.join(fields[:depth])}"
            column = models.strategy(owner, segment) is None
            chain = _chain(state, steps, column=column)
            note = (
                messages.LAZY_LOAD_GET_NOTE
                if states.FROM_GET in state
                else messages.SERIALIZES_UNLOADED_NOTE
            )
            report.error(
                api,
                messages.SERIALIZES_UNLOADED.format(field, steps[-1], boundaries.shown(state)),
                note.format(chain),
                context,
            )
            return
        owner = models.target(owner, segment)


def _chain(state: State, steps: list[str], *, column: bool) -> str:
    """The loader options that load ``steps`` (the last one a column when ``column``)."""
    origin = states.origin(state)
    relationships = steps[:-1] if column else steps
    prefix = ORIGIN_SEP.join([*([origin] if origin else []), *relationships[:-1]]) or None
    chain = access.loader_chain(prefix, relationships[-1]) if relationships else ""
    if not column:
        return chain
    undefer = f"undefer({steps[-1]})"
    return f"{chain}.{undefer}" if chain else undefer
