"""Response and request shapes (pydantic models in a real app; TypedDicts keep this lean)."""

from datetime import datetime
from typing import TypedDict


class InsightOut(TypedDict):
    id: int
    title: str
    score: float | None
    created_at: datetime


class InsightWithAuthor(InsightOut):
    author: str


class UserOut(TypedDict):
    id: int
    email: str
    name: str
    insights: list[InsightOut]


class UserCreate(TypedDict):
    email: str
    name: str


class InsightCreate(TypedDict):
    title: str
    body: str
    score: float | None
