"""``zvkd report``: the yearly summary as JSON, PDF, XLSX or CSV, without starting the GUI.

    zvkd report --store pad.zvkd --year 2023 --json
    zvkd report --store pad.zvkd --year 2023 --pdf jaaroverzicht-2023.pdf --xlsx jaaroverzicht-2023.xlsx

The JSON keys are documented in resources/yearly-report-json.md and kept stable. Every summary
made is recorded in the audit log (who, which year, which formats), before anything is printed or
written; so the store is opened for writing, and while the program has it open the command says
so and stops. The summary covers the cases the user may see (``--user``): a coach's holds only
their own cases.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from zvkd_desktop.cli.common import add_store_arguments, open_store
from zvkd_desktop.errors import KnownError
from zvkd_desktop.reports.yearly.document import ReportDocument, make_document
from zvkd_desktop.reports.yearly.groups import format_groups, parse_groups
from zvkd_desktop.reports.yearly.json_report import dumps
from zvkd_desktop.reports.yearly.queries import load_facts
from zvkd_desktop.reports.yearly.report import build_report, default_year
from zvkd_desktop.reports.yearly.tables import display
from zvkd_desktop.services.access_log import record_report
from zvkd_desktop.services.context import ServiceContext, system_today


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser(
        "report",
        help="het jaaroverzicht als JSON, PDF, Excel of CSV",
        description="Het jaaroverzicht van de PAD. Zonder --json/--pdf/--xlsx/--csv: de tabellen "
        "als tekst.",
    )
    add_store_arguments(report, json_output=True)
    report.add_argument("--year", type=int, default=None,
                        help="het jaar (standaard: het vorige kalenderjaar)")
    report.add_argument("--pdf", type=Path, default=None, metavar="PAD", help="schrijf een PDF (A4)")
    report.add_argument("--xlsx", type=Path, default=None, metavar="PAD",
                        help="schrijf een Excel-bestand met alle tabellen")
    report.add_argument("--csv", type=Path, default=None, metavar="MAP",
                        help="schrijf elke tabel als CSV-bestand in deze map")
    report.add_argument("--protect", action="store_true",
                        help="kleine aantallen afschermen (<5), voor documenten buiten het team")
    report.add_argument("--groups", default=None, metavar="GROEPEN",
                        help="jaar van aanmelding van afgesloten casussen groeperen, "
                        "bijvoorbeeld '2022-2023, t/m 2021' (standaard: dit en vorig jaar, en eerder)")
    report.add_argument("--text-file", type=Path, default=None, metavar="PAD",
                        help="de inleidende tekst voor de PDF uit dit bestand")
    report.add_argument("--no-charts", action="store_true", help="PDF zonder grafieken")
    report.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    report.set_defaults(handler=cmd_report)


def _read_text(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.read_text("utf-8")
    except OSError as error:
        raise KnownError(f"Het tekstbestand {path.name} is niet leesbaar.", code="text_file") from error


def cmd_report(args: argparse.Namespace) -> int:
    today = args.today or system_today()
    groups = parse_groups(args.groups) if args.groups else None
    intro = _read_text(args.text_file)
    store = open_store(args)
    try:
        facts = load_facts(store)
        year = args.year if args.year is not None else default_year(facts.years, today)
        record_report(ServiceContext(store, today=lambda: today), year, formats=_formats(args))
    finally:
        store.close()
    report = build_report(facts, year, today, groups)
    document = make_document(report, protected=args.protect, intro=intro)
    if args.xlsx is not None:
        from zvkd_desktop.reports.yearly.export_tables import write_xlsx

        write_xlsx(args.xlsx, document)
    if args.csv is not None:
        from zvkd_desktop.reports.yearly.export_tables import write_csv

        args.csv.mkdir(parents=True, exist_ok=True)
        write_csv(args.csv, document)
    if args.pdf is not None:
        from zvkd_desktop.reports.render.pdf import write_pdf  # Qt only when a PDF is asked for

        write_pdf(args.pdf, document, charts=not args.no_charts)
    if args.json:
        print(dumps(document.data))
    elif not any((args.pdf, args.xlsx, args.csv)):
        print(_as_text(document, format_groups(report.groups)))
    return 0


def _formats(args: argparse.Namespace) -> list[str]:
    """What the summary is made as, for the audit entry."""
    written = [name for name in ("pdf", "xlsx", "csv") if getattr(args, name) is not None]
    shown = ["json"] if args.json else ([] if written else ["text"])
    return written + shown


def _as_text(document: ReportDocument, groups: str) -> str:
    lines = [f"{document.title} – {document.subtitle}", document.made_line, ""]
    for table in document.tables:
        lines.append(table.title)
        width = max(len(r.label) for r in table.rows) + 2 if table.rows else 10
        if len(table.columns) > 2:
            lines.append(" " * width + "".join(f"{c:>14}" for c in table.columns[1:]))
        for row in table.rows:
            label = ("  " if row.indent else "") + row.label
            values = "".join(f"{display(c.value):>14}" for c in row.cells)
            lines.append(f"{label:<{width}}{values}")
        lines.append("")
    lines.append(f"(jaargroepen: {groups})")
    return "\n".join(lines)
