"""``SyncSession`` and ``SyncConnection``: SQLAlchemy's sync classes, for legitimate uses.

A ``run_sync()`` callback receives a sync ``Session`` or ``Connection``, and event listeners
and ``sync_session_class=`` name them::

    from mypy_async_alchemy.sync import SyncSession

    def archive(session: SyncSession, user_id: int) -> None: ...

    await async_session.run_sync(archive, 42)

They are the classes themselves (``SyncSession is sqlalchemy.orm.Session``), so mypy and the
plugin treat them exactly as ``Session``/``Connection``. The stubs that
``mypy-async-alchemy stubs`` writes mark ``Session`` deprecated, and pyright reports a
deprecated class where it is named by its own name only: through these names it is not.
"""

from __future__ import annotations

from sqlalchemy.engine.base import Connection as SyncConnection
from sqlalchemy.orm.session import Session as SyncSession  # pyright: ignore[reportDeprecated]

__all__ = ["SyncConnection", "SyncSession"]
