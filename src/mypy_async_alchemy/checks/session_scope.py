"""alchemy-session-scope: every AsyncSession is opened as an ``async with`` item.

A session factory (``returns_new_session``) hands its new session to the caller: its
``return maker()`` is not reported; each call of it is checked as a call of the maker.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from mypy.nodes import (
    FUNC_NO_INFO,
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    Decorator,
    Expression,
    ExpressionStmt,
    FuncDef,
    FuncItem,
    MemberExpr,
    MypyFile,
    RefExpr,
    ReturnStmt,
    Statement,
    WithStmt,
)
from mypy.plugin import CheckerPluginInterface, FunctionSigContext, MethodSigContext
from mypy.types import AnyType, FunctionLike, Instance, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, receivers, report, scope, walk
from mypy_async_alchemy.callbacks import FunctionSignatureHook, MethodSignatureHookTable
from mypy_async_alchemy.checks.session_factories import (
    coroutine_result,
    defined_in,
    returns_new_session,
    unawaited,
)
from mypy_async_alchemy.families import Family, receiver_info


def session_constructor(ctx: FunctionSigContext) -> FunctionLike:
    """``AsyncSession(engine)`` (not a ``NewType`` cast over it)."""
    created = get_proper_type(ctx.default_signature.ret_type)
    if isinstance(created, Instance) and not created.type.is_newtype:
        _check(ctx, created.type.name)
    return ctx.default_signature


def maker_call(ctx: MethodSigContext) -> FunctionLike:
    """``maker()`` and ``maker.begin()`` on an ``async_sessionmaker``."""
    if receivers.reports_member(ctx):
        _check(ctx, Family.ASYNC_SESSIONMAKER.value)
    return ctx.default_signature


def factory_call(ctx: FunctionSigContext | MethodSigContext) -> FunctionLike:
    """``get_session()``, ``db.session()``: a session factory of this module, called.

    Only the module's own: mypy drops a module's function bodies once it is checked, so
    what another module's function returns cannot be read (and whether dmypy, which keeps
    them, could read it must not change the verdict).
    """
    factory = _called_function(ctx)
    module = scope.current_module(ctx.api)
    if (
        factory is None
        or module is None
        or not defined_in(module.fullname, factory)
        or not returns_new_session(factory)
    ):
        return ctx.default_signature
    label = f"{factory.info.name}.{factory.name}" if factory.info is not FUNC_NO_INFO else None
    _check(
        ctx,
        label or factory.name,
        awaited=coroutine_result(ctx.default_signature.ret_type) is not None,
    )
    return ctx.default_signature


def _called_function(ctx: FunctionSigContext | MethodSigContext) -> FuncDef | None:
    callee = ctx.context.callee if isinstance(ctx.context, CallExpr) else None
    node: object = None
    if isinstance(ctx, MethodSigContext):
        info = receiver_info(ctx.type)
        if info is not None and isinstance(callee, MemberExpr):
            node = info.get_method(callee.name)
    elif isinstance(callee, RefExpr):
        node = callee.node
    node = node.func if isinstance(node, Decorator) else node
    return node if isinstance(node, FuncDef) else None


def _check(
    ctx: FunctionSigContext | MethodSigContext, factory: str, *, awaited: bool = False
) -> None:
    if scope.is_library_code(ctx.api) or not isinstance(ctx.context, CallExpr):
        return
    function = scope.current_function(ctx.api)
    body: FuncItem | MypyFile | None = function or scope.current_module(ctx.api)
    if (
        body is None
        or _opened_by_async_with(ctx.api, body, ctx.context)
        or _returned_by_factory(ctx.api, ctx.context)
    ):
        return
    call = report.spelled(ctx.context) or f"{factory}(...)"
    if awaited:
        call = f"await {call}"
    report.error(
        ctx.api,
        messages.SESSION_SCOPE.format(factory),
        messages.SESSION_SCOPE_NOTE.format(call),
        ctx.context,
    )


def _opened_by_async_with(
    api: CheckerPluginInterface, body: FuncItem | MypyFile, call: CallExpr
) -> bool:
    return any(_opens(api, statement, call) for statement in walk.statements(body))


def _opens(api: CheckerPluginInterface, statement: Statement, call: CallExpr) -> bool:
    """``async with call`` or ``[x =|return] await stack.enter_async_context(call)``.

    A plain ``with`` item counts too: it only type-checks for a sync session, i.e. for the
    sync side of a ``sessionmaker | async_sessionmaker`` union, which the sync rules cover.
    """
    if isinstance(statement, WithStmt):
        return any(unawaited(item) is call for item in statement.expr)
    value = _top_expression(statement)
    if isinstance(value, AwaitExpr):
        value = value.expr
    return (
        isinstance(value, CallExpr)
        and any(unawaited(arg) is call for arg in value.args)
        and isinstance(value.callee, MemberExpr)
        and value.callee.name == names.ENTER_ASYNC_CONTEXT
        and _is_exit_stack(api, value.callee.expr)
    )


def _top_expression(statement: Statement) -> Expression | None:
    """The value of ``x = ...``, ``return ...`` or an expression statement."""
    if isinstance(statement, AssignmentStmt):
        return statement.rvalue
    if isinstance(statement, (ExpressionStmt, ReturnStmt)):
        return statement.expr
    return None


def _is_exit_stack(api: CheckerPluginInterface, stack: Expression) -> bool:
    """An ``AsyncExitStack`` (or subclass) or ``Any``: untyped code gets the benefit of doubt.

    Only a name or attribute is re-inferred (side-effect free); ``make_stack().enter_...``
    is trusted rather than running the call's hooks a second time.
    """
    if not isinstance(stack, RefExpr):
        return True
    proper = get_proper_type(scope.expression_type(api, stack))
    if isinstance(proper, AnyType):
        return True
    return isinstance(proper, Instance) and proper.type.has_base(names.ASYNC_EXIT_STACK)


def _returned_by_factory(api: CheckerPluginInterface, call: CallExpr) -> bool:
    """``return maker()`` in a session factory (a function or method of the module, not a
    nested function: its callers are found by name): its callers open the session."""
    function = scope.current_function(api)
    module = scope.current_module(api)
    return (
        isinstance(function, FuncDef)
        and module is not None
        and defined_in(module.fullname, function)
        and any(
            isinstance(statement, ReturnStmt) and unawaited(statement.expr) is call
            for statement in walk.statements(function)
        )
        and returns_new_session(function)
    )


CONSTRUCTOR_SIGNATURE_HOOKS: Final[Mapping[Family, FunctionSignatureHook]] = {
    Family.ASYNC_SESSION: session_constructor,
}
METHOD_SIGNATURE_HOOKS: Final[MethodSignatureHookTable] = {
    Family.ASYNC_SESSIONMAKER: {
        names.SESSION_FACTORY_CALL: maker_call,
        names.SESSION_FACTORY_BEGIN: maker_call,
    },
}
