"""The Payment model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from associations import category_payment_links, payment_folder_links, user_payment_links
from base import Base, utcnow

if TYPE_CHECKING:
    from model_category import Category
    from model_folder import Folder
    from model_milestone import Milestone
    from model_organization import Organization
    from model_user import User


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestones.id"))

    organization: Mapped["Organization"] = relationship(back_populates="payments")
    milestone: Mapped["Milestone | None"] = relationship(back_populates="payments")
    categories: Mapped[list["Category"]] = relationship(secondary=category_payment_links, back_populates="payments")
    users: Mapped[list["User"]] = relationship(secondary=user_payment_links, back_populates="payments")
    folders: Mapped[list["Folder"]] = relationship(secondary=payment_folder_links, back_populates="payments")
