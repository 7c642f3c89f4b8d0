"""Queries around Attachment."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Attachment,
    Category,
    InvoiceLine,
    Order,
    Payment,
    Product,
    Shipment,
    Warehouse,
    Webhook,
)


async def list_payments_with_users(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Payment).options(selectinload(Payment.users)).order_by(Payment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "users": len(row.users)} for row in rows]


async def attachment_weight(session: AsyncSession, attachment_id: int) -> int:
    item = await session.scalar(
        select(Attachment).where(Attachment.id == attachment_id).options(selectinload(Attachment.webhooks), selectinload(Attachment.invoice_lines))
    )
    if item is None:
        return 0
    return len([x.id for x in item.webhooks]) + len([x.id for x in item.invoice_lines])


async def load_attachment_invoice_lines_attachment(session: AsyncSession, attachment_id: int) -> dict[int, object]:
    stmt = (
        select(Attachment)
        .where(Attachment.id == attachment_id)
        .options(selectinload(Attachment.invoice_lines).selectinload(InvoiceLine.attachment))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.attachment.id for child in item.invoice_lines}


async def list_attachments_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Attachment.invoice_lines), joinedload(Attachment.team)]
    stmt = select(Attachment).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.invoice_lines) + row.team.id for row in rows]


async def count_attachments_by_team_id(session: AsyncSession, team_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Attachment).where(Attachment.team_id == team_id)
    )
    return total or 0


def serialize_attachment_invoice_lines(item: Attachment) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "invoice_lines": [x.id for x in item.invoice_lines]}


async def get_attachment_invoice_lines_serialized(session: AsyncSession, attachment_id: int) -> dict[str, object] | None:
    item = await session.get(Attachment, attachment_id, options=[selectinload(Attachment.invoice_lines)])
    return serialize_attachment_invoice_lines(item) if item is not None else None


async def rename_attachment(session: AsyncSession, attachment_id: int, name: str) -> bool:
    item = await session.get(Attachment, attachment_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def rename_attachment_v2(session: AsyncSession, attachment_id: int, name: str) -> bool:
    item = await session.get(Attachment, attachment_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def load_attachment_invoice_lines_tag(session: AsyncSession, attachment_id: int) -> dict[int, object]:
    stmt = (
        select(Attachment)
        .where(Attachment.id == attachment_id)
        .options(selectinload(Attachment.invoice_lines).selectinload(InvoiceLine.tag))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.tag.id for child in item.invoice_lines}


async def reload_webhook_attachments(session: AsyncSession, item: Webhook) -> int:
    await session.refresh(item, ["attachments"])
    return len(item.attachments)


async def count_invoice_lines_by_attachment_id(session: AsyncSession, attachment_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(InvoiceLine).where(InvoiceLine.attachment_id == attachment_id)
    )
    return total or 0


async def get_attachment_with_webhooks(session: AsyncSession, attachment_id: int) -> object:
    item = await session.get(Attachment, attachment_id, options=[selectinload(Attachment.webhooks)])
    if item is None:
        return None
    return [x.id for x in item.webhooks]


async def attachment_weight_v2(session: AsyncSession, attachment_id: int) -> int:
    item = await session.scalar(
        select(Attachment).where(Attachment.id == attachment_id).options(selectinload(Attachment.user), selectinload(Attachment.invoice_lines))
    )
    if item is None:
        return 0
    return item.user.id + len([x.id for x in item.invoice_lines])


async def rename_warehouse(session: AsyncSession, warehouse_id: int, name: str) -> bool:
    item = await session.get(Warehouse, warehouse_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def rename_attachment_v3(session: AsyncSession, attachment_id: int, name: str) -> bool:
    item = await session.get(Attachment, attachment_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def scan_orders_notifications(session: AsyncSession, limit: int = 100) -> int:
    # Order.notifications is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Order).limit(limit))).all()
    return sum(len(row.notifications) for row in rows)


async def list_products_with_audit_entries(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Product).options(selectinload(Product.audit_entries)).order_by(Product.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "audit_entries": len(row.audit_entries)} for row in rows]


async def count_attachments_by_team_id_v2(session: AsyncSession, team_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Attachment).where(Attachment.team_id == team_id)
    )
    return total or 0


async def list_attachments_eager_v2(session: AsyncSession) -> list[int]:
    opts = [selectinload(Attachment.invoice_lines), joinedload(Attachment.team)]
    stmt = select(Attachment).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.invoice_lines) + row.team.id for row in rows]


async def find_attachment_user_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Attachment).where(Attachment.name == name).options(joinedload(Attachment.user))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.user.name


async def list_attachments_with_webhooks(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Attachment).options(selectinload(Attachment.webhooks)).order_by(Attachment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "webhooks": len(row.webhooks)} for row in rows]


async def rename_attachment_v4(session: AsyncSession, attachment_id: int, name: str) -> bool:
    item = await session.get(Attachment, attachment_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def list_shipments_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Shipment.suppliers), joinedload(Shipment.user)]
    stmt = select(Shipment).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.suppliers) + row.user.id for row in rows]


async def load_payment_categories_organization(session: AsyncSession, payment_id: int) -> dict[int, object]:
    stmt = (
        select(Payment)
        .where(Payment.id == payment_id)
        .options(selectinload(Payment.categories).joinedload(Category.organization))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: (child.organization.id if child.organization is not None else 0) for child in item.categories}


async def attachment_invoice_lines_names(session: AsyncSession, attachment_id: int) -> list[str]:
    item = await session.get(Attachment, attachment_id)
    if item is None:
        return []
    return [x.name for x in item.invoice_lines]  # MISTAKE: not loaded
