"""The engine, the session factory and the legitimate uses of the sync classes."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from mypy_async_alchemy.sync import SyncConnection, SyncSession

from .models import Base

engine = create_async_engine("sqlite+aiosqlite://")


class AppSession(SyncSession):
    """The sync Session inside every AsyncSession (``sync_session_class=``)."""


session_maker = async_sessionmaker(engine, expire_on_commit=False, sync_session_class=AppSession)


@event.listens_for(SyncSession, "before_flush")
def before_flush(session: SyncSession, context: Any, instances: Any) -> None:
    session.info["flushes"] = session.info.get("flushes", 0) + 1


@event.listens_for(engine.sync_engine, "begin")
def on_begin(connection: SyncConnection) -> None:
    connection.info["began"] = True


async def get_db() -> AsyncGenerator[AsyncSession, None]:
    async with session_maker() as session:
        yield session


async def create_tables() -> None:
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
