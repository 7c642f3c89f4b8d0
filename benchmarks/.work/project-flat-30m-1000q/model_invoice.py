"""The Invoice model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from base import Base, utcnow

if TYPE_CHECKING:
    from model_product import Product
    from model_sprint import Sprint
    from model_tag import Tag


class Invoice(Base):
    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id"))
    sprint_id: Mapped[int] = mapped_column(ForeignKey("sprints.id"))

    tag: Mapped["Tag"] = relationship(back_populates="invoices")
    sprint: Mapped["Sprint"] = relationship(back_populates="invoices")
    products: Mapped[list["Product"]] = relationship(back_populates="invoice")
