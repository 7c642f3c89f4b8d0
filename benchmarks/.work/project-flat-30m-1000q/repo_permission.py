"""Queries around Permission."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import (
    Category,
    Customer,
    Document,
    Folder,
    Milestone,
    Notification,
    Organization,
    Permission,
    Product,
    Project,
    Role,
    Tag,
    Warehouse,
)


async def create_permission(session: AsyncSession, name: str, milestone_id: int | None) -> int:
    item = Permission(name=name, milestone_id=milestone_id)
    session.add(item)
    await session.flush()
    return item.id


async def list_projects_with_orders(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Project).options(selectinload(Project.orders)).order_by(Project.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "orders": len(row.orders)} for row in rows]


async def list_tags_with_invoices(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Tag).options(selectinload(Tag.invoices)).order_by(Tag.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoices": len(row.invoices)} for row in rows]


async def count_permissions_by_milestone_id(session: AsyncSession, milestone_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Permission).where(Permission.milestone_id == milestone_id)
    )
    return total or 0


async def get_permission_with_milestone(session: AsyncSession, permission_id: int) -> object:
    item = await session.get(Permission, permission_id, options=[selectinload(Permission.milestone)])
    if item is None:
        return None
    return (item.milestone.id if item.milestone is not None else 0)


async def find_permission_milestone_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Permission).where(Permission.name == name).options(joinedload(Permission.milestone))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.milestone.name if item.milestone is not None else None


async def get_permission_with_milestone_v2(session: AsyncSession, permission_id: int) -> object:
    item = await session.get(Permission, permission_id, options=[selectinload(Permission.milestone)])
    if item is None:
        return None
    return (item.milestone.id if item.milestone is not None else 0)


async def list_warehouses_joined_folders(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Warehouse).where(Warehouse.is_active == active).options(joinedload(Warehouse.folders))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.folders) for row in rows}


async def list_projects_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Project.orders), joinedload(Project.organization)]
    stmt = select(Project).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.orders) + row.organization.id for row in rows]


def notification_roles_count(item: Loaded[Notification, Literal["roles"]]) -> int:
    return len(item.roles)


async def get_notification_roles_count(session: AsyncSession, notification_id: int) -> int:
    stmt = select(Notification).where(Notification.id == notification_id).options(selectinload(Notification.roles))
    item = (await session.execute(stmt)).scalar_one()
    return notification_roles_count(item)


async def list_products_joined_audit_entries(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Product).where(Product.is_active == active).options(joinedload(Product.audit_entries))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.audit_entries) for row in rows}


async def delete_milestone(session: AsyncSession, milestone_id: int) -> bool:
    item = await session.get(Milestone, milestone_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def list_permission_milestone_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Permission, Milestone).join(Permission.milestone).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def tag_ids_having_invoices(session: AsyncSession) -> list[int]:
    stmt = select(Tag.id).where(Tag.invoices.any())
    return list((await session.scalars(stmt)).all())


async def find_permission_milestone_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Permission).where(Permission.name == name).options(joinedload(Permission.milestone))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.milestone.name if item.milestone is not None else None


async def list_warehouses_with_folders(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Warehouse).options(selectinload(Warehouse.folders)).order_by(Warehouse.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "folders": len(row.folders)} for row in rows]


def serialize_folder_payments(item: Folder) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "payments": [x.id for x in item.payments]}


async def get_folder_payments_serialized(session: AsyncSession, folder_id: int) -> dict[str, object] | None:
    item = await session.get(Folder, folder_id, options=[selectinload(Folder.payments)])
    return serialize_folder_payments(item) if item is not None else None


async def delete_role(session: AsyncSession, role_id: int) -> bool:
    item = await session.get(Role, role_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def list_documents_with_teams(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Document).options(selectinload(Document.teams)).order_by(Document.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "teams": len(row.teams)} for row in rows]


async def list_permission_milestone_pairs_v2(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Permission, Milestone).join(Permission.milestone).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def list_warehouses_with_folders_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Warehouse).options(selectinload(Warehouse.folders)).order_by(Warehouse.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "folders": len(row.folders)} for row in rows]


async def list_categories_in_organization(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Category)
        .join(Category.organization)
        .where(Organization.name == parent_name)
        .options(contains_eager(Category.organization))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.organization.name if row.organization is not None else "" for row in rows]


async def count_permissions_by_milestone_id_v2(session: AsyncSession, milestone_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Permission).where(Permission.milestone_id == milestone_id)
    )
    return total or 0


def serialize_customer_reviews(item: Customer) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "reviews": [x.id for x in item.reviews]}


async def get_customer_reviews_serialized(session: AsyncSession, customer_id: int) -> dict[str, object] | None:
    item = await session.get(Customer, customer_id, options=[selectinload(Customer.reviews)])
    return serialize_customer_reviews(item) if item is not None else None


async def warehouse_folders_on_demand(session: AsyncSession, warehouse_id: int) -> list[int]:
    item = await session.get(Warehouse, warehouse_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.folders
    return [x.id for x in related]
