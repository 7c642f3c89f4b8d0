"""One error code per rule, so that ``# type: ignore[code]`` and ``disable_error_code`` work."""

from __future__ import annotations

from typing import Final

from mypy.errorcodes import ErrorCode

CATEGORY: Final = "async-alchemy"

SYNC_ENGINE: Final = ErrorCode(
    "alchemy-sync-engine",
    "Check that no sync Engine or Connection is created or used for IO",
    CATEGORY,
)
SYNC_SESSION: Final = ErrorCode(
    "alchemy-sync-session",
    "Check that no sync Session, sessionmaker or scoped_session is created or used for IO",
    CATEGORY,
)
LEGACY_QUERY: Final = ErrorCode(
    "alchemy-legacy-query",
    "Check that the legacy Query API (session.query(), Query(...)) is not used",
    CATEGORY,
)
UNMAPPED: Final = ErrorCode(
    "alchemy-unmapped",
    "Check that ORM attributes of declarative classes are annotated with Mapped[...]",
    CATEGORY,
)
LEGACY_COLUMN: Final = ErrorCode(
    "alchemy-legacy-column",
    "Check that declarative classes use mapped_column() instead of Column()",
    CATEGORY,
)
SESSION_SCOPE: Final = ErrorCode(
    "alchemy-session-scope",
    'Check that every AsyncSession is opened as an "async with" item',
    CATEGORY,
)
SYNC_DEF: Final = ErrorCode(
    "alchemy-sync-def",
    'Check that async database IO is only called from "async def" functions',
    CATEGORY,
)
LAZY_LOAD: Final = ErrorCode(
    "alchemy-lazy-load",
    "Check that relationships and deferred columns are loaded before they are read",
    CATEGORY,
)
LOADED: Final = ErrorCode(
    "alchemy-loaded",
    "Check that Loaded[...] names existing relationships and is honoured at call boundaries",
    CATEGORY,
)

DYNAMIC: Final = ErrorCode(
    "alchemy-dynamic",
    'Check that no relationship is dynamic (DynamicMapped, lazy="dynamic", dynamic_loader())',
    CATEGORY,
)
NULLABLE: Final = ErrorCode(
    "alchemy-nullable",
    "Check that Mapped[...] annotations agree with their column's or foreign key's nullability",
    CATEGORY,
)
CONCURRENT_SESSION: Final = ErrorCode(
    "alchemy-concurrent-session",
    "Check that one AsyncSession or AsyncConnection is not used by concurrent tasks",
    CATEGORY,
)
EXPIRED: Final = ErrorCode(
    "alchemy-expired",
    "Check that no attribute is read from an object the session expired (commit, rollback)",
    CATEGORY,
)

ALL: Final = (
    SYNC_ENGINE,
    SYNC_SESSION,
    LEGACY_QUERY,
    UNMAPPED,
    LEGACY_COLUMN,
    SESSION_SCOPE,
    SYNC_DEF,
    LAZY_LOAD,
    LOADED,
    DYNAMIC,
    NULLABLE,
    CONCURRENT_SESSION,
    EXPIRED,
)
