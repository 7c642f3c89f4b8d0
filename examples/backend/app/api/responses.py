"""Pydantic response models, validated straight from ORM objects (``from_attributes``).

Validating reads every field from the object: ``UserResponse`` reads ``user.insights``, so
the query that loads the user must load them too (the plugin checks it at the
``model_validate`` call, as FastAPI would need it for ``response_model=UserResponse``).
"""

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class Response(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class InsightResponse(Response):
    id: int
    title: str
    score: float | None
    created_at: datetime


class UserResponse(Response):
    id: int
    email: str
    name: str
    insights: list[InsightResponse]
