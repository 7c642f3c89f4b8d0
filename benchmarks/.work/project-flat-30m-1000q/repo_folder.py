"""Queries around Folder."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Attachment,
    Category,
    Comment,
    Folder,
    Invoice,
    Organization,
    Payment,
    Review,
    Tag,
    Warehouse,
)


async def get_folder_with_warehouse(session: AsyncSession, folder_id: int) -> object:
    item = await session.get(Folder, folder_id, options=[selectinload(Folder.warehouse)])
    if item is None:
        return None
    return item.warehouse.id


async def list_folders_with_tags(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Folder).options(selectinload(Folder.tags)).order_by(Folder.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "tags": len(row.tags)} for row in rows]


async def load_tag_invoices_tag(session: AsyncSession, tag_id: int) -> dict[int, object]:
    stmt = (
        select(Tag)
        .where(Tag.id == tag_id)
        .options(selectinload(Tag.invoices).joinedload(Invoice.tag))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.tag.id for child in item.invoices}


async def find_review_customer_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Review).where(Review.name == name).options(joinedload(Review.customer))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.customer.name


def attachment_webhooks_count(item: Loaded[Attachment, Literal["webhooks"]]) -> int:
    return len(item.webhooks)


async def get_attachment_webhooks_count(session: AsyncSession, attachment_id: int) -> int:
    stmt = select(Attachment).where(Attachment.id == attachment_id).options(selectinload(Attachment.webhooks))
    item = (await session.execute(stmt)).scalar_one()
    return attachment_webhooks_count(item)


async def load_folder_tags_comment(session: AsyncSession, folder_id: int) -> dict[int, object]:
    stmt = (
        select(Folder)
        .where(Folder.id == folder_id)
        .options(selectinload(Folder.tags).joinedload(Tag.comment))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: (child.comment.id if child.comment is not None else 0) for child in item.tags}


async def folder_warehouse_on_demand(session: AsyncSession, folder_id: int) -> list[int]:
    item = await session.get(Folder, folder_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.warehouse
    return [related.id]


async def create_folder(session: AsyncSession, name: str, warehouse_id: int) -> int:
    item = Folder(name=name, warehouse_id=warehouse_id, tags=[])
    session.add(item)
    await session.flush()
    assert not item.tags  # set by the constructor: no IO
    return item.id


async def scan_organizations_users(session: AsyncSession, limit: int = 100) -> int:
    # Organization.users is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Organization).limit(limit))).all()
    return sum(len(row.users) for row in rows)


async def load_folder_payments_categories(session: AsyncSession, folder_id: int) -> dict[int, object]:
    stmt = (
        select(Folder)
        .where(Folder.id == folder_id)
        .options(selectinload(Folder.payments).selectinload(Payment.categories))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.categories] for child in item.payments}


async def find_folder_warehouse_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Folder).where(Folder.name == name).options(joinedload(Folder.warehouse))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.warehouse.name


async def get_warehouse_with_folders(session: AsyncSession, warehouse_id: int) -> object:
    item = await session.get(Warehouse, warehouse_id, options=[selectinload(Warehouse.folders)])
    if item is None:
        return None
    return [x.id for x in item.folders]


async def get_folder_with_tags(session: AsyncSession, folder_id: int) -> object:
    item = await session.get(Folder, folder_id, options=[selectinload(Folder.tags)])
    if item is None:
        return None
    return [x.id for x in item.tags]


async def rename_folder(session: AsyncSession, folder_id: int, name: str) -> bool:
    item = await session.get(Folder, folder_id)
    if item is None:
        return False
    item.name = name
    item.is_active = True
    await session.commit()
    return True


async def list_folders_with_tags_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Folder).options(selectinload(Folder.tags)).order_by(Folder.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "tags": len(row.tags)} for row in rows]


async def rename_folder_v2(session: AsyncSession, folder_id: int, name: str) -> bool:
    item = await session.get(Folder, folder_id)
    if item is None:
        return False
    item.name = name
    item.is_active = True
    await session.commit()
    return True


async def scan_comments_products(session: AsyncSession, limit: int = 100) -> int:
    # Comment.products is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Comment).limit(limit))).all()
    return sum(len(row.products) for row in rows)


async def list_folders_with_tags_v3(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Folder).options(selectinload(Folder.tags)).order_by(Folder.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "tags": len(row.tags)} for row in rows]


async def find_folder_warehouse_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Folder).where(Folder.name == name).options(joinedload(Folder.warehouse))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.warehouse.name


async def load_folder_payments_milestone(session: AsyncSession, folder_id: int) -> dict[int, object]:
    stmt = (
        select(Folder)
        .where(Folder.id == folder_id)
        .options(selectinload(Folder.payments).joinedload(Payment.milestone))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: (child.milestone.id if child.milestone is not None else 0) for child in item.payments}


async def get_folder_with_tags_v2(session: AsyncSession, folder_id: int) -> object:
    item = await session.get(Folder, folder_id, options=[selectinload(Folder.tags)])
    if item is None:
        return None
    return [x.id for x in item.tags]


async def delete_folder(session: AsyncSession, folder_id: int) -> bool:
    item = await session.get(Folder, folder_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def scan_categories_addresses(session: AsyncSession, limit: int = 100) -> int:
    # Category.addresses is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Category).limit(limit))).all()
    return sum(len(row.addresses) for row in rows)


async def get_payment_with_users(session: AsyncSession, payment_id: int) -> object:
    item = await session.get(Payment, payment_id, options=[selectinload(Payment.users)])
    if item is None:
        return None
    return [x.id for x in item.users]


async def list_folders_with_tags_v4(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Folder).options(selectinload(Folder.tags)).order_by(Folder.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "tags": len(row.tags)} for row in rows]
