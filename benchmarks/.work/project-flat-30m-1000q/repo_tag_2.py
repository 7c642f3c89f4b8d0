"""Queries around Tag."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import Attachment, Comment, Folder, OrderLine, Payment, Product, Tag


async def list_tags_with_invoices(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Tag).options(selectinload(Tag.invoices)).order_by(Tag.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoices": len(row.invoices)} for row in rows]


async def delete_tag(session: AsyncSession, tag_id: int) -> bool:
    item = await session.get(Tag, tag_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def create_tag(session: AsyncSession, name: str, comment_id: int | None) -> int:
    item = Tag(name=name, comment_id=comment_id, invoices=[])
    session.add(item)
    await session.flush()
    assert not item.invoices  # set by the constructor: no IO
    return item.id


async def find_tag_comment_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Tag).where(Tag.name == name).options(joinedload(Tag.comment))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.comment.name if item.comment is not None else None


async def load_tag_folders_warehouse(session: AsyncSession, tag_id: int) -> dict[int, object]:
    stmt = (
        select(Tag)
        .where(Tag.id == tag_id)
        .options(selectinload(Tag.folders).selectinload(Folder.warehouse))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.warehouse.id for child in item.folders}


async def count_order_lines_by_comment_id(session: AsyncSession, comment_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(OrderLine).where(OrderLine.comment_id == comment_id)
    )
    return total or 0


async def list_tag_comment_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Tag, Comment).join(Tag.comment).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def find_attachment_user_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Attachment).where(Attachment.name == name).options(joinedload(Attachment.user))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.user.name


async def find_tag_comment_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Tag).where(Tag.name == name).options(joinedload(Tag.comment))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.comment.name if item.comment is not None else None


def tag_invoice_lines_count(item: Loaded[Tag, Literal["invoice_lines"]]) -> int:
    return len(item.invoice_lines)


async def get_tag_invoice_lines_count(session: AsyncSession, tag_id: int) -> int:
    stmt = select(Tag).where(Tag.id == tag_id).options(selectinload(Tag.invoice_lines))
    item = (await session.execute(stmt)).scalar_one()
    return tag_invoice_lines_count(item)


async def list_order_lines_with_addresses(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(OrderLine).options(selectinload(OrderLine.addresses)).order_by(OrderLine.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "addresses": len(row.addresses)} for row in rows]


async def list_tag_comment_pairs_v2(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Tag, Comment).join(Tag.comment).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def get_tag_with_comment(session: AsyncSession, tag_id: int) -> object:
    item = await session.get(Tag, tag_id, options=[selectinload(Tag.comment)])
    if item is None:
        return None
    return (item.comment.id if item.comment is not None else 0)


async def create_tag_v2(session: AsyncSession, name: str, comment_id: int | None) -> int:
    item = Tag(name=name, comment_id=comment_id, invoices=[])
    session.add(item)
    await session.flush()
    assert not item.invoices  # set by the constructor: no IO
    return item.id


async def reload_tag_invoice_lines(session: AsyncSession, item: Tag) -> int:
    await session.refresh(item, ["invoice_lines"])
    return len(item.invoice_lines)


async def list_tags_with_invoices_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Tag).options(selectinload(Tag.invoices)).order_by(Tag.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoices": len(row.invoices)} for row in rows]


async def list_payments_with_folders(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Payment).options(selectinload(Payment.folders)).order_by(Payment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "folders": len(row.folders)} for row in rows]


async def tag_weight(session: AsyncSession, tag_id: int) -> int:
    item = await session.scalar(
        select(Tag).where(Tag.id == tag_id).options(selectinload(Tag.comment), selectinload(Tag.folders))
    )
    if item is None:
        return 0
    return (item.comment.id if item.comment is not None else 0) + len([x.id for x in item.folders])


async def stream_tags_folders(session: AsyncSession) -> list[int]:
    stmt = select(Tag).options(selectinload(Tag.folders))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.folders))
    return out


async def get_tag_with_invoices(session: AsyncSession, tag_id: int) -> object:
    item = await session.get(Tag, tag_id, options=[selectinload(Tag.invoices)])
    if item is None:
        return None
    return [x.id for x in item.invoices]


async def get_product_with_webhooks(session: AsyncSession, product_id: int) -> object:
    item = await session.get(Product, product_id, options=[selectinload(Product.webhooks)])
    if item is None:
        return None
    return [x.id for x in item.webhooks]


async def list_tags_with_folders(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Tag).options(selectinload(Tag.folders)).order_by(Tag.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "folders": len(row.folders)} for row in rows]


def serialize_tag_folders(item: Tag) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "folders": [x.id for x in item.folders]}


async def get_tag_folders_serialized(session: AsyncSession, tag_id: int) -> dict[str, object] | None:
    item = await session.get(Tag, tag_id, options=[selectinload(Tag.folders)])
    return serialize_tag_folders(item) if item is not None else None


async def rename_tag(session: AsyncSession, tag_id: int, name: str) -> bool:
    item = await session.get(Tag, tag_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def tag_invoice_lines_tag_flat(session: AsyncSession, tag_id: int) -> list[object]:
    stmt = select(Tag).where(Tag.id == tag_id).options(selectinload(Tag.invoice_lines))
    item = (await session.execute(stmt)).scalar_one()
    out: list[object] = []
    for child in item.invoice_lines:
        out.append(child.tag.id)  # MISTAKE: nested not loaded
    return out
