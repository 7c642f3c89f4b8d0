"""Handlers that read deferred columns, or look as if they do.

Type-checked with the plugin and run against SQLite by ``test_oracle.py``: a handler that
fails at run time because a read of a column did IO (or raised for ``raiseload``) must be
reported (``alchemy-lazy-load``) and a reported one must fail. Each ``case_*`` gets a
database holding one document (id 1) with one note.
"""

from __future__ import annotations

import os

from sqlalchemy import ForeignKey, Text, select
from sqlalchemy.ext.asyncio import AsyncAttrs, async_sessionmaker, create_async_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Load,
    Mapped,
    defer,
    deferred,
    load_only,
    mapped_column,
    relationship,
    selectinload,
    undefer,
)


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Doc(Base):
    __tablename__ = "docs"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    body: Mapped[str] = mapped_column(Text, deferred=True)
    secret: Mapped[str] = mapped_column(deferred=True, deferred_raiseload=True)
    summary: Mapped[str] = deferred(mapped_column(Text))
    notes: Mapped[list[Note]] = relationship()


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[int] = mapped_column(ForeignKey("docs.id"))
    text: Mapped[str]
    extra: Mapped[str] = mapped_column(deferred=True)


engine = create_async_engine(os.environ.get("ORACLE_DATABASE_URL", "sqlite+aiosqlite://"))
keeper = async_sessionmaker(engine, expire_on_commit=False)


def seed() -> Doc:
    """The one document every case starts from."""
    note = Note(id=1, text="n", extra="e")
    return Doc(id=1, title="t", body="b", secret="s", summary="u", notes=[note])


async def case_declared_deferred() -> str:
    async with keeper() as session:
        doc = (await session.scalars(select(Doc))).one()
        return doc.body


async def case_declared_deferred_other_column() -> str:
    async with keeper() as session:
        doc = (await session.scalars(select(Doc))).one()
        return doc.title


async def case_deferred_function() -> str:
    async with keeper() as session:
        doc = await session.get_one(Doc, 1)
        return doc.summary


async def case_deferred_raiseload() -> str:
    async with keeper() as session:
        doc = (await session.scalars(select(Doc))).one()
        return doc.secret


async def case_undefer() -> str:
    async with keeper() as session:
        doc = (await session.scalars(select(Doc).options(undefer(Doc.body)))).one()
        return doc.body


async def case_undefer_on_load() -> str:
    async with keeper() as session:
        doc = (await session.scalars(select(Doc).options(Load(Doc).undefer(Doc.summary)))).one()
        return doc.summary


async def case_defer_option() -> str:
    async with keeper() as session:
        doc = (await session.scalars(select(Doc).options(defer(Doc.title)))).one()
        return doc.title


async def case_load_only_named() -> str:
    async with keeper() as session:
        query = select(Doc).options(load_only(Doc.title, Doc.body))
        doc = (await session.scalars(query)).one()
        return f"{doc.id}{doc.title}{doc.body}"


async def case_load_only_other() -> int:
    async with keeper() as session:
        query = select(Doc).options(load_only(Doc.body))
        doc = (await session.scalars(query)).one()
        return len(doc.title)


async def case_load_only_raiseload() -> str:
    async with keeper() as session:
        query = select(Doc).options(load_only(Doc.body, raiseload=True))
        doc = (await session.scalars(query)).one()
        return doc.title


async def case_nested_load_only_named() -> list[str]:
    async with keeper() as session:
        query = select(Doc).options(selectinload(Doc.notes).load_only(Note.text))
        doc = (await session.scalars(query)).one()
        return [note.text for note in doc.notes]


async def case_nested_load_only_other() -> list[int]:
    async with keeper() as session:
        query = select(Doc).options(selectinload(Doc.notes).load_only(Note.text))
        doc = (await session.scalars(query)).one()
        return [note.doc_id for note in doc.notes]


async def case_nested_declared_deferred() -> str:
    async with keeper() as session:
        query = select(Doc).options(selectinload(Doc.notes))
        doc = (await session.scalars(query)).one()
        return doc.notes[0].extra


async def case_nested_undefer() -> str:
    async with keeper() as session:
        query = select(Doc).options(selectinload(Doc.notes).undefer(Note.extra))
        doc = (await session.scalars(query)).one()
        return doc.notes[0].extra


async def case_refreshed_by_name() -> str:
    async with keeper() as session:
        doc = (await session.scalars(select(Doc))).one()
        await session.refresh(doc, ["body"])
        return doc.body


async def case_awaitable_attrs() -> str:
    async with keeper() as session:
        doc = (await session.scalars(select(Doc))).one()
        return await doc.awaitable_attrs.summary


async def case_new_object() -> str:
    async with keeper() as session:
        doc = Doc(title="new", body="new body")
        session.add(doc)
        return doc.body


async def case_assigned() -> str:
    async with keeper() as session:
        doc = (await session.scalars(select(Doc))).one()
        doc.body = "written"
        return doc.body
