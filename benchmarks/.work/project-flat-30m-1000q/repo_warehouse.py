"""Queries around Warehouse."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import (
    Address,
    Category,
    Folder,
    Milestone,
    Order,
    OrderLine,
    Payment,
    Supplier,
    Tag,
    Team,
    Warehouse,
)


async def warehouse_order_on_demand(session: AsyncSession, warehouse_id: int) -> list[int]:
    item = await session.get(Warehouse, warehouse_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.order
    return [related.id] if related is not None else []


async def delete_warehouse(session: AsyncSession, warehouse_id: int) -> bool:
    item = await session.get(Warehouse, warehouse_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def count_warehouses_by_order_id(session: AsyncSession, order_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Warehouse).where(Warehouse.order_id == order_id)
    )
    return total or 0


async def find_warehouse_order_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Warehouse).where(Warehouse.name == name).options(joinedload(Warehouse.order))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.order.name if item.order is not None else None


async def warehouse_ids_having_folders(session: AsyncSession) -> list[int]:
    stmt = select(Warehouse.id).where(Warehouse.folders.any())
    return list((await session.scalars(stmt)).all())


async def list_tags_with_invoice_lines(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Tag).options(selectinload(Tag.invoice_lines)).order_by(Tag.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoice_lines": len(row.invoice_lines)} for row in rows]


async def list_warehouse_order_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Warehouse, Order).join(Warehouse.order).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


def warehouse_folders_count(item: Loaded[Warehouse, Literal["folders"]]) -> int:
    return len(item.folders)


async def get_warehouse_folders_count(session: AsyncSession, warehouse_id: int) -> int:
    stmt = select(Warehouse).where(Warehouse.id == warehouse_id).options(selectinload(Warehouse.folders))
    item = (await session.execute(stmt)).scalar_one()
    return warehouse_folders_count(item)


async def get_warehouse_with_order(session: AsyncSession, warehouse_id: int) -> object:
    item = await session.get(Warehouse, warehouse_id, options=[selectinload(Warehouse.order)])
    if item is None:
        return None
    return (item.order.id if item.order is not None else 0)


async def get_warehouse_with_order_v2(session: AsyncSession, warehouse_id: int) -> object:
    item = await session.get(Warehouse, warehouse_id, options=[selectinload(Warehouse.order)])
    if item is None:
        return None
    return (item.order.id if item.order is not None else 0)


async def rename_team(session: AsyncSession, team_id: int, name: str) -> bool:
    item = await session.get(Team, team_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def rename_warehouse(session: AsyncSession, warehouse_id: int, name: str) -> bool:
    item = await session.get(Warehouse, warehouse_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def list_warehouses_with_folders(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Warehouse).options(selectinload(Warehouse.folders)).order_by(Warehouse.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "folders": len(row.folders)} for row in rows]


async def find_address_category_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Address).where(Address.name == name).options(joinedload(Address.category))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.category.name


async def list_order_lines_in_milestone(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(OrderLine)
        .join(OrderLine.milestone)
        .where(Milestone.name == parent_name)
        .options(contains_eager(OrderLine.milestone))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.milestone.name for row in rows]


async def list_warehouses_with_folders_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Warehouse).options(selectinload(Warehouse.folders)).order_by(Warehouse.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "folders": len(row.folders)} for row in rows]


async def rename_supplier(session: AsyncSession, supplier_id: int, name: str) -> bool:
    item = await session.get(Supplier, supplier_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def create_payment(session: AsyncSession, name: str, organization_id: int, milestone_id: int | None) -> int:
    item = Payment(name=name, organization_id=organization_id, milestone_id=milestone_id, categories=[])
    session.add(item)
    await session.flush()
    assert not item.categories  # set by the constructor: no IO
    return item.id


async def get_warehouse_with_order_v3(session: AsyncSession, warehouse_id: int) -> object:
    item = await session.get(Warehouse, warehouse_id, options=[selectinload(Warehouse.order)])
    if item is None:
        return None
    return (item.order.id if item.order is not None else 0)


async def find_warehouse_order_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Warehouse).where(Warehouse.name == name).options(joinedload(Warehouse.order))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.order.name if item.order is not None else None


async def get_warehouse_with_folders(session: AsyncSession, warehouse_id: int) -> object:
    item = await session.get(Warehouse, warehouse_id, options=[selectinload(Warehouse.folders)])
    if item is None:
        return None
    return [x.id for x in item.folders]


async def find_warehouse_order_name_v3(session: AsyncSession, name: str) -> str | None:
    stmt = select(Warehouse).where(Warehouse.name == name).options(joinedload(Warehouse.order))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.order.name if item.order is not None else None


async def category_ids_having_addresses(session: AsyncSession) -> list[int]:
    stmt = select(Category.id).where(Category.addresses.any())
    return list((await session.scalars(stmt)).all())


async def load_warehouse_folders_warehouse(session: AsyncSession, warehouse_id: int) -> dict[int, object]:
    stmt = (
        select(Warehouse)
        .where(Warehouse.id == warehouse_id)
        .options(selectinload(Warehouse.folders).joinedload(Folder.warehouse))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.warehouse.id for child in item.folders}


async def scan_tags_folders(session: AsyncSession, limit: int = 100) -> int:
    # Tag.folders is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Tag).limit(limit))).all()
    return sum(len(row.folders) for row in rows)
