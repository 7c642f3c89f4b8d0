"""An example async backend: models, database session handling and route-like functions.

Nothing here needs FastAPI to import or to type-check. The functions in ``app.api`` have the
shape of FastAPI path operations; ``app.db.get_db`` is the dependency that provides the
session.
"""
