"""Queries around User."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import (
    Address,
    Category,
    Customer,
    Invoice,
    Organization,
    Payment,
    Product,
    Review,
    Sprint,
    Task,
    Team,
    User,
    Webhook,
)


async def count_users_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(User).where(User.organization_id == organization_id)
    )
    return total or 0


async def count_reviews_by_customer_id(session: AsyncSession, customer_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Review).where(Review.customer_id == customer_id)
    )
    return total or 0


async def find_team_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Team).where(Team.name == name).options(joinedload(Team.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def user_shipments_on_demand(session: AsyncSession, user_id: int) -> list[int]:
    item = await session.get(User, user_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.shipments
    return [x.id for x in related]


async def delete_sprint(session: AsyncSession, sprint_id: int) -> bool:
    item = await session.get(Sprint, sprint_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


def serialize_user_shipments(item: User) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "shipments": [x.id for x in item.shipments]}


async def get_user_shipments_serialized(session: AsyncSession, user_id: int) -> dict[str, object] | None:
    item = await session.get(User, user_id, options=[selectinload(User.shipments)])
    return serialize_user_shipments(item) if item is not None else None


async def list_users_with_shipments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(User).options(selectinload(User.shipments)).order_by(User.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "shipments": len(row.shipments)} for row in rows]


async def get_user_with_payments(session: AsyncSession, user_id: int) -> object:
    item = await session.get(User, user_id, options=[selectinload(User.payments)])
    if item is None:
        return None
    return [x.id for x in item.payments]


async def count_users_by_organization_id_v2(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(User).where(User.organization_id == organization_id)
    )
    return total or 0


async def get_user_with_payments_v2(session: AsyncSession, user_id: int) -> object:
    item = await session.get(User, user_id, options=[selectinload(User.payments)])
    if item is None:
        return None
    return [x.id for x in item.payments]


async def list_users_in_organization(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(User)
        .join(User.organization)
        .where(Organization.name == parent_name)
        .options(contains_eager(User.organization))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.organization.name for row in rows]


async def create_user(session: AsyncSession, name: str, organization_id: int) -> int:
    item = User(name=name, organization_id=organization_id, attachments=[])
    session.add(item)
    await session.flush()
    assert not item.attachments  # set by the constructor: no IO
    return item.id


async def list_webhooks_in_product(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Webhook)
        .join(Webhook.product)
        .where(Product.name == parent_name)
        .options(contains_eager(Webhook.product))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.product.name for row in rows]


async def load_user_payments_users(session: AsyncSession, user_id: int) -> dict[int, object]:
    stmt = (
        select(User)
        .where(User.id == user_id)
        .options(selectinload(User.payments).selectinload(Payment.users))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.users] for child in item.payments}


async def create_category(session: AsyncSession, name: str, organization_id: int | None, milestone_id: int) -> int:
    item = Category(name=name, organization_id=organization_id, milestone_id=milestone_id, addresses=[])
    session.add(item)
    await session.flush()
    assert not item.addresses  # set by the constructor: no IO
    return item.id


async def category_addresses_on_demand(session: AsyncSession, category_id: int) -> list[int]:
    item = await session.get(Category, category_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.addresses
    return [x.id for x in related]


async def list_invoices_with_products(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Invoice).options(selectinload(Invoice.products)).order_by(Invoice.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "products": len(row.products)} for row in rows]


async def delete_user(session: AsyncSession, user_id: int) -> bool:
    item = await session.get(User, user_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def create_payment(session: AsyncSession, name: str, organization_id: int, milestone_id: int | None) -> int:
    item = Payment(name=name, organization_id=organization_id, milestone_id=milestone_id, categories=[])
    session.add(item)
    await session.flush()
    assert not item.categories  # set by the constructor: no IO
    return item.id


async def list_users_in_organization_v2(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(User)
        .join(User.organization)
        .where(Organization.name == parent_name)
        .options(contains_eager(User.organization))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.organization.name for row in rows]


async def count_users_by_organization_id_v3(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(User).where(User.organization_id == organization_id)
    )
    return total or 0


async def user_weight(session: AsyncSession, user_id: int) -> int:
    item = await session.scalar(
        select(User).where(User.id == user_id).options(selectinload(User.attachments), selectinload(User.organization))
    )
    if item is None:
        return 0
    return len([x.id for x in item.attachments]) + item.organization.id


async def load_task_customers_sprint(session: AsyncSession, task_id: int) -> dict[int, object]:
    stmt = (
        select(Task)
        .where(Task.id == task_id)
        .options(selectinload(Task.customers).joinedload(Customer.sprint))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.sprint.id for child in item.customers}


async def address_weight(session: AsyncSession, address_id: int) -> int:
    item = await session.scalar(
        select(Address).where(Address.id == address_id).options(selectinload(Address.category), selectinload(Address.organizations))
    )
    if item is None:
        return 0
    return item.category.id + len([x.id for x in item.organizations])


async def user_attachments_total(session: AsyncSession, user_id: int) -> int:
    item = await session.get(User, user_id, options=[selectinload(User.attachments)])
    return len(item.attachments)  # MISTAKE (mypy): item may be None
