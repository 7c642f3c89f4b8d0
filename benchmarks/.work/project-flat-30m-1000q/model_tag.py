"""The Tag model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from associations import tag_folder_links
from base import Base, utcnow

if TYPE_CHECKING:
    from model_comment import Comment
    from model_folder import Folder
    from model_invoice import Invoice
    from model_invoice_line import InvoiceLine


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))

    comment: Mapped["Comment | None"] = relationship(back_populates="tags")
    invoices: Mapped[list["Invoice"]] = relationship(back_populates="tag")
    invoice_lines: Mapped[list["InvoiceLine"]] = relationship(back_populates="tag")
    folders: Mapped[list["Folder"]] = relationship(secondary=tag_folder_links, back_populates="tags", lazy="selectin")
