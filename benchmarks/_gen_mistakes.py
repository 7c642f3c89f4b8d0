"""The deliberate mistakes of the generated project, each with the diagnostic it expects.

Plugin mistakes expect an ``alchemy-*`` code; two plain type errors (``union-attr``,
``return-value``) check that the plugin leaves mypy's own errors alone.
"""

from __future__ import annotations

from collections.abc import Callable

from _gen_models import Model, plural
from _gen_queries import Ctx, Module, S, base_imports, read_expr


def _lazy_list(m: Model) -> bool:
    return any(r.lazy == "select" for r in m.rels_of("o2m", "m2m"))


def lazy_after_get(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(_lazy_list, model)
    if m is None:
        return False
    rel = ctx.rng.choice([r for r in m.rels_of("o2m", "m2m") if r.lazy == "select"])
    base_imports(mod, ctx, m)
    fn = mod.fresh(f"{m.snake}_{rel.name}_names")
    mod.emit(
        [
            f"async def {fn}({S}, {m.snake}_id: int) -> list[str]:",
            f"    item = await session.get({m.cls}, {m.snake}_id)",
            "    if item is None:",
            "        return []",
            f"    return [x.name for x in item.{rel.name}]  # MISTAKE: not loaded",
        ],
        {4: "alchemy-lazy-load"},
    )
    return True


def lazy_after_select(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(_lazy_list, model)
    if m is None:
        return False
    rel = ctx.rng.choice([r for r in m.rels_of("o2m", "m2m") if r.lazy == "select"])
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy", "select")
    fn = mod.fresh(f"{plural(m.snake)}_{rel.name}_sizes")
    mod.emit(
        [
            f"async def {fn}({S}) -> dict[int, int]:",
            f"    rows = (await session.scalars(select({m.cls}).order_by({m.cls}.id))).all()",
            f"    return {{row.id: len(row.{rel.name}) for row in rows}}  # MISTAKE: not loaded",
        ],
        {2: "alchemy-lazy-load"},
    )
    return True


def lazy_nested(mod: Module, ctx: Ctx, model: Model) -> bool:
    def fits(m: Model) -> bool:
        return any(r2.lazy == "select" for r in m.rels_of("o2m", "m2m") for r2 in r.target.rels)

    m = ctx.pick(fits, model)
    if m is None:
        return False
    rel = ctx.rng.choice(
        [r for r in m.rels_of("o2m", "m2m") if any(x.lazy == "select" for x in r.target.rels)]
    )
    nested = ctx.rng.choice([x for x in rel.target.rels if x.lazy == "select"])
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy", "select")
    mod.use("sqlalchemy.orm", "selectinload")
    fn = mod.fresh(f"{m.snake}_{rel.name}_{nested.name}_flat")
    mod.emit(
        [
            f"async def {fn}({S}, {m.snake}_id: int) -> list[object]:",
            f"    stmt = select({m.cls}).where({m.cls}.id == {m.snake}_id)"
            f".options(selectinload({m.cls}.{rel.name}))",
            "    item = (await session.execute(stmt)).scalar_one()",
            "    out: list[object] = []",
            f"    for child in item.{rel.name}:",
            f"        out.append({read_expr('child', nested)})  # MISTAKE: nested not loaded",
            "    return out",
        ],
        {5: "alchemy-lazy-load"},
    )
    return True


def session_not_scoped(mod: Module, ctx: Ctx, model: Model) -> bool:
    base_imports(mod, ctx, model)
    mod.use("sqlalchemy", "func", "select")
    mod.use(ctx.db_module, "SessionLocal")
    fn = mod.fresh(f"count_{plural(model.snake)}_unscoped")
    mod.emit(
        [
            f"async def {fn}() -> int:",
            "    session = SessionLocal()  # MISTAKE: not closed if the query raises",
            f"    total = await session.scalar(select(func.count()).select_from({model.cls}))",
            "    await session.close()",
            "    return total or 0",
        ],
        {1: "alchemy-session-scope"},
    )
    return True


def sync_def_commit(mod: Module, ctx: Ctx, model: Model) -> bool:
    base_imports(mod, ctx, model)
    mod.use("asyncio", "run")
    fn = mod.fresh(f"save_{model.snake}_blocking")
    mod.emit(
        [
            f"def {fn}(session: AsyncSession, item: {model.cls}) -> None:",
            "    session.add(item)",
            "    run(session.commit())  # MISTAKE: a coroutine from a plain def",
        ],
        {2: "alchemy-sync-def"},
    )
    return True


def legacy_query_in_run_sync(mod: Module, ctx: Ctx, model: Model) -> bool:
    base_imports(mod, ctx, model)
    mod.use("sqlalchemy.orm", "Session")
    helper = mod.fresh(f"_legacy_{model.snake}_names")
    fn = mod.fresh(f"legacy_{model.snake}_names")
    mod.emit(
        [
            f"def {helper}(sync_session: Session) -> list[str]:",
            f"    return [row.name for row in sync_session.query({model.cls}).all()]  # MISTAKE",
            "",
            "",
            f"async def {fn}({S}) -> list[str]:",
            f"    return await session.run_sync({helper})",
        ],
        {1: "alchemy-legacy-query"},
    )
    return True


def union_attr(mod: Module, ctx: Ctx, model: Model) -> bool:
    m = ctx.pick(lambda m: bool(m.rels_of("o2m", "m2m")), model)
    if m is None:
        return False
    rel = m.rels_of("o2m", "m2m")[0]
    base_imports(mod, ctx, m)
    mod.use("sqlalchemy.orm", "selectinload")
    fn = mod.fresh(f"{m.snake}_{rel.name}_total")
    mod.emit(
        [
            f"async def {fn}({S}, {m.snake}_id: int) -> int:",
            f"    item = await session.get({m.cls}, {m.snake}_id, "
            f"options=[selectinload({m.cls}.{rel.name})])",
            f"    return len(item.{rel.name})  # MISTAKE (mypy): item may be None",
        ],
        {2: "union-attr"},
    )
    return True


def return_value(mod: Module, ctx: Ctx, model: Model) -> bool:
    base_imports(mod, ctx, model)
    fn = mod.fresh(f"{model.snake}_label")
    mod.emit(
        [
            f"async def {fn}({S}, {model.snake}_id: int) -> int:",
            f"    item = await session.get({model.cls}, {model.snake}_id)",
            "    if item is None:",
            "        return 0",
            "    return item.name  # MISTAKE (mypy): str is not int",
        ],
        {4: "return-value"},
    )
    return True


# (template, how many per 1,000 queries, at least one)
MISTAKES: dict[str, tuple[Callable[[Module, Ctx, Model], bool], int]] = {
    "lazy_after_get": (lazy_after_get, 3),
    "lazy_after_select": (lazy_after_select, 3),
    "lazy_nested": (lazy_nested, 3),
    "session_not_scoped": (session_not_scoped, 1),
    "sync_def_commit": (sync_def_commit, 1),
    "legacy_query_in_run_sync": (legacy_query_in_run_sync, 1),
    "union_attr": (union_attr, 1),
    "return_value": (return_value, 1),
}
