"""The Folder model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from associations import payment_folder_links, tag_folder_links
from base import Base, utcnow

if TYPE_CHECKING:
    from model_payment import Payment
    from model_tag import Tag
    from model_warehouse import Warehouse


class Folder(Base):
    __tablename__ = "folders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))

    warehouse: Mapped["Warehouse"] = relationship(back_populates="folders")
    tags: Mapped[list["Tag"]] = relationship(secondary=tag_folder_links, back_populates="folders")
    payments: Mapped[list["Payment"]] = relationship(secondary=payment_folder_links, back_populates="folders")
