"""The plan van aanpak: immutable versions, each with goals per life domain and their actions.

Every saved change makes a new version (author, time); earlier versions stay readable and can be
compared side by side, so a version's goals and actions are never edited in place.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zvkd_desktop.domain.vocabulary import ActionStatus, GoalStatus, LifeDomain
from zvkd_desktop.store.models.base import Base, SyncRow, enum_type


class PlanVersion(SyncRow, Base):
    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("case_id", "number"),)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pad_case.id"), index=True)
    number: Mapped[int]
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    author_name: Mapped[str | None] = mapped_column(String(120))
    saved_at: Mapped[dt.datetime]
    summary: Mapped[str | None] = mapped_column(Text)
    goals: Mapped[list[PlanGoal]] = relationship(
        order_by="PlanGoal.position", back_populates="version"
    )


class PlanGoal(SyncRow, Base):
    __tablename__ = "plan_goal"
    version_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan_version.id"), index=True)
    position: Mapped[int]
    life_domain: Mapped[LifeDomain] = mapped_column(enum_type(LifeDomain))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[GoalStatus] = mapped_column(enum_type(GoalStatus), default=GoalStatus.OPEN)
    version: Mapped[PlanVersion] = relationship(back_populates="goals")
    actions: Mapped[list[PlanAction]] = relationship(
        order_by="PlanAction.position", back_populates="goal"
    )


class PlanAction(SyncRow, Base):
    __tablename__ = "plan_action"
    goal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan_goal.id"), index=True)
    position: Mapped[int]
    description: Mapped[str | None] = mapped_column(Text)
    responsible_partner: Mapped[str | None] = mapped_column(String(120))
    due_on: Mapped[dt.date | None]
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus), default=ActionStatus.OPEN)
    goal: Mapped[PlanGoal] = relationship(back_populates="actions")
