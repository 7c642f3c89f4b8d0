"""The model graph of the generated project and the source of its model modules.

Used by ``generate_project.py``. Everything is drawn from one ``random.Random``, so a seed
gives the same graph every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

_NOUNS = (
    "Organization",
    "User",
    "Team",
    "Project",
    "Task",
    "Comment",
    "Tag",
    "Milestone",
    "Sprint",
    "Attachment",
    "Invoice",
    "InvoiceLine",
    "Product",
    "Category",
    "Order",
    "OrderLine",
    "Customer",
    "Address",
    "Payment",
    "Shipment",
    "Warehouse",
    "Supplier",
    "Review",
    "Notification",
    "AuditEntry",
    "Role",
    "Permission",
    "Document",
    "Folder",
    "Webhook",
    # Beyond the first 30 (the default project's models): a large application's.
    "Account",
    "Subscription",
    "Plan",
    "Coupon",
    "Discount",
    "Refund",
    "Ledger",
    "Transaction",
    "Budget",
    "Expense",
    "Receipt",
    "Contract",
    "Vendor",
    "Employee",
    "Department",
    "Position",
    "Shift",
    "Timesheet",
    "LeaveRequest",
    "Candidate",
    "Interview",
    "JobOffer",
    "Course",
    "Lesson",
    "Enrollment",
    "Quiz",
    "Certificate",
    "Ticket",
    "Incident",
    "Article",
    "Feedback",
    "Survey",
    "Campaign",
    "Lead",
    "Opportunity",
    "Deal",
    "Quote",
    "Forecast",
    "Asset",
    "License",
    "Device",
    "Location",
    "Region",
    "Store",
    "StockItem",
    "StockMove",
    "Carrier",
    "Delivery",
    "Pickup",
    "Claim",
    "InsurancePolicy",
    "Appointment",
    "Reservation",
    "Room",
    "Booking",
    "Venue",
    "Playlist",
    "Track",
    "Album",
    "Artist",
    "Channel",
    "Post",
    "Reaction",
    "Badge",
    "Reward",
    "Referral",
    "ApiKey",
    "Integration",
    "Report",
    "Dashboard",
)


@dataclass
class Rel:
    """A relationship attribute: ``kind`` is m2o (scalar), o2m or m2m (collections)."""

    name: str
    target: Model
    kind: str
    lazy: str = "select"
    optional: bool = False
    back: str = ""
    secondary: str = ""

    @property
    def is_list(self) -> bool:
        return self.kind != "m2o"


@dataclass(eq=False)
class Model:
    cls: str
    snake: str
    table: str
    rels: list[Rel] = field(default_factory=list)
    fks: list[tuple[str, str, bool]] = field(default_factory=list)  # column, table, optional

    def rel_names(self) -> set[str]:
        return {rel.name for rel in self.rels}

    def rels_of(self, *kinds: str, lazy: str | None = None) -> list[Rel]:
        return [r for r in self.rels if r.kind in kinds and (lazy is None or r.lazy == lazy)]


@dataclass
class Association:
    name: str
    left: Model
    right: Model


def snake_case(name: str) -> str:
    out = "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")
    return out


def plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken or candidate in _COLUMNS:
        candidate, n = f"{name}_{n}", n + 1
    return candidate


_COLUMNS = {"id", "name", "description", "is_active", "score", "created_at"}


def build_graph(count: int, rng: random.Random) -> tuple[list[Model], list[Association]]:
    """``count`` models: a forest of many-to-one links plus some many-to-many pairs."""
    models: list[Model] = []
    for index in range(count):
        base = _NOUNS[index % len(_NOUNS)]
        cls = base if index < len(_NOUNS) else f"{base}{index // len(_NOUNS) + 1}"
        snake = snake_case(cls)
        models.append(Model(cls, snake, plural(snake)))
    for index in range(1, count):
        child = models[index]
        n_parents = 1 if index < 3 else rng.choice((1, 1, 2))
        for parent_index in sorted(rng.sample(range(index), min(n_parents, index))):
            parent = models[parent_index]
            optional = rng.random() < 0.25
            m2o = _unique(parent.snake, child.rel_names())
            o2m = _unique(plural(child.snake), parent.rel_names())
            child.fks.append((f"{m2o}_id", parent.table, optional))
            lazy_m2o = "joined" if rng.random() < 0.1 else "select"
            lazy_o2m = "selectin" if rng.random() < 0.2 else "select"
            child.rels.append(Rel(m2o, parent, "m2o", lazy_m2o, optional, back=o2m))
            parent.rels.append(Rel(o2m, child, "o2m", lazy_o2m, back=m2o))
    associations: list[Association] = []
    pairs: set[tuple[int, int]] = set()
    while len(associations) < max(1, count // 4):
        a, b = sorted(rng.sample(range(count), 2))
        if (a, b) in pairs:
            continue
        pairs.add((a, b))
        left, right = models[a], models[b]
        table = f"{left.snake}_{right.snake}_links"
        associations.append(Association(table, left, right))
        left_name = _unique(plural(right.snake), left.rel_names())
        right_name = _unique(plural(left.snake), right.rel_names())
        lazy = "selectin" if rng.random() < 0.15 else "select"
        left.rels.append(Rel(left_name, right, "m2m", lazy, back=right_name, secondary=table))
        right.rels.append(Rel(right_name, left, "m2m", "select", back=left_name, secondary=table))
    return models, associations


def base_source() -> str:
    return '''"""The declarative base of every model."""

from datetime import datetime, timezone

from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase


class Base(AsyncAttrs, DeclarativeBase):
    pass


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
'''


def associations_source(associations: list[Association], base_module: str) -> str:
    lines = [
        '"""Association tables of the many-to-many relationships."""',
        "",
        "from sqlalchemy import Column, ForeignKey, Table",
        "",
        f"from {base_module} import Base",
        "",
    ]
    for assoc in associations:
        lines += [
            "",
            f"{assoc.name} = Table(",
            f'    "{assoc.name}",',
            "    Base.metadata,",
            f'    Column("{assoc.left.snake}_id", ForeignKey("{assoc.left.table}.id"), '
            "primary_key=True),",
            f'    Column("{assoc.right.snake}_id", ForeignKey("{assoc.right.table}.id"), '
            "primary_key=True),",
            ")",
        ]
    return "\n".join(lines) + "\n"


def model_source(
    model: Model, base_module: str, assoc_module: str, module_of: dict[str, str]
) -> str:
    """One model per module; related classes are imported under TYPE_CHECKING."""
    related = sorted({rel.target.cls for rel in model.rels} - {model.cls})
    secondaries = sorted({rel.secondary for rel in model.rels if rel.secondary})
    sa_names = ["String"] + (["ForeignKey"] if model.fks else [])
    orm_names = ["Mapped", "mapped_column"] + (["relationship"] if model.rels else [])
    lines = [
        f'"""The {model.cls} model."""',
        "",
        "from datetime import datetime",
        *(["from typing import TYPE_CHECKING"] if related else []),
        "",
        f"from sqlalchemy import {', '.join(sorted(sa_names))}",
        f"from sqlalchemy.orm import {', '.join(orm_names)}",
        "",
        *([f"from {assoc_module} import {', '.join(secondaries)}"] if secondaries else []),
        f"from {base_module} import Base, utcnow",
    ]
    if related:
        lines += ["", "if TYPE_CHECKING:"]
        lines += [f"    from {module_of[name]} import {name}" for name in related]
    lines += [
        "",
        "",
        f"class {model.cls}(Base):",
        f'    __tablename__ = "{model.table}"',
        "",
        "    id: Mapped[int] = mapped_column(primary_key=True)",
        "    name: Mapped[str] = mapped_column(String(120), index=True)",
        "    description: Mapped[str | None] = mapped_column(default=None)",
        "    is_active: Mapped[bool] = mapped_column(default=True)",
        "    score: Mapped[float] = mapped_column(default=0.0)",
        "    created_at: Mapped[datetime] = mapped_column(default=utcnow)",
    ]
    for column, table, optional in model.fks:
        typ = "int | None" if optional else "int"
        lines.append(f'    {column}: Mapped[{typ}] = mapped_column(ForeignKey("{table}.id"))')
    if model.rels:
        lines.append("")
    for rel in model.rels:
        target = f'"{rel.target.cls}"'
        if rel.kind == "m2o":
            annotation = f'"{rel.target.cls} | None"' if rel.optional else target
        else:
            annotation = f"list[{target}]"
        args = [f'back_populates="{rel.back}"']
        if rel.secondary:
            args.insert(0, f"secondary={rel.secondary}")
        if rel.lazy != "select":
            args.append(f'lazy="{rel.lazy}"')
        lines.append(f"    {rel.name}: Mapped[{annotation}] = relationship({', '.join(args)})")
    return "\n".join(lines) + "\n"
