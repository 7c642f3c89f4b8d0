"""Correct async code: no sync API outside run_sync() callbacks, and Loaded[...]."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import selectinload

from mypy_async_alchemy import Loaded
from mypy_async_alchemy.sync import SyncConnection, SyncSession

from .models import Post, User


async def users_with_posts(session: AsyncSession) -> list[Loaded[User, Literal["posts"]]]:
    result = await session.scalars(select(User).options(selectinload(User.posts)))
    return list(result.all())


def titles(user: Loaded[User, Literal["posts"]]) -> list[str]:
    return [post.title for post in user.posts]


async def count_posts(session: AsyncSession) -> int:
    count = await session.scalar(select(func.count()).select_from(Post))
    return count or 0


def rename_all(session: SyncSession, name: str) -> int:
    """A run_sync() callback: sync IO is legitimate here."""
    users = session.scalars(select(User)).all()
    for user in users:
        user.name = name
    session.flush()
    return len(users)


def table_count(connection: SyncConnection) -> int:
    """A run_sync() callback on a connection."""
    rows = connection.execute(text("select name from sqlite_master")).all()
    return len(rows)


async def rename(session: AsyncSession, name: str) -> int:
    renamed = await session.run_sync(rename_all, name)
    await session.commit()
    return renamed


async def tables(connection: AsyncConnection) -> int:
    return await connection.run_sync(table_count)
