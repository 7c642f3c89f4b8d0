"""Queries around Project."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import Attachment, Comment, Order, Organization, Product, Project, Task, User, Webhook


async def reload_project_orders(session: AsyncSession, item: Project) -> int:
    await session.refresh(item, ["orders"])
    return len(item.orders)


async def count_projects_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Project).where(Project.organization_id == organization_id)
    )
    return total or 0


async def load_project_orders_documents(session: AsyncSession, project_id: int) -> dict[int, object]:
    stmt = (
        select(Project)
        .where(Project.id == project_id)
        .options(selectinload(Project.orders).selectinload(Order.documents))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.documents] for child in item.orders}


async def list_projects_in_organization(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Project)
        .join(Project.organization)
        .where(Organization.name == parent_name)
        .options(contains_eager(Project.organization))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.organization.name for row in rows]


async def find_project_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Project).where(Project.name == name).options(joinedload(Project.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def list_comment_task_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Comment, Task).join(Comment.task).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def project_weight(session: AsyncSession, project_id: int) -> int:
    item = await session.scalar(
        select(Project).where(Project.id == project_id).options(selectinload(Project.organization), selectinload(Project.orders))
    )
    if item is None:
        return 0
    return item.organization.id + len([x.id for x in item.orders])


async def list_tasks_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Task.customers), joinedload(Task.organization)]
    stmt = select(Task).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.customers) + row.organization.id for row in rows]


def serialize_user_attachments(item: User) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "attachments": [x.id for x in item.attachments]}


async def get_user_attachments_serialized(session: AsyncSession, user_id: int) -> dict[str, object] | None:
    item = await session.get(User, user_id, options=[selectinload(User.attachments)])
    return serialize_user_attachments(item) if item is not None else None


async def get_project_with_organization(session: AsyncSession, project_id: int) -> object:
    item = await session.get(Project, project_id, options=[selectinload(Project.organization)])
    if item is None:
        return None
    return item.organization.id


async def create_project(session: AsyncSession, name: str, organization_id: int) -> int:
    item = Project(name=name, organization_id=organization_id, orders=[])
    session.add(item)
    await session.flush()
    assert not item.orders  # set by the constructor: no IO
    return item.id


async def find_project_organization_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Project).where(Project.name == name).options(joinedload(Project.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def list_webhooks_with_attachments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Webhook).options(selectinload(Webhook.attachments)).order_by(Webhook.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "attachments": len(row.attachments)} for row in rows]


async def delete_project(session: AsyncSession, project_id: int) -> bool:
    item = await session.get(Project, project_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def list_projects_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Project.orders), joinedload(Project.organization)]
    stmt = select(Project).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.orders) + row.organization.id for row in rows]


async def project_weight_v2(session: AsyncSession, project_id: int) -> int:
    item = await session.scalar(
        select(Project).where(Project.id == project_id).options(selectinload(Project.organization), selectinload(Project.orders))
    )
    if item is None:
        return 0
    return item.organization.id + len([x.id for x in item.orders])


async def count_projects_by_organization_id_v2(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Project).where(Project.organization_id == organization_id)
    )
    return total or 0


async def list_attachments_joined_invoice_lines(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Attachment).where(Attachment.is_active == active).options(joinedload(Attachment.invoice_lines))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.invoice_lines) for row in rows}


def serialize_project_orders(item: Project) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "orders": [x.id for x in item.orders]}


async def get_project_orders_serialized(session: AsyncSession, project_id: int) -> dict[str, object] | None:
    item = await session.get(Project, project_id, options=[selectinload(Project.orders)])
    return serialize_project_orders(item) if item is not None else None


async def reload_project_orders_v2(session: AsyncSession, item: Project) -> int:
    await session.refresh(item, ["orders"])
    return len(item.orders)


def serialize_project_orders_v2(item: Project) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "orders": [x.id for x in item.orders]}


async def get_project_orders_serialized_v2(session: AsyncSession, project_id: int) -> dict[str, object] | None:
    item = await session.get(Project, project_id, options=[selectinload(Project.orders)])
    return serialize_project_orders_v2(item) if item is not None else None


async def load_project_orders_documents_v2(session: AsyncSession, project_id: int) -> dict[int, object]:
    stmt = (
        select(Project)
        .where(Project.id == project_id)
        .options(selectinload(Project.orders).selectinload(Order.documents))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.documents] for child in item.orders}


async def count_products_by_invoice_id(session: AsyncSession, invoice_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Product).where(Product.invoice_id == invoice_id)
    )
    return total or 0


async def get_project_with_organization_v2(session: AsyncSession, project_id: int) -> object:
    item = await session.get(Project, project_id, options=[selectinload(Project.organization)])
    if item is None:
        return None
    return item.organization.id


async def load_project_orders_warehouses(session: AsyncSession, project_id: int) -> dict[int, object]:
    stmt = (
        select(Project)
        .where(Project.id == project_id)
        .options(selectinload(Project.orders).selectinload(Order.warehouses))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.warehouses] for child in item.orders}
