"""The OrderLine model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from base import Base, utcnow

if TYPE_CHECKING:
    from model_address import Address
    from model_comment import Comment
    from model_milestone import Milestone


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id"))
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"))

    comment: Mapped["Comment"] = relationship(back_populates="order_lines")
    milestone: Mapped["Milestone"] = relationship(back_populates="order_lines")
    addresses: Mapped[list["Address"]] = relationship(back_populates="order_line")
