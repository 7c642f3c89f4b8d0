"""Queries around Attachment."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import Attachment, Comment, Notification, Product, Project, Sprint, Team, User


async def find_product_invoice_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Product).where(Product.name == name).options(joinedload(Product.invoice))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.invoice.name if item.invoice is not None else None


async def get_attachment_with_team(session: AsyncSession, attachment_id: int) -> object:
    item = await session.get(Attachment, attachment_id, options=[selectinload(Attachment.team)])
    if item is None:
        return None
    return item.team.id


async def find_attachment_team_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Attachment).where(Attachment.name == name).options(joinedload(Attachment.team))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.team.name


async def list_projects_with_orders(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Project).options(selectinload(Project.orders)).order_by(Project.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "orders": len(row.orders)} for row in rows]


async def rename_attachment(session: AsyncSession, attachment_id: int, name: str) -> bool:
    item = await session.get(Attachment, attachment_id)
    if item is None:
        return False
    item.name = name
    item.is_active = True
    await session.commit()
    return True


async def get_attachment_with_user(session: AsyncSession, attachment_id: int) -> object:
    item = await session.get(Attachment, attachment_id, options=[selectinload(Attachment.user)])
    if item is None:
        return None
    return item.user.id


async def count_attachments_by_team_id(session: AsyncSession, team_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Attachment).where(Attachment.team_id == team_id)
    )
    return total or 0


async def get_attachment_with_user_v2(session: AsyncSession, attachment_id: int) -> object:
    item = await session.get(Attachment, attachment_id, options=[selectinload(Attachment.user)])
    if item is None:
        return None
    return item.user.id


async def reload_attachment_invoice_lines(session: AsyncSession, item: Attachment) -> int:
    await session.refresh(item, ["invoice_lines"])
    return len(item.invoice_lines)


async def delete_attachment(session: AsyncSession, attachment_id: int) -> bool:
    item = await session.get(Attachment, attachment_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def list_users_with_attachments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(User).options(selectinload(User.attachments)).order_by(User.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "attachments": len(row.attachments)} for row in rows]


async def rename_attachment_v2(session: AsyncSession, attachment_id: int, name: str) -> bool:
    item = await session.get(Attachment, attachment_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def list_attachments_with_webhooks(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Attachment).options(selectinload(Attachment.webhooks)).order_by(Attachment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "webhooks": len(row.webhooks)} for row in rows]


async def list_attachments_in_team(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Attachment)
        .join(Attachment.team)
        .where(Team.name == parent_name)
        .options(contains_eager(Attachment.team))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.team.name for row in rows]


async def list_attachments_with_invoice_lines(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Attachment).options(selectinload(Attachment.invoice_lines)).order_by(Attachment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoice_lines": len(row.invoice_lines)} for row in rows]


async def list_attachments_with_webhooks_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Attachment).options(selectinload(Attachment.webhooks)).order_by(Attachment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "webhooks": len(row.webhooks)} for row in rows]


async def attachment_ids_having_invoice_lines(session: AsyncSession) -> list[int]:
    stmt = select(Attachment.id).where(Attachment.invoice_lines.any())
    return list((await session.scalars(stmt)).all())


async def list_attachment_team_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Attachment, Team).join(Attachment.team).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def list_notifications_with_roles(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Notification).options(selectinload(Notification.roles)).order_by(Notification.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "roles": len(row.roles)} for row in rows]


async def stream_sprints_invoices(session: AsyncSession) -> list[int]:
    stmt = select(Sprint).options(selectinload(Sprint.invoices))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.invoices))
    return out


async def count_attachments_by_user_id(session: AsyncSession, user_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Attachment).where(Attachment.user_id == user_id)
    )
    return total or 0


async def find_attachment_user_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Attachment).where(Attachment.name == name).options(joinedload(Attachment.user))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.user.name


async def scan_comments_products(session: AsyncSession, limit: int = 100) -> int:
    # Comment.products is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Comment).limit(limit))).all()
    return sum(len(row.products) for row in rows)


async def create_attachment(session: AsyncSession, name: str, user_id: int, team_id: int) -> int:
    item = Attachment(name=name, user_id=user_id, team_id=team_id, invoice_lines=[])
    session.add(item)
    await session.flush()
    assert not item.invoice_lines  # set by the constructor: no IO
    return item.id


async def delete_attachment_v2(session: AsyncSession, attachment_id: int) -> bool:
    item = await session.get(Attachment, attachment_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True
