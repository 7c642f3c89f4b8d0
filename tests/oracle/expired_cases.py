"""Handlers that read objects after their session expired them, or look as if they do.

Type-checked with the plugin and run against SQLite by ``test_oracle.py``: a handler that
fails at run time because a read did IO must be reported (``alchemy-expired``) and a
reported one must fail. Each ``case_*`` gets a database holding one user (id 1, email
"a@example.com") with one post.
"""

from __future__ import annotations

import os

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import (
    AsyncAttrs,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload


class Base(AsyncAttrs, DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    posts: Mapped[list[Post]] = relationship(back_populates="user")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="posts")


engine = create_async_engine(os.environ.get("ORACLE_DATABASE_URL", "sqlite+aiosqlite://"))
maker = async_sessionmaker(engine)
keeper = async_sessionmaker(engine, expire_on_commit=False)


def seed() -> User:
    """The one user every case starts from."""
    return User(id=1, email="a@example.com", name="a", posts=[Post()])


async def case_commit_then_read() -> str:
    async with maker() as session:
        user = await session.get_one(User, 1)
        user.name = "renamed"
        await session.commit()
        return user.email


async def case_keeper_commit_then_read() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        user.name = "renamed"
        await session.commit()
        return user.email


async def case_explicit_keeper() -> str:
    async with AsyncSession(engine, expire_on_commit=False) as session:
        user = await session.get_one(User, 1)
        await session.commit()
        return user.email


async def case_commit_refresh_read() -> str:
    async with maker() as session:
        user = await session.get_one(User, 1)
        await session.commit()
        await session.refresh(user)
        return user.email


async def case_commit_refresh_other_attribute() -> str:
    async with maker() as session:
        user = await session.get_one(User, 1)
        await session.commit()
        await session.refresh(user, ["name"])
        return user.email


async def case_created_added_committed() -> int:
    async with maker() as session:
        user = User(email="b@example.com", name="b")
        session.add(user)
        await session.commit()
        return user.id


async def case_created_never_added() -> str:
    async with maker() as session:
        user = User(email="c@example.com", name="c")
        await session.commit()
        return user.email


async def case_rollback_on_failure() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        session.add(User(email="a@example.com", name="duplicate"))
        try:
            await session.flush()
        except IntegrityError:
            await session.rollback()
        return user.email


async def case_rollback_then_return() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        session.add(User(email="a@example.com", name="duplicate"))
        try:
            await session.flush()
        except IntegrityError:
            await session.rollback()
            return "failed"
        return user.email


async def case_new_object_after_rollback() -> str:
    async with keeper() as session:
        user = User(email="d@example.com", name="d")
        session.add(user)
        await session.rollback()
        return user.email


async def case_expire_all() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        session.expire_all()
        return user.email


async def case_expire_other_attribute() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        session.expire(user, ["name"])
        return user.email


async def case_expire_then_assign() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        session.expire(user)
        user.email = "e@example.com"
        return user.email


async def case_expire_then_awaitable_attrs() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        session.expire(user)
        return await user.awaitable_attrs.email


async def case_maker_begin_block() -> str:
    async with maker.begin() as session:
        user = await session.get_one(User, 1)
    return user.email


async def case_keeper_begin_block() -> str:
    async with keeper.begin() as session:
        user = await session.get_one(User, 1)
    return user.email


async def case_session_begin_block() -> str:
    async with maker() as session:
        async with session.begin():
            user = await session.get_one(User, 1)
        return user.email


async def case_stale_list() -> list[str]:
    async with maker() as session:
        users = (await session.scalars(select(User))).all()
        await session.commit()
        return [user.email for user in users]


async def case_fresh_list_after_commit() -> list[str]:
    async with maker() as session:
        await session.commit()
        return [user.email for user in (await session.scalars(select(User))).all()]


async def case_loaded_again_after_commit() -> str:
    async with maker() as session:
        user = await session.get_one(User, 1)
        await session.commit()
        user = await session.get_one(User, 1)
        return user.email


async def case_loaded_relationship_after_rollback() -> int:
    async with keeper() as session:
        query = select(User).options(selectinload(User.posts))
        user = (await session.scalars(query)).one()
        await session.rollback()
        return len(user.posts)


async def case_loaded_relationship_kept() -> int:
    async with keeper() as session:
        query = select(User).options(selectinload(User.posts))
        user = (await session.scalars(query)).one()
        await session.commit()
        return len(user.posts)


async def case_collection_replaced_after_commit() -> int:
    async with maker() as session:
        query = select(User).options(selectinload(User.posts))
        user = (await session.scalars(query)).one()
        await session.commit()
        user.posts = [Post()]  # replacing a collection loads the old one first
        return 0


async def case_collection_replaced_keeper_commit() -> int:
    async with keeper() as session:
        query = select(User).options(selectinload(User.posts))
        user = (await session.scalars(query)).one()
        await session.commit()
        user.posts = [Post()]
        return 0


# Through the project's own functions (effect summaries: loading/effects.py).


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def rename(self, user_id: int, name: str) -> None:
        user = await self.session.get_one(User, user_id)
        user.name = name
        await self.session.flush()
        self.session.expire_all()

    async def flush(self) -> None:
        await self.session.flush()


async def undo(session: AsyncSession) -> None:
    await session.rollback()


async def undo_through(db: AsyncSession) -> None:
    await undo(db)


async def save(session: AsyncSession) -> None:
    await session.commit()


async def forget(session: AsyncSession, obj: Base) -> None:
    session.expire(obj)


async def case_helper_expire_all() -> str:
    async with keeper() as session:
        repository = UserRepository(session)
        user = await session.get_one(User, 1)
        await repository.rename(1, "renamed")
        return user.email


async def case_helper_flush() -> str:
    async with keeper() as session:
        repository = UserRepository(session)
        user = await session.get_one(User, 1)
        await repository.flush()
        return user.email


async def case_helper_rollback() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        await undo(session)
        return user.email


async def case_helper_of_helper_rollback() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        await undo_through(session)
        return user.email


async def case_helper_rollback_then_refresh() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        await undo(session)
        await session.refresh(user)
        return user.email


async def case_read_before_helper_rollback() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        email = user.email
        await undo(session)
        return email


async def case_helper_commit() -> str:
    async with maker() as session:
        user = await session.get_one(User, 1)
        await save(session)
        return user.email


async def case_helper_commit_keeper() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        await save(session)
        return user.email


async def case_helper_expire_argument() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        await forget(session, user)
        return user.email


async def case_helper_expire_other_object() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        post = await session.get_one(Post, 1)
        await forget(session, post)
        return user.email


async def reload(session: AsyncSession, user: User) -> None:
    await session.refresh(user)


async def case_helper_rollback_then_helper_refresh() -> str:
    async with keeper() as session:
        user = await session.get_one(User, 1)
        await undo(session)
        await reload(session, user)
        return user.email
