"""Queries around Supplier."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Category,
    Comment,
    Customer,
    Order,
    OrderLine,
    Payment,
    Product,
    Project,
    Role,
    Shipment,
    Sprint,
    Supplier,
    Tag,
    User,
)


def order_line_addresses_count(item: Loaded[OrderLine, Literal["addresses"]]) -> int:
    return len(item.addresses)


async def get_order_line_addresses_count(session: AsyncSession, order_line_id: int) -> int:
    stmt = select(OrderLine).where(OrderLine.id == order_line_id).options(selectinload(OrderLine.addresses))
    item = (await session.execute(stmt)).scalar_one()
    return order_line_addresses_count(item)


async def create_supplier(session: AsyncSession, name: str, shipment_id: int | None) -> int:
    item = Supplier(name=name, shipment_id=shipment_id)
    session.add(item)
    await session.flush()
    return item.id


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


async def reload_tag_invoice_lines(session: AsyncSession, item: Tag) -> int:
    await session.refresh(item, ["invoice_lines"])
    return len(item.invoice_lines)


async def delete_supplier(session: AsyncSession, supplier_id: int) -> bool:
    item = await session.get(Supplier, supplier_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


def serialize_user_payments(item: User) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "payments": [x.id for x in item.payments]}


async def get_user_payments_serialized(session: AsyncSession, user_id: int) -> dict[str, object] | None:
    item = await session.get(User, user_id, options=[selectinload(User.payments)])
    return serialize_user_payments(item) if item is not None else None


async def rename_supplier(session: AsyncSession, supplier_id: int, name: str) -> bool:
    item = await session.get(Supplier, supplier_id)
    if item is None:
        return False
    item.name = name
    item.is_active = True
    await session.commit()
    return True


async def get_supplier_with_shipment(session: AsyncSession, supplier_id: int) -> object:
    item = await session.get(Supplier, supplier_id, options=[selectinload(Supplier.shipment)])
    if item is None:
        return None
    return (item.shipment.id if item.shipment is not None else 0)


async def role_notification_on_demand(session: AsyncSession, role_id: int) -> list[int]:
    item = await session.get(Role, role_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.notification
    return [related.id]


async def create_supplier_v2(session: AsyncSession, name: str, shipment_id: int | None) -> int:
    item = Supplier(name=name, shipment_id=shipment_id)
    session.add(item)
    await session.flush()
    return item.id


async def get_supplier_with_shipment_v2(session: AsyncSession, supplier_id: int) -> object:
    item = await session.get(Supplier, supplier_id, options=[selectinload(Supplier.shipment)])
    if item is None:
        return None
    return (item.shipment.id if item.shipment is not None else 0)


async def list_users_with_payments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(User).options(selectinload(User.payments)).order_by(User.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "payments": len(row.payments)} for row in rows]


async def supplier_weight(session: AsyncSession, supplier_id: int) -> int:
    item = await session.scalar(
        select(Supplier).where(Supplier.id == supplier_id).options(selectinload(Supplier.shipment))
    )
    if item is None:
        return 0
    return (item.shipment.id if item.shipment is not None else 0)


async def supplier_shipment_on_demand(session: AsyncSession, supplier_id: int) -> list[int]:
    item = await session.get(Supplier, supplier_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.shipment
    return [related.id] if related is not None else []


async def product_ids_having_audit_entries(session: AsyncSession) -> list[int]:
    stmt = select(Product.id).where(Product.audit_entries.any())
    return list((await session.scalars(stmt)).all())


async def list_users_with_shipments(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(User).options(selectinload(User.shipments)).order_by(User.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "shipments": len(row.shipments)} for row in rows]


async def create_comment(session: AsyncSession, name: str, task_id: int | None) -> int:
    item = Comment(name=name, task_id=task_id, tags=[])
    session.add(item)
    await session.flush()
    assert not item.tags  # set by the constructor: no IO
    return item.id


async def create_supplier_v3(session: AsyncSession, name: str, shipment_id: int | None) -> int:
    item = Supplier(name=name, shipment_id=shipment_id)
    session.add(item)
    await session.flush()
    return item.id


async def create_shipment(session: AsyncSession, name: str, user_id: int) -> int:
    item = Shipment(name=name, user_id=user_id, suppliers=[])
    session.add(item)
    await session.flush()
    assert not item.suppliers  # set by the constructor: no IO
    return item.id


async def get_supplier_with_shipment_v3(session: AsyncSession, supplier_id: int) -> object:
    item = await session.get(Supplier, supplier_id, options=[selectinload(Supplier.shipment)])
    if item is None:
        return None
    return (item.shipment.id if item.shipment is not None else 0)


async def delete_project(session: AsyncSession, project_id: int) -> bool:
    item = await session.get(Project, project_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def load_comment_products_invoice(session: AsyncSession, comment_id: int) -> dict[int, object]:
    stmt = (
        select(Comment)
        .where(Comment.id == comment_id)
        .options(selectinload(Comment.products).selectinload(Product.invoice))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: (child.invoice.id if child.invoice is not None else 0) for child in item.products}


async def list_customer_sprint_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Customer, Sprint).join(Customer.sprint).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def find_order_project_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Order).where(Order.name == name).options(joinedload(Order.project))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.project.name if item.project is not None else None


async def count_suppliers_by_shipment_id(session: AsyncSession, shipment_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Supplier).where(Supplier.shipment_id == shipment_id)
    )
    return total or 0
