"""Which SQLAlchemy API a class belongs to, resolved through its MRO.

Hooks receive the receiver's class (a user subclass, a ``NewType``), never the defining
class, so every rule classifies through here instead of comparing fullnames.
"""

from __future__ import annotations

import enum
from typing import Final

from mypy.nodes import TypeInfo
from mypy.types import CallableType, Instance, Type, TypeType, get_proper_type

from mypy_async_alchemy import fullnames as names


class Family(enum.Enum):
    ENGINE = "Engine"
    CONNECTION = "Connection"
    SESSION = "Session"
    SCOPED_SESSION = "scoped_session"
    SESSIONMAKER = "sessionmaker"
    QUERY = "Query"
    ASYNC_SESSION = "AsyncSession"
    ASYNC_SESSIONMAKER = "async_sessionmaker"
    ASYNC_IO = "async"


_ROOTS: Final = {
    names.ENGINE: Family.ENGINE,
    names.CONNECTION: Family.CONNECTION,
    names.SESSION: Family.SESSION,
    names.SCOPED_SESSION: Family.SCOPED_SESSION,
    names.SESSIONMAKER: Family.SESSIONMAKER,
    names.QUERY: Family.QUERY,
    names.ASYNC_SESSION: Family.ASYNC_SESSION,
    names.ASYNC_SESSIONMAKER: Family.ASYNC_SESSIONMAKER,
    **{
        fullname: Family.ASYNC_IO
        for fullname in names.ASYNC_IO_CLASSES
        if fullname != names.ASYNC_SESSION
    },
}

# Families whose coroutine methods count as async database IO.
ASYNC_IO_FAMILIES: Final = frozenset({Family.ASYNC_SESSION, Family.ASYNC_IO})
# Sync families whose objects a run_sync() callback receives as its first parameter.
SYNC_CALLBACK_FAMILIES: Final = frozenset({Family.SESSION, Family.CONNECTION})


def family_by_name(fullname: str) -> Family | None:
    """The family of one of SQLAlchemy's own classes, by exact name (no MRO walk)."""
    return _ROOTS.get(fullname)


def family_of(info: TypeInfo) -> Family | None:
    """The SQLAlchemy API ``info`` is (or derives from), if any."""
    root = root_of(info)
    return _ROOTS[root.fullname] if root is not None else None


def root_of(info: TypeInfo) -> TypeInfo | None:
    """The SQLAlchemy class ``info`` is or derives from: ``AsyncEngine`` for ``AppEngine``.

    Messages name the root, so that a subclass or ``NewType`` reads as the API it wraps.
    """
    for base in info.mro:
        if base.fullname in _ROOTS:
            return base
    return None


def receiver_info(receiver: Type) -> TypeInfo | None:
    """The class a method is called on: ``session.commit()`` and ``Session.commit(session)``.

    Calls through the class (unbound methods, classmethods) hand hooks the class object.
    """
    proper = get_proper_type(receiver)
    if isinstance(proper, CallableType) and proper.is_type_obj():
        return proper.type_object()
    if isinstance(proper, TypeType):
        proper = proper.item
    return proper.type if isinstance(proper, Instance) else None
