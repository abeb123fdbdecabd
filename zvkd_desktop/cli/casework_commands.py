"""Casework sub-commands: ``zvkd signals`` and ``zvkd case closable``.

Both only read: the store is opened read-only (no writer lock), so they can run next to an open
program. ``--on`` is the day the rules are applied to; it defaults to today, read here because
the command line is an entry point (services never read the clock).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from zvkd_desktop.cli.common import add_store_arguments, emit, open_store
from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.services.context import ServiceContext, system_today
from zvkd_desktop.services.signals import ClosableRow, SignalRow, closable_on, signals_on


def iso_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is geen datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2023-12-31"
        ) from None


def _add_on(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--on",
        type=iso_day,
        default=None,
        metavar="JJJJ-MM-DD",
        help="de dag waarop de regels worden toegepast (standaard: vandaag)",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    signals = sub.add_parser("signals", help="toon de signalen (casussen die aandacht vragen)")
    add_store_arguments(signals, json_output=True)
    _add_on(signals)
    signals.set_defaults(handler=cmd_signals)

    case = sub.add_parser("case", help="opdrachten over casussen")
    case_sub = case.add_subparsers(dest="case_command", metavar="opdracht", required=True)
    closable = case_sub.add_parser(
        "closable", help="per lopende casus: peildatum, afsluitdatum en of afsluiten kan"
    )
    add_store_arguments(closable, json_output=True)
    _add_on(closable)
    closable.set_defaults(handler=cmd_closable)


def _context(args: argparse.Namespace) -> tuple[ServiceContext, dt.date]:
    on: dt.date = args.on or system_today()
    store = open_store(args, read_only=True)
    return ServiceContext(store, today=lambda: on), on


def _id(value: object) -> str | None:
    return None if value is None else str(value)


def signal_json(row: SignalRow) -> dict[str, Any]:
    return {
        "case_id": _id(row.case_id),
        "youth_id": str(row.youth_id),
        "registration_id": _id(row.registration_id),
        "kind": row.kind.value,
        "since": row.since.isoformat(),
        "reason": row.reason,
    }


def closable_json(row: ClosableRow) -> dict[str, Any]:
    return {
        "case_id": str(row.case_id),
        "youth_id": str(row.youth_id),
        "reference_date": row.reference_date.isoformat(),
        "eligible_date": row.eligible_date.isoformat(),
        "eligible": row.eligible,
        "days_to_go": row.days_to_go,
    }


def _signals_text(on: dt.date, rows: list[SignalRow]) -> str:
    if not rows:
        return f"Geen signalen op {format_nl(on)}."
    lines = [f"Signalen op {format_nl(on)}: {len(rows)}", ""]
    for row in rows:
        who = row.youth_name or "(naam onbekend)"
        coach = f" – coach {row.coach_name}" if row.coach_name else ""
        lines.append(f"{row.kind_label:<30} sinds {format_nl(row.since)}  {who}{coach}")
        lines.append(f"{'':<30} {row.reason}")
    return "\n".join(lines)


def _closable_text(on: dt.date, rows: list[ClosableRow]) -> str:
    if not rows:
        return f"Geen lopende casussen op {format_nl(on)}."
    eligible = sum(1 for row in rows if row.eligible)
    lines = [
        f"Lopende casussen op {format_nl(on)}: {len(rows)}, waarvan {eligible} afsluitbaar",
        "",
        f"{'Jongere':<28} {'Peildatum':<11} {'Afsluitbaar vanaf':<18} Stand",
    ]
    for row in rows:
        state = (
            "afsluitbaar"
            if row.eligible
            else ("nog 1 dag" if row.days_to_go == 1 else f"nog {row.days_to_go} dagen")
        )
        name = (row.youth_name or "(naam onbekend)")[:28]
        lines.append(
            f"{name:<28} {format_nl(row.reference_date):<11} "
            f"{format_nl(row.eligible_date):<18} {state}"
        )
    return "\n".join(lines)


def cmd_signals(args: argparse.Namespace) -> int:
    ctx, on = _context(args)
    try:
        rows = signals_on(ctx, on)
    finally:
        ctx.store.close()
    emit(args, [signal_json(row) for row in rows], _signals_text(on, rows))
    return 0


def cmd_closable(args: argparse.Namespace) -> int:
    ctx, on = _context(args)
    try:
        rows = closable_on(ctx, on)
    finally:
        ctx.store.close()
    emit(args, [closable_json(row) for row in rows], _closable_text(on, rows))
    return 0
