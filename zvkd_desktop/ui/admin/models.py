"""The table columns of the Beheer tabs: the audit log and the users.

Both tables are the shared read-only row model (``RowTableModel``) behind a sorting proxy, as in
Aanmeldingen and Coaches; here is only what each column shows and how it sorts.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.services.audit_log import AuditRow
from zvkd_desktop.ui.registrations.table import ColumnSpec

__all__ = ["audit_columns", "describe", "local_time", "short_id", "subject", "user_columns"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdminTables", text)


def _vocab(text: str) -> str:
    return QCoreApplication.translate("vocabulary", text) if text else ""


def _label(text: str) -> str:
    """A Dutch label from the audit log service, through the translation table."""
    return QCoreApplication.translate("AuditLog", text) if text else ""


def short_id(value: uuid.UUID | None) -> str:
    """The first 8 characters: enough to tell records apart and to filter on."""
    return str(value)[:8] if value else ""


def local_time(row: AuditRow, *, seconds: bool = False) -> str:
    moment = row.at.astimezone()
    return (
        f"{format_nl(moment.date())} {moment:%H:%M:%S}"
        if seconds
        else (f"{format_nl(moment.date())} {moment:%H:%M}")
    )


def subject(row: AuditRow) -> str:
    """The kind of record and its short number: "Casus cd5fa93f"."""
    return " ".join(p for p in (_label(row.subject_label), short_id(row.record_id)) if p)


def describe(row: AuditRow) -> str:
    """One line about one entry, with the full numbers (under the table, selectable)."""
    parts = [
        _tr("Regel {seq}").format(seq=row.seq),
        local_time(row, seconds=True),
        row.user_name,
        _label(row.action_label),
    ]
    if row.table:
        parts.append(f"{_label(row.subject_label)} {row.record_id or ''}".strip())
    if row.case_id and row.case_id != row.record_id:
        parts.append(_tr("casus {id}").format(id=row.case_id))
    if row.field_labels:
        parts.append(_tr("velden: {fields}").format(fields=_fields(row)))
    elif row.detail:
        parts.append(row.detail)
    return " · ".join(parts)


def _fields(row: AuditRow) -> str:
    return ", ".join(_label(label) for label in row.field_labels) or row.detail


def _numbers(row: AuditRow) -> str:
    lines = [str(row.record_id)] if row.record_id else []
    if row.case_id and row.case_id != row.record_id:
        lines.append(_tr("Casus {id}").format(id=row.case_id))
    return "\n".join(lines)


def audit_columns() -> list[ColumnSpec[AuditRow]]:
    return [
        ColumnSpec(_tr("Nr."), lambda r: str(r.seq), sort_key=lambda r: r.seq, right=True,
                   sample="000000", header_tip=_tr("Volgnummer in het logboek")),
        ColumnSpec(_tr("Tijdstip"), local_time, sort_key=lambda r: r.seq,
                   sample="00-00-0000 00:00", tooltip=lambda r: local_time(r, seconds=True)),
        ColumnSpec(_tr("Gebruiker"), lambda r: r.user_name, sample="Dennis van der Laan"),
        ColumnSpec(_tr("Handeling"), lambda r: _label(r.action_label),
                   sample="Gegevenssleutel vernieuwd"),
        ColumnSpec(_tr("Gegeven"), subject, sample="Politiecontact 00000000", tooltip=_numbers,
                   header_tip=_tr("Soort gegeven en het nummer ervan (eerste 8 tekens); de regel "
                                  "onder de tabel toont ook de casus")),
        ColumnSpec(_tr("Details"), _fields, stretch=True, tooltip=_fields,
                   header_tip=_tr("Welke velden zijn gewijzigd; de waarden staan niet in het "
                                  "logboekoverzicht")),
    ]  # fmt: skip


def user_columns() -> list[ColumnSpec[Any]]:
    """Columns of a users.UserRow (read by attribute, so the tab does not import the service)."""
    return [
        ColumnSpec(_tr("Naam"), lambda u: u.display_name, sample="Wijkagent Delft-West xx"),
        ColumnSpec(_tr("Gebruikersnaam"), lambda u: u.username, sample="wijkagent.west"),
        ColumnSpec(_tr("Rol"), lambda u: _vocab(u.role.label), sample="Partner (alleen lezen)"),
        ColumnSpec(_tr("Gekoppeld aan"), _linked, sample="Jeugdreclassering (WSG)", stretch=True,
                   tooltip=_linked,
                   header_tip=_tr("De coach of procesregisseur, of de organisatie van een partner")),
        ColumnSpec(_tr("Status"), _status, sample="Uitgeschakeld sinds 00-00-0000",
                   sort_key=lambda u: (getattr(u, "disabled_at", None) is not None,
                                       u.display_name.casefold())),
    ]  # fmt: skip


def _linked(user: Any) -> str:
    for attribute in ("professional_name", "organisation_name"):
        value = getattr(user, attribute, None)
        if value:
            return str(value)
    return ""


def _status(user: Any) -> str:
    disabled = getattr(user, "disabled_at", None)
    if disabled is None:
        return _tr("Actief")
    return _tr("Uitgeschakeld sinds {day}").format(day=format_nl(disabled.date()))
