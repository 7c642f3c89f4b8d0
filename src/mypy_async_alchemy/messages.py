"""Every message the plugin prints, each error with its code.

Errors are one line, sentence case, names in double quotes, no trailing period; the fix is a
note on the next line.
"""

from __future__ import annotations

from typing import Final

from mypy.message_registry import ErrorMessage

from mypy_async_alchemy import errorcodes as codes

# alchemy-sync-engine
SYNC_ENGINE_FACTORY: Final = ErrorMessage(
    'Sync engine factory "{}" blocks the event loop', codes.SYNC_ENGINE
)
SYNC_ENGINE_FACTORY_NOTE: Final = "Use sqlalchemy.ext.asyncio.create_async_engine() instead"
SYNC_ENGINE_IO: Final = ErrorMessage(
    'Sync engine call "{}" blocks the event loop', codes.SYNC_ENGINE
)
SYNC_ENGINE_IO_NOTE: Final = (
    "Use AsyncEngine/AsyncConnection, or run sync code through AsyncConnection.run_sync()"
)

# alchemy-sync-session
SYNC_SESSION_FACTORY: Final = ErrorMessage(
    'Sync session "{}" blocks the event loop', codes.SYNC_SESSION
)
SYNC_SESSION_FACTORY_NOTE: Final = (
    "Use sqlalchemy.ext.asyncio.AsyncSession or async_sessionmaker instead"
)
SYNC_SESSION_IO: Final = ErrorMessage(
    'Sync session call "{}" blocks the event loop', codes.SYNC_SESSION
)
SYNC_SESSION_IO_NOTE: Final = 'Use "await" on the AsyncSession method of the same name instead'

# alchemy-legacy-query
LEGACY_QUERY: Final = ErrorMessage('Legacy query API "{}" is used', codes.LEGACY_QUERY)
LEGACY_QUERY_NOTE: Final = "Use select() with session.execute() or session.scalars() instead"

# alchemy-unmapped
UNMAPPED: Final = ErrorMessage('Attribute "{}" is not annotated with Mapped[...]', codes.UNMAPPED)
# attribute, annotation (Mapped or AssociationProxy), constructor
UNMAPPED_NOTE: Final = 'Annotate it as "{}: {}[<type>] = {}(...)"'

# alchemy-legacy-column
LEGACY_COLUMN: Final = ErrorMessage(
    'Attribute "{}" is declared with legacy "Column()"', codes.LEGACY_COLUMN
)
LEGACY_COLUMN_NOTE: Final = "Use mapped_column() instead"

# alchemy-session-scope
SESSION_SCOPE: Final = ErrorMessage(
    'AsyncSession from "{}" is not opened with "async with"', codes.SESSION_SCOPE
)
SESSION_SCOPE_NOTE: Final = 'Write "async with {} as session:" so that it is always closed'

# alchemy-sync-def
SYNC_DEF: Final = ErrorMessage('Async database call "{}" in plain function "{}"', codes.SYNC_DEF)
SYNC_DEF_NOTE: Final = 'Make "{}" an "async def" and await the call'

# alchemy-lazy-load
LAZY_LOAD: Final = ErrorMessage(
    'Relationship "{}" is not loaded (loaded here: {})', codes.LAZY_LOAD
)
LAZY_LOAD_NOTE: Final = "Add {} to the query's options"
LAZY_LOAD_AWAITABLE_NOTE: Final = 'Add {} to the query\'s options, or read it with "await {}"'
LAZY_LOAD_RAISES: Final = ErrorMessage(
    'Relationship "{}" is not loaded and raises InvalidRequestError when read (loaded here: {})',
    codes.LAZY_LOAD,
)
LAZY_LOAD_UNKNOWN: Final = ErrorMessage(
    'Relationship "{}" may not be loaded: the load state of "{}" is unknown', codes.LAZY_LOAD
)
# Declare "order" as Loaded[Order, Literal["lines"]] where it comes from, or add <chain> ...
LAZY_LOAD_UNKNOWN_NOTE: Final = (
    "Declare {} as {} where it comes from, or add {} to its query's options"
)
LAZY_LOAD_GET_NOTE: Final = "Pass options=[{}] to session.get()"
LAZY_LOAD_GET_AWAITABLE_NOTE: Final = (
    'Pass options=[{}] to session.get(), or read it with "await {}"'
)
LAZY_LOAD_NOTHING: Final = "nothing"

# alchemy-lazy-load, columns (loading/deferred.py)
DEFERRED: Final = ErrorMessage('Column "{}" is deferred and not loaded', codes.LAZY_LOAD)
DEFERRED_RAISES: Final = ErrorMessage(
    'Column "{}" is deferred and raises InvalidRequestError when read', codes.LAZY_LOAD
)
DEFERRED_UNKNOWN: Final = ErrorMessage(
    'Column "{}" is deferred and may not be loaded: the load state of "{}" is unknown',
    codes.LAZY_LOAD,
)
DEFERRED_NOTE: Final = "Add {} to the query's options"
DEFERRED_AWAITABLE_NOTE: Final = 'Add {} to the query\'s options, or read it with "await {}"'

# alchemy-expired
EXPIRED: Final = ErrorMessage(
    'Attribute "{}" of "{}" is read after {} at line {} expired it', codes.EXPIRED
)
# "Pass ... maker, or " + EXPIRED_NOTE (commits); EXPIRED_NOTE capitalised (other events).
EXPIRED_COMMIT_NOTE: Final = "Pass expire_on_commit=False to the session maker, or "
EXPIRED_NOTE: Final = 'add "await {}.refresh({})" after {}, or read it before'
# A project function whose body expires the caller's objects (effect summaries).
EXPIRED_CALL: Final = "the call of {}"
EXPIRED_THROUGH_NOTE: Final = "{} calls {}() at line {} of {}"
# ``async with maker.begin() as session:`` closes the session too.
EXPIRED_BLOCK_NOTE: Final = (
    'Pass expire_on_commit=False to the session maker, or read it inside the "async with" block'
)

# alchemy-lazy-load at a serialization boundary (loading/serialization.py)
SERIALIZES_UNLOADED: Final = ErrorMessage(
    '{} reads "{}", which is not loaded (loaded here: {})', codes.LAZY_LOAD
)
SERIALIZES_UNLOADED_NOTE: Final = "Add {} to the query's options"

# alchemy-loaded
LOADED_UNKNOWN_PATH: Final = ErrorMessage('"{}" is not a relationship of "{}"', codes.LOADED)
LOADED_UNKNOWN_PATH_NOTE: Final = 'Relationships of "{}": {}'
LOADED_BAD_FORM: Final = ErrorMessage(
    "Loaded[...] takes a mapped class and a Literal of relationship paths", codes.LOADED
)
LOADED_BAD_FORM_NOTE: Final = 'Write Loaded[Order, Literal["lines", "lines.product"]]'
REVEAL_LOADED: Final = 'Load state of "{}" is {}'
REVEAL_LOADED_UNKNOWN: Final = "unknown"
AWAITABLE_UNKNOWN: Final = ErrorMessage('"{}" has no attribute "{}" to await', codes.LOADED)
AWAITABLE_UNKNOWN_NOTE: Final = 'Attributes of "{}": {}'
UNDER_LOADED_ARGUMENT: Final = ErrorMessage(
    'Argument {} to "{}" needs "{}" loaded (loaded here: {})', codes.LOADED
)
UNDER_LOADED_RETURN: Final = ErrorMessage(
    'Return value of "{}" needs "{}" loaded (loaded here: {})', codes.LOADED
)
# to_data() reads "EndpointRow.revisions" of "row", which is not loaded (loaded here: ...)
READS_UNLOADED: Final = ErrorMessage(
    '{}() reads "{}" of "{}", which is not loaded (loaded here: {})', codes.LAZY_LOAD
)
READS_UNLOADED_NOTE: Final = "Add {} to the query's options ({}() reads it at line {})"
UNDER_LOADED_NOTE: Final = (
    'Load "{}" in the query that produced it (selectinload(...) or joinedload(...); '
    "undefer(...) for a column)"
)

# alchemy-dynamic
DYNAMIC: Final = ErrorMessage(
    'Relationship "{}" is dynamic: its query runs sync IO', codes.DYNAMIC
)
# target class (or "..."), instance variable, attribute
DYNAMIC_NOTE: Final = 'Use WriteOnlyMapped[{}] and "await session.scalars({}.{}.select())"'

# alchemy-concurrent-session: the session as written (and the earlier task's line)
CONCURRENT_GATHER: Final = ErrorMessage(
    '"{}" is used by two awaitables that asyncio.gather() runs concurrently',
    codes.CONCURRENT_SESSION,
)
CONCURRENT_SPREAD: Final = ErrorMessage(
    '"{}" is used by every awaitable this asyncio.gather() runs concurrently',
    codes.CONCURRENT_SESSION,
)
CONCURRENT_TASKS: Final = ErrorMessage(
    '"{}" is handed to a second concurrent task (the task started at line {} uses it too)',
    codes.CONCURRENT_SESSION,
)
CONCURRENT_CREATOR: Final = ErrorMessage(
    '"{}" is used while the task started at line {} may still use it',
    codes.CONCURRENT_SESSION,
)
CONCURRENT_NOTE: Final = (
    "An AsyncSession is one connection: open a session in each task "
    '("async with maker() as session"), or await the calls one after another'
)

# alchemy-nullable
NULLABLE_COLUMN: Final = ErrorMessage(
    'Column "{}" is nullable=True but annotated Mapped[{}]', codes.NULLABLE
)
NULLABLE_COLUMN_NOTE: Final = "Annotate it Mapped[{}], or remove nullable=True"
NOT_NULLABLE_COLUMN: Final = ErrorMessage(
    'Column "{}" is nullable=False but annotated Mapped[{}]', codes.NULLABLE
)
NOT_NULLABLE_COLUMN_NOTE: Final = "Annotate it Mapped[{}], or remove nullable=False"
NULLABLE_FOREIGN_KEY: Final = ErrorMessage(
    'Relationship "{}" is annotated Mapped[{}] over nullable foreign key "{}"', codes.NULLABLE
)
NULLABLE_FOREIGN_KEY_NOTE: Final = 'Annotate it Mapped[{}], or make "{}" non-nullable'

# plugin-level (printed on stderr, not as mypy errors)
CONFIG_ERROR_PREFIX: Final = "mypy-async-alchemy: error: "
INTERNAL_ERROR: Final = (
    "mypy-async-alchemy: internal error in {} (please report it); "
    "the plugin falls back to mypy's default here: {}"
)
