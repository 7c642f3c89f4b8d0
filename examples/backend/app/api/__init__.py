"""Route-like async functions.

Each takes the request data and an ``AsyncSession``. In a FastAPI app they would be
registered as path operations, the session coming from ``Depends(app.db.get_db)``::

    @router.get("/users/{user_id}")
    async def read_user(
        user_id: int, session: Annotated[AsyncSession, Depends(get_db)]
    ) -> UserOut: ...
"""

from app.api import insights, users

__all__ = ["insights", "users"]
