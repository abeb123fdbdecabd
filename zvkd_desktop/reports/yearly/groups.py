"""Grouping the closed cases by the year they were registered, as the coordinator chooses.

The 2023 annual report says "7 registered in 2022-2023, 7 between 2017 and 2021": two groups,
the last two years and everything before. The user can choose other groups, written the way a
person would: ``2022-2023, t/m 2021`` (also ``-2021``, ``vanaf 2020``, ``2020-``, ``2019``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zvkd_desktop.errors import ValidationError

DASH = "\u2013"


@dataclass(frozen=True)
class YearGroup:
    first: int | None
    """None: from the first year in the store."""
    last: int | None
    """None: up to the report year."""

    def contains(self, year: int) -> bool:
        return (self.first is None or year >= self.first) and (self.last is None or year <= self.last)

    def label(self, store_first: int | None, report_year: int) -> str:
        """'2017–2021' with the open ends filled in from the store and the report year."""
        first = self.first if self.first is not None else store_first
        last = self.last if self.last is not None else report_year
        if first is None:
            return f"t/m {last}"
        if first >= last:
            return str(last)
        return f"{first}{DASH}{last}"

    def spec(self) -> str:
        if self.first is None and self.last is None:
            return "alle"
        if self.first is None:
            return f"t/m {self.last}"
        if self.last is None:
            return f"vanaf {self.first}"
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


def default_groups(year: int) -> tuple[YearGroup, ...]:
    """The annual report's choice: the report year and the one before, and all earlier years."""
    return (YearGroup(year - 1, year), YearGroup(None, year - 2))


def format_groups(groups: tuple[YearGroup, ...]) -> str:
    return ", ".join(group.spec() for group in groups)


_RANGE = re.compile(r"^(\d{4})?\s*[-\u2013]\s*(\d{4})?$")
_UP_TO = re.compile(r"^t/?m\s*(\d{4})$", re.IGNORECASE)
_FROM = re.compile(r"^vanaf\s*(\d{4})$", re.IGNORECASE)
_ONE = re.compile(r"^(\d{4})$")


def _parse_one(part: str) -> YearGroup:
    if match := _ONE.match(part):
        year = int(match.group(1))
        return YearGroup(year, year)
    if match := _UP_TO.match(part):
        return YearGroup(None, int(match.group(1)))
    if match := _FROM.match(part):
        return YearGroup(int(match.group(1)), None)
    if (match := _RANGE.match(part)) and (match.group(1) or match.group(2)):
        first = int(match.group(1)) if match.group(1) else None
        last = int(match.group(2)) if match.group(2) else None
        if first is not None and last is not None and first > last:
            raise ValidationError(
                f"In de groep '{part}' staat het eerste jaar na het laatste.", code="year_groups"
            )
        return YearGroup(first, last)
    raise ValidationError(
        f"'{part}' is geen jaar of jaargroep. Schrijf bijvoorbeeld: 2022-2023, t/m 2021.",
        code="year_groups",
    )


def parse_groups(text: str) -> tuple[YearGroup, ...]:
    """Groups separated by commas or semicolons; overlapping groups are refused."""
    parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    if not parts:
        raise ValidationError(
            "Geef ten minste één jaargroep, bijvoorbeeld: 2022-2023, t/m 2021.", code="year_groups"
        )
    groups = tuple(_parse_one(part) for part in parts)
    for index, group in enumerate(groups):
        for other in groups[index + 1 :]:
            low = max(group.first or -9999, other.first or -9999)
            high = min(group.last or 9999, other.last or 9999)
            if low <= high:
                raise ValidationError(
                    f"De jaargroepen '{group.spec()}' en '{other.spec()}' overlappen.",
                    code="year_groups",
                )
    return groups


def grouped_counts(
    by_year: dict[int, int],
    groups: tuple[YearGroup, ...],
    *,
    store_first: int | None,
    report_year: int,
) -> list[tuple[YearGroup | None, str, int]]:
    """(group, label, count) per group; years in no group land in a last 'Overige jaren' row."""
    rows: list[tuple[YearGroup | None, str, int]] = []
    covered: set[int] = set()
    for group in groups:
        years = [y for y in by_year if group.contains(y)]
        covered.update(years)
        rows.append((group, group.label(store_first, report_year), sum(by_year[y] for y in years)))
    rest = sum(n for y, n in by_year.items() if y not in covered)
    if rest:
        rows.append((None, "Overige jaren", rest))
    return rows
