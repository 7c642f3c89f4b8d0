"""Queries around Team."""

from typing import Literal

from mypy_async_alchemy import Loaded
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import Address, Comment, Organization, Review, Shipment, Task, Team, Webhook


async def team_weight(session: AsyncSession, team_id: int) -> int:
    item = await session.scalar(
        select(Team).where(Team.id == team_id).options(selectinload(Team.documents), selectinload(Team.tasks))
    )
    if item is None:
        return 0
    return len([x.id for x in item.documents]) + len([x.id for x in item.tasks])


async def count_teams_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Team).where(Team.organization_id == organization_id)
    )
    return total or 0


async def stream_teams_documents(session: AsyncSession) -> list[int]:
    stmt = select(Team).options(selectinload(Team.documents))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.documents))
    return out


async def create_webhook(session: AsyncSession, name: str, organization_id: int, product_id: int) -> int:
    item = Webhook(name=name, organization_id=organization_id, product_id=product_id, attachments=[])
    session.add(item)
    await session.flush()
    assert not item.attachments  # set by the constructor: no IO
    return item.id


async def list_comments_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Comment.tags), joinedload(Comment.task)]
    stmt = select(Comment).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.tags) + (row.task.id if row.task is not None else 0) for row in rows]


async def get_team_with_tasks(session: AsyncSession, team_id: int) -> object:
    item = await session.get(Team, team_id, options=[selectinload(Team.tasks)])
    if item is None:
        return None
    return [x.id for x in item.tasks]


async def reload_team_documents(session: AsyncSession, item: Team) -> int:
    await session.refresh(item, ["documents"])
    return len(item.documents)


async def count_teams_by_organization_id_v2(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Team).where(Team.organization_id == organization_id)
    )
    return total or 0


async def count_reviews_by_customer_id(session: AsyncSession, customer_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Review).where(Review.customer_id == customer_id)
    )
    return total or 0


def serialize_team_documents(item: Team) -> dict[str, object]:
    # The caller decides what is loaded: a parameter of plain model type.
    return {"id": item.id, "name": item.name, "documents": [x.id for x in item.documents]}


async def get_team_documents_serialized(session: AsyncSession, team_id: int) -> dict[str, object] | None:
    item = await session.get(Team, team_id, options=[selectinload(Team.documents)])
    return serialize_team_documents(item) if item is not None else None


async def load_team_tasks_customers(session: AsyncSession, team_id: int) -> dict[int, object]:
    stmt = (
        select(Team)
        .where(Team.id == team_id)
        .options(selectinload(Team.tasks).selectinload(Task.customers))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.customers] for child in item.tasks}


async def team_attachments_on_demand(session: AsyncSession, team_id: int) -> list[int]:
    item = await session.get(Team, team_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.attachments
    return [x.id for x in related]


async def team_weight_v2(session: AsyncSession, team_id: int) -> int:
    item = await session.scalar(
        select(Team).where(Team.id == team_id).options(selectinload(Team.organization), selectinload(Team.attachments))
    )
    if item is None:
        return 0
    return item.organization.id + len([x.id for x in item.attachments])


async def rename_team(session: AsyncSession, team_id: int, name: str) -> bool:
    item = await session.get(Team, team_id)
    if item is None:
        return False
    item.name = name
    item.is_active = True
    await session.commit()
    return True


def team_documents_count(item: Loaded[Team, Literal["documents"]]) -> int:
    return len(item.documents)


async def get_team_documents_count(session: AsyncSession, team_id: int) -> int:
    stmt = select(Team).where(Team.id == team_id).options(selectinload(Team.documents))
    item = (await session.execute(stmt)).scalar_one()
    return team_documents_count(item)


async def list_team_organization_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Team, Organization).join(Team.organization).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def create_team(session: AsyncSession, name: str, organization_id: int) -> int:
    item = Team(name=name, organization_id=organization_id, tasks=[])
    session.add(item)
    await session.flush()
    assert not item.tasks  # set by the constructor: no IO
    return item.id


async def team_ids_having_tasks(session: AsyncSession) -> list[int]:
    stmt = select(Team.id).where(Team.tasks.any())
    return list((await session.scalars(stmt)).all())


async def scan_shipments_suppliers(session: AsyncSession, limit: int = 100) -> int:
    # Shipment.suppliers is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Shipment).limit(limit))).all()
    return sum(len(row.suppliers) for row in rows)


async def get_address_with_organizations(session: AsyncSession, address_id: int) -> object:
    item = await session.get(Address, address_id, options=[selectinload(Address.organizations)])
    if item is None:
        return None
    return [x.id for x in item.organizations]


async def scan_comments_products(session: AsyncSession, limit: int = 100) -> int:
    # Comment.products is lazy="selectin": loaded with its parent.
    rows = (await session.scalars(select(Comment).limit(limit))).all()
    return sum(len(row.products) for row in rows)


async def reload_team_attachments(session: AsyncSession, item: Team) -> int:
    await session.refresh(item, ["attachments"])
    return len(item.attachments)


async def count_teams_by_organization_id_v3(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Team).where(Team.organization_id == organization_id)
    )
    return total or 0


async def list_team_organization_pairs_v2(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Team, Organization).join(Team.organization).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def team_attachments_names(session: AsyncSession, team_id: int) -> list[str]:
    item = await session.get(Team, team_id)
    if item is None:
        return []
    return [x.name for x in item.attachments]  # MISTAKE: not loaded
