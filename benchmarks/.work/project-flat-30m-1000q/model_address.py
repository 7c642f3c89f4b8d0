"""The Address model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from associations import organization_address_links
from base import Base, utcnow

if TYPE_CHECKING:
    from model_category import Category
    from model_order_line import OrderLine
    from model_organization import Organization


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))

    category: Mapped["Category"] = relationship(back_populates="addresses")
    order_line: Mapped["OrderLine"] = relationship(back_populates="addresses")
    organizations: Mapped[list["Organization"]] = relationship(secondary=organization_address_links, back_populates="addresses")
