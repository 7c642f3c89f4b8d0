"""The Comment model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from base import Base, utcnow

if TYPE_CHECKING:
    from model_order_line import OrderLine
    from model_product import Product
    from model_tag import Tag
    from model_task import Task


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))

    task: Mapped["Task | None"] = relationship(back_populates="comments")
    tags: Mapped[list["Tag"]] = relationship(back_populates="comment")
    products: Mapped[list["Product"]] = relationship(back_populates="comment", lazy="selectin")
    order_lines: Mapped[list["OrderLine"]] = relationship(back_populates="comment")
