"""SQLAlchemy 2.0-style declarative models: ``Mapped[...]`` annotations and ``mapped_column()``."""

from app.models.base import Base
from app.models.insight import Insight
from app.models.user import User

__all__ = ["Base", "Insight", "User"]
