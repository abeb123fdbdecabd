"""Police contacts, coach contacts and reviews of a case."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zvkd_desktop.domain.vocabulary import CoachContactKind, LifeDomain, PoliceContactKind
from zvkd_desktop.store.models.base import Base, SyncRow, enum_type


class PoliceContact(SyncRow, Base):
    """A police registration about a youth. Belongs to the youth: contacts before admission count
    for the closure rule too; ``case_id`` says during which case it was recorded, if any."""

    __tablename__ = "police_contact"
    __table_args__ = (Index("ix_police_contact_youth_date", "youth_id", "contact_on"),)
    youth_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("youth.id"), index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("pad_case.id"), index=True)
    contact_on: Mapped[dt.date] = mapped_column(index=True)
    kind: Mapped[PoliceContactKind] = mapped_column(enum_type(PoliceContactKind))
    negative: Mapped[bool] = mapped_column(default=True)
    note: Mapped[str | None] = mapped_column(Text)


class CoachContact(SyncRow, Base):
    __tablename__ = "coach_contact"
    __table_args__ = (Index("ix_coach_contact_case_date", "case_id", "contact_on"),)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pad_case.id"), index=True)
    coach_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    contact_on: Mapped[dt.date] = mapped_column(index=True)
    kind: Mapped[CoachContactKind] = mapped_column(enum_type(CoachContactKind))
    note: Mapped[str | None] = mapped_column(Text)


class Review(SyncRow, Base):
    """A case discussed in the core team: progress per life domain, decisions, next review."""

    __tablename__ = "review"
    __table_args__ = (Index("ix_review_case_date", "case_id", "reviewed_on"),)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pad_case.id"), index=True)
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meeting.id"))
    reviewed_on: Mapped[dt.date] = mapped_column(index=True)
    decisions: Mapped[str | None] = mapped_column(Text)
    next_review_on: Mapped[dt.date | None]
    progress: Mapped[list[ReviewProgress]] = relationship(back_populates="review")


class ReviewProgress(SyncRow, Base):
    __tablename__ = "review_progress"
    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review.id"), index=True)
    life_domain: Mapped[LifeDomain] = mapped_column(enum_type(LifeDomain))
    progress: Mapped[str | None] = mapped_column(Text)
    review: Mapped[Review] = relationship(back_populates="progress")
