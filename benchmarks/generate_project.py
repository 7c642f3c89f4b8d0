"""Write a realistic async FastAPI-style SQLAlchemy project to benchmark the plugin on.

    python benchmarks/generate_project.py OUT_DIR [--models 30] [--queries 1000]
        [--modules 40] [--seed 1] [--layout package|flat]
    python benchmarks/generate_project.py OUT_DIR --size large [--seed 1]

The project (no FastAPI import needed):

- ``models/``: one module per model, with many-to-one, one-to-many and many-to-many
  (association tables) relationships, some ``lazy="selectin"``/``"joined"``;
- ``db``: the async engine, ``async_sessionmaker`` and a session dependency;
- ``repositories/``: the query functions, spread over ``--modules`` modules: ``select(...)
  .options(selectinload(...))``, ``session.get(..., options=[...])``, ``.scalars().all()``,
  chained loader options, ``awaitable_attrs``, ``refresh()``, ``Loaded[...]`` helpers,
  serialisers that take objects of unknown load state, joins, counts, writes...;
- ``api/``: route-shaped functions that call the repositories;
- a few deliberate mistakes, listed in ``expected.txt`` (``path:line: code`` per line).

``--size large`` (100 models, 1,500 queries in 120 repository modules) adds what a large
application has around its queries, ~1,000 modules in all (``_gen_app.py``,
``_gen_domain.py``, ``_app_static/``): per model, enums, TypedDict/dataclass schemas, pure
business rules, domain events, a service class, HTTP handlers and background jobs; core
modules (config, exceptions, logging, protocols, generics, events, cache, security), utilities
(strings, dates, validation, pagination, money, async helpers) and integrations. That code
is type-correct under ``mypy --strict``; the deliberate mistakes stay in the repositories.
``--models``, ``--queries`` and ``--modules`` override a size's values.

``--layout package`` (default) puts everything under an ``app`` package, as real projects
do; ``--layout flat`` writes top-level modules only (``model_user.py``, ``repo_user.py``...).
Same seed, same project: the output is byte-for-byte reproducible. A directory that already
holds the same project (``.generated`` records the parameters and the generator's digest)
is left as it is, so concurrent benchmark runs can share it.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from _gen_app import STATIC, app_files
from _gen_mistakes import MISTAKES
from _gen_models import associations_source, base_source, build_graph, model_source
from _gen_queries import CORRECT, Ctx, Module


@dataclass(frozen=True)
class Size:
    """A preset of the generator's parameters; ``app``: the layers around the queries."""

    models: int
    queries: int
    modules: int
    app: bool


SIZES = {
    "default": Size(models=30, queries=1000, modules=40, app=False),
    "large": Size(models=100, queries=1500, modules=120, app=True),
}


@dataclass(frozen=True)
class Layout:
    """Module names and file paths of the project for one layout."""

    flat: bool

    def module(self, kind: str, name: str = "") -> str:
        if self.flat:
            return {
                "models": "models",
                "base": "base",
                "associations": "associations",
                "db": "db",
                "model": f"model_{name}",
                "repo": f"repo_{name}",
                "api": f"api_{name}",
            }[kind]
        return {
            "models": "app.models",
            "base": "app.models.base",
            "associations": "app.models.associations",
            "db": "app.db",
            "model": f"app.models.{name}",
            "repo": f"app.repositories.{name}",
            "api": f"app.api.{name}",
        }[kind]

    def packages(self) -> list[str]:
        return [] if self.flat else ["app", "app.models", "app.repositories", "app.api"]

    @staticmethod
    def path(module: str, is_package: bool = False) -> Path:
        parts = module.split(".")
        if is_package:
            return Path(*parts, "__init__.py")
        return Path(*parts[:-1], parts[-1] + ".py")


DB_SOURCE = '''"""The async engine and the session factory; ``get_session`` is the dependency."""

from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine("postgresql+asyncpg://app@localhost/app", pool_pre_ping=True)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session
'''


def _mistake_plan(queries: int, modules: int, rng: random.Random) -> dict[int, list[str]]:
    """Which repository module gets which mistakes."""
    plan: dict[int, list[str]] = {}
    for name, (_template, per_thousand) in MISTAKES.items():
        for _ in range(max(1, round(per_thousand * queries / 1000))):
            plan.setdefault(rng.randrange(modules), []).append(name)
    return plan


def generate(
    out: Path,
    n_models: int,
    n_queries: int,
    n_modules: int,
    seed: int,
    flat: bool,
    app: bool = False,
):
    if app and flat:
        raise ValueError("the application layers (--size large) need the package layout")
    rng = random.Random(seed)
    layout = Layout(flat)
    models, associations = build_graph(n_models, rng)
    files: dict[Path, str] = {}
    for package in layout.packages():
        files[layout.path(package, is_package=True)] = ""
    files[layout.path(layout.module("base"))] = base_source()
    files[layout.path(layout.module("associations"))] = associations_source(
        associations, layout.module("base")
    )
    module_of = {m.cls: layout.module("model", m.snake) for m in models}
    for m in models:
        files[layout.path(module_of[m.cls])] = model_source(
            m, layout.module("base"), layout.module("associations"), module_of
        )
    init = ['"""The models, re-exported."""', ""]
    init += [
        f"from {module_of[m.cls]} import {m.cls}"
        for m in sorted(models, key=lambda m: module_of[m.cls])
    ]
    init += [
        "",
        "__all__ = [" + ", ".join(f'"{m.cls}"' for m in sorted(models, key=lambda m: m.cls)) + "]",
    ]
    models_path = layout.path(layout.module("models"), is_package=not flat)
    files[models_path] = "\n".join(init) + "\n"
    files[layout.path(layout.module("db"))] = DB_SOURCE

    ctx = Ctx(rng, models, layout.module("models"), layout.module("db"))
    plan = _mistake_plan(n_queries, n_modules, rng)
    names = list(CORRECT)
    weights = [CORRECT[name][1] for name in names]
    expected: list[str] = []
    repos: list[tuple[str, Module]] = []
    written = 0
    for index in range(n_modules):
        primary = models[index % len(models)]
        suffix = f"_{index // len(models) + 1}" if index >= len(models) else ""
        module_name = layout.module("repo", f"{primary.snake}{suffix}")
        mod = Module(module_name)
        mistakes = plan.get(index, [])
        share = (n_queries - written) // (n_modules - index) - len(mistakes)
        count = 0
        while count < share:
            name = rng.choices(names, weights)[0]
            # Most functions are about the module's own model, some about its neighbours.
            model = primary if rng.random() < 0.7 else rng.choice(models)
            if CORRECT[name][0](mod, ctx, model):
                count += 1
        for mistake in mistakes:
            if MISTAKES[mistake][0](mod, ctx, primary):
                count += 1
        written += count
        source, marks = mod.render(f"Queries around {primary.cls}.")
        files[layout.path(module_name)] = source
        for line, code in marks:
            expected.append(f"{layout.path(module_name).as_posix()}:{line}: {code}")
        repos.append((module_name, mod))
    for index in range(0, len(repos), 5):
        api = _api_module(layout, index // 5, repos[index : index + 5], rng)
        files[layout.path(api.name)] = api.render("Route handlers.")[0]
    if app:
        # A random source of its own: the database part is the same with or without it.
        files.update(app_files(models, repos, random.Random(f"{seed}:app")))

    stamp = f"{n_models} {n_queries} {n_modules} {seed} {flat} {_generator_digest()}"
    stamp += " app\n" if app else "\n"
    if (out / ".generated").exists() and (out / ".generated").read_text() == stamp:
        return written, len(files), sum(t.count("\n") for t in files.values()), expected
    if out.exists():
        shutil.rmtree(out)
    for path, text in sorted(files.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    (out / "expected.txt").write_text("\n".join(sorted(expected, key=_sort_key)) + "\n")
    (out / ".generated").write_text(stamp)  # last: a half-written project is regenerated
    return written, len(files), sum(t.count("\n") for t in files.values()), expected


def _generator_digest() -> str:
    """Changes with the generator's code, so a stale project is written again."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    names = ("generate_project.py", "_gen_models.py", "_gen_queries.py", "_gen_mistakes.py")
    names += ("_gen_app.py", "_gen_domain.py")
    for path in [here / name for name in names] + sorted(STATIC.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _sort_key(entry: str) -> tuple[str, int]:
    path, line, _ = entry.split(":", 2)
    return path, int(line)


def _api_module(layout: Layout, index: int, repos: list[tuple[str, Module]], rng: random.Random):
    api = Module(layout.module("api", f"routes_{index:02d}"))
    api.use("sqlalchemy.ext.asyncio", "AsyncSession")
    for module_name, mod in repos:
        alias = module_name.rpartition(".")[2]
        if layout.flat:
            api.plain_imports.add(module_name)
        else:
            api.use(module_name.rpartition(".")[0], alias)
        for fn, params in mod.functions:
            if rng.random() > 0.3:
                continue
            signature = "".join(f", {p}: {t}" for p, t in params)
            args = "".join(f", {p}" for p, _t in params)
            api.emit(
                [
                    f"async def {alias}_{fn}(session: AsyncSession{signature}) -> object:",
                    f"    return await {alias}.{fn}(session{args})",
                ]
            )
    return api


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The generator's options (``overhead.py`` takes them too)."""
    parser.add_argument(
        "--size",
        choices=tuple(SIZES),
        default="default",
        help="default: 30 models, 1,000 queries, 40 repository modules; large: 100 models, "
        "1,500 queries, 120 repository modules and the application around them (~1,000 "
        "modules)",
    )
    parser.add_argument("--models", type=int, help="override the size's number of models")
    parser.add_argument("--queries", type=int, help="override the size's number of queries")
    parser.add_argument("--modules", type=int, help="override the size's repository modules")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layout", choices=("package", "flat"), default="package")


def resolve_size(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Fill ``--models``/``--queries``/``--modules`` from ``--size``; check them."""
    size = SIZES[args.size]
    args.app = size.app
    args.models = size.models if args.models is None else args.models
    args.queries = size.queries if args.queries is None else args.queries
    args.modules = size.modules if args.modules is None else args.modules
    if args.models < 3 or args.modules < 1 or args.queries < args.modules:
        parser.error("need --models >= 3 and --queries >= --modules >= 1")
    if args.app and args.layout == "flat":
        parser.error("--size large needs --layout package")


def generate_from(out: Path, args: argparse.Namespace):
    """``generate()`` with the settings of ``add_arguments`` (after ``resolve_size``)."""
    return generate(
        out, args.models, args.queries, args.modules, args.seed, args.layout == "flat", args.app
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    add_arguments(parser)
    args = parser.parse_args(argv)
    resolve_size(parser, args)
    queries, files, lines, expected = generate_from(args.out, args)
    print(
        f"{args.out}: {args.models} models, {queries} query functions in {args.modules} "
        f"repository modules, {files} files, {lines} lines, {len(expected)} expected errors"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
