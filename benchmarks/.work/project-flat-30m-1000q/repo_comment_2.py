"""Queries around Comment."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import AuditEntry, Comment, Invoice, Order, Product, Task, User, Warehouse


async def list_comments_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Comment.order_lines), joinedload(Comment.task)]
    stmt = select(Comment).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.order_lines) + (row.task.id if row.task is not None else 0) for row in rows]


async def get_comment_with_tags(session: AsyncSession, comment_id: int) -> object:
    item = await session.get(Comment, comment_id, options=[selectinload(Comment.tags)])
    if item is None:
        return None
    return [x.id for x in item.tags]


async def list_comments_eager_v2(session: AsyncSession) -> list[int]:
    opts = [selectinload(Comment.products), joinedload(Comment.task)]
    stmt = select(Comment).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.products) + (row.task.id if row.task is not None else 0) for row in rows]


async def get_warehouse_with_order(session: AsyncSession, warehouse_id: int) -> object:
    item = await session.get(Warehouse, warehouse_id, options=[selectinload(Warehouse.order)])
    if item is None:
        return None
    return (item.order.id if item.order is not None else 0)


async def list_comments_in_task(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Comment)
        .join(Comment.task)
        .where(Task.name == parent_name)
        .options(contains_eager(Comment.task))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.task.name if row.task is not None else "" for row in rows]


async def rename_audit_entry(session: AsyncSession, audit_entry_id: int, name: str) -> bool:
    item = await session.get(AuditEntry, audit_entry_id)
    if item is None:
        return False
    item.name = name
    item.is_active = True
    await session.commit()
    return True


async def comment_ids_having_tags(session: AsyncSession) -> list[int]:
    stmt = select(Comment.id).where(Comment.tags.any())
    return list((await session.scalars(stmt)).all())


async def find_comment_task_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Comment).where(Comment.name == name).options(joinedload(Comment.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name if item.task is not None else None


def serialize_comment_order_lines(item: Comment) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "order_lines": [x.id for x in item.order_lines]}


async def get_comment_order_lines_serialized(session: AsyncSession, comment_id: int) -> dict[str, object] | None:
    item = await session.get(Comment, comment_id, options=[selectinload(Comment.order_lines)])
    return serialize_comment_order_lines(item) if item is not None else None


async def load_comment_products_audit_entries(session: AsyncSession, comment_id: int) -> dict[int, object]:
    stmt = (
        select(Comment)
        .where(Comment.id == comment_id)
        .options(selectinload(Comment.products).selectinload(Product.audit_entries))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.audit_entries] for child in item.products}


def serialize_comment_products(item: Comment) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "products": [x.id for x in item.products]}


async def get_comment_products_serialized(session: AsyncSession, comment_id: int) -> dict[str, object] | None:
    item = await session.get(Comment, comment_id, options=[selectinload(Comment.products)])
    return serialize_comment_products(item) if item is not None else None


async def find_task_team_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Task).where(Task.name == name).options(joinedload(Task.team))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.team.name


async def comment_weight(session: AsyncSession, comment_id: int) -> int:
    item = await session.scalar(
        select(Comment).where(Comment.id == comment_id).options(selectinload(Comment.order_lines), selectinload(Comment.products))
    )
    if item is None:
        return 0
    return len([x.id for x in item.order_lines]) + len([x.id for x in item.products])


async def list_users_with_attachments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(User).options(selectinload(User.attachments)).order_by(User.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "attachments": len(row.attachments)} for row in rows]


async def create_invoice(session: AsyncSession, name: str, tag_id: int, sprint_id: int) -> int:
    item = Invoice(name=name, tag_id=tag_id, sprint_id=sprint_id, products=[])
    session.add(item)
    await session.flush()
    assert not item.products  # set by the constructor: no IO
    return item.id


async def get_user_with_payments(session: AsyncSession, user_id: int) -> object:
    item = await session.get(User, user_id, options=[selectinload(User.payments)])
    if item is None:
        return None
    return [x.id for x in item.payments]


async def list_warehouse_order_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Warehouse, Order).join(Warehouse.order).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def list_comments_with_tags(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Comment).options(selectinload(Comment.tags)).order_by(Comment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "tags": len(row.tags)} for row in rows]


async def rename_comment(session: AsyncSession, comment_id: int, name: str) -> bool:
    item = await session.get(Comment, comment_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def count_comments_by_task_id(session: AsyncSession, task_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Comment).where(Comment.task_id == task_id)
    )
    return total or 0


async def rename_comment_v2(session: AsyncSession, comment_id: int, name: str) -> bool:
    item = await session.get(Comment, comment_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def list_comment_task_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Comment, Task).join(Comment.task).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def comment_ids_having_order_lines(session: AsyncSession) -> list[int]:
    stmt = select(Comment.id).where(Comment.order_lines.any())
    return list((await session.scalars(stmt)).all())


async def list_comments_with_products(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Comment).options(selectinload(Comment.products)).order_by(Comment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "products": len(row.products)} for row in rows]


async def comment_ids_having_order_lines_v2(session: AsyncSession) -> list[int]:
    stmt = select(Comment.id).where(Comment.order_lines.any())
    return list((await session.scalars(stmt)).all())
