"""Every SQLAlchemy name the plugin matches on, as definition-site fullnames.

``tests/unit/test_fullnames.py`` imports each of them from the installed SQLAlchemy, so a
rename upstream fails a test instead of silently disabling a rule.
"""

from __future__ import annotations

from typing import Final

# The package: every SQLAlchemy fullname starts with "sqlalchemy.".
SQLALCHEMY: Final = "sqlalchemy"
INSPECT: Final = "sqlalchemy.inspection.inspect"

# --- sync engine ---------------------------------------------------------------------------
CREATE_ENGINE: Final = "sqlalchemy.engine.create.create_engine"
ENGINE_FROM_CONFIG: Final = "sqlalchemy.engine.create.engine_from_config"
ENGINE: Final = "sqlalchemy.engine.base.Engine"
CONNECTION: Final = "sqlalchemy.engine.base.Connection"

SYNC_ENGINE_FACTORIES: Final = frozenset({CREATE_ENGINE, ENGINE_FROM_CONFIG})
ENGINE_IO_METHODS: Final = frozenset({"connect", "begin", "raw_connection", "dispose"})
# Engine and Session IO methods that hand out a sync Connection (checks/sync_created.py).
ENGINE_CONNECTION_METHODS: Final = frozenset({"connect", "begin"})
SESSION_CONNECTION_METHOD: Final = "connection"
CONNECTION_IO_METHODS: Final = frozenset(
    {
        "execute",
        "scalar",
        "scalars",
        "exec_driver_sql",
        "commit",
        "rollback",
        "begin",
        "begin_nested",
        "begin_twophase",
        "close",
        "invalidate",
        "get_isolation_level",
        "recover_twophase",
        "commit_prepared",
        "rollback_prepared",
    }
)

# --- sync session ------------------------------------------------------------------------
SESSION: Final = "sqlalchemy.orm.session.Session"
SESSIONMAKER: Final = "sqlalchemy.orm.session.sessionmaker"
SCOPED_SESSION: Final = "sqlalchemy.orm.scoping.scoped_session"
QUERY: Final = "sqlalchemy.orm.query.Query"

SESSION_IO_METHODS: Final = frozenset(
    {
        "execute",
        "scalar",
        "scalars",
        "get",
        "get_one",
        "flush",
        "commit",
        "rollback",
        "refresh",
        "merge",
        "merge_all",
        "delete",
        "delete_all",
        "connection",
        "close",
        "reset",
        "invalidate",
        "begin",
        "begin_nested",
        "prepare",
        "bulk_save_objects",
        "bulk_insert_mappings",
        "bulk_update_mappings",
    }
)
# ``scoped_session.remove()`` closes the registry's current Session.
SCOPED_SESSION_IO_METHODS: Final = SESSION_IO_METHODS | {"remove"}
# ``merge(obj, load=False)`` emits no SQL (no autoflush, no load): not IO.
MERGE_METHOD: Final = "merge"
MERGE_LOAD_ARGUMENT: Final = "load"
FALSE: Final = "builtins.False"
# ``async_sessionmaker(sync_session_class=f)``, ``maker.configure(sync_session_class=f)``,
# ``AsyncSession(sync_session_class=f)``: the sync factory an AsyncSession runs through
# the greenlet bridge (checks/sync_session_class.py).
SYNC_SESSION_CLASS_ARGUMENT: Final = "sync_session_class"
CONFIGURE_METHOD: Final = "configure"
QUERY_METHOD: Final = "query"
# ``scoped_session.query_property()``: a ``Model.query`` that builds legacy queries.
QUERY_PROPERTY_METHOD: Final = "query_property"

# --- asyncio -------------------------------------------------------------------------------
ASYNC_SESSION: Final = "sqlalchemy.ext.asyncio.session.AsyncSession"
ASYNC_SESSIONMAKER: Final = "sqlalchemy.ext.asyncio.session.async_sessionmaker"
ASYNC_SCOPED_SESSION: Final = "sqlalchemy.ext.asyncio.scoping.async_scoped_session"
ASYNC_SESSION_TRANSACTION: Final = "sqlalchemy.ext.asyncio.session.AsyncSessionTransaction"
ASYNC_ENGINE: Final = "sqlalchemy.ext.asyncio.engine.AsyncEngine"
ASYNC_CONNECTION: Final = "sqlalchemy.ext.asyncio.engine.AsyncConnection"
ASYNC_TRANSACTION: Final = "sqlalchemy.ext.asyncio.engine.AsyncTransaction"
ASYNC_RESULT: Final = "sqlalchemy.ext.asyncio.result.AsyncResult"
ASYNC_SCALAR_RESULT: Final = "sqlalchemy.ext.asyncio.result.AsyncScalarResult"
ASYNC_MAPPING_RESULT: Final = "sqlalchemy.ext.asyncio.result.AsyncMappingResult"
ASYNC_TUPLE_RESULT: Final = "sqlalchemy.ext.asyncio.result.AsyncTupleResult"

# Classes whose coroutine methods are database IO (alchemy-sync-def).
ASYNC_IO_CLASSES: Final = (
    ASYNC_SESSION,
    ASYNC_SCOPED_SESSION,
    ASYNC_SESSION_TRANSACTION,
    ASYNC_ENGINE,
    ASYNC_CONNECTION,
    ASYNC_TRANSACTION,
    ASYNC_RESULT,
    ASYNC_SCALAR_RESULT,
    ASYNC_MAPPING_RESULT,
    ASYNC_TUPLE_RESULT,
)
# Every public coroutine method of ASYNC_IO_CLASSES (a cheap pre-filter for method hooks;
# the rule itself keys on the coroutine return type). Checked against the runtime by a test.
ASYNC_IO_METHODS: Final = frozenset(
    {
        "aclose",
        "all",
        "close",
        "close_all",
        "commit",
        "connection",
        "delete",
        "delete_all",
        "dispose",
        "exec_driver_sql",
        "execute",
        "execution_options",
        "fetchall",
        "fetchmany",
        "fetchone",
        "first",
        "flush",
        "freeze",
        "get",
        "get_isolation_level",
        "get_one",
        "get_raw_connection",
        "invalidate",
        "merge",
        "merge_all",
        "one",
        "one_or_none",
        "raw_connection",
        "refresh",
        "remove",
        "reset",
        "rollback",
        "run_sync",
        "scalar",
        "scalar_one",
        "scalar_one_or_none",
        "scalars",
        "start",
        "stream",
        "stream_scalars",
    }
)
RUN_SYNC: Final = "run_sync"
COROUTINE: Final = "typing.Coroutine"
SESSION_FACTORY_CALL: Final = "__call__"
SESSION_FACTORY_BEGIN: Final = "begin"
# ``await stack.enter_async_context(maker())`` hands the session to an AsyncExitStack.
ASYNC_EXIT_STACK: Final = "contextlib.AsyncExitStack"
ENTER_ASYNC_CONTEXT: Final = "enter_async_context"
# A function declared to return an AsyncSession, or one of these async context managers of
# one, and returning a new one is a session factory: its callers open the session.
ASYNC_CONTEXT_MANAGER: Final = "contextlib.AbstractAsyncContextManager"
ASYNC_SESSION_CONTEXT_MANAGER: Final = "sqlalchemy.ext.asyncio.session._AsyncSessionContextManager"

# --- declarative mapping -------------------------------------------------------------------
DECLARATIVE_BASE: Final = "sqlalchemy.orm.decl_api.DeclarativeBase"
DECLARATIVE_BASE_NO_META: Final = "sqlalchemy.orm.decl_api.DeclarativeBaseNoMeta"
DECLARATIVE_META: Final = "sqlalchemy.orm.decl_api.DeclarativeMeta"
DECLARATIVE_BASE_FUNC: Final = "sqlalchemy.orm.decl_api.declarative_base"
AS_DECLARATIVE: Final = "sqlalchemy.orm.decl_api.as_declarative"
REGISTRY: Final = "sqlalchemy.orm.decl_api.registry"
REGISTRY_GENERATE_BASE: Final = "sqlalchemy.orm.decl_api.registry.generate_base"
REGISTRY_MAPPED: Final = "sqlalchemy.orm.decl_api.registry.mapped"
REGISTRY_MAPPED_AS_DATACLASS: Final = "sqlalchemy.orm.decl_api.registry.mapped_as_dataclass"
# ``@mapped_as_dataclass(reg)``: the function form of registry.mapped_as_dataclass (2.0.44+).
MAPPED_AS_DATACLASS_FUNC: Final = "sqlalchemy.orm.decl_api.mapped_as_dataclass"
# Pre-2.0 spellings, still importable from sqlalchemy.ext.declarative.
EXT_DECLARATIVE_BASE_FUNC: Final = "sqlalchemy.ext.declarative.declarative_base"
EXT_AS_DECLARATIVE: Final = "sqlalchemy.ext.declarative.as_declarative"
DECLARATIVE_ROOTS: Final = frozenset({DECLARATIVE_BASE, DECLARATIVE_BASE_NO_META})
# Functions returning a declarative base class (typed ``Any``: ``Base`` is a variable).
DECLARATIVE_BASE_FUNCS: Final = frozenset({DECLARATIVE_BASE_FUNC, EXT_DECLARATIVE_BASE_FUNC})
# Class decorators that make the decorated class declarative, whatever its bases.
DECLARATIVE_DECORATORS: Final = frozenset(
    {AS_DECLARATIVE, EXT_AS_DECLARATIVE, MAPPED_AS_DATACLASS_FUNC}
)

MAPPED: Final = "sqlalchemy.orm.base.Mapped"
WRITE_ONLY_MAPPED: Final = "sqlalchemy.orm.base.WriteOnlyMapped"
DYNAMIC_MAPPED: Final = "sqlalchemy.orm.base.DynamicMapped"
ASSOCIATION_PROXY: Final = "sqlalchemy.ext.associationproxy.AssociationProxy"
MAPPED_ANNOTATIONS: Final = frozenset({MAPPED, WRITE_ONLY_MAPPED, DYNAMIC_MAPPED})

COLUMN: Final = "sqlalchemy.sql.schema.Column"
MAPPED_COLUMN: Final = "sqlalchemy.orm._orm_constructors.mapped_column"
RELATIONSHIP: Final = "sqlalchemy.orm._orm_constructors.relationship"
COLUMN_PROPERTY: Final = "sqlalchemy.orm._orm_constructors.column_property"
DEFERRED: Final = "sqlalchemy.orm._orm_constructors.deferred"
SYNONYM: Final = "sqlalchemy.orm._orm_constructors.synonym"
COMPOSITE: Final = "sqlalchemy.orm._orm_constructors.composite"
QUERY_EXPRESSION: Final = "sqlalchemy.orm._orm_constructors.query_expression"
DYNAMIC_LOADER: Final = "sqlalchemy.orm._orm_constructors.dynamic_loader"
ASSOCIATION_PROXY_FUNC: Final = "sqlalchemy.ext.associationproxy.association_proxy"
# Calls that map a column-like attribute (not a relationship) in a declarative class body.
COLUMN_CONSTRUCTORS: Final = frozenset(
    {COLUMN, MAPPED_COLUMN, COLUMN_PROPERTY, DEFERRED, SYNONYM, COMPOSITE, QUERY_EXPRESSION}
)
# Calls that define a mapped attribute when assigned in a declarative class body.
ORM_ATTRIBUTE_CONSTRUCTORS: Final = frozenset(
    {
        COLUMN,
        MAPPED_COLUMN,
        RELATIONSHIP,
        COLUMN_PROPERTY,
        DEFERRED,
        SYNONYM,
        COMPOSITE,
        QUERY_EXPRESSION,
        DYNAMIC_LOADER,
        ASSOCIATION_PROXY_FUNC,
    }
)

# --- load-state tracking -------------------------------------------------------------------
PLUGIN_MODULE: Final = "mypy_async_alchemy"
# Key of the plugin's entry in TypeInfo.metadata (cached with the class).
METADATA_KEY: Final = PLUGIN_MODULE
LOADED: Final = "mypy_async_alchemy.Loaded"
RETURNED: Final = "mypy_async_alchemy._returned"
REVEAL_LOADED: Final = "mypy_async_alchemy.reveal_loaded"
ABSTRACT_LOAD: Final = "sqlalchemy.orm.strategy_options._AbstractLoad"
LOAD: Final = "sqlalchemy.orm.strategy_options.Load"
SELECT: Final = "sqlalchemy.sql._selectable_constructors.select"
OPTIONS_METHOD: Final = "options"
ASYNC_ATTRS: Final = "sqlalchemy.ext.asyncio.session.AsyncAttrs"
AWAITABLE_ATTRS: Final = "awaitable_attrs"
ASYNC_ATTRS_GETITEM: Final = "sqlalchemy.ext.asyncio.session.AsyncAttrs._AsyncAttrGetitem"
AWAITABLE: Final = "typing.Awaitable"
STR: Final = "builtins.str"
OBJECT: Final = "builtins.object"
# Session methods that take the entity class and ``options=[...]``.
GET_METHODS: Final = frozenset({"get", "get_one"})
REFRESH_METHOD: Final = "refresh"
# SQLAlchemy 2.0 types ``row[0]`` as Any (2.1 as the entity): loading/options.py recovers it.
ROW_GETITEM: Final = "sqlalchemy.engine.row.Row.__getitem__"
# --- expiry (loading/expiry.py, loading/sessions.py) ---------------------------------------
# ``expire_on_commit=`` of async_sessionmaker(), sessionmaker() and AsyncSession().
EXPIRE_ON_COMMIT: Final = "expire_on_commit"
BIND_ARGUMENT: Final = "bind"  # a maker's engine, by keyword
# Calls whose result carries the session maker's or session's expire_on_commit.
SESSION_ORIGINS: Final = frozenset({ASYNC_SESSIONMAKER, SESSIONMAKER, ASYNC_SESSION})
# Methods of a maker (or a session) whose result is a session of the same settings.
SESSION_FROM_MAKER_METHODS: Final = frozenset({"__call__", "begin"})
COMMIT_METHOD: Final = "commit"
ROLLBACK_METHOD: Final = "rollback"
EXPIRE_METHOD: Final = "expire"
EXPIRE_ALL_METHOD: Final = "expire_all"
BEGIN_METHOD: Final = "begin"
EXPIRING_METHODS: Final = frozenset(
    {COMMIT_METHOD, ROLLBACK_METHOD, EXPIRE_METHOD, EXPIRE_ALL_METHOD}
)
# AsyncSession methods that make a new object pending, and that flush pending objects.
SESSION_ADD_METHODS: Final = frozenset({"add", "add_all"})
FLUSH_METHOD: Final = "flush"
SESSION_FLUSH_METHODS: Final = frozenset({FLUSH_METHOD, "commit"})
SCALAR_METHOD: Final = "scalar"
ATTRIBUTE_NAMES_KWARG: Final = "attribute_names"

_LOADER_MODULE: Final = "sqlalchemy.orm.strategy_options"
# Loader options that load the relationship they name ...
EAGER_LOADERS: Final = frozenset(
    {"selectinload", "joinedload", "subqueryload", "immediateload", "contains_eager"}
)
# ... that only walk through it to reach a nested one ...
PASS_THROUGH_LOADERS: Final = frozenset({"defaultload"})
# ... and that leave it unloaded even when its lazy= strategy is eager.
LAZY_LOADERS: Final = frozenset({"lazyload", "raiseload", "noload"})
# ... of which these make the lazy load raise (``await obj.awaitable_attrs.rel`` included).
RAISE_LOADERS: Final = frozenset({"raiseload"})
# Loaders that apply the options chained after them to an object the session already holds.
SUBOPTION_LOADERS: Final = frozenset({"selectinload", "joinedload", "contains_eager"})
# Column options: defer a column, load it, or load only the columns named (the entity's
# other columns are deferred). ``raiseload=True`` makes the deferred ones raise.
DEFER_LOADER: Final = "defer"
UNDEFER_LOADER: Final = "undefer"
LOAD_ONLY_LOADER: Final = "load_only"
COLUMN_LOADERS: Final = frozenset({DEFER_LOADER, UNDEFER_LOADER, LOAD_ONLY_LOADER})
RAISELOAD_KEYWORD: Final = "raiseload"
LOADER_NAMES: Final = EAGER_LOADERS | PASS_THROUGH_LOADERS | LAZY_LOADERS | COLUMN_LOADERS
LOADER_FUNCTIONS: Final = frozenset(f"{_LOADER_MODULE}.{name}" for name in LOADER_NAMES)
EXECUTABLE: Final = "sqlalchemy.sql.base.Executable"

# Functions that run a plain function in a worker thread (threads.py; FastAPI re-exports
# Starlette's run_in_threadpool), and method names of the same (``loop.run_in_executor``).
THREAD_OFFLOADERS: Final = frozenset(
    {
        "asyncio.threads.to_thread",
        "anyio.to_thread.run_sync",
        "starlette.concurrency.run_in_threadpool",
        "asyncer._main.asyncify",
        "asgiref.sync.sync_to_async",
        "advanced_alchemy.utils.sync_tools.async_",
    }
)
# ... and that enter a sync context manager in one: ``contextmanager_in_threadpool(cm())``.
THREAD_CONTEXT_OFFLOADERS: Final = frozenset({"fastapi.concurrency.contextmanager_in_threadpool"})
THREAD_OFFLOAD_METHODS: Final = frozenset({"run_in_executor"})
EVENT_LOOP: Final = "asyncio.events.AbstractEventLoop"  # where THREAD_OFFLOAD_METHODS live

# --- concurrency (checks/concurrent.py) ------------------------------------------------------
# Functions that run their awaitable arguments concurrently.
GATHER: Final = "asyncio.tasks.gather"
# Functions and methods that start a task running next to the caller.
SPAWN_FUNCTIONS: Final = frozenset({"asyncio.tasks.create_task", "asyncio.tasks.ensure_future"})
SPAWN_METHODS: Final = frozenset(
    {
        "asyncio.taskgroups.TaskGroup.create_task",
        "asyncio.events.AbstractEventLoop.create_task",
        "anyio.abc._tasks.TaskGroup.start_soon",
    }
)
PARTIAL: Final = "functools.partial"

# Plain functions FastAPI and Starlette run in their threadpool (threadpool.py): a dependency
# (``Depends(f)``, ``Security(f)``), a background task (``BackgroundTask(f)``,
# ``tasks.add_task(f)``), a path operation (``@app.get(...)``, ``app.add_api_route(p, f)``).
# Optional packages: matched by name only, checked against the runtime where installed.
DEPENDENCY_MARKERS: Final = frozenset(
    {
        "fastapi.param_functions.Depends",
        "fastapi.param_functions.Security",
        "fastapi.params.Depends",
        "fastapi.params.Security",
    }
)
DEPENDENCY_ARGUMENT: Final = "dependency"
BACKGROUND_TASK: Final = "starlette.background.BackgroundTask"
# fastapi.BackgroundTasks (fastapi.background) derives from it.
BACKGROUND_TASKS: Final = "starlette.background.BackgroundTasks"
ADD_TASK_METHOD: Final = "add_task"
TASK_ARGUMENT: Final = "func"
FASTAPI: Final = "fastapi"
FASTAPI_ROUTE_OWNERS: Final = frozenset(
    {"fastapi.applications.FastAPI", "fastapi.routing.APIRouter"}
)
# Decorators that register a path operation (websocket handlers must be async: not here).
FASTAPI_ROUTE_DECORATORS: Final = frozenset(
    {"get", "put", "post", "delete", "options", "head", "patch", "trace", "api_route"}
)
ADD_API_ROUTE_METHOD: Final = "add_api_route"
ENDPOINT_ARGUMENT: Final = "endpoint"

# --- declarations read by alchemy-dynamic and alchemy-nullable ------------------------------
TRUE: Final = "builtins.True"
FOREIGN_KEY: Final = "sqlalchemy.sql.schema.ForeignKey"
# mapped_column() keywords that decide (or excuse) a column's nullability.
NULLABLE_ARGUMENT: Final = "nullable"
PRIMARY_KEY_ARGUMENT: Final = "primary_key"
SERVER_DEFAULT_ARGUMENT: Final = "server_default"
FOREIGN_KEYS_ARGUMENT: Final = "foreign_keys"  # relationship(foreign_keys=[...])

# --- serialization boundaries: Pydantic schemas (loading/schemas.py, serialization.py) ------
PYDANTIC_BASE_MODEL: Final = "pydantic.main.BaseModel"
PYDANTIC_FIELD: Final = "pydantic.fields.Field"
# Defined in pydantic.fields up to Pydantic 2.5, in pydantic.aliases since.
PYDANTIC_ALIAS_CHOICES: Final = frozenset(
    {"pydantic.aliases.AliasChoices", "pydantic.fields.AliasChoices"}
)
PYDANTIC_ALIAS_PATH: Final = frozenset({"pydantic.aliases.AliasPath", "pydantic.fields.AliasPath"})
MODEL_CONFIG: Final = "model_config"
FROM_ATTRIBUTES: Final = "from_attributes"
FIELD_ALIAS: Final = "alias"
FIELD_VALIDATION_ALIAS: Final = "validation_alias"
MODEL_VALIDATE: Final = "model_validate"
BASE_MODEL_VALIDATE: Final = f"{PYDANTIC_BASE_MODEL}.{MODEL_VALIDATE}"
TYPE_ADAPTER: Final = "pydantic.type_adapter.TypeAdapter"
TYPE_ADAPTER_VALIDATE: Final = f"{TYPE_ADAPTER}.validate_python"
# The containers a schema's field or a TypeAdapter validates item by item (the last
# type argument: a dict's values).
SCHEMA_CONTAINERS: Final = frozenset(
    {
        "builtins.list",
        "builtins.set",
        "builtins.frozenset",
        "builtins.tuple",
        "builtins.dict",
        "typing.Sequence",
        "typing.MutableSequence",
        "typing.AbstractSet",
        "typing.Iterable",
        "typing.Collection",
        "typing.Mapping",
    }
)
