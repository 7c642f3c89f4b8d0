"""Queries around Customer."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Customer,
    Folder,
    Milestone,
    Notification,
    Order,
    Organization,
    Payment,
    Role,
    Sprint,
    Task,
    Team,
)


async def stream_tasks_comments(session: AsyncSession) -> list[int]:
    stmt = select(Task).options(selectinload(Task.comments))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.comments))
    return out


async def scan_organizations_users(session: AsyncSession, limit: int = 100) -> int:
    # Organization.users is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Organization).limit(limit))).all()
    return sum(len(row.users) for row in rows)


async def delete_customer(session: AsyncSession, customer_id: int) -> bool:
    item = await session.get(Customer, customer_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def list_customers_with_reviews(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Customer).options(selectinload(Customer.reviews)).order_by(Customer.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "reviews": len(row.reviews)} for row in rows]


async def list_milestones_with_categories(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Milestone).options(selectinload(Milestone.categories)).order_by(Milestone.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "categories": len(row.categories)} for row in rows]


async def create_customer(session: AsyncSession, name: str, task_id: int, sprint_id: int) -> int:
    item = Customer(name=name, task_id=task_id, sprint_id=sprint_id, reviews=[])
    session.add(item)
    await session.flush()
    assert not item.reviews  # set by the constructor: no IO
    return item.id


async def list_customers_with_reviews_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Customer).options(selectinload(Customer.reviews)).order_by(Customer.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "reviews": len(row.reviews)} for row in rows]


async def list_customer_sprint_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Customer, Sprint).join(Customer.sprint).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def load_notification_roles_notification(session: AsyncSession, notification_id: int) -> dict[int, object]:
    stmt = (
        select(Notification)
        .where(Notification.id == notification_id)
        .options(selectinload(Notification.roles).selectinload(Role.notification))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.notification.id for child in item.roles}


async def get_customer_with_task(session: AsyncSession, customer_id: int) -> object:
    item = await session.get(Customer, customer_id, options=[selectinload(Customer.task)])
    if item is None:
        return None
    return item.task.id


async def find_customer_task_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Customer).where(Customer.name == name).options(joinedload(Customer.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name


async def find_customer_task_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Customer).where(Customer.name == name).options(joinedload(Customer.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name


async def get_customer_with_task_v2(session: AsyncSession, customer_id: int) -> object:
    item = await session.get(Customer, customer_id, options=[selectinload(Customer.task)])
    if item is None:
        return None
    return item.task.id


async def scan_orders_notifications(session: AsyncSession, limit: int = 100) -> int:
    # Order.notifications is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Order).limit(limit))).all()
    return sum(len(row.notifications) for row in rows)


async def load_team_tasks_sprints(session: AsyncSession, team_id: int) -> dict[int, object]:
    stmt = (
        select(Team)
        .where(Team.id == team_id)
        .options(selectinload(Team.tasks).selectinload(Task.sprints))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.sprints] for child in item.tasks}


async def list_customers_with_reviews_v3(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Customer).options(selectinload(Customer.reviews)).order_by(Customer.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "reviews": len(row.reviews)} for row in rows]


async def list_customers_joined_reviews(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Customer).where(Customer.is_active == active).options(joinedload(Customer.reviews))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.reviews) for row in rows}


async def customer_weight(session: AsyncSession, customer_id: int) -> int:
    item = await session.scalar(
        select(Customer).where(Customer.id == customer_id).options(selectinload(Customer.task), selectinload(Customer.sprint))
    )
    if item is None:
        return 0
    return item.task.id + item.sprint.id


async def list_customers_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Customer.reviews), joinedload(Customer.task)]
    stmt = select(Customer).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.reviews) + row.task.id for row in rows]


async def rename_customer(session: AsyncSession, customer_id: int, name: str) -> bool:
    item = await session.get(Customer, customer_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def list_payments_joined_folders(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Payment).where(Payment.is_active == active).options(joinedload(Payment.folders))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.folders) for row in rows}


async def count_customers_by_sprint_id(session: AsyncSession, sprint_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Customer).where(Customer.sprint_id == sprint_id)
    )
    return total or 0


async def create_folder(session: AsyncSession, name: str, warehouse_id: int) -> int:
    item = Folder(name=name, warehouse_id=warehouse_id, tags=[])
    session.add(item)
    await session.flush()
    assert not item.tags  # set by the constructor: no IO
    return item.id


async def customer_ids_having_reviews(session: AsyncSession) -> list[int]:
    stmt = select(Customer.id).where(Customer.reviews.any())
    return list((await session.scalars(stmt)).all())


async def list_customers_with_reviews_v4(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Customer).options(selectinload(Customer.reviews)).order_by(Customer.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "reviews": len(row.reviews)} for row in rows]
