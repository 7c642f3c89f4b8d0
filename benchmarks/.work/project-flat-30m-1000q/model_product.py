"""The Product model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from base import Base, utcnow

if TYPE_CHECKING:
    from model_audit_entry import AuditEntry
    from model_comment import Comment
    from model_invoice import Invoice
    from model_webhook import Webhook


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))

    comment: Mapped["Comment | None"] = relationship(back_populates="products")
    invoice: Mapped["Invoice | None"] = relationship(back_populates="products")
    audit_entries: Mapped[list["AuditEntry"]] = relationship(back_populates="product")
    webhooks: Mapped[list["Webhook"]] = relationship(back_populates="product", lazy="selectin")
