"""reveal_type() probes on instances: the stubs must not change any of them."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
)
from sqlalchemy.orm import selectinload
from typing_extensions import reveal_type

from mypy_async_alchemy import Loaded
from mypy_async_alchemy.sync import SyncConnection, SyncSession

from .models import Post, User


def sync_session_probes(session: SyncSession) -> None:
    reveal_type(session)
    reveal_type(session.execute(select(User)))
    reveal_type(session.execute(select(User.id, User.name)))
    reveal_type(session.scalars(select(User)))
    reveal_type(session.scalar(select(User.id)))
    reveal_type(session.get(User, 1))
    reveal_type(session.get_one(User, 1))
    reveal_type(session.merge(User()))
    reveal_type(session.connection())
    reveal_type(session.begin())
    reveal_type(session.begin_nested())
    reveal_type(session.get_bind())
    reveal_type(session.bind)
    reveal_type(session.info)
    reveal_type(session.identity_map)
    reveal_type(session.new)
    reveal_type(session.dirty)
    reveal_type(session.no_autoflush)
    reveal_type(session.in_transaction())
    reveal_type(session.get_transaction())
    reveal_type(session.is_modified(User()))
    reveal_type(session.__enter__())


def connection_probes(connection: Connection, engine: Engine) -> None:
    reveal_type(connection.execute(select(User)))
    reveal_type(connection.execute(text("select 1")))
    reveal_type(connection.scalar(select(User.id)))
    reveal_type(connection.scalars(select(User.id)))
    reveal_type(connection.exec_driver_sql("select 1"))
    reveal_type(connection.execution_options(isolation_level="AUTOCOMMIT"))
    reveal_type(connection.get_isolation_level())
    reveal_type(connection.begin_nested())
    reveal_type(connection.in_transaction())
    reveal_type(connection.dialect)
    reveal_type(connection.engine)
    reveal_type(connection.info)
    reveal_type(engine.url)
    reveal_type(engine.pool)
    reveal_type(engine.dialect)
    reveal_type(engine.execution_options(echo=True))
    reveal_type(engine.name)


async def async_probes(
    session: AsyncSession,
    connection: AsyncConnection,
    engine: AsyncEngine,
    maker: async_sessionmaker[AsyncSession],
) -> None:
    statement = select(User).options(selectinload(User.posts))
    reveal_type(statement)
    reveal_type(select(User.id, Post.title))
    reveal_type(await session.execute(statement))
    reveal_type(await session.scalars(statement))
    reveal_type(await session.scalar(select(User.id)))
    reveal_type(await session.get(User, 1))
    reveal_type(await session.stream(statement))
    reveal_type(await session.stream_scalars(statement))
    reveal_type(await session.connection())
    reveal_type(session.sync_session)
    reveal_type(session.begin())
    reveal_type(session.begin_nested())
    async with maker() as made:
        reveal_type(made)
    async with maker.begin() as begun:
        reveal_type(begun)
    reveal_type(engine.sync_engine)
    reveal_type(engine.connect())
    reveal_type(engine.begin())
    reveal_type(connection.sync_connection)
    reveal_type(await connection.execute(statement))
    reveal_type(await connection.stream(statement))
    reveal_type(await connection.run_sync(lambda sync: sync.dialect.name))
    result = await session.execute(text("select 1"))
    reveal_type(result.all())
    reveal_type(result.first())
    reveal_type(result.mappings())
    reveal_type(result.scalars())
    stream = await session.stream(select(User.id, User.name))
    reveal_type(await stream.all())
    reveal_type(stream.scalars())
    row = (await session.execute(select(User.id, User.name))).one()
    reveal_type(row)
    reveal_type(row.tuple())
    reveal_type(row.t)


def loaded_probes(user: Loaded[User, Literal["posts"]], connection: SyncConnection) -> None:
    reveal_type(user)
    reveal_type(user.posts)
    reveal_type(connection)
