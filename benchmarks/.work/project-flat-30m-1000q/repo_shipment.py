"""Queries around Shipment."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Category,
    Invoice,
    Milestone,
    OrderLine,
    Review,
    Shipment,
    Sprint,
    Supplier,
    Task,
    Warehouse,
    Webhook,
)


def shipment_suppliers_count(item: Loaded[Shipment, Literal["suppliers"]]) -> int:
    return len(item.suppliers)


async def get_shipment_suppliers_count(session: AsyncSession, shipment_id: int) -> int:
    stmt = select(Shipment).where(Shipment.id == shipment_id).options(selectinload(Shipment.suppliers))
    item = (await session.execute(stmt)).scalar_one()
    return shipment_suppliers_count(item)


def serialize_warehouse_folders(item: Warehouse) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "folders": [x.id for x in item.folders]}


async def get_warehouse_folders_serialized(session: AsyncSession, warehouse_id: int) -> dict[str, object] | None:
    item = await session.get(Warehouse, warehouse_id, options=[selectinload(Warehouse.folders)])
    return serialize_warehouse_folders(item) if item is not None else None


async def shipment_ids_having_suppliers(session: AsyncSession) -> list[int]:
    stmt = select(Shipment.id).where(Shipment.suppliers.any())
    return list((await session.scalars(stmt)).all())


async def list_order_lines_joined_addresses(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(OrderLine).where(OrderLine.is_active == active).options(joinedload(OrderLine.addresses))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.addresses) for row in rows}


async def stream_shipments_suppliers(session: AsyncSession) -> list[int]:
    stmt = select(Shipment).options(selectinload(Shipment.suppliers))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.suppliers))
    return out


async def find_category_milestone_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Category).where(Category.name == name).options(joinedload(Category.milestone))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.milestone.name


async def count_webhooks_by_product_id(session: AsyncSession, product_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Webhook).where(Webhook.product_id == product_id)
    )
    return total or 0


def shipment_suppliers_count_v2(item: Loaded[Shipment, Literal["suppliers"]]) -> int:
    return len(item.suppliers)


async def get_shipment_suppliers_count_v2(session: AsyncSession, shipment_id: int) -> int:
    stmt = select(Shipment).where(Shipment.id == shipment_id).options(selectinload(Shipment.suppliers))
    item = (await session.execute(stmt)).scalar_one()
    return shipment_suppliers_count_v2(item)


async def shipment_weight(session: AsyncSession, shipment_id: int) -> int:
    item = await session.scalar(
        select(Shipment).where(Shipment.id == shipment_id).options(selectinload(Shipment.suppliers), selectinload(Shipment.user))
    )
    if item is None:
        return 0
    return len([x.id for x in item.suppliers]) + item.user.id


async def shipment_weight_v2(session: AsyncSession, shipment_id: int) -> int:
    item = await session.scalar(
        select(Shipment).where(Shipment.id == shipment_id).options(selectinload(Shipment.suppliers), selectinload(Shipment.user))
    )
    if item is None:
        return 0
    return len([x.id for x in item.suppliers]) + item.user.id


async def task_ids_having_milestones(session: AsyncSession) -> list[int]:
    stmt = select(Task.id).where(Task.milestones.any())
    return list((await session.scalars(stmt)).all())


def serialize_shipment_suppliers(item: Shipment) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "suppliers": [x.id for x in item.suppliers]}


async def get_shipment_suppliers_serialized(session: AsyncSession, shipment_id: int) -> dict[str, object] | None:
    item = await session.get(Shipment, shipment_id, options=[selectinload(Shipment.suppliers)])
    return serialize_shipment_suppliers(item) if item is not None else None


async def list_sprints_with_invoices(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Sprint).options(selectinload(Sprint.invoices)).order_by(Sprint.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoices": len(row.invoices)} for row in rows]


async def shipment_weight_v3(session: AsyncSession, shipment_id: int) -> int:
    item = await session.scalar(
        select(Shipment).where(Shipment.id == shipment_id).options(selectinload(Shipment.suppliers), selectinload(Shipment.user))
    )
    if item is None:
        return 0
    return len([x.id for x in item.suppliers]) + item.user.id


async def load_shipment_suppliers_shipment(session: AsyncSession, shipment_id: int) -> dict[int, object]:
    stmt = (
        select(Shipment)
        .where(Shipment.id == shipment_id)
        .options(selectinload(Shipment.suppliers).selectinload(Supplier.shipment))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: (child.shipment.id if child.shipment is not None else 0) for child in item.suppliers}


async def list_shipments_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Shipment.suppliers), joinedload(Shipment.user)]
    stmt = select(Shipment).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.suppliers) + row.user.id for row in rows]


def serialize_shipment_suppliers_v2(item: Shipment) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "suppliers": [x.id for x in item.suppliers]}


async def get_shipment_suppliers_serialized_v2(session: AsyncSession, shipment_id: int) -> dict[str, object] | None:
    item = await session.get(Shipment, shipment_id, options=[selectinload(Shipment.suppliers)])
    return serialize_shipment_suppliers_v2(item) if item is not None else None


async def reload_shipment_suppliers(session: AsyncSession, item: Shipment) -> int:
    await session.refresh(item, ["suppliers"])
    return len(item.suppliers)


async def reload_shipment_suppliers_v2(session: AsyncSession, item: Shipment) -> int:
    await session.refresh(item, ["suppliers"])
    return len(item.suppliers)


async def warehouse_ids_having_folders(session: AsyncSession) -> list[int]:
    stmt = select(Warehouse.id).where(Warehouse.folders.any())
    return list((await session.scalars(stmt)).all())


async def shipment_weight_v4(session: AsyncSession, shipment_id: int) -> int:
    item = await session.scalar(
        select(Shipment).where(Shipment.id == shipment_id).options(selectinload(Shipment.suppliers), selectinload(Shipment.user))
    )
    if item is None:
        return 0
    return len([x.id for x in item.suppliers]) + item.user.id


async def delete_review(session: AsyncSession, review_id: int) -> bool:
    item = await session.get(Review, review_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def delete_shipment(session: AsyncSession, shipment_id: int) -> bool:
    item = await session.get(Shipment, shipment_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def find_invoice_sprint_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Invoice).where(Invoice.name == name).options(joinedload(Invoice.sprint))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.sprint.name


async def find_milestone_task_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Milestone).where(Milestone.name == name).options(joinedload(Milestone.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name if item.task is not None else None
