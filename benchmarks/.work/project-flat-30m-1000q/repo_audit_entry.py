"""Queries around AuditEntry."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Address,
    AuditEntry,
    Comment,
    Document,
    OrderLine,
    Organization,
    Product,
    Sprint,
    Task,
    Team,
    User,
    Webhook,
)


async def create_audit_entry(session: AsyncSession, name: str, product_id: int) -> int:
    item = AuditEntry(name=name, product_id=product_id)
    session.add(item)
    await session.flush()
    return item.id


async def audit_entry_weight(session: AsyncSession, audit_entry_id: int) -> int:
    item = await session.scalar(
        select(AuditEntry).where(AuditEntry.id == audit_entry_id).options(selectinload(AuditEntry.product))
    )
    if item is None:
        return 0
    return item.product.id


async def delete_audit_entry(session: AsyncSession, audit_entry_id: int) -> bool:
    item = await session.get(AuditEntry, audit_entry_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def get_audit_entry_with_product(session: AsyncSession, audit_entry_id: int) -> object:
    item = await session.get(AuditEntry, audit_entry_id, options=[selectinload(AuditEntry.product)])
    if item is None:
        return None
    return item.product.id


async def audit_entry_product_on_demand(session: AsyncSession, audit_entry_id: int) -> list[int]:
    item = await session.get(AuditEntry, audit_entry_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.product
    return [related.id]


async def reload_sprint_invoices(session: AsyncSession, item: Sprint) -> int:
    await session.refresh(item, ["invoices"])
    return len(item.invoices)


async def get_audit_entry_with_product_v2(session: AsyncSession, audit_entry_id: int) -> object:
    item = await session.get(AuditEntry, audit_entry_id, options=[selectinload(AuditEntry.product)])
    if item is None:
        return None
    return item.product.id


async def order_line_ids_having_addresses(session: AsyncSession) -> list[int]:
    stmt = select(OrderLine.id).where(OrderLine.addresses.any())
    return list((await session.scalars(stmt)).all())


async def rename_audit_entry(session: AsyncSession, audit_entry_id: int, name: str) -> bool:
    item = await session.get(AuditEntry, audit_entry_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def rename_product(session: AsyncSession, product_id: int, name: str) -> bool:
    item = await session.get(Product, product_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def scan_comments_products(session: AsyncSession, limit: int = 100) -> int:
    # Comment.products is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Comment).limit(limit))).all()
    return sum(len(row.products) for row in rows)


async def get_audit_entry_with_product_v3(session: AsyncSession, audit_entry_id: int) -> object:
    item = await session.get(AuditEntry, audit_entry_id, options=[selectinload(AuditEntry.product)])
    if item is None:
        return None
    return item.product.id


async def find_audit_entry_product_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(AuditEntry).where(AuditEntry.name == name).options(joinedload(AuditEntry.product))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.product.name


async def create_audit_entry_v2(session: AsyncSession, name: str, product_id: int) -> int:
    item = AuditEntry(name=name, product_id=product_id)
    session.add(item)
    await session.flush()
    return item.id


async def list_team_organization_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Team, Organization).join(Team.organization).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def task_ids_having_milestones(session: AsyncSession) -> list[int]:
    stmt = select(Task.id).where(Task.milestones.any())
    return list((await session.scalars(stmt)).all())


async def audit_entry_product_on_demand_v2(session: AsyncSession, audit_entry_id: int) -> list[int]:
    item = await session.get(AuditEntry, audit_entry_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.product
    return [related.id]


def user_payments_count(item: Loaded[User, Literal["payments"]]) -> int:
    return len(item.payments)


async def get_user_payments_count(session: AsyncSession, user_id: int) -> int:
    stmt = select(User).where(User.id == user_id).options(selectinload(User.payments))
    item = (await session.execute(stmt)).scalar_one()
    return user_payments_count(item)


def serialize_address_organizations(item: Address) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "organizations": [x.id for x in item.organizations]}


async def get_address_organizations_serialized(session: AsyncSession, address_id: int) -> dict[str, object] | None:
    item = await session.get(Address, address_id, options=[selectinload(Address.organizations)])
    return serialize_address_organizations(item) if item is not None else None


async def create_audit_entry_v3(session: AsyncSession, name: str, product_id: int) -> int:
    item = AuditEntry(name=name, product_id=product_id)
    session.add(item)
    await session.flush()
    return item.id


async def list_documents_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Document.teams), joinedload(Document.order)]
    stmt = select(Document).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.teams) + row.order.id for row in rows]


async def list_tasks_joined_milestones(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Task).where(Task.is_active == active).options(joinedload(Task.milestones))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.milestones) for row in rows}


async def load_organization_webhooks_organization(session: AsyncSession, organization_id: int) -> dict[int, object]:
    stmt = (
        select(Organization)
        .where(Organization.id == organization_id)
        .options(selectinload(Organization.webhooks).joinedload(Webhook.organization))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.organization.id for child in item.webhooks}


async def get_audit_entry_with_product_v4(session: AsyncSession, audit_entry_id: int) -> object:
    item = await session.get(AuditEntry, audit_entry_id, options=[selectinload(AuditEntry.product)])
    if item is None:
        return None
    return item.product.id


async def tasks_customers_sizes(session: AsyncSession) -> dict[int, int]:
    rows = (await session.scalars(select(Task).order_by(Task.id))).all()
    return {row.id: len(row.customers) for row in rows}  # MISTAKE: not loaded
