"""Queries around Address."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Address,
    Comment,
    Document,
    Invoice,
    Milestone,
    Notification,
    OrderLine,
    Organization,
    Shipment,
    Team,
)


async def create_shipment(session: AsyncSession, name: str, user_id: int) -> int:
    item = Shipment(name=name, user_id=user_id, suppliers=[])
    session.add(item)
    await session.flush()
    assert not item.suppliers  # set by the constructor: no IO
    return item.id


async def count_addresses_by_category_id(session: AsyncSession, category_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Address).where(Address.category_id == category_id)
    )
    return total or 0


async def create_address(session: AsyncSession, name: str, category_id: int, order_line_id: int) -> int:
    item = Address(name=name, category_id=category_id, order_line_id=order_line_id, organizations=[])
    session.add(item)
    await session.flush()
    assert not item.organizations  # set by the constructor: no IO
    return item.id


def serialize_milestone_permissions(item: Milestone) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "permissions": [x.id for x in item.permissions]}


async def get_milestone_permissions_serialized(session: AsyncSession, milestone_id: int) -> dict[str, object] | None:
    item = await session.get(Milestone, milestone_id, options=[selectinload(Milestone.permissions)])
    return serialize_milestone_permissions(item) if item is not None else None


async def find_address_order_line_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Address).where(Address.name == name).options(joinedload(Address.order_line))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.order_line.name


async def address_order_line_on_demand(session: AsyncSession, address_id: int) -> list[int]:
    item = await session.get(Address, address_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.order_line
    return [related.id]


async def address_ids_having_organizations(session: AsyncSession) -> list[int]:
    stmt = select(Address.id).where(Address.organizations.any())
    return list((await session.scalars(stmt)).all())


async def organization_weight(session: AsyncSession, organization_id: int) -> int:
    item = await session.scalar(
        select(Organization).where(Organization.id == organization_id).options(selectinload(Organization.categories), selectinload(Organization.users))
    )
    if item is None:
        return 0
    return len([x.id for x in item.categories]) + len([x.id for x in item.users])


async def load_address_organizations_categories(session: AsyncSession, address_id: int) -> dict[int, object]:
    stmt = (
        select(Address)
        .where(Address.id == address_id)
        .options(selectinload(Address.organizations).selectinload(Organization.categories))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.categories] for child in item.organizations}


async def create_document(session: AsyncSession, name: str, order_id: int) -> int:
    item = Document(name=name, order_id=order_id, teams=[])
    session.add(item)
    await session.flush()
    assert not item.teams  # set by the constructor: no IO
    return item.id


async def get_invoice_with_tag(session: AsyncSession, invoice_id: int) -> object:
    item = await session.get(Invoice, invoice_id, options=[selectinload(Invoice.tag)])
    if item is None:
        return None
    return item.tag.id


async def rename_team(session: AsyncSession, team_id: int, name: str) -> bool:
    item = await session.get(Team, team_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def list_address_order_line_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Address, OrderLine).join(Address.order_line).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def create_address_v2(session: AsyncSession, name: str, category_id: int, order_line_id: int) -> int:
    item = Address(name=name, category_id=category_id, order_line_id=order_line_id, organizations=[])
    session.add(item)
    await session.flush()
    assert not item.organizations  # set by the constructor: no IO
    return item.id


async def delete_comment(session: AsyncSession, comment_id: int) -> bool:
    item = await session.get(Comment, comment_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


def notification_roles_count(item: Loaded[Notification, Literal["roles"]]) -> int:
    return len(item.roles)


async def get_notification_roles_count(session: AsyncSession, notification_id: int) -> int:
    stmt = select(Notification).where(Notification.id == notification_id).options(selectinload(Notification.roles))
    item = (await session.execute(stmt)).scalar_one()
    return notification_roles_count(item)


async def load_address_organizations_teams(session: AsyncSession, address_id: int) -> dict[int, object]:
    stmt = (
        select(Address)
        .where(Address.id == address_id)
        .options(selectinload(Address.organizations).selectinload(Organization.teams))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.teams] for child in item.organizations}


async def list_addresses_joined_organizations(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Address).where(Address.is_active == active).options(joinedload(Address.organizations))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.organizations) for row in rows}


async def create_address_v3(session: AsyncSession, name: str, category_id: int, order_line_id: int) -> int:
    item = Address(name=name, category_id=category_id, order_line_id=order_line_id, organizations=[])
    session.add(item)
    await session.flush()
    assert not item.organizations  # set by the constructor: no IO
    return item.id


async def rename_address(session: AsyncSession, address_id: int, name: str) -> bool:
    item = await session.get(Address, address_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def address_weight(session: AsyncSession, address_id: int) -> int:
    item = await session.scalar(
        select(Address).where(Address.id == address_id).options(selectinload(Address.organizations), selectinload(Address.order_line))
    )
    if item is None:
        return 0
    return len([x.id for x in item.organizations]) + item.order_line.id


async def reload_organization_categories(session: AsyncSession, item: Organization) -> int:
    await session.refresh(item, ["categories"])
    return len(item.categories)


async def scan_teams_tasks(session: AsyncSession, limit: int = 100) -> int:
    # Team.tasks is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Team).limit(limit))).all()
    return sum(len(row.tasks) for row in rows)


async def delete_address(session: AsyncSession, address_id: int) -> bool:
    item = await session.get(Address, address_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def order_line_weight(session: AsyncSession, order_line_id: int) -> int:
    item = await session.scalar(
        select(OrderLine).where(OrderLine.id == order_line_id).options(selectinload(OrderLine.milestone), selectinload(OrderLine.comment))
    )
    if item is None:
        return 0
    return item.milestone.id + item.comment.id
