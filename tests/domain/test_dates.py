"""Calendar months clamp to the month end; ages count completed years; dates read and write as
dd-mm-jjjj."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zvkd_desktop.domain.dates import add_months, age_on, birthday_at_age, format_nl, parse_nl
from zvkd_desktop.errors import ValidationError

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


# --- add_months ------------------------------------------------------------------------------


def test_six_months_after_31_august_is_the_end_of_february() -> None:
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)  # 2024 is a leap year
    assert add_months(date(2022, 8, 31), 6) == date(2023, 2, 28)


def test_a_day_that_exists_in_the_target_month_is_kept() -> None:
    assert add_months(date(2024, 3, 14), 6) == date(2024, 9, 14)


def test_months_cross_the_year_end() -> None:
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    assert add_months(date(2023, 12, 15), 1) == date(2024, 1, 15)


def test_29_february_plus_twelve_months_is_28_february() -> None:
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)


def test_negative_months_go_back_and_clamp_too() -> None:
    assert add_months(date(2024, 5, 31), -3) == date(2024, 2, 29)
    assert add_months(date(2024, 1, 15), -1) == date(2023, 12, 15)
    assert add_months(date(2024, 3, 31), -13) == date(2023, 2, 28)


def test_zero_months_is_the_same_day() -> None:
    assert add_months(date(2024, 1, 31), 0) == date(2024, 1, 31)


@given(dates, st.integers(min_value=-120, max_value=120))
def test_add_months_lands_in_the_right_month_on_the_clamped_day(d: date, months: int) -> None:
    result = add_months(d, months)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == months
    assert result.day == min(d.day, calendar.monthrange(result.year, result.month)[1])


@given(dates, st.integers(min_value=-120, max_value=120))
def test_add_months_undoes_itself_for_days_every_month_has(d: date, months: int) -> None:
    d = d.replace(day=min(d.day, 28))
    assert add_months(add_months(d, months), -months) == d


# --- age_on ----------------------------------------------------------------------------------


def test_age_counts_completed_years() -> None:
    born = date(2010, 6, 15)
    assert age_on(born, date(2022, 6, 14)) == 11
    assert age_on(born, date(2022, 6, 15)) == 12
    assert age_on(born, date(2022, 12, 31)) == 12


def test_age_on_the_day_of_birth_is_zero() -> None:
    assert age_on(date(2010, 6, 15), date(2010, 6, 15)) == 0


def test_born_on_29_february_turns_older_on_1_march_in_a_non_leap_year() -> None:
    born = date(2008, 2, 29)
    assert age_on(born, date(2023, 2, 28)) == 14
    assert age_on(born, date(2023, 3, 1)) == 15


def test_born_on_29_february_turns_older_on_29_february_in_a_leap_year() -> None:
    born = date(2008, 2, 29)
    assert age_on(born, date(2024, 2, 28)) == 15
    assert age_on(born, date(2024, 2, 29)) == 16


def test_no_age_before_birth() -> None:
    with pytest.raises(ValueError):
        age_on(date(2010, 6, 15), date(2010, 6, 14))


def test_birthday_at_age_of_a_29_february_child() -> None:
    assert birthday_at_age(date(2000, 2, 29), 27) == date(2027, 3, 1)
    assert birthday_at_age(date(2001, 2, 28), 27) == date(2028, 2, 28)
    assert birthday_at_age(date(2000, 2, 29), 28) == date(2028, 2, 29)


@given(dates, st.integers(min_value=1, max_value=100))
def test_age_and_birthday_agree(born: date, years: int) -> None:
    birthday = birthday_at_age(born, years)
    assert age_on(born, birthday) == years
    assert age_on(born, birthday - timedelta(days=1)) == years - 1


# --- Dutch notation --------------------------------------------------------------------------


def test_format_is_day_month_year_with_leading_zeros() -> None:
    assert format_nl(date(2024, 3, 14)) == "14-03-2024"
    assert format_nl(date(2024, 1, 5)) == "05-01-2024"


def test_parse_accepts_with_and_without_leading_zeros() -> None:
    assert parse_nl("14-03-2024") == date(2024, 3, 14)
    assert parse_nl("5-1-2024") == date(2024, 1, 5)
    assert parse_nl("05-1-2024") == date(2024, 1, 5)
    assert parse_nl("  14-03-2024 ") == date(2024, 3, 14)


def test_parse_accepts_29_february_in_a_leap_year_only() -> None:
    assert parse_nl("29-02-2024") == date(2024, 2, 29)
    with pytest.raises(ValidationError) as refused:
        parse_nl("29-02-2023")
    assert refused.value.code == "invalid_date"


@pytest.mark.parametrize("text", ["31-02-2024", "31-04-2024", "00-01-2024", "12-13-2024"])
def test_an_impossible_date_is_refused_in_dutch(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_nl(text)
    assert refused.value.code == "invalid_date"
    assert f"De datum {text} bestaat niet" in refused.value.message


@pytest.mark.parametrize(
    "text", ["", "2024-03-14", "14/03/2024", "14-03-24", "14-3", "veertien maart", "114-03-2024"]
)
def test_other_notations_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_nl(text)
    assert refused.value.code == "invalid_date"
    assert "dd-mm-jjjj" in refused.value.message


@given(st.dates(min_value=date(1000, 1, 1)))
def test_format_and_parse_round_trip(d: date) -> None:
    assert parse_nl(format_nl(d)) == d
