"""The one place that creates the engine and opens sessions.

The engine and the session factory are created on first use rather than at import, so that
importing the app (tests, tooling, ``mypy``) needs neither a database nor its async driver.
"""

import os
from collections.abc import AsyncGenerator
from functools import lru_cache

from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app.models import Base

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./app.db"


@lru_cache(maxsize=1)
def get_engine() -> AsyncEngine:
    """The process-wide engine (``DATABASE_URL``, e.g. ``postgresql+asyncpg://...``)."""
    return create_async_engine(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))


@lru_cache(maxsize=1)
def get_session_maker() -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: after "await session.commit()" the attributes stay readable;
    # with the default, reading one would reload it: hidden IO, MissingGreenlet under asyncio.
    return async_sessionmaker(get_engine(), expire_on_commit=False)


async def get_db() -> AsyncGenerator[AsyncSession, None]:
    """FastAPI dependency: ``session: Annotated[AsyncSession, Depends(get_db)]``.

    The session is opened with ``async with``, so it is closed (and its connection returned to
    the pool) however the request ends.
    """
    session_maker = get_session_maker()
    async with session_maker() as session:
        yield session


async def create_tables(engine: AsyncEngine) -> None:
    """Create the schema. ``MetaData.create_all`` is sync: it runs through ``run_sync``."""
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
