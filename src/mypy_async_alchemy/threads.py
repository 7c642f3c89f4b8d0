"""Plain functions handed to a worker thread: sync database IO there blocks no event loop.

``await asyncio.to_thread(save_sync, data)``, ``await anyio.to_thread.run_sync(...)``,
``await run_in_threadpool(...)`` (Starlette, FastAPI), ``loop.run_in_executor(None, ...)``,
``await asyncify(save_sync)(data)`` run a plain function in a thread. The function is
recognised by such a call anywhere in its module that passes it (by name, as
``self.method``, or through ``functools.partial``), as a statement, an assignment's value,
a return value or a ``with`` item.
"""

from __future__ import annotations

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
    NameExpr,
    RefExpr,
    ReturnStmt,
    Statement,
    WithStmt,
)
from mypy.plugin import CheckerPluginInterface

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, walk


def in_worker_thread(api: CheckerPluginInterface) -> bool:
    """Inside a plain function (or nested in one) that runs in a worker thread.

    That is a function its module hands to a worker thread, or one that only such functions
    call (never an ``async def`` or module-level code).
    """
    module = scope.current_module(api)
    if module is None:
        return False
    plain: list[FuncDef] = []
    for func in scope.enclosing_functions(api):
        if func.is_coroutine:
            break
        if isinstance(func, FuncDef):
            plain.append(func)
    if not plain:
        return False
    calls = _calls(module)
    return any(_runs_in_worker(func, calls, set()) for func in plain)


_Calls = list[tuple[FuncItem | None, CallExpr]]


def _calls(module: MypyFile) -> _Calls:
    """Every call a statement of ``module`` makes first (awaited or not), with its caller."""
    found: _Calls = []
    for owner, statement in walk.owned_statements(module):
        for value in _values(statement):
            if isinstance(value, AwaitExpr):
                value = value.expr
            # ``await asyncify(f)(x)``: the offloading call is the callee of the awaited one.
            while isinstance(value, CallExpr):
                found.append((owner, value))
                value = value.callee
    return found


def _runs_in_worker(func: FuncDef, calls: _Calls, seen: set[FuncDef]) -> bool:
    if func in seen:
        return False
    seen.add(func)
    if any(_offloads(call, func, owner) for owner, call in calls):
        return True
    callers = [owner for owner, call in calls if _refers_to(call.callee, func, owner)]
    return bool(callers) and all(
        isinstance(caller, FuncDef)
        and not caller.is_coroutine
        and _runs_in_worker(caller, calls, seen)
        for caller in callers
    )


def _values(statement: Statement) -> list[Expression]:
    """The expressions a statement evaluates first: where an offloading call is written."""
    if isinstance(statement, (ExpressionStmt, ReturnStmt)) and statement.expr is not None:
        return [statement.expr]
    if isinstance(statement, AssignmentStmt):
        return [statement.rvalue]
    if isinstance(statement, WithStmt):
        return list(statement.expr)
    return []


def _offloads(call: CallExpr, func: FuncDef, owner: FuncItem | None) -> bool:
    callee = call.callee
    if isinstance(callee, RefExpr) and callee.fullname in names.THREAD_CONTEXT_OFFLOADERS:
        return any(
            isinstance(arg, CallExpr) and _refers_to(arg.callee, func, owner) for arg in call.args
        )
    return _is_offloader(callee) and any(_refers_to(arg, func, owner) for arg in call.args)


def _is_offloader(callee: Expression) -> bool:
    if isinstance(callee, MemberExpr) and callee.name in names.THREAD_OFFLOAD_METHODS:
        return True
    return isinstance(callee, RefExpr) and callee.fullname in names.THREAD_OFFLOADERS


def _refers_to(arg: Expression, func: FuncDef, owner: FuncItem | None) -> bool:
    """``func`` (decorated or not), ``self.func``, ``functools.partial(func, ...)``.

    ``self.func`` in a method of an unrelated class (a sync and an async class with the same
    method names) is another function.
    """
    if isinstance(arg, NameExpr):
        node = arg.node.func if isinstance(arg.node, Decorator) else arg.node
        return node is func
    if isinstance(arg, MemberExpr):
        if arg.node is func:
            return True
        return arg.name == func.name and not _other_class(arg, func, owner)
    if (
        isinstance(arg, CallExpr)
        and isinstance(arg.callee, RefExpr)
        and arg.callee.fullname in _PARTIALS
        and arg.args
    ):
        return _refers_to(arg.args[0], func, owner)
    return False


def _other_class(member: MemberExpr, func: FuncDef, owner: FuncItem | None) -> bool:
    """``self.name`` in a method of a class that neither derives from nor is ``func``'s."""
    if not (
        isinstance(owner, FuncDef)
        and owner.info is not FUNC_NO_INFO
        and func.info is not FUNC_NO_INFO
        and owner.arguments
        and isinstance(member.expr, NameExpr)
        and member.expr.node is owner.arguments[0].variable
    ):
        return False
    return not (owner.info.has_base(func.info.fullname) or func.info.has_base(owner.info.fullname))


_PARTIALS: Final = frozenset({names.PARTIAL})
