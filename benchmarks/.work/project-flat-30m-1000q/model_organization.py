"""The Organization model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from associations import organization_address_links
from base import Base, utcnow

if TYPE_CHECKING:
    from model_address import Address
    from model_category import Category
    from model_order import Order
    from model_payment import Payment
    from model_project import Project
    from model_task import Task
    from model_team import Team
    from model_user import User
    from model_webhook import Webhook


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    users: Mapped[list["User"]] = relationship(back_populates="organization", lazy="selectin")
    teams: Mapped[list["Team"]] = relationship(back_populates="organization")
    projects: Mapped[list["Project"]] = relationship(back_populates="organization")
    tasks: Mapped[list["Task"]] = relationship(back_populates="organization")
    categories: Mapped[list["Category"]] = relationship(back_populates="organization")
    orders: Mapped[list["Order"]] = relationship(back_populates="organization")
    payments: Mapped[list["Payment"]] = relationship(back_populates="organization", lazy="selectin")
    webhooks: Mapped[list["Webhook"]] = relationship(back_populates="organization")
    addresses: Mapped[list["Address"]] = relationship(secondary=organization_address_links, back_populates="organizations")
