"""Who is involved: partner organisations, professionals, users, youths, guardians, households."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zvkd_desktop.domain.vocabulary import OrganisationKind, ProfessionalRole, UserRole
from zvkd_desktop.store.models.base import Base, SyncRow, enum_type


class Organisation(SyncRow, Base):
    """A partner organisation: registrant, attendee's employer, or a plan action's owner."""

    __tablename__ = "organisation"
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[OrganisationKind] = mapped_column(enum_type(OrganisationKind))


class Professional(SyncRow, Base):
    """A coach, process director or other partner professional (not necessarily a user)."""

    __tablename__ = "professional"
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[ProfessionalRole] = mapped_column(enum_type(ProfessionalRole))
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"))
    active: Mapped[bool] = mapped_column(default=True)
    organisation: Mapped[Organisation | None] = relationship()


class User(SyncRow, Base):
    """Someone who can unlock the store; each has their own key slot (see store.keys)."""

    __tablename__ = "app_user"
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[UserRole] = mapped_column(enum_type(UserRole))
    professional_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("professional.id"))
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisation.id"))
    slot_id: Mapped[str | None] = mapped_column(String(64))
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    disabled_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    professional: Mapped[Professional | None] = relationship()


class Household(SyncRow, Base):
    """Siblings registered in the PAD share a household; the family is involved from day one."""

    __tablename__ = "household"
    note: Mapped[str | None] = mapped_column(Text)
    youths: Mapped[list[Youth]] = relationship(back_populates="household")


class Youth(SyncRow, Base):
    """The young person. Personal fields are erased after closure; statistics fields stay."""

    __tablename__ = "youth"
    first_name: Mapped[str | None] = mapped_column(String(80))
    last_name: Mapped[str | None] = mapped_column(String(120))
    date_of_birth: Mapped[dt.date | None]
    birth_year: Mapped[int]
    gender: Mapped[str | None] = mapped_column(String(16))
    street: Mapped[str | None] = mapped_column(String(120))
    house_number: Mapped[str | None] = mapped_column(String(16))
    postcode: Mapped[str | None] = mapped_column(String(8))
    city: Mapped[str | None] = mapped_column(String(80))
    phone: Mapped[str | None] = mapped_column(String(32))
    neighbourhood: Mapped[str] = mapped_column(String(32), default="unknown")
    household_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("household.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    pseudonym: Mapped[bytes | None] = mapped_column(LargeBinary(32), index=True)
    erased_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    household: Mapped[Household | None] = relationship(back_populates="youths")
    guardians: Mapped[list[Guardian]] = relationship(back_populates="youth")

    @property
    def display_name(self) -> str:
        if self.erased_at is not None:
            return "(gewist)"
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class Guardian(SyncRow, Base):
    """A parent or carer of a youth."""

    __tablename__ = "guardian"
    youth_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("youth.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(160))
    relation: Mapped[str | None] = mapped_column(String(60))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(160))
    address: Mapped[str | None] = mapped_column(String(240))
    note: Mapped[str | None] = mapped_column(Text)
    youth: Mapped[Youth] = relationship(back_populates="guardians")
