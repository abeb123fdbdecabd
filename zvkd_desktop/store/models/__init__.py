"""The ORM models of the whole PAD domain. Import from here."""

from zvkd_desktop.store.models.admin import AuditEntry, AuditSeal, Setting
from zvkd_desktop.store.models.base import Base, SyncRow, utcnow
from zvkd_desktop.store.models.casework import (
    Case,
    CategoryPeriod,
    CoachAssignment,
    Registration,
    Reopening,
)
from zvkd_desktop.store.models.contacts import CoachContact, PoliceContact, Review, ReviewProgress
from zvkd_desktop.store.models.meeting import (
    ActionItem,
    AgendaItem,
    Meeting,
    MeetingAttendee,
    MeetingDecision,
)
from zvkd_desktop.store.models.people import (
    Guardian,
    Household,
    Organisation,
    Professional,
    User,
    Youth,
)
from zvkd_desktop.store.models.plan import PlanAction, PlanGoal, PlanVersion

__all__ = [
    "ActionItem",
    "AgendaItem",
    "AuditEntry",
    "AuditSeal",
    "Base",
    "Case",
    "CategoryPeriod",
    "CoachAssignment",
    "CoachContact",
    "Guardian",
    "Household",
    "Meeting",
    "MeetingAttendee",
    "MeetingDecision",
    "Organisation",
    "PlanAction",
    "PlanGoal",
    "PlanVersion",
    "PoliceContact",
    "Professional",
    "Registration",
    "Reopening",
    "Review",
    "ReviewProgress",
    "Setting",
    "SyncRow",
    "User",
    "Youth",
    "utcnow",
]
