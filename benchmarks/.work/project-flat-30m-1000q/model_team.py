"""The Team model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from associations import team_document_links
from base import Base, utcnow

if TYPE_CHECKING:
    from model_attachment import Attachment
    from model_document import Document
    from model_organization import Organization
    from model_task import Task


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))

    organization: Mapped["Organization"] = relationship(back_populates="teams")
    tasks: Mapped[list["Task"]] = relationship(back_populates="team", lazy="selectin")
    attachments: Mapped[list["Attachment"]] = relationship(back_populates="team")
    documents: Mapped[list["Document"]] = relationship(secondary=team_document_links, back_populates="teams", lazy="selectin")
