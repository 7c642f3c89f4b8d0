"""The application layers of the large project around the repositories.

Used by ``generate_project.py --size large``. Per model: the domain modules of
``_gen_domain.py`` (enums, schemas, rules, events), a service class that wraps the model's
repository functions with business logic, HTTP handlers that parse requests and call the
service, and background jobs; once: ``app.main`` (every router) and ``app.worker`` (every
job). The hand-written modules under ``_app_static/`` (core, utils, integrations) are
copied as they are. Only the package layout is supported.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from _gen_domain import (
    Domain,
    enums_module,
    events_module,
    make_domains,
    rules_module,
    schemas_module,
)
from _gen_models import Model
from _gen_queries import Module

STATIC = Path(__file__).resolve().parent / "_app_static"
PACKAGES = (
    "app.core",
    "app.utils",
    "app.integrations",
    "app.enums",
    "app.schemas",
    "app.domain",
    "app.events",
    "app.services",
    "app.handlers",
    "app.tasks",
)


@dataclass
class Method:
    """A service method: what handlers and jobs need to call it."""

    name: str
    params: list[tuple[str, str, str | None]]  # name, type, default
    returns: str


# What a service does with a repository function's result, by the function's return type:
# (the method's return type, body lines, imports, an extra parameter).
_SHAPES: dict[str, tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...], tuple[str, ...]]] = {
    "int": (
        "int",
        (
            "value = {call}",
            "if value < 0:",
            '    raise ConflictError("{entity}: negative result")',
            "return value",
        ),
        (("app.core.exceptions", "ConflictError"),),
        (),
    ),
    "bool": (
        "None",
        ("if not {call}:", '    raise NotFoundError("{entity}", {key})'),
        (("app.core.exceptions", "NotFoundError"),),
        (),
    ),
    "list[int]": (
        "Page[int]",
        ("ids = {call}", "return paginate(ids, page or PageParams())"),
        (("app.utils.pagination", "Page", "PageParams", "paginate"),),
        ("page", "PageParams | None", "None"),
    ),
    "dict[int, int]": (
        "list[tuple[int, int]]",
        ("counts = {call}", "return top_by_value(counts, top)"),
        (("app.utils.iterables", "top_by_value"),),
        ("top", "int", "10"),
    ),
    "dict[int, object]": (
        "dict[int, object]",
        ("data = {call}", 'logger.debug("{entity}: %d entries", len(data))', "return data"),
        (),
        (),
    ),
    "list[dict[str, object]]": (
        "list[dict[str, object]]",
        ("rows = {call}", 'return [row for row in rows if row.get("id") is not None]'),
        (),
        (),
    ),
    "str | None": (
        "str",
        (
            "value = {call}",
            "if value is None:",
            '    raise NotFoundError("{entity}", {key})',
            "return truncate(value, 80)",
        ),
        (("app.core.exceptions", "NotFoundError"), ("app.utils.strings", "truncate")),
        (),
    ),
    "dict[str, object] | None": (
        "dict[str, object]",
        (
            "data = {call}",
            "if data is None:",
            '    raise NotFoundError("{entity}", {key})',
            "return data",
        ),
        (("app.core.exceptions", "NotFoundError"),),
        (),
    ),
    "list[str]": (
        "list[str]",
        ("names = {call}", "return dedupe(normalize_whitespace(name) for name in names)"),
        (("app.utils.iterables", "dedupe"), ("app.utils.strings", "normalize_whitespace")),
        (),
    ),
    "list[tuple[int, str]]": (
        "dict[int, str]",
        ("pairs = {call}", "return dict(pairs)"),
        (),
        (),
    ),
    "object": (
        "object",
        (
            "result = {call}",
            "if result is None:",
            '    raise NotFoundError("{entity}", {key})',
            "return result",
        ),
        (("app.core.exceptions", "NotFoundError"),),
        (),
    ),
}


def app_files(
    models: list[Model], repos: list[tuple[str, Module]], rng: random.Random
) -> dict[Path, str]:
    """Every file of the application layers, by path relative to the project."""
    domains = make_domains(models, rng)
    for index, repo in enumerate(repos):
        domains[index % len(models)].repos.append(repo)
    files = {_path(p, package=True): "" for p in PACKAGES}
    for source in sorted(STATIC.rglob("*.py")):
        files[Path("app") / source.relative_to(STATIC)] = source.read_text()
    for d in domains:
        modules = [enums_module(d), schemas_module(d), rules_module(d, rng), events_module(d)]
        service, methods = service_module(d, repos, rng)
        modules += [service, handlers_module(d, methods), tasks_module(d, methods)]
        for mod in modules:
            files[_path(mod.name)] = mod.render(_DOCS[mod.name.split(".")[1]].format(d.cls))[0]
    for mod in (main_module(domains), worker_module(domains)):
        files[_path(mod.name)] = mod.render(_DOCS[mod.name.split(".")[1]])[0]
    return files


_DOCS = {
    "enums": "Enumerations of the {} domain.",
    "schemas": "Payloads (TypedDicts) and views (dataclasses) of the {} API.",
    "domain": "Business rules of the {} domain: no IO, no session.",
    "events": "Domain events of {} and the handlers that audit and notify.",
    "services": "Use cases of the {} domain: rules, events and logging around the queries.",
    "handlers": "HTTP handlers of the {} API: parse the request, call the service, reply.",
    "tasks": "Background jobs of the {} domain, run by the worker outside requests.",
    "main": "The application: every domain's router under /api.",
    "worker": "The background worker: every domain's jobs, by name.",
}


def _path(module: str, package: bool = False) -> Path:
    parts = module.split(".")
    return Path(*parts, "__init__.py") if package else Path(*parts[:-1], parts[-1] + ".py")


def _returns(mod: Module, fn: str) -> str:
    """The return annotation of repository function ``fn`` (templates write one-line defs)."""
    prefix = f"async def {fn}("
    for line in mod.body:
        if line.startswith(prefix):
            return line.rsplit(" -> ", 1)[1].removesuffix(":")
    raise ValueError(f"{fn} not found in {mod.name}")


def _repo_alias(mod: Module, module_name: str) -> str:
    package, _, name = module_name.rpartition(".")
    mod.use(package, f"{name} as {name}_repo")
    return f"{name}_repo"


def service_module(
    d: Domain, repos: list[tuple[str, Module]], rng: random.Random
) -> tuple[Module, list[Method]]:
    """The service class; returns it with the methods handlers and jobs may call."""
    mod = Module(f"app.services.{d.snake}")
    c = d.cls
    mod.use("sqlalchemy.ext.asyncio", "AsyncSession")
    mod.use("app.core.events", "EventBus")
    mod.use("app.core.log", "get_logger")
    mod.use("app.core.protocols", "Clock")
    mod.use(f"app.events.{d.snake}", f"{c}Event", f"{d.snake}_bus")
    mod.emit(["logger = get_logger(__name__)"])
    _to_view(mod, d)
    mod.emit(
        [
            f"class {c}Service:",
            '    """One per request: the session, a clock and the domain\'s event bus."""',
            "",
            f"    def __init__(self, session: AsyncSession, clock: Clock, "
            f"bus: EventBus[{c}Event] = {d.snake}_bus) -> None:",
            "        self._session = session",
            "        self._clock = clock",
            "        self._bus = bus",
        ]
    )
    methods = _core_methods(mod, d)
    create = _find_create(d, repos)
    if create is not None:
        methods.append(_create_method(mod, d, *create))
    methods += _wrappers(mod, d, rng, skip=create[1] if create else None)
    return mod, methods


def _to_view(mod: Module, d: Domain) -> None:
    mod.use("app.models", d.cls)
    mod.use(f"app.schemas.{d.snake}", f"{d.cls}View")
    mod.use(f"app.enums.{d.snake}", f"{d.cls}Status")
    life = d.lifecycle
    mod.emit(
        [
            f"def to_view(item: {d.cls}) -> {d.cls}View:",
            f"    status = {d.cls}Status.{life.initial.upper()} if item.is_active "
            f"else {d.cls}Status.{life.terminal[0].upper()}",
            f"    return {d.cls}View(",
            "        id=item.id,",
            "        name=item.name,",
            "        status=status,",
            "        score=item.score,",
            "        description=item.description,",
            "        created_at=item.created_at,",
            "    )",
        ]
    )


def _method(mod: Module, lines: list[str]) -> None:
    """Append a method to the class that ``mod``'s last chunk holds."""
    mod.body += ["", *(f"    {line}" if line else "" for line in lines)]


def _core_methods(mod: Module, d: Domain) -> list[Method]:
    """Reads by id and by page, stats, and status changes: every service has them."""
    c, key = d.cls, f"{d.snake}_id"
    mod.use("dataclasses", "replace")
    mod.use("sqlalchemy", "func", "select")
    mod.use("app.core.exceptions", "NotFoundError")
    mod.use("app.core.log", "timed")
    mod.use("app.utils.pagination", "Page", "PageParams")
    mod.use(f"app.domain.{d.snake}_rules", "next_status", "summarize")
    mod.use(f"app.events.{d.snake}", f"{c}StatusChanged")
    mod.use(f"app.schemas.{d.snake}", f"{c}Stats")
    _method(
        mod,
        [
            f"async def get_view(self, {key}: int) -> {c}View:",
            f"    item = await self._session.get({c}, {key})",
            "    if item is None:",
            f'        raise NotFoundError("{c}", {key})',
            "    return to_view(item)",
        ],
    )
    _method(
        mod,
        [
            f'@timed("{d.snake}.list_views")',
            f"async def list_views(self, params: PageParams) -> Page[{c}View]:",
            f"    total = await self._session.scalar(select(func.count()).select_from({c}))",
            f"    stmt = select({c}).order_by({c}.id).offset(params.offset).limit(params.size)",
            "    items = (await self._session.scalars(stmt)).all()",
            "    return Page([to_view(item) for item in items], total or 0, params)",
            "",
            f"async def stats(self, params: PageParams) -> {c}Stats:",
            "    page = await self.list_views(params)",
            "    return summarize(page.items)",
            "",
            f"async def change_status(self, {key}: int, target: {c}Status) -> {c}View:",
            f"    view = await self.get_view({key})",
            "    new = next_status(view.status, target)",
            "    if new is not view.status:",
            f"        event = {c}StatusChanged(",
            f"            at=self._clock.now(), {key}={key}, old=view.status, new=new",
            "        )",
            "        await self._bus.publish(event)",
            f'        logger.info("{d.snake} %s is now %s", {key}, new.value)',
            "    return replace(view, status=new)",
        ],
    )
    return [Method("get_view", [(key, "int", None)], f"{c}View")]


def _find_create(d: Domain, repos: list[tuple[str, Module]]) -> tuple[str, str] | None:
    """The repository module and function that create this model, if any was generated."""
    wanted = f"create_{d.snake}"
    for module_name, repo in repos:
        if any(fn == wanted for fn, _params in repo.functions):
            return module_name, wanted
    return None


def _create_method(mod: Module, d: Domain, module_name: str, fn: str) -> Method:
    """Create from a validated payload: name rules, parents checked, an event published."""
    c = d.cls
    alias = _repo_alias(mod, module_name)
    mod.use(f"app.domain.{d.snake}_rules", "check_name")
    mod.use(f"app.events.{d.snake}", f"{c}Created")
    mod.use(f"app.schemas.{d.snake}", f"{c}CreatePayload")
    checks = []
    for fk, parent, optional in d.parents:
        if optional:
            continue
        mod.use(f"app.services.{parent.snake}", f"{parent.cls}Service")
        checks.append(
            f'    await {parent.cls}Service(self._session, self._clock).get_view(payload["{fk}"])'
        )
    args = "".join(f', payload["{fk}"]' for fk, _p, _o in d.parents)
    _method(
        mod,
        [
            f'@timed("{d.snake}.create")',
            f"async def create(self, payload: {c}CreatePayload) -> int:",
            '    name = check_name(payload["name"])',
            *checks,
            f"    new_id = await {alias}.{fn}(self._session, name{args})",
            f"    await self._bus.publish({c}Created(at=self._clock.now(), "
            f"{d.snake}_id=new_id, name=name))",
            f'    logger.info("{d.snake} %s created", new_id)',
            "    return new_id",
        ],
    )
    return Method("create", [("payload", f"{c}CreatePayload", None)], "int")


def _wrappers(mod: Module, d: Domain, rng: random.Random, skip: str | None) -> list[Method]:
    """Service methods around (up to ten of) the model's own repository functions."""
    candidates = [
        (module_name, repo, fn, params)
        for module_name, repo in d.repos
        for fn, params in repo.functions
        if fn != skip
    ]
    chosen = sorted(rng.sample(range(len(candidates)), min(10, len(candidates))))
    taken = {"get_view", "list_views", "stats", "change_status", "create"}
    methods = []
    for index in chosen:
        module_name, repo, fn, params = candidates[index]
        name = fn if fn not in taken else f"{fn}_{index}"
        taken.add(name)
        alias = _repo_alias(mod, module_name)
        methods.append(_wrapper(mod, d, rng, name, f"{alias}.{fn}", params, _returns(repo, fn)))
    return methods


def _wrapper(
    mod: Module,
    d: Domain,
    rng: random.Random,
    name: str,
    target: str,
    params: list[tuple[str, str]],
    repo_returns: str,
) -> Method:
    """One service method around a repository function, shaped by its return type."""
    returns, body, imports, extra = _SHAPES.get(
        repo_returns, (repo_returns, ("return {call}",), (), ())
    )
    for module, *names in imports:
        mod.use(module, *names)
    all_params: list[tuple[str, str, str | None]] = [(p, t, None) for p, t in params]
    if extra:
        all_params.append((extra[0], extra[1], extra[2]))
    signature = "".join(
        f", {p}: {t}" + (f" = {default}" if default is not None else "")
        for p, t, default in all_params
    )
    call = f"await {target}(self._session{''.join(f', {p}' for p, _t in params)})"
    keys = [p for p, _t in params if p.endswith("_id")] or [p for p, _t in params]
    key = keys[0] if keys else f'"{name}"'
    lines = [f'@timed("{d.snake}.{name}")'] if rng.random() < 0.3 else []
    lines.append(f"async def {name}(self{signature}) -> {returns}:")
    lines += [f"    {line.format(call=call, entity=d.cls, key=key)}" for line in body]
    _method(mod, lines)
    return Method(name, all_params, returns)


def _request_arg(param: str, typ: str, default: str | None) -> str | None:
    """How a handler reads one service argument from the request (None: keep the default)."""
    if typ == "PageParams | None":
        return "PageParams.from_query(request.query)"
    if default is not None:
        return None
    return {
        "int": f'request.int_param("{param}")',
        "str": f'request.str_param("{param}")',
        "int | None": f'request.optional_int_param("{param}")',
        "bool": f'request.bool_param("{param}")',
    }.get(typ)


def handlers_module(d: Domain, methods: list[Method]) -> Module:
    """A router with one handler per service method, and ``setup`` for ``app.main``."""
    mod = Module(f"app.handlers.{d.snake}")
    c, key = d.cls, f"{d.snake}_id"
    mod.use("sqlalchemy.ext.asyncio", "AsyncSession")
    mod.use("app.core.clock", "SystemClock")
    mod.use("app.core.dependencies", "Dependencies")
    mod.use("app.core.exceptions", "AppError")
    mod.use("app.core.http", "Request", "Response", "Router", "error_response", "ok")
    mod.use("app.enums." + d.snake, "parse_status")
    mod.use(f"app.events.{d.snake}", f"{d.snake}_bus", "register_handlers")
    mod.use("app.utils.jsonutil", "to_json")
    mod.use("app.utils.pagination", "PageParams")
    mod.use(f"app.services.{d.snake}", f"{c}Service")
    mod.emit([f'router = Router(prefix="/{d.plural}", tags=("{d.plural}",))'])
    mod.emit(
        [
            f"def _service(session: AsyncSession) -> {c}Service:",
            f"    return {c}Service(session, SystemClock())",
        ]
    )
    _handler(
        mod,
        "get",
        "",
        f"list_{d.plural}",
        ["params = PageParams.from_query(request.query)"],
        "page = await _service(session).list_views(params)",
        'ok({"items": [to_json(view) for view in page.items], "total": page.total})',
    )
    _handler(
        mod,
        "put",
        f"/{{{key}}}/status",
        f"update_{d.snake}_status",
        [],
        f'view = await _service(session).change_status(request.int_param("{key}"), '
        'parse_status(request.str_param("status")))',
        "ok(to_json(view))",
    )
    for method in methods:
        _method_handler(mod, d, method)
    mod.emit(
        [
            "def setup(deps: Dependencies) -> Router:",
            f"    register_handlers({d.snake}_bus, deps.audit, deps.notifier)",
            "    return router",
        ]
    )
    return mod


def _handler(
    mod: Module, verb: str, path: str, name: str, before: list[str], call: str, reply: str
) -> None:
    """A handler: ``call`` the service, an ``AppError`` becomes the error response."""
    mod.emit(
        [
            f'@router.{verb}("{path}")',
            f"async def {name}(request: Request, session: AsyncSession) -> Response:",
            *(f"    {line}" for line in before),
            "    try:",
            f"        {call}",
            "    except AppError as error:",
            "        return error_response(error)",
            f"    return {reply}",
        ]
    )


def _method_handler(mod: Module, d: Domain, method: Method) -> None:
    """The handler of one service method: arguments from the path, query or body."""
    if method.name == "get_view":
        key = f"{d.snake}_id"
        call = f'view = await _service(session).get_view(request.int_param("{key}"))'
        _handler(mod, "get", f"/{{{key}}}", f"read_{d.snake}", [], call, "ok(to_json(view))")
        return
    if method.name == "create":
        mod.use("app.core.http", "created")
        mod.use(f"app.schemas.{d.snake}", "parse_create")
        _handler(
            mod,
            "post",
            "",
            f"create_{d.snake}",
            [],
            "new_id = await _service(session).create(parse_create(request.body))",
            'created({"id": new_id})',
        )
        return
    args = [_request_arg(p, t, default) for p, t, default in method.params]
    call = f"await _service(session).{method.name}({', '.join(a for a in args if a)})"
    verb = "get"
    if method.name.startswith("delete_"):
        verb = "delete"
    elif method.name.startswith(("rename_", "create_")):
        verb = "post"
    path = "/" + method.name.replace("_", "-")
    if method.returns == "None":
        mod.use("app.core.http", "no_content")
        _handler(mod, verb, path, f"handle_{method.name}", [], call, "no_content()")
    else:
        _handler(
            mod, verb, path, f"handle_{method.name}", [], f"result = {call}", "ok(to_json(result))"
        )


def tasks_module(d: Domain, methods: list[Method]) -> Module:
    """Jobs that open their own sessions, retry, and fan out with bounded concurrency."""
    mod = Module(f"app.tasks.{d.snake}")
    c, p = d.cls, d.plural
    mod.use("collections.abc", "Sequence")
    mod.use("app.core.clock", "SystemClock")
    mod.use("app.core.exceptions", "AppError")
    mod.use("app.core.log", "get_logger")
    mod.use("app.core.protocols", "Notifier")
    mod.use("app.db", "SessionLocal")
    mod.use("app.integrations.search_index", "INDEX")
    mod.use("app.schemas." + d.snake, f"{c}Stats", f"{c}View")
    mod.use(f"app.services.{d.snake}", f"{c}Service")
    mod.use("app.utils.aio", "gather_limited", "retry")
    mod.use("app.utils.pagination", "PageParams")
    mod.emit(["logger = get_logger(__name__)"])
    mod.emit(
        [
            f"async def refresh_{p}(ids: Sequence[int], concurrency: int = 4) -> int:",
            f'    """Re-read each {d.snake} in its own session; how many succeeded."""',
            "",
            "    async def refresh_one(item_id: int) -> bool:",
            "        async with SessionLocal() as session:",
            f"            service = {c}Service(session, SystemClock())",
            "            try:",
            "                await retry(lambda: service.get_view(item_id))",
            "            except AppError:",
            f'                logger.warning("refresh of {d.snake} %s failed", item_id)',
            "                return False",
            "            return True",
            "",
            "    results = await gather_limited((refresh_one(i) for i in ids), limit=concurrency)",
            "    done = sum(results)",
            f'    logger.info("refreshed %d of %d {p}", done, len(ids))',
            "    return done",
            "",
            "",
            f"async def report_{p}(notifier: Notifier, pages: int = 3) -> {c}Stats:",
            f"    stats = {c}Stats()",
            "    async with SessionLocal() as session:",
            f"        service = {c}Service(session, SystemClock())",
            "        for number in range(1, pages + 1):",
            "            page = await service.list_views(PageParams(number, 100))",
            "            for view in page.items:",
            "                stats.add(view)",
            "            if not page.has_next:",
            "                break",
            f'    summary = f"{p}: {{stats.total}} rows, mean score {{stats.mean_score:.2f}}"',
            '    await notifier.notify("reports", summary)',
            "    return stats",
            "",
            "",
            f"async def index_{p}(views: Sequence[{c}View]) -> int:",
            f'    return INDEX.index_many("{p}", ((view.id, view.name) for view in views))',
        ]
    )
    _batch_job(mod, d, methods)
    return mod


def _batch_job(mod: Module, d: Domain, methods: list[Method]) -> None:
    """A job over many ids through a method that takes one id, if the service has one."""
    single = [
        m
        for m in methods
        if m.name != "get_view" and [(t, df) for _p, t, df in m.params] == [("int", None)]
    ]
    if not single:
        return
    method = single[0]
    mod.use("app.utils.aio", "AsyncBatcher")
    mod.use("app.utils.iterables", "chunked")
    mod.emit(
        [
            "async def _log_batch(ids: list[int]) -> None:",
            f'    logger.info("{method.name}: %d done", len(ids))',
            "",
            "",
            f"async def {method.name}_for_all(ids: Sequence[int], chunk: int = 50) -> int:",
            "    batcher: AsyncBatcher[int] = AsyncBatcher(_log_batch, size=chunk)",
            "    for part in chunked(ids, chunk):",
            "        async with SessionLocal() as session:",
            f"            service = {d.cls}Service(session, SystemClock())",
            "            for item_id in part:",
            f"                await service.{method.name}(item_id)",
            "                await batcher.add(item_id)",
            "    await batcher.flush()",
            "    return batcher.flushed",
        ]
    )


def main_module(domains: list[Domain]) -> Module:
    """``app.main``: every domain's router mounted under /api."""
    mod = Module("app.main")
    mod.use("app.core.dependencies", "Dependencies", "get_dependencies")
    mod.use("app.core.http", "Router")
    mod.use("app.core.log", "configure")
    mod.use("app.handlers", *(d.snake for d in domains))
    mod.emit(["SETUPS = ("] + [f"    {d.snake}.setup," for d in domains] + [")"])
    mod.emit(
        [
            "def build_router(deps: Dependencies | None = None) -> Router:",
            "    deps = deps if deps is not None else get_dependencies()",
            '    root = Router(prefix="/api")',
            "    for setup in SETUPS:",
            "        root.include(setup(deps))",
            "    return root",
            "",
            "",
            "def create_app() -> Router:",
            '    configure("DEBUG" if get_dependencies().settings.debug else "INFO")',
            "    return build_router()",
        ]
    )
    return mod


def worker_module(domains: list[Domain]) -> Module:
    """``app.worker``: every domain's refresh job, by name."""
    mod = Module("app.worker")
    mod.use("collections.abc", "Awaitable", "Callable", "Sequence")
    mod.use("typing", "TypeAlias")
    mod.use("app.core.exceptions", "NotFoundError")
    mod.use("app.tasks", *(d.snake for d in domains))
    mod.emit(["Job: TypeAlias = Callable[[Sequence[int]], Awaitable[int]]"])
    mod.emit(
        ["JOBS: dict[str, Job] = {"]
        + [f'    "{d.snake}.refresh": {d.snake}.refresh_{d.plural},' for d in domains]
        + ["}"]
    )
    mod.emit(
        [
            "async def run_job(name: str, ids: Sequence[int]) -> int:",
            "    job = JOBS.get(name)",
            "    if job is None:",
            '        raise NotFoundError("job", name)',
            "    return await job(ids)",
        ]
    )
    return mod
