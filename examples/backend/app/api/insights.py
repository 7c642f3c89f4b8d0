"""/insights: joinedload() for many-to-one, Core UPDATE, streaming results."""

from collections.abc import AsyncIterator

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from app.api.schemas import InsightCreate, InsightOut, InsightWithAuthor
from app.models import Insight, User


async def create_insight(
    user_id: int, payload: InsightCreate, session: AsyncSession
) -> InsightOut | None:
    """POST /users/{user_id}/insights."""
    user = await session.get(User, user_id)
    if user is None:
        return None
    insight = Insight(
        user_id=user.id, title=payload["title"], body=payload["body"], score=payload["score"]
    )
    session.add(insight)
    await session.commit()
    return {
        "id": insight.id,
        "title": insight.title,
        "score": insight.score,
        "created_at": insight.created_at,
    }


async def top_insights(
    session: AsyncSession, min_score: float = 0.0, limit: int = 10
) -> list[InsightWithAuthor]:
    """GET /insights/top, each with its author's name (joined in the same SELECT)."""
    stmt = (
        select(Insight)
        .where(Insight.score >= min_score)
        .options(joinedload(Insight.user))
        .order_by(Insight.score.desc())
        .limit(limit)
    )
    result = await session.execute(stmt)
    return [
        {
            "id": insight.id,
            "title": insight.title,
            "score": insight.score,
            "created_at": insight.created_at,
            "author": insight.user.name,
        }
        for insight in result.scalars()
    ]


async def rescore(user_id: int, factor: float, session: AsyncSession) -> None:
    """POST /users/{user_id}/insights/rescore: one UPDATE, no objects loaded."""
    stmt = (
        update(Insight)
        .where(Insight.user_id == user_id, Insight.score.is_not(None))
        .values(score=Insight.score * factor)
    )
    await session.execute(stmt)
    await session.commit()


async def export_titles(session: AsyncSession) -> AsyncIterator[str]:
    """GET /insights/export: rows streamed from a server-side cursor, not buffered."""
    rows = await session.stream_scalars(select(Insight).order_by(Insight.id))
    async for insight in rows:
        yield insight.title
