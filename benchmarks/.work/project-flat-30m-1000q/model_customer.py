"""The Customer model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from base import Base, utcnow

if TYPE_CHECKING:
    from model_review import Review
    from model_sprint import Sprint
    from model_task import Task


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"))
    sprint_id: Mapped[int] = mapped_column(ForeignKey("sprints.id"))

    task: Mapped["Task"] = relationship(back_populates="customers")
    sprint: Mapped["Sprint"] = relationship(back_populates="customers")
    reviews: Mapped[list["Review"]] = relationship(back_populates="customer")
