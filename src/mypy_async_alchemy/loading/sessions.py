"""Whether a session expires its objects on commit, carried invisibly on its type.

``async_sessionmaker(engine, expire_on_commit=False)``, ``sessionmaker(...)`` and
``AsyncSession(engine, ...)`` give their result a tag (in the instance's ``extra_attrs``, as
load states are carried: see ``state.py``) that says what ``expire_on_commit=`` is; a
maker's ``__call__`` and ``begin()`` hand the tag on to the sessions they make. The tag is
serialised with the type, so a maker imported from another module (and read from the
incremental cache) still knows. A session without a tag came from somewhere the plugin
cannot see (a parameter typed ``AsyncSession``): its setting is unknown, unless it is a
FastAPI dependency (``session: AsyncSession = Depends(get_session)``, or
``Annotated[AsyncSession, Depends(get_session)]`` written in the signature) whose function
yields sessions the plugin can follow: ``async with maker() as session: yield session`` gives
``get_session``'s declared return type (``AsyncIterator[AsyncSession]``) the maker's tag, in
its signature, while mypy writes its module's cache (``summarise_dependency``), so that the
parameter's setting is read from there in any module (``from_dependency``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final

from mypy.nodes import (
    ARG_STAR2,
    AssignmentStmt,
    CallExpr,
    Decorator,
    Expression,
    ExpressionStmt,
    FuncDef,
    MemberExpr,
    MypyFile,
    NameExpr,
    RefExpr,
    TypeInfo,
    Var,
    WithStmt,
    YieldExpr,
)
from mypy.plugin import CheckerPluginInterface, FunctionContext, MethodContext
from mypy.types import CallableType, ExtraAttrs, Instance, Type, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, threadpool, walk
from mypy_async_alchemy.checks.attributes import literal_bool
from mypy_async_alchemy.families import Family, family_of, receiver_info

# Not identifiers: no member lookup or hasattr() narrowing can meet them.
_EXPIRES: Final = "@alchemy.expire_on_commit"
_KEEPS: Final = "@alchemy.keep_on_commit"
_MAKERS: Final = frozenset({names.ASYNC_SESSIONMAKER, names.SESSIONMAKER})
_TAGGED_FAMILIES: Final = frozenset(
    {Family.ASYNC_SESSION, Family.ASYNC_SESSIONMAKER, Family.SESSIONMAKER, Family.SESSION}
)


def expires_on_commit(typ: Type | None) -> bool | None:
    """What the session (or maker) typed ``typ`` does at commit; None if not known."""
    proper = get_proper_type(typ) if typ is not None else None
    extra = proper.extra_attrs if isinstance(proper, Instance) else None
    if extra is None:
        return None
    if _EXPIRES in extra.immutable:
        return True
    if _KEEPS in extra.immutable:
        return False
    return None


def is_session_type(typ: Type) -> bool:
    """Whether ``typ`` is declared as a session (``AsyncSession``, ``Session``, subclasses)."""
    proper = get_proper_type(typ)
    return isinstance(proper, Instance) and (
        proper.type.has_base(names.ASYNC_SESSION) or proper.type.has_base(names.SESSION)
    )


def declared_session(expr: Expression, func: FuncDef) -> bool:
    """Whether ``expr`` in ``func`` is a parameter, variable or ``self`` attribute declared
    as a session (read without expression types: summaries)."""
    node = scope.referenced(expr, func)
    return isinstance(node, Var) and node.type is not None and is_session_type(node.type)


def is_async_session(api: CheckerPluginInterface, expr: Expression) -> bool:
    """Whether ``expr`` is an AsyncSession (its type as mypy inferred it earlier)."""
    typ = scope.inferred_type(api, expr)
    info = receiver_info(typ) if typ is not None else None
    return info is not None and family_of(info) is Family.ASYNC_SESSION


def origin_call(ctx: FunctionContext) -> Type:
    """``async_sessionmaker(...)``, ``sessionmaker(...)``, ``AsyncSession(...)``: the result
    carries ``expire_on_commit=`` (SQLAlchemy's default: true).

    A maker bound to a module-level name that the module reconfigures
    (``maker.configure(expire_on_commit=False)``, anywhere in it) carries what every such
    call and the constructor agree on; unknown when they differ. Calls of ``configure``
    in other modules are not seen: a maker made without an engine, and given neither an
    engine nor ``expire_on_commit=`` in its own module, is configured somewhere else
    (``maker.configure(bind=engine, ...)`` at start-up): unknown."""
    call = ctx.context
    if not isinstance(call, CallExpr):
        return ctx.default_return_type
    module = scope.current_module(ctx.api)
    bound = _bound_name(module, call) if module is not None else None
    return _tagged(ctx.default_return_type, _made_setting(module, call, bound))


def _made_setting(module: MypyFile | None, call: CallExpr, maker: Var | None) -> bool | None:
    """What the maker (or session) ``call`` makes does at commit: its ``expire_on_commit=``,
    agreed with every ``maker.configure(...)`` of ``module`` that sets it, ``maker`` being
    the module-level variable ``call`` is assigned to; None when they disagree, or when
    another module configures it (``_configured_elsewhere``)."""
    configures = list(_configure_calls(module, maker)) if module and maker else []
    if _configured_elsewhere(call, configures):
        return None
    setting = names.EXPIRE_ON_COMMIT
    configured = [_argument(given) for given in configures if _sets(given, setting)]
    return _agreed([_argument(call), *configured])


def _bound_name(module: MypyFile, call: CallExpr) -> Var | None:
    """The module-level variable ``call`` is assigned to (``maker = async_sessionmaker()``)."""
    for statement in module.defs:
        if (
            isinstance(statement, AssignmentStmt)
            and statement.rvalue is call
            and len(statement.lvalues) == 1
        ):
            target = statement.lvalues[0]
            if isinstance(target, NameExpr) and isinstance(target.node, Var):
                return target.node
    return None


def _agreed(settings: Iterable[bool | None]) -> bool | None:
    """The one setting all of ``settings`` agree on; None if they differ, or are none."""
    distinct = set(settings)
    return distinct.pop() if len(distinct) == 1 else None


def _configure_calls(module: MypyFile, maker: Var) -> Iterator[CallExpr]:
    """The ``maker.configure(...)`` calls of ``module``."""
    for _owner, statement in walk.owned_statements(module):
        call = statement.expr if isinstance(statement, ExpressionStmt) else None
        if (
            isinstance(call, CallExpr)
            and isinstance(call.callee, MemberExpr)
            and call.callee.name == names.CONFIGURE_METHOD
            and isinstance(call.callee.expr, NameExpr)
            and call.callee.expr.node is maker
        ):
            yield call


def _sets(call: CallExpr, name: str) -> bool:
    """Whether ``call`` passes ``name=`` (or may, through ``**settings``)."""
    return name in call.arg_names or ARG_STAR2 in call.arg_kinds


def _configured_elsewhere(call: CallExpr, configures: list[CallExpr]) -> bool:
    """Whether ``call`` makes a maker without an engine (``async_sessionmaker()``) that
    nothing in its module gives an engine or ``expire_on_commit=``: another module
    configures it, maybe with ``expire_on_commit=False``."""
    callee = call.callee
    if not (isinstance(callee, RefExpr) and callee.fullname in _MAKERS):
        return False
    if call.args and call.arg_names[0] is None:
        return False  # async_sessionmaker(engine)
    settings = (names.BIND_ARGUMENT, names.EXPIRE_ON_COMMIT)
    return not any(_sets(given, name) for given in (call, *configures) for name in settings)


def summarise_dependency(func: FuncDef, module: MypyFile) -> None:
    """Tag the sessions ``func`` (an ``async def`` generator) yields with what their maker
    does at commit, when every ``yield`` hands over a session ``func`` opened from one
    maker setting (``async with maker() as s``, ``s = maker()``, ``AsyncSession(...)``)."""
    signature = func.type
    if not (isinstance(signature, CallableType) and func.is_async_generator):
        return
    if any(expires_on_commit(typ) is not None for typ in _session_types(signature.ret_type)):
        return  # summarised already
    yielded = [
        _yielded_setting(func, module, statement.expr.expr)
        for statement in walk.statements(func)
        if isinstance(statement, ExpressionStmt) and isinstance(statement.expr, YieldExpr)
    ]
    setting = _agreed(yielded)
    if setting is not None:
        func.type = signature.copy_modified(ret_type=_tagged(signature.ret_type, setting))


def _yielded_setting(func: FuncDef, module: MypyFile, value: Expression | None) -> bool | None:
    """What the session ``value`` (a variable of ``func``) does at commit; None if unknown."""
    var = value.node if isinstance(value, NameExpr) else None
    if not isinstance(var, Var):
        return None
    opened: list[Expression] = []
    for statement in walk.statements(func):
        if isinstance(statement, WithStmt):
            opened += [
                expr
                for expr, target in zip(statement.expr, statement.target, strict=True)
                if isinstance(target, NameExpr) and target.node is var
            ]
        elif isinstance(statement, AssignmentStmt) and any(
            isinstance(lvalue, NameExpr) and lvalue.node is var for lvalue in statement.lvalues
        ):
            opened.append(statement.rvalue)
    return _agreed(_opened_setting(module, expr) for expr in opened)


def _opened_setting(module: MypyFile, expr: Expression) -> bool | None:
    """``maker()``, ``maker.begin()``, ``AsyncSession(engine, ...)``: the session's setting."""
    if not isinstance(expr, CallExpr):
        return None
    callee = expr.callee
    if isinstance(callee, MemberExpr) and callee.name == names.BEGIN_METHOD:
        callee = callee.expr
    node = callee.node if isinstance(callee, RefExpr) else None
    if isinstance(node, TypeInfo):
        return _argument(expr) if family_of(node) is Family.ASYNC_SESSION else None
    if not isinstance(node, Var):
        return None
    known = expires_on_commit(node.type)  # a maker of a module checked before this one
    if known is not None:
        return known
    made = _made(module, node)  # a maker of this module, not checked yet
    return _made_setting(module, made, node) if made is not None else None


def _made(module: MypyFile, maker: Var) -> CallExpr | None:
    """``async_sessionmaker(...)`` assigned to the module-level ``maker`` in ``module``."""
    for statement in module.defs:
        if (
            isinstance(statement, AssignmentStmt)
            and isinstance(statement.rvalue, CallExpr)
            and isinstance(statement.rvalue.callee, RefExpr)
            and statement.rvalue.callee.fullname in names.SESSION_ORIGINS
            and any(
                isinstance(lvalue, NameExpr) and lvalue.node is maker
                for lvalue in statement.lvalues
            )
        ):
            return statement.rvalue
    return None


def from_dependency(api: CheckerPluginInterface, expr: Expression) -> bool | None:
    """A parameter ``session: AsyncSession = Depends(get_session)`` of the function being
    checked: what ``get_session``'s sessions do at commit (``summarise_dependency``)."""
    var = expr.node if isinstance(expr, NameExpr) else None
    if not isinstance(var, Var):
        return None
    for function in scope.enclosing_functions(api):
        for index, argument in enumerate(function.arguments):
            if argument.variable is not var:
                continue
            dependency = threadpool.dependency(argument.initializer)
            node = dependency.node if isinstance(dependency, RefExpr) else None
            func = node.func if isinstance(node, Decorator) else node
            if func is None and isinstance(function, FuncDef):
                module = scope.current_module(api)
                if module is not None:
                    func = threadpool.annotated_dependency(module, function, index)
            return _dependency_setting(api, func) if isinstance(func, FuncDef) else None
    return None


def _dependency_setting(api: CheckerPluginInterface, func: FuncDef) -> bool | None:
    module = scope.module_of(api, func)
    if module is not None and scope.is_project_module(module):
        # Its body is here (the module being checked, dmypy, a build without a cache):
        # summarised now if mypy did not write its module's cache first.
        summarise_dependency(func, module)
    if not isinstance(func.type, CallableType):
        return None
    return _agreed(expires_on_commit(typ) for typ in _session_types(func.type.ret_type))


def _session_types(typ: Type) -> Iterator[Instance]:
    """The session types inside ``typ`` (``AsyncIterator[AsyncSession]``)."""
    proper = get_proper_type(typ)
    if not isinstance(proper, Instance):
        return
    if family_of(proper.type) is Family.ASYNC_SESSION:
        yield proper
        return
    for arg in proper.args:
        yield from _session_types(arg)


def from_maker(ctx: MethodContext) -> Type:
    """``maker()``, ``maker.begin()``: the session made has the maker's setting."""
    return _tagged(ctx.default_return_type, expires_on_commit(ctx.type))


def _argument(call: CallExpr) -> bool | None:
    """``expire_on_commit=`` of ``call`` as a literal; None when it is not one (or hidden
    in ``**settings``)."""
    for name, kind, value in zip(call.arg_names, call.arg_kinds, call.args, strict=True):
        if name == names.EXPIRE_ON_COMMIT:
            return literal_bool(value)
        if kind == ARG_STAR2:
            return None
    return True


def _tagged(typ: Type, expires: bool | None) -> Type:
    """``typ`` with the sessions and makers in it (itself, or its type arguments) tagged."""
    if expires is None:
        return typ
    proper = get_proper_type(typ)
    if not isinstance(proper, Instance):
        return typ
    args = tuple(_tagged(arg, expires) for arg in proper.args)
    if family_of(proper.type) not in _TAGGED_FAMILIES:
        if all(new is old for new, old in zip(args, proper.args, strict=True)):
            return typ
        return proper.copy_modified(args=list(args))
    result = proper.copy_modified(args=list(args))
    extra = proper.extra_attrs
    attrs = dict(extra.attrs) if extra is not None else {}
    immutable = set(extra.immutable) - {_EXPIRES, _KEEPS} if extra is not None else set()
    immutable.add(_EXPIRES if expires else _KEEPS)
    result.extra_attrs = ExtraAttrs(attrs, immutable, extra.mod_name if extra else None)
    return result
