"""The declarative base every model derives from."""

from datetime import datetime, timezone

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


def utcnow() -> datetime:
    """Column default computed in Python, so the value is on the object right after a flush.

    A ``server_default`` would leave the attribute expired after INSERT, and reading it would
    be a lazy load: IO that raises ``MissingGreenlet`` under asyncio.
    """
    return datetime.now(timezone.utc)
