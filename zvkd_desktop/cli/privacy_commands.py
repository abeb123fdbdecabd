"""``zvkd erase`` and ``zvkd inzage``: erasure after closure and subject access, without the GUI.

    zvkd erase --store pad.zvkd                  # preview: who is due today and what will go
    zvkd erase --store pad.zvkd --yes            # erase them (the daily check, by hand)
    zvkd erase --store pad.zvkd --on 01-03-2024 --dry-run --json
    zvkd inzage --store pad.zvkd --youth 3f2a9c1e --out ~/inzage --pdf --json

The preview opens the store read-only (it also works while the program has the store open); the
erasure and the inzage write (an inzage is recorded in the audit log). See resources/privacy.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from zvkd_desktop.cli.common import add_store_arguments, emit, open_store
from zvkd_desktop.domain.dates import format_nl, parse_nl
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.context import ServiceContext, system_today
from zvkd_desktop.services.privacy import (
    ErasurePreviewRow,
    ErasureReport,
    due_for_erasure,
    erase,
    resolve_youth_id,
    write_inzage,
)
from zvkd_desktop.services.settings import get_settings

LEAVES_THE_STORE = (
    "Let op: deze bestanden staan buiten het versleutelde bestand en bevatten alle "
    "persoonsgegevens van de jongere. Geef ze alleen aan de aanvrager en verwijder ze daarna."
)


def _day(text: str) -> dt.date:
    """dd-mm-jjjj as everywhere in the program, or ISO (jjjj-mm-dd) for scripts."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        return parse_nl(text)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    erase_parser = sub.add_parser(
        "erase",
        help="wis de persoonsgegevens van afgesloten casussen (zonder --yes: alleen het overzicht)",
        description="Toont wie op de wisdatum aan de beurt is en wat er van hen wordt gewist. "
        "Met --yes worden die gegevens gewist; de jaarcijfers blijven gelijk.",
    )
    add_store_arguments(erase_parser, json_output=True)
    erase_parser.add_argument("--on", type=_day, default=None, metavar="DATUM",
                              help="de wisdatum (dd-mm-jjjj; standaard: vandaag)")  # fmt: skip
    mode = erase_parser.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true",
                      help="alleen het overzicht tonen (standaard)")  # fmt: skip
    mode.add_argument("--yes", action="store_true", help="wis de gegevens echt")
    erase_parser.add_argument("--due", action="store_true",
                              help="alle jongeren die aan de beurt zijn (standaard)")  # fmt: skip
    erase_parser.set_defaults(handler=cmd_erase)

    inzage = sub.add_parser(
        "inzage",
        help="alle gegevens over één jongere als PDF en/of JSON (inzageverzoek)",
        description="Schrijft een overzicht van alles wat over de jongere is vastgelegd in de "
        "gekozen map. Zonder --pdf of --json: allebei.",
    )
    add_store_arguments(inzage)
    inzage.add_argument("--youth", required=True, metavar="NUMMER",
                        help="het nummer van de jongere (of de eerste 8 tekens ervan)")  # fmt: skip
    inzage.add_argument("--out", type=Path, required=True, metavar="MAP",
                        help="de map waarin de bestanden komen")  # fmt: skip
    inzage.add_argument("--pdf", action="store_true", help="een leesbare PDF")
    inzage.add_argument("--json", action="store_true", help="de gegevens als JSON")
    inzage.set_defaults(handler=cmd_inzage)


# -- erase ---------------------------------------------------------------------------------------


def _preview_json(on: dt.date, months: int, rows: list[ErasurePreviewRow]) -> dict[str, Any]:
    return {
        "on": on.isoformat(),
        "retention_months": months,
        "erased": False,
        "youths": [
            {
                "youth_id": str(row.youth_id),
                "name": row.name,
                "birth_year": row.birth_year,
                "ended_on": row.ended_on.isoformat(),
                "due_on": row.due_on.isoformat(),
                "items": {item.key: {"label": item.label, "fields": list(item.fields),
                                     "count": item.count} for item in row.items},
            }
            for row in rows
        ],
    }  # fmt: skip


def _preview_text(on: dt.date, months: int, rows: list[ErasurePreviewRow]) -> str:
    period = "direct na het afsluiten" if months == 0 else f"{months} maanden na het afsluiten"
    if not rows:
        return f"Op {format_nl(on)} is niemand aan de beurt om gewist te worden (bewaartermijn: {period})."
    lines = [f"Op {format_nl(on)} aan de beurt om gewist te worden (bewaartermijn: {period}): "
             f"{len(rows)} {'jongere' if len(rows) == 1 else 'jongeren'}.", ""]  # fmt: skip
    for row in rows:
        lines.append(f"{row.name} (geboren {row.birth_year}, nummer {str(row.youth_id)[:8]}), "
                     f"betrokkenheid geëindigd op {format_nl(row.ended_on)}:")  # fmt: skip
        lines += [f"    {item.label}: {item.count}" for item in row.items]
    lines += ["", "Er is nog niets gewist. Wis met: zvkd erase --yes"
              + (f" --on {format_nl(on)}" if on != system_today() else "")]  # fmt: skip
    return "\n".join(lines)


def _report_json(report: ErasureReport) -> dict[str, Any]:
    return {
        "on": report.on.isoformat(),
        "erased": True,
        "youths": [{"youth_id": str(y.youth_id), "counts": y.counts} for y in report.youths],
        "totals": report.totals,
        "audit_entries": report.audit_entries,
        "compacted": report.compacted,
    }


def _report_text(report: ErasureReport) -> str:
    if not report.count:
        return f"Op {format_nl(report.on)} was niemand aan de beurt; er is niets gewist."
    lines = [f"De persoonsgegevens van {report.count} "
             f"{'jongere' if report.count == 1 else 'jongeren'} zijn gewist "
             f"(wisdatum {format_nl(report.on)}). De jaarcijfers zijn niet veranderd.",
             f"    waarden in het logboek gewist: {report.audit_entries} regels"]  # fmt: skip
    lines += [f"    {key}: {number}" for key, number in sorted(report.totals.items())]
    if not report.compacted:
        lines.append("Let op: het bestand kon niet worden opgeschoond (VACUUM); probeer "
                     "'zvkd erase --yes' later opnieuw.")  # fmt: skip
    return "\n".join(lines)


def cmd_erase(args: argparse.Namespace) -> int:
    on = args.on or system_today()
    store = open_store(args, read_only=not args.yes)
    try:
        ctx = ServiceContext(store)
        months = get_settings(ctx).retention_months
        rows = due_for_erasure(ctx, on)
        if not args.yes:
            emit(args, _preview_json(on, months, rows), _preview_text(on, months, rows))
            return 0
        report = erase(ctx, [row.youth_id for row in rows], on=on)
        emit(args, _report_json(report), _report_text(report))
    finally:
        store.close()
    return 0


# -- inzage --------------------------------------------------------------------------------------


def cmd_inzage(args: argparse.Namespace) -> int:
    pdf, json = args.pdf, args.json
    if not pdf and not json:
        pdf = json = True
    if args.out.exists() and not args.out.is_dir():
        raise ValidationError(f"{args.out} is geen map. Kies een map voor de bestanden.",
                              code="not_a_folder")  # fmt: skip
    store = open_store(args)
    try:
        ctx = ServiceContext(store)
        youth_id = resolve_youth_id(ctx, args.youth)
        written = write_inzage(ctx, youth_id, args.out, pdf=pdf, json=json)
    finally:
        store.close()
    print(LEAVES_THE_STORE, file=sys.stderr)
    for path in written:
        print(path)
    return 0
