"""Pages of results: offset/limit maths, a generic page, opaque cursors."""

import base64
import binascii
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from app.core.exceptions import ValidationError

T = TypeVar("T")
U = TypeVar("U")


def _to_int(raw: str | None, default: int) -> int:
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        return default


@dataclass(frozen=True)
class PageParams:
    page: int = 1
    size: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @classmethod
    def from_query(cls, query: Mapping[str, str], max_size: int = 500) -> "PageParams":
        page = max(1, _to_int(query.get("page"), 1))
        size = min(max_size, max(1, _to_int(query.get("size"), 50)))
        return cls(page, size)


def total_pages(total: int, size: int) -> int:
    if size <= 0:
        return 1
    return max(1, -(-total // size))


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    total: int
    params: PageParams

    @property
    def pages(self) -> int:
        return total_pages(self.total, self.params.size)

    @property
    def has_next(self) -> bool:
        return self.params.page < self.pages

    def map(self, fn: Callable[[T], U]) -> "Page[U]":
        return Page([fn(item) for item in self.items], self.total, self.params)


def paginate(items: Sequence[T], params: PageParams) -> Page[T]:
    return Page(items[params.offset : params.offset + params.size], len(items), params)


def encode_cursor(last_id: int, forward: bool = True) -> str:
    raw = f"{'f' if forward else 'b'}:{last_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, bool]:
    """``(last_id, forward)``; raises ``ValidationError`` for a cursor we did not write."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        direction, _, last_id = raw.partition(":")
        return int(last_id), direction == "f"
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise ValidationError.single("cursor", "invalid cursor") from error
