"""The exchange format's shape, derived once from the ORM models.

One description of every collection (which table, which fields, how nested, how ordered) drives
the exporter, the importer's checks, the JSON Schema and the documentation, so the four cannot
drift apart. Field kinds come from the column types; what is left out is listed here explicitly:
references to user accounts (users are not exchanged) and, in nested collections, the link to the
parent, which the nesting itself expresses.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Time,
    Uuid,
)
from sqlalchemy import Enum as SqlEnum

from zvkd_desktop.store import models as m
from zvkd_desktop.store.models.base import SyncRow

FORMAT = "zvkd-exchange"
VERSION = 1
SYNC_FIELDS = ("created_at", "updated_at", "revision", "device_id", "deleted_at")
USER_REFERENCES = {("plan_version", "author_id"), ("meeting_attendee", "user_id")}
EXTRA_REFERENCES = {("registration", "previous_case_id"): "pad_case"}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # uuid | date | datetime | time | string | int | bool | enum | json | hex
    nullable: bool
    max_length: int | None = None
    enum: type[enum.Enum] | None = None
    ref: str | None = None  # the table this field refers to

    @property
    def choices(self) -> list[str]:
        return [str(member.value) for member in self.enum] if self.enum else []


@dataclass(frozen=True)
class Collection:
    key: str  # the JSON key ("goals" inside a plan version)
    path: str  # unique dotted name ("plan_versions.goals")
    model: type[SyncRow]
    fields: tuple[Field, ...]
    order: tuple[str, ...]  # sort keys; "id" always breaks ties
    parent_field: str | None = None  # the column linking a nested row to its parent
    children: tuple[Collection, ...] = ()

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)  # type: ignore[attr-defined]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _kind(column: Column[object]) -> tuple[str, int | None, type[enum.Enum] | None]:
    column_type = column.type
    if isinstance(column_type, SqlEnum):
        return "enum", None, column_type.enum_class
    if isinstance(column_type, Uuid):
        return "uuid", None, None
    if isinstance(column_type, DateTime):
        return "datetime", None, None
    if isinstance(column_type, Date):
        return "date", None, None
    if isinstance(column_type, Time):
        return "time", None, None
    if isinstance(column_type, Boolean):
        return "bool", None, None
    if isinstance(column_type, Integer):
        return "int", None, None
    if isinstance(column_type, LargeBinary):
        return "hex", column_type.length, None
    if isinstance(column_type, JSON):
        return "json", None, None
    if isinstance(column_type, String):
        return "string", column_type.length, None
    raise TypeError(f"exchange: no kind for column {column}")  # a new column type: decide here


def _fields(model: type[SyncRow], parent_field: str | None) -> tuple[Field, ...]:
    table = model.__table__  # type: ignore[attr-defined]
    skip = {parent_field, *SYNC_FIELDS, "id"}
    names = ["id"] + [c.name for c in table.columns if c.name not in skip] + list(SYNC_FIELDS)
    fields = []
    for name in names:
        if (table.name, name) in USER_REFERENCES:
            continue
        column = table.columns[name]
        kind, length, enum_cls = _kind(column)
        ref = EXTRA_REFERENCES.get((table.name, name))
        for fk in column.foreign_keys:
            ref = fk.column.table.name
        fields.append(Field(name, kind, bool(column.nullable), length, enum_cls, ref))
    return tuple(fields)


def _collection(
    key: str,
    model: type[SyncRow],
    order: tuple[str, ...],
    *,
    prefix: str = "",
    parent_field: str | None = None,
    children: tuple[tuple[str, type[SyncRow], tuple[str, ...], str], ...] = (),
    grandchildren: dict[str, tuple[tuple[str, type[SyncRow], tuple[str, ...], str], ...]]
    | None = None,
) -> Collection:
    path = f"{prefix}.{key}" if prefix else key
    nested = tuple(
        _collection(
            child_key,
            child_model,
            child_order,
            prefix=path,
            parent_field=child_parent,
            children=(grandchildren or {}).get(child_key, ()),
        )
        for child_key, child_model, child_order, child_parent in children
    )
    return Collection(key, path, model, _fields(model, parent_field), order, parent_field, nested)


@cache
def collections() -> tuple[Collection, ...]:
    """The top-level collections in file order."""
    return (
        _collection("organisations", m.Organisation, ("name",)),
        _collection("professionals", m.Professional, ("name",)),
        _collection("households", m.Household, ()),
        _collection("youths", m.Youth, ()),
        _collection("guardians", m.Guardian, ("youth_id",)),
        _collection("registrations", m.Registration, ("registered_on",)),
        _collection("cases", m.Case, ("admitted_on",)),
        _collection("category_periods", m.CategoryPeriod, ("case_id", "from_date")),
        _collection("coach_assignments", m.CoachAssignment, ("case_id", "from_date")),
        _collection("reopenings", m.Reopening, ("case_id", "reopened_on")),
        _collection(
            "plan_versions",
            m.PlanVersion,
            ("case_id", "number"),
            children=(("goals", m.PlanGoal, ("position",), "version_id"),),
            grandchildren={"goals": (("actions", m.PlanAction, ("position",), "goal_id"),)},
        ),
        _collection("police_contacts", m.PoliceContact, ("youth_id", "contact_on")),
        _collection("coach_contacts", m.CoachContact, ("case_id", "contact_on")),
        _collection(
            "reviews",
            m.Review,
            ("case_id", "reviewed_on"),
            children=(("progress", m.ReviewProgress, ("life_domain",), "review_id"),),
        ),
        _collection(
            "meetings",
            m.Meeting,
            ("held_on",),
            children=(
                ("attendees", m.MeetingAttendee, ("name",), "meeting_id"),
                ("agenda_items", m.AgendaItem, ("position",), "meeting_id"),
            ),
            grandchildren={
                "agenda_items": (
                    ("decisions", m.MeetingDecision, (), "item_id"),
                    ("action_items", m.ActionItem, (), "item_id"),
                )
            },
        ),
        _collection("settings", m.Setting, ("key",)),
    )


def all_collections() -> list[Collection]:
    """Every collection, each parent before its children, in file order."""
    out: list[Collection] = []

    def walk(collection: Collection) -> None:
        out.append(collection)
        for child in collection.children:
            walk(child)

    for top in collections():
        walk(top)
    return out


def insert_order() -> list[Collection]:
    """Every collection in an order that satisfies the foreign keys (the database checks them)."""
    rank = {table.name: index for index, table in enumerate(m.Base.metadata.sorted_tables)}
    return sorted(all_collections(), key=lambda c: rank[c.table])


def by_table() -> dict[str, Collection]:
    return {c.table: c for c in all_collections()}


TOP_LEVEL_KEYS = ("format", "version", "exported_on")
