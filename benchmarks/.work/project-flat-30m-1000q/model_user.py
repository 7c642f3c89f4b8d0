"""The User model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from associations import user_payment_links
from base import Base, utcnow

if TYPE_CHECKING:
    from model_attachment import Attachment
    from model_organization import Organization
    from model_payment import Payment
    from model_shipment import Shipment


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))

    organization: Mapped["Organization"] = relationship(back_populates="users")
    attachments: Mapped[list["Attachment"]] = relationship(back_populates="user")
    shipments: Mapped[list["Shipment"]] = relationship(back_populates="user", lazy="selectin")
    payments: Mapped[list["Payment"]] = relationship(secondary=user_payment_links, back_populates="users")
