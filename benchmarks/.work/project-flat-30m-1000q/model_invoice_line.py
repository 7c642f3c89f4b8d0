"""The InvoiceLine model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from base import Base, utcnow

if TYPE_CHECKING:
    from model_attachment import Attachment
    from model_tag import Tag


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id"))
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"))

    tag: Mapped["Tag"] = relationship(back_populates="invoice_lines")
    attachment: Mapped["Attachment"] = relationship(back_populates="invoice_lines")
