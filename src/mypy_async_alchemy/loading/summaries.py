"""Return summaries: what a project's function returns is typed as if it were annotated.

``async def promos(db: AsyncSession) -> list[PromoCode]`` that returns
``(await db.scalars(select(PromoCode))).all()`` hands its caller objects with nothing
loaded. The plugin reads that from the function's body and gives the declared return type
the state, ``list[PromoCode]`` carrying ``Loaded[PromoCode]``, in the function's own
signature: callers in any module then see it through mypy's ordinary inference, and a
``promo.tariff`` there is reported in default mode.

When: mypy writes a module's cache (and its interface hash) before it checks the bodies of
its functions, so the summary is read from the analysed syntax tree (names bound, no
expression types) while the cache is written (``report_config_data``, ``main.py``). A
summary is part of the module's interface: editing a helper's body re-checks its callers
on a warm run. dmypy writes no cache but keeps every body: there a call summarises its
callee on first use (``callee_returned``). A build without a cache frees each module's
bodies once it is checked: callees in other modules are not summarised there.

What is read (anything else leaves the function unsummarised, which is unknown: silent in
default mode): ``return`` values that are, through ``await``, ``list()``/``tuple()``, result
methods (``.scalars()``, ``.all()``, ``.first()``, ...) and local variables,
``session.execute/scalars/scalar(<statement>)`` or ``session.get(Model, ..., options=[...])``
on a session the function names through a parameter or ``self`` attribute typed as one,
or a call of another project function (its summary; recursion stops);
the statement is ``select(Model)`` with ``.where()``-like methods and ``.options(...)`` of
loader functions, their chains and ``Load(Model)``, possibly through local variables. A
variable assigned more than once holds what every assignment loads, except the loads a
flag parameter selects (``stmt = stmt.options(...)`` directly under ``if load_lines:``,
under no other condition): those are kept as ``"?load_lines:lines"`` entries of the summary
(``state.FLAGGED``), and each call keeps them as loaded when it passes the flag true (or
omits one that defaults to true), drops them otherwise (``callee_returned``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from mypy.nodes import (
    FUNC_NO_INFO,
    ArgKind,
    AssignmentStmt,
    AwaitExpr,
    CallExpr,
    ClassDef,
    Decorator,
    Expression,
    ForStmt,
    FuncDef,
    IfStmt,
    ListExpr,
    MemberExpr,
    MypyFile,
    NameExpr,
    RefExpr,
    ReturnStmt,
    Statement,
    TupleExpr,
    TypeAlias,
    TypeInfo,
    Var,
    WithStmt,
)
from mypy.plugin import FunctionContext, MethodContext
from mypy.types import (
    CallableType,
    Instance,
    Type,
    TypeVarType,
    get_proper_type,
)

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy import scope, walk
from mypy_async_alchemy.checks.attributes import literal_bool
from mypy_async_alchemy.families import family_of, receiver_info
from mypy_async_alchemy.loading import effects, models, options, reads, sessions
from mypy_async_alchemy.loading import state as states
from mypy_async_alchemy.loading.state import State

Lookup = Callable[[str], TypeInfo | None]
Found = tuple[TypeInfo, State]

# Methods of a result that hand over the objects it holds.
_RESULT_METHODS: Final = frozenset(
    {
        "all",
        "first",
        "one",
        "one_or_none",
        "scalar",
        "scalar_one",
        "scalar_one_or_none",
        "scalars",
        "unique",
        "fetchall",
        "fetchone",
    }
)
# Session methods that run a statement.
_EXECUTE_METHODS: Final = frozenset({"execute", "scalars", "scalar"})
_GET_METHODS: Final = frozenset({"get", "get_one"})
# Statement methods that keep the entities and what they load.
_STATEMENT_METHODS: Final = frozenset(
    {
        "where",
        "filter",
        "filter_by",
        "order_by",
        "limit",
        "offset",
        "join",
        "outerjoin",
        "join_from",
        "outerjoin_from",
        "select_from",
        "distinct",
        "group_by",
        "having",
        "execution_options",
        "with_for_update",
        "params",
    }
)
_CONTAINERS: Final = frozenset({"builtins.list", "builtins.tuple"})
_NONE: Final = "builtins.None"
# Modules whose classes and type aliases never name a model (``typing.List``...).
_LIBRARIES: Final = frozenset({"typing", "typing_extensions", "builtins", "collections", "enum"})
_SQLALCHEMY: Final = names.SQLALCHEMY + "."


def summarise_module(tree: MypyFile, lookup: Lookup) -> None:
    """Summarise what every function and method of ``tree`` returns, reads and expires."""
    if not scope.is_project_module(tree) or not _may_name_models(tree):
        return
    functions: list[FuncDef | Decorator] = []
    _collect_functions(tree.defs, functions)
    for func in functions:
        plain = func.func if isinstance(func, Decorator) else func
        if effects.may_affect(plain):
            effects.summarise(plain)
        if plain.is_async_generator:
            sessions.summarise_dependency(plain, tree)
        signature = plain.type
        if not isinstance(signature, CallableType) or not _declares_models(signature):
            continue  # most functions: no body is read
        summarise(func, lookup)
        if reads.may_read(func):
            reads.summarise(func)


def _may_name_models(tree: MypyFile) -> bool:
    """Whether a signature in ``tree`` can name a model or a session: one of its names
    (imported or defined) is a model, a SQLAlchemy class, a type alias, or a module of the
    project or of SQLAlchemy (``models.User``). Most modules of an application (its rules,
    events, utilities) name none: their functions are not read at all."""
    for symbol in tree.names.values():
        node = symbol.node
        if isinstance(node, TypeInfo):
            if node.fullname.startswith(_SQLALCHEMY) or models.is_tracked(node):
                return True
            if not _is_library(node.module_name) and family_of(node) is not None:
                return True  # a project subclass of a SQLAlchemy class
        elif isinstance(node, TypeAlias):
            if not _is_library(node.module):
                return True
        elif isinstance(node, MypyFile) and (
            scope.is_project_module(node) or scope.is_sqlalchemy_module(node.fullname)
        ):
            return True
    return False


def _is_library(module: str) -> bool:
    return module.partition(".")[0] in _LIBRARIES


def _declares_models(signature: CallableType) -> bool:
    """Whether a parameter of ``signature`` is a model, or its result holds ORM objects or
    is ``Self``: one quick pass, before the exact tests of ``summarise`` and
    ``reads.may_read``."""
    for typ in signature.arg_types:
        proper = get_proper_type(typ)
        if isinstance(proper, Instance) and models.is_tracked(proper.type):
            return True
    ret = signature.ret_type
    return bool(states.states_inside(ret)) or _self_type(ret) is not None


def summarise(
    func: FuncDef | Decorator, lookup: Lookup, within: frozenset[FuncDef] = frozenset()
) -> None:
    """Give ``func``'s declared return type the state of what it returns, if readable.

    ``within``: the functions being summarised that called this one (recursion stops)."""
    decorator = func if isinstance(func, Decorator) else None
    func = func.func if isinstance(func, Decorator) else func
    signature = func.type
    if not isinstance(signature, CallableType) or func.is_generator or not func.body.body:
        return
    self_type = _self_type(signature.ret_type)
    if self_type is not None and _self_summary(signature.ret_type) is not None:
        return  # summarised already
    if func in within or not (self_type is not None or _unknown_models(signature.ret_type)):
        return
    found = _returned(func, lookup, within | {func})
    if found is None:
        return
    func.type = _with_summary(signature, found)
    declared = get_proper_type(decorator.var.type) if decorator is not None else None
    if decorator is not None and isinstance(declared, CallableType):
        decorator.var.type = _with_summary(declared, found)


def _with_summary(signature: CallableType, found: Found) -> CallableType:
    self_type = _self_type(signature.ret_type)
    if self_type is None:
        return signature.copy_modified(ret_type=_given(signature.ret_type, found))
    # ``-> Self``: mypy binds it to the receiver's class, so the state goes on its bound,
    # where the calls' hook reads it (``callee_returned``).
    bound = get_proper_type(self_type.upper_bound)
    if not isinstance(bound, Instance) or not found[0].has_base(bound.type.fullname):
        return signature
    given = self_type.copy_modified(upper_bound=states.with_state(bound, found[1]))
    return signature.copy_modified(ret_type=_replace(signature.ret_type, self_type, given))


def _self_type(ret: Type) -> TypeVarType | None:
    """``Self`` (a type variable bound to a model) as the declared return, in a coroutine
    too; None otherwise."""
    proper = get_proper_type(ret)
    if isinstance(proper, Instance) and proper.type.fullname == names.COROUTINE and proper.args:
        proper = get_proper_type(proper.args[-1])
    if not isinstance(proper, TypeVarType):
        return None
    bound = get_proper_type(proper.upper_bound)
    return proper if isinstance(bound, Instance) and models.is_tracked(bound.type) else None


def _replace(ret: Type, old: TypeVarType, new: TypeVarType) -> Type:
    proper = get_proper_type(ret)
    if proper is old:
        return new
    if isinstance(proper, Instance) and proper.args and proper.args[-1] is old:
        return proper.copy_modified(args=[*proper.args[:-1], new])
    return ret


def _self_summary(ret: Type) -> Found | None:
    self_type = _self_type(ret)
    bound = get_proper_type(self_type.upper_bound) if self_type is not None else None
    if not isinstance(bound, Instance):
        return None
    state = states.instance_state(bound)
    return (bound.type, state) if state is not None else None


def _given(typ: Type, found: Found, *, subclasses: bool = False) -> Type:
    """``typ`` with the objects of the summarised model (or, for ``Self``, of a subclass)
    given its state."""
    model, state = found

    def give(of: TypeInfo, current: State | None) -> State | None:
        matches = of.has_base(model.fullname) if subclasses else of is model
        return state if current is None and matches else current

    return states.map_states(typ, give)


def callee_returned(ctx: FunctionContext | MethodContext, *, strict: bool) -> Type:
    """A call of a project function: summarise it first if its body is here (dmypy, or a
    function of the module being checked) and it is not yet; then keep the loads its flag
    arguments select (``_selected``)."""
    callee = _callee(ctx)
    if callee is None:
        return ctx.default_return_type
    func = callee.func if isinstance(callee, Decorator) else callee
    if not scope.is_project_module(scope.module_of(ctx.api, func)):
        return ctx.default_return_type
    before = func.type
    summarise(callee, lambda fullname: scope.lookup_info(ctx.api, fullname))
    after = func.type
    if not isinstance(after, CallableType):
        return ctx.default_return_type
    found = _self_summary(after.ret_type)
    if found is not None:
        return _selected(ctx, strict, _given(ctx.default_return_type, found, subclasses=True))
    if after is before:
        return _selected(ctx, strict, ctx.default_return_type)
    found = _summary(after.ret_type)
    given = _given(ctx.default_return_type, found) if found else ctx.default_return_type
    return _selected(ctx, strict, given)


def _selected(ctx: FunctionContext | MethodContext, strict: bool, typ: Type) -> Type:
    """``typ`` with the loads this call's arguments select (``load_revisions=True``) kept
    and the others dropped (``state.FLAGGED``)."""
    if not _flagged(typ):
        return typ

    def select(_model: TypeInfo, state: State | None) -> State | None:
        if state is None:
            return None
        kept = set()
        for entry in state:
            if not entry.startswith(states.FLAGGED):
                kept.add(entry)
                continue
            flag, _, path = entry[len(states.FLAGGED) :].partition(states.FLAG_SEP)
            if _passes(ctx, flag, strict=strict):
                kept.add(path)
        return frozenset(kept)

    return states.map_states(typ, select)


def _passes(ctx: FunctionContext | MethodContext, flag: str, *, strict: bool) -> bool:
    """Whether the call passes a true ``flag`` (``FLAG_ON`` first: true when not passed).
    A value that is not ``True``/``False`` as written may be either: default mode counts
    the load as made (it reports only what is proven missing), strict mode as not made."""
    on = flag.startswith(states.FLAG_ON)
    name = flag[len(states.FLAG_ON) :] if on else flag
    if name not in ctx.callee_arg_names:
        return False
    actuals = ctx.args[ctx.callee_arg_names.index(name)]
    if not actuals:
        return on
    value = literal_bool(actuals[0]) if len(actuals) == 1 else None
    return value if value is not None else not strict


def _flagged(typ: Type) -> bool:
    """Whether a state inside ``typ`` holds loads a parameter selects."""
    return any(
        state is not None and _has_flags(state) for _model, state in states.states_inside(typ)
    )


def _has_flags(state: State) -> bool:
    return any(entry.startswith(states.FLAGGED) for entry in state)


def may_summarise(node: object) -> bool:
    """Whether calls of ``node`` (from its declaration alone) could get a summary."""
    func = node.func if isinstance(node, Decorator) and not node.decorators else node
    if not (isinstance(func, FuncDef) and isinstance(func.type, CallableType)):
        return False
    ret = func.type.ret_type
    # An ORM object without a state (to summarise), or with loads its flags select.
    return _self_type(ret) is not None or any(
        state is None or _has_flags(state) for _model, state in states.states_inside(ret)
    )


def _callee(ctx: FunctionContext | MethodContext) -> FuncDef | Decorator | None:
    call = ctx.context
    callee = call.callee if isinstance(call, CallExpr) else None
    node: object = None
    if isinstance(callee, RefExpr):
        node = callee.node
    info = receiver_info(ctx.type) if isinstance(ctx, MethodContext) else None
    if node is None and isinstance(callee, MemberExpr) and info is not None:
        symbol = info.get(callee.name)
        node = symbol.node if symbol is not None else None
    if isinstance(node, Decorator) and not node.decorators:
        return node
    return node if isinstance(node, FuncDef) else None


def _collect_functions(body: list[Statement], found: list[FuncDef | Decorator]) -> None:
    """The functions of ``body`` and the methods of its classes, in source order."""
    for statement in body:
        if isinstance(statement, FuncDef) or (
            isinstance(statement, Decorator) and not statement.decorators
        ):
            found.append(statement)
        elif isinstance(statement, ClassDef):
            _collect_functions(statement.defs.body, found)


def _unknown_models(typ: Type) -> bool:
    """Whether ``typ`` (a coroutine's: its result) holds an ORM object type without a state
    (declared or summarised)."""
    proper = get_proper_type(typ)
    if isinstance(proper, Instance) and proper.type.fullname == names.COROUTINE and proper.args:
        typ = proper.args[-1]
    return any(state is None for _model, state in states.states_inside(typ))


def _summary(typ: Type) -> Found | None:
    """The first ORM object type with a state inside ``typ``, and that state."""
    for model, state in states.states_inside(typ):
        if state is not None:
            return model, state
    return None


def _returned(func: FuncDef, lookup: Lookup, within: frozenset[FuncDef]) -> Found | None:
    """The model and state of every ORM object ``func`` returns; None if not readable."""
    reader = _Reader(func, lookup, within)
    found: list[Found] = []
    for statement in walk.statements(func):
        if not isinstance(statement, ReturnStmt):
            continue
        value = statement.expr
        if value is None or (isinstance(value, NameExpr) and value.fullname == _NONE):
            continue
        read = reader.value(value)
        if read is None:
            return None
        found.append(read)
    return _meet(found)


def _assume(state: State, marker: str) -> State:
    """``state`` where the flag of ``marker`` (``"?flag:"``) is passed true."""
    return frozenset(entry.removeprefix(marker) for entry in state)


def _meet(found: list[Found]) -> Found | None:
    if not found or len({model for model, _state in found}) != 1:
        return None
    return found[0][0], frozenset.intersection(*(state for _model, state in found))


# An assignment to a local: its line, whether it may not run (inside an if/loop/try/match),
# the value, and the parameter whose truth alone makes it run (``if load_revisions:``).
_Assigned = tuple[int, bool, Expression, str | None]


class _Reader:
    """Reads values of one function without types (see the module docstring)."""

    def __init__(self, func: FuncDef, lookup: Lookup, within: frozenset[FuncDef]) -> None:
        self.func = func
        self.lookup = lookup
        self.within = within
        self.assigned: dict[Var, list[_Assigned]] = {}
        self._collect(func.body.body, conditional=False)

    def _collect(
        self, body: list[Statement], *, conditional: bool, flag: str | None = None
    ) -> None:
        for statement in body:
            if isinstance(statement, AssignmentStmt):
                for lvalue in statement.lvalues:
                    self._assign(lvalue, statement, conditional=conditional, flag=flag)
            targets: list[Expression | None] = []
            if isinstance(statement, ForStmt):
                targets = [statement.index]
            elif isinstance(statement, WithStmt):
                targets = list(statement.target)
            for target in targets:
                if target is not None:
                    self._unreadable(target)
            selector = None if conditional else self._selector(statement)
            selected = statement.body[0] if isinstance(statement, IfStmt) else None
            for block, may_skip in walk.blocks(statement):
                self._collect(
                    block.body,
                    conditional=conditional or may_skip,
                    flag=selector if block is selected else None,
                )

    def _selector(self, statement: Statement) -> str | None:
        """``p`` of ``if p:`` (no ``elif``), ``p`` a parameter of the function: its body runs
        exactly when the caller passes a true ``p``."""
        if not (isinstance(statement, IfStmt) and len(statement.expr) == 1):
            return None
        test = statement.expr[0]
        node = test.node if isinstance(test, NameExpr) else None
        parameters = {argument.variable: argument for argument in self.func.arguments}
        argument = parameters.get(node) if isinstance(node, Var) else None
        if argument is None or argument.kind not in (ArgKind.ARG_OPT, ArgKind.ARG_NAMED_OPT):
            return None
        default = literal_bool(argument.initializer) if argument.initializer else None
        # A parameter that defaults to true selects unless the call says otherwise.
        return (states.FLAG_ON if default else "") + argument.variable.name

    def _assign(
        self,
        lvalue: Expression,
        statement: AssignmentStmt,
        *,
        conditional: bool,
        flag: str | None,
    ) -> None:
        if isinstance(lvalue, NameExpr) and isinstance(lvalue.node, Var):
            value = statement.rvalue if len(statement.lvalues) == 1 else None
            if value is None:
                self._unreadable(lvalue)
            else:
                self.assigned.setdefault(lvalue.node, []).append(
                    (statement.line, conditional, value, flag)
                )
        else:
            self._unreadable(lvalue)

    def _unreadable(self, target: Expression) -> None:
        """A variable bound by unpacking, ``for`` or ``with ... as``: never read."""
        for expr in [target, *walk.children(target)]:
            if isinstance(expr, NameExpr) and isinstance(expr.node, Var):
                self.assigned.setdefault(expr.node, []).append((0, True, expr, None))

    def value(self, expr: Expression) -> Found | None:
        """What a result expression hands over: ``(await session.scalars(stmt)).all()``."""
        if isinstance(expr, AwaitExpr):
            return self.value(expr.expr)
        if isinstance(expr, NameExpr):
            return self.variable(expr, self.value)
        if not isinstance(expr, CallExpr):
            return None
        callee = expr.callee
        if isinstance(callee, RefExpr) and callee.fullname in _CONTAINERS and len(expr.args) == 1:
            return self.value(expr.args[0])
        called = reads.project_function(callee, self.func)
        if called is not None:
            summarise(called, self.lookup, self.within)
            signature = called.type
            return _summary(signature.ret_type) if isinstance(signature, CallableType) else None
        if not isinstance(callee, MemberExpr):
            return None
        if callee.name in _RESULT_METHODS and not expr.args:
            return self.value(callee.expr)
        if not (expr.args and sessions.declared_session(callee.expr, self.func)):
            return None
        if callee.name in _EXECUTE_METHODS and expr.arg_kinds[0] == ArgKind.ARG_POS:
            return self.statement(expr.args[0])
        if callee.name in _GET_METHODS:
            return self.get(expr)
        return None

    def get(self, call: CallExpr) -> Found | None:
        """``session.get(Model, pk, options=[...])``."""
        model = self.entity(call.args[0])
        if model is None:
            return None
        state = frozenset({states.FROM_GET})
        for arg, name in zip(call.args, call.arg_names, strict=True):
            if name == "options":
                entries = self.loader_entries([arg])
                if entries is None:
                    return None
                state |= options.relative(entries, model)
        return model, state

    def statement(self, expr: Expression) -> Found | None:
        """``select(Model).where(...).options(...)``: its entity and what it loads."""
        if isinstance(expr, NameExpr):
            return self.variable(expr, self.statement)
        if not isinstance(expr, CallExpr):
            return None
        callee = expr.callee
        if isinstance(callee, RefExpr) and callee.fullname == names.SELECT:
            model = self.entity(expr.args[0]) if len(expr.args) == 1 else None
            return (model, states.NOTHING) if model is not None else None
        if not isinstance(callee, MemberExpr):
            return None
        if callee.name in _STATEMENT_METHODS:
            return self.statement(callee.expr)
        if callee.name != "options":
            return None
        base = self.statement(callee.expr)
        entries = self.loader_entries(expr.args) if base is not None else None
        if base is None or entries is None:
            return None
        return base[0], base[1] | options.relative(entries, base[0])

    def variable(self, expr: NameExpr, read: Callable[[Expression], Found | None]) -> Found | None:
        """A local where it is read: what the last assignment that always runs before it
        holds, met with every assignment after that which may run (``if flag: stmt = ...``).
        """
        var = expr.node
        if not isinstance(var, Var) or var not in self.assigned:
            return None
        before = [item for item in self.assigned[var] if item[0] < expr.line]
        definite = [index for index, item in enumerate(before) if not item[1]]
        candidates = before[definite[-1] :] if definite else before
        found = []
        for line, _maybe, value, _flag in candidates:
            read_value = read(value) if line else None
            if read_value is None:
                return None
            found.append(read_value)
        met = _meet(found)
        if met is None:
            return None
        # What a flag selects: the value from its assignment on, as the caller who passes
        # it true gets (kept in the summary as "?flag:path", resolved by each call).
        selected: set[str] = set()
        for flag in {item[3] for item in candidates if item[3] is not None}:
            last = max(i for i, item in enumerate(candidates) if item[3] == flag)
            marker = f"{states.FLAGGED}{flag}{states.FLAG_SEP}"
            chosen = _meet([(model, _assume(state, marker)) for model, state in found[last:]])
            if chosen is not None and chosen[0] is met[0]:
                selected |= {
                    marker + entry
                    for entry in chosen[1] - met[1]
                    if not entry.startswith(states.FLAGGED)
                }
        return met[0], met[1] | selected

    def entity(self, expr: Expression) -> TypeInfo | None:
        """A model named directly, or ``cls`` in a classmethod of one."""
        node = expr.node if isinstance(expr, RefExpr) else None
        if (
            isinstance(node, Var)
            and self.func.is_class
            and self.func.arguments
            and node is self.func.arguments[0].variable
            and self.func.info is not FUNC_NO_INFO
        ):
            node = self.func.info
        return node if isinstance(node, TypeInfo) and models.is_tracked(node) else None

    def attribute(self, expr: Expression) -> tuple[TypeInfo, str] | None:
        """``Order.lines`` (``options.relationship_attribute``), or ``cls.lines``."""
        found = options.relationship_attribute(expr)
        if found is None and isinstance(expr, MemberExpr):
            owner = self.entity(expr.expr)
            found = (owner, expr.name) if owner is not None else None
        return found

    def loader_entries(self, exprs: list[Expression]) -> options.Entries | None:
        """The entries of loader options written out (``[selectinload(A.b), ...]``)."""
        collected: set[str] = set()
        for expr in exprs:
            items = expr.items if isinstance(expr, (ListExpr, TupleExpr)) else [expr]
            for item in items:
                read = self.loader(item)
                if read is None:
                    return None
                collected |= read[0]
        return frozenset(collected)

    def loader(self, expr: Expression) -> tuple[options.Entries, str] | None:
        if not isinstance(expr, CallExpr):
            return None
        callee = expr.callee
        if isinstance(callee, RefExpr) and callee.fullname in names.LOADER_FUNCTIONS:
            kind = callee.fullname.rpartition(".")[2]
            return options.chain(self.lookup, kind, frozenset(), None, expr.args, self.attribute)
        if isinstance(callee, RefExpr) and callee.fullname == names.LOAD and len(expr.args) == 1:
            model = self.entity(expr.args[0])
            return options.root(model) if model is not None else None
        if not isinstance(callee, MemberExpr):
            return None
        base = self.loader(callee.expr)
        if base is None:
            return None
        entries, tail = base
        if callee.name in names.LOADER_NAMES:
            return options.chain(
                self.lookup, callee.name, entries, tail, expr.args, self.attribute
            )
        if callee.name == names.OPTIONS_METHOD:
            applied = self.loader_entries(expr.args)  # sub-options, below the chain's tail
            return None if applied is None else (entries | options.rebase(applied, tail), tail)
        return None
