"""Queries around Sprint."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import AuditEntry, Document, Notification, Order, Organization, Sprint


async def reload_sprint_customers(session: AsyncSession, item: Sprint) -> int:
    await session.refresh(item, ["customers"])
    return len(item.customers)


async def find_audit_entry_product_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(AuditEntry).where(AuditEntry.name == name).options(joinedload(AuditEntry.product))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.product.name


async def count_sprints_by_task_id(session: AsyncSession, task_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Sprint).where(Sprint.task_id == task_id)
    )
    return total or 0


async def create_sprint(session: AsyncSession, name: str, task_id: int) -> int:
    item = Sprint(name=name, task_id=task_id, invoices=[])
    session.add(item)
    await session.flush()
    assert not item.invoices  # set by the constructor: no IO
    return item.id


async def create_sprint_v2(session: AsyncSession, name: str, task_id: int) -> int:
    item = Sprint(name=name, task_id=task_id, invoices=[])
    session.add(item)
    await session.flush()
    assert not item.invoices  # set by the constructor: no IO
    return item.id


async def organization_weight(session: AsyncSession, organization_id: int) -> int:
    item = await session.scalar(
        select(Organization).where(Organization.id == organization_id).options(selectinload(Organization.tasks), selectinload(Organization.categories))
    )
    if item is None:
        return 0
    return len([x.id for x in item.tasks]) + len([x.id for x in item.categories])


async def sprint_customers_on_demand(session: AsyncSession, sprint_id: int) -> list[int]:
    item = await session.get(Sprint, sprint_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.customers
    return [x.id for x in related]


async def list_sprints_with_customers(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Sprint).options(selectinload(Sprint.customers)).order_by(Sprint.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "customers": len(row.customers)} for row in rows]


async def delete_sprint(session: AsyncSession, sprint_id: int) -> bool:
    item = await session.get(Sprint, sprint_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def create_sprint_v3(session: AsyncSession, name: str, task_id: int) -> int:
    item = Sprint(name=name, task_id=task_id, invoices=[])
    session.add(item)
    await session.flush()
    assert not item.invoices  # set by the constructor: no IO
    return item.id


async def count_sprints_by_task_id_v2(session: AsyncSession, task_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Sprint).where(Sprint.task_id == task_id)
    )
    return total or 0


async def create_sprint_v4(session: AsyncSession, name: str, task_id: int) -> int:
    item = Sprint(name=name, task_id=task_id, invoices=[])
    session.add(item)
    await session.flush()
    assert not item.invoices  # set by the constructor: no IO
    return item.id


def serialize_sprint_customers(item: Sprint) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "customers": [x.id for x in item.customers]}


async def get_sprint_customers_serialized(session: AsyncSession, sprint_id: int) -> dict[str, object] | None:
    item = await session.get(Sprint, sprint_id, options=[selectinload(Sprint.customers)])
    return serialize_sprint_customers(item) if item is not None else None


async def create_sprint_v5(session: AsyncSession, name: str, task_id: int) -> int:
    item = Sprint(name=name, task_id=task_id, invoices=[])
    session.add(item)
    await session.flush()
    assert not item.invoices  # set by the constructor: no IO
    return item.id


async def delete_sprint_v2(session: AsyncSession, sprint_id: int) -> bool:
    item = await session.get(Sprint, sprint_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def rename_notification(session: AsyncSession, notification_id: int, name: str) -> bool:
    item = await session.get(Notification, notification_id)
    if item is None:
        return False
    item.name = name
    item.is_active = True
    await session.commit()
    return True


async def sprint_weight(session: AsyncSession, sprint_id: int) -> int:
    item = await session.scalar(
        select(Sprint).where(Sprint.id == sprint_id).options(selectinload(Sprint.customers), selectinload(Sprint.task))
    )
    if item is None:
        return 0
    return len([x.id for x in item.customers]) + item.task.id


async def list_documents_in_order(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Document)
        .join(Document.order)
        .where(Order.name == parent_name)
        .options(contains_eager(Document.order))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.order.name for row in rows]


async def sprint_weight_v2(session: AsyncSession, sprint_id: int) -> int:
    item = await session.scalar(
        select(Sprint).where(Sprint.id == sprint_id).options(selectinload(Sprint.invoices), selectinload(Sprint.customers))
    )
    if item is None:
        return 0
    return len([x.id for x in item.invoices]) + len([x.id for x in item.customers])


def sprint_invoices_count(item: Loaded[Sprint, Literal["invoices"]]) -> int:
    return len(item.invoices)


async def get_sprint_invoices_count(session: AsyncSession, sprint_id: int) -> int:
    stmt = select(Sprint).where(Sprint.id == sprint_id).options(selectinload(Sprint.invoices))
    item = (await session.execute(stmt)).scalar_one()
    return sprint_invoices_count(item)


def serialize_sprint_invoices(item: Sprint) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "invoices": [x.id for x in item.invoices]}


async def get_sprint_invoices_serialized(session: AsyncSession, sprint_id: int) -> dict[str, object] | None:
    item = await session.get(Sprint, sprint_id, options=[selectinload(Sprint.invoices)])
    return serialize_sprint_invoices(item) if item is not None else None


async def get_sprint_with_invoices(session: AsyncSession, sprint_id: int) -> object:
    item = await session.get(Sprint, sprint_id, options=[selectinload(Sprint.invoices)])
    if item is None:
        return None
    return [x.id for x in item.invoices]


async def sprint_weight_v3(session: AsyncSession, sprint_id: int) -> int:
    item = await session.scalar(
        select(Sprint).where(Sprint.id == sprint_id).options(selectinload(Sprint.invoices), selectinload(Sprint.customers))
    )
    if item is None:
        return 0
    return len([x.id for x in item.invoices]) + len([x.id for x in item.customers])


async def find_sprint_task_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Sprint).where(Sprint.name == name).options(joinedload(Sprint.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name


async def sprint_invoices_on_demand(session: AsyncSession, sprint_id: int) -> list[int]:
    item = await session.get(Sprint, sprint_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.invoices
    return [x.id for x in related]
