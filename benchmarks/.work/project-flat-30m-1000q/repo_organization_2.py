"""Queries around Organization."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import (
    Attachment,
    Category,
    Customer,
    Order,
    Organization,
    Payment,
    Project,
    Review,
    Tag,
    Team,
    User,
    Webhook,
)


async def scan_organizations_payments(session: AsyncSession, limit: int = 100) -> int:
    # Organization.payments is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Organization).limit(limit))).all()
    return sum(len(row.payments) for row in rows)


async def reload_organization_payments(session: AsyncSession, item: Organization) -> int:
    await session.refresh(item, ["payments"])
    return len(item.payments)


async def get_organization_with_teams(session: AsyncSession, organization_id: int) -> object:
    item = await session.get(Organization, organization_id, options=[selectinload(Organization.teams)])
    if item is None:
        return None
    return [x.id for x in item.teams]


async def load_organization_teams_attachments(session: AsyncSession, organization_id: int) -> dict[int, object]:
    stmt = (
        select(Organization)
        .where(Organization.id == organization_id)
        .options(selectinload(Organization.teams).selectinload(Team.attachments))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.attachments] for child in item.teams}


async def rename_organization(session: AsyncSession, organization_id: int, name: str) -> bool:
    item = await session.get(Organization, organization_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def load_organization_webhooks_product(session: AsyncSession, organization_id: int) -> dict[int, object]:
    stmt = (
        select(Organization)
        .where(Organization.id == organization_id)
        .options(selectinload(Organization.webhooks).joinedload(Webhook.product))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.product.id for child in item.webhooks}


async def rename_order(session: AsyncSession, order_id: int, name: str) -> bool:
    item = await session.get(Order, order_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def rename_project(session: AsyncSession, project_id: int, name: str) -> bool:
    item = await session.get(Project, project_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def create_user(session: AsyncSession, name: str, organization_id: int) -> int:
    item = User(name=name, organization_id=organization_id, attachments=[])
    session.add(item)
    await session.flush()
    assert not item.attachments  # set by the constructor: no IO
    return item.id


async def get_organization_with_categories(session: AsyncSession, organization_id: int) -> object:
    item = await session.get(Organization, organization_id, options=[selectinload(Organization.categories)])
    if item is None:
        return None
    return [x.id for x in item.categories]


async def load_organization_orders_organization(session: AsyncSession, organization_id: int) -> dict[int, object]:
    stmt = (
        select(Organization)
        .where(Organization.id == organization_id)
        .options(selectinload(Organization.orders).joinedload(Order.organization))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.organization.id for child in item.orders}


async def organization_ids_having_tasks(session: AsyncSession) -> list[int]:
    stmt = select(Organization.id).where(Organization.tasks.any())
    return list((await session.scalars(stmt)).all())


async def review_weight(session: AsyncSession, review_id: int) -> int:
    item = await session.scalar(
        select(Review).where(Review.id == review_id).options(selectinload(Review.customer))
    )
    if item is None:
        return 0
    return item.customer.id


async def get_organization_with_payments(session: AsyncSession, organization_id: int) -> object:
    item = await session.get(Organization, organization_id, options=[selectinload(Organization.payments)])
    if item is None:
        return None
    return [x.id for x in item.payments]


async def list_organizations_with_teams(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Organization).options(selectinload(Organization.teams)).order_by(Organization.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "teams": len(row.teams)} for row in rows]


async def organization_weight(session: AsyncSession, organization_id: int) -> int:
    item = await session.scalar(
        select(Organization).where(Organization.id == organization_id).options(selectinload(Organization.users), selectinload(Organization.webhooks))
    )
    if item is None:
        return 0
    return len([x.id for x in item.users]) + len([x.id for x in item.webhooks])


async def count_tags_by_comment_id(session: AsyncSession, comment_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Tag).where(Tag.comment_id == comment_id)
    )
    return total or 0


async def list_attachments_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Attachment.webhooks), joinedload(Attachment.user)]
    stmt = select(Attachment).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.webhooks) + row.user.id for row in rows]


async def list_webhooks_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Webhook.attachments), joinedload(Webhook.product)]
    stmt = select(Webhook).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.attachments) + row.product.id for row in rows]


async def organization_weight_v2(session: AsyncSession, organization_id: int) -> int:
    item = await session.scalar(
        select(Organization).where(Organization.id == organization_id).options(selectinload(Organization.webhooks), selectinload(Organization.orders))
    )
    if item is None:
        return 0
    return len([x.id for x in item.webhooks]) + len([x.id for x in item.orders])


async def create_organization(session: AsyncSession, name: str) -> int:
    item = Organization(name=name, users=[])
    session.add(item)
    await session.flush()
    assert not item.users  # set by the constructor: no IO
    return item.id


def serialize_category_addresses(item: Category) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "addresses": [x.id for x in item.addresses]}


async def get_category_addresses_serialized(session: AsyncSession, category_id: int) -> dict[str, object] | None:
    item = await session.get(Category, category_id, options=[selectinload(Category.addresses)])
    return serialize_category_addresses(item) if item is not None else None


async def list_payments_in_organization(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Payment)
        .join(Payment.organization)
        .where(Organization.name == parent_name)
        .options(contains_eager(Payment.organization))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.organization.name for row in rows]


async def find_customer_sprint_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Customer).where(Customer.name == name).options(joinedload(Customer.sprint))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.sprint.name


async def list_orders_joined_notifications(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Order).where(Order.is_active == active).options(joinedload(Order.notifications))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.notifications) for row in rows}
