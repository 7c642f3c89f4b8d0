"""Queries around Invoice."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from models import Invoice, Organization, Product, Review, Tag, Task, Warehouse


async def create_invoice(session: AsyncSession, name: str, tag_id: int, sprint_id: int) -> int:
    item = Invoice(name=name, tag_id=tag_id, sprint_id=sprint_id, products=[])
    session.add(item)
    await session.flush()
    assert not item.products  # set by the constructor: no IO
    return item.id


async def scan_tags_folders(session: AsyncSession, limit: int = 100) -> int:
    # Tag.folders is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Tag).limit(limit))).all()
    return sum(len(row.folders) for row in rows)


def serialize_invoice_products(item: Invoice) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "products": [x.id for x in item.products]}


async def get_invoice_products_serialized(session: AsyncSession, invoice_id: int) -> dict[str, object] | None:
    item = await session.get(Invoice, invoice_id, options=[selectinload(Invoice.products)])
    return serialize_invoice_products(item) if item is not None else None


async def find_invoice_tag_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Invoice).where(Invoice.name == name).options(joinedload(Invoice.tag))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.tag.name


async def reload_invoice_products(session: AsyncSession, item: Invoice) -> int:
    await session.refresh(item, ["products"])
    return len(item.products)


async def count_invoices_by_sprint_id(session: AsyncSession, sprint_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Invoice).where(Invoice.sprint_id == sprint_id)
    )
    return total or 0


async def count_invoices_by_tag_id(session: AsyncSession, tag_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Invoice).where(Invoice.tag_id == tag_id)
    )
    return total or 0


async def load_invoice_products_comment(session: AsyncSession, invoice_id: int) -> dict[int, object]:
    stmt = (
        select(Invoice)
        .where(Invoice.id == invoice_id)
        .options(selectinload(Invoice.products).selectinload(Product.comment))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: (child.comment.id if child.comment is not None else 0) for child in item.products}


async def list_invoices_in_tag(session: AsyncSession, parent_name: str) -> list[str]:
    stmt = (
        select(Invoice)
        .join(Invoice.tag)
        .where(Tag.name == parent_name)
        .options(contains_eager(Invoice.tag))
    )
    rows = (await session.scalars(stmt)).all()
    return [row.tag.name for row in rows]


async def get_invoice_with_products(session: AsyncSession, invoice_id: int) -> object:
    item = await session.get(Invoice, invoice_id, options=[selectinload(Invoice.products)])
    if item is None:
        return None
    return [x.id for x in item.products]


async def get_invoice_with_tag(session: AsyncSession, invoice_id: int) -> object:
    item = await session.get(Invoice, invoice_id, options=[selectinload(Invoice.tag)])
    if item is None:
        return None
    return item.tag.id


async def find_invoice_sprint_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Invoice).where(Invoice.name == name).options(joinedload(Invoice.sprint))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.sprint.name


async def scan_organizations_payments(session: AsyncSession, limit: int = 100) -> int:
    # Organization.payments is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Organization).limit(limit))).all()
    return sum(len(row.payments) for row in rows)


async def list_invoices_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Invoice.products), joinedload(Invoice.sprint)]
    stmt = select(Invoice).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.products) + row.sprint.id for row in rows]


async def invoice_sprint_on_demand(session: AsyncSession, invoice_id: int) -> list[int]:
    item = await session.get(Invoice, invoice_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.sprint
    return [related.id]


async def create_invoice_v2(session: AsyncSession, name: str, tag_id: int, sprint_id: int) -> int:
    item = Invoice(name=name, tag_id=tag_id, sprint_id=sprint_id, products=[])
    session.add(item)
    await session.flush()
    assert not item.products  # set by the constructor: no IO
    return item.id


async def get_invoice_with_tag_v2(session: AsyncSession, invoice_id: int) -> object:
    item = await session.get(Invoice, invoice_id, options=[selectinload(Invoice.tag)])
    if item is None:
        return None
    return item.tag.id


async def list_tasks_with_comments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Task).options(selectinload(Task.comments)).order_by(Task.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "comments": len(row.comments)} for row in rows]


async def invoice_weight(session: AsyncSession, invoice_id: int) -> int:
    item = await session.scalar(
        select(Invoice).where(Invoice.id == invoice_id).options(selectinload(Invoice.tag), selectinload(Invoice.sprint))
    )
    if item is None:
        return 0
    return item.tag.id + item.sprint.id


async def load_invoice_products_audit_entries(session: AsyncSession, invoice_id: int) -> dict[int, object]:
    stmt = (
        select(Invoice)
        .where(Invoice.id == invoice_id)
        .options(selectinload(Invoice.products).selectinload(Product.audit_entries))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.audit_entries] for child in item.products}


async def get_invoice_with_sprint(session: AsyncSession, invoice_id: int) -> object:
    item = await session.get(Invoice, invoice_id, options=[selectinload(Invoice.sprint)])
    if item is None:
        return None
    return item.sprint.id


async def review_weight(session: AsyncSession, review_id: int) -> int:
    item = await session.scalar(
        select(Review).where(Review.id == review_id).options(selectinload(Review.customer))
    )
    if item is None:
        return 0
    return item.customer.id


async def get_invoice_with_tag_v3(session: AsyncSession, invoice_id: int) -> object:
    item = await session.get(Invoice, invoice_id, options=[selectinload(Invoice.tag)])
    if item is None:
        return None
    return item.tag.id


async def count_invoices_by_tag_id_v2(session: AsyncSession, tag_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Invoice).where(Invoice.tag_id == tag_id)
    )
    return total or 0


async def warehouse_weight(session: AsyncSession, warehouse_id: int) -> int:
    item = await session.scalar(
        select(Warehouse).where(Warehouse.id == warehouse_id).options(selectinload(Warehouse.order), selectinload(Warehouse.folders))
    )
    if item is None:
        return 0
    return (item.order.id if item.order is not None else 0) + len([x.id for x in item.folders])
