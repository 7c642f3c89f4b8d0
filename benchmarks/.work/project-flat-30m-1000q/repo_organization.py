"""Queries around Organization."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import (
    Category,
    Comment,
    Document,
    Folder,
    Invoice,
    Milestone,
    Order,
    Organization,
    Payment,
    Tag,
    Task,
    Team,
)


async def list_organizations_joined_addresses(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Organization).where(Organization.is_active == active).options(joinedload(Organization.addresses))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.addresses) for row in rows}


def serialize_organization_payments(item: Organization) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "payments": [x.id for x in item.payments]}


async def get_organization_payments_serialized(session: AsyncSession, organization_id: int) -> dict[str, object] | None:
    item = await session.get(Organization, organization_id, options=[selectinload(Organization.payments)])
    return serialize_organization_payments(item) if item is not None else None


async def list_milestones_in_task(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Milestone)
        .join(Milestone.task)
        .where(Task.name == parent_name)
        .options(contains_eager(Milestone.task))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.task.name if row.task is not None else "" for row in rows]


async def list_comment_task_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Comment, Task).join(Comment.task).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def scan_organizations_users(session: AsyncSession, limit: int = 100) -> int:
    # Organization.users is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Organization).limit(limit))).all()
    return sum(len(row.users) for row in rows)


async def list_folders_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Folder.payments), joinedload(Folder.warehouse)]
    stmt = select(Folder).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.payments) + row.warehouse.id for row in rows]


async def get_organization_with_projects(session: AsyncSession, organization_id: int) -> object:
    item = await session.get(Organization, organization_id, options=[selectinload(Organization.projects)])
    if item is None:
        return None
    return [x.id for x in item.projects]


async def list_tags_with_invoice_lines(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Tag).options(selectinload(Tag.invoice_lines)).order_by(Tag.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoice_lines": len(row.invoice_lines)} for row in rows]


def organization_categories_count(item: Loaded[Organization, Literal["categories"]]) -> int:
    return len(item.categories)


async def get_organization_categories_count(session: AsyncSession, organization_id: int) -> int:
    stmt = select(Organization).where(Organization.id == organization_id).options(selectinload(Organization.categories))
    item = (await session.execute(stmt)).scalar_one()
    return organization_categories_count(item)


async def organization_weight(session: AsyncSession, organization_id: int) -> int:
    item = await session.scalar(
        select(Organization).where(Organization.id == organization_id).options(selectinload(Organization.categories), selectinload(Organization.tasks))
    )
    if item is None:
        return 0
    return len([x.id for x in item.categories]) + len([x.id for x in item.tasks])


async def organization_ids_having_webhooks(session: AsyncSession) -> list[int]:
    stmt = select(Organization.id).where(Organization.webhooks.any())
    return list((await session.scalars(stmt)).all())


async def list_organizations_with_teams(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Organization).options(selectinload(Organization.teams)).order_by(Organization.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "teams": len(row.teams)} for row in rows]


async def load_organization_payments_milestone(session: AsyncSession, organization_id: int) -> dict[int, object]:
    stmt = (
        select(Organization)
        .where(Organization.id == organization_id)
        .options(selectinload(Organization.payments).selectinload(Payment.milestone))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: (child.milestone.id if child.milestone is not None else 0) for child in item.payments}


async def organization_weight_v2(session: AsyncSession, organization_id: int) -> int:
    item = await session.scalar(
        select(Organization).where(Organization.id == organization_id).options(selectinload(Organization.payments), selectinload(Organization.teams))
    )
    if item is None:
        return 0
    return len([x.id for x in item.payments]) + len([x.id for x in item.teams])


async def create_organization(session: AsyncSession, name: str) -> int:
    item = Organization(name=name, users=[])
    session.add(item)
    await session.flush()
    assert not item.users  # set by the constructor: no IO
    return item.id


async def get_organization_with_categories(session: AsyncSession, organization_id: int) -> object:
    item = await session.get(Organization, organization_id, options=[selectinload(Organization.categories)])
    if item is None:
        return None
    return [x.id for x in item.categories]


async def create_order(session: AsyncSession, name: str, organization_id: int, project_id: int | None) -> int:
    item = Order(name=name, organization_id=organization_id, project_id=project_id, warehouses=[])
    session.add(item)
    await session.flush()
    assert not item.warehouses  # set by the constructor: no IO
    return item.id


async def list_teams_in_organization(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Team)
        .join(Team.organization)
        .where(Organization.name == parent_name)
        .options(contains_eager(Team.organization))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.organization.name for row in rows]


async def get_organization_with_teams(session: AsyncSession, organization_id: int) -> object:
    item = await session.get(Organization, organization_id, options=[selectinload(Organization.teams)])
    if item is None:
        return None
    return [x.id for x in item.teams]


async def scan_organizations_users_v2(session: AsyncSession, limit: int = 100) -> int:
    # Organization.users is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Organization).limit(limit))).all()
    return sum(len(row.users) for row in rows)


async def find_category_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Category).where(Category.name == name).options(joinedload(Category.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name if item.organization is not None else None


async def list_organizations_with_tasks(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Organization).options(selectinload(Organization.tasks)).order_by(Organization.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "tasks": len(row.tasks)} for row in rows]


async def list_categories_with_payments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Category).options(selectinload(Category.payments)).order_by(Category.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "payments": len(row.payments)} for row in rows]


async def list_document_order_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Document, Order).join(Document.order).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def count_invoices_by_tag_id(session: AsyncSession, tag_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Invoice).where(Invoice.tag_id == tag_id)
    )
    return total or 0
