"""Queries around InvoiceLine."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Address,
    Attachment,
    Category,
    Document,
    Folder,
    InvoiceLine,
    Milestone,
    Notification,
    OrderLine,
    Organization,
    Payment,
    Project,
    Role,
    Shipment,
    Sprint,
    Task,
    Warehouse,
)


async def scan_shipments_suppliers(session: AsyncSession, limit: int = 100) -> int:
    # Shipment.suppliers is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Shipment).limit(limit))).all()
    return sum(len(row.suppliers) for row in rows)


async def create_invoice_line(session: AsyncSession, name: str, tag_id: int, attachment_id: int) -> int:
    item = InvoiceLine(name=name, tag_id=tag_id, attachment_id=attachment_id)
    session.add(item)
    await session.flush()
    return item.id


async def warehouse_weight(session: AsyncSession, warehouse_id: int) -> int:
    item = await session.scalar(
        select(Warehouse).where(Warehouse.id == warehouse_id).options(selectinload(Warehouse.folders), selectinload(Warehouse.order))
    )
    if item is None:
        return 0
    return len([x.id for x in item.folders]) + (item.order.id if item.order is not None else 0)


async def get_invoice_line_with_tag(session: AsyncSession, invoice_line_id: int) -> object:
    item = await session.get(InvoiceLine, invoice_line_id, options=[selectinload(InvoiceLine.tag)])
    if item is None:
        return None
    return item.tag.id


async def find_sprint_task_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Sprint).where(Sprint.name == name).options(joinedload(Sprint.task))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.task.name


async def find_invoice_line_attachment_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(InvoiceLine).where(InvoiceLine.name == name).options(joinedload(InvoiceLine.attachment))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.attachment.name


def serialize_project_orders(item: Project) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "orders": [x.id for x in item.orders]}


async def get_project_orders_serialized(session: AsyncSession, project_id: int) -> dict[str, object] | None:
    item = await session.get(Project, project_id, options=[selectinload(Project.orders)])
    return serialize_project_orders(item) if item is not None else None


async def get_invoice_line_with_tag_v2(session: AsyncSession, invoice_line_id: int) -> object:
    item = await session.get(InvoiceLine, invoice_line_id, options=[selectinload(InvoiceLine.tag)])
    if item is None:
        return None
    return item.tag.id


async def create_invoice_line_v2(session: AsyncSession, name: str, tag_id: int, attachment_id: int) -> int:
    item = InvoiceLine(name=name, tag_id=tag_id, attachment_id=attachment_id)
    session.add(item)
    await session.flush()
    return item.id


async def list_shipments_with_suppliers(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Shipment).options(selectinload(Shipment.suppliers)).order_by(Shipment.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "suppliers": len(row.suppliers)} for row in rows]


async def rename_order_line(session: AsyncSession, order_line_id: int, name: str) -> bool:
    item = await session.get(OrderLine, order_line_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


async def invoice_line_weight(session: AsyncSession, invoice_line_id: int) -> int:
    item = await session.scalar(
        select(InvoiceLine).where(InvoiceLine.id == invoice_line_id).options(selectinload(InvoiceLine.tag), selectinload(InvoiceLine.attachment))
    )
    if item is None:
        return 0
    return item.tag.id + item.attachment.id


async def list_notifications_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Notification.roles), joinedload(Notification.order)]
    stmt = select(Notification).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.roles) + row.order.id for row in rows]


async def load_notification_roles_notification(session: AsyncSession, notification_id: int) -> dict[int, object]:
    stmt = (
        select(Notification)
        .where(Notification.id == notification_id)
        .options(selectinload(Notification.roles).selectinload(Role.notification))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.notification.id for child in item.roles}


async def invoice_line_weight_v2(session: AsyncSession, invoice_line_id: int) -> int:
    item = await session.scalar(
        select(InvoiceLine).where(InvoiceLine.id == invoice_line_id).options(selectinload(InvoiceLine.tag), selectinload(InvoiceLine.attachment))
    )
    if item is None:
        return 0
    return item.tag.id + item.attachment.id


async def get_invoice_line_with_attachment(session: AsyncSession, invoice_line_id: int) -> object:
    item = await session.get(InvoiceLine, invoice_line_id, options=[selectinload(InvoiceLine.attachment)])
    if item is None:
        return None
    return item.attachment.id


async def load_category_payments_organization(session: AsyncSession, category_id: int) -> dict[int, object]:
    stmt = (
        select(Category)
        .where(Category.id == category_id)
        .options(selectinload(Category.payments).selectinload(Payment.organization))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.organization.id for child in item.payments}


def serialize_folder_tags(item: Folder) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "tags": [x.id for x in item.tags]}


async def get_folder_tags_serialized(session: AsyncSession, folder_id: int) -> dict[str, object] | None:
    item = await session.get(Folder, folder_id, options=[selectinload(Folder.tags)])
    return serialize_folder_tags(item) if item is not None else None


async def list_payment_organization_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Payment, Organization).join(Payment.organization).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def count_addresses_by_order_line_id(session: AsyncSession, order_line_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Address).where(Address.order_line_id == order_line_id)
    )
    return total or 0


async def list_invoice_line_attachment_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(InvoiceLine, Attachment).join(InvoiceLine.attachment).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def list_milestone_task_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Milestone, Task).join(Milestone.task).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def list_documents_with_teams(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Document).options(selectinload(Document.teams)).order_by(Document.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "teams": len(row.teams)} for row in rows]


async def list_folders_with_payments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Folder).options(selectinload(Folder.payments)).order_by(Folder.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "payments": len(row.payments)} for row in rows]


async def scan_organizations_payments(session: AsyncSession, limit: int = 100) -> int:
    # Organization.payments is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Organization).limit(limit))).all()
    return sum(len(row.payments) for row in rows)
