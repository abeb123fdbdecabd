"""Core-team meetings (kernteamoverleg): attendees, agenda items, decisions, action items."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zvkd_desktop.domain.vocabulary import AgendaSection, MeetingStatus
from zvkd_desktop.store.models.base import Base, SyncRow, enum_type


class Meeting(SyncRow, Base):
    __tablename__ = "meeting"
    held_on: Mapped[dt.date] = mapped_column(index=True)
    starts_at: Mapped[dt.time | None]
    location: Mapped[str | None] = mapped_column(String(120))
    chair_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    status: Mapped[MeetingStatus] = mapped_column(
        enum_type(MeetingStatus), default=MeetingStatus.PLANNED
    )
    attendees: Mapped[list[MeetingAttendee]] = relationship(back_populates="meeting")
    items: Mapped[list[AgendaItem]] = relationship(
        order_by="AgendaItem.position", back_populates="meeting"
    )


class MeetingAttendee(SyncRow, Base):
    __tablename__ = "meeting_attendee"
    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id"), index=True)
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"))
    name: Mapped[str] = mapped_column(String(120))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    meeting: Mapped[Meeting] = relationship(back_populates="attendees")


class AgendaItem(SyncRow, Base):
    __tablename__ = "agenda_item"
    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int]
    section: Mapped[AgendaSection] = mapped_column(enum_type(AgendaSection))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("pad_case.id"), index=True)
    registration_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("registration.id"))
    text: Mapped[str | None] = mapped_column(Text)
    added_by_hand: Mapped[bool] = mapped_column(default=False)
    removed: Mapped[bool] = mapped_column(default=False)
    meeting: Mapped[Meeting] = relationship(back_populates="items")
    decisions: Mapped[list[MeetingDecision]] = relationship(back_populates="item")


class MeetingDecision(SyncRow, Base):
    """A decision taken on an agenda item, and whether it could be applied to the case."""

    __tablename__ = "meeting_decision"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    applied: Mapped[bool] = mapped_column(default=False)
    refusal: Mapped[str | None] = mapped_column(Text)
    item: Mapped[AgendaItem] = relationship(back_populates="decisions")


class ActionItem(SyncRow, Base):
    __tablename__ = "action_item"
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(120))
    due_on: Mapped[dt.date | None]
    done: Mapped[bool] = mapped_column(default=False)
