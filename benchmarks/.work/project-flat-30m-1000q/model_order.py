"""The Order model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from base import Base, utcnow

if TYPE_CHECKING:
    from model_document import Document
    from model_notification import Notification
    from model_organization import Organization
    from model_project import Project
    from model_warehouse import Warehouse


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"))

    organization: Mapped["Organization"] = relationship(back_populates="orders")
    project: Mapped["Project | None"] = relationship(back_populates="orders")
    warehouses: Mapped[list["Warehouse"]] = relationship(back_populates="order")
    notifications: Mapped[list["Notification"]] = relationship(back_populates="order", lazy="selectin")
    documents: Mapped[list["Document"]] = relationship(back_populates="order")
