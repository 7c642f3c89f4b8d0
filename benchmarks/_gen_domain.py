"""The per-model domain modules of the large project: enums, schemas, rules and events.

Used by ``generate_project.py --size large`` (through ``_gen_app.py``). None of this code
touches the database: it is what a large FastAPI backend has around its queries, written
type-correct for ``mypy --strict``. Each model gets a ``Domain`` (its status lifecycle,
extra payload fields, which optional rules it has), drawn from the app's own
``random.Random``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from _gen_models import Model, plural
from _gen_queries import Module


@dataclass(frozen=True)
class Lifecycle:
    """The statuses of a model and the transitions allowed between them."""

    statuses: tuple[str, ...]
    transitions: dict[str, tuple[str, ...]]

    @property
    def initial(self) -> str:
        return self.statuses[0]

    @property
    def terminal(self) -> tuple[str, ...]:
        return tuple(s for s in self.statuses if not self.transitions.get(s))


_LIFECYCLES = (
    Lifecycle(
        ("draft", "active", "archived"),
        {"draft": ("active", "archived"), "active": ("archived",)},
    ),
    Lifecycle(
        ("pending", "approved", "rejected", "cancelled"),
        {"pending": ("approved", "rejected", "cancelled"), "approved": ("cancelled",)},
    ),
    Lifecycle(
        ("new", "in_progress", "blocked", "done"),
        {"new": ("in_progress",), "in_progress": ("blocked", "done"), "blocked": ("in_progress",)},
    ),
    Lifecycle(
        ("open", "resolved", "closed"),
        {"open": ("resolved", "closed"), "resolved": ("open", "closed")},
    ),
    Lifecycle(
        ("created", "paid", "shipped", "delivered", "refunded"),
        {
            "created": ("paid",),
            "paid": ("shipped", "refunded"),
            "shipped": ("delivered",),
            "delivered": ("refunded",),
        },
    ),
    Lifecycle(
        ("invited", "active", "suspended", "removed"),
        {
            "invited": ("active", "removed"),
            "active": ("suspended", "removed"),
            "suspended": ("active", "removed"),
        },
    ),
)

# Extra fields of a create payload: name, type, validation helper, extra arguments.
_FIELDS = (
    ("quantity", "int", "require_int", ", minimum=0"),
    ("email", "str", "require_email", ""),
    ("reference", "str", "require_str", ", max_length=40"),
    ("amount_cents", "int", "require_int", ", minimum=0"),
    ("due_in_days", "int | None", "optional_int", ", minimum=0"),
    ("notify", "bool", "require_bool", ""),
    ("website", "str | None", "optional_str", ", max_length=200"),
    ("locale", "str", "require_choice", ', ("en", "fr", "de", "es")'),
)

# Rules a domain module may have besides the ones every domain has.
_OPTIONAL_RULES = ("decay", "escalate", "price", "classify", "ownership", "due_date", "rank")


@dataclass
class Domain:
    """What the generated layers know about one model."""

    model: Model
    lifecycle: Lifecycle
    fields: list[tuple[str, str, str, str]]
    priority: bool
    rules: list[str]
    parents: list[tuple[str, Model, bool]] = field(default_factory=list)  # fk, parent, optional
    repos: list[tuple[str, Module]] = field(default_factory=list)

    @property
    def cls(self) -> str:
        return self.model.cls

    @property
    def snake(self) -> str:
        return self.model.snake

    @property
    def plural(self) -> str:
        return plural(self.model.snake)


def make_domains(models: list[Model], rng: random.Random) -> list[Domain]:
    """One ``Domain`` per model; foreign keys become parents (the model graph's m2o)."""
    by_table = {m.table: m for m in models}
    domains = []
    for model in models:
        rules = [r for r in _OPTIONAL_RULES if rng.random() < 0.45]
        priority = rng.random() < 0.4
        if not priority and "escalate" in rules:
            rules.remove("escalate")
        domain = Domain(
            model,
            rng.choice(_LIFECYCLES),
            rng.sample(_FIELDS, rng.randint(0, 3)),
            priority,
            rules,
        )
        domain.parents = [(fk, by_table[table], opt) for fk, table, opt in model.fks]
        domains.append(domain)
    return domains


def _status(d: Domain, status: str) -> str:
    return f"{d.cls}Status.{status.upper()}"


def _frozenset(d: Domain, statuses: tuple[str, ...]) -> str:
    if not statuses:
        return "frozenset()"
    return "frozenset({" + ", ".join(_status(d, s) for s in statuses) + "})"


def enums_module(d: Domain) -> Module:
    """The status enum, its transitions and labels, a priority enum for some models."""
    mod = Module(f"app.enums.{d.snake}")
    mod.use("enum", "Enum")
    mod.use("app.core.exceptions", "ValidationError")
    life = d.lifecycle
    mod.emit(
        [f"class {d.cls}Status(str, Enum):"] + [f'    {s.upper()} = "{s}"' for s in life.statuses]
    )
    if d.priority:
        mod.use("enum", "IntEnum")
        members = ["LOW = 1", "NORMAL = 2", "HIGH = 3", "URGENT = 4"]
        mod.emit([f"class {d.cls}Priority(IntEnum):"] + [f"    {m}" for m in members])
    mod.emit(
        [f"TRANSITIONS: dict[{d.cls}Status, frozenset[{d.cls}Status]] = {{"]
        + [
            f"    {_status(d, s)}: {_frozenset(d, life.transitions.get(s, ()))},"
            for s in life.statuses
        ]
        + ["}"]
    )
    mod.emit(
        [
            f"INITIAL_STATUS = {_status(d, life.initial)}",
            f"TERMINAL_STATUSES = {_frozenset(d, life.terminal)}",
            f"LABELS: dict[{d.cls}Status, str] = {{",
            *(f'    {_status(d, s)}: "{s.replace("_", " ").title()}",' for s in life.statuses),
            "}",
        ]
    )
    mod.emit(
        [
            f"def parse_status(raw: str) -> {d.cls}Status:",
            "    try:",
            f"        return {d.cls}Status(raw.strip().lower())",
            "    except ValueError as error:",
            f'        choices = ", ".join(status.value for status in {d.cls}Status)',
            '        message = f"must be one of {choices}"',
            '        raise ValidationError.single("status", message) from error',
            "",
            "",
            f"def label(status: {d.cls}Status) -> str:",
            "    return LABELS[status]",
        ]
    )
    return mod


def schemas_module(d: Domain) -> Module:
    """TypedDict payloads in, frozen dataclass views out, and the payload parsers."""
    mod = Module(f"app.schemas.{d.snake}")
    mod.use("collections.abc", "Mapping")
    mod.use("dataclasses", "dataclass", "field")
    mod.use("datetime", "datetime")
    mod.use("typing", "TypedDict")
    mod.use(f"app.enums.{d.snake}", f"{d.cls}Status", "TERMINAL_STATUSES", "parse_status")
    mod.use("app.utils.validation", "Errors", "optional_str", "require_str")
    _payloads(mod, d)
    _view(mod, d)
    _stats(mod, d)
    _parse_create(mod, d)
    _parse_update(mod, d)
    return mod


def _payloads(mod: Module, d: Domain) -> None:
    fks = [f"    {fk}: {'int | None' if opt else 'int'}" for fk, _p, opt in d.parents]
    extra = [f"    {name}: {typ}" for name, typ, _h, _a in d.fields]
    mod.emit(
        [
            f"class {d.cls}CreatePayload(TypedDict):",
            "    name: str",
            "    description: str | None",
            *fks,
            *extra,
        ]
    )
    mod.emit(
        [
            f"class {d.cls}UpdatePayload(TypedDict, total=False):",
            "    name: str",
            "    description: str | None",
            f"    status: {d.cls}Status",
        ]
    )


def _view(mod: Module, d: Domain) -> None:
    priority = []
    if d.priority:
        mod.use(f"app.enums.{d.snake}", f"{d.cls}Priority")
        priority = [f"    priority: {d.cls}Priority = {d.cls}Priority.NORMAL"]
    mod.emit(
        [
            "@dataclass(frozen=True)",
            f"class {d.cls}View:",
            "    id: int",
            "    name: str",
            f"    status: {d.cls}Status",
            "    score: float = 0.0",
            "    description: str | None = None",
            "    created_at: datetime | None = None",
            *priority,
            "",
            "    @property",
            "    def display_name(self) -> str:",
            '        return f"{self.name} (#{self.id})"',
            "",
            "    @property",
            "    def is_closed(self) -> bool:",
            "        return self.status in TERMINAL_STATUSES",
        ]
    )


def _stats(mod: Module, d: Domain) -> None:
    mod.emit(
        [
            "@dataclass",
            f"class {d.cls}Stats:",
            "    total: int = 0",
            f"    by_status: dict[{d.cls}Status, int] = field(default_factory=dict)",
            "    score_sum: float = 0.0",
            "",
            f"    def add(self, view: {d.cls}View) -> None:",
            "        self.total += 1",
            "        self.by_status[view.status] = self.by_status.get(view.status, 0) + 1",
            "        self.score_sum += view.score",
            "",
            f"    def share(self, status: {d.cls}Status) -> float:",
            "        return self.by_status.get(status, 0) / self.total if self.total else 0.0",
            "",
            "    @property",
            "    def mean_score(self) -> float:",
            "        return self.score_sum / self.total if self.total else 0.0",
        ]
    )


def _parse_create(mod: Module, d: Domain) -> None:
    entries = [
        '        "name": require_str(data, "name", errors, max_length=120),',
        '        "description": optional_str(data, "description", errors),',
    ]
    for fk, _parent, optional in d.parents:
        helper = "optional_int" if optional else "require_int"
        mod.use("app.utils.validation", helper)
        entries.append(f'        "{fk}": {helper}(data, "{fk}", errors, minimum=1),')
    for name, _typ, helper, args in d.fields:
        mod.use("app.utils.validation", helper)
        entries.append(f'        "{name}": {helper}(data, "{name}", errors{args}),')
    mod.emit(
        [
            f"def parse_create(data: Mapping[str, object]) -> {d.cls}CreatePayload:",
            "    errors = Errors()",
            f"    payload: {d.cls}CreatePayload = {{",
            *entries,
            "    }",
            "    errors.raise_if_any()",
            "    return payload",
        ]
    )


def _parse_update(mod: Module, d: Domain) -> None:
    mod.emit(
        [
            f"def parse_update(data: Mapping[str, object]) -> {d.cls}UpdatePayload:",
            "    errors = Errors()",
            f"    payload: {d.cls}UpdatePayload = {{}}",
            '    if "name" in data:',
            '        payload["name"] = require_str(data, "name", errors, max_length=120)',
            '    if "description" in data:',
            '        payload["description"] = optional_str(data, "description", errors)',
            '    if "status" in data:',
            '        payload["status"] = parse_status(require_str(data, "status", errors))',
            "    errors.raise_if_any()",
            "    return payload",
        ]
    )


def rules_module(d: Domain, rng: random.Random) -> Module:
    """Pure business rules: transitions, names and summaries always; some optional ones."""
    mod = Module(f"app.domain.{d.snake}_rules")
    mod.use("collections.abc", "Iterable")
    mod.use("app.core.exceptions", "ConflictError")
    mod.use(f"app.enums.{d.snake}", f"{d.cls}Status", "TRANSITIONS")
    mod.use(f"app.schemas.{d.snake}", f"{d.cls}Stats", f"{d.cls}View")
    mod.use("app.utils.strings", "normalize_whitespace", "slugify")
    reserved = rng.sample(["admin", "root", "system", "null", "test", "default", "api"], 3)
    names = ", ".join(f'"{name}"' for name in sorted(reserved))
    mod.emit([f"RESERVED_NAMES = frozenset({{{names}}})"])
    mod.emit(
        [
            f"def can_transition(current: {d.cls}Status, target: {d.cls}Status) -> bool:",
            "    return target in TRANSITIONS.get(current, frozenset())",
            "",
            "",
            f"def next_status(current: {d.cls}Status, target: {d.cls}Status) -> {d.cls}Status:",
            "    if current is target:",
            "        return current",
            "    if not can_transition(current, target):",
            f'        message = f"{d.cls} cannot go from {{current.value}} to {{target.value}}"',
            "        raise ConflictError(message)",
            "    return target",
            "",
            "",
            "def check_name(name: str) -> str:",
            "    cleaned = normalize_whitespace(name)",
            "    if slugify(cleaned) in RESERVED_NAMES:",
            '        raise ConflictError(f"{cleaned!r} is a reserved name")',
            "    return cleaned",
            "",
            "",
            f"def summarize(views: Iterable[{d.cls}View]) -> {d.cls}Stats:",
            f"    stats = {d.cls}Stats()",
            "    for view in views:",
            "        stats.add(view)",
            "    return stats",
        ]
    )
    for rule in d.rules:
        _OPTIONAL_RULE_WRITERS[rule](mod, d, rng)
    return mod


def _decay(mod: Module, d: Domain, rng: random.Random) -> None:
    mod.use("datetime", "datetime")
    mod.use("math", "exp", "log")
    mod.emit([f"HALF_LIFE_DAYS = {rng.choice([7, 14, 30, 90])}.0"])
    mod.emit(
        [
            "def decayed_score(score: float, created_at: datetime, now: datetime) -> float:",
            "    age = max(0.0, (now - created_at).total_seconds() / 86400)",
            "    return round(score * exp(-log(2) * age / HALF_LIFE_DAYS), 4)",
        ]
    )


def _escalate(mod: Module, d: Domain, rng: random.Random) -> None:
    mod.use(f"app.enums.{d.snake}", f"{d.cls}Priority")
    mod.emit(
        [
            f"def escalate(priority: {d.cls}Priority, waiting_days: int) -> {d.cls}Priority:",
            f"    steps = max(0, waiting_days) // {rng.choice([2, 3, 5, 7])}",
            f"    return {d.cls}Priority(min(int({d.cls}Priority.URGENT), priority + steps))",
        ]
    )


def _price(mod: Module, d: Domain, rng: random.Random) -> None:
    mod.use("decimal", "Decimal")
    mod.use("app.core.exceptions", "ValidationError")
    mod.use("app.utils.money", "Money")
    mod.emit(
        [
            f'MAX_DISCOUNT = Decimal("0.{rng.choice([15, 25, 30, 50])}")',
        ]
    )
    mod.emit(
        [
            "def price(base: Money, quantity: int, discount: Decimal = Decimal(0)) -> Money:",
            "    if quantity <= 0:",
            '        raise ValidationError.single("quantity", "must be positive")',
            "    if not Decimal(0) <= discount <= MAX_DISCOUNT:",
            '        raise ValidationError.single("discount", f"at most {MAX_DISCOUNT}")',
            "    gross = base * quantity",
            "    return gross - gross * discount",
        ]
    )


def _classify(mod: Module, d: Domain, rng: random.Random) -> None:
    mod.use("dataclasses", "dataclass")
    low = rng.choice([0.2, 0.25, 0.3])
    mod.emit(
        [
            "@dataclass(frozen=True)",
            "class Thresholds:",
            f"    low: float = {low}",
            f"    high: float = {round(low + rng.choice([0.3, 0.4, 0.5]), 2)}",
            "",
            "",
            "def classify(score: float, thresholds: Thresholds | None = None) -> str:",
            "    limits = thresholds or Thresholds()",
            "    if score >= limits.high:",
            '        return "high"',
            '    return "medium" if score >= limits.low else "low"',
        ]
    )


def _ownership(mod: Module, d: Domain, rng: random.Random) -> None:
    mod.use("app.core.exceptions", "PermissionDeniedError")
    mod.use("app.core.security", "Principal")
    role = rng.choice(["editor", "manager", "owner", "staff"])
    mod.emit(
        [
            "def can_edit(principal: Principal, owner_id: int | None) -> bool:",
            f'    if principal.has_role("{role}"):',
            "        return True",
            "    return owner_id is not None and owner_id == principal.user_id",
            "",
            "",
            "def ensure_can_edit(principal: Principal, owner_id: int | None) -> None:",
            "    if not can_edit(principal, owner_id):",
            f'        raise PermissionDeniedError("this {d.snake} is not yours to edit")',
        ]
    )


def _due_date(mod: Module, d: Domain, rng: random.Random) -> None:
    mod.use("datetime", "date")
    mod.use("app.utils.dates", "add_business_days", "business_days_between")
    mod.emit(
        [
            f"def due_date(start: date, days: int = {rng.choice([3, 5, 10, 20])}) -> date:",
            "    return add_business_days(start, days)",
            "",
            "",
            "def is_overdue(start: date, today: date, allowed_days: int) -> bool:",
            "    return business_days_between(start, today) > allowed_days",
        ]
    )


def _rank(mod: Module, d: Domain, rng: random.Random) -> None:
    mod.use("collections.abc", "Sequence")
    mod.use("app.utils.text_search", "rank")
    mod.emit(
        [
            f"def search(query: str, views: Sequence[{d.cls}View], limit: int = 10) -> "
            f"list[{d.cls}View]:",
            "    scores = dict(rank(query, [(view.id, view.name) for view in views]))",
            "    ordered = sorted(views, key=lambda view: scores.get(view.id, 0.0), reverse=True)",
            "    return ordered[:limit]",
        ]
    )


_OPTIONAL_RULE_WRITERS = {
    "decay": _decay,
    "escalate": _escalate,
    "price": _price,
    "classify": _classify,
    "ownership": _ownership,
    "due_date": _due_date,
    "rank": _rank,
}


def events_module(d: Domain) -> Module:
    """Event dataclasses, their union, the domain's bus and its audit/notify handlers."""
    mod = Module(f"app.events.{d.snake}")
    mod.use("dataclasses", "dataclass")
    mod.use("typing", "TypeAlias")
    mod.use("app.core.events", "DomainEvent", "EventBus")
    mod.use("app.core.log", "get_logger")
    mod.use("app.core.protocols", "AuditSink", "Notifier")
    mod.use(f"app.enums.{d.snake}", f"{d.cls}Status", "TERMINAL_STATUSES", "label")
    c, key = d.cls, f"{d.snake}_id"
    mod.emit(["logger = get_logger(__name__)"])
    for name, fields in (
        ("Created", [f"{key}: int", "name: str"]),
        ("StatusChanged", [f"{key}: int", f"old: {c}Status", f"new: {c}Status"]),
        ("Deleted", [f"{key}: int"]),
    ):
        mod.emit(
            ["@dataclass(frozen=True)", f"class {c}{name}(DomainEvent):"]
            + [f"    {f}" for f in fields]
        )
    mod.emit(
        [
            f"{c}Event: TypeAlias = {c}Created | {c}StatusChanged | {c}Deleted",
            "",
            f"{d.snake}_bus: EventBus[{c}Event] = EventBus()",
        ]
    )
    mod.emit(
        [
            f"def describe(event: {c}Event) -> str:",
            f"    if isinstance(event, {c}Created):",
            f'        return f"{c} {{event.{key}}} created as {{event.name!r}}"',
            f"    if isinstance(event, {c}StatusChanged):",
            f'        return f"{c} {{event.{key}}}: {{label(event.old)}} -> {{label(event.new)}}"',
            f'    return f"{c} {{event.{key}}} deleted"',
            "",
            "",
            f"async def audit(event: {c}Event, sink: AuditSink) -> None:",
            f'    await sink.record(None, event.kind, f"{d.snake}:{{event.{key}}}")',
            "",
            "",
            f"async def notify(event: {c}Event, notifier: Notifier) -> None:",
            f"    if isinstance(event, {c}StatusChanged) and event.new in TERMINAL_STATUSES:",
            f'        await notifier.notify("{d.plural}", describe(event))',
            "",
            "",
            f"def register_handlers(bus: EventBus[{c}Event], sink: AuditSink, "
            "notifier: Notifier) -> None:",
            f"    async def on_event(event: {c}Event) -> None:",
            '        logger.debug("%s", describe(event))',
            "        await audit(event, sink)",
            "        await notify(event, notifier)",
            "",
            "    bus.subscribe(on_event)",
        ]
    )
    return mod
