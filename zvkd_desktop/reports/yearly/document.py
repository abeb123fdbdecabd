"""What every output of the summary shares: the JSON, its tables, the title and the short text.

The short text is the coordinator's: the program proposes one from the figures, the coordinator
edits it before printing (a proposal, never the last word, as with closures).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.reports.yearly.json_report import report_json
from zvkd_desktop.reports.yearly.protect import BASE, NOTE, SMALL
from zvkd_desktop.reports.yearly.report import YearlyReport
from zvkd_desktop.reports.yearly.tables import Table, all_tables

PROGRAMME = "Persoonlijke Aanpak Delft"


@dataclass(frozen=True)
class ReportDocument:
    data: dict[str, Any]
    tables: list[Table]
    intro: str

    @property
    def year(self) -> int:
        return int(self.data["year"])

    @property
    def protected(self) -> bool:
        return bool(self.data["protected"])

    @property
    def made_on(self) -> dt.date:
        return dt.date.fromisoformat(self.data["made_on"])

    @property
    def title(self) -> str:
        return f"Jaaroverzicht {self.year}"

    @property
    def subtitle(self) -> str:
        return f"{PROGRAMME} – Zorg- en Veiligheidskamer Delft"

    @property
    def made_line(self) -> str:
        return f"Gemaakt op {format_nl(self.made_on)}"

    @property
    def note(self) -> str:
        return NOTE if self.protected else ""


def _count(value: Any, one: str, many: str, protected: bool = False) -> str:
    """A count in a sentence; protected counts read as the range they stand for."""
    if value == SMALL:
        return f"minder dan 5 {many}"
    if protected and isinstance(value, int) and value >= BASE:
        return f"{value} à {value + BASE - 1} {many}"
    return f"{value} {one if value == 1 else many}"


def default_intro(data: dict[str, Any]) -> str:
    """A plain summary of the year's main figures, for the coordinator to rewrite."""
    y = data["year"]
    reg = data["registrations"]
    flow = data["stock_flow"]
    cats = data["running"]["by_category"]

    def _n(value: Any, one: str, many: str) -> str:
        return _count(value, one, many, bool(data.get("protected")))

    return (
        f"In {y} werden {_n(reg['total'], 'jongere', 'jongeren')} aangemeld voor de PAD, van wie "
        f"{_n(reg['reregistrations'], 'jongere', 'jongeren')} opnieuw. "
        f"Er werden {_n(flow['admitted'], 'casus', 'casussen')} opgenomen en "
        f"{_n(flow['closed'], 'casus', 'casussen')} afgesloten. "
        f"Op 31 december {y} liepen er {_n(flow['running_at_end'], 'casus', 'casussen')}: "
        f"{_n(cats.get('regular', 0), 'reguliere casus', 'reguliere casussen')} en "
        f"{_n(cats.get('rival_youth', 0), 'casus', 'casussen')} rivaliserende jeugd."
    )


def make_document(
    report: YearlyReport, *, protected: bool = False, intro: str | None = None
) -> ReportDocument:
    data = report_json(report, protected=protected)
    return ReportDocument(data, all_tables(data), default_intro(data) if intro is None else intro)
