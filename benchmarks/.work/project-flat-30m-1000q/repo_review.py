"""Queries around Review."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Attachment,
    Category,
    Comment,
    Customer,
    Milestone,
    Notification,
    Order,
    OrderLine,
    Payment,
    Project,
    Review,
    Shipment,
    Tag,
    Task,
    User,
)


async def create_attachment(session: AsyncSession, name: str, user_id: int, team_id: int) -> int:
    item = Attachment(name=name, user_id=user_id, team_id=team_id, invoice_lines=[])
    session.add(item)
    await session.flush()
    assert not item.invoice_lines  # set by the constructor: no IO
    return item.id


async def rename_review(session: AsyncSession, review_id: int, name: str) -> bool:
    item = await session.get(Review, review_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def list_notifications_with_roles(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Notification).options(selectinload(Notification.roles)).order_by(Notification.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "roles": len(row.roles)} for row in rows]


async def create_review(session: AsyncSession, name: str, customer_id: int) -> int:
    item = Review(name=name, customer_id=customer_id)
    session.add(item)
    await session.flush()
    return item.id


async def list_review_customer_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Review, Customer).join(Review.customer).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def get_project_with_orders(session: AsyncSession, project_id: int) -> object:
    item = await session.get(Project, project_id, options=[selectinload(Project.orders)])
    if item is None:
        return None
    return [x.id for x in item.orders]


async def list_customers_with_reviews(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Customer).options(selectinload(Customer.reviews)).order_by(Customer.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "reviews": len(row.reviews)} for row in rows]


async def count_reviews_by_customer_id(session: AsyncSession, customer_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Review).where(Review.customer_id == customer_id)
    )
    return total or 0


async def list_customers_joined_reviews(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Customer).where(Customer.is_active == active).options(joinedload(Customer.reviews))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.reviews) for row in rows}


async def load_comment_order_lines_milestone(session: AsyncSession, comment_id: int) -> dict[int, object]:
    stmt = (
        select(Comment)
        .where(Comment.id == comment_id)
        .options(selectinload(Comment.order_lines).selectinload(OrderLine.milestone))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.milestone.id for child in item.order_lines}


async def user_ids_having_payments(session: AsyncSession) -> list[int]:
    stmt = select(User.id).where(User.payments.any())
    return list((await session.scalars(stmt)).all())


async def get_milestone_with_payments(session: AsyncSession, milestone_id: int) -> object:
    item = await session.get(Milestone, milestone_id, options=[selectinload(Milestone.payments)])
    if item is None:
        return None
    return [x.id for x in item.payments]


async def list_tasks_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Task.customers), joinedload(Task.organization)]
    stmt = select(Task).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.customers) + row.organization.id for row in rows]


async def reload_order_notifications(session: AsyncSession, item: Order) -> int:
    await session.refresh(item, ["notifications"])
    return len(item.notifications)


async def load_category_payments_folders(session: AsyncSession, category_id: int) -> dict[int, object]:
    stmt = (
        select(Category)
        .where(Category.id == category_id)
        .options(selectinload(Category.payments).selectinload(Payment.folders))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.folders] for child in item.payments}


async def reload_task_sprints(session: AsyncSession, item: Task) -> int:
    await session.refresh(item, ["sprints"])
    return len(item.sprints)


async def list_shipments_with_suppliers(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Shipment).options(selectinload(Shipment.suppliers)).order_by(Shipment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "suppliers": len(row.suppliers)} for row in rows]


async def find_tag_comment_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Tag).where(Tag.name == name).options(joinedload(Tag.comment))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.comment.name if item.comment is not None else None


async def rename_review_v2(session: AsyncSession, review_id: int, name: str) -> bool:
    item = await session.get(Review, review_id)
    if item is None:
        return False
    item.name = name
    item.is_active = True
    await session.commit()
    return True


async def scan_milestones_categories(session: AsyncSession, limit: int = 100) -> int:
    # Milestone.categories is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Milestone).limit(limit))).all()
    return sum(len(row.categories) for row in rows)


async def list_categories_joined_payments(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Category).where(Category.is_active == active).options(joinedload(Category.payments))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.payments) for row in rows}


async def review_customer_on_demand(session: AsyncSession, review_id: int) -> list[int]:
    item = await session.get(Review, review_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.customer
    return [related.id]


async def rename_review_v3(session: AsyncSession, review_id: int, name: str) -> bool:
    item = await session.get(Review, review_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def list_order_lines_with_addresses(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(OrderLine).options(selectinload(OrderLine.addresses)).order_by(OrderLine.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "addresses": len(row.addresses)} for row in rows]


async def order_lines_addresses_sizes(session: AsyncSession) -> dict[int, int]:
    rows = (await session.scalars(select(OrderLine).order_by(OrderLine.id))).all()
    return {row.id: len(row.addresses) for row in rows}  # MISTAKE: not loaded
