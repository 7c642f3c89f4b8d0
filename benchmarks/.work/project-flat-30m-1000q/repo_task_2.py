"""Queries around Task."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    AuditEntry,
    Customer,
    Folder,
    Milestone,
    OrderLine,
    Payment,
    Permission,
    Project,
    Sprint,
    Task,
    User,
    Webhook,
)


async def stream_tasks_milestones(session: AsyncSession) -> list[int]:
    stmt = select(Task).options(selectinload(Task.milestones))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.milestones))
    return out


async def list_tasks_joined_customers(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Task).where(Task.is_active == active).options(joinedload(Task.customers))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.customers) for row in rows}


async def task_weight(session: AsyncSession, task_id: int) -> int:
    item = await session.scalar(
        select(Task).where(Task.id == task_id).options(selectinload(Task.customers), selectinload(Task.comments))
    )
    if item is None:
        return 0
    return len([x.id for x in item.customers]) + len([x.id for x in item.comments])


async def scan_users_shipments(session: AsyncSession, limit: int = 100) -> int:
    # User.shipments is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(User).limit(limit))).all()
    return sum(len(row.shipments) for row in rows)


async def get_task_with_sprints(session: AsyncSession, task_id: int) -> object:
    item = await session.get(Task, task_id, options=[selectinload(Task.sprints)])
    if item is None:
        return None
    return [x.id for x in item.sprints]


async def load_milestone_order_lines_milestone(session: AsyncSession, milestone_id: int) -> dict[int, object]:
    stmt = (
        select(Milestone)
        .where(Milestone.id == milestone_id)
        .options(selectinload(Milestone.order_lines).joinedload(OrderLine.milestone))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.milestone.id for child in item.order_lines}


async def find_task_team_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Task).where(Task.name == name).options(joinedload(Task.team))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.team.name


def task_customers_count(item: Loaded[Task, Literal["customers"]]) -> int:
    return len(item.customers)


async def get_task_customers_count(session: AsyncSession, task_id: int) -> int:
    stmt = select(Task).where(Task.id == task_id).options(selectinload(Task.customers))
    item = (await session.execute(stmt)).scalar_one()
    return task_customers_count(item)


async def get_sprint_with_task(session: AsyncSession, sprint_id: int) -> object:
    item = await session.get(Sprint, sprint_id, options=[selectinload(Sprint.task)])
    if item is None:
        return None
    return item.task.id


async def find_task_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Task).where(Task.name == name).options(joinedload(Task.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def list_tasks_with_milestones(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Task).options(selectinload(Task.milestones)).order_by(Task.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "milestones": len(row.milestones)} for row in rows]


async def list_tasks_with_sprints(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Task).options(selectinload(Task.sprints)).order_by(Task.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "sprints": len(row.sprints)} for row in rows]


async def task_weight_v2(session: AsyncSession, task_id: int) -> int:
    item = await session.scalar(
        select(Task).where(Task.id == task_id).options(selectinload(Task.team), selectinload(Task.organization))
    )
    if item is None:
        return 0
    return item.team.id + item.organization.id


async def find_folder_warehouse_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Folder).where(Folder.name == name).options(joinedload(Folder.warehouse))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.warehouse.name


async def permission_weight(session: AsyncSession, permission_id: int) -> int:
    item = await session.scalar(
        select(Permission).where(Permission.id == permission_id).options(selectinload(Permission.milestone))
    )
    if item is None:
        return 0
    return (item.milestone.id if item.milestone is not None else 0)


async def task_team_on_demand(session: AsyncSession, task_id: int) -> list[int]:
    item = await session.get(Task, task_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.team
    return [related.id]


async def get_task_with_customers(session: AsyncSession, task_id: int) -> object:
    item = await session.get(Task, task_id, options=[selectinload(Task.customers)])
    if item is None:
        return None
    return [x.id for x in item.customers]


async def delete_audit_entry(session: AsyncSession, audit_entry_id: int) -> bool:
    item = await session.get(AuditEntry, audit_entry_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def list_webhooks_with_attachments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Webhook).options(selectinload(Webhook.attachments)).order_by(Webhook.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "attachments": len(row.attachments)} for row in rows]


async def load_task_customers_sprint(session: AsyncSession, task_id: int) -> dict[int, object]:
    stmt = (
        select(Task)
        .where(Task.id == task_id)
        .options(selectinload(Task.customers).joinedload(Customer.sprint))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.sprint.id for child in item.customers}


async def list_sprints_joined_customers(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Sprint).where(Sprint.is_active == active).options(joinedload(Sprint.customers))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.customers) for row in rows}


async def create_webhook(session: AsyncSession, name: str, organization_id: int, product_id: int) -> int:
    item = Webhook(name=name, organization_id=organization_id, product_id=product_id, attachments=[])
    session.add(item)
    await session.flush()
    assert not item.attachments  # set by the constructor: no IO
    return item.id


async def list_tasks_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Task.customers), joinedload(Task.team)]
    stmt = select(Task).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.customers) + row.team.id for row in rows]


def project_orders_count(item: Loaded[Project, Literal["orders"]]) -> int:
    return len(item.orders)


async def get_project_orders_count(session: AsyncSession, project_id: int) -> int:
    stmt = select(Project).where(Project.id == project_id).options(selectinload(Project.orders))
    item = (await session.execute(stmt)).scalar_one()
    return project_orders_count(item)


async def list_payments_with_users(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Payment).options(selectinload(Payment.users)).order_by(Payment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "users": len(row.users)} for row in rows]
