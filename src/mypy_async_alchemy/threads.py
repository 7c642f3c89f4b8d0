"""Plain functions handed to a worker thread: sync database IO there blocks no event loop.

``await asyncio.to_thread(save_sync, data)``, ``await anyio.to_thread.run_sync(...)``,
``await run_in_threadpool(...)`` (Starlette, FastAPI), ``loop.run_in_executor(None, ...)``,
``await asyncify(save_sync)(data)`` run a plain function in a thread, and so do FastAPI and
Starlette with the plain functions handed to them (threadpool.py: dependencies, background
tasks, path operations). The function is recognised by such a call anywhere in its module
that passes it (by name, as ``self.method``, or through ``functools.partial``), or by its
path operation decorator.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from mypy.nodes import (
    FUNC_NO_INFO,
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    Decorator,
    DictExpr,
    Expression,
    ExpressionStmt,
    FuncDef,
    FuncItem,
    IndexExpr,
    ListExpr,
    MemberExpr,
    MypyFile,
    NameExpr,
    RefExpr,
    ReturnStmt,
    SetExpr,
    Statement,
    TupleExpr,
    WithStmt,
)
from mypy.plugin import CheckerPluginInterface

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, threadpool, walk


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
    index = _index(module)
    return any(_runs_in_worker(api, module, func, index, set()) for func in plain)


_Call = tuple[FuncItem | None, CallExpr]


@dataclass(frozen=True)
class _Index:
    """A module's calls by the names written in them: syntax only.

    ``passed[n]``: calls with an argument spelled ``n`` (``f``, ``self.f``,
    ``partial(f)``, ``f()``); ``called[n]``: calls of a callee spelled ``n``;
    ``decorated[n]``: decorated functions named ``n``; ``annotated[n]``: the callees spelled
    in ``Annotated[..., <callee>(n)]`` parameter metadata. What a name refers to is read when
    asked (``_offloads``, ``_refers_to``), never stored.
    """

    passed: Mapping[str, list[_Call]]
    called: Mapping[str, list[_Call]]
    decorated: Mapping[str, list[tuple[FuncItem | None, Decorator]]]
    annotated: Mapping[str, list[str]]


# The index of the module checked last. A module's tree does not change while mypy checks
# it, and a changed file is parsed into a new tree, so the tree object itself is the key;
# what depends on name binding is not in the index. One entry: modules are checked one
# after another (each mypy worker process has its own).
_LAST_INDEX: list[tuple[MypyFile, _Index]] = []


def _index(module: MypyFile) -> _Index:
    if _LAST_INDEX and _LAST_INDEX[0][0] is module:
        return _LAST_INDEX[0][1]
    passed: dict[str, list[_Call]] = defaultdict(list)
    called: dict[str, list[_Call]] = defaultdict(list)
    decorated: dict[str, list[tuple[FuncItem | None, Decorator]]] = defaultdict(list)
    positions: list[tuple[int, int]] = []
    # A function's decorators and argument defaults belong to its enclosing scope.
    for owner, statement in walk.owned_statements(module):
        for call in (call for value in _values(statement) for call in _calls_in(value)):
            for name in _names(call.callee):
                called[name].append((owner, call))
            _add_passed(passed, owner, call)
        if isinstance(statement, Decorator):
            decorated[statement.func.name].append((owner, statement))
            # What a decorator calls (``app.get(...)``) is no function of the module.
            for call in (call for value in statement.decorators for call in _calls_in(value)):
                _add_passed(passed, owner, call)
        func = statement.func if isinstance(statement, Decorator) else statement
        if isinstance(func, FuncDef):
            positions.extend(threadpool.annotation_calls(func))
    annotated: dict[str, list[str]] = defaultdict(list)
    if positions:
        for callee, arg in threadpool.read_calls(module.path, positions):
            annotated[arg].append(callee)
    index = _Index(passed, called, decorated, annotated)
    _LAST_INDEX[:] = [(module, index)]
    return index


def _add_passed(passed: dict[str, list[_Call]], owner: FuncItem | None, call: CallExpr) -> None:
    for name in {name for arg in call.args for name in _names(arg)}:
        passed[name].append((owner, call))


def _names(expr: Expression) -> list[str]:
    """``f``, ``self.f``: their name; ``partial(f, ...)``, ``f(...)``: ``partial``, ``f``."""
    if isinstance(expr, (NameExpr, MemberExpr)):
        return [expr.name]
    if isinstance(expr, CallExpr):
        spelled = (expr.callee, *expr.args[:1])
        return [e.name for e in spelled if isinstance(e, (NameExpr, MemberExpr))]
    return []


def _values(statement: Statement) -> list[Expression]:
    """The expressions a statement evaluates: where an offloading call is written."""
    if isinstance(statement, (ExpressionStmt, ReturnStmt)) and statement.expr is not None:
        return [statement.expr]
    if isinstance(statement, AssignmentStmt):
        return [statement.rvalue]
    if isinstance(statement, WithStmt):
        return list(statement.expr)
    func = statement.func if isinstance(statement, Decorator) else statement
    if isinstance(func, FuncDef):
        return [arg.initializer for arg in func.arguments if arg.initializer is not None]
    return []


def _calls_in(expr: Expression) -> Iterator[CallExpr]:
    """``await asyncify(f)(x)``, ``g(BackgroundTask(f))``, ``dependencies=[Depends(f)]``,
    ``Annotated[X, Depends(f)]``: calls, their callees and arguments, and items of them."""
    pending = [expr]
    while pending:
        value = pending.pop()
        if isinstance(value, CallExpr):
            yield value
            pending.extend([value.callee, *value.args])
        elif isinstance(value, (AwaitExpr, MemberExpr)):
            pending.append(value.expr)
        elif isinstance(value, (ListExpr, TupleExpr, SetExpr)):
            pending.extend(value.items)
        elif isinstance(value, DictExpr):
            pending.extend(item for _key, item in value.items)
        elif isinstance(value, IndexExpr):
            pending.extend([value.base, value.index])


def _runs_in_worker(
    api: CheckerPluginInterface, module: MypyFile, func: FuncDef, index: _Index, seen: set[FuncDef]
) -> bool:
    if func in seen:
        return False
    seen.add(func)
    if any(
        _offloads(api, module, call, func, owner)
        for owner, call in index.passed.get(func.name, ())
    ):
        return True
    if any(
        threadpool.is_path_operation(api, expr, owner or module)
        for owner, decorator in index.decorated.get(func.name, ())
        if decorator.func is func
        for expr in decorator.decorators
    ):
        return True
    callees = index.annotated.get(func.name)
    if callees and threadpool.is_annotated_dependency(module, func, callees):
        return True
    callers = [
        owner
        for owner, call in index.called.get(func.name, ())
        if _refers_to(call.callee, func, owner)
    ]
    return bool(callers) and all(
        isinstance(caller, FuncDef)
        and not caller.is_coroutine
        and _runs_in_worker(api, module, caller, index, seen)
        for caller in callers
    )


def _offloads(
    api: CheckerPluginInterface,
    module: MypyFile,
    call: CallExpr,
    func: FuncDef,
    owner: FuncItem | None,
) -> bool:
    handed = threadpool.handed_function(api, call, owner or module)
    if handed is not None:
        return _refers_to(handed, func, owner)
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
