"""Sync APIs in async code. A "deprecated:" comment lists what pyright reports with the stubs."""

from __future__ import annotations

from sqlalchemy import (
    create_engine,  # deprecated: create_engine
    engine_from_config,  # deprecated: engine_from_config
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import (
    Query,  # deprecated: Query
    Session,  # deprecated: Session
    scoped_session,  # deprecated: scoped_session
    sessionmaker,  # deprecated: sessionmaker
)

from .models import User

sync_engine = create_engine("sqlite://")  # deprecated: create_engine
config_engine = engine_from_config({})  # deprecated: engine_from_config
Maker = sessionmaker(sync_engine)  # deprecated: sessionmaker
Scoped = scoped_session(Maker)  # deprecated: scoped_session


async def blocking_session() -> User | None:
    with Session(sync_engine) as session:  # deprecated: Session
        return session.get(User, 1)


async def blocking_connection() -> int:
    with sync_engine.connect() as connection:  # deprecated: connect
        return len(connection.execute(select(User)).all())


async def blocking_transaction() -> None:
    with sync_engine.begin() as connection:  # deprecated: begin
        connection.execute(select(User))


async def inner_sync_engine() -> None:
    engine = create_async_engine("sqlite+aiosqlite://")
    raw = engine.sync_engine.raw_connection()  # deprecated: raw_connection
    raw.close()
    engine.sync_engine.dispose()  # deprecated: dispose


async def legacy_query(session: AsyncSession) -> list[User]:
    return session.sync_session.query(User).all()  # deprecated: query


def scoped_query() -> User | None:
    return Scoped.query(User).first()  # deprecated: query


def annotated(query: Query[User]) -> list[User]:  # deprecated: Query
    return query.all()
