"""/users: every query says which relationships it loads."""

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.api.responses import UserResponse
from app.api.schemas import InsightOut, UserCreate, UserOut
from app.models import User


async def read_user(user_id: int, session: AsyncSession) -> UserOut | None:
    """GET /users/{user_id}, with the user's insights."""
    stmt = select(User).where(User.id == user_id).options(selectinload(User.insights))
    result = await session.execute(stmt)
    user = result.scalars().first()
    if user is None:
        return None
    # user.insights was loaded by selectinload(): reading it does no IO.
    insights: list[InsightOut] = [
        {"id": i.id, "title": i.title, "score": i.score, "created_at": i.created_at}
        for i in user.insights
    ]
    return {"id": user.id, "email": user.email, "name": user.name, "insights": insights}


async def read_user_response(user_id: int, session: AsyncSession) -> UserResponse | None:
    """GET /users/{user_id} as a Pydantic model validated from the ORM object: the query
    loads the insights that UserResponse reads."""
    stmt = select(User).where(User.id == user_id).options(selectinload(User.insights))
    user = (await session.scalars(stmt)).first()
    return UserResponse.model_validate(user) if user is not None else None


async def list_users(session: AsyncSession, offset: int = 0, limit: int = 50) -> list[UserOut]:
    """GET /users, each with its insights (one extra SELECT ... IN for all of them)."""
    stmt = (
        select(User)
        .options(selectinload(User.insights))
        .order_by(User.id)
        .offset(offset)
        .limit(limit)
    )
    users = (await session.scalars(stmt)).all()
    return [
        {
            "id": user.id,
            "email": user.email,
            "name": user.name,
            "insights": [
                {"id": i.id, "title": i.title, "score": i.score, "created_at": i.created_at}
                for i in user.insights
            ],
        }
        for user in users
    ]


async def create_user(payload: UserCreate, session: AsyncSession) -> UserOut:
    """POST /users."""
    # insights=[] sets the collection, so it is known to be empty without a SELECT.
    user = User(email=payload["email"], name=payload["name"], insights=[])
    session.add(user)
    await session.commit()
    # expire_on_commit=False (app.db): the id assigned by the INSERT is still readable.
    return {"id": user.id, "email": user.email, "name": user.name, "insights": []}


async def count_users(session: AsyncSession) -> int:
    """GET /users/count."""
    count = await session.scalar(select(func.count()).select_from(User))
    return count or 0


async def delete_user(user_id: int, session: AsyncSession) -> bool:
    """DELETE /users/{user_id}; the user's insights go with it (cascade)."""
    # The cascade needs the collection: load it with the user, not lazily during the delete.
    stmt = select(User).where(User.id == user_id).options(selectinload(User.insights))
    user = (await session.execute(stmt)).scalar_one_or_none()
    if user is None:
        return False
    await session.delete(user)
    await session.commit()
    return True
