"""Recording who looked: opening a case file, exports, prints and reports, in the audit log.

Changes are recorded by the services that make them; reading leaves no trace by itself. These
functions add that trace for the moments that matter to a privacy officer: a case file opened
(``view``), data leaving the store as a file (``export``), on paper (``print``), and a yearly
summary made (``report``). Each is one small transaction of its own, written to the same
hash-chained log as every change, with the acting user's id — so it cannot be dropped later
without breaking the chain.

Call them when the thing happens, before the data is shown or written: a refused or failed
recording then stops the export instead of leaving it unrecorded. Any role may be recorded (a
partner's views too): recording is not a change to the PAD data, so ``require_write`` does not
apply. What is recorded holds no personal data: ids, a kind, a scope, a year.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import require_case, sees_all_cases
from zvkd_desktop.services.audit import record
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.validation import live_row
from zvkd_desktop.store.models import Case

__all__ = ["ACTIONS", "record_export", "record_print", "record_report", "record_view"]

ACTIONS = ("view", "export", "print", "report")
"""The audit actions written here (labels for the log screen: bekeken, geëxporteerd, afgedrukt,
jaaroverzicht gemaakt)."""

_KIND_LENGTH = 64


def _kind(kind: str) -> str:
    text = (kind or "").strip()
    if not text or len(text) > _KIND_LENGTH:
        raise ValidationError(
            "Geef aan wat er is geëxporteerd of afgedrukt (een korte code, bijvoorbeeld "
            "'yearly_pdf').",
            code="access_kind_required",
        )
    return text


def _scope(ctx: ServiceContext) -> str:
    """Whose cases the user's lists and reports cover: all of them, or only their own."""
    return "all" if sees_all_cases(ctx.user) else "own"


def record_view(ctx: ServiceContext, case_id: uuid.UUID) -> int:
    """The user opened the case file (refused, and not recorded, for a case they may not see).
    Returns the entry's sequence number, as the other functions here do."""
    with ctx.store.transaction() as session:
        require_case(session, ctx.user, case_id)
        live_row(session, Case, case_id, "de casus")
        entry = record(
            session, ctx.user, "view", table=Case.__tablename__, record_id=case_id,
            case_id=case_id,
        )  # fmt: skip
        return entry.seq


def record_export(
    ctx: ServiceContext,
    kind: str,
    scope: str | None = None,
    *,
    case_id: uuid.UUID | None = None,
    formats: Sequence[str] = (),
) -> int:
    """Data left the store as a file: ``kind`` says which ("exchange", "yearly_xlsx",
    "case_list_csv" ...), ``scope`` what it covered ("all", a year, a meeting id ...).
    With ``case_id`` the entry also shows in that case's history."""
    return _record(ctx, "export", kind, scope, case_id, formats)


def record_print(
    ctx: ServiceContext,
    kind: str,
    scope: str | None = None,
    *,
    case_id: uuid.UUID | None = None,
) -> int:
    """Data went to a printer (or a print preview's PDF): as :func:`record_export`."""
    return _record(ctx, "print", kind, scope, case_id, ())


def record_report(
    ctx: ServiceContext, year: int, *, kind: str = "yearly", formats: Sequence[str] = ()
) -> int:
    """A yearly summary of ``year`` was made (shown, or written as ``formats``: pdf, xlsx ...).
    The entry says whether it covered all cases or only the user's own."""
    with ctx.store.transaction() as session:
        entry = record(
            session,
            ctx.user,
            "report",
            changes={"kind": _kind(kind), "year": int(year), "cases": _scope(ctx),
                     "formats": list(formats)},
        )  # fmt: skip
        return entry.seq


def _record(
    ctx: ServiceContext,
    action: str,
    kind: str,
    scope: str | None,
    case_id: uuid.UUID | None,
    formats: Sequence[str],
) -> int:
    changes: dict[str, object] = {"kind": _kind(kind), "scope": scope, "cases": _scope(ctx)}
    if formats:
        changes["formats"] = list(formats)
    with ctx.store.transaction() as session:
        if case_id is not None:
            require_case(session, ctx.user, case_id)
            live_row(session, Case, case_id, "de casus")
        return record(session, ctx.user, action, case_id=case_id, changes=changes).seq
