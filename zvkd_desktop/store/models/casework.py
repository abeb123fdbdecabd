"""Registrations and cases: admission, category and coach history, closure and reopening."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zvkd_desktop.domain.vocabulary import Category, ClosureReason, Decision
from zvkd_desktop.store.models.base import Base, SyncRow, enum_type
from zvkd_desktop.store.models.people import Organisation, Professional, Youth


class Registration(SyncRow, Base):
    """A partner asks for a youth to be taken into the PAD; the four criteria are recorded."""

    __tablename__ = "registration"
    youth_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("youth.id"), index=True)
    registered_on: Mapped[dt.date] = mapped_column(index=True)
    registrant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisation.id"))
    registrant_contact: Mapped[str | None] = mapped_column(String(160))
    age_at_registration: Mapped[int]
    # criterion 2: police contacts for offences / nuisance registrations, or serious concerns
    police_contacts: Mapped[bool] = mapped_column(default=False)
    serious_concerns: Mapped[bool] = mapped_column(default=False)
    police_or_concerns_note: Mapped[str | None] = mapped_column(Text)
    # criterion 3: problems on more than one life domain
    multiple_domains: Mapped[bool] = mapped_column(default=False)
    multiple_domains_note: Mapped[str | None] = mapped_column(Text)
    # criterion 4: needs cooperation across chains (care, criminal law, administration)
    cross_chain: Mapped[bool] = mapped_column(default=False)
    cross_chain_note: Mapped[str | None] = mapped_column(Text)
    age_note: Mapped[str | None] = mapped_column(Text)
    is_reregistration: Mapped[bool] = mapped_column(default=False)
    # the earlier, closed case of a re-registration (no FK: pad_case refers to registration already)
    previous_case_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    decision: Mapped[Decision] = mapped_column(enum_type(Decision), default=Decision.PENDING)
    decided_on: Mapped[dt.date | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)

    youth: Mapped[Youth] = relationship()
    registrant: Mapped[Organisation] = relationship()


class Case(SyncRow, Base):
    """One admitted stay of a youth in the PAD, from admission to closure."""

    __tablename__ = "pad_case"
    youth_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("youth.id"), index=True)
    registration_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("registration.id"))
    admitted_on: Mapped[dt.date] = mapped_column(index=True)
    category: Mapped[Category] = mapped_column(enum_type(Category))
    coach_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"), index=True)
    process_director_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    street_strength: Mapped[bool] = mapped_column(default=False)
    reoffence_advice: Mapped[str | None] = mapped_column(Text)
    review_cadence_weeks: Mapped[int] = mapped_column(default=6)
    next_review_on: Mapped[dt.date | None]
    closed_on: Mapped[dt.date | None] = mapped_column(index=True)
    closure_reason: Mapped[ClosureReason | None] = mapped_column(enum_type(ClosureReason))
    closure_reason_text: Mapped[str | None] = mapped_column(Text)
    relocation_municipality: Mapped[str | None] = mapped_column(String(80))
    relocation_informed_on: Mapped[dt.date | None]
    transferred: Mapped[bool | None]
    handover_note: Mapped[str | None] = mapped_column(Text)

    youth: Mapped[Youth] = relationship()
    registration: Mapped[Registration] = relationship(foreign_keys=[registration_id])
    coach: Mapped[Professional | None] = relationship(foreign_keys=[coach_id])
    process_director: Mapped[Professional | None] = relationship(foreign_keys=[process_director_id])
    category_periods: Mapped[list[CategoryPeriod]] = relationship(
        order_by="CategoryPeriod.from_date", back_populates="case"
    )
    coach_assignments: Mapped[list[CoachAssignment]] = relationship(
        order_by="CoachAssignment.from_date", back_populates="case"
    )

    @property
    def is_running(self) -> bool:
        return self.closed_on is None


class CategoryPeriod(SyncRow, Base):
    """The category a case had from a date on; the first row is the category at admission."""

    __tablename__ = "category_period"
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pad_case.id"), index=True)
    category: Mapped[Category] = mapped_column(enum_type(Category))
    from_date: Mapped[dt.date]
    note: Mapped[str | None] = mapped_column(Text)
    case: Mapped[Case] = relationship(back_populates="category_periods")


class CoachAssignment(SyncRow, Base):
    """A coach's period on a case. One open period at a time; changes keep the history."""

    __tablename__ = "coach_assignment"
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pad_case.id"), index=True)
    coach_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("professional.id"), index=True)
    from_date: Mapped[dt.date]
    until_date: Mapped[dt.date | None]
    case: Mapped[Case] = relationship(back_populates="coach_assignments")
    coach: Mapped[Professional] = relationship()


class Reopening(SyncRow, Base):
    """A wrongly closed case opened again; kept, with the closure it undid, and counted apart."""

    __tablename__ = "reopening"
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pad_case.id"), index=True)
    reopened_on: Mapped[dt.date]
    reason: Mapped[str | None] = mapped_column(Text)
    undone_closed_on: Mapped[dt.date]
    undone_reason: Mapped[ClosureReason] = mapped_column(enum_type(ClosureReason))
    undone_reason_text: Mapped[str | None] = mapped_column(Text)
