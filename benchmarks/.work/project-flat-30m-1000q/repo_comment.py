"""Queries around Comment."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import AuditEntry, Comment, Document, Invoice, OrderLine, Project, Task, Team, User


async def count_comments_by_task_id(session: AsyncSession, task_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Comment).where(Comment.task_id == task_id)
    )
    return total or 0


async def list_comments_in_task(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Comment)
        .join(Comment.task)
        .where(Task.name == parent_name)
        .options(contains_eager(Comment.task))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.task.name if row.task is not None else "" for row in rows]


def comment_order_lines_count(item: Loaded[Comment, Literal["order_lines"]]) -> int:
    return len(item.order_lines)


async def get_comment_order_lines_count(session: AsyncSession, comment_id: int) -> int:
    stmt = select(Comment).where(Comment.id == comment_id).options(selectinload(Comment.order_lines))
    item = (await session.execute(stmt)).scalar_one()
    return comment_order_lines_count(item)


async def find_comment_task_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Comment).where(Comment.name == name).options(joinedload(Comment.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name if item.task is not None else None


async def list_comments_with_products(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Comment).options(selectinload(Comment.products)).order_by(Comment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "products": len(row.products)} for row in rows]


async def stream_users_attachments(session: AsyncSession) -> list[int]:
    stmt = select(User).options(selectinload(User.attachments))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.attachments))
    return out


async def list_comment_task_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Comment, Task).join(Comment.task).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def comment_order_lines_on_demand(session: AsyncSession, comment_id: int) -> list[int]:
    item = await session.get(Comment, comment_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.order_lines
    return [x.id for x in related]


async def project_weight(session: AsyncSession, project_id: int) -> int:
    item = await session.scalar(
        select(Project).where(Project.id == project_id).options(selectinload(Project.organization), selectinload(Project.orders))
    )
    if item is None:
        return 0
    return item.organization.id + len([x.id for x in item.orders])


async def find_comment_task_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Comment).where(Comment.name == name).options(joinedload(Comment.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name if item.task is not None else None


async def comment_weight(session: AsyncSession, comment_id: int) -> int:
    item = await session.scalar(
        select(Comment).where(Comment.id == comment_id).options(selectinload(Comment.tags), selectinload(Comment.task))
    )
    if item is None:
        return 0
    return len([x.id for x in item.tags]) + (item.task.id if item.task is not None else 0)


async def list_comments_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Comment.order_lines), joinedload(Comment.task)]
    stmt = select(Comment).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.order_lines) + (row.task.id if row.task is not None else 0) for row in rows]


async def find_invoice_sprint_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Invoice).where(Invoice.name == name).options(joinedload(Invoice.sprint))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.sprint.name


async def create_team(session: AsyncSession, name: str, organization_id: int) -> int:
    item = Team(name=name, organization_id=organization_id, tasks=[])
    session.add(item)
    await session.flush()
    assert not item.tasks  # set by the constructor: no IO
    return item.id


async def get_document_with_teams(session: AsyncSession, document_id: int) -> object:
    item = await session.get(Document, document_id, options=[selectinload(Document.teams)])
    if item is None:
        return None
    return [x.id for x in item.teams]


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


async def audit_entry_weight(session: AsyncSession, audit_entry_id: int) -> int:
    item = await session.scalar(
        select(AuditEntry).where(AuditEntry.id == audit_entry_id).options(selectinload(AuditEntry.product))
    )
    if item is None:
        return 0
    return item.product.id


async def list_comment_task_pairs_v2(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Comment, Task).join(Comment.task).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def list_comments_with_tags(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Comment).options(selectinload(Comment.tags)).order_by(Comment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "tags": len(row.tags)} for row in rows]


async def create_comment(session: AsyncSession, name: str, task_id: int | None) -> int:
    item = Comment(name=name, task_id=task_id, tags=[])
    session.add(item)
    await session.flush()
    assert not item.tags  # set by the constructor: no IO
    return item.id


async def get_comment_with_products(session: AsyncSession, comment_id: int) -> object:
    item = await session.get(Comment, comment_id, options=[selectinload(Comment.products)])
    if item is None:
        return None
    return [x.id for x in item.products]


async def list_comments_in_task_v2(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Comment)
        .join(Comment.task)
        .where(Task.name == parent_name)
        .options(contains_eager(Comment.task))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.task.name if row.task is not None else "" for row in rows]


async def count_comments_by_task_id_v2(session: AsyncSession, task_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Comment).where(Comment.task_id == task_id)
    )
    return total or 0


async def list_comment_task_pairs_v3(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Comment, Task).join(Comment.task).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def get_comment_with_products_v2(session: AsyncSession, comment_id: int) -> object:
    item = await session.get(Comment, comment_id, options=[selectinload(Comment.products)])
    if item is None:
        return None
    return [x.id for x in item.products]
