"""The declarative base of every model."""

from datetime import datetime, timezone

from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase


class Base(AsyncAttrs, DeclarativeBase):
    pass


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
