"""Queries around Role."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Address,
    Attachment,
    Comment,
    Invoice,
    InvoiceLine,
    Milestone,
    Order,
    OrderLine,
    Product,
    Role,
    Shipment,
    Supplier,
    Tag,
    Task,
    Team,
    Warehouse,
    Webhook,
)


async def rename_role(session: AsyncSession, role_id: int, name: str) -> bool:
    item = await session.get(Role, role_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def find_product_invoice_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Product).where(Product.name == name).options(joinedload(Product.invoice))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.invoice.name if item.invoice is not None else None


async def list_tasks_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Task.comments), joinedload(Task.organization)]
    stmt = select(Task).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.comments) + row.organization.id for row in rows]


async def create_invoice_line(session: AsyncSession, name: str, tag_id: int, attachment_id: int) -> int:
    item = InvoiceLine(name=name, tag_id=tag_id, attachment_id=attachment_id)
    session.add(item)
    await session.flush()
    return item.id


async def list_tags_with_invoices(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Tag).options(selectinload(Tag.invoices)).order_by(Tag.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoices": len(row.invoices)} for row in rows]


async def role_notification_on_demand(session: AsyncSession, role_id: int) -> list[int]:
    item = await session.get(Role, role_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.notification
    return [related.id]


async def count_milestones_by_task_id(session: AsyncSession, task_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Milestone).where(Milestone.task_id == task_id)
    )
    return total or 0


async def load_shipment_suppliers_shipment(session: AsyncSession, shipment_id: int) -> dict[int, object]:
    stmt = (
        select(Shipment)
        .where(Shipment.id == shipment_id)
        .options(selectinload(Shipment.suppliers).joinedload(Supplier.shipment))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: (child.shipment.id if child.shipment is not None else 0) for child in item.suppliers}


async def rename_role_v2(session: AsyncSession, role_id: int, name: str) -> bool:
    item = await session.get(Role, role_id)
    if item is None:
        return False
    item.name = name
    item.is_active = True
    await session.commit()
    return True


async def load_order_line_addresses_order_line(session: AsyncSession, order_line_id: int) -> dict[int, object]:
    stmt = (
        select(OrderLine)
        .where(OrderLine.id == order_line_id)
        .options(selectinload(OrderLine.addresses).joinedload(Address.order_line))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.order_line.id for child in item.addresses}


def order_documents_count(item: Loaded[Order, Literal["documents"]]) -> int:
    return len(item.documents)


async def get_order_documents_count(session: AsyncSession, order_id: int) -> int:
    stmt = select(Order).where(Order.id == order_id).options(selectinload(Order.documents))
    item = (await session.execute(stmt)).scalar_one()
    return order_documents_count(item)


async def get_role_with_notification(session: AsyncSession, role_id: int) -> object:
    item = await session.get(Role, role_id, options=[selectinload(Role.notification)])
    if item is None:
        return None
    return item.notification.id


def serialize_comment_products(item: Comment) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "products": [x.id for x in item.products]}


async def get_comment_products_serialized(session: AsyncSession, comment_id: int) -> dict[str, object] | None:
    item = await session.get(Comment, comment_id, options=[selectinload(Comment.products)])
    return serialize_comment_products(item) if item is not None else None


async def count_roles_by_notification_id(session: AsyncSession, notification_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Role).where(Role.notification_id == notification_id)
    )
    return total or 0


async def delete_role(session: AsyncSession, role_id: int) -> bool:
    item = await session.get(Role, role_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def milestone_weight(session: AsyncSession, milestone_id: int) -> int:
    item = await session.scalar(
        select(Milestone).where(Milestone.id == milestone_id).options(selectinload(Milestone.order_lines), selectinload(Milestone.task))
    )
    if item is None:
        return 0
    return len([x.id for x in item.order_lines]) + (item.task.id if item.task is not None else 0)


async def get_role_with_notification_v2(session: AsyncSession, role_id: int) -> object:
    item = await session.get(Role, role_id, options=[selectinload(Role.notification)])
    if item is None:
        return None
    return item.notification.id


async def list_invoices_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Invoice.products), joinedload(Invoice.tag)]
    stmt = select(Invoice).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.products) + row.tag.id for row in rows]


async def list_orders_with_warehouses(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Order).options(selectinload(Order.warehouses)).order_by(Order.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "warehouses": len(row.warehouses)} for row in rows]


async def scan_milestones_categories(session: AsyncSession, limit: int = 100) -> int:
    # Milestone.categories is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Milestone).limit(limit))).all()
    return sum(len(row.categories) for row in rows)


async def list_addresses_with_organizations(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Address).options(selectinload(Address.organizations)).order_by(Address.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "organizations": len(row.organizations)} for row in rows]


def team_attachments_count(item: Loaded[Team, Literal["attachments"]]) -> int:
    return len(item.attachments)


async def get_team_attachments_count(session: AsyncSession, team_id: int) -> int:
    stmt = select(Team).where(Team.id == team_id).options(selectinload(Team.attachments))
    item = (await session.execute(stmt)).scalar_one()
    return team_attachments_count(item)


async def load_webhook_attachments_webhooks(session: AsyncSession, webhook_id: int) -> dict[int, object]:
    stmt = (
        select(Webhook)
        .where(Webhook.id == webhook_id)
        .options(selectinload(Webhook.attachments).selectinload(Attachment.webhooks))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.webhooks] for child in item.attachments}


async def list_warehouses_with_folders(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Warehouse).options(selectinload(Warehouse.folders)).order_by(Warehouse.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "folders": len(row.folders)} for row in rows]


async def get_role_with_notification_v3(session: AsyncSession, role_id: int) -> object:
    item = await session.get(Role, role_id, options=[selectinload(Role.notification)])
    if item is None:
        return None
    return item.notification.id
