"""alchemy-sync-engine, alchemy-sync-session, alchemy-legacy-query: sync APIs in async code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from mypy.nodes import CallExpr, MemberExpr, NameExpr
from mypy.plugin import FunctionSigContext, MethodSigContext
from mypy.types import FunctionLike, Instance, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, receivers, report, scope, threads
from mypy_async_alchemy.callbacks import FunctionSignatureHook, MethodSignatureHookTable
from mypy_async_alchemy.checks.sync_created import repeats_creation, unbound_session
from mypy_async_alchemy.checks.sync_session_class import serves_async_session
from mypy_async_alchemy.families import Family, family_of, receiver_info, root_of


def sync_engine_factory(ctx: FunctionSigContext) -> FunctionLike:
    """``create_engine(...)`` / ``engine_from_config(...)``."""
    if _in_async_reach(ctx):
        name = _callee_name(ctx.context) or "create_engine"
        report.error(
            ctx.api,
            messages.SYNC_ENGINE_FACTORY.format(name),
            messages.SYNC_ENGINE_FACTORY_NOTE,
            ctx.context,
        )
    return ctx.default_signature


def sync_constructor(ctx: FunctionSigContext) -> FunctionLike:
    """``Session(...)``, ``sessionmaker(...)``, ``scoped_session(...)``, ``Query(...)``."""
    created = get_proper_type(ctx.default_signature.ret_type)
    # Calling a NewType over Session is a cast, not a construction.
    if not isinstance(created, Instance) or created.type.is_newtype:
        return ctx.default_signature
    family = family_of(created.type)
    if family is Family.QUERY and not scope.is_library_code(ctx.api):
        report.error(
            ctx.api, messages.LEGACY_QUERY.format("Query"), messages.LEGACY_QUERY_NOTE, ctx.context
        )
    elif family is not None and not (
        isinstance(ctx.context, CallExpr)
        and (
            serves_async_session(ctx.api, ctx.context)
            or unbound_session(created.type.fullname, ctx.context)
        )
    ):
        _report_session_factory(ctx, family.value)
    return ctx.default_signature


def maker_call(ctx: MethodSigContext) -> FunctionLike:
    """``SessionLocal()`` on a ``sessionmaker``, ``scoped()`` on a ``scoped_session``."""
    created = get_proper_type(ctx.default_signature.ret_type)
    # Name the Session handed out; skip Any (a mistyped ``class_=``) and non-Session classes.
    root = root_of(created.type) if isinstance(created, Instance) else None
    if root is not None and family_of(root) is Family.SESSION and receivers.reports_member(ctx):
        _report_session_factory(ctx, root.name)
    return ctx.default_signature


def maker_begin(ctx: MethodSigContext) -> FunctionLike:
    """``SessionLocal.begin()``: opens a sync Session and its transaction."""
    label = _method_label(ctx)
    if label is not None:
        _report_session_factory(ctx, label)
    return ctx.default_signature


def _report_session_factory(ctx: FunctionSigContext | MethodSigContext, label: str) -> None:
    if _in_async_reach(ctx):
        report.error(
            ctx.api,
            messages.SYNC_SESSION_FACTORY.format(label),
            messages.SYNC_SESSION_FACTORY_NOTE,
            ctx.context,
        )


def engine_io(ctx: MethodSigContext) -> FunctionLike:
    """IO on a sync ``Engine`` / ``Connection``, outside run_sync callbacks.

    Not on an Engine or Connection the function created (reported there: sync_created.py).
    """
    label = _method_label(ctx)
    if label is not None and _in_async_reach(ctx) and not repeats_creation(ctx.api, ctx.context):
        report.error(
            ctx.api,
            messages.SYNC_ENGINE_IO.format(label),
            messages.SYNC_ENGINE_IO_NOTE,
            ctx.context,
        )
    return ctx.default_signature


def session_io(ctx: MethodSigContext) -> FunctionLike:
    """IO on a sync ``Session`` / ``scoped_session``, outside run_sync callbacks.

    Not on a Session the function created (reported there: checks/sync_created.py).
    """
    label = _method_label(ctx)
    if (
        label is not None
        and _in_async_reach(ctx)
        and not _merge_without_load(ctx.context)
        and not repeats_creation(ctx.api, ctx.context)
    ):
        report.error(
            ctx.api,
            messages.SYNC_SESSION_IO.format(label),
            messages.SYNC_SESSION_IO_NOTE,
            ctx.context,
        )
    return ctx.default_signature


def legacy_query(ctx: MethodSigContext) -> FunctionLike:
    """``session.query(...)``, ``scoped.query_property()``: everywhere, run_sync included.

    Reported where the legacy ``Query`` is created; ``Query`` methods are not hooked, so the
    calls chained on it are not reported again.
    """
    label = _method_label(ctx)
    if label is not None:
        report.error(
            ctx.api, messages.LEGACY_QUERY.format(label), messages.LEGACY_QUERY_NOTE, ctx.context
        )
    return ctx.default_signature


def _merge_without_load(context: object) -> bool:
    """``session.merge(obj, load=False)``: no autoflush, no SELECT."""
    return (
        isinstance(context, CallExpr)
        and _callee_name(context) == names.MERGE_METHOD
        and any(
            name == names.MERGE_LOAD_ARGUMENT
            and isinstance(arg, NameExpr)
            and arg.fullname == names.FALSE
            for arg, name in zip(context.args, context.arg_names, strict=True)
        )
    )


def _in_async_reach(ctx: FunctionSigContext | MethodSigContext) -> bool:
    """Whether sync IO here could block an event loop.

    Not in SQLAlchemy's own code, not in a run_sync() callback (the greenlet bridge runs it),
    not in a plain function the module hands to a worker thread.
    """
    return not (
        scope.is_library_code(ctx.api)
        or scope.in_sync_callback(ctx.api)
        or threads.in_worker_thread(ctx.api)
    )


def _method_label(ctx: MethodSigContext) -> str | None:
    """``"Session.execute"`` for a call on a Session (or subclass) in user code."""
    info = receiver_info(ctx.type)
    if info is None or scope.is_library_code(ctx.api) or not receivers.reports_member(ctx):
        return None
    family = family_of(info)
    method = _callee_name(ctx.context)
    if family is None or method is None:
        return None
    return f"{family.value}.{method}"


def _callee_name(context: object) -> str | None:
    """The called name as SQLAlchemy spells it (``create_engine``, not an import alias)."""
    if isinstance(context, CallExpr):
        callee = context.callee
        if isinstance(callee, NameExpr) and callee.fullname:
            return callee.fullname.rpartition(".")[2]
        if isinstance(callee, (MemberExpr, NameExpr)):
            return callee.name
    return None


FUNCTION_SIGNATURE_HOOKS: Final[Mapping[str, FunctionSignatureHook]] = {
    names.CREATE_ENGINE: sync_engine_factory,
    names.ENGINE_FROM_CONFIG: sync_engine_factory,
}
CONSTRUCTOR_SIGNATURE_HOOKS: Final[Mapping[Family, FunctionSignatureHook]] = {
    Family.SESSION: sync_constructor,
    Family.SESSIONMAKER: sync_constructor,
    Family.SCOPED_SESSION: sync_constructor,
    Family.QUERY: sync_constructor,
}
METHOD_SIGNATURE_HOOKS: Final[MethodSignatureHookTable] = {
    Family.ENGINE: dict.fromkeys(names.ENGINE_IO_METHODS, engine_io),
    Family.CONNECTION: dict.fromkeys(names.CONNECTION_IO_METHODS, engine_io),
    Family.SESSION: {
        **dict.fromkeys(names.SESSION_IO_METHODS, session_io),
        names.QUERY_METHOD: legacy_query,
    },
    Family.SCOPED_SESSION: {
        **dict.fromkeys(names.SCOPED_SESSION_IO_METHODS, session_io),
        names.QUERY_METHOD: legacy_query,
        names.QUERY_PROPERTY_METHOD: legacy_query,
        names.SESSION_FACTORY_CALL: maker_call,
    },
    Family.SESSIONMAKER: {
        names.SESSION_FACTORY_CALL: maker_call,
        names.SESSION_FACTORY_BEGIN: maker_begin,
    },
}
