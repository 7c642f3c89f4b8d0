"""Queries around Sprint."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import Address, AuditEntry, Customer, Invoice, Order, Product, Sprint, Task


async def find_sprint_task_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Sprint).where(Sprint.name == name).options(joinedload(Sprint.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name


async def list_sprints_with_invoices(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Sprint).options(selectinload(Sprint.invoices)).order_by(Sprint.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoices": len(row.invoices)} for row in rows]


async def sprint_invoices_on_demand(session: AsyncSession, sprint_id: int) -> list[int]:
    item = await session.get(Sprint, sprint_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.invoices
    return [x.id for x in related]


async def list_product_invoice_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Product, Invoice).join(Product.invoice).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def create_sprint(session: AsyncSession, name: str, task_id: int) -> int:
    item = Sprint(name=name, task_id=task_id, invoices=[])
    session.add(item)
    await session.flush()
    assert not item.invoices  # set by the constructor: no IO
    return item.id


async def count_sprints_by_task_id(session: AsyncSession, task_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Sprint).where(Sprint.task_id == task_id)
    )
    return total or 0


async def list_addresses_with_organizations(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Address).options(selectinload(Address.organizations)).order_by(Address.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "organizations": len(row.organizations)} for row in rows]


async def get_sprint_with_task(session: AsyncSession, sprint_id: int) -> object:
    item = await session.get(Sprint, sprint_id, options=[selectinload(Sprint.task)])
    if item is None:
        return None
    return item.task.id


async def get_sprint_with_customers(session: AsyncSession, sprint_id: int) -> object:
    item = await session.get(Sprint, sprint_id, options=[selectinload(Sprint.customers)])
    if item is None:
        return None
    return [x.id for x in item.customers]


async def list_sprints_with_invoices_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Sprint).options(selectinload(Sprint.invoices)).order_by(Sprint.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoices": len(row.invoices)} for row in rows]


async def create_sprint_v2(session: AsyncSession, name: str, task_id: int) -> int:
    item = Sprint(name=name, task_id=task_id, invoices=[])
    session.add(item)
    await session.flush()
    assert not item.invoices  # set by the constructor: no IO
    return item.id


async def list_sprint_task_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Sprint, Task).join(Sprint.task).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def stream_sprints_customers(session: AsyncSession) -> list[int]:
    stmt = select(Sprint).options(selectinload(Sprint.customers))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.customers))
    return out


async def find_sprint_task_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Sprint).where(Sprint.name == name).options(joinedload(Sprint.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name


async def list_sprints_with_customers(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Sprint).options(selectinload(Sprint.customers)).order_by(Sprint.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "customers": len(row.customers)} for row in rows]


async def find_sprint_task_name_v3(session: AsyncSession, name: str) -> str | None:
    stmt = select(Sprint).where(Sprint.name == name).options(joinedload(Sprint.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name


async def find_sprint_task_name_v4(session: AsyncSession, name: str) -> str | None:
    stmt = select(Sprint).where(Sprint.name == name).options(joinedload(Sprint.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name


async def count_audit_entries_by_product_id(session: AsyncSession, product_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.product_id == product_id)
    )
    return total or 0


async def delete_sprint(session: AsyncSession, sprint_id: int) -> bool:
    item = await session.get(Sprint, sprint_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def load_sprint_customers_sprint(session: AsyncSession, sprint_id: int) -> dict[int, object]:
    stmt = (
        select(Sprint)
        .where(Sprint.id == sprint_id)
        .options(selectinload(Sprint.customers).selectinload(Customer.sprint))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.sprint.id for child in item.customers}


async def stream_sprints_invoices(session: AsyncSession) -> list[int]:
    stmt = select(Sprint).options(selectinload(Sprint.invoices))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.invoices))
    return out


async def list_sprint_task_pairs_v2(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Sprint, Task).join(Sprint.task).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def sprint_weight(session: AsyncSession, sprint_id: int) -> int:
    item = await session.scalar(
        select(Sprint).where(Sprint.id == sprint_id).options(selectinload(Sprint.customers), selectinload(Sprint.invoices))
    )
    if item is None:
        return 0
    return len([x.id for x in item.customers]) + len([x.id for x in item.invoices])


async def load_sprint_invoices_tag(session: AsyncSession, sprint_id: int) -> dict[int, object]:
    stmt = (
        select(Sprint)
        .where(Sprint.id == sprint_id)
        .options(selectinload(Sprint.invoices).selectinload(Invoice.tag))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.tag.id for child in item.invoices}


async def delete_order(session: AsyncSession, order_id: int) -> bool:
    item = await session.get(Order, order_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True
