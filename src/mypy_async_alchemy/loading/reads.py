"""Read summaries: which relationships a project function reads from its ORM parameters.

``def to_data(self) -> dict[str, object]`` that reads ``self.revisions``, or
``def build(promo: PromoCode)`` that reads ``promo.tariff.name``, crashes when handed an
object without those loads. The plugin records, for each parameter typed as a model
(``self`` included, ``Loaded[...]`` ones excepted: those declare what they need), the
relationship paths the body reads from it, and checks every call: an argument of known
state that lacks one is reported at the call, with the read's line in the note.

What counts as a read of ``p``: ``p.rel``, ``p.rel.other`` (through many-to-ones),
``for x in p.rel`` and comprehensions over it (reads of ``x`` extend the path), a local
bound once to one of these, and a call of another project function (or method of the same
class) handing ``p`` or ``p.rel`` over: its reads count, prefixed (recursion stops);
``Schema.model_validate(p)`` validating from attributes: the relationships the schema reads
(``schemas.py``). A
parameter whose function awaits ``p.awaitable_attrs``, refreshes ``p`` or inspects it is
not summarised: the function may load what it reads itself. Reads in every branch count.

The reads are stored like return summaries (``summaries.py``): in the function's own
signature, as extra attributes of the parameter's type (``"@alchemy.reads"``, then
``"<path>@<line>"`` entries), written while mypy writes the module's cache, read by calls
in any module; dmypy summarises on first call.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Final

from mypy.nodes import (
    ARG_POS,
    ARG_STAR,
    ARG_STAR2,
    FUNC_NO_INFO,
    AssignmentStmt,
    CallExpr,
    Decorator,
    DictionaryComprehension,
    Expression,
    ForStmt,
    FuncDef,
    GeneratorExpr,
    IndexExpr,
    MemberExpr,
    NameExpr,
    RefExpr,
    SliceExpr,
    TypeInfo,
    Var,
)
from mypy.plugin import FunctionSigContext, MethodSigContext
from mypy.types import CallableType, ExtraAttrs, FunctionLike, Instance, Type, get_proper_type

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import messages, report, scope, walk
from mypy_async_alchemy.config import Config
from mypy_async_alchemy.families import receiver_info
from mypy_async_alchemy.loading import access, expiry, history, models, schemas
from mypy_async_alchemy.loading import state as states

READS_TAG: Final = "@alchemy.reads"
_AT: Final = "@"

Reads = dict[str, int]  # path -> line of its first read
Lookup = Callable[[str], TypeInfo | None]


def summarise(func: FuncDef | Decorator) -> None:
    """Record in ``func``'s signature what it reads from each model parameter."""
    decorator = func if isinstance(func, Decorator) else None
    func = func.func if isinstance(func, Decorator) else func
    _summarise(func, set())
    signature = func.type
    declared = get_proper_type(decorator.var.type) if decorator is not None else None
    if (
        decorator is not None
        and isinstance(declared, CallableType)
        and isinstance(signature, CallableType)
        and len(declared.arg_types) == len(signature.arg_types)
    ):
        decorator.var.type = declared.copy_modified(arg_types=signature.arg_types)


def may_read(node: object) -> bool:
    """Whether ``node``'s declaration has a model parameter it could read from."""
    func = node.func if isinstance(node, Decorator) and not node.decorators else node
    return (
        isinstance(func, FuncDef)
        and isinstance(func.type, CallableType)
        and bool(_model_params(func.type))
    )


def reads_of(typ: Type) -> Reads | None:
    """The reads recorded on a parameter type; None if none were."""
    proper = get_proper_type(typ)
    extra = proper.extra_attrs if isinstance(proper, Instance) else None
    if extra is None or READS_TAG not in extra.immutable:
        return None
    found: Reads = {}
    for entry in extra.immutable - {READS_TAG}:
        path, _, line = entry.rpartition(_AT)
        if path and line.isdigit():
            found[path] = int(line)
    return found


def _summarise(func: FuncDef, seen: set[FuncDef]) -> dict[int, Reads]:
    """The reads of each model parameter of ``func`` (by position), recorded once."""
    signature = func.type
    if not isinstance(signature, CallableType):
        return {}
    params = _model_params(signature)
    if not params:
        return {}
    recorded = {
        index: found
        for index in params
        if (found := reads_of(signature.arg_types[index])) is not None
    }
    if recorded or not func.body.body or func in seen:
        return recorded  # summarised, body freed (cache), or recursion
    if len(func.arguments) != len(signature.arg_types):
        return {}
    roots = {func.arguments[index].variable: (index, model) for index, model in params.items()}
    collector = _Reads(func, roots, seen | {func})
    collector.run()
    result = {
        index: collector.found.get(index, {})
        for index in params
        if index not in collector.loads_itself
    }
    arg_types = list(signature.arg_types)
    for index, found in result.items():
        arg_types[index] = _with_reads(arg_types[index], found)
    func.type = signature.copy_modified(arg_types=arg_types)
    return result


def _model_params(signature: CallableType) -> dict[int, TypeInfo]:
    """Parameters typed as a model without a declared state: position and model."""
    params = {}
    for index, typ in enumerate(signature.arg_types):
        proper = get_proper_type(typ)
        if (
            isinstance(proper, Instance)
            and models.is_tracked(proper.type)
            and states.instance_state(proper) is None
            and signature.arg_kinds[index] not in (ARG_STAR, ARG_STAR2)
        ):
            params[index] = proper.type
    return params


def _with_reads(typ: Type, found: Reads) -> Type:
    proper = get_proper_type(typ)
    if not isinstance(proper, Instance):
        return typ
    result = proper.copy_modified()
    attrs = dict(proper.extra_attrs.attrs) if proper.extra_attrs is not None else {}
    entries = {f"{path}{_AT}{line}" for path, line in found.items()}
    result.extra_attrs = ExtraAttrs(attrs, {READS_TAG, *entries}, None)
    return result


# A value reached from a parameter: (parameter position, model, path from the parameter,
# whether it is a collection of that model).
_Reached = tuple[int, TypeInfo, str, bool]


class _Reads:
    def __init__(
        self, func: FuncDef, roots: dict[Var, tuple[int, TypeInfo]], seen: set[FuncDef]
    ) -> None:
        self.func = func
        self.seen = seen
        self.aliases: dict[Var, _Reached] = {
            var: (index, model, "", False) for var, (index, model) in roots.items()
        }
        self.found: dict[int, Reads] = {}
        self.loads_itself: set[int] = set()

    # --- what an expression reaches ---------------------------------------------------

    def reached(self, expr: Expression) -> _Reached | None:
        if isinstance(expr, NameExpr) and isinstance(expr.node, Var):
            return self.aliases.get(expr.node)
        if isinstance(expr, MemberExpr):
            base = self.reached(expr.expr)
            if base is None or base[3] or models.strategy(base[1], expr.name) is None:
                return None
            index, model, path, _many = base
            target = models.target(model, expr.name)
            if target is None:
                return None
            joined = f"{path}.{expr.name}" if path else expr.name
            return index, target, joined, models.is_collection(model, expr.name)
        if isinstance(expr, IndexExpr):
            # ``p.lines[0]``: an element of the collection; ``p.lines[1:]``: a part of it.
            base = self.reached(expr.base)
            if base is None or not base[3]:
                return None
            if isinstance(expr.index, SliceExpr):
                return base
            return base[0], base[1], base[2], False
        return None

    def read(self, reached: _Reached, line: int) -> None:
        index, _model, path, _many = reached
        if path:
            self.found.setdefault(index, {}).setdefault(path, line)

    def alias(self, target: Expression, value: Expression, *, element: bool) -> None:
        """``x = p.rel`` (``element``: ``for x in p.rels``): reads of ``x`` read from ``p``."""
        reached = self.reached(value)
        if reached is None or not isinstance(target, NameExpr):
            return
        if not isinstance(target.node, Var) or target.node in self.aliases:
            return
        index, model, path, many = reached
        if element != many:
            return
        self.aliases[target.node] = (index, model, path, False)
        self.read(reached, value.line)

    # --- the walk -----------------------------------------------------------------------

    def run(self) -> None:
        for statement in walk.statements(self.func):
            if isinstance(statement, AssignmentStmt) and len(statement.lvalues) == 1:
                self.alias(statement.lvalues[0], statement.rvalue, element=False)
            elif isinstance(statement, ForStmt):
                self.alias(statement.index, statement.expr, element=True)
            for expr in walk.statement_expressions(statement):
                self.expression(expr)

    def expression(self, root: Expression) -> None:
        pending = [root]
        while pending:
            expr = pending.pop()
            if isinstance(expr, MemberExpr):
                reached = self.reached(expr)
                if reached is not None:
                    self.read(reached, expr.line)
                    continue
                if expr.name == names.AWAITABLE_ATTRS:
                    self._loads(expr.expr)
            elif isinstance(expr, (GeneratorExpr, DictionaryComprehension)):
                for index, sequence in zip(expr.indices, expr.sequences, strict=True):
                    self.alias(index, sequence, element=True)
            elif isinstance(expr, CallExpr):
                self.call(expr)
            pending.extend(reversed(walk.children(expr)))

    def call(self, o: CallExpr) -> None:
        callee = o.callee
        if isinstance(callee, MemberExpr) and callee.name == names.REFRESH_METHOD and o.args:
            self._loads(o.args[0])
        if isinstance(callee, RefExpr) and callee.fullname == names.INSPECT and o.args:
            self._loads(o.args[0])
        called = project_function(callee, self.func)
        if called is not None:
            self._handed_over(o, called)
        schema = schemas.validating(o)
        if schema is not None and o.args and o.arg_kinds[0] == ARG_POS:
            self._validated(o, schema, o.args[0])

    def _validated(self, call: CallExpr, schema: TypeInfo, arg: Expression) -> None:
        """``Schema.model_validate(p)``: what the schema reads of ``p``'s relationships
        (``schemas.py``), read where the call is."""
        reached = self.reached(arg)
        if reached is None or reached[3]:
            return
        index, model, path, _many = reached
        for read in schemas.reads(schema, model):
            if not read.column:
                joined = f"{path}.{read.path}" if path else read.path
                self.found.setdefault(index, {}).setdefault(joined, call.line)

    def _loads(self, expr: Expression) -> None:
        reached = self.reached(expr)
        if reached is not None:
            self.loads_itself.add(reached[0])

    # --- calls of project functions ----------------------------------------------------------

    def _handed_over(self, call: CallExpr, called: FuncDef) -> None:
        needed = _summarise(called, self.seen)
        if not any(needed.values()):
            return
        callee = call.callee
        bound = isinstance(callee, MemberExpr) and called.info is not FUNC_NO_INFO
        if bound and isinstance(callee, MemberExpr):
            through_class = isinstance(callee.expr, RefExpr) and isinstance(
                callee.expr.node, TypeInfo
            )
            bound = called.is_class if through_class else not called.is_static
        given: list[tuple[int | None, Expression]] = []
        if bound and isinstance(callee, MemberExpr):
            given.append((0, callee.expr))
        offset = 1 if bound else 0
        for position, (arg, name) in enumerate(zip(call.args, call.arg_names, strict=True)):
            given.append((_position(called, name) if name else position + offset, arg))
        for index, arg in given:
            reached = self.reached(arg)
            if reached is None or index is None or reached[3]:
                continue
            position, _model, path, _many = reached
            for inner in needed.get(index, {}):
                joined = f"{path}.{inner}" if path else inner
                self.found.setdefault(position, {}).setdefault(joined, call.line)


def project_function(callee: Expression, caller: FuncDef) -> FuncDef | None:
    """The function a call in ``caller`` names: ``f``, ``module.f``, ``self.m``, ``cls.m``."""
    node: object = scope.referenced(callee, caller)
    node = node.func if isinstance(node, Decorator) and not node.decorators else node
    return node if isinstance(node, FuncDef) else None


def _position(func: FuncDef, name: str) -> int | None:
    for index, argument in enumerate(func.arguments):
        if argument.variable.name == name:
            return index
    return None


# --- calls -----------------------------------------------------------------------------------


def check_call(ctx: FunctionSigContext | MethodSigContext, *, config: Config) -> FunctionLike:
    """A call of a project function: each argument of known state must have what it reads,
    and must not be expired there (``expiry.check_handed``: the function's read loads it)."""
    signature = ctx.default_signature
    if scope.is_library_code(ctx.api):
        return signature
    called = _called(ctx)
    if called is None:
        return signature
    if scope.is_project_module(scope.module_of(ctx.api, called)):
        _summarise(called, set())
    unbound = called.type
    if not isinstance(unbound, CallableType):
        return signature
    bound = len(unbound.arg_types) - len(signature.arg_types)
    needs = {
        index: paths
        for index, typ in enumerate(unbound.arg_types)
        if (paths := reads_of(typ))  # only these arguments' types are asked for
    }
    if not needs:
        return signature
    callee = ctx.context.callee if isinstance(ctx.context, CallExpr) else None
    given: list[tuple[int, Expression | None, Callable[[], Type]]] = []
    if bound == 1 and isinstance(ctx, MethodSigContext) and 0 in needs:
        receiver = callee.expr if isinstance(callee, MemberExpr) else None
        given.append((0, receiver, lambda: ctx.type))
    for position, actuals in enumerate(ctx.args):
        if position + bound in needs:
            for actual in actuals:
                given.append((position + bound, actual, partial(_type_of, ctx, actual)))
    for index, expr, type_of in given:
        given_object = states.model_and_state(type_of())
        if given_object is None or given_object[1] is None:
            continue
        model, state = given_object[0], given_object[1]
        for path, line in sorted(needs[index].items()):
            first = path.split(".", 1)[0]
            if (
                expr is not None
                and models.strategy(model, first) not in models.NO_IO_STRATEGIES
                and expiry.check_handed(
                    ctx.api, ctx.context, expr, model, first, state, config=config
                )
            ):
                break
            loaded, refreshed = _before(ctx, expr, path)
            if not access.path_loaded(model, state, path, first=loaded, refreshed=refreshed):
                _report(ctx, called, expr, model, path, state, line)
                break
    return signature


def _type_of(ctx: FunctionSigContext | MethodSigContext, expr: Expression) -> Type:
    return scope.expression_type(ctx.api, expr)


def _before(
    ctx: FunctionSigContext | MethodSigContext, expr: Expression | None, path: str
) -> tuple[bool, bool]:
    """What the statements before the call did to the path's first relationship, as a read
    of it would see: whether they loaded it (``await session.refresh(obj, ["rel"])``,
    ``await obj.awaitable_attrs.rel``, ``obj.rel = [...]``; the objects it holds keep their
    own state), and whether they refreshed the whole object (``refresh(obj)``)."""
    target = history.variable(expr) if expr is not None else None
    first = path.split(".", 1)[0]
    found = history.changes(
        ctx.api, scope.current_function(ctx.api), target, first, ctx.context.line
    )
    refreshed = any(change.event is history.Event.RESET for change in found)
    return history.last_event(found) is history.Event.LOADED, refreshed


def _called(ctx: FunctionSigContext | MethodSigContext) -> FuncDef | None:
    callee = ctx.context.callee if isinstance(ctx.context, CallExpr) else None
    node: object = callee.node if isinstance(callee, RefExpr) else None
    if node is None and isinstance(ctx, MethodSigContext) and isinstance(callee, MemberExpr):
        info = receiver_info(ctx.type)
        symbol = info.get(callee.name) if info is not None else None
        node = symbol.node if symbol is not None else None
    node = node.func if isinstance(node, Decorator) and not node.decorators else node
    return node if isinstance(node, FuncDef) else None


def _report(
    ctx: FunctionSigContext | MethodSigContext,
    called: FuncDef,
    expr: Expression | None,
    model: TypeInfo,
    path: str,
    state: states.State,
    line: int,
) -> None:
    steps: list[str] = []
    owner: TypeInfo | None = model
    for segment in path.split("."):
        steps.append(f"{owner.name if owner is not None else '?'}.{segment}")
        owner = models.target(owner, segment) if owner is not None else None
    chain = ".".join(f"selectinload({step})" for step in steps)
    given = (report.spelled(expr) if expr is not None else None) or model.name.lower()
    shown = ", ".join(f'"{p}"' for p in states.paths(state)) or messages.LAZY_LOAD_NOTHING
    report.error(
        ctx.api,
        messages.READS_UNLOADED.format(called.name, f"{model.name}.{path}", given, shown),
        messages.READS_UNLOADED_NOTE.format(chain, called.name, line),
        ctx.context,
    )
