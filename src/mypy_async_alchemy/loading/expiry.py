"""Reads of objects the session expired: ``alchemy-expired``.

``commit()`` (when the session expires on commit: ``sessions.py``), ``rollback()``,
``expire_all()`` and ``expire(obj)`` expire objects; the next read of any mapped attribute
loads it again, which is implicit IO (``MissingGreenlet``). A read is reported when such an
event may run before it, in the same function, on some path (``paths.py``). What comes after the
event and before the read decides: ``refresh(obj)``, a new value bound to the variable,
``obj.attr = ...`` and ``await obj.awaitable_attrs.attr`` make the attribute readable.

Objects constructed in the function (``"*"`` in their state) are expired by a commit only
once added to the session; a rollback or an explicit expiry leaves new objects alone.
Default mode reports objects of known state and sessions whose ``expire_on_commit`` is
known (or declared in the settings); strict mode also objects of unknown state, and
sessions of unknown origin as the settings say (SQLAlchemy's default: they expire).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from mypy.nodes import (
    AssignmentExpr,
    AssignmentStmt,
    CallExpr,
    Context,
    DictionaryComprehension,
    Expression,
    ForStmt,
    FuncDef,
    FuncItem,
    GeneratorExpr,
    IndexExpr,
    MemberExpr,
    NameExpr,
    Statement,
    TypeInfo,
    Var,
    WithStmt,
)
from mypy.plugin import AttributeContext, CheckerPluginInterface

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope, walk
from mypy_async_alchemy.config import Config
from mypy_async_alchemy.loading import effects, history, models, paths, sessions
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.loading.paths import Step
from mypy_async_alchemy.loading.state import State
from mypy_async_alchemy.memo import LastAsked

_MAY_EXPIRE: Final[LastAsked[FuncItem, bool]] = LastAsked()
# How many variables deep ``member = members[0]`` is followed to where the object was loaded.
_ALIAS_DEPTH: Final = 4


class _Kind(enum.Enum):
    COMMIT = "the commit"
    BLOCK_COMMIT = 'the commit at the end of the "async with" block'
    ROLLBACK = "the rollback"
    EXPIRE_ALL = "expire_all()"
    EXPIRE = "expire()"


# What a project function's effect (effects.py) does, as the call itself would.
_EFFECT_KINDS: Final = {
    names.COMMIT_METHOD: _Kind.COMMIT,
    names.ROLLBACK_METHOD: _Kind.ROLLBACK,
    names.EXPIRE_ALL_METHOD: _Kind.EXPIRE_ALL,
    names.EXPIRE_METHOD: _Kind.EXPIRE,
}


@dataclass(frozen=True)
class _Through:
    """The project function whose call expired the object, and where it did."""

    call: str  # ``repo.update_fields()``
    method: str  # the session method its body calls there
    line: int  # in ``module``
    module: str


@dataclass(frozen=True)
class _Expiry:
    kind: _Kind
    line: int
    session: Expression | None  # the session (or maker) whose event it was; None: unknown
    refreshable: bool = True
    through: _Through | None = None

    def described(self) -> str:
        """``the commit``, or ``the call of repo.save()`` (whose body commits)."""
        if self.through is None:
            return self.kind.value
        return messages.EXPIRED_CALL.format(self.through.call)


def check(ctx: AttributeContext, model: TypeInfo, state: State | None, *, config: Config) -> bool:
    """Report the read ``obj.attr`` (``ctx.context``, not an assignment target) of an
    object of ``model`` in ``state`` if it may be expired here; whether it was reported."""
    context = ctx.context
    if not isinstance(context, MemberExpr):
        return False
    return check_handed(ctx.api, context, context.expr, model, context.name, state, config=config)


def check_handed(
    api: CheckerPluginInterface,
    context: Context,
    expr: Expression,
    model: TypeInfo,
    name: str,
    state: State | None,
    *,
    config: Config,
) -> bool:
    """Report the read of attribute ``name`` of the object ``expr`` (of ``model``) at
    ``context`` if it may be expired there: ``obj.name`` itself, or ``obj`` handed to code
    that reads ``name`` (a Pydantic schema: ``serialization.py``); whether it was reported."""
    if state is None and not config.strict:
        return False  # default mode: objects of known state only
    target = history.variable(expr)
    if target is None:
        return False
    function = scope.current_function(api)
    if function is None or not _may_expire(api, function):
        return False
    if scope.is_library_code(api) or scope.in_sync_callback(api):
        return False
    steps = paths.before(function.body.body, context.line)
    if not steps:
        return False
    new = state is not None and states.EVERYTHING in state
    expiry = _expiry(api, function, steps, target, name, new=new, config=config)
    if expiry is None:
        return False
    if isinstance(context, MemberExpr) and _read_earlier(steps[-1], context, target):
        return False
    shown = report.spelled(expr) or model.name.lower()
    report.error(
        api,
        messages.EXPIRED.format(f"{model.name}.{name}", shown, expiry.described(), expiry.line),
        _note(expiry, shown),
        context,
    )
    return True


def _may_expire(api: CheckerPluginInterface, function: FuncItem) -> bool:
    """Whether ``function`` calls a method that may expire objects (most do not: their
    reads stop here). Asked by every read: kept for the last function (``memo.LastAsked``)."""
    return _MAY_EXPIRE.get(
        function,
        lambda: any(_expiring(api, function, s) for s in walk.statements(function)),
        fresh=scope.rechecks_in_place(api),
    )


def _expiring(api: CheckerPluginInterface, function: FuncItem, statement: Statement) -> bool:
    if isinstance(statement, WithStmt):
        return _begun_session(statement) is not None
    call = effects.statement_call(statement)
    if call is None:
        return False
    if isinstance(call.callee, MemberExpr) and call.callee.name in names.EXPIRING_METHODS:
        return True
    awaited = effects.awaited_call(statement) is call
    return any(
        effect.method in names.EXPIRING_METHODS
        for _, effect in effects.of_call(api, function, call, awaited=awaited)
    )


def _expiry(
    api: CheckerPluginInterface,
    function: FuncItem,
    steps: list[Step],
    target: Var,
    name: str,
    *,
    new: bool,
    config: Config,
) -> _Expiry | None:
    """The event that leaves ``target.name`` expired after ``steps``; None if none does.

    Only events after the object was loaded count: after the step that last bound it, or
    bound what it was taken from (``member = members[0]``, ``for m in members``).
    """
    if not any(
        _begun_session(step.statement) is not None
        if step.end
        else _expiring(api, function, step.statement)
        for step in steps
    ):
        return None  # most reads: nothing before them expires anything
    expired: _Expiry | None = None
    persistent = not new  # a new object joins the session when added, and then flushed
    pending = False
    for step in steps[_loaded_at(steps, len(steps), target, _ALIAS_DEPTH) + 1 :]:
        statement = step.statement
        if step.reading:
            continue
        if step.end:
            begun = _begun_session(statement)
            if begun is not None and (persistent or pending):
                if _expires_on_commit(api, begun, config):
                    # ``async with maker.begin() as s:`` closes ``s`` too: refresh fails.
                    open_after = sessions.is_async_session(api, begun)
                    expired = _Expiry(_Kind.BLOCK_COMMIT, statement.line, begun, open_after)
                persistent = True
            continue
        if _sets(statement, target, name):
            expired = None
            continue
        call = effects.statement_call(statement)
        if call is None:
            continue
        if not (
            isinstance(call.callee, MemberExpr)
            and sessions.is_async_session(api, call.callee.expr)
        ):
            awaited = effects.awaited_call(statement) is call
            for callee, effect in effects.of_call(api, function, call, awaited=awaited):
                if effect.method == names.REFRESH_METHOD:
                    if effects.loads(call, callee, effect, target, name):
                        expired = None
                    continue
                persistent = persistent or (pending and effect.method == names.COMMIT_METHOD)
                event = _through(api, call, callee, effect, target, config)
                if event is not None and persistent:
                    expired = event
            continue
        method, session = call.callee.name, call.callee.expr
        first = history.variable(call.args[0]) if call.args else None
        if method == names.REFRESH_METHOD and first is target:
            named = history.attribute_names(call)
            if named is None or name in named:
                expired = None
        elif (
            method in names.SESSION_ADD_METHODS
            and call.args
            and history.mentions(call.args[0], target)
        ):
            pending = True
        elif method == names.FLUSH_METHOD and pending:
            persistent = True
        elif method == names.COMMIT_METHOD and (persistent or pending):
            if _expires_on_commit(api, session, config):
                expired = _Expiry(_Kind.COMMIT, statement.line, session)
            persistent = True
        elif method == names.ROLLBACK_METHOD and persistent:
            expired = _Expiry(_Kind.ROLLBACK, statement.line, session)
        elif method == names.EXPIRE_ALL_METHOD and persistent:
            expired = _Expiry(_Kind.EXPIRE_ALL, statement.line, session)
        elif method == names.EXPIRE_METHOD and persistent and first is target:
            named = history.attribute_names(call)
            if named is None or name in named:
                expired = _Expiry(_Kind.EXPIRE, statement.line, session)
    return expired


def _read_earlier(step: Step, read: MemberExpr, target: Var) -> bool:
    """Whether the statement of ``read`` reads an attribute of ``target`` before it: one
    report per object and statement (the first read is where it fails). Evaluation order,
    left to right: column offsets inside f-strings are not reliable before Python 3.12."""
    if not step.reading:
        return False
    for expr in _in_order(walk.statement_expressions(step.statement)):
        if (
            isinstance(expr, MemberExpr)
            and history.variable(expr.expr) is target
            and _is_mapped(target, expr.name)
        ):
            return expr is not read
    return False


def _in_order(exprs: list[Expression]) -> Iterator[Expression]:
    for expr in exprs:
        yield expr
        yield from _in_order(walk.children(expr))


def _is_mapped(target: Var, name: str) -> bool:
    found = states.model_and_state(target.type) if target.type is not None else None
    if found is None:
        return False
    return name in models.all_columns(found[0]) or models.strategy(found[0], name) is not None


def _expires_on_commit(
    api: CheckerPluginInterface, session: Expression | None, config: Config
) -> bool:
    """Whether the session (or maker) ``session`` (None: one the plugin cannot see)
    expires its objects on commit."""
    typ = scope.inferred_type(api, session) if session is not None else None
    known = sessions.expires_on_commit(typ)
    if known is None and session is not None:
        known = sessions.from_dependency(api, session)
    if known is not None:
        return known
    if config.expire_on_commit is not None:
        return config.expire_on_commit
    return config.strict  # SQLAlchemy's default, in strict mode only


def _begun_session(statement: Statement) -> Expression | None:
    """``session`` of ``async with session.begin():`` or ``async with maker.begin() as s:``:
    the block ends with a commit."""
    if not (isinstance(statement, WithStmt) and statement.is_async):
        return None
    for expr in statement.expr:
        if (
            isinstance(expr, CallExpr)
            and isinstance(expr.callee, MemberExpr)
            and expr.callee.name == names.BEGIN_METHOD
        ):
            return expr.callee.expr
    return None


def _loaded_at(steps: list[Step], before: int, target: Var, depth: int) -> int:
    """The index of the step after which the object ``target`` holds (at step ``before``)
    exists in its session: the step that loaded it; -1 if before every step."""
    for index in range(before - 1, -1, -1):
        value = _bound_value(steps[index], target)
        if value is None:
            continue
        source = _source(value)
        if source is None or source is target or depth == 0:
            return index
        return _loaded_at(steps, index, source, depth - 1)
    return -1


def _bound_value(step: Step, target: Var) -> Expression | None:
    """The value ``step`` binds to ``target``: an assignment's, the sequence of a ``for``
    or comprehension, a walrus's; None if it binds none."""
    statement = step.statement
    if step.reading:
        for expr in walk.expressions(walk.statement_expressions(statement)):
            if isinstance(expr, AssignmentExpr) and expr.target.node is target:
                return expr.value
            if isinstance(expr, (GeneratorExpr, DictionaryComprehension)):
                for index, sequence in zip(expr.indices, expr.sequences, strict=True):
                    if walk.binds(index, target):
                        return sequence
        return None
    if step.end:
        return None
    if isinstance(statement, AssignmentStmt):
        bound = any(walk.binds(lvalue, target) for lvalue in statement.lvalues)
        return statement.rvalue if bound else None
    if isinstance(statement, ForStmt):
        return statement.expr if walk.binds(statement.index, target) else None
    return None


def _source(value: Expression) -> Var | None:
    """The variable a bound value is taken from without loading anything: ``members`` of
    ``members[0]``, ``result.scalars().all()``, ``members``; None for a new load (an
    ``await``, a constructor) or anything else."""
    expr = value
    while True:
        if isinstance(expr, NameExpr):
            return expr.node if isinstance(expr.node, Var) else None
        if isinstance(expr, IndexExpr):
            expr = expr.base
        elif isinstance(expr, MemberExpr):
            expr = expr.expr
        elif isinstance(expr, CallExpr) and isinstance(expr.callee, MemberExpr):
            expr = expr.callee.expr
        else:
            return None


def _sets(statement: Statement, target: Var, name: str) -> bool:
    """``target.name = value`` or ``await target.awaitable_attrs.name``: readable again."""
    if history.awaited_relationship(statement, target) == name:
        return True
    return isinstance(statement, AssignmentStmt) and any(
        isinstance(lvalue, MemberExpr)
        and lvalue.name == name
        and history.variable(lvalue.expr) is target
        for lvalue in statement.lvalues
    )


def _through(
    api: CheckerPluginInterface,
    call: CallExpr,
    callee: FuncDef,
    effect: effects.Effect,
    target: Var,
    config: Config,
) -> _Expiry | None:
    """The event that calling ``callee``, whose body makes ``effect``, is for ``target``;
    None if it leaves ``target`` alone."""
    kind = _EFFECT_KINDS.get(effect.method)
    if kind is None:
        return None
    session = effects.argument(call, callee, effect.session)
    if kind is _Kind.EXPIRE:
        expired = effects.argument(call, callee, effect.target)
        if expired is None or history.variable(expired) is not target:
            return None
    elif kind is _Kind.COMMIT and not _expires_on_commit(api, session, config):
        return None
    shown = f"{report.spelled(call.callee) or callee.name}()"
    through = _Through(shown, effect.method, effect.line, scope.defining_module(callee))
    return _Expiry(kind, call.line, session, through=through)


def _note(expiry: _Expiry, shown: str) -> str:
    if not expiry.refreshable:
        return messages.EXPIRED_BLOCK_NOTE
    spelled = report.spelled(expiry.session) if expiry.session is not None else None
    refresh = messages.EXPIRED_NOTE.format(spelled or "session", shown, expiry.described())
    if expiry.kind in (_Kind.COMMIT, _Kind.BLOCK_COMMIT):
        note = messages.EXPIRED_COMMIT_NOTE + refresh
    else:
        note = refresh[0].upper() + refresh[1:]
    through = expiry.through
    if through is None:
        return note
    where = messages.EXPIRED_THROUGH_NOTE.format(
        through.call, through.method, through.line, through.module
    )
    return f"{where}. {note}"
