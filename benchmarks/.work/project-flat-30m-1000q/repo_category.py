"""Queries around Category."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import Address, Attachment, Category, Milestone, Payment, Product, Project, Task


async def find_category_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Category).where(Category.name == name).options(joinedload(Category.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name if item.organization is not None else None


async def category_organization_on_demand(session: AsyncSession, category_id: int) -> list[int]:
    item = await session.get(Category, category_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.organization
    return [related.id] if related is not None else []


async def find_project_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Project).where(Project.name == name).options(joinedload(Project.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def category_weight(session: AsyncSession, category_id: int) -> int:
    item = await session.scalar(
        select(Category).where(Category.id == category_id).options(selectinload(Category.payments), selectinload(Category.organization))
    )
    if item is None:
        return 0
    return len([x.id for x in item.payments]) + (item.organization.id if item.organization is not None else 0)


async def delete_category(session: AsyncSession, category_id: int) -> bool:
    item = await session.get(Category, category_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def get_attachment_with_webhooks(session: AsyncSession, attachment_id: int) -> object:
    item = await session.get(Attachment, attachment_id, options=[selectinload(Attachment.webhooks)])
    if item is None:
        return None
    return [x.id for x in item.webhooks]


async def load_category_addresses_organizations(session: AsyncSession, category_id: int) -> dict[int, object]:
    stmt = (
        select(Category)
        .where(Category.id == category_id)
        .options(selectinload(Category.addresses).selectinload(Address.organizations))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.organizations] for child in item.addresses}


async def category_payments_on_demand(session: AsyncSession, category_id: int) -> list[int]:
    item = await session.get(Category, category_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.payments
    return [x.id for x in related]


async def delete_address(session: AsyncSession, address_id: int) -> bool:
    item = await session.get(Address, address_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def list_categories_with_payments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Category).options(selectinload(Category.payments)).order_by(Category.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "payments": len(row.payments)} for row in rows]


async def list_category_milestone_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Category, Milestone).join(Category.milestone).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def category_weight_v2(session: AsyncSession, category_id: int) -> int:
    item = await session.scalar(
        select(Category).where(Category.id == category_id).options(selectinload(Category.addresses), selectinload(Category.organization))
    )
    if item is None:
        return 0
    return len([x.id for x in item.addresses]) + (item.organization.id if item.organization is not None else 0)


async def list_category_milestone_pairs_v2(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Category, Milestone).join(Category.milestone).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def load_category_payments_categories(session: AsyncSession, category_id: int) -> dict[int, object]:
    stmt = (
        select(Category)
        .where(Category.id == category_id)
        .options(selectinload(Category.payments).selectinload(Payment.categories))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.categories] for child in item.payments}


async def category_weight_v3(session: AsyncSession, category_id: int) -> int:
    item = await session.scalar(
        select(Category).where(Category.id == category_id).options(selectinload(Category.payments), selectinload(Category.organization))
    )
    if item is None:
        return 0
    return len([x.id for x in item.payments]) + (item.organization.id if item.organization is not None else 0)


async def list_categories_with_payments_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Category).options(selectinload(Category.payments)).order_by(Category.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "payments": len(row.payments)} for row in rows]


async def find_category_organization_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Category).where(Category.name == name).options(joinedload(Category.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name if item.organization is not None else None


async def count_milestones_by_task_id(session: AsyncSession, task_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Milestone).where(Milestone.task_id == task_id)
    )
    return total or 0


async def count_categories_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Category).where(Category.organization_id == organization_id)
    )
    return total or 0


async def get_task_with_customers(session: AsyncSession, task_id: int) -> object:
    item = await session.get(Task, task_id, options=[selectinload(Task.customers)])
    if item is None:
        return None
    return [x.id for x in item.customers]


async def get_product_with_webhooks(session: AsyncSession, product_id: int) -> object:
    item = await session.get(Product, product_id, options=[selectinload(Product.webhooks)])
    if item is None:
        return None
    return [x.id for x in item.webhooks]


async def category_milestone_on_demand(session: AsyncSession, category_id: int) -> list[int]:
    item = await session.get(Category, category_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.milestone
    return [related.id]


async def rename_category(session: AsyncSession, category_id: int, name: str) -> bool:
    item = await session.get(Category, category_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def list_categories_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Category.addresses), joinedload(Category.milestone)]
    stmt = select(Category).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.addresses) + row.milestone.id for row in rows]


async def category_payments_milestone_flat(session: AsyncSession, category_id: int) -> list[object]:
    stmt = select(Category).where(Category.id == category_id).options(selectinload(Category.payments))
    item = (await session.execute(stmt)).scalar_one()
    out: list[object] = []
    for child in item.payments:
        out.append((child.milestone.id if child.milestone is not None else 0))  # MISTAKE: nested not loaded
    return out
