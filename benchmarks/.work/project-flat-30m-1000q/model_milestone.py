"""The Milestone model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from base import Base, utcnow

if TYPE_CHECKING:
    from model_category import Category
    from model_order_line import OrderLine
    from model_payment import Payment
    from model_permission import Permission
    from model_task import Task


class Milestone(Base):
    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))

    task: Mapped["Task | None"] = relationship(back_populates="milestones")
    categories: Mapped[list["Category"]] = relationship(back_populates="milestone", lazy="selectin")
    order_lines: Mapped[list["OrderLine"]] = relationship(back_populates="milestone")
    payments: Mapped[list["Payment"]] = relationship(back_populates="milestone")
    permissions: Mapped[list["Permission"]] = relationship(back_populates="milestone")
