"""Queries around Milestone."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Customer,
    Folder,
    Invoice,
    Milestone,
    Notification,
    Order,
    OrderLine,
    Payment,
    Product,
    Review,
    Role,
    Shipment,
    Supplier,
    Tag,
    Task,
    Warehouse,
)


async def milestone_weight(session: AsyncSession, milestone_id: int) -> int:
    item = await session.scalar(
        select(Milestone).where(Milestone.id == milestone_id).options(selectinload(Milestone.task), selectinload(Milestone.order_lines))
    )
    if item is None:
        return 0
    return (item.task.id if item.task is not None else 0) + len([x.id for x in item.order_lines])


async def list_milestone_task_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Milestone, Task).join(Milestone.task).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def scan_milestones_categories(session: AsyncSession, limit: int = 100) -> int:
    # Milestone.categories is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Milestone).limit(limit))).all()
    return sum(len(row.categories) for row in rows)


async def load_customer_reviews_customer(session: AsyncSession, customer_id: int) -> dict[int, object]:
    stmt = (
        select(Customer)
        .where(Customer.id == customer_id)
        .options(selectinload(Customer.reviews).selectinload(Review.customer))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.customer.id for child in item.reviews}


async def load_invoice_products_webhooks(session: AsyncSession, invoice_id: int) -> dict[int, object]:
    stmt = (
        select(Invoice)
        .where(Invoice.id == invoice_id)
        .options(selectinload(Invoice.products).selectinload(Product.webhooks))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.webhooks] for child in item.products}


async def delete_milestone(session: AsyncSession, milestone_id: int) -> bool:
    item = await session.get(Milestone, milestone_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def stream_products_audit_entries(session: AsyncSession) -> list[int]:
    stmt = select(Product).options(selectinload(Product.audit_entries))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.audit_entries))
    return out


async def stream_tasks_comments(session: AsyncSession) -> list[int]:
    stmt = select(Task).options(selectinload(Task.comments))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.comments))
    return out


async def count_milestones_by_task_id(session: AsyncSession, task_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Milestone).where(Milestone.task_id == task_id)
    )
    return total or 0


async def list_notification_order_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Notification, Order).join(Notification.order).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def warehouse_weight(session: AsyncSession, warehouse_id: int) -> int:
    item = await session.scalar(
        select(Warehouse).where(Warehouse.id == warehouse_id).options(selectinload(Warehouse.folders), selectinload(Warehouse.order))
    )
    if item is None:
        return 0
    return len([x.id for x in item.folders]) + (item.order.id if item.order is not None else 0)


async def load_milestone_payments_folders(session: AsyncSession, milestone_id: int) -> dict[int, object]:
    stmt = (
        select(Milestone)
        .where(Milestone.id == milestone_id)
        .options(selectinload(Milestone.payments).selectinload(Payment.folders))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.folders] for child in item.payments}


async def count_milestones_by_task_id_v2(session: AsyncSession, task_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Milestone).where(Milestone.task_id == task_id)
    )
    return total or 0


async def milestone_task_on_demand(session: AsyncSession, milestone_id: int) -> list[int]:
    item = await session.get(Milestone, milestone_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.task
    return [related.id] if related is not None else []


async def list_milestones_with_categories(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Milestone).options(selectinload(Milestone.categories)).order_by(Milestone.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "categories": len(row.categories)} for row in rows]


async def list_supplier_shipment_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Supplier, Shipment).join(Supplier.shipment).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def milestone_task_on_demand_v2(session: AsyncSession, milestone_id: int) -> list[int]:
    item = await session.get(Milestone, milestone_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.task
    return [related.id] if related is not None else []


async def rename_milestone(session: AsyncSession, milestone_id: int, name: str) -> bool:
    item = await session.get(Milestone, milestone_id)
    if item is None:
        return False
    item.name = name
    item.is_active = True
    await session.commit()
    return True


async def tag_ids_having_folders(session: AsyncSession) -> list[int]:
    stmt = select(Tag.id).where(Tag.folders.any())
    return list((await session.scalars(stmt)).all())


async def list_milestones_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Milestone.permissions), joinedload(Milestone.task)]
    stmt = select(Milestone).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.permissions) + (row.task.id if row.task is not None else 0) for row in rows]


async def create_order_line(session: AsyncSession, name: str, comment_id: int, milestone_id: int) -> int:
    item = OrderLine(name=name, comment_id=comment_id, milestone_id=milestone_id, addresses=[])
    session.add(item)
    await session.flush()
    assert not item.addresses  # set by the constructor: no IO
    return item.id


async def milestone_categories_on_demand(session: AsyncSession, milestone_id: int) -> list[int]:
    item = await session.get(Milestone, milestone_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.categories
    return [x.id for x in related]


async def create_folder(session: AsyncSession, name: str, warehouse_id: int) -> int:
    item = Folder(name=name, warehouse_id=warehouse_id, tags=[])
    session.add(item)
    await session.flush()
    assert not item.tags  # set by the constructor: no IO
    return item.id


async def find_milestone_task_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Milestone).where(Milestone.name == name).options(joinedload(Milestone.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name if item.task is not None else None


async def count_roles_by_notification_id(session: AsyncSession, notification_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Role).where(Role.notification_id == notification_id)
    )
    return total or 0
