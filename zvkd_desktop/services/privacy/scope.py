"""What belongs to a youth, and which of it is personal: the one map erasure, its preview and the
subject-access export share.

Every table that holds data about a youth is listed with the path from its rows to the youth
(``owned``) and with its columns split in two: ``erased`` (names, contact details, free texts)
and ``kept`` (dates, categories, reasons, registrants, neighbourhood, birth year, links and
counts: everything the yearly summary and the re-registration check need). A test checks that
every column of these tables is in exactly one of the two, so a column added later must be
classified before the tests pass again — it cannot slip past the erasure unnoticed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute

from zvkd_desktop.domain import vocabulary
from zvkd_desktop.store.models import (
    ActionItem,
    AgendaItem,
    Case,
    CategoryPeriod,
    CoachAssignment,
    CoachContact,
    Guardian,
    MeetingDecision,
    PlanAction,
    PlanGoal,
    PlanVersion,
    PoliceContact,
    Registration,
    Reopening,
    Review,
    ReviewProgress,
    SyncRow,
    Youth,
)

__all__ = [
    "GROUPS",
    "PARTS",
    "SYNC_COLUMNS",
    "Group",
    "Part",
    "clean_payload",
    "owned",
    "subject_of",
]

SYNC_COLUMNS = frozenset({"id", "created_at", "updated_at", "revision", "device_id", "deleted_at"})


@dataclass(frozen=True)
class Part:
    """One table of a youth's file: which columns go at erasure and which stay."""

    model: type[SyncRow]
    erased: tuple[str, ...]
    kept: tuple[str, ...]


PARTS: tuple[Part, ...] = (
    Part(Youth,
         ("first_name", "last_name", "date_of_birth", "gender", "street", "house_number",
          "postcode", "city", "phone", "notes"),
         ("birth_year", "neighbourhood", "household_id", "pseudonym", "erased_at")),
    Part(Guardian,
         ("name", "relation", "phone", "email", "address", "note"),
         ("youth_id",)),
    Part(Registration,
         ("registrant_contact", "police_or_concerns_note", "multiple_domains_note",
          "cross_chain_note", "age_note", "decision_reason", "follow_up"),
         ("youth_id", "registered_on", "registrant_id", "age_at_registration", "police_contacts",
          "serious_concerns", "multiple_domains", "cross_chain", "is_reregistration",
          "previous_case_id", "decision", "decided_on")),
    Part(Case,
         ("reoffence_advice", "closure_reason_text", "handover_note", "relocation_municipality"),
         ("youth_id", "registration_id", "admitted_on", "category", "coach_id",
          "process_director_id", "street_strength", "review_cadence_weeks", "next_review_on",
          "closed_on", "closure_reason", "relocation_informed_on", "transferred")),
    Part(CategoryPeriod, ("note",), ("case_id", "category", "from_date")),
    Part(CoachAssignment, (), ("case_id", "coach_id", "from_date", "until_date")),
    Part(Reopening,
         ("reason", "undone_reason_text"),
         ("case_id", "reopened_on", "undone_closed_on", "undone_reason")),
    Part(PoliceContact, ("note",), ("youth_id", "case_id", "contact_on", "kind", "negative")),
    Part(CoachContact, ("note",), ("case_id", "coach_id", "contact_on", "kind")),
    Part(Review, ("decisions",), ("case_id", "meeting_id", "reviewed_on", "next_review_on")),
    Part(ReviewProgress, ("progress",), ("review_id", "life_domain")),
    Part(PlanVersion, ("summary",), ("case_id", "number", "author_id", "author_name", "saved_at")),
    Part(PlanGoal, ("description",), ("version_id", "position", "life_domain", "status")),
    Part(PlanAction,
         ("description", "responsible_partner"),
         ("goal_id", "position", "due_on", "status")),
    Part(AgendaItem,
         ("text",),
         ("meeting_id", "position", "section", "case_id", "registration_id", "added_by_hand",
          "removed")),
    # the payload's free texts go too (clean_payload); its codes, dates and ids stay
    Part(MeetingDecision, ("refusal",), ("item_id", "kind", "applied", "payload")),
    Part(ActionItem, ("description", "owner"), ("item_id", "due_on", "done")),
)  # fmt: skip
"""Youth first: the order erasure works in and the preview and the export list."""

PART_OF: dict[type[SyncRow], Part] = {part.model: part for part in PARTS}


@dataclass(frozen=True)
class Group:
    """A line of the erasure preview: what goes, in the coordinator's words."""

    key: str
    label: str
    columns: tuple[tuple[type[SyncRow], tuple[str, ...]], ...]


GROUPS: tuple[Group, ...] = (
    Group("name", "Naam", ((Youth, ("first_name", "last_name")),)),
    Group("date_of_birth", "Geboortedatum (het geboortejaar blijft)",
          ((Youth, ("date_of_birth",)),)),
    Group("address", "Adres", ((Youth, ("street", "house_number", "postcode", "city")),)),
    Group("phone", "Telefoonnummer", ((Youth, ("phone",)),)),
    Group("gender", "Geslacht", ((Youth, ("gender",)),)),
    Group("notes", "Notities bij de jongere", ((Youth, ("notes",)),)),
    Group("guardians", "Ouders en verzorgers (alle gegevens)", ((Guardian, PART_OF[Guardian].erased),)),
    Group("registration_notes", "Toelichtingen en contactpersoon bij aanmeldingen",
          ((Registration, PART_OF[Registration].erased),)),
    Group("case_texts", "Teksten bij de casus (advies, afsluiting, overdracht, categorie, heropening)",
          ((Case, PART_OF[Case].erased), (CategoryPeriod, ("note",)),
           (Reopening, ("reason", "undone_reason_text")))),
    Group("plan_texts", "Teksten van het plan van aanpak",
          ((PlanVersion, ("summary",)), (PlanGoal, ("description",)),
           (PlanAction, ("description", "responsible_partner")))),
    Group("police_notes", "Notities bij politiecontacten", ((PoliceContact, ("note",)),)),
    Group("coach_notes", "Notities bij contactmomenten met de coach", ((CoachContact, ("note",)),)),
    Group("review_texts", "Besluiten en voortgang van besprekingen",
          ((Review, ("decisions",)), (ReviewProgress, ("progress",)))),
    Group("meeting_texts", "Teksten in het kernteamoverleg (agendapunten, besluiten, acties)",
          ((AgendaItem, ("text",)), (MeetingDecision, ("refusal",)),
           (ActionItem, ("description", "owner")))),
)  # fmt: skip
"""The audit values and the household link are counted apart (see retention.preview)."""


def _youth_of(model: type[SyncRow]) -> tuple[ColumnElement[Any], list[tuple[Any, Any]]]:
    """The youth id expression of ``model``'s rows and the joins that reach it."""
    if model is Youth:
        return Youth.id, []
    if model in (Guardian, Registration, Case, PoliceContact):
        return model.youth_id, []  # type: ignore[attr-defined]
    if model in (CategoryPeriod, CoachAssignment, Reopening, CoachContact, Review, PlanVersion):
        return Case.youth_id, [(Case, Case.id == model.case_id)]  # type: ignore[attr-defined]
    if model is ReviewProgress:
        return Case.youth_id, [
            (Review, Review.id == ReviewProgress.review_id),
            (Case, Case.id == Review.case_id),
        ]
    if model in (PlanGoal, PlanAction):
        joins: list[tuple[Any, Any]] = [
            (PlanVersion, PlanVersion.id == PlanGoal.version_id),
            (Case, Case.id == PlanVersion.case_id),
        ]
        if model is PlanAction:
            joins.insert(0, (PlanGoal, PlanGoal.id == PlanAction.goal_id))
        return Case.youth_id, joins
    if model in (AgendaItem, MeetingDecision, ActionItem):
        joins = [] if model is AgendaItem else [(AgendaItem, AgendaItem.id == model.item_id)]  # type: ignore[attr-defined]
        joins += [
            (Case, Case.id == AgendaItem.case_id),
            (Registration, Registration.id == AgendaItem.registration_id),
        ]
        return func.coalesce(Case.youth_id, Registration.youth_id), joins
    raise TypeError(f"{model.__name__} does not belong to a youth")


def subject_of(model: type[SyncRow]) -> ColumnElement[Any]:
    """The youth id expression of ``model``'s rows (to group :func:`owned` by)."""
    return _youth_of(model)[0]


def owned(model: type[SyncRow], youth_ids: Sequence[uuid.UUID], *columns: Any) -> Select[Any]:
    """``(subject_id, *columns)`` of every row of ``model`` — tombstoned ones included, because
    they are still held — that belongs to one of ``youth_ids`` (keep them to a few hundred)."""
    youth, joins = _youth_of(model)
    query = select(youth.label("subject_id"), *columns).select_from(model)
    for target, on in joins:
        if target in (Case, Registration) and youth is not Case.youth_id:
            query = query.outerjoin(target, on)  # an agenda item is about a case or a registration
        else:
            query = query.join(target, on)
    return query.where(youth.in_(list(youth_ids)))


def column(model: type[SyncRow], name: str) -> InstrumentedAttribute[Any]:
    return getattr(model, name)  # type: ignore[no-any-return]


# -- the free texts inside a meeting decision's payload --------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CODES = frozenset(
    member.value
    for enum_cls in vars(vocabulary).values()
    if isinstance(enum_cls, type) and issubclass(enum_cls, vocabulary.Labelled)
    for member in enum_cls
)
_STAFF_KEYS = frozenset({"coach_name"})
"""Payload texts that name staff, not the youth: they stay like the coach history does."""


def _kept_text(key: str, value: str) -> bool:
    return (
        key in _STAFF_KEYS
        or value in _CODES
        or _ISO_DATE.fullmatch(value) is not None
        or _UUID.fullmatch(value) is not None
    )


def clean_payload(payload: dict[str, Any] | None) -> dict[str, Any] | None:
    """The payload with every free text nulled; codes, dates, ids, numbers and flags stay.

    A rule rather than a list of keys, so a payload key the meetings add later is erased by
    default instead of kept by accident.
    """
    if payload is None:
        return None
    return {
        key: (None if isinstance(value, str) and not _kept_text(key, value) else value)
        if not isinstance(value, (dict, list))
        else None
        for key, value in payload.items()
    }


def payload_texts(payload: dict[str, Any] | None) -> int:
    """How many values :func:`clean_payload` would null."""
    if not payload:
        return 0
    cleaned = clean_payload(payload) or {}
    return sum(1 for key, value in payload.items() if value is not None and cleaned[key] is None)
