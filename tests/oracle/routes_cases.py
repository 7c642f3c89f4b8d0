"""FastAPI path operations whose response model reads the ORM objects they return.

Type-checked with the plugin and served by FastAPI's ``TestClient`` over SQLite by
``test_routes.py``: a route whose response model reads a relationship the returned objects
did not load fails after the handler returned (``ResponseValidationError``) and must be
reported (``alchemy-lazy-load``); a route that reads an object its session expired fails
inside the handler (``MissingGreenlet``) and must be reported (``alchemy-expired``, the
session coming from a FastAPI dependency); a reported one must fail, every other one answers
200.
The database holds one member (id 1) with one insight, which has one tag.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import (
    AsyncAttrs,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload
from sqlalchemy.pool import NullPool


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    insights: Mapped[list[Insight]] = relationship(back_populates="member")


class Insight(Base):
    __tablename__ = "insights"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    title: Mapped[str]
    member: Mapped[Member] = relationship(back_populates="insights")
    tags: Mapped[list[Tag]] = relationship()


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    insight_id: Mapped[int] = mapped_column(ForeignKey("insights.id"))
    label: Mapped[str]


engine = create_async_engine(
    os.environ.get("ORACLE_DATABASE_URL", "sqlite+aiosqlite://"), poolclass=NullPool
)
maker = async_sessionmaker(engine, expire_on_commit=False)


async def reset() -> None:
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all)
        await connection.run_sync(Base.metadata.create_all)
    async with maker.begin() as session:
        insight = Insight(title="t", tags=[Tag(label="x")])
        session.add(Member(id=1, name="a", insights=[insight]))


async def get_session() -> AsyncIterator[AsyncSession]:
    async with maker() as session:
        yield session


Session = Annotated[AsyncSession, Depends(get_session)]
expiring = async_sessionmaker(engine)


async def get_expiring_session() -> AsyncIterator[AsyncSession]:
    async with expiring() as session:
        yield session


class TagOut(BaseModel):
    id: int
    label: str


class InsightOut(BaseModel):
    id: int
    title: str
    tags: list[TagOut]


class InsightBrief(BaseModel):
    id: int
    title: str


class MemberOut(BaseModel):
    id: int
    name: str
    insights: list[InsightOut]


class MemberBrief(BaseModel):
    id: int
    name: str


class MemberAliased(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    id: int
    notes: list[InsightBrief] = Field(validation_alias="insights")


class InsightWithMember(BaseModel):
    id: int
    member: MemberBrief | None


app = FastAPI()
router = APIRouter()
_FULL = selectinload(Member.insights).selectinload(Insight.tags)


@app.get("/nothing_loaded", response_model=MemberOut)
async def case_nothing_loaded(session: Session) -> Any:
    return await session.get_one(Member, 1)


@app.get("/first_level_only", response_model=MemberOut)
async def case_first_level_only(session: Session) -> Any:
    stmt = select(Member).options(selectinload(Member.insights))
    return (await session.scalars(stmt)).one()


@app.get("/whole_path", response_model=MemberOut)
async def case_whole_path(session: Session) -> Any:
    return (await session.scalars(select(Member).options(_FULL))).one()


@app.get("/brief", response_model=MemberBrief)
async def case_brief(session: Session) -> Any:
    return await session.get_one(Member, 1)


@router.get("/list_nothing_loaded", response_model=list[MemberOut])
async def case_list_nothing_loaded(session: Session) -> Any:
    return (await session.scalars(select(Member))).all()


@router.get("/list_loaded", response_model=list[MemberOut])
async def case_list_loaded(session: Session) -> Any:
    return (await session.scalars(select(Member).options(_FULL))).all()


@router.get("/aliased", response_model=MemberAliased)
async def case_aliased(session: Session) -> Any:
    return await session.get_one(Member, 1)


@router.get("/aliased_loaded", response_model=MemberAliased)
async def case_aliased_loaded(session: Session) -> Any:
    return (await session.scalars(select(Member).options(selectinload(Member.insights)))).one()


@router.get("/optional", response_model=InsightWithMember | None)
async def case_optional(session: Session) -> Any:
    return (await session.scalars(select(Insight))).first()


@router.get("/optional_loaded", response_model=InsightWithMember | None)
async def case_optional_loaded(session: Session) -> Any:
    stmt = select(Insight).options(selectinload(Insight.member))
    return (await session.scalars(stmt)).first()


@router.get("/dict", response_model=MemberBrief)
async def case_dict(session: Session) -> Any:
    member = await session.get_one(Member, 1)
    return {"id": member.id, "name": member.name}


@router.get("/no_response_model")
async def case_no_response_model(session: Session) -> dict[str, int]:
    member = await session.get_one(Member, 1)
    return {"id": member.id}


@router.post("/dependency_commit_then_read")
async def case_dependency_commit_then_read(
    session: AsyncSession = Depends(get_expiring_session),
) -> dict[str, str]:
    member = await session.get_one(Member, 1)
    await session.commit()
    return {"name": member.name}


@router.post("/annotated_dependency_commit_then_read")
async def case_annotated_dependency_commit_then_read(
    session: Annotated[AsyncSession, Depends(get_expiring_session)],
) -> dict[str, str]:
    member = await session.get_one(Member, 1)
    await session.commit()
    return {"name": member.name}


@router.post("/keeping_dependency_commit_then_read")
async def case_keeping_dependency_commit_then_read(
    session: AsyncSession = Depends(get_session),
) -> dict[str, str]:
    member = await session.get_one(Member, 1)
    await session.commit()
    return {"name": member.name}


@router.post("/dependency_read_then_commit")
async def case_dependency_read_then_commit(
    session: AsyncSession = Depends(get_expiring_session),
) -> dict[str, str]:
    member = await session.get_one(Member, 1)
    name = member.name
    await session.commit()
    return {"name": name}


app.include_router(router)
