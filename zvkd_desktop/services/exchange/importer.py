"""Reading an exchange file into the store: check everything first, then write it in one go.

A file with any error writes nothing: the syntax, every row's fields and every relation between
rows (rules.py) are checked before the transaction writes its first row, and the refusal lists
every problem with its path. The rows are inserted as they are in the file, sync columns included
(created/updated time, revision, device, tombstone), so the store holds exactly what was exported
and exporting it again gives the same bytes. One audit entry records the import and its counts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import KnownError, WrongPasswordError
from zvkd_desktop.services import audit
from zvkd_desktop.services.access import require_role
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.exchange.facts import StoreFacts, gather
from zvkd_desktop.services.exchange.problems import (
    ExchangeInvalidError,
    Problem,
    Problems,
    TooManyProblems,
)
from zvkd_desktop.services.exchange.rules import check_rules
from zvkd_desktop.services.exchange.spec import all_collections, insert_order
from zvkd_desktop.services.exchange.validate import ParsedExchange, check_document, parse_json
from zvkd_desktop.store import sealed

MAX_IMPORT_BYTES = 200 * 1024 * 1024
"""Far above a real store's export (100 000 cases is some tens of MB); refused before reading."""

Source = Mapping[str, Any] | bytes | str | os.PathLike[str]


@dataclass(frozen=True)
class ImportReport:
    """What an import added (rows per collection path) and what it warned about."""

    counts: dict[str, int]
    warnings: list[Problem] = field(default_factory=list)
    exported_on: str | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def is_sealed_file(path: str | os.PathLike[str]) -> bool:
    """Whether the file is a password-sealed export (ask for its password before importing)."""
    try:
        with open(path, "rb") as handle:
            return sealed.is_sealed(handle.read(16))
    except OSError:
        return False


def read_exchange_bytes(path: str | os.PathLike[str], *, password: str | None = None) -> bytes:
    """The plaintext JSON of an export file (sealed or not), refusing oversized files unread."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ExchangeInvalidError(
                [
                    Problem(
                        "",
                        f"het bestand is {size / 1024 / 1024:.0f} MB; een exportbestand mag "
                        f"hoogstens {MAX_IMPORT_BYTES // 1024 // 1024} MB zijn",
                    )
                ]
            )
        raw = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise KnownError(
            f"Het bestand {path.name} bestaat niet of is een map. Kies een exportbestand.",
            code="missing",
        ) from exc
    except PermissionError as exc:
        raise KnownError(
            f"Geen toegang tot {path.name}. Vraag de beheerder om leesrechten.", code="no_access"
        ) from exc
    if sealed.is_sealed(raw):
        if password is None:
            sealed.parse_export(raw)  # a store file picked by mistake is told so, not asked for
            raise WrongPasswordError(
                "Dit exportbestand is versleuteld. Geef het exportwachtwoord op.",
                code="export_password_required",
            )
        return sealed.open_export(raw, password)
    return raw


def check_exchange(
    ctx: ServiceContext, source: Source, *, password: str | None = None
) -> ImportReport:
    """Check a file against this store without writing: what would be imported, or the refusal.

    Coordinator only, like the import itself: the report tells what the store holds."""
    require_role(ctx.user, UserRole.COORDINATOR)
    parsed, problems = _parse(source, password)
    with ctx.store.read() as session:
        _check_relations(parsed, problems, gather(session))
    _refuse_if_errors(problems)
    return _report(parsed, problems)


def import_exchange(
    ctx: ServiceContext, source: Source, *, password: str | None = None
) -> ImportReport:
    """Import a whole exchange file in one transaction, or refuse it and write nothing.

    ``source`` is a parsed document, the file's bytes, or a path (a sealed file needs
    ``password``). Raises :class:`ExchangeInvalidError` listing every problem. Coordinator only:
    an import writes every case, so it is refused before the file is even read.
    """
    require_role(ctx.user, UserRole.COORDINATOR)
    parsed, problems = _parse(source, password)
    if problems.errors:  # still list the relation problems too, then refuse
        with ctx.store.read() as session:
            _check_relations(parsed, problems, gather(session))
        _refuse_if_errors(problems)
    try:
        with ctx.store.transaction() as session:
            # checked inside the transaction, so no other write slips in between
            _check_relations(parsed, problems, gather(session))
            _refuse_if_errors(problems)
            report = _report(parsed, problems)
            for collection in insert_order():
                rows = parsed.rows.get(collection.path, [])
                if rows:
                    table = collection.model.__table__  # type: ignore[attr-defined]
                    session.execute(insert(table), [row.values for row in rows])
            audit.record(
                session,
                ctx.user,
                "import",
                changes={
                    "counts": report.counts,
                    "exported_on": report.exported_on,
                    "warnings": len(report.warnings),
                },
            )
    except IntegrityError as exc:  # a check this module lacks; the transaction rolled back
        raise ExchangeInvalidError(
            [Problem("", f"de opslag weigerde de gegevens ({exc.orig}); er is niets gewijzigd")]
        ) from exc
    return report


def _parse(source: Source, password: str | None) -> tuple[ParsedExchange, Problems]:
    """The checked rows; refuses at once when the file is not a readable exchange file at all."""
    problems = Problems()
    parsed: ParsedExchange | None = None
    try:
        if isinstance(source, Mapping):
            document: Any = source
        else:
            if isinstance(source, bytes):
                raw = source
            else:
                raw = read_exchange_bytes(source, password=password)
            document = parse_json(raw, problems)
        if not problems.errors:
            parsed = check_document(document, problems)
    except TooManyProblems:
        pass
    if parsed is None or problems.truncated:
        _refuse_if_errors(problems)
        raise AssertionError("check_document returned nothing without a problem")
    return parsed, problems


def _check_relations(parsed: ParsedExchange, problems: Problems, facts: StoreFacts) -> None:
    if problems.truncated:
        return
    try:
        check_rules(parsed, facts, problems)
    except TooManyProblems:
        pass


def _refuse_if_errors(problems: Problems) -> None:
    if problems.errors:
        raise ExchangeInvalidError(
            problems.errors, warnings=problems.warnings, truncated=problems.truncated
        )


def _report(parsed: ParsedExchange, problems: Problems) -> ImportReport:
    counts = {c.path: len(parsed.rows.get(c.path, [])) for c in all_collections()}
    exported_on = parsed.exported_on.isoformat() if parsed.exported_on else None
    return ImportReport(counts, list(problems.warnings), exported_on)
