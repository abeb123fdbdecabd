"""Small-number protection: '<5' for 1..4, every other count rounded down to a multiple of 5,
and no hidden cell can be computed back from what a protected document shows."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from zvkd_desktop.reports.yearly.json_report import report_json
from zvkd_desktop.reports.yearly.protect import SMALL, protect_count
from zvkd_desktop.reports.yearly.report import YearlyReport


@pytest.mark.parametrize(("value", "shown"), [
    (0, 0), (1, SMALL), (4, SMALL), (5, 5), (9, 5), (10, 10), (34, 30), (36, 35),
])
def test_counts_are_shown_protected(value: int, shown: object) -> None:
    assert protect_count(value) == shown


def _candidates(shown: object) -> range:
    """The true values a reader can infer from one shown value."""
    if shown == SMALL:
        return range(1, 5)
    assert isinstance(shown, int)
    return range(shown, shown + 1) if shown == 0 else range(shown, shown + 5)


def _hidden_values(shown_parts: tuple[object, ...], shown_total: object, index: int) -> set[int]:
    """Every value cell ``index`` can have, given all shown parts and the shown total."""
    values = set()
    for parts in itertools.product(*(_candidates(s) for s in shown_parts)):
        if protect_count(sum(parts)) == shown_total:
            values.add(parts[index])
    return values


@pytest.mark.parametrize("size", [2, 3])
def test_no_hidden_cell_of_a_sum_can_be_computed_back(size: int) -> None:
    """Exhaustively: parts 0..24 (a few with room above) and their total."""
    seen = set()
    for parts in itertools.product(range(0, 25), repeat=size):
        shown = tuple(protect_count(p) for p in parts)
        total = protect_count(sum(parts))
        if (shown, total) in seen:
            continue
        seen.add((shown, total))
        for index, value in enumerate(shown):
            if value == SMALL:
                assert len(_hidden_values(shown, total, index)) >= 2, (parts, shown, total)


def test_no_hidden_neighbourhood_can_be_computed_from_the_area_and_the_total() -> None:
    """Buitenhof + Voorhof = Delft-West, plus another neighbourhood, and the total."""
    for a, b, c in itertools.product(range(0, 16), repeat=3):
        shown = (protect_count(a), protect_count(b), protect_count(c))
        area, total = protect_count(a + b), protect_count(a + b + c)
        for index, value in enumerate(shown):
            if value != SMALL:
                continue
            possible = {
                combo[index]
                for combo in itertools.product(*(_candidates(s) for s in shown))
                if protect_count(combo[0] + combo[1]) == area and protect_count(sum(combo)) == total
            }
            assert len(possible) >= 2, (a, b, c)


def test_the_protected_json_hides_small_numbers_everywhere(hand_report: YearlyReport) -> None:
    data = report_json(hand_report, protected=True)
    assert data["protected"] is True and "<5" in data["protection_note"]
    assert data["registrations"]["total"] == 5  # 6, rounded down
    assert data["registrations"]["pending_at_year_end"] == SMALL
    assert data["stock_flow"] == {
        "running_at_start": 5, "admitted": SMALL, "closed": SMALL, "running_at_end": 5,
    }
    assert data["closed"]["by_reason"]["relocation"] == 0
    # three closed cases: their durations would describe individuals
    assert data["closed"]["duration_days"] == {
        "count": SMALL, "min": None, "q1": None, "median": None, "q3": None, "max": None,
    }

    def counts(node: Any) -> list[Any]:
        if isinstance(node, dict):
            return [v for k, v in node.items() if k not in {"year", "first", "last"}
                    for v in counts(v)]
        if isinstance(node, list):
            return [v for item in node for v in counts(item)]
        return [node] if isinstance(node, int) and not isinstance(node, bool) else []

    shown = counts({k: v for k, v in data.items() if k not in {"version", "labels", "year"}})
    assert shown and all(n == 0 or n % 5 == 0 for n in shown)
