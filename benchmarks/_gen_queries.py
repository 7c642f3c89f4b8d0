"""Repository functions of the generated project: the shapes async code takes in practice.

Each template writes one query function (sometimes with a helper) into a ``Module`` and
records the diagnostics it should produce, so ``overhead.py`` can compare the plugin's
output with what the generator meant. Correct code is the rule; the ``mistake_*``
templates are the exceptions.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from _gen_models import Model, Rel, plural

_STDLIB = frozenset(
    {"asyncio", "collections", "dataclasses", "datetime", "decimal", "enum", "math", "typing"}
)
_THIRD_PARTY = frozenset({"sqlalchemy", "mypy_async_alchemy"})


@dataclass
class Module:
    """A module being written: its import table, its body, the expected diagnostics."""

    name: str
    imports: dict[str, set[str]] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    expected: list[tuple[int, str]] = field(default_factory=list)  # body line (0-based), code
    functions: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    plain_imports: set[str] = field(default_factory=set)  # ``import x`` (flat layout)

    def use(self, module: str, *names: str) -> None:
        self.imports.setdefault(module, set()).update(names)

    def fresh(self, name: str) -> str:
        candidate, n = name, 2
        while candidate in self.taken:
            candidate, n = f"{name}_v{n}", n + 1
        self.taken.add(candidate)
        return candidate

    def emit(self, lines: list[str], expect: dict[int, str] | None = None) -> None:
        self.body += ["", ""]
        start = len(self.body)
        self.body += lines
        for offset, code in (expect or {}).items():
            self.expected.append((start + offset, code))

    def render(self, doc: str) -> tuple[str, list[tuple[int, str]]]:
        """The module's source and its expected diagnostics as (1-based line, code)."""
        header = "\n".join(self.header(doc)).rstrip("\n").split("\n")
        # The body starts with two blank lines: PEP 8's gap after the imports.
        expected = [(len(header) + line + 1, code) for line, code in self.expected]
        return "\n".join(header + self.body) + "\n", expected

    def header(self, doc: str) -> list[str]:
        lines = [f'"""{doc}"""', ""]
        groups: dict[int, list[str]] = {0: [], 1: [], 2: []}
        for module in sorted(self.imports):
            names = ", ".join(sorted(self.imports[module]))
            top = module.split(".")[0]
            group = 0 if top in _STDLIB else 1 if top in _THIRD_PARTY else 2
            line = f"from {module} import {names}"
            if len(line) > 99:
                line = (
                    f"from {module} import (\n"
                    + "".join(f"    {n},\n" for n in sorted(self.imports[module]))
                    + ")"
                )
            groups[group].append(line)
        groups[2] = [f"import {name}" for name in sorted(self.plain_imports)] + groups[2]
        for group in (0, 1, 2):
            if groups[group]:
                lines += groups[group] + [""]
        return lines


@dataclass
class Ctx:
    """What templates need besides the module: models, layout and a random source."""

    rng: random.Random
    models: list[Model]
    models_module: str
    db_module: str
    session_var: str = "session"

    def pick(self, predicate: Callable[[Model], bool], prefer: Model) -> Model | None:
        if predicate(prefer):
            return prefer
        candidates = [m for m in self.models if predicate(m)]
        return self.rng.choice(candidates) if candidates else None


S = "session: AsyncSession"


def base_imports(mod: Module, ctx: Ctx, *models: Model) -> None:
    mod.use("sqlalchemy.ext.asyncio", "AsyncSession")
    mod.use(ctx.models_module, *(m.cls for m in models))


def read_expr(var: str, rel: Rel) -> str:
    """An expression reading ``var.rel`` (int-valued for scalars, list[int] for lists)."""
    if rel.is_list:
        return f"[x.id for x in {var}.{rel.name}]"
    if rel.optional:
        return f"({var}.{rel.name}.id if {var}.{rel.name} is not None else 0)"
    return f"{var}.{rel.name}.id"


def _lazy_select(rel: Rel) -> bool:
    return rel.lazy == "select"


def get_with_options(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels)
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy.orm", "selectinload")
    fn = mod.fresh(f"get_{m.snake}_with_{rel.name}")
    mod.emit(
        [
            f"async def {fn}({S}, {m.snake}_id: int) -> object:",
            f"    item = await session.get({m.cls}, {m.snake}_id, "
            f"options=[selectinload({m.cls}.{rel.name})])",
            "    if item is None:",
            "        return None",
            f"    return {read_expr('item', rel)}",
        ]
    )
    mod.functions.append((fn, [(f"{m.snake}_id", "int")]))
    return True


def list_with_selectinload(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("o2m", "m2m")), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels_of("o2m", "m2m"))
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy", "select")
    mod.use("sqlalchemy.orm", "selectinload")
    fn = mod.fresh(f"list_{plural(m.snake)}_with_{rel.name}")
    mod.emit(
        [
            f"async def {fn}({S}, limit: int = 50) -> list[dict[str, object]]:",
            f"    stmt = select({m.cls}).options(selectinload({m.cls}.{rel.name}))"
            f".order_by({m.cls}.id).limit(limit)",
            "    result = await session.execute(stmt)",
            "    rows = result.scalars().all()",
            f'    return [{{"id": row.id, "{rel.name}": len(row.{rel.name})}} for row in rows]',
        ]
    )
    mod.functions.append((fn, []))
    return True


def find_with_joined_parent(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("m2o")), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels_of("m2o"))
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy", "select")
    mod.use("sqlalchemy.orm", "joinedload")
    fn = mod.fresh(f"find_{m.snake}_{rel.name}_name")
    value = f"item.{rel.name}.name"
    if rel.optional:
        value = f"item.{rel.name}.name if item.{rel.name} is not None else None"
    mod.emit(
        [
            f"async def {fn}({S}, name: str) -> str | None:",
            f"    stmt = select({m.cls}).where({m.cls}.name == name)"
            f".options(joinedload({m.cls}.{rel.name}))",
            "    item = (await session.execute(stmt)).scalar_one_or_none()",
            "    if item is None:",
            "        return None",
            f"    return {value}",
        ]
    )
    mod.functions.append((fn, [("name", "str")]))
    return True


def chained_options(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: any(r.target.rels for r in m.rels_of("o2m", "m2m")), model)
    if m is None:
        return False
    rel = ctx.rng.choice([r for r in m.rels_of("o2m", "m2m") if r.target.rels])
    nested = ctx.rng.choice(rel.target.rels)
    t = rel.target
    base_imports(mod, ctx, m, t)
    mod.use("sqlalchemy", "select")
    mod.use("sqlalchemy.orm", "selectinload")
    loader = (
        ctx.rng.choice(["selectinload", "joinedload"]) if not nested.is_list else ("selectinload")
    )
    mod.use("sqlalchemy.orm", loader)
    fn = mod.fresh(f"load_{m.snake}_{rel.name}_{nested.name}")
    mod.emit(
        [
            f"async def {fn}({S}, {m.snake}_id: int) -> dict[int, object]:",
            "    stmt = (",
            f"        select({m.cls})",
            f"        .where({m.cls}.id == {m.snake}_id)",
            f"        .options(selectinload({m.cls}.{rel.name}).{loader}({t.cls}.{nested.name}))",
            "    )",
            "    item = (await session.scalars(stmt)).first()",
            "    if item is None:",
            "        return {}",
            f"    return {{child.id: {read_expr('child', nested)} for child in item.{rel.name}}}",
        ]
    )
    mod.functions.append((fn, [(f"{m.snake}_id", "int")]))
    return True


def scalar_with_options(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels), model)
    if m is None:
        return False
    rels = ctx.rng.sample(m.rels, min(2, len(m.rels)))
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy", "select")
    mod.use("sqlalchemy.orm", "selectinload")
    options = ", ".join(f"selectinload({m.cls}.{r.name})" for r in rels)
    reads = " + ".join(
        f"len({read_expr('item', r)})" if r.is_list else read_expr("item", r) for r in rels
    )
    fn = mod.fresh(f"{m.snake}_weight")
    mod.emit(
        [
            f"async def {fn}({S}, {m.snake}_id: int) -> int:",
            "    item = await session.scalar(",
            f"        select({m.cls}).where({m.cls}.id == {m.snake}_id).options({options})",
            "    )",
            "    if item is None:",
            "        return 0",
            f"    return {reads}",
        ]
    )
    mod.functions.append((fn, [(f"{m.snake}_id", "int")]))
    return True


def eager_by_default(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: any(r.lazy != "select" for r in m.rels), model)
    if m is None:
        return False
    rel = ctx.rng.choice([r for r in m.rels if r.lazy != "select"])
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy", "select")
    fn = mod.fresh(f"scan_{plural(m.snake)}_{rel.name}")
    value = f"len(row.{rel.name})" if rel.is_list else read_expr("row", rel)
    mod.emit(
        [
            f"async def {fn}({S}, limit: int = 100) -> int:",
            f'    # {m.cls}.{rel.name} is lazy="{rel.lazy}": loaded with its parent.',
            f"    rows = (await session.scalars(select({m.cls}).limit(limit))).all()",
            f"    return sum({value} for row in rows)",
        ]
    )
    mod.functions.append((fn, []))
    return True


def serializer_helper(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("o2m", "m2m")), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels_of("o2m", "m2m"))
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy.orm", "selectinload")
    helper = mod.fresh(f"serialize_{m.snake}_{rel.name}")
    fn = mod.fresh(f"get_{m.snake}_{rel.name}_serialized")
    mod.emit(
        [
            f"def {helper}(item: {m.cls}) -> dict[str, object]:",
            "    # The caller decides what is loaded: a parameter of plain model type.",
            f'    return {{"id": item.id, "name": item.name, "{rel.name}": '
            f"[x.id for x in item.{rel.name}]}}",
            "",
            "",
            f"async def {fn}({S}, {m.snake}_id: int) -> dict[str, object] | None:",
            f"    item = await session.get({m.cls}, {m.snake}_id, "
            f"options=[selectinload({m.cls}.{rel.name})])",
            f"    return {helper}(item) if item is not None else None",
        ]
    )
    mod.functions.append((fn, [(f"{m.snake}_id", "int")]))
    return True


def count_by_parent(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.fks), model)
    if m is None:
        return False
    column = ctx.rng.choice(m.fks)[0]
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy", "func", "select")
    fn = mod.fresh(f"count_{plural(m.snake)}_by_{column}")
    mod.emit(
        [
            f"async def {fn}({S}, {column}: int) -> int:",
            "    total = await session.scalar(",
            f"        select(func.count()).select_from({m.cls})"
            f".where({m.cls}.{column} == {column})",
            "    )",
            "    return total or 0",
        ]
    )
    mod.functions.append((fn, [(column, "int")]))
    return True


def create_object(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = model
    base_imports(mod, ctx, m)
    params = [("name", "str")] + [(col, "int | None" if opt else "int") for col, _, opt in m.fks]
    kwargs = ", ".join(f"{p}={p}" for p, _ in params)
    lists = m.rels_of("o2m", "m2m")
    empty = f", {lists[0].name}=[]" if lists else ""
    fn = mod.fresh(f"create_{m.snake}")
    body = [
        f"async def {fn}({S}, {', '.join(f'{p}: {t}' for p, t in params)}) -> int:",
        f"    item = {m.cls}({kwargs}{empty})",
        "    session.add(item)",
        "    await session.flush()",
    ]
    if lists:
        body.append(f"    assert not item.{lists[0].name}  # set by the constructor: no IO")
    body.append("    return item.id")
    mod.emit(body)
    mod.functions.append((fn, params))
    return True


def update_object(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = model
    base_imports(mod, ctx, m)
    fn = mod.fresh(f"rename_{m.snake}")
    extra = ctx.rng.choice(
        ["item.is_active = True", "item.score += 1.0", "item.description = None", "pass"]
    )
    mod.emit(
        [
            f"async def {fn}({S}, {m.snake}_id: int, name: str) -> bool:",
            f"    item = await session.get({m.cls}, {m.snake}_id)",
            "    if item is None:",
            "        return False",
            "    item.name = name",
            f"    {extra}",
            "    await session.commit()",
            "    return True",
        ]
    )
    mod.functions.append((fn, [(f"{m.snake}_id", "int"), ("name", "str")]))
    return True


def awaitable_attrs(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels)
    base_imports(mod, ctx, m)
    fn = mod.fresh(f"{m.snake}_{rel.name}_on_demand")
    if rel.is_list:
        tail = ["    return [x.id for x in related]"]
    elif rel.optional:
        tail = ["    return [related.id] if related is not None else []"]
    else:
        tail = ["    return [related.id]"]
    mod.emit(
        [
            f"async def {fn}({S}, {m.snake}_id: int) -> list[int]:",
            f"    item = await session.get({m.cls}, {m.snake}_id)",
            "    if item is None:",
            "        return []",
            f"    related = await item.awaitable_attrs.{rel.name}",
            *tail,
        ]
    )
    mod.functions.append((fn, [(f"{m.snake}_id", "int")]))
    return True


def refresh_then_read(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("o2m", "m2m")), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels_of("o2m", "m2m"))
    base_imports(mod, ctx, m)
    fn = mod.fresh(f"reload_{m.snake}_{rel.name}")
    mod.emit(
        [
            f"async def {fn}({S}, item: {m.cls}) -> int:",
            f'    await session.refresh(item, ["{rel.name}"])',
            f"    return len(item.{rel.name})",
        ]
    )
    return True


def loaded_annotation(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("o2m", "m2m")), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels_of("o2m", "m2m"))
    base_imports(mod, ctx, m)
    mod.use("typing", "Literal")
    mod.use("mypy_async_alchemy", "Loaded")
    mod.use("sqlalchemy", "select")
    mod.use("sqlalchemy.orm", "selectinload")
    helper = mod.fresh(f"{m.snake}_{rel.name}_count")
    fn = mod.fresh(f"get_{m.snake}_{rel.name}_count")
    mod.emit(
        [
            f'def {helper}(item: Loaded[{m.cls}, Literal["{rel.name}"]]) -> int:',
            f"    return len(item.{rel.name})",
            "",
            "",
            f"async def {fn}({S}, {m.snake}_id: int) -> int:",
            f"    stmt = select({m.cls}).where({m.cls}.id == {m.snake}_id)"
            f".options(selectinload({m.cls}.{rel.name}))",
            "    item = (await session.execute(stmt)).scalar_one()",
            f"    return {helper}(item)",
        ]
    )
    mod.functions.append((fn, [(f"{m.snake}_id", "int")]))
    return True


def join_pairs(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("m2o")), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels_of("m2o"))
    p = rel.target
    base_imports(mod, ctx, m, p)
    mod.use("sqlalchemy", "select")
    fn = mod.fresh(f"list_{m.snake}_{rel.name}_pairs")
    mod.emit(
        [
            f"async def {fn}({S}, limit: int = 100) -> list[tuple[int, str]]:",
            f"    stmt = select({m.cls}, {p.cls}).join({m.cls}.{rel.name}).limit(limit)",
            "    rows = (await session.execute(stmt)).all()",
            "    return [(child.id, parent.name) for child, parent in rows]",
        ]
    )
    mod.functions.append((fn, []))
    return True


def options_variable(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("o2m", "m2m")) and bool(m.rels_of("m2o")), model)
    if m is None:
        return False
    many = ctx.rng.choice(m.rels_of("o2m", "m2m"))
    one = ctx.rng.choice(m.rels_of("m2o"))
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy", "select")
    mod.use("sqlalchemy.orm", "joinedload", "selectinload")
    fn = mod.fresh(f"list_{plural(m.snake)}_eager")
    mod.emit(
        [
            f"async def {fn}({S}) -> list[int]:",
            f"    opts = [selectinload({m.cls}.{many.name}), joinedload({m.cls}.{one.name})]",
            f"    stmt = select({m.cls}).options(*opts)",
            "    rows = (await session.scalars(stmt)).all()",
            f"    return [len(row.{many.name}) + {read_expr('row', one)} for row in rows]",
        ]
    )
    mod.functions.append((fn, []))
    return True


def filter_on_relationship(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("o2m", "m2m")), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels_of("o2m", "m2m"))
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy", "select")
    fn = mod.fresh(f"{m.snake}_ids_having_{rel.name}")
    mod.emit(
        [
            f"async def {fn}({S}) -> list[int]:",
            f"    stmt = select({m.cls}.id).where({m.cls}.{rel.name}.any())",
            "    return list((await session.scalars(stmt)).all())",
        ]
    )
    mod.functions.append((fn, []))
    return True


def contains_eager_join(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("m2o")), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels_of("m2o"))
    p = rel.target
    base_imports(mod, ctx, m, p)
    mod.use("sqlalchemy", "select")
    mod.use("sqlalchemy.orm", "contains_eager")
    fn = mod.fresh(f"list_{plural(m.snake)}_in_{rel.name}")
    value = f"row.{rel.name}.name"
    if rel.optional:
        value = f'row.{rel.name}.name if row.{rel.name} is not None else ""'
    mod.emit(
        [
            f"async def {fn}({S}, parent_name: str) -> list[str]:",
            "    stmt = (",
            f"        select({m.cls})",
            f"        .join({m.cls}.{rel.name})",
            f"        .where({p.cls}.name == parent_name)",
            f"        .options(contains_eager({m.cls}.{rel.name}))",
            "    )",
            "    rows = (await session.scalars(stmt)).all()",
            f"    return [{value} for row in rows]",
        ]
    )
    mod.functions.append((fn, [("parent_name", "str")]))
    return True


def stream_rows(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("o2m", "m2m")), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels_of("o2m", "m2m"))
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy", "select")
    mod.use("sqlalchemy.orm", "selectinload")
    fn = mod.fresh(f"stream_{plural(m.snake)}_{rel.name}")
    mod.emit(
        [
            f"async def {fn}({S}) -> list[int]:",
            f"    stmt = select({m.cls}).options(selectinload({m.cls}.{rel.name}))",
            "    out: list[int] = []",
            "    async for row in await session.stream_scalars(stmt):",
            f"        out.append(len(row.{rel.name}))",
            "    return out",
        ]
    )
    mod.functions.append((fn, []))
    return True


def joined_collection_unique(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("o2m", "m2m")), model)
    if m is None:
        return False
    rel = ctx.rng.choice(m.rels_of("o2m", "m2m"))
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy", "select")
    mod.use("sqlalchemy.orm", "joinedload")
    fn = mod.fresh(f"list_{plural(m.snake)}_joined_{rel.name}")
    mod.emit(
        [
            f"async def {fn}({S}, active: bool = True) -> dict[int, int]:",
            f"    stmt = select({m.cls}).where({m.cls}.is_active == active)"
            f".options(joinedload({m.cls}.{rel.name}))",
            "    rows = (await session.execute(stmt)).unique().scalars().all()",
            f"    return {{row.id: len(row.{rel.name}) for row in rows}}",
        ]
    )
    mod.functions.append((fn, []))
    return True


def delete_object(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = model
    base_imports(mod, ctx, m)
    fn = mod.fresh(f"delete_{m.snake}")
    mod.emit(
        [
            f"async def {fn}({S}, {m.snake}_id: int) -> bool:",
            f"    item = await session.get({m.cls}, {m.snake}_id)",
            "    if item is None:",
            "        return False",
            "    await session.delete(item)",
            "    await session.commit()",
            "    return True",
        ]
    )
    mod.functions.append((fn, [(f"{m.snake}_id", "int")]))
    return True


# name -> (template, weight): what a repository module is made of.
CORRECT: dict[str, tuple[Callable[[Module, Ctx, Model], bool], int]] = {
    "get_with_options": (get_with_options, 10),
    "list_with_selectinload": (list_with_selectinload, 10),
    "find_with_joined_parent": (find_with_joined_parent, 7),
    "chained_options": (chained_options, 7),
    "scalar_with_options": (scalar_with_options, 6),
    "eager_by_default": (eager_by_default, 5),
    "serializer_helper": (serializer_helper, 5),
    "count_by_parent": (count_by_parent, 6),
    "create_object": (create_object, 6),
    "update_object": (update_object, 6),
    "awaitable_attrs": (awaitable_attrs, 4),
    "refresh_then_read": (refresh_then_read, 3),
    "loaded_annotation": (loaded_annotation, 3),
    "join_pairs": (join_pairs, 4),
    "options_variable": (options_variable, 3),
    "filter_on_relationship": (filter_on_relationship, 3),
    "contains_eager_join": (contains_eager_join, 3),
    "stream_rows": (stream_rows, 2),
    "joined_collection_unique": (joined_collection_unique, 3),
    "delete_object": (delete_object, 4),
}
