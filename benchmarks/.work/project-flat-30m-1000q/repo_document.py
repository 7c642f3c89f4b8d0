"""Queries around Document."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from db import SessionLocal
from models import Address, Category, Comment, Document, OrderLine, Organization, Payment, Project


async def scan_organizations_payments(session: AsyncSession, limit: int = 100) -> int:
    # Organization.payments is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Organization).limit(limit))).all()
    return sum(len(row.payments) for row in rows)


async def list_documents_joined_teams(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Document).where(Document.is_active == active).options(joinedload(Document.teams))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.teams) for row in rows}


async def get_document_with_teams(session: AsyncSession, document_id: int) -> object:
    item = await session.get(Document, document_id, options=[selectinload(Document.teams)])
    if item is None:
        return None
    return [x.id for x in item.teams]


async def rename_document(session: AsyncSession, document_id: int, name: str) -> bool:
    item = await session.get(Document, document_id)
    if item is None:
        return False
    item.name = name
    item.description = None
    await session.commit()
    return True


def serialize_document_teams(item: Document) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "teams": [x.id for x in item.teams]}


async def get_document_teams_serialized(session: AsyncSession, document_id: int) -> dict[str, object] | None:
    item = await session.get(Document, document_id, options=[selectinload(Document.teams)])
    return serialize_document_teams(item) if item is not None else None


async def load_address_organizations_users(session: AsyncSession, address_id: int) -> dict[int, object]:
    stmt = (
        select(Address)
        .where(Address.id == address_id)
        .options(selectinload(Address.organizations).selectinload(Organization.users))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.users] for child in item.organizations}


async def create_project(session: AsyncSession, name: str, organization_id: int) -> int:
    item = Project(name=name, organization_id=organization_id, orders=[])
    session.add(item)
    await session.flush()
    assert not item.orders  # set by the constructor: no IO
    return item.id


def document_teams_count(item: Loaded[Document, Literal["teams"]]) -> int:
    return len(item.teams)


async def get_document_teams_count(session: AsyncSession, document_id: int) -> int:
    stmt = select(Document).where(Document.id == document_id).options(selectinload(Document.teams))
    item = (await session.execute(stmt)).scalar_one()
    return document_teams_count(item)


async def load_category_payments_organization(session: AsyncSession, category_id: int) -> dict[int, object]:
    stmt = (
        select(Category)
        .where(Category.id == category_id)
        .options(selectinload(Category.payments).joinedload(Payment.organization))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: child.organization.id for child in item.payments}


async def create_document(session: AsyncSession, name: str, order_id: int) -> int:
    item = Document(name=name, order_id=order_id, teams=[])
    session.add(item)
    await session.flush()
    assert not item.teams  # set by the constructor: no IO
    return item.id


def order_line_addresses_count(item: Loaded[OrderLine, Literal["addresses"]]) -> int:
    return len(item.addresses)


async def get_order_line_addresses_count(session: AsyncSession, order_line_id: int) -> int:
    stmt = select(OrderLine).where(OrderLine.id == order_line_id).options(selectinload(OrderLine.addresses))
    item = (await session.execute(stmt)).scalar_one()
    return order_line_addresses_count(item)


async def count_documents_by_order_id(session: AsyncSession, order_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Document).where(Document.order_id == order_id)
    )
    return total or 0


async def scan_organizations_payments_v2(session: AsyncSession, limit: int = 100) -> int:
    # Organization.payments is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Organization).limit(limit))).all()
    return sum(len(row.payments) for row in rows)


async def get_document_with_teams_v2(session: AsyncSession, document_id: int) -> object:
    item = await session.get(Document, document_id, options=[selectinload(Document.teams)])
    if item is None:
        return None
    return [x.id for x in item.teams]


def document_teams_count_v2(item: Loaded[Document, Literal["teams"]]) -> int:
    return len(item.teams)


async def get_document_teams_count_v2(session: AsyncSession, document_id: int) -> int:
    stmt = select(Document).where(Document.id == document_id).options(selectinload(Document.teams))
    item = (await session.execute(stmt)).scalar_one()
    return document_teams_count_v2(item)


async def create_document_v2(session: AsyncSession, name: str, order_id: int) -> int:
    item = Document(name=name, order_id=order_id, teams=[])
    session.add(item)
    await session.flush()
    assert not item.teams  # set by the constructor: no IO
    return item.id


async def get_document_with_teams_v3(session: AsyncSession, document_id: int) -> object:
    item = await session.get(Document, document_id, options=[selectinload(Document.teams)])
    if item is None:
        return None
    return [x.id for x in item.teams]


async def comment_ids_having_order_lines(session: AsyncSession) -> list[int]:
    stmt = select(Comment.id).where(Comment.order_lines.any())
    return list((await session.scalars(stmt)).all())


async def document_weight(session: AsyncSession, document_id: int) -> int:
    item = await session.scalar(
        select(Document).where(Document.id == document_id).options(selectinload(Document.teams), selectinload(Document.order))
    )
    if item is None:
        return 0
    return len([x.id for x in item.teams]) + item.order.id


async def delete_document(session: AsyncSession, document_id: int) -> bool:
    item = await session.get(Document, document_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def document_teams_on_demand(session: AsyncSession, document_id: int) -> list[int]:
    item = await session.get(Document, document_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.teams
    return [x.id for x in related]


async def list_documents_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Document.teams), joinedload(Document.order)]
    stmt = select(Document).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.teams) + row.order.id for row in rows]


async def rename_document_v2(session: AsyncSession, document_id: int, name: str) -> bool:
    item = await session.get(Document, document_id)
    if item is None:
        return False
    item.name = name
    item.score += 1.0
    await session.commit()
    return True


async def list_documents_with_teams(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Document).options(selectinload(Document.teams)).order_by(Document.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "teams": len(row.teams)} for row in rows]


async def count_documents_unscoped() -> int:
    session = SessionLocal()  # MISTAKE: not closed if the query raises
    total = await session.scalar(select(func.count()).select_from(Document))
    await session.close()
    return total or 0
