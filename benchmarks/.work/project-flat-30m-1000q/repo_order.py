"""Queries around Order."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import Document, InvoiceLine, Order, Organization, Sprint, Tag, Webhook


async def find_invoice_line_attachment_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(InvoiceLine).where(InvoiceLine.name == name).options(joinedload(InvoiceLine.attachment))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.attachment.name


async def count_orders_by_project_id(session: AsyncSession, project_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Order).where(Order.project_id == project_id)
    )
    return total or 0


async def find_order_project_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Order).where(Order.name == name).options(joinedload(Order.project))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.project.name if item.project is not None else None


async def list_order_organization_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Order, Organization).join(Order.organization).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def create_sprint(session: AsyncSession, name: str, task_id: int) -> int:
    item = Sprint(name=name, task_id=task_id, invoices=[])
    session.add(item)
    await session.flush()
    assert not item.invoices  # set by the constructor: no IO
    return item.id


async def create_order(session: AsyncSession, name: str, organization_id: int, project_id: int | None) -> int:
    item = Order(name=name, organization_id=organization_id, project_id=project_id, warehouses=[])
    session.add(item)
    await session.flush()
    assert not item.warehouses  # set by the constructor: no IO
    return item.id


async def list_order_organization_pairs_v2(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Order, Organization).join(Order.organization).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def list_orders_joined_warehouses(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Order).where(Order.is_active == active).options(joinedload(Order.warehouses))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.warehouses) for row in rows}


async def list_orders_with_documents(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Order).options(selectinload(Order.documents)).order_by(Order.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "documents": len(row.documents)} for row in rows]


async def find_order_project_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Order).where(Order.name == name).options(joinedload(Order.project))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.project.name if item.project is not None else None


async def list_tags_with_invoice_lines(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Tag).options(selectinload(Tag.invoice_lines)).order_by(Tag.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "invoice_lines": len(row.invoice_lines)} for row in rows]


async def rename_order(session: AsyncSession, order_id: int, name: str) -> bool:
    item = await session.get(Order, order_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def reload_tag_folders(session: AsyncSession, item: Tag) -> int:
    await session.refresh(item, ["folders"])
    return len(item.folders)


async def order_weight(session: AsyncSession, order_id: int) -> int:
    item = await session.scalar(
        select(Order).where(Order.id == order_id).options(selectinload(Order.documents), selectinload(Order.project))
    )
    if item is None:
        return 0
    return len([x.id for x in item.documents]) + (item.project.id if item.project is not None else 0)


async def find_order_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Order).where(Order.name == name).options(joinedload(Order.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def document_ids_having_teams(session: AsyncSession) -> list[int]:
    stmt = select(Document.id).where(Document.teams.any())
    return list((await session.scalars(stmt)).all())


async def order_weight_v2(session: AsyncSession, order_id: int) -> int:
    item = await session.scalar(
        select(Order).where(Order.id == order_id).options(selectinload(Order.project), selectinload(Order.documents))
    )
    if item is None:
        return 0
    return (item.project.id if item.project is not None else 0) + len([x.id for x in item.documents])


async def count_orders_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Order).where(Order.organization_id == organization_id)
    )
    return total or 0


def serialize_order_documents(item: Order) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "documents": [x.id for x in item.documents]}


async def get_order_documents_serialized(session: AsyncSession, order_id: int) -> dict[str, object] | None:
    item = await session.get(Order, order_id, options=[selectinload(Order.documents)])
    return serialize_order_documents(item) if item is not None else None


async def count_webhooks_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Webhook).where(Webhook.organization_id == organization_id)
    )
    return total or 0


async def get_order_with_organization(session: AsyncSession, order_id: int) -> object:
    item = await session.get(Order, order_id, options=[selectinload(Order.organization)])
    if item is None:
        return None
    return item.organization.id


async def list_tags_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Tag.invoices), joinedload(Tag.comment)]
    stmt = select(Tag).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.invoices) + (row.comment.id if row.comment is not None else 0) for row in rows]


async def list_orders_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Order.notifications), joinedload(Order.organization)]
    stmt = select(Order).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.notifications) + row.organization.id for row in rows]


async def find_order_organization_name_v2(session: AsyncSession, name: str) -> str | None:
    stmt = select(Order).where(Order.name == name).options(joinedload(Order.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def order_weight_v3(session: AsyncSession, order_id: int) -> int:
    item = await session.scalar(
        select(Order).where(Order.id == order_id).options(selectinload(Order.organization), selectinload(Order.project))
    )
    if item is None:
        return 0
    return item.organization.id + (item.project.id if item.project is not None else 0)
