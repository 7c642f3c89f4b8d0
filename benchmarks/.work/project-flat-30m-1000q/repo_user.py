"""Queries around User."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import Address, Attachment, Document, Milestone, OrderLine, Team, User


async def find_user_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(User).where(User.name == name).options(joinedload(User.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def get_attachment_with_invoice_lines(session: AsyncSession, attachment_id: int) -> object:
    item = await session.get(Attachment, attachment_id, options=[selectinload(Attachment.invoice_lines)])
    if item is None:
        return None
    return [x.id for x in item.invoice_lines]


async def scan_users_shipments(session: AsyncSession, limit: int = 100) -> int:
    # User.shipments is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(User).limit(limit))).all()
    return sum(len(row.shipments) for row in rows)


async def get_user_with_payments(session: AsyncSession, user_id: int) -> object:
    item = await session.get(User, user_id, options=[selectinload(User.payments)])
    if item is None:
        return None
    return [x.id for x in item.payments]


async def list_users_with_payments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(User).options(selectinload(User.payments)).order_by(User.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "payments": len(row.payments)} for row in rows]


def document_teams_count(item: Loaded[Document, Literal["teams"]]) -> int:
    return len(item.teams)


async def get_document_teams_count(session: AsyncSession, document_id: int) -> int:
    stmt = select(Document).where(Document.id == document_id).options(selectinload(Document.teams))
    item = (await session.execute(stmt)).scalar_one()
    return document_teams_count(item)


async def rename_user(session: AsyncSession, user_id: int, name: str) -> bool:
    item = await session.get(User, user_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def load_user_attachments_invoice_lines(session: AsyncSession, user_id: int) -> dict[int, object]:
    stmt = (
        select(User)
        .where(User.id == user_id)
        .options(selectinload(User.attachments).selectinload(Attachment.invoice_lines))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.invoice_lines] for child in item.attachments}


async def get_team_with_attachments(session: AsyncSession, team_id: int) -> object:
    item = await session.get(Team, team_id, options=[selectinload(Team.attachments)])
    if item is None:
        return None
    return [x.id for x in item.attachments]


async def list_users_joined_shipments(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(User).where(User.is_active == active).options(joinedload(User.shipments))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.shipments) for row in rows}


async def get_user_with_shipments(session: AsyncSession, user_id: int) -> object:
    item = await session.get(User, user_id, options=[selectinload(User.shipments)])
    if item is None:
        return None
    return [x.id for x in item.shipments]


async def find_user_organization_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(User).where(User.name == name).options(joinedload(User.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def find_user_organization_name_v3(session: AsyncSession, name: str) -> str | None:
    stmt = select(User).where(User.name == name).options(joinedload(User.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def scan_users_shipments_v2(session: AsyncSession, limit: int = 100) -> int:
    # User.shipments is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(User).limit(limit))).all()
    return sum(len(row.shipments) for row in rows)


async def reload_user_attachments(session: AsyncSession, item: User) -> int:
    await session.refresh(item, ["attachments"])
    return len(item.attachments)


async def load_order_line_addresses_category(session: AsyncSession, order_line_id: int) -> dict[int, object]:
    stmt = (
        select(OrderLine)
        .where(OrderLine.id == order_line_id)
        .options(selectinload(OrderLine.addresses).selectinload(Address.category))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.category.id for child in item.addresses}


async def count_teams_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Team).where(Team.organization_id == organization_id)
    )
    return total or 0


async def list_users_with_attachments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(User).options(selectinload(User.attachments)).order_by(User.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "attachments": len(row.attachments)} for row in rows]


async def list_users_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(User.attachments), joinedload(User.organization)]
    stmt = select(User).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.attachments) + row.organization.id for row in rows]


async def list_users_with_payments_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(User).options(selectinload(User.payments)).order_by(User.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "payments": len(row.payments)} for row in rows]


async def stream_users_shipments(session: AsyncSession) -> list[int]:
    stmt = select(User).options(selectinload(User.shipments))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.shipments))
    return out


async def list_users_eager_v2(session: AsyncSession) -> list[int]:
    opts = [selectinload(User.payments), joinedload(User.organization)]
    stmt = select(User).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.payments) + row.organization.id for row in rows]


async def list_users_with_attachments_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(User).options(selectinload(User.attachments)).order_by(User.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "attachments": len(row.attachments)} for row in rows]


async def get_milestone_with_order_lines(session: AsyncSession, milestone_id: int) -> object:
    item = await session.get(Milestone, milestone_id, options=[selectinload(Milestone.order_lines)])
    if item is None:
        return None
    return [x.id for x in item.order_lines]


def user_shipments_count(item: Loaded[User, Literal["shipments"]]) -> int:
    return len(item.shipments)


async def get_user_shipments_count(session: AsyncSession, user_id: int) -> int:
    stmt = select(User).where(User.id == user_id).options(selectinload(User.shipments))
    item = (await session.execute(stmt)).scalar_one()
    return user_shipments_count(item)
