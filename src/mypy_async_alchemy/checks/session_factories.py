"""Session factories: functions that hand a new AsyncSession to their caller.

``def get_session() -> AsyncSession: return maker()`` opens nothing itself: whoever calls
it opens (or leaks) the session. alchemy-session-scope leaves its ``return`` alone and
checks each call of it as a call of the maker (checks/session_scope.py).
"""

from __future__ import annotations

from typing import Final

from mypy.maptype import map_instance_to_supertype
from mypy.nodes import (
    FUNC_NO_INFO,
    AwaitExpr,
    CallExpr,
    Decorator,
    Expression,
    FuncDef,
    MemberExpr,
    ReturnStmt,
    SymbolNode,
    TypeInfo,
    Var,
)
from mypy.types import CallableType, Instance, Type, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, walk
from mypy_async_alchemy.families import Family, family_of


def returns_new_session(node: SymbolNode | None) -> bool:
    """Whether ``node`` is a session factory: a plain function or method declared to return
    an AsyncSession (or an async context manager of one) whose every ``return`` hands back
    a new one (``maker()``, ``maker.begin()``, ``AsyncSession(...)``, another factory's).

    A decorated function (but for ``staticmethod``/``classmethod``) may return something
    else: it is none.
    """
    return _is_factory(node, set())


def declares_new_session(node: SymbolNode | None) -> FuncDef | None:
    """The function ``node`` if its signature allows a session factory (``returns_new_session``
    without reading the body): answered from the declaration alone, so that a call's hook
    does not depend on whether the function's body is still there."""
    if isinstance(node, Decorator):
        if node.decorators:
            return None
        node = node.func
    if (
        not isinstance(node, FuncDef)
        or node.is_generator
        or node.is_async_generator
        or node.is_property
        or (node.is_decorated and not (node.is_static or node.is_class))
        or not isinstance(node.type, CallableType)
    ):
        return None
    declared = node.type.ret_type
    returned = coroutine_result(declared) if node.is_coroutine else declared
    return node if returned is not None and _opens_session(returned) else None


def defined_in(module: str, func: FuncDef) -> bool:
    """A function of module ``module``'s top level, or a method of one of its classes.

    Only those bodies are read: mypy drops a module's function bodies once it is checked
    (dmypy keeps them), so another module's could be read in some runs and not in others.
    """
    if func.info is not FUNC_NO_INFO:
        return func.info.module_name == module
    return func.fullname == f"{module}.{func.name}"


def _is_factory(node: SymbolNode | None, seen: set[FuncDef]) -> bool:
    func = declares_new_session(node)
    if func is None or func in seen:
        return False
    seen.add(func)
    values = [s.expr for s in walk.statements(func) if isinstance(s, ReturnStmt)]
    return bool(values) and all(
        value is not None and _new_session(value, func, seen) for value in values
    )


def coroutine_result(typ: Type) -> Type | None:
    """``X`` of ``Coroutine[Any, Any, X]`` (an ``async def``'s declared return type)."""
    proper = get_proper_type(typ)
    if isinstance(proper, Instance) and proper.type.fullname == names.COROUTINE:
        return proper.args[-1] if proper.args else None
    return None


def _opens_session(typ: Type) -> bool:
    """``AsyncSession`` (or subclass), or an async context manager entered as one."""
    proper = get_proper_type(typ)
    if not isinstance(proper, Instance):
        return False
    if family_of(proper.type) is Family.ASYNC_SESSION:
        return not proper.type.is_newtype
    for base in proper.type.mro:
        if base.fullname in _SESSION_CONTEXT_MANAGERS:
            mapped = map_instance_to_supertype(proper, base)
            entered = get_proper_type(mapped.args[0]) if mapped.args else None
            return (
                isinstance(entered, Instance) and family_of(entered.type) is Family.ASYNC_SESSION
            )
    return False


_SESSION_CONTEXT_MANAGERS: Final = frozenset(
    {names.ASYNC_CONTEXT_MANAGER, names.ASYNC_SESSION_CONTEXT_MANAGER}
)


def _new_session(value: Expression, func: FuncDef, seen: set[FuncDef]) -> bool:
    """``maker()``, ``maker.begin()``, ``AsyncSession(...)``, ``[await] factory()``.

    Read without the checker (callers ask before the factory may be checked): the maker's
    type is its variable's, declared or inferred earlier.
    """
    awaited = isinstance(value, AwaitExpr)
    value = unawaited(value) or value
    if not isinstance(value, CallExpr):
        return False
    callee = scope.referenced(value.callee, func)
    if isinstance(callee, TypeInfo):
        return not awaited and family_of(callee) is Family.ASYNC_SESSION and not callee.is_newtype
    if isinstance(callee, (FuncDef, Decorator)):
        target = callee.func if isinstance(callee, Decorator) else callee
        return (
            awaited == target.is_coroutine
            and defined_in(scope.defining_module(func), target)
            and _is_factory(callee, seen)
        )
    if awaited:
        return False
    if _is_maker(callee):
        return True
    return (
        isinstance(value.callee, MemberExpr)
        and value.callee.name == names.SESSION_FACTORY_BEGIN
        and _is_maker(scope.referenced(value.callee.expr, func))
    )


def _is_maker(node: SymbolNode | None) -> bool:
    if not isinstance(node, Var) or node.type is None:
        return False
    proper = get_proper_type(node.type)
    return isinstance(proper, Instance) and family_of(proper.type) is Family.ASYNC_SESSIONMAKER


def unawaited(expr: Expression | None) -> Expression | None:
    """``await f()`` is ``f()``: how a coroutine session factory's call is opened."""
    return expr.expr if isinstance(expr, AwaitExpr) else expr
