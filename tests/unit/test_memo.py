"""``memo.py``: library names are computed once, user names every time."""

from __future__ import annotations

from collections.abc import Callable

from mypy_async_alchemy.memo import memoised


def _counting() -> tuple[list[str], Callable[[str], str | None]]:
    asked: list[str] = []

    def compute(fullname: str) -> str | None:
        asked.append(fullname)
        return fullname.upper() if fullname.startswith("sqlalchemy.") else None

    return asked, compute


def test_pure_names_are_computed_once() -> None:
    asked, compute = _counting()
    lookup = memoised(compute, lambda name: name.startswith("sqlalchemy."))
    assert lookup("sqlalchemy.orm.Session") == "SQLALCHEMY.ORM.SESSION"
    assert lookup("sqlalchemy.orm.Session") == "SQLALCHEMY.ORM.SESSION"
    assert lookup("sqlalchemy.orm.Query") == "SQLALCHEMY.ORM.QUERY"
    assert asked == ["sqlalchemy.orm.Session", "sqlalchemy.orm.Query"]


def test_a_kept_none_is_answered_from_the_memo() -> None:
    asked, compute = _counting()
    lookup = memoised(compute, lambda name: True)
    assert lookup("builtins.str.join") is None
    assert lookup("builtins.str.join") is None
    assert asked == ["builtins.str.join"]


def test_other_names_are_computed_every_time() -> None:
    asked, compute = _counting()
    lookup = memoised(compute, lambda name: name.startswith("sqlalchemy."))
    assert lookup("app.models.User.insights") is None
    assert lookup("app.models.User.insights") is None
    assert asked == ["app.models.User.insights", "app.models.User.insights"]


def test_without_a_predicate_every_name_is_kept() -> None:
    asked, compute = _counting()
    lookup = memoised(compute, None)
    assert lookup("app.models.User.insights") is None
    assert lookup("app.models.User.insights") is None
    assert lookup("sqlalchemy.orm.Query") == "SQLALCHEMY.ORM.QUERY"
    assert lookup("sqlalchemy.orm.Query") == "SQLALCHEMY.ORM.QUERY"
    assert asked == ["app.models.User.insights", "sqlalchemy.orm.Query"]
