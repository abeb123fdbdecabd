"""The audit log as the coordinator and the privacy officer read it: filter, export, verify.

``services.audit`` writes the log; this module only reads it, for the coordinator alone (the log
tells who looked at which file, which is itself sensitive). Rows carry what accountability needs
and no more: who, when, which action, which kind of record and its number, and the *names* of the
fields that changed — never the old and new values, which stay inside the encrypted store (and go
with the record at erasure). So an export for the privacy officer holds no personal data about a
youth, only about the staff who acted; it is still recorded in the log itself (action ``export``,
kind ``audit_log``), like every other export.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import KnownError, PermissionDeniedError, ValidationError
from zvkd_desktop.services.audit import record, verify_chain
from zvkd_desktop.services.case_history import FIELD_LABELS, TABLE_LABELS
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.models import AuditEntry, User
from zvkd_desktop.store.models.base import utcnow

__all__ = [
    "ACTION_LABELS",
    "EXPORT_ACTION",
    "AuditFilter",
    "AuditRow",
    "ChainCheck",
    "FilterOptions",
    "action_label",
    "audit_entries",
    "export_audit",
    "filter_options",
    "resolve_reference",
    "subject_label",
    "verify",
]

DEFAULT_LIMIT = 5000
"""Rows the screen shows at most; narrow the filter for older entries (the export has no cap)."""
EXPORT_ACTION = "export"
"""As services.access_log records every export; ``kind`` says it was this log."""
EXPORT_KIND = "audit_log"
ExportFormat = Literal["csv", "json"]

ACTION_LABELS: dict[str, str] = {
    "create": "Toegevoegd",
    "update": "Gewijzigd",
    "delete": "Verwijderd",
    "restore": "Teruggezet",
    "close": "Afgesloten",
    "reopen": "Heropend",
    "decide": "Besluit genomen",
    "undo_decision": "Besluit ongedaan gemaakt",
    "deactivate": "Op non-actief gezet",
    "reactivate": "Weer actief gemaakt",
    "apply": "Besluit kernteam verwerkt",
    "refuse": "Besluit kernteam geweigerd",
    "propose_agenda": "Agenda voorgesteld",
    "view": "Dossier bekeken",
    "print": "Afgedrukt",
    "report": "Jaaroverzicht gemaakt",
    "export": "Geëxporteerd",
    "import": "Uitwisselbestand ingelezen",
    "inzage": "Inzage gegeven",
    "erase": "Persoonsgegevens gewist",
    "reseal": "Logboek opnieuw verzegeld",
    "backup": "Reservekopie gemaakt",
    "disable": "Gebruiker uitgeschakeld",
    "enable": "Gebruiker weer ingeschakeld",
    "reset_password": "Wachtwoord opnieuw ingesteld",
    "rotate_key": "Gegevenssleutel vernieuwd",
    "new_recovery_key": "Nieuwe herstelsleutel gemaakt",
}
"""Dutch source text per action (the UI translates); an unknown action shows its code."""

_MORE_FIELDS: dict[str, str] = {
    "username": "Gebruikersnaam",
    "display_name": "Naam",
    "role": "Rol",
    "professional_id": "Professional",
    "organisation_id": "Organisatie",
    "slot_id": "Sleutel",
    "public_key": "Publieke sleutel",
    "disabled_at": "Uitgeschakeld op",
    "key": "Instelling",
    "value": "Waarde",
    "active": "Actief",
    "kind": "Soort",
}
"""Fields of users, settings and partners; the case fields come from services.case_history."""

_MORE_TABLES: dict[str, str] = {
    "app_user": "Gebruiker",
    "setting": "Instelling",
    "professional": "Professional",
    "organisation": "Organisatie",
    "meeting": "Kernteamoverleg",
    "meeting_attendee": "Aanwezige kernteam",
    "action_item": "Actiepunt",
}


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: dt.datetime
    """When, in UTC (timezone-aware); the screen shows local time."""
    user_id: uuid.UUID | None
    user_name: str
    action: str
    action_label: str
    """Dutch source text."""
    table: str | None
    subject_label: str
    """Dutch source text: the kind of record ("Casus", "Jongere"), "" for none."""
    record_id: uuid.UUID | None
    case_id: uuid.UUID | None
    fields: tuple[str, ...]
    """The names of the fields that changed (no values)."""
    field_labels: tuple[str, ...]
    """The same, as Dutch source text."""
    detail: str
    """For an entry that is not a record change: what it was about ("audit_log, csv", "2023"),
    from the entry's non-personal details; "" otherwise."""


@dataclass(frozen=True)
class AuditFilter:
    """What the coordinator narrowed the log to; None means "any"."""

    since: dt.date | None = None
    until: dt.date | None = None
    """Both inclusive, as local calendar days."""
    user_id: uuid.UUID | None = None
    action: str | None = None
    case_id: uuid.UUID | None = None
    """Entries about the case: its own rows and every row recorded under it."""
    record_id: uuid.UUID | None = None


@dataclass(frozen=True)
class FilterOptions:
    users: tuple[tuple[uuid.UUID, str], ...]
    """Every user who ever acted or exists: (id, display name), by name."""
    actions: tuple[tuple[str, str], ...]
    """Every action in the log: (code, Dutch label), by label."""


@dataclass(frozen=True)
class ChainCheck:
    entries: int
    broken_seq: int | None
    """The first entry whose hash or link is wrong; None when the chain is intact."""

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


def _require_coordinator(ctx: ServiceContext) -> None:
    if ctx.user.role is not UserRole.COORDINATOR:
        raise PermissionDeniedError(
            "Alleen de coördinator kan het logboek inzien. Vraag de coördinator om dit te doen.",
            code="coordinator_only",
        )


def action_label(action: str, table: str | None = None) -> str:
    if action == "restore" and table is None:
        return "Reservekopie teruggezet"  # a restored backup, not a restored record
    return ACTION_LABELS.get(action, action)


def subject_label(table: str | None) -> str:
    if not table:
        return ""
    return TABLE_LABELS.get(table) or _MORE_TABLES.get(table, table)


def _local_midnight_utc(day: dt.date) -> dt.datetime:
    """The start of a local calendar day as the naive UTC the log stores."""
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.UTC).replace(tzinfo=None)


def _query(flt: AuditFilter) -> Any:
    query = select(AuditEntry, User.display_name).outerjoin(User, User.id == AuditEntry.user_id)
    if flt.since is not None:
        query = query.where(AuditEntry.at >= _local_midnight_utc(flt.since))
    if flt.until is not None:
        query = query.where(AuditEntry.at < _local_midnight_utc(flt.until + dt.timedelta(days=1)))
    if flt.user_id is not None:
        query = query.where(AuditEntry.user_id == flt.user_id)
    if flt.action is not None:
        query = query.where(AuditEntry.action == flt.action)
    if flt.case_id is not None:
        query = query.where(
            or_(AuditEntry.case_id == flt.case_id, AuditEntry.record_id == flt.case_id)
        )
    if flt.record_id is not None:
        query = query.where(AuditEntry.record_id == flt.record_id)
    return query.order_by(AuditEntry.seq.desc())


_RECORD_CHANGES = frozenset({"create", "update", "delete", "restore", "close", "reopen", "decide",
                             "undo_decision", "deactivate", "reactivate", "apply", "refuse",
                             "disable", "enable", "reset_password"})  # fmt: skip
"""Actions whose ``changes`` are field → [old, new] of a record."""
_DETAIL_KEYS = ("kind", "reason", "year", "formats", "scope", "cases", "entries")
"""The details worth showing of the other actions: codes and numbers, never personal data."""


_DETAIL_WORDS = {("cases", "all"): "alle casussen", ("cases", "own"): "eigen casussen",
                 ("scope", "all"): "alles", ("reason", "disable_user"): "gebruiker uitgeschakeld",
                 ("reason", "coordinator"): "door de coördinator",
                 ("kind", EXPORT_KIND): "logboek", ("kind", "yearly"): "jaaroverzicht",
                 ("kind", "yearly_pdf"): "jaaroverzicht", ("kind", "yearly_xlsx"): "jaaroverzicht",
                 ("kind", "exchange"): "uitwisselbestand",
                 ("kind", "meeting_agenda"): "agenda kernteam"}  # fmt: skip
"""Dutch words for the codes that occur often; any other code is shown as it is."""


def _detail(changes: dict[str, Any]) -> str:
    parts: list[str] = []
    for key in _DETAIL_KEYS:
        value = changes.get(key)
        value = _DETAIL_WORDS.get((key, value), value) if isinstance(value, str) else value
        if isinstance(value, list):
            value = ", ".join("gegevens" if v == "data" else str(v) for v in value)
        if value not in (None, ""):
            parts.append(str(value))
    return ", ".join(parts)


def _row(entry: AuditEntry, user_name: str | None) -> AuditRow:
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    is_change = entry.action in _RECORD_CHANGES and entry.table_name is not None
    fields = tuple(changes) if is_change else ()
    return AuditRow(
        seq=entry.seq,
        at=entry.at.replace(tzinfo=dt.UTC),
        user_id=entry.user_id,
        user_name=user_name or "(onbekend)",
        action=entry.action,
        action_label=action_label(entry.action, entry.table_name),
        table=entry.table_name,
        subject_label=subject_label(entry.table_name),
        record_id=entry.record_id,
        case_id=entry.case_id,
        fields=fields,
        field_labels=tuple(
            FIELD_LABELS.get(name) or _MORE_FIELDS.get(name, name) for name in fields
        ),
        detail="" if is_change else _detail(changes),
    )


def _entries(session: Session, flt: AuditFilter, limit: int | None) -> list[AuditRow]:
    query = _query(flt)
    if limit is not None:
        query = query.limit(limit)
    return [_row(entry, name) for entry, name in session.execute(query)]


def audit_entries(
    ctx: ServiceContext,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    user_id: uuid.UUID | None = None,
    action: str | None = None,
    case_id: uuid.UUID | None = None,
    record_id: uuid.UUID | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> list[AuditRow]:
    """The entries that match every given filter, newest first (coordinator only)."""
    _require_coordinator(ctx)
    if since is not None and until is not None and until < since:
        raise ValidationError(
            "De einddatum ligt voor de begindatum. Kies een einddatum op of na de begindatum.",
            code="period_reversed",
        )
    flt = AuditFilter(since, until, user_id, action, case_id, record_id)
    with ctx.store.read() as session:
        return _entries(session, flt, limit)


def filter_options(ctx: ServiceContext) -> FilterOptions:
    """The choices of the filter lists: users and the actions that occur in the log."""
    _require_coordinator(ctx)
    with ctx.store.read() as session:
        users = session.execute(
            select(User.id, User.display_name).order_by(func.lower(User.display_name))
        ).all()
        actions = session.scalars(select(AuditEntry.action).distinct()).all()
    labelled = sorted(((a, action_label(a)) for a in actions), key=lambda p: p[1].casefold())
    return FilterOptions(tuple((i, n) for i, n in users), tuple(labelled))


def resolve_reference(ctx: ServiceContext, text: str) -> uuid.UUID:
    """A case or record number from the log: the full number or its first 8+ characters."""
    _require_coordinator(ctx)
    wanted = text.strip().lower()
    try:
        return uuid.UUID(wanted)
    except ValueError:
        pass
    prefix = wanted.replace("-", "")
    if len(prefix) < 8 or any(c not in "0123456789abcdef" for c in prefix):
        raise ValidationError(
            "Vul het nummer van een casus of record in: het hele nummer of ten minste de eerste "
            "8 tekens (0-9, a-f).",
            code="invalid_reference",
        )
    with ctx.store.read() as session:
        found: set[uuid.UUID] = set()
        for column in (AuditEntry.case_id, AuditEntry.record_id):
            # SQLAlchemy stores UUIDs on SQLite as 32 hex characters without dashes
            found.update(
                session.scalars(
                    select(column).where(cast(column, String).like(prefix + "%")).distinct()
                )
            )
    found.discard(None)  # type: ignore[arg-type]
    if len(found) != 1:
        raise ValidationError(
            f"Het logboek kent geen nummer dat begint met '{text.strip()}'."
            if not found
            else f"Meer dan één nummer begint met '{text.strip()}'. Typ meer tekens.",
            code="reference_not_found" if not found else "reference_ambiguous",
        )
    return found.pop()


def verify(ctx: ServiceContext) -> ChainCheck:
    """Recompute the hash chain: intact, or the first entry that was changed or removed."""
    _require_coordinator(ctx)
    with ctx.store.read() as session:
        count = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
        return ChainCheck(count, verify_chain(session))


# -- export --------------------------------------------------------------------------------------

CSV_HEADER = ("volgnummer", "tijdstip", "gebruiker", "actie", "actiecode", "onderdeel", "tabel",
              "record", "casus", "velden", "veldnamen", "toelichting")  # fmt: skip


def _safe_cell(text: str) -> str:
    """A spreadsheet must not read a cell as a formula (a display name such as '=HYPERLINK(...)')."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _record(row: AuditRow) -> dict[str, Any]:
    return {
        "volgnummer": row.seq,
        "tijdstip": row.at.astimezone().isoformat(),
        "gebruiker": row.user_name,
        "actie": row.action_label,
        "actiecode": row.action,
        "onderdeel": row.subject_label,
        "tabel": row.table or "",
        "record": str(row.record_id) if row.record_id else "",
        "casus": str(row.case_id) if row.case_id else "",
        "velden": list(row.field_labels),
        "veldnamen": list(row.fields),
        "toelichting": row.detail,
    }


def _write(path: Path, fmt: ExportFormat, rows: list[AuditRow], meta: dict[str, Any]) -> None:
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(CSV_HEADER)
            for row in rows:
                data = _record(row)
                data["velden"] = ", ".join(data["velden"])
                data["veldnamen"] = ", ".join(data["veldnamen"])
                writer.writerow(_safe_cell(str(data[key])) for key in CSV_HEADER)
    else:
        document = {**meta, "regels": [_record(row) for row in rows]}
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass  # not every file system keeps POSIX modes


def export_audit(
    ctx: ServiceContext, path: Path, *, fmt: ExportFormat, filters: AuditFilter
) -> int:
    """Write the matching entries (all of them, no screen cap) to ``path``; returns how many.

    The export is recorded in the log in the same transaction; a file that cannot be written
    rolls the record back, so the log never claims an export that did not happen.
    """
    _require_coordinator(ctx)
    if fmt not in ("csv", "json"):
        raise ValidationError("Kies CSV of JSON.", code="unknown_format")
    path = Path(path)
    with ctx.store.transaction() as session:
        rows = _entries(session, filters, None)
        made = utcnow().replace(microsecond=0, tzinfo=dt.UTC)
        filter_text = {k: str(v) for k, v in asdict(filters).items() if v is not None}
        record(session, ctx.user, EXPORT_ACTION,
               changes={"kind": EXPORT_KIND, "formats": [fmt], "entries": len(rows),
                        "filters": filter_text})  # fmt: skip
        meta = {
            "soort": "ZVKD-logboek",
            "gemaakt_op": made.astimezone().isoformat(),
            "gemaakt_door": ctx.user.display_name,
            "filters": filter_text,
            "aantal": len(rows),
            "toelichting": "Alleen veldnamen; oude en nieuwe waarden blijven in het versleutelde "
            "bestand.",
        }
        try:
            _write(path, fmt, rows, meta)
        except OSError as error:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)  # no half-written file left behind
            raise KnownError(
                f"Het logboek kon niet worden geschreven naar {path} "
                f"({error.strerror or error}). Kies een andere map.",
                code="export_failed",
            ) from error
    return len(rows)
