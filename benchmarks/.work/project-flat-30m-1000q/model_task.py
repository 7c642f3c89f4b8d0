"""The Task model."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from base import Base, utcnow

if TYPE_CHECKING:
    from model_comment import Comment
    from model_customer import Customer
    from model_milestone import Milestone
    from model_organization import Organization
    from model_sprint import Sprint
    from model_team import Team


class Task(Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    description: Mapped[str | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True)
    score: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))

    organization: Mapped["Organization"] = relationship(back_populates="tasks")
    team: Mapped["Team"] = relationship(back_populates="tasks")
    comments: Mapped[list["Comment"]] = relationship(back_populates="task")
    milestones: Mapped[list["Milestone"]] = relationship(back_populates="task")
    sprints: Mapped[list["Sprint"]] = relationship(back_populates="task")
    customers: Mapped[list["Customer"]] = relationship(back_populates="task")
