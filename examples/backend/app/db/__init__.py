"""Engine, session factory and the ``get_db`` dependency. Async only."""

from app.db.session import create_tables, get_db, get_engine, get_session_maker

__all__ = ["create_tables", "get_db", "get_engine", "get_session_maker"]
