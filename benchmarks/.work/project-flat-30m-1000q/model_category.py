"""The Category model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from associations import category_payment_links
from base import Base, utcnow

if TYPE_CHECKING:
    from model_address import Address
    from model_milestone import Milestone
    from model_organization import Organization
    from model_payment import Payment


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"))

    organization: Mapped["Organization | None"] = relationship(back_populates="categories")
    milestone: Mapped["Milestone"] = relationship(back_populates="categories")
    addresses: Mapped[list["Address"]] = relationship(back_populates="category", lazy="selectin")
    payments: Mapped[list["Payment"]] = relationship(secondary=category_payment_links, back_populates="categories")
