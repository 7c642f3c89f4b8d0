"""Queries around Project."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import (
    AuditEntry,
    Comment,
    Milestone,
    Order,
    Organization,
    Product,
    Project,
    Tag,
    Task,
    Warehouse,
)


async def find_task_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Task).where(Task.name == name).options(joinedload(Task.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def scan_products_webhooks(session: AsyncSession, limit: int = 100) -> int:
    # Product.webhooks is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Product).limit(limit))).all()
    return sum(len(row.webhooks) for row in rows)


async def order_weight(session: AsyncSession, order_id: int) -> int:
    item = await session.scalar(
        select(Order).where(Order.id == order_id).options(selectinload(Order.project), selectinload(Order.notifications))
    )
    if item is None:
        return 0
    return (item.project.id if item.project is not None else 0) + len([x.id for x in item.notifications])


async def list_projects_joined_orders(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Project).where(Project.is_active == active).options(joinedload(Project.orders))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.orders) for row in rows}


async def list_projects_in_organization(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Project)
        .join(Project.organization)
        .where(Organization.name == parent_name)
        .options(contains_eager(Project.organization))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.organization.name for row in rows]


async def find_milestone_task_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Milestone).where(Milestone.name == name).options(joinedload(Milestone.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name if item.task is not None else None


async def create_project(session: AsyncSession, name: str, organization_id: int) -> int:
    item = Project(name=name, organization_id=organization_id, orders=[])
    session.add(item)
    await session.flush()
    assert not item.orders  # set by the constructor: no IO
    return item.id


async def delete_project(session: AsyncSession, project_id: int) -> bool:
    item = await session.get(Project, project_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def find_project_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Project).where(Project.name == name).options(joinedload(Project.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def count_projects_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Project).where(Project.organization_id == organization_id)
    )
    return total or 0


async def list_projects_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Project.orders), joinedload(Project.organization)]
    stmt = select(Project).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.orders) + row.organization.id for row in rows]


def serialize_tag_folders(item: Tag) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "folders": [x.id for x in item.folders]}


async def get_tag_folders_serialized(session: AsyncSession, tag_id: int) -> dict[str, object] | None:
    item = await session.get(Tag, tag_id, options=[selectinload(Tag.folders)])
    return serialize_tag_folders(item) if item is not None else None


async def project_ids_having_orders(session: AsyncSession) -> list[int]:
    stmt = select(Project.id).where(Project.orders.any())
    return list((await session.scalars(stmt)).all())


async def list_projects_in_organization_v2(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Project)
        .join(Project.organization)
        .where(Organization.name == parent_name)
        .options(contains_eager(Project.organization))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.organization.name for row in rows]


async def count_audit_entries_by_product_id(session: AsyncSession, product_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.product_id == product_id)
    )
    return total or 0


async def get_project_with_orders(session: AsyncSession, project_id: int) -> object:
    item = await session.get(Project, project_id, options=[selectinload(Project.orders)])
    if item is None:
        return None
    return [x.id for x in item.orders]


async def scan_orders_notifications(session: AsyncSession, limit: int = 100) -> int:
    # Order.notifications is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Order).limit(limit))).all()
    return sum(len(row.notifications) for row in rows)


async def get_project_with_orders_v2(session: AsyncSession, project_id: int) -> object:
    item = await session.get(Project, project_id, options=[selectinload(Project.orders)])
    if item is None:
        return None
    return [x.id for x in item.orders]


async def project_weight(session: AsyncSession, project_id: int) -> int:
    item = await session.scalar(
        select(Project).where(Project.id == project_id).options(selectinload(Project.orders), selectinload(Project.organization))
    )
    if item is None:
        return 0
    return len([x.id for x in item.orders]) + item.organization.id


async def list_products_with_audit_entries(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Product).options(selectinload(Product.audit_entries)).order_by(Product.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "audit_entries": len(row.audit_entries)} for row in rows]


async def count_warehouses_by_order_id(session: AsyncSession, order_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Warehouse).where(Warehouse.order_id == order_id)
    )
    return total or 0


async def delete_project_v2(session: AsyncSession, project_id: int) -> bool:
    item = await session.get(Project, project_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def list_projects_eager_v2(session: AsyncSession) -> list[int]:
    opts = [selectinload(Project.orders), joinedload(Project.organization)]
    stmt = select(Project).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.orders) + row.organization.id for row in rows]


async def scan_comments_products(session: AsyncSession, limit: int = 100) -> int:
    # Comment.products is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Comment).limit(limit))).all()
    return sum(len(row.products) for row in rows)


async def count_projects_by_organization_id_v2(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Project).where(Project.organization_id == organization_id)
    )
    return total or 0
