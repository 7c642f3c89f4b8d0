"""Queries around Team."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from models import (
    Document,
    Folder,
    Invoice,
    InvoiceLine,
    Order,
    Organization,
    Payment,
    Team,
    User,
    Warehouse,
)


async def list_team_organization_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Team, Organization).join(Team.organization).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def team_ids_having_attachments(session: AsyncSession) -> list[int]:
    stmt = select(Team.id).where(Team.attachments.any())
    return list((await session.scalars(stmt)).all())


async def list_teams_eager(session: AsyncSession) -> list[int]:
    opts = [selectinload(Team.attachments), joinedload(Team.organization)]
    stmt = select(Team).options(*opts)
    rows = (await session.scalars(stmt)).all()
    return [len(row.attachments) + row.organization.id for row in rows]


async def list_payment_organization_pairs(session: AsyncSession, limit: int = 100) -> list[tuple[int, str]]:
    stmt = select(Payment, Organization).join(Payment.organization).limit(limit)
    rows = (await session.execute(stmt)).all()
    return [(child.id, parent.name) for child, parent in rows]


async def get_team_with_tasks(session: AsyncSession, team_id: int) -> object:
    item = await session.get(Team, team_id, options=[selectinload(Team.tasks)])
    if item is None:
        return None
    return [x.id for x in item.tasks]


async def create_team(session: AsyncSession, name: str, organization_id: int) -> int:
    item = Team(name=name, organization_id=organization_id, tasks=[])
    session.add(item)
    await session.flush()
    assert not item.tasks  # set by the constructor: no IO
    return item.id


async def delete_team(session: AsyncSession, team_id: int) -> bool:
    item = await session.get(Team, team_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def create_team_v2(session: AsyncSession, name: str, organization_id: int) -> int:
    item = Team(name=name, organization_id=organization_id, tasks=[])
    session.add(item)
    await session.flush()
    assert not item.tasks  # set by the constructor: no IO
    return item.id


async def get_team_with_tasks_v2(session: AsyncSession, team_id: int) -> object:
    item = await session.get(Team, team_id, options=[selectinload(Team.tasks)])
    if item is None:
        return None
    return [x.id for x in item.tasks]


async def count_teams_by_organization_id(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Team).where(Team.organization_id == organization_id)
    )
    return total or 0


async def list_teams_joined_tasks(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Team).where(Team.is_active == active).options(joinedload(Team.tasks))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.tasks) for row in rows}


async def find_team_organization_name(session: AsyncSession, name: str) -> str | None:
    stmt = select(Team).where(Team.name == name).options(joinedload(Team.organization))
    item = (await session.execute(stmt)).scalar_one_or_none()
    if item is None:
        return None
    return item.organization.name


async def list_invoices_joined_products(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(Invoice).where(Invoice.is_active == active).options(joinedload(Invoice.products))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.products) for row in rows}


async def delete_team_v2(session: AsyncSession, team_id: int) -> bool:
    item = await session.get(Team, team_id)
    if item is None:
        return False
    await session.delete(item)
    await session.commit()
    return True


async def stream_warehouses_folders(session: AsyncSession) -> list[int]:
    stmt = select(Warehouse).options(selectinload(Warehouse.folders))
    out: list[int] = []
    async for row in await session.stream_scalars(stmt):
        out.append(len(row.folders))
    return out


async def list_folders_with_tags(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Folder).options(selectinload(Folder.tags)).order_by(Folder.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "tags": len(row.tags)} for row in rows]


async def load_team_documents_teams(session: AsyncSession, team_id: int) -> dict[int, object]:
    stmt = (
        select(Team)
        .where(Team.id == team_id)
        .options(selectinload(Team.documents).selectinload(Document.teams))
    )
    item = (await session.scalars(stmt)).first()
    if item is None:
        return {}
    return {child.id: [x.id for x in child.teams] for child in item.documents}


async def list_orders_with_documents(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Order).options(selectinload(Order.documents)).order_by(Order.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "documents": len(row.documents)} for row in rows]


async def get_team_with_documents(session: AsyncSession, team_id: int) -> object:
    item = await session.get(Team, team_id, options=[selectinload(Team.documents)])
    if item is None:
        return None
    return [x.id for x in item.documents]


async def list_teams_with_tasks(session: AsyncSession, limit: int = 50) -> list[dict[str, object]]:
    stmt = select(Team).options(selectinload(Team.tasks)).order_by(Team.id).limit(limit)
    result = await session.execute(stmt)
    rows = result.scalars().all()
    return [{"id": row.id, "tasks": len(row.tasks)} for row in rows]


async def list_users_joined_shipments(session: AsyncSession, active: bool = True) -> dict[int, int]:
    stmt = select(User).where(User.is_active == active).options(joinedload(User.shipments))
    rows = (await session.execute(stmt)).unique().scalars().all()
    return {row.id: len(row.shipments) for row in rows}


async def invoice_line_attachment_on_demand(session: AsyncSession, invoice_line_id: int) -> list[int]:
    item = await session.get(InvoiceLine, invoice_line_id)
    if item is None:
        return []
    related = await item.awaitable_attrs.attachment
    return [related.id]


async def count_teams_by_organization_id_v2(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Team).where(Team.organization_id == organization_id)
    )
    return total or 0


async def count_teams_by_organization_id_v3(session: AsyncSession, organization_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Team).where(Team.organization_id == organization_id)
    )
    return total or 0


async def team_attachments_names(session: AsyncSession, team_id: int) -> list[str]:
    item = await session.get(Team, team_id)
    if item is None:
        return []
    return [x.name for x in item.attachments]  # MISTAKE: not loaded
