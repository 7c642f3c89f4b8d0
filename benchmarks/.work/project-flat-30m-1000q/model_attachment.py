"""The Attachment model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from associations import attachment_webhook_links
from base import Base, utcnow

if TYPE_CHECKING:
    from model_invoice_line import InvoiceLine
    from model_team import Team
    from model_user import User
    from model_webhook import Webhook


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))

    user: Mapped["User"] = relationship(back_populates="attachments")
    team: Mapped["Team"] = relationship(back_populates="attachments")
    invoice_lines: Mapped[list["InvoiceLine"]] = relationship(back_populates="attachment")
    webhooks: Mapped[list["Webhook"]] = relationship(secondary=attachment_webhook_links, back_populates="attachments")
