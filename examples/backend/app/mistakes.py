"""One example of each mistake mypy-async-alchemy reports. Do not copy anything from here.

``mypy app`` reports every marked line below (and exits with status 1 because of them); the
rest of ``app`` is the correct version of the same code. Each mistake says what goes wrong
at run time, under an event loop.
"""

import asyncio

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    DynamicMapped,
    Mapped,
    Session,
    mapped_column,
    relationship,
    sessionmaker,
)

from app.api.responses import UserResponse
from app.models import User

# --- alchemy-sync-engine -----------------------------------------------------------------
# A sync engine runs every query on the event loop's thread: while the database answers,
# no other request is served. Use create_async_engine() (see app/db/session.py).
sync_engine = create_engine("sqlite://")


async def table_names_blocking() -> list[str]:
    async_engine = create_async_engine("sqlite+aiosqlite://")
    # .sync_engine is the sync Engine inside the AsyncEngine: its connect() is blocking IO
    # (and outside a run_sync() callback it is not even allowed to do IO under asyncio).
    with async_engine.sync_engine.connect() as connection:
        return list(connection.dialect.get_table_names(connection))


# --- alchemy-sync-session ----------------------------------------------------------------
# A sync Session does blocking IO on flush, commit, execute... Use AsyncSession, from an
# async_sessionmaker (see app/db/session.py).
SyncSessionLocal = sessionmaker(bind=sync_engine)


async def rename_user_blocking(user_id: int, name: str) -> None:
    with Session(sync_engine) as session:
        user = session.get(User, user_id)
        if user is not None:
            user.name = name
            session.commit()


# --- alchemy-legacy-query ----------------------------------------------------------------
# Session.query() is the 1.x Query API: it has no async form, so it always means a sync
# Session, and it is reported even inside run_sync() callbacks. Use select() and
# "await session.execute(...)" (see app/api/users.py).
def find_user_legacy(session: Session, email: str) -> User | None:
    return session.query(User).filter(User.email == email).first()


# --- alchemy-session-scope ---------------------------------------------------------------
# A session that is not opened with "async with" is not closed when an exception (or a
# cancelled request) leaves the function: its connection stays checked out of the pool
# until the garbage collector finds it. Use "async with maker() as session:" (app/db).
session_maker = async_sessionmaker(create_async_engine("sqlite+aiosqlite://"))


async def count_users_leaky() -> int:
    session = session_maker()
    count = await session.scalar(select(func.count()).select_from(User))
    await session.close()  # skipped if the query raises
    return count or 0


# --- alchemy-sync-def --------------------------------------------------------------------
# AsyncSession methods are coroutines: a plain "def" can only drop them unawaited (nothing
# is saved) or start a second event loop, and asyncio.run() raises "cannot be called from a
# running event loop" inside FastAPI. Make the function "async def" and await the call.
def save_user_sync(session: AsyncSession, user: User) -> None:
    session.add(user)
    asyncio.run(session.commit())


# --- alchemy-unmapped --------------------------------------------------------------------
# Without a Mapped[...] annotation, team.name and team.members are Any to mypy: nothing
# read from or assigned to them is checked, and no load state can be tracked.
class MistakesBase(DeclarativeBase):
    pass


class Team(MistakesBase):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name = mapped_column(String(100))  # should be: name: Mapped[str] = mapped_column(...)
    members = relationship("Member")  # should be: members: Mapped[list["Member"]] = ...


# --- alchemy-legacy-column ---------------------------------------------------------------
# Column() is the 1.x declaration, not typed for the ORM: mypy sees member.email as a
# Column[str] (it is a str). Use "email: Mapped[str | None] = mapped_column(String(255))".
class Member(MistakesBase):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    email = Column(String(255))
    age = Column(Integer, nullable=True)


# --- alchemy-lazy-load (reported once that rule lands) -------------------------------------
# user.insights was not loaded by the query: reading it is a lazy load, IO that SQLAlchemy
# cannot do from async code (it raises MissingGreenlet). Add
# .options(selectinload(User.insights)) as app/api/users.py does.
async def insight_titles_lazy(session: AsyncSession, user_id: int) -> list[str]:
    user = await session.get(User, user_id)
    return [insight.title for insight in user.insights] if user else []


# --- alchemy-dynamic ---------------------------------------------------------------------
# A dynamic relationship is a query, not a collection: iterating project.tasks runs it
# through the sync Session, which raises MissingGreenlet under an AsyncSession (and it
# cannot be eager-loaded). Use "tasks: WriteOnlyMapped[Task]" and
# "await session.scalars(project.tasks.select())".
class Project(MistakesBase):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    tasks: DynamicMapped["Task"] = relationship(back_populates="project")


# --- alchemy-nullable --------------------------------------------------------------------
# project_id is nullable, so task.project is None for a task without a project: typed
# Project, "task.project.id" type-checks and raises AttributeError. Annotate the
# relationship Mapped[Project | None] (or make project_id non-nullable).
class Task(MistakesBase):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"))
    project: Mapped[Project] = relationship(back_populates="tasks")


# --- alchemy-concurrent-session ----------------------------------------------------------
# gather() runs both queries at once on the one connection of the session: asyncpg raises
# "another operation is in progress" (SQLite may let it pass). Await them one after the
# other, or give each its own session ("async with session_maker() as session").
async def reload_users_concurrent(session: AsyncSession, first: User, second: User) -> None:
    await asyncio.gather(session.refresh(first), session.refresh(second))


# --- alchemy-expired ---------------------------------------------------------------------
# session_maker keeps SQLAlchemy's default expire_on_commit=True: commit() expires every
# object of the session, and the next read of user.email runs a SELECT with no await
# (MissingGreenlet). Make the maker with expire_on_commit=False (app/db/session.py does),
# refresh the object after the commit, or read what you need before it.
async def rename_user_then_read(user_id: int, name: str) -> str:
    async with session_maker() as session:
        user = await session.get_one(User, user_id)
        user.name = name
        await session.commit()
        return user.email


# --- alchemy-lazy-load at a serialization boundary ---------------------------------------
# UserResponse reads user.insights while it validates the object, after the query that did
# not load them: Pydantic's read is a lazy load (a ValidationError wrapping MissingGreenlet;
# under FastAPI's response_model=UserResponse, a ResponseValidationError once the handler
# returned). Load what the response model reads, as read_user_response in
# app/api/users.py does.
async def user_response_lazy(session: AsyncSession, user_id: int) -> UserResponse:
    user = await session.get_one(User, user_id)
    return UserResponse.model_validate(user)
