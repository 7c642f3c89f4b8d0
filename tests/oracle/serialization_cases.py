"""Handlers that hand ORM objects to Pydantic schemas validating from attributes.

Type-checked with the plugin and run against SQLite by ``test_oracle.py``: a handler whose
schema reads a relationship (or deferred column) the object did not load fails inside
Pydantic (``ValidationError``: "Error extracting attribute: MissingGreenlet") and must be
reported (``alchemy-lazy-load``; ``alchemy-expired`` for an object its session expired);
a reported one must fail. Each ``case_*`` gets a database holding one member (id 1) with one
insight, which has one tag.
"""

from __future__ import annotations

import os

from pydantic import AliasChoices, AliasPath, BaseModel, ConfigDict, Field, TypeAdapter
from sqlalchemy import ForeignKey, Text, select
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
    selectinload,
    undefer,
)


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    bio: Mapped[str] = mapped_column(Text, deferred=True)
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


engine = create_async_engine(os.environ.get("ORACLE_DATABASE_URL", "sqlite+aiosqlite://"))
maker = async_sessionmaker(engine, expire_on_commit=False)
keeper = maker
expiring = async_sessionmaker(engine)


def seed() -> Member:
    """The one member every case starts from."""
    return Member(id=1, name="a", bio="b", insights=[Insight(title="t", tags=[Tag(label="x")])])


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class TagOut(Schema):
    id: int
    label: str


class InsightOut(Schema):
    id: int
    title: str
    tags: list[TagOut]


class InsightBrief(Schema):
    id: int
    title: str


class MemberOut(Schema):
    id: int
    name: str
    insights: list[InsightOut]


class MemberBrief(Schema):
    id: int
    name: str


class MemberWithBio(Schema):
    id: int
    bio: str


class MemberAliased(Schema):
    id: int
    notes: list[InsightBrief] = Field(validation_alias="insights")


class MemberChoices(Schema):
    id: int
    # "notes" is no attribute of Member: Pydantic moves on to "insights".
    notes: list[InsightBrief] = Field(validation_alias=AliasChoices("notes", "insights"))


class MemberFirstChoiceColumn(Schema):
    id: int
    # "name" is read and found: "insights" is never tried.
    label: str | list[InsightBrief] = Field(validation_alias=AliasChoices("name", "insights"))


class MemberFirstInsightTags(Schema):
    id: int
    first_tags: list[TagOut] = Field(validation_alias=AliasPath("insights", 0, "tags"))


class MemberHidden(Schema):
    id: int
    insights: list[InsightBrief] = Field(exclude=True)  # left out of the output, still read


class MemberPlain(BaseModel):
    id: int
    insights: list[InsightBrief]


class InsightWithMember(Schema):
    id: int
    member: MemberBrief | None


class MemberDetail(MemberBrief):
    insights: list[InsightBrief]


_FULL = selectinload(Member.insights).selectinload(Insight.tags)


def to_out(member: Member) -> MemberOut:
    """A project helper: its read summary holds what MemberOut reads (summaries, reads.py)."""
    return MemberOut.model_validate(member)


async def case_nothing_loaded() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        return MemberOut.model_validate(member)


async def case_first_level_only() -> object:
    async with maker() as session:
        stmt = select(Member).options(selectinload(Member.insights))
        member = (await session.scalars(stmt)).one()
        return MemberOut.model_validate(member)


async def case_whole_path_loaded() -> object:
    async with maker() as session:
        member = (await session.scalars(select(Member).options(_FULL))).one()
        return MemberOut.model_validate(member)


async def case_brief_needs_nothing() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        return MemberBrief.model_validate(member)


async def case_deferred_column() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        return MemberWithBio.model_validate(member)


async def case_deferred_column_undeferred() -> object:
    async with maker() as session:
        member = (await session.scalars(select(Member).options(undefer(Member.bio)))).one()
        return MemberWithBio.model_validate(member)


async def case_alias() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        return MemberAliased.model_validate(member)


async def case_alias_loaded() -> object:
    async with maker() as session:
        stmt = select(Member).options(selectinload(Member.insights))
        member = (await session.scalars(stmt)).one()
        return MemberAliased.model_validate(member)


async def case_alias_choices() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        return MemberChoices.model_validate(member)


async def case_alias_choices_loaded() -> object:
    async with maker() as session:
        stmt = select(Member).options(selectinload(Member.insights))
        member = (await session.scalars(stmt)).one()
        return MemberChoices.model_validate(member)


async def case_alias_choices_first_is_a_column() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        return MemberFirstChoiceColumn.model_validate(member)


async def case_alias_path_second_step_not_loaded() -> object:
    async with maker() as session:
        stmt = select(Member).options(selectinload(Member.insights))
        member = (await session.scalars(stmt)).one()
        return MemberFirstInsightTags.model_validate(member)


async def case_alias_path_loaded() -> object:
    async with maker() as session:
        member = (await session.scalars(select(Member).options(_FULL))).one()
        return MemberFirstInsightTags.model_validate(member)


async def case_helper_validates_what_is_not_loaded() -> object:
    async with maker() as session:
        stmt = select(Member).options(selectinload(Member.insights))
        return to_out((await session.scalars(stmt)).one())


async def case_helper_validates_what_is_loaded() -> object:
    async with maker() as session:
        return to_out((await session.scalars(select(Member).options(_FULL))).one())


async def case_excluded_field_is_read() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        return MemberHidden.model_validate(member)


async def case_without_from_attributes() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        try:
            return MemberPlain.model_validate(member)
        except ValueError:
            return None  # rejects ORM objects before reading any attribute


async def case_from_attributes_argument() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        return MemberPlain.model_validate(member, from_attributes=True)


async def case_inherited_field() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        return MemberDetail.model_validate(member)


async def case_inherited_field_loaded() -> object:
    async with maker() as session:
        stmt = select(Member).options(selectinload(Member.insights))
        member = (await session.scalars(stmt)).one()
        return MemberDetail.model_validate(member)


async def case_optional_many_to_one() -> object:
    async with maker() as session:
        insight = (await session.scalars(select(Insight))).one()
        return InsightWithMember.model_validate(insight)


async def case_optional_many_to_one_loaded() -> object:
    async with maker() as session:
        stmt = select(Insight).options(selectinload(Insight.member))
        insight = (await session.scalars(stmt)).one()
        return InsightWithMember.model_validate(insight)


async def case_type_adapter_list() -> object:
    async with maker() as session:
        members = (await session.scalars(select(Member))).all()
        return TypeAdapter(list[MemberOut]).validate_python(members, from_attributes=True)


async def case_type_adapter_list_loaded() -> object:
    async with maker() as session:
        members = (await session.scalars(select(Member).options(_FULL))).all()
        return TypeAdapter(list[MemberOut]).validate_python(members, from_attributes=True)


async def case_dict_input() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        return MemberOut.model_validate({"id": member.id, "name": member.name, "insights": []})


async def case_validated_after_commit() -> object:
    async with expiring() as session:
        member = await session.get_one(Member, 1)
        member.name = "renamed"
        await session.commit()
        return MemberBrief.model_validate(member)


async def case_validated_after_commit_and_refresh() -> object:
    async with expiring() as session:
        member = await session.get_one(Member, 1)
        member.name = "renamed"
        await session.commit()
        await session.refresh(member)
        return MemberBrief.model_validate(member)


async def case_validated_after_commit_of_keeper() -> object:
    async with maker() as session:
        member = await session.get_one(Member, 1)
        member.name = "renamed"
        await session.commit()
        return MemberBrief.model_validate(member)


async def case_validated_list_after_rollback() -> object:
    async with maker() as session:
        members = (await session.scalars(select(Member))).all()
        await session.rollback()
        return TypeAdapter(list[MemberBrief]).validate_python(members, from_attributes=True)
