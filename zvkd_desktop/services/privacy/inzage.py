"""Subject access (inzage, AVG art. 15): everything the store holds about one youth.

The export covers the youth, their guardians, their siblings (names only: the siblings' own data
is theirs), registrations, police contacts, cases with category and coach history, reopenings,
every plan version, coach contacts, reviews, the core-team meeting items about them, and the
audit entries about all of those records. Tombstoned rows are included and marked: they are
still held. The export is itself recorded in the audit log (action ``inzage``), inside the same
transaction that reads the data, so the export lists its own entry.

Files are written only to the folder the user chose; they leave the encrypted store, which is
why the command line warns and the files are made readable by their owner only.

Answering a subject-access request is the coordinator's task (the privacy officer's contact in
the chamber), so every function here requires that role: the export is the whole file of a youth,
whoever's caseload they are in.
"""

from __future__ import annotations

import json as jsonlib
import os
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import String, cast, select

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import KnownError, NotFoundError, ValidationError
from zvkd_desktop.services.access import require_role
from zvkd_desktop.services.audit import record
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.privacy.collect import FORMAT, collect
from zvkd_desktop.store.models import Youth

__all__ = ["FORMAT", "inzage_export", "resolve_youth_id", "write_inzage"]


def _export(ctx: ServiceContext, youth_id: uuid.UUID, formats: list[str]) -> dict[str, Any]:
    """Record the export and read the data in one transaction (the entry is in the export)."""
    require_role(ctx.user, UserRole.COORDINATOR)
    with ctx.store.transaction() as session:
        youth = session.get(Youth, youth_id)
        if youth is None:
            raise NotFoundError(
                "Deze jongere bestaat niet (meer). Controleer het nummer van de jongere.",
                code="not_found",
            )
        record(session, ctx.user, "inzage", table=Youth.__tablename__, record_id=youth.id,
               changes={"formats": formats})  # fmt: skip
        return collect(session, youth, ctx.today(), ctx.user.display_name)


def inzage_export(ctx: ServiceContext, youth_id: uuid.UUID) -> dict[str, Any]:
    """Everything the store holds about one youth, as JSON-ready data (recorded as an export)."""
    return _export(ctx, youth_id, ["data"])


def resolve_youth_id(ctx: ServiceContext, text: str) -> uuid.UUID:
    """A youth's id from its full form or a unique beginning of at least 8 characters."""
    require_role(ctx.user, UserRole.COORDINATOR)
    wanted = text.strip().lower()
    try:
        return uuid.UUID(wanted)
    except ValueError:
        pass
    if len(wanted) < 8 or any(c not in "0123456789abcdef-" for c in wanted):
        raise ValidationError(
            f"'{text}' is geen nummer van een jongere. Gebruik het volledige nummer of ten "
            "minste de eerste 8 tekens.",
            code="invalid_youth_id",
        )
    with ctx.store.read() as session:
        # SQLAlchemy stores UUIDs on SQLite as 32 hex characters without dashes
        found = session.scalars(
            select(Youth.id).where(cast(Youth.id, String).like(wanted.replace("-", "") + "%"))
            .limit(2)
        ).all()  # fmt: skip
    if len(found) != 1:
        raise ValidationError(
            f"Er is {'geen' if not found else 'meer dan één'} jongere met een nummer dat begint "
            f"met '{text}'. Gebruik het volledige nummer.",
            code="youth_not_found" if not found else "youth_ambiguous",
        )
    return found[0]


def _private_file(path: Path) -> None:
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass  # not every file system keeps POSIX modes; the warning still applies


def file_stem(data: dict[str, Any]) -> str:
    """No name in the file name: a folder listing shows it to anyone who looks."""
    return f"inzage-{data['made_on']}-{data['youth']['id'][:8]}"


def write_inzage(
    ctx: ServiceContext,
    youth_id: uuid.UUID,
    folder: Path,
    *,
    pdf: bool,
    json: bool,
) -> list[Path]:
    """Write the export as a readable PDF and/or JSON into ``folder``; returns the files."""
    if not pdf and not json:
        raise ValidationError("Kies PDF, JSON of allebei.", code="no_format")
    formats = [name for name, wanted in (("pdf", pdf), ("json", json)) if wanted]
    data = _export(ctx, youth_id, formats)
    folder = Path(folder)
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stem = file_stem(data)
        if json:
            path = folder / f"{stem}.json"
            path.write_text(_dumps(data), "utf-8")
            _private_file(path)
            written.append(path)
        if pdf:
            # Qt renders the PDF; the service layer stays free of Qt until a PDF is asked for
            from zvkd_desktop.reports.render.inzage_pdf import write_inzage_pdf

            path = write_inzage_pdf(folder / f"{stem}.pdf", data)
            _private_file(path)
            written.append(path)
    except OSError as error:
        raise KnownError(
            f"Het overzicht kon niet worden geschreven in {folder} ({error.strerror or error}). "
            "Kies een andere map.",
            code="export_failed",
        ) from error
    return written


def _dumps(data: dict[str, Any]) -> str:
    return jsonlib.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
