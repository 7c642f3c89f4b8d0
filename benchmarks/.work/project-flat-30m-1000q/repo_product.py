"""Queries around Product."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, contains_eager, joinedload, selectinload

from models import Attachment, Invoice, Notification, Product, Role, Task


async def scan_products_webhooks(session: AsyncSession, limit: int = 100) -> int:
    # Product.webhooks is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Product).limit(limit))).all()
    return sum(len(row.webhooks) for row in rows)


async def scan_products_webhooks_v2(session: AsyncSession, limit: int = 100) -> int:
    # Product.webhooks is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Product).limit(limit))).all()
    return sum(len(row.webhooks) for row in rows)


async def get_product_with_invoice(session: AsyncSession, product_id: int) -> object:
    item = await session.get(Product, product_id, options=[selectinload(Product.invoice)])
    if item is None:
        return None
    return (item.invoice.id if item.invoice is not None else 0)


async def count_products_by_invoice_id(session: AsyncSession, invoice_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Product).where(Product.invoice_id == invoice_id)
    )
    return total or 0


def product_audit_entries_count(item: Loaded[Product, Literal["audit_entries"]]) -> int:
    return len(item.audit_entries)


async def get_product_audit_entries_count(session: AsyncSession, product_id: int) -> int:
    stmt = select(Product).where(Product.id == product_id).options(selectinload(Product.audit_entries))
    item = (await session.execute(stmt)).scalar_one()
    return product_audit_entries_count(item)


def serialize_product_audit_entries(item: Product) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "audit_entries": [x.id for x in item.audit_entries]}


async def get_product_audit_entries_serialized(session: AsyncSession, product_id: int) -> dict[str, object] | None:
    item = await session.get(Product, product_id, options=[selectinload(Product.audit_entries)])
    return serialize_product_audit_entries(item) if item is not None else None


async def product_weight(session: AsyncSession, product_id: int) -> int:
    item = await session.scalar(
        select(Product).where(Product.id == product_id).options(selectinload(Product.invoice), selectinload(Product.webhooks))
    )
    if item is None:
        return 0
    return (item.invoice.id if item.invoice is not None else 0) + len([x.id for x in item.webhooks])


async def delete_product(session: AsyncSession, product_id: int) -> bool:
    item = await session.get(Product, product_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def find_product_invoice_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Product).where(Product.name == name).options(joinedload(Product.invoice))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.invoice.name if item.invoice is not None else None


async def product_weight_v2(session: AsyncSession, product_id: int) -> int:
    item = await session.scalar(
        select(Product).where(Product.id == product_id).options(selectinload(Product.invoice), selectinload(Product.webhooks))
    )
    if item is None:
        return 0
    return (item.invoice.id if item.invoice is not None else 0) + len([x.id for x in item.webhooks])


async def scan_products_webhooks_v3(session: AsyncSession, limit: int = 100) -> int:
    # Product.webhooks is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Product).limit(limit))).all()
    return sum(len(row.webhooks) for row in rows)


async def stream_tasks_comments(session: AsyncSession) -> list[int]:
    stmt = select(Task).options(selectinload(Task.comments))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.comments))
    return out


async def product_weight_v3(session: AsyncSession, product_id: int) -> int:
    item = await session.scalar(
        select(Product).where(Product.id == product_id).options(selectinload(Product.comment), selectinload(Product.audit_entries))
    )
    if item is None:
        return 0
    return (item.comment.id if item.comment is not None else 0) + len([x.id for x in item.audit_entries])


async def get_product_with_webhooks(session: AsyncSession, product_id: int) -> object:
    item = await session.get(Product, product_id, options=[selectinload(Product.webhooks)])
    if item is None:
        return None
    return [x.id for x in item.webhooks]


async def rename_attachment(session: AsyncSession, attachment_id: int, name: str) -> bool:
    item = await session.get(Attachment, attachment_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def list_products_with_audit_entries(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Product).options(selectinload(Product.audit_entries)).order_by(Product.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "audit_entries": len(row.audit_entries)} for row in rows]


async def list_products_joined_webhooks(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Product).where(Product.is_active == active).options(joinedload(Product.webhooks))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.webhooks) for row in rows}


async def list_role_notification_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Role, Notification).join(Role.notification).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def count_products_by_comment_id(session: AsyncSession, comment_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Product).where(Product.comment_id == comment_id)
    )
    return total or 0


async def count_products_by_invoice_id_v2(session: AsyncSession, invoice_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Product).where(Product.invoice_id == invoice_id)
    )
    return total or 0


async def list_products_in_invoice(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Product)
        .join(Product.invoice)
        .where(Invoice.name == parent_name)
        .options(contains_eager(Product.invoice))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.invoice.name if row.invoice is not None else "" for row in rows]


async def rename_product(session: AsyncSession, product_id: int, name: str) -> bool:
    item = await session.get(Product, product_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def list_products_with_audit_entries_v2(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Product).options(selectinload(Product.audit_entries)).order_by(Product.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "audit_entries": len(row.audit_entries)} for row in rows]


async def products_audit_entries_sizes(session: AsyncSession) -> dict[int, int]:
    rows = (await session.scalars(select(Product).order_by(Product.id))).all()
    return {row.id: len(row.audit_entries) for row in rows}  # MISTAKE: not loaded


def _legacy_product_names(sync_session: Session) -> list[str]:
    return [row.name for row in sync_session.query(Product).all()]  # MISTAKE


async def legacy_product_names(session: AsyncSession) -> list[str]:
    return await session.run_sync(_legacy_product_names)
