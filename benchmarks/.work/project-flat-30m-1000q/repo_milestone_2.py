"""Queries around Milestone."""

from asyncio import run
from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Attachment,
    Category,
    InvoiceLine,
    Milestone,
    Notification,
    Payment,
    Review,
    Shipment,
    Tag,
    User,
)


async def rename_milestone(session: AsyncSession, milestone_id: int, name: str) -> bool:
    item = await session.get(Milestone, milestone_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def milestone_permissions_on_demand(session: AsyncSession, milestone_id: int) -> list[int]:
    item = await session.get(Milestone, milestone_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.permissions
    return [x.id for x in related]


async def reload_milestone_order_lines(session: AsyncSession, item: Milestone) -> int:
    await session.refresh(item, ["order_lines"])
    return len(item.order_lines)


def milestone_categories_count(item: Loaded[Milestone, Literal["categories"]]) -> int:
    return len(item.categories)


async def get_milestone_categories_count(session: AsyncSession, milestone_id: int) -> int:
    stmt = select(Milestone).where(Milestone.id == milestone_id).options(selectinload(Milestone.categories))
    item = (await session.execute(stmt)).scalar_one()
    return milestone_categories_count(item)


async def list_milestones_with_payments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Milestone).options(selectinload(Milestone.payments)).order_by(Milestone.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "payments": len(row.payments)} for row in rows]


async def find_milestone_task_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Milestone).where(Milestone.name == name).options(joinedload(Milestone.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name if item.task is not None else None


async def create_milestone(session: AsyncSession, name: str, task_id: int | None) -> int:
    item = Milestone(name=name, task_id=task_id, categories=[])
    session.add(item)
    await session.flush()
    assert not item.categories  # set by the constructor: no IO
    return item.id


async def find_milestone_task_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Milestone).where(Milestone.name == name).options(joinedload(Milestone.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name if item.task is not None else None


async def get_milestone_with_categories(session: AsyncSession, milestone_id: int) -> object:
    item = await session.get(Milestone, milestone_id, options=[selectinload(Milestone.categories)])
    if item is None:
        return None
    return [x.id for x in item.categories]


async def attachment_invoice_lines_on_demand(session: AsyncSession, attachment_id: int) -> list[int]:
    item = await session.get(Attachment, attachment_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.invoice_lines
    return [x.id for x in related]


async def scan_shipments_suppliers(session: AsyncSession, limit: int = 100) -> int:
    # Shipment.suppliers is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Shipment).limit(limit))).all()
    return sum(len(row.suppliers) for row in rows)


async def load_milestone_payments_users(session: AsyncSession, milestone_id: int) -> dict[int, object]:
    stmt = (
        select(Milestone)
        .where(Milestone.id == milestone_id)
        .options(selectinload(Milestone.payments).selectinload(Payment.users))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.users] for child in item.payments}


async def create_invoice_line(session: AsyncSession, name: str, tag_id: int, attachment_id: int) -> int:
    item = InvoiceLine(name=name, tag_id=tag_id, attachment_id=attachment_id)
    session.add(item)
    await session.flush()
    return item.id


async def list_milestones_with_payments_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Milestone).options(selectinload(Milestone.payments)).order_by(Milestone.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "payments": len(row.payments)} for row in rows]


async def get_milestone_with_payments(session: AsyncSession, milestone_id: int) -> object:
    item = await session.get(Milestone, milestone_id, options=[selectinload(Milestone.payments)])
    if item is None:
        return None
    return [x.id for x in item.payments]


async def milestone_ids_having_payments(session: AsyncSession) -> list[int]:
    stmt = select(Milestone.id).where(Milestone.payments.any())
    return list((await session.scalars(stmt)).all())


async def list_notifications_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Notification.roles), joinedload(Notification.order)]
    stmt = select(Notification).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.roles) + row.order.id for row in rows]


async def list_category_milestone_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Category, Milestone).join(Category.milestone).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def list_tags_joined_folders(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Tag).where(Tag.is_active == active).options(joinedload(Tag.folders))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.folders) for row in rows}


async def scan_milestones_categories(session: AsyncSession, limit: int = 100) -> int:
    # Milestone.categories is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Milestone).limit(limit))).all()
    return sum(len(row.categories) for row in rows)


async def get_review_with_customer(session: AsyncSession, review_id: int) -> object:
    item = await session.get(Review, review_id, options=[selectinload(Review.customer)])
    if item is None:
        return None
    return item.customer.id


async def stream_milestones_permissions(session: AsyncSession) -> list[int]:
    stmt = select(Milestone).options(selectinload(Milestone.permissions))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.permissions))
    return out


async def list_users_with_shipments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(User).options(selectinload(User.shipments)).order_by(User.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "shipments": len(row.shipments)} for row in rows]


async def create_milestone_v2(session: AsyncSession, name: str, task_id: int | None) -> int:
    item = Milestone(name=name, task_id=task_id, categories=[])
    session.add(item)
    await session.flush()
    assert not item.categories  # set by the constructor: no IO
    return item.id


def save_milestone_blocking(session: AsyncSession, item: Milestone) -> None:
    session.add(item)
    run(session.commit())  # MISTAKE: a coroutine from a plain def
