"""The closure rule (DOMAIN.md): R = the later of admission and the latest negative police contact;
E = R + 6 calendar months + 1 day; closing "more than 6 months not negatively in view of the
police" is refused before E, other reasons are allowed on any day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zvkd_desktop.domain.closure_rule import (
    ClosureStatus,
    check_closure,
    closure_status,
    negative_dates,
)
from zvkd_desktop.domain.dates import add_months
from zvkd_desktop.domain.vocabulary import ClosureReason
from zvkd_desktop.errors import ValidationError

DAY = timedelta(days=1)
POLICE_FREE_REASONS = [r for r in ClosureReason if r.needs_police_free_period]
OTHER_REASONS = [r for r in ClosureReason if not r.needs_police_free_period]


# --- the reference date and the eligible date --------------------------------------------------


def test_without_police_contacts_the_case_is_measured_from_admission() -> None:
    status = closure_status(date(2023, 9, 13), [])
    assert status.reference_date == date(2023, 9, 13)
    assert status.latest_negative_contact is None
    assert status.eligible_date == date(2024, 3, 14)
    assert status.months == 6


def test_the_latest_negative_contact_after_admission_is_the_reference_date() -> None:
    status = closure_status(date(2023, 1, 10), [date(2023, 4, 2), date(2023, 7, 20)])
    assert status.reference_date == date(2023, 7, 20)
    assert status.latest_negative_contact == date(2023, 7, 20)
    assert status.eligible_date == date(2024, 1, 21)


def test_admitted_31_august_becomes_eligible_on_1_march_in_a_leap_year() -> None:
    # 31 Aug 2023 + 6 months = 29 Feb 2024 (clamped); E is the day after.
    assert closure_status(date(2023, 8, 31), []).eligible_date == date(2024, 3, 1)


def test_admitted_31_august_becomes_eligible_on_1_march_in_a_common_year() -> None:
    # 31 Aug 2022 + 6 months = 28 Feb 2023 (clamped); E is the day after.
    assert closure_status(date(2022, 8, 31), []).eligible_date == date(2023, 3, 1)


def test_a_contact_on_31_august_clamps_the_same_way() -> None:
    status = closure_status(date(2023, 5, 1), [date(2023, 8, 31)])
    assert status.eligible_date == date(2024, 3, 1)


def test_admitted_on_29_february() -> None:
    assert closure_status(date(2024, 2, 29), []).eligible_date == date(2024, 8, 30)
    # With a 12-month policy the anniversary falls in a common year: 28 Feb 2025, so E = 1 Mar.
    assert closure_status(date(2024, 2, 29), [], months=12).eligible_date == date(2025, 3, 1)


def test_a_contact_on_the_admission_day_changes_nothing() -> None:
    admitted = date(2023, 9, 13)
    status = closure_status(admitted, [admitted])
    assert status.reference_date == admitted
    assert status.latest_negative_contact == admitted
    assert status.eligible_date == closure_status(admitted, []).eligible_date


def test_a_contact_before_admission_does_not_count_against_the_case() -> None:
    admitted = date(2023, 9, 13)
    status = closure_status(admitted, [date(2023, 8, 1)])
    assert status.reference_date == admitted
    assert status.latest_negative_contact == date(2023, 8, 1)
    assert status.eligible_date == date(2024, 3, 14)


def test_a_contact_on_the_day_before_e_moves_e() -> None:
    admitted = date(2023, 9, 13)
    e = closure_status(admitted, []).eligible_date
    status = closure_status(admitted, [e - DAY])
    assert status.reference_date == e - DAY
    assert status.eligible_date == add_months(e - DAY, 6) + DAY
    assert not status.is_eligible(e)


def test_a_contact_on_e_itself_moves_e() -> None:
    admitted = date(2023, 9, 13)
    e = closure_status(admitted, []).eligible_date
    # The day before, nobody knows of the contact yet: still not eligible, and E unchanged.
    before = closure_status(admitted, [e], on=e - DAY)
    assert before.eligible_date == e
    assert not before.is_eligible(e - DAY)
    # On E the contact is known: the case does not become eligible that day.
    status = closure_status(admitted, [e], on=e)
    assert status.reference_date == e
    assert status.eligible_date == date(2024, 9, 15)
    assert not status.is_eligible(e)


def test_a_contact_after_e_takes_eligibility_away_again() -> None:
    admitted = date(2023, 9, 13)
    contact = date(2024, 5, 1)
    assert closure_status(admitted, [contact], on=contact - DAY).is_eligible(contact - DAY)
    status = closure_status(admitted, [contact], on=contact)
    assert not status.is_eligible(contact)
    assert status.eligible_date == date(2024, 11, 2)


def test_several_contacts_on_one_day_count_as_one() -> None:
    day = date(2023, 11, 5)
    once = closure_status(date(2023, 9, 13), [day])
    thrice = closure_status(date(2023, 9, 13), [day, day, day])
    assert thrice == once


def test_the_order_of_the_contacts_does_not_matter() -> None:
    contacts = [date(2023, 12, 1), date(2023, 10, 1), date(2023, 11, 1)]
    assert closure_status(date(2023, 9, 13), contacts) == closure_status(
        date(2023, 9, 13), sorted(contacts)
    )


def test_non_negative_contacts_do_not_count() -> None:
    contacts = [(date(2023, 10, 1), True), (date(2024, 1, 20), False), (date(2023, 8, 1), True)]
    assert negative_dates(contacts) == [date(2023, 10, 1), date(2023, 8, 1)]
    status = closure_status(date(2023, 9, 13), negative_dates(contacts))
    assert status.reference_date == date(2023, 10, 1)
    assert status.eligible_date == date(2024, 4, 2)


def test_contacts_after_the_as_of_day_are_not_known_yet() -> None:
    contacts = [date(2023, 10, 1), date(2024, 2, 1)]
    status = closure_status(date(2023, 9, 13), contacts, on=date(2024, 1, 31))
    assert status.latest_negative_contact == date(2023, 10, 1)
    assert status.eligible_date == date(2024, 4, 2)


def test_a_contact_on_the_as_of_day_is_known() -> None:
    status = closure_status(date(2023, 9, 13), [date(2024, 2, 1)], on=date(2024, 2, 1))
    assert status.latest_negative_contact == date(2024, 2, 1)


def test_a_changed_policy_of_3_months() -> None:
    status = closure_status(date(2023, 8, 31), [], months=3)
    assert status.months == 3
    assert status.eligible_date == date(2023, 12, 1)  # 30 Nov (clamped) + 1 day
    contact = closure_status(date(2023, 8, 31), [date(2023, 11, 30)], months=3)
    assert contact.eligible_date == date(2024, 3, 1)  # 29 Feb 2024 + 1 day


def test_the_policy_period_must_be_at_least_a_month() -> None:
    with pytest.raises(ValueError):
        closure_status(date(2023, 9, 13), [], months=0)


# --- eligibility and days to go ----------------------------------------------------------------


def test_eligible_from_e_on_not_the_day_before() -> None:
    status = closure_status(date(2023, 9, 13), [])
    assert not status.is_eligible(date(2024, 3, 13))
    assert status.is_eligible(date(2024, 3, 14))
    assert status.is_eligible(date(2025, 1, 1))


def test_days_to_go_counts_down_to_zero() -> None:
    status = closure_status(date(2023, 9, 13), [])
    assert status.days_to_go(date(2024, 2, 20)) == 23
    assert status.days_to_go(date(2024, 3, 13)) == 1
    assert status.days_to_go(date(2024, 3, 14)) == 0
    assert status.days_to_go(date(2024, 6, 1)) == 0


# --- checking a closure ------------------------------------------------------------------------


@pytest.mark.parametrize("reason", POLICE_FREE_REASONS)
def test_closing_the_day_before_e_is_refused_and_the_message_names_e(
    reason: ClosureReason,
) -> None:
    status = closure_status(date(2023, 9, 13), [])
    with pytest.raises(ValidationError) as refused:
        check_closure(reason, date(2024, 3, 13), status)
    assert refused.value.code == "closure_before_eligible"
    assert "14-03-2024" in refused.value.message
    assert "(nog 1 dag)" in refused.value.message


def test_the_refusal_reads_as_the_rule() -> None:
    status = closure_status(date(2023, 9, 13), [])
    with pytest.raises(ValidationError) as refused:
        check_closure(ClosureReason.POLICE_FREE, date(2024, 2, 20), status)
    assert refused.value.message == (
        "Afsluiten met deze reden kan pas vanaf 14-03-2024: de jongere is dan meer dan 6 maanden "
        "niet negatief in beeld bij de politie (nog 23 dagen)."
    )


def test_the_refusal_names_the_policy_setting() -> None:
    status = closure_status(date(2023, 9, 13), [], months=3)
    with pytest.raises(ValidationError) as refused:
        check_closure(ClosureReason.POLICE_FREE, date(2023, 12, 1), status)
    assert "meer dan 3 maanden" in refused.value.message
    assert "14-12-2023" in refused.value.message


@pytest.mark.parametrize("reason", POLICE_FREE_REASONS)
def test_closing_on_e_is_allowed(reason: ClosureReason) -> None:
    status = closure_status(date(2023, 9, 13), [])
    check_closure(reason, date(2024, 3, 14), status)
    check_closure(reason, date(2024, 9, 1), status)


@pytest.mark.parametrize("reason", OTHER_REASONS)
def test_other_reasons_are_allowed_on_any_day_from_admission(reason: ClosureReason) -> None:
    admitted = date(2023, 9, 13)
    status = closure_status(admitted, [date(2024, 3, 1)])
    for closing in (admitted, admitted + DAY, date(2024, 3, 1), status.eligible_date - DAY):
        check_closure(reason, closing, status)


@pytest.mark.parametrize("reason", list(ClosureReason))
def test_no_reason_allows_closing_before_admission(reason: ClosureReason) -> None:
    status = closure_status(date(2023, 9, 13), [])
    with pytest.raises(ValidationError) as refused:
        check_closure(reason, date(2023, 9, 12), status)
    assert refused.value.code == "closure_before_admission"
    assert "13-09-2023" in refused.value.message


def test_a_hand_built_status_without_admission_date_checks_only_e() -> None:
    status = ClosureStatus(
        reference_date=date(2023, 9, 13),
        eligible_date=date(2024, 3, 14),
        latest_negative_contact=None,
        months=6,
    )
    check_closure(ClosureReason.OTHER, date(2000, 1, 1), status)
    with pytest.raises(ValidationError):
        check_closure(ClosureReason.POLICE_FREE, date(2024, 3, 13), status)


# --- properties --------------------------------------------------------------------------------

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
contact_lists = st.lists(days, max_size=8)
policies = st.integers(min_value=1, max_value=24)


@given(days, contact_lists, policies)
def test_e_is_always_after_r_by_more_than_the_policy_period(
    admitted: date, contacts: list[date], months: int
) -> None:
    status = closure_status(admitted, contacts, months=months)
    assert status.eligible_date > status.reference_date
    assert status.eligible_date - DAY == add_months(status.reference_date, months)
    assert status.reference_date >= admitted
    assert all(status.reference_date >= c for c in contacts)


@given(days, contact_lists, days, policies)
def test_a_new_negative_contact_never_moves_e_earlier(
    admitted: date, contacts: list[date], new_contact: date, months: int
) -> None:
    before = closure_status(admitted, contacts, months=months)
    after = closure_status(admitted, [*contacts, new_contact], months=months)
    assert after.eligible_date >= before.eligible_date


@given(days, contact_lists, policies, st.integers(min_value=0, max_value=2000))
def test_never_eligible_within_the_policy_period_after_admission(
    admitted: date, contacts: list[date], months: int, offset: int
) -> None:
    on = admitted + timedelta(days=offset)
    status = closure_status(admitted, contacts, on=on, months=months)
    if status.is_eligible(on):
        assert on > add_months(admitted, months)


@given(days, contact_lists, days)
def test_as_of_a_day_equals_the_rule_on_the_contacts_known_that_day(
    admitted: date, contacts: list[date], on: date
) -> None:
    known = [c for c in contacts if c <= on]
    assert closure_status(admitted, contacts, on=on) == closure_status(admitted, known)
