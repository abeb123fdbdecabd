"""What the four charts show, read from the report JSON (drawing is in reports.render.charts).

Kept apart from the drawing so the values (protected or not) are the JSON's, testable without Qt.
Colours are the Okabe-Ito palette: distinguishable with the common forms of colour blindness and
in greyscale print.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from zvkd_desktop.domain.vocabulary import Category, ClosureReason

BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILION = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
)

SHORT_REASONS: dict[str, str] = {
    ClosureReason.POLICE_FREE.value: "Ruim 6 mnd niet in beeld politie",
    ClosureReason.NO_CONTACT_POLICE_FREE.value: "Geen contact, 6 mnd niet in beeld",
    ClosureReason.RELOCATION.value: "Verhuizing",
    ClosureReason.ESCALATED.value: "Opgeschaald (ZVH)",
    ClosureReason.OTHER.value: "Anders",
}
"""Chart axes have room for a short label; the tables carry the full wording."""


class ChartKind(StrEnum):
    GROUPED = "grouped"
    STACKED = "stacked"
    HORIZONTAL = "horizontal"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Any, ...]
    """Counts as in the JSON: int, or ``<5`` when protected."""
    colour: str


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_label: str = "Aantal"


def chart_specs(data: dict[str, Any]) -> list[ChartSpec]:
    y = data["year"]
    years = tuple(k for k in data["years"] if int(k) <= y)  # a 2023 report ends in 2023
    per_year = [data["years"][k] for k in years]
    reasons = data["closed"]["by_reason"]
    registrants = data["registrations"]["by_registrant"] or {"(geen aanmeldingen)": 0}
    return [
        ChartSpec(
            "inflow_outflow", "Instroom en uitstroom per jaar", ChartKind.GROUPED, years,
            (
                Series("Opgenomen (instroom)", tuple(d["stock_flow"]["admitted"] for d in per_year), BLUE),
                Series("Afgesloten (uitstroom)", tuple(d["stock_flow"]["closed"] for d in per_year), ORANGE),
            ),
        ),
        ChartSpec(
            "running_by_category", "Lopende casussen op 31 december per categorie",
            ChartKind.STACKED, years,
            tuple(
                Series(category.label, tuple(d["running"]["by_category"][category.value] for d in per_year),
                       colour)
                for category, colour in zip(Category, (GREEN, PURPLE), strict=False)
            ),
        ),
        ChartSpec(
            "closure_reasons", f"Afgesloten casussen in {y} per reden", ChartKind.HORIZONTAL,
            tuple(SHORT_REASONS.get(code, code) for code in reasons),
            (Series(f"Afgesloten in {y}", tuple(reasons.values()), VERMILION),),
        ),
        ChartSpec(
            "registrants", f"Aanmeldingen in {y} per aanmelder", ChartKind.HORIZONTAL,
            tuple(registrants), (Series(f"Aanmeldingen {y}", tuple(registrants.values()), SKY),),
        ),
    ]
