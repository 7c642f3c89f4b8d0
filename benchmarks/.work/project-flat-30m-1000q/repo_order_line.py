"""Queries around OrderLine."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import (
    Address,
    Attachment,
    AuditEntry,
    Milestone,
    Order,
    OrderLine,
    Organization,
    Role,
    Shipment,
    Tag,
    Team,
)


async def list_attachments_in_team(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Attachment)
        .join(Attachment.team)
        .where(Team.name == parent_name)
        .options(contains_eager(Attachment.team))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.team.name for row in rows]


async def get_order_line_with_addresses(session: AsyncSession, order_line_id: int) -> object:
    item = await session.get(OrderLine, order_line_id, options=[selectinload(OrderLine.addresses)])
    if item is None:
        return None
    return [x.id for x in item.addresses]


async def role_weight(session: AsyncSession, role_id: int) -> int:
    item = await session.scalar(
        select(Role).where(Role.id == role_id).options(selectinload(Role.notification))
    )
    if item is None:
        return 0
    return item.notification.id


async def order_line_weight(session: AsyncSession, order_line_id: int) -> int:
    item = await session.scalar(
        select(OrderLine).where(OrderLine.id == order_line_id).options(selectinload(OrderLine.comment), selectinload(OrderLine.milestone))
    )
    if item is None:
        return 0
    return item.comment.id + item.milestone.id


async def get_order_line_with_addresses_v2(session: AsyncSession, order_line_id: int) -> object:
    item = await session.get(OrderLine, order_line_id, options=[selectinload(OrderLine.addresses)])
    if item is None:
        return None
    return [x.id for x in item.addresses]


async def load_order_line_addresses_category(session: AsyncSession, order_line_id: int) -> dict[int, object]:
    stmt = (
        select(OrderLine)
        .where(OrderLine.id == order_line_id)
        .options(selectinload(OrderLine.addresses).joinedload(Address.category))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.category.id for child in item.addresses}


async def scan_organizations_users(session: AsyncSession, limit: int = 100) -> int:
    # Organization.users is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Organization).limit(limit))).all()
    return sum(len(row.users) for row in rows)


async def get_order_line_with_comment(session: AsyncSession, order_line_id: int) -> object:
    item = await session.get(OrderLine, order_line_id, options=[selectinload(OrderLine.comment)])
    if item is None:
        return None
    return item.comment.id


async def list_order_lines_in_milestone(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(OrderLine)
        .join(OrderLine.milestone)
        .where(Milestone.name == parent_name)
        .options(contains_eager(OrderLine.milestone))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.milestone.name for row in rows]


def order_line_addresses_count(item: Loaded[OrderLine, Literal["addresses"]]) -> int:
    return len(item.addresses)


async def get_order_line_addresses_count(session: AsyncSession, order_line_id: int) -> int:
    stmt = select(OrderLine).where(OrderLine.id == order_line_id).options(selectinload(OrderLine.addresses))
    item = (await session.execute(stmt)).scalar_one()
    return order_line_addresses_count(item)


async def create_order_line(session: AsyncSession, name: str, comment_id: int, milestone_id: int) -> int:
    item = OrderLine(name=name, comment_id=comment_id, milestone_id=milestone_id, addresses=[])
    session.add(item)
    await session.flush()
    assert not item.addresses  # set by the constructor: no IO
    return item.id


async def rename_order(session: AsyncSession, order_id: int, name: str) -> bool:
    item = await session.get(Order, order_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def count_tags_by_comment_id(session: AsyncSession, comment_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Tag).where(Tag.comment_id == comment_id)
    )
    return total or 0


async def order_line_weight_v2(session: AsyncSession, order_line_id: int) -> int:
    item = await session.scalar(
        select(OrderLine).where(OrderLine.id == order_line_id).options(selectinload(OrderLine.addresses), selectinload(OrderLine.comment))
    )
    if item is None:
        return 0
    return len([x.id for x in item.addresses]) + item.comment.id


async def create_order_line_v2(session: AsyncSession, name: str, comment_id: int, milestone_id: int) -> int:
    item = OrderLine(name=name, comment_id=comment_id, milestone_id=milestone_id, addresses=[])
    session.add(item)
    await session.flush()
    assert not item.addresses  # set by the constructor: no IO
    return item.id


async def order_line_ids_having_addresses(session: AsyncSession) -> list[int]:
    stmt = select(OrderLine.id).where(OrderLine.addresses.any())
    return list((await session.scalars(stmt)).all())


async def delete_shipment(session: AsyncSession, shipment_id: int) -> bool:
    item = await session.get(Shipment, shipment_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def audit_entry_weight(session: AsyncSession, audit_entry_id: int) -> int:
    item = await session.scalar(
        select(AuditEntry).where(AuditEntry.id == audit_entry_id).options(selectinload(AuditEntry.product))
    )
    if item is None:
        return 0
    return item.product.id


async def list_order_line_milestone_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(OrderLine, Milestone).join(OrderLine.milestone).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def count_order_lines_by_comment_id(session: AsyncSession, comment_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(OrderLine).where(OrderLine.comment_id == comment_id)
    )
    return total or 0


async def get_order_line_with_milestone(session: AsyncSession, order_line_id: int) -> object:
    item = await session.get(OrderLine, order_line_id, options=[selectinload(OrderLine.milestone)])
    if item is None:
        return None
    return item.milestone.id


async def scan_orders_notifications(session: AsyncSession, limit: int = 100) -> int:
    # Order.notifications is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Order).limit(limit))).all()
    return sum(len(row.notifications) for row in rows)


async def find_order_line_milestone_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(OrderLine).where(OrderLine.name == name).options(joinedload(OrderLine.milestone))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.milestone.name


async def get_order_line_with_comment_v2(session: AsyncSession, order_line_id: int) -> object:
    item = await session.get(OrderLine, order_line_id, options=[selectinload(OrderLine.comment)])
    if item is None:
        return None
    return item.comment.id


async def list_order_lines_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(OrderLine.addresses), joinedload(OrderLine.milestone)]
    stmt = select(OrderLine).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.addresses) + row.milestone.id for row in rows]
