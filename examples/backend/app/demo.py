"""Run every route-like function once against an in-memory SQLite database.

    pip install aiosqlite greenlet    # the async SQLite driver; greenlet for SQLAlchemy 2.1
    python -m app.demo

Every relationship read below would raise ``MissingGreenlet`` if it were not eager-loaded,
so a clean run shows that the loading options in ``app.api`` are the ones the code needs.
"""

import asyncio
import os

from app.api import insights, users
from app.api.schemas import InsightCreate
from app.db import create_tables, get_db, get_engine


async def main() -> None:
    os.environ.setdefault("DATABASE_URL", "sqlite+aiosqlite://")
    engine = get_engine()
    await create_tables(engine)

    async for session in get_db():
        ada = await users.create_user({"email": "ada@example.com", "name": "Ada"}, session)
        bob = await users.create_user({"email": "bob@example.com", "name": "Bob"}, session)
        for title, score in [("Caching", 0.9), ("Indexes", 0.7), ("Retries", None)]:
            body = f"Notes on {title.lower()}"
            payload: InsightCreate = {"title": title, "body": body, "score": score}
            await insights.create_insight(ada["id"], payload, session)
        await insights.rescore(ada["id"], 0.5, session)

        print("user:", await users.read_user(ada["id"], session))
        print("users:", [(u["name"], len(u["insights"])) for u in await users.list_users(session)])
        print("count:", await users.count_users(session))
        print("top:", [(i["title"], i["author"]) for i in await insights.top_insights(session)])
        print("titles:", [title async for title in insights.export_titles(session)])
        print("deleted bob:", await users.delete_user(bob["id"], session))

    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
