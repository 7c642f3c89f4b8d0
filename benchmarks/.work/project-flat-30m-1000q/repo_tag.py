"""Queries around Tag."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import (
    Attachment,
    AuditEntry,
    Customer,
    Document,
    InvoiceLine,
    Supplier,
    Tag,
    Team,
    User,
)


async def supplier_shipment_on_demand(session: AsyncSession, supplier_id: int) -> list[int]:
    item = await session.get(Supplier, supplier_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.shipment
    return [related.id] if related is not None else []


async def tag_weight(session: AsyncSession, tag_id: int) -> int:
    item = await session.scalar(
        select(Tag).where(Tag.id == tag_id).options(selectinload(Tag.invoice_lines), selectinload(Tag.folders))
    )
    if item is None:
        return 0
    return len([x.id for x in item.invoice_lines]) + len([x.id for x in item.folders])


async def rename_tag(session: AsyncSession, tag_id: int, name: str) -> bool:
    item = await session.get(Tag, tag_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def tag_weight_v2(session: AsyncSession, tag_id: int) -> int:
    item = await session.scalar(
        select(Tag).where(Tag.id == tag_id).options(selectinload(Tag.comment), selectinload(Tag.invoices))
    )
    if item is None:
        return 0
    return (item.comment.id if item.comment is not None else 0) + len([x.id for x in item.invoices])


async def count_tags_by_comment_id(session: AsyncSession, comment_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Tag).where(Tag.comment_id == comment_id)
    )
    return total or 0


async def stream_tags_invoice_lines(session: AsyncSession) -> list[int]:
    stmt = select(Tag).options(selectinload(Tag.invoice_lines))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.invoice_lines))
    return out


async def reload_team_attachments(session: AsyncSession, item: Team) -> int:
    await session.refresh(item, ["attachments"])
    return len(item.attachments)


async def list_tags_with_invoices(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Tag).options(selectinload(Tag.invoices)).order_by(Tag.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoices": len(row.invoices)} for row in rows]


async def stream_documents_teams(session: AsyncSession) -> list[int]:
    stmt = select(Document).options(selectinload(Document.teams))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.teams))
    return out


async def get_tag_with_folders(session: AsyncSession, tag_id: int) -> object:
    item = await session.get(Tag, tag_id, options=[selectinload(Tag.folders)])
    if item is None:
        return None
    return [x.id for x in item.folders]


async def count_tags_by_comment_id_v2(session: AsyncSession, comment_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Tag).where(Tag.comment_id == comment_id)
    )
    return total or 0


async def get_tag_with_folders_v2(session: AsyncSession, tag_id: int) -> object:
    item = await session.get(Tag, tag_id, options=[selectinload(Tag.folders)])
    if item is None:
        return None
    return [x.id for x in item.folders]


async def rename_audit_entry(session: AsyncSession, audit_entry_id: int, name: str) -> bool:
    item = await session.get(AuditEntry, audit_entry_id)
    if item is None:
        return False
    item.name = name
    pass
    await session.commit()
    return True


async def get_tag_with_comment(session: AsyncSession, tag_id: int) -> object:
    item = await session.get(Tag, tag_id, options=[selectinload(Tag.comment)])
    if item is None:
        return None
    return (item.comment.id if item.comment is not None else 0)


async def find_tag_comment_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Tag).where(Tag.name == name).options(joinedload(Tag.comment))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.comment.name if item.comment is not None else None


async def get_tag_with_invoice_lines(session: AsyncSession, tag_id: int) -> object:
    item = await session.get(Tag, tag_id, options=[selectinload(Tag.invoice_lines)])
    if item is None:
        return None
    return [x.id for x in item.invoice_lines]


async def load_tag_invoice_lines_tag(session: AsyncSession, tag_id: int) -> dict[int, object]:
    stmt = (
        select(Tag)
        .where(Tag.id == tag_id)
        .options(selectinload(Tag.invoice_lines).joinedload(InvoiceLine.tag))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.tag.id for child in item.invoice_lines}


async def get_customer_with_reviews(session: AsyncSession, customer_id: int) -> object:
    item = await session.get(Customer, customer_id, options=[selectinload(Customer.reviews)])
    if item is None:
        return None
    return [x.id for x in item.reviews]


async def find_customer_sprint_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Customer).where(Customer.name == name).options(joinedload(Customer.sprint))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.sprint.name


async def list_tags_joined_invoices(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Tag).where(Tag.is_active == active).options(joinedload(Tag.invoices))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.invoices) for row in rows}


async def list_customers_with_reviews(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Customer).options(selectinload(Customer.reviews)).order_by(Customer.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "reviews": len(row.reviews)} for row in rows]


async def list_attachments_in_user(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Attachment)
        .join(Attachment.user)
        .where(User.name == parent_name)
        .options(contains_eager(Attachment.user))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.user.name for row in rows]


async def list_tags_with_invoice_lines(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Tag).options(selectinload(Tag.invoice_lines)).order_by(Tag.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoice_lines": len(row.invoice_lines)} for row in rows]


async def tag_invoices_sprint_flat(session: AsyncSession, tag_id: int) -> list[object]:
    stmt = select(Tag).where(Tag.id == tag_id).options(selectinload(Tag.invoices))
    item = (await session.execute(stmt)).scalar_one()
    out: list[object] = []
    for child in item.invoices:
        out.append(child.sprint.id)  # MISTAKE: nested not loaded
    return out


async def tag_label(session: AsyncSession, tag_id: int) -> int:
    item = await session.get(Tag, tag_id)
    if item is None:
        return 0
    return item.name  # MISTAKE (mypy): str is not int
