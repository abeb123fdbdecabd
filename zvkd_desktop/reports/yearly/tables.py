"""The tables of the yearly summary, read from the report JSON, with Dutch labels.

Every cell keeps the JSON path it shows (``Cell.key``), so the screen, the PDF, the XLSX and the
CSV show exactly the JSON's values (protected or not), and a test can check them key by key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.neighbourhoods import BY_CODE
from zvkd_desktop.domain.vocabulary import Category, ClosureReason
from zvkd_desktop.reports.yearly.figures import year_end
from zvkd_desktop.reports.yearly.json_report import MOVE_SEPARATOR, lookup

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Cell:
    value: Any
    key: Path | None = None


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    emphasis: bool = False
    """A total or the identity's result: bold on screen and paper."""
    indent: bool = False
    """A 'waarvan' line under the row above."""


@dataclass(frozen=True)
class Table:
    key: str
    """Stable name: the XLSX sheet and CSV file are named after it."""
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str = ""


def _row(data: dict[str, Any], label: str, *paths: Path, emphasis: bool = False,
         indent: bool = False) -> Row:
    return Row(label, tuple(Cell(lookup(data, p), p) for p in paths), emphasis, indent)


def _breakdown(data: dict[str, Any], key: str, title: str, column: str, path: Path,
               labels: dict[str, str], total: Path, total_label: str = "Totaal") -> Table:
    rows = [_row(data, labels.get(name, name), (*path, name)) for name in lookup(data, path)]
    rows.append(_row(data, total_label, total, emphasis=True))
    return Table(key, title, ("", column), tuple(rows))


def _day(year: int) -> str:
    return format_nl(year_end(year))


def year_tables(data: dict[str, Any]) -> list[Table]:
    """The tables of one year (``data`` is the report JSON)."""
    y = data["year"]
    categories = {c.value: c.label for c in Category}
    reasons = {r.value: r.label for r in ClosureReason}
    hoods = {code: hood.name for code, hood in BY_CODE.items()}
    tables = [
        Table("registrations", f"Aanmeldingen in {y}", ("", "Aantal"), (
            _row(data, "Aanmeldingen", ("registrations", "total"), emphasis=True),
            _row(data, "waarvan opnieuw aangemeld", ("registrations", "reregistrations"), indent=True),
            _row(data, "opgenomen (besluit uiterlijk 31 december)", ("registrations", "admitted"), indent=True),
            _row(data, "niet opgenomen", ("registrations", "not_admitted"), indent=True),
            _row(data, f"nog geen besluit op {_day(y)}", ("registrations", "pending_at_year_end"), indent=True),
        )),
        _breakdown(data, "registrants", f"Aanmeldingen in {y} per aanmelder", "Aantal",
                   ("registrations", "by_registrant"), {}, ("registrations", "total")),
        Table("stock_flow", f"Instroom, uitstroom en lopende casussen {y}", ("", "Aantal"), (
            _row(data, f"Lopend op {_day(y - 1)}", ("stock_flow", "running_at_start")),
            _row(data, f"+ opgenomen in {y} (instroom)", ("stock_flow", "admitted")),
            _row(data, f"− afgesloten in {y} (uitstroom)", ("stock_flow", "closed")),
            _row(data, f"= lopend op {_day(y)}", ("stock_flow", "running_at_end"), emphasis=True),
        ), "Een heropende casus telt niet als afgesloten: de ongedaan gemaakte afsluiting telt niet mee."),
        _breakdown(data, "running_by_category", f"Lopende casussen op {_day(y)} per categorie",
                   "Aantal", ("running", "by_category"), categories, ("running", "total")),
        _breakdown(data, "closed_by_reason", f"Afgesloten casussen in {y} per reden", "Aantal",
                   ("closed", "by_reason"), reasons, ("closed", "total")),
        Table("closed_by_registration_year", f"Afgesloten casussen in {y} naar jaar van aanmelding",
              ("Aangemeld in", "Aantal"), (
                  *(_row(data, group["label"], ("closed", "by_registration_year_group", i, "count"))
                    for i, group in enumerate(data["closed"]["by_registration_year_group"])),
                  _row(data, "Totaal", ("closed", "total"), emphasis=True),
              )),
        Table("duration", f"Duur van de in {y} afgesloten casussen (dagen)", ("", "Dagen"), (
            _row(data, "Aantal afgesloten casussen", ("closed", "duration_days", "count")),
            _row(data, "Kortste", ("closed", "duration_days", "min")),
            _row(data, "Eerste kwartiel", ("closed", "duration_days", "q1")),
            _row(data, "Mediaan", ("closed", "duration_days", "median"), emphasis=True),
            _row(data, "Derde kwartiel", ("closed", "duration_days", "q3")),
            _row(data, "Langste", ("closed", "duration_days", "max")),
        ), "Van opname tot afsluiting; kwartielen lineair geïnterpoleerd."),
        Table("moves_reopenings", f"Categoriewijzigingen en heropeningen in {y}", ("", "Aantal"), (
            *(_row(data, "Van {} naar {}".format(*(categories[c].lower() for c in move.split(MOVE_SEPARATOR))),
                   ("category_moves", "by_move", move))
              for move in data["category_moves"]["by_move"]),
            _row(data, "Categoriewijzigingen totaal", ("category_moves", "total"), emphasis=True),
            _row(data, "Heropende casussen", ("reopenings", "total")),
        )),
        Table("caseload", f"Caseload per coach op {_day(y)}", ("Coach", "Lopende casussen"), (
            *(_row(data, name, ("caseload", "by_coach", name)) for name in data["caseload"]["by_coach"]),
            _row(data, "Zonder coach", ("caseload", "without_coach")),
            _row(data, "Totaal", ("running", "total"), emphasis=True),
        )),
        Table("neighbourhoods", f"Per wijk: aanmeldingen in {y}, lopend op {_day(y)}",
              ("Wijk", "Aanmeldingen", "Lopend"), (
            *(_row(data, f"{hoods.get(code, code)}", ("registrations", "by_neighbourhood", code),
                   ("running", "by_neighbourhood", code))
              for code in data["registrations"]["by_neighbourhood"]),
            _row(data, "Totaal", ("registrations", "total"), ("running", "total"), emphasis=True),
        )),
        Table("areas", f"Per gebied: aanmeldingen in {y}, lopend op {_day(y)}",
              ("Gebied", "Aanmeldingen", "Lopend"), (
            *(_row(data, area, ("registrations", "by_area", area), ("running", "by_area", area))
              for area in data["registrations"]["by_area"]),
            _row(data, "Totaal", ("registrations", "total"), ("running", "total"), emphasis=True),
        ), "Delft-West is Buitenhof en Voorhof samen."),
    ]
    return tables


MULTI_YEAR_ROWS: tuple[tuple[str, Path, bool, bool], ...] = (
    ("Aanmeldingen", ("registrations", "total"), True, False),
    ("waarvan opnieuw aangemeld", ("registrations", "reregistrations"), False, True),
    ("waarvan niet opgenomen", ("registrations", "not_admitted"), False, True),
    ("nog geen besluit op 31 december", ("registrations", "pending_at_year_end"), False, True),
    ("Lopend op 1 januari", ("stock_flow", "running_at_start"), False, False),
    ("+ opgenomen (instroom)", ("stock_flow", "admitted"), False, False),
    ("− afgesloten (uitstroom)", ("stock_flow", "closed"), False, False),
    ("= lopend op 31 december", ("stock_flow", "running_at_end"), True, False),
    *(
        (f"waarvan {c.label.lower()}", ("running", "by_category", c.value), False, True)
        for c in Category
    ),
    ("Categoriewijzigingen", ("category_moves", "total"), False, False),
    ("Heropende casussen", ("reopenings", "total"), False, False),
    ("Mediane duur afgesloten casussen (dagen)", ("closed", "duration_days", "median"), False, False),
)


def multi_year_table(data: dict[str, Any], *, last_years: int | None = None) -> Table:
    """Every year side by side (optionally only the last ``last_years`` up to the report year)."""
    years = list(data["years"])
    if last_years is not None:
        upto = [y for y in years if int(y) <= data["year"]]
        years = upto[-last_years:]
    rows = tuple(
        Row(label, tuple(Cell(lookup(data, ("years", y, *path)), ("years", y, *path)) for y in years),
            emphasis, indent)
        for label, path, emphasis, indent in MULTI_YEAR_ROWS
    )
    note = "Lopend op 1 januari is lopend op 31 december van het jaar ervoor."
    made_on = dt.date.fromisoformat(data["made_on"])
    if str(made_on.year) in years:
        note += (f" {made_on.year}*: het jaar is nog niet om; de cijfers gaan tot en met "
                 f"{format_nl(made_on)} en 'lopend op 31 december' is wie nu loopt.")
    headers = tuple(f"{y}*" if y == str(made_on.year) else y for y in years)
    return Table("multi_year", "Meerjarenoverzicht", ("", *headers), rows, note)


def all_tables(data: dict[str, Any]) -> list[Table]:
    return [*year_tables(data), multi_year_table(data)]


def display(value: Any) -> str:
    """How a cell reads in Dutch: decimal comma, '–' for no value."""
    if value is None:
        return "–"
    if isinstance(value, float):
        text = f"{value:.1f}".replace(".", ",")
        return text[:-2] if text.endswith(",0") else text
    return str(value)
