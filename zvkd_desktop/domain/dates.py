"""Calendar arithmetic and the Dutch date notation used everywhere in the program.

The closure rule counts *calendar* months, not 30-day blocks, because that is how the core team
reads "more than 6 months": 31 August + 6 months is the last day of February. Ages count completed
years, because the registration criteria speak of "12 up to 27 years old".

Nothing here reads the real clock: every "today" is a parameter, so the rules are testable and
the yearly summary can be recomputed for any past day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from zvkd_desktop.errors import ValidationError

__all__ = ["add_months", "age_on", "birthday_at_age", "format_nl", "parse_nl"]

_NL_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole calendar months, clamped to the end of the target month.

    Clamping (31 Aug + 6 = 28 Feb, or 29 Feb in a leap year) rather than spilling into the next
    month keeps "6 months later" inside the sixth month, as a person counting on a calendar would.
    ``months`` may be negative (used to find the start of a warning window before a date).
    """
    year, month_index = divmod(d.year * 12 + d.month - 1 + months, 12)
    month = month_index + 1
    day = d.day
    if day > 28:  # only then can the target month be too short (the signals call this a lot)
        day = min(day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def birthday_at_age(date_of_birth: date, age: int) -> date:
    """The day a youth born on ``date_of_birth`` turns ``age``.

    Someone born on 29 February turns a year older on 1 March in non-leap years: until the end of
    28 February they have not yet lived the full year. :func:`age_on` uses the same choice, so the
    two always agree (``age_on(dob, birthday_at_age(dob, n)) == n``).
    """
    year = date_of_birth.year + age
    if date_of_birth.month == 2 and date_of_birth.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return date(year, date_of_birth.month, date_of_birth.day)


def age_on(date_of_birth: date, on: date) -> int:
    """Completed years on ``on`` (a 29 February birthday counts from 1 March in non-leap years).

    A day before the date of birth has no age; asking for one is a bug in the caller, so it raises
    ``ValueError`` rather than returning a negative number that could slip through a comparison.
    """
    if on < date_of_birth:
        raise ValueError("age_on: 'on' lies before the date of birth")
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def format_nl(d: date) -> str:
    """The Dutch notation dd-mm-jjjj (``14-03-2024``), as Dutch professionals write dates."""
    return "%02d-%02d-%04d" % (d.day, d.month, d.year)  # noqa: UP031 - twice as fast, called a lot


def parse_nl(text: str) -> date:
    """Read d-m-jjjj or dd-mm-jjjj (surrounding spaces allowed); refuse anything else plainly.

    Impossible dates (31-02-2024) are refused rather than rolled over, because a typing mistake in
    a date of birth or contact date would otherwise silently move a case's deadlines.
    """
    stripped = text.strip()
    match = _NL_DATE.fullmatch(stripped)
    if match is None:
        raise ValidationError(
            f"'{stripped}' is geen geldige datum. Gebruik dd-mm-jjjj, bijvoorbeeld 14-03-2024.",
            code="invalid_date",
        )
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(
            f"De datum {stripped} bestaat niet. Controleer dag en maand (dd-mm-jjjj).",
            code="invalid_date",
        ) from None
