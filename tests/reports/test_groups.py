"""Grouping closed cases by registration year, written the way a coordinator writes it."""

from __future__ import annotations

import pytest

from zvkd_desktop.errors import ValidationError
from zvkd_desktop.reports.yearly.groups import (
    YearGroup,
    default_groups,
    format_groups,
    grouped_counts,
    parse_groups,
)


def test_the_default_is_this_and_last_year_and_everything_before() -> None:
    assert default_groups(2023) == (YearGroup(2022, 2023), YearGroup(None, 2021))
    assert format_groups(default_groups(2023)) == "2022-2023, t/m 2021"


@pytest.mark.parametrize(("text", "groups"), [
    ("2022-2023, t/m 2021", (YearGroup(2022, 2023), YearGroup(None, 2021))),
    ("2022–2023; -2021", (YearGroup(2022, 2023), YearGroup(None, 2021))),
    ("vanaf 2020, 2017 - 2019", (YearGroup(2020, None), YearGroup(2017, 2019))),
    ("2023, 2022, tm 2021", (YearGroup(2023, 2023), YearGroup(2022, 2022), YearGroup(None, 2021))),
    ("2020-", (YearGroup(2020, None),)),
])
def test_groups_are_read_as_written(text: str, groups: tuple[YearGroup, ...]) -> None:
    assert parse_groups(text) == groups
    assert parse_groups(format_groups(groups)) == groups


@pytest.mark.parametrize("text", ["", "twintig", "2023-2021", "2020-2023, 2022", "t/m 2021, 2019"])
def test_unreadable_or_overlapping_groups_are_refused_in_dutch(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_groups(text)
    assert caught.value.code == "year_groups"


def test_labels_fill_open_ends_and_years_outside_every_group_are_not_lost() -> None:
    rows = grouped_counts({2017: 2, 2020: 5, 2022: 3, 2023: 4}, (YearGroup(2022, 2023),
                          YearGroup(2019, 2021)), store_first=2017, report_year=2023)
    assert [(label, n) for _g, label, n in rows] == [
        ("2022–2023", 7), ("2019–2021", 5), ("Overige jaren", 2),
    ]
    rows = grouped_counts({2017: 1}, (YearGroup(None, 2021), YearGroup(2022, None)),
                          store_first=2017, report_year=2023)
    assert [label for _g, label, _n in rows] == ["2017–2021", "2022–2023"]
