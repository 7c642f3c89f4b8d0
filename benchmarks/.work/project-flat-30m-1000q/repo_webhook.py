"""Queries around Webhook."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import Attachment, Document, Folder, Milestone, Order, Permission, Task, Team, Webhook


async def count_tasks_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Task).where(Task.organization_id == organization_id)
    )
    return total or 0


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


async def list_teams_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Team.documents), joinedload(Team.organization)]
    stmt = select(Team).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.documents) + row.organization.id for row in rows]


async def list_webhooks_with_attachments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Webhook).options(selectinload(Webhook.attachments)).order_by(Webhook.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "attachments": len(row.attachments)} for row in rows]


async def count_webhooks_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Webhook).where(Webhook.organization_id == organization_id)
    )
    return total or 0


async def list_attachments_with_invoice_lines(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Attachment).options(selectinload(Attachment.invoice_lines)).order_by(Attachment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoice_lines": len(row.invoice_lines)} for row in rows]


async def list_webhooks_joined_attachments(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Webhook).where(Webhook.is_active == active).options(joinedload(Webhook.attachments))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.attachments) for row in rows}


async def find_webhook_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Webhook).where(Webhook.name == name).options(joinedload(Webhook.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def get_folder_with_tags(session: AsyncSession, folder_id: int) -> object:
    item = await session.get(Folder, folder_id, options=[selectinload(Folder.tags)])
    if item is None:
        return None
    return [x.id for x in item.tags]


async def get_permission_with_milestone(session: AsyncSession, permission_id: int) -> object:
    item = await session.get(Permission, permission_id, options=[selectinload(Permission.milestone)])
    if item is None:
        return None
    return (item.milestone.id if item.milestone is not None else 0)


async def webhook_organization_on_demand(session: AsyncSession, webhook_id: int) -> list[int]:
    item = await session.get(Webhook, webhook_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.organization
    return [related.id]


async def list_webhooks_joined_attachments_v2(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Webhook).where(Webhook.is_active == active).options(joinedload(Webhook.attachments))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.attachments) for row in rows}


async def list_document_order_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Document, Order).join(Document.order).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def webhook_ids_having_attachments(session: AsyncSession) -> list[int]:
    stmt = select(Webhook.id).where(Webhook.attachments.any())
    return list((await session.scalars(stmt)).all())


async def count_webhooks_by_product_id(session: AsyncSession, product_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Webhook).where(Webhook.product_id == product_id)
    )
    return total or 0


async def scan_milestones_categories(session: AsyncSession, limit: int = 100) -> int:
    # Milestone.categories is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Milestone).limit(limit))).all()
    return sum(len(row.categories) for row in rows)


async def find_webhook_product_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Webhook).where(Webhook.name == name).options(joinedload(Webhook.product))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.product.name


async def delete_webhook(session: AsyncSession, webhook_id: int) -> bool:
    item = await session.get(Webhook, webhook_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def webhook_weight(session: AsyncSession, webhook_id: int) -> int:
    item = await session.scalar(
        select(Webhook).where(Webhook.id == webhook_id).options(selectinload(Webhook.organization), selectinload(Webhook.attachments))
    )
    if item is None:
        return 0
    return item.organization.id + len([x.id for x in item.attachments])


async def webhook_product_on_demand(session: AsyncSession, webhook_id: int) -> list[int]:
    item = await session.get(Webhook, webhook_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.product
    return [related.id]


async def get_webhook_with_attachments(session: AsyncSession, webhook_id: int) -> object:
    item = await session.get(Webhook, webhook_id, options=[selectinload(Webhook.attachments)])
    if item is None:
        return None
    return [x.id for x in item.attachments]


def serialize_order_warehouses(item: Order) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "warehouses": [x.id for x in item.warehouses]}


async def get_order_warehouses_serialized(session: AsyncSession, order_id: int) -> dict[str, object] | None:
    item = await session.get(Order, order_id, options=[selectinload(Order.warehouses)])
    return serialize_order_warehouses(item) if item is not None else None


async def rename_milestone(session: AsyncSession, milestone_id: int, name: str) -> bool:
    item = await session.get(Milestone, milestone_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def webhook_weight_v2(session: AsyncSession, webhook_id: int) -> int:
    item = await session.scalar(
        select(Webhook).where(Webhook.id == webhook_id).options(selectinload(Webhook.product), selectinload(Webhook.organization))
    )
    if item is None:
        return 0
    return item.product.id + item.organization.id


async def load_webhook_attachments_team(session: AsyncSession, webhook_id: int) -> dict[int, object]:
    stmt = (
        select(Webhook)
        .where(Webhook.id == webhook_id)
        .options(selectinload(Webhook.attachments).selectinload(Attachment.team))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.team.id for child in item.attachments}
