"""Queries around Task."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Category,
    Milestone,
    Notification,
    OrderLine,
    Organization,
    Product,
    Review,
    Role,
    Shipment,
    Task,
    Warehouse,
)


async def delete_task(session: AsyncSession, task_id: int) -> bool:
    item = await session.get(Task, task_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def rename_review(session: AsyncSession, review_id: int, name: str) -> bool:
    item = await session.get(Review, review_id)
    if item is None:
        return False
    item.name = name
    item.is_active = True
    await session.commit()
    return True


def serialize_warehouse_folders(item: Warehouse) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "folders": [x.id for x in item.folders]}


async def get_warehouse_folders_serialized(session: AsyncSession, warehouse_id: int) -> dict[str, object] | None:
    item = await session.get(Warehouse, warehouse_id, options=[selectinload(Warehouse.folders)])
    return serialize_warehouse_folders(item) if item is not None else None


async def rename_task(session: AsyncSession, task_id: int, name: str) -> bool:
    item = await session.get(Task, task_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def rename_role(session: AsyncSession, role_id: int, name: str) -> bool:
    item = await session.get(Role, role_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def list_notifications_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Notification.roles), joinedload(Notification.order)]
    stmt = select(Notification).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.roles) + row.order.id for row in rows]


async def stream_categories_payments(session: AsyncSession) -> list[int]:
    stmt = select(Category).options(selectinload(Category.payments))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.payments))
    return out


async def list_order_lines_with_addresses(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(OrderLine).options(selectinload(OrderLine.addresses)).order_by(OrderLine.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "addresses": len(row.addresses)} for row in rows]


def serialize_task_comments(item: Task) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "comments": [x.id for x in item.comments]}


async def get_task_comments_serialized(session: AsyncSession, task_id: int) -> dict[str, object] | None:
    item = await session.get(Task, task_id, options=[selectinload(Task.comments)])
    return serialize_task_comments(item) if item is not None else None


async def reload_task_sprints(session: AsyncSession, item: Task) -> int:
    await session.refresh(item, ["sprints"])
    return len(item.sprints)


async def get_task_with_team(session: AsyncSession, task_id: int) -> object:
    item = await session.get(Task, task_id, options=[selectinload(Task.team)])
    if item is None:
        return None
    return item.team.id


async def count_reviews_by_customer_id(session: AsyncSession, customer_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Review).where(Review.customer_id == customer_id)
    )
    return total or 0


async def scan_shipments_suppliers(session: AsyncSession, limit: int = 100) -> int:
    # Shipment.suppliers is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Shipment).limit(limit))).all()
    return sum(len(row.suppliers) for row in rows)


async def find_task_team_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Task).where(Task.name == name).options(joinedload(Task.team))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.team.name


async def find_task_team_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Task).where(Task.name == name).options(joinedload(Task.team))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.team.name


def serialize_task_comments_v2(item: Task) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "comments": [x.id for x in item.comments]}


async def get_task_comments_serialized_v2(session: AsyncSession, task_id: int) -> dict[str, object] | None:
    item = await session.get(Task, task_id, options=[selectinload(Task.comments)])
    return serialize_task_comments_v2(item) if item is not None else None


async def list_tasks_with_sprints(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Task).options(selectinload(Task.sprints)).order_by(Task.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "sprints": len(row.sprints)} for row in rows]


async def product_weight(session: AsyncSession, product_id: int) -> int:
    item = await session.scalar(
        select(Product).where(Product.id == product_id).options(selectinload(Product.webhooks), selectinload(Product.comment))
    )
    if item is None:
        return 0
    return len([x.id for x in item.webhooks]) + (item.comment.id if item.comment is not None else 0)


def serialize_task_sprints(item: Task) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "sprints": [x.id for x in item.sprints]}


async def get_task_sprints_serialized(session: AsyncSession, task_id: int) -> dict[str, object] | None:
    item = await session.get(Task, task_id, options=[selectinload(Task.sprints)])
    return serialize_task_sprints(item) if item is not None else None


async def task_sprints_on_demand(session: AsyncSession, task_id: int) -> list[int]:
    item = await session.get(Task, task_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.sprints
    return [x.id for x in related]


async def organization_payments_on_demand(session: AsyncSession, organization_id: int) -> list[int]:
    item = await session.get(Organization, organization_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.payments
    return [x.id for x in related]


async def load_task_milestones_order_lines(session: AsyncSession, task_id: int) -> dict[int, object]:
    stmt = (
        select(Task)
        .where(Task.id == task_id)
        .options(selectinload(Task.milestones).selectinload(Milestone.order_lines))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.order_lines] for child in item.milestones}


async def list_tasks_with_milestones(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Task).options(selectinload(Task.milestones)).order_by(Task.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "milestones": len(row.milestones)} for row in rows]


async def task_ids_having_milestones(session: AsyncSession) -> list[int]:
    stmt = select(Task.id).where(Task.milestones.any())
    return list((await session.scalars(stmt)).all())


async def create_task(session: AsyncSession, name: str, organization_id: int, team_id: int) -> int:
    item = Task(name=name, organization_id=organization_id, team_id=team_id, comments=[])
    session.add(item)
    await session.flush()
    assert not item.comments  # set by the constructor: no IO
    return item.id
