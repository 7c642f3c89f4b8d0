"""The Webhook model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from associations import attachment_webhook_links
from base import Base, utcnow

if TYPE_CHECKING:
    from model_attachment import Attachment
    from model_organization import Organization
    from model_product import Product


class Webhook(Base):
    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))

    organization: Mapped["Organization"] = relationship(back_populates="webhooks")
    product: Mapped["Product"] = relationship(back_populates="webhooks")
    attachments: Mapped[list["Attachment"]] = relationship(secondary=attachment_webhook_links, back_populates="webhooks")
