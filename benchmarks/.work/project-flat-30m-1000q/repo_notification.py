"""Queries around Notification."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Address,
    AuditEntry,
    Invoice,
    InvoiceLine,
    Milestone,
    Notification,
    Organization,
    Product,
    Project,
    Tag,
    Webhook,
)


async def count_notifications_by_order_id(session: AsyncSession, order_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Notification).where(Notification.order_id == order_id)
    )
    return total or 0


async def delete_notification(session: AsyncSession, notification_id: int) -> bool:
    item = await session.get(Notification, notification_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def rename_invoice(session: AsyncSession, invoice_id: int, name: str) -> bool:
    item = await session.get(Invoice, invoice_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def create_invoice(session: AsyncSession, name: str, tag_id: int, sprint_id: int) -> int:
    item = Invoice(name=name, tag_id=tag_id, sprint_id=sprint_id, products=[])
    session.add(item)
    await session.flush()
    assert not item.products  # set by the constructor: no IO
    return item.id


def serialize_notification_roles(item: Notification) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "roles": [x.id for x in item.roles]}


async def get_notification_roles_serialized(session: AsyncSession, notification_id: int) -> dict[str, object] | None:
    item = await session.get(Notification, notification_id, options=[selectinload(Notification.roles)])
    return serialize_notification_roles(item) if item is not None else None


async def list_notifications_with_roles(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Notification).options(selectinload(Notification.roles)).order_by(Notification.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "roles": len(row.roles)} for row in rows]


async def get_notification_with_order(session: AsyncSession, notification_id: int) -> object:
    item = await session.get(Notification, notification_id, options=[selectinload(Notification.order)])
    if item is None:
        return None
    return item.order.id


async def load_product_webhooks_attachments(session: AsyncSession, product_id: int) -> dict[int, object]:
    stmt = (
        select(Product)
        .where(Product.id == product_id)
        .options(selectinload(Product.webhooks).selectinload(Webhook.attachments))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.attachments] for child in item.webhooks}


async def create_notification(session: AsyncSession, name: str, order_id: int) -> int:
    item = Notification(name=name, order_id=order_id, roles=[])
    session.add(item)
    await session.flush()
    assert not item.roles  # set by the constructor: no IO
    return item.id


async def scan_tags_folders(session: AsyncSession, limit: int = 100) -> int:
    # Tag.folders is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Tag).limit(limit))).all()
    return sum(len(row.folders) for row in rows)


async def load_product_audit_entries_product(session: AsyncSession, product_id: int) -> dict[int, object]:
    stmt = (
        select(Product)
        .where(Product.id == product_id)
        .options(selectinload(Product.audit_entries).joinedload(AuditEntry.product))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.product.id for child in item.audit_entries}


async def rename_invoice_line(session: AsyncSession, invoice_line_id: int, name: str) -> bool:
    item = await session.get(InvoiceLine, invoice_line_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def find_invoice_sprint_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Invoice).where(Invoice.name == name).options(joinedload(Invoice.sprint))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.sprint.name


async def find_project_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Project).where(Project.name == name).options(joinedload(Project.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def get_notification_with_roles(session: AsyncSession, notification_id: int) -> object:
    item = await session.get(Notification, notification_id, options=[selectinload(Notification.roles)])
    if item is None:
        return None
    return [x.id for x in item.roles]


async def list_notifications_joined_roles(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Notification).where(Notification.is_active == active).options(joinedload(Notification.roles))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.roles) for row in rows}


def notification_roles_count(item: Loaded[Notification, Literal["roles"]]) -> int:
    return len(item.roles)


async def get_notification_roles_count(session: AsyncSession, notification_id: int) -> int:
    stmt = select(Notification).where(Notification.id == notification_id).options(selectinload(Notification.roles))
    item = (await session.execute(stmt)).scalar_one()
    return notification_roles_count(item)


async def load_address_organizations_tasks(session: AsyncSession, address_id: int) -> dict[int, object]:
    stmt = (
        select(Address)
        .where(Address.id == address_id)
        .options(selectinload(Address.organizations).selectinload(Organization.tasks))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.tasks] for child in item.organizations}


async def list_notifications_with_roles_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Notification).options(selectinload(Notification.roles)).order_by(Notification.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "roles": len(row.roles)} for row in rows]


async def delete_notification_v2(session: AsyncSession, notification_id: int) -> bool:
    item = await session.get(Notification, notification_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def scan_products_webhooks(session: AsyncSession, limit: int = 100) -> int:
    # Product.webhooks is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Product).limit(limit))).all()
    return sum(len(row.webhooks) for row in rows)


async def list_notifications_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Notification.roles), joinedload(Notification.order)]
    stmt = select(Notification).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.roles) + row.order.id for row in rows]


async def get_milestone_with_categories(session: AsyncSession, milestone_id: int) -> object:
    item = await session.get(Milestone, milestone_id, options=[selectinload(Milestone.categories)])
    if item is None:
        return None
    return [x.id for x in item.categories]


async def notification_order_on_demand(session: AsyncSession, notification_id: int) -> list[int]:
    item = await session.get(Notification, notification_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.order
    return [related.id]


async def stream_notifications_roles(session: AsyncSession) -> list[int]:
    stmt = select(Notification).options(selectinload(Notification.roles))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.roles))
    return out
