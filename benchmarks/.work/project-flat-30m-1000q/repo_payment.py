"""Queries around Payment."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import (
    Customer,
    Milestone,
    Notification,
    Payment,
    Shipment,
    Supplier,
    Team,
    User,
    Warehouse,
)


async def create_payment(session: AsyncSession, name: str, organization_id: int, milestone_id: int | None) -> int:
    item = Payment(name=name, organization_id=organization_id, milestone_id=milestone_id, categories=[])
    session.add(item)
    await session.flush()
    assert not item.categories  # set by the constructor: no IO
    return item.id


async def count_payments_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Payment).where(Payment.organization_id == organization_id)
    )
    return total or 0


async def list_warehouses_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Warehouse.folders), joinedload(Warehouse.order)]
    stmt = select(Warehouse).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.folders) + (row.order.id if row.order is not None else 0) for row in rows]


async def count_notifications_by_order_id(session: AsyncSession, order_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Notification).where(Notification.order_id == order_id)
    )
    return total or 0


async def scan_users_shipments(session: AsyncSession, limit: int = 100) -> int:
    # User.shipments is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(User).limit(limit))).all()
    return sum(len(row.shipments) for row in rows)


async def create_payment_v2(session: AsyncSession, name: str, organization_id: int, milestone_id: int | None) -> int:
    item = Payment(name=name, organization_id=organization_id, milestone_id=milestone_id, categories=[])
    session.add(item)
    await session.flush()
    assert not item.categories  # set by the constructor: no IO
    return item.id


async def list_payments_with_categories(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Payment).options(selectinload(Payment.categories)).order_by(Payment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "categories": len(row.categories)} for row in rows]


async def delete_payment(session: AsyncSession, payment_id: int) -> bool:
    item = await session.get(Payment, payment_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def get_payment_with_organization(session: AsyncSession, payment_id: int) -> object:
    item = await session.get(Payment, payment_id, options=[selectinload(Payment.organization)])
    if item is None:
        return None
    return item.organization.id


async def get_payment_with_folders(session: AsyncSession, payment_id: int) -> object:
    item = await session.get(Payment, payment_id, options=[selectinload(Payment.folders)])
    if item is None:
        return None
    return [x.id for x in item.folders]


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


async def find_payment_milestone_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Payment).where(Payment.name == name).options(joinedload(Payment.milestone))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.milestone.name if item.milestone is not None else None


async def list_payments_in_milestone(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Payment)
        .join(Payment.milestone)
        .where(Milestone.name == parent_name)
        .options(contains_eager(Payment.milestone))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.milestone.name if row.milestone is not None else "" for row in rows]


async def list_payments_in_milestone_v2(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Payment)
        .join(Payment.milestone)
        .where(Milestone.name == parent_name)
        .options(contains_eager(Payment.milestone))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.milestone.name if row.milestone is not None else "" for row in rows]


async def get_payment_with_organization_v2(session: AsyncSession, payment_id: int) -> object:
    item = await session.get(Payment, payment_id, options=[selectinload(Payment.organization)])
    if item is None:
        return None
    return item.organization.id


async def get_payment_with_organization_v3(session: AsyncSession, payment_id: int) -> object:
    item = await session.get(Payment, payment_id, options=[selectinload(Payment.organization)])
    if item is None:
        return None
    return item.organization.id


def payment_categories_count(item: Loaded[Payment, Literal["categories"]]) -> int:
    return len(item.categories)


async def get_payment_categories_count(session: AsyncSession, payment_id: int) -> int:
    stmt = select(Payment).where(Payment.id == payment_id).options(selectinload(Payment.categories))
    item = (await session.execute(stmt)).scalar_one()
    return payment_categories_count(item)


async def load_user_shipments_user(session: AsyncSession, user_id: int) -> dict[int, object]:
    stmt = (
        select(User)
        .where(User.id == user_id)
        .options(selectinload(User.shipments).selectinload(Shipment.user))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.user.id for child in item.shipments}


async def list_payments_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Payment.categories), joinedload(Payment.milestone)]
    stmt = select(Payment).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.categories) + (row.milestone.id if row.milestone is not None else 0) for row in rows]


async def delete_payment_v2(session: AsyncSession, payment_id: int) -> bool:
    item = await session.get(Payment, payment_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def get_payment_with_milestone(session: AsyncSession, payment_id: int) -> object:
    item = await session.get(Payment, payment_id, options=[selectinload(Payment.milestone)])
    if item is None:
        return None
    return (item.milestone.id if item.milestone is not None else 0)


async def rename_payment(session: AsyncSession, payment_id: int, name: str) -> bool:
    item = await session.get(Payment, payment_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def get_team_with_tasks(session: AsyncSession, team_id: int) -> object:
    item = await session.get(Team, team_id, options=[selectinload(Team.tasks)])
    if item is None:
        return None
    return [x.id for x in item.tasks]


async def list_customers_joined_reviews(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Customer).where(Customer.is_active == active).options(joinedload(Customer.reviews))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.reviews) for row in rows}


async def notification_ids_having_roles(session: AsyncSession) -> list[int]:
    stmt = select(Notification.id).where(Notification.roles.any())
    return list((await session.scalars(stmt)).all())
