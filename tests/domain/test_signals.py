"""The signals the core team sees: each applies from a fixed day on ("since"), only for cases
running on the day asked about, and only from facts known on that day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from zvkd_desktop.domain.signals import (
    CaseFacts,
    PendingRegistrationFacts,
    Signal,
    SignalKind,
    SignalSettings,
    compute_signals,
)

DAY = timedelta(days=1)
CASE_ID = UUID(int=1)
YOUTH_ID = UUID(int=2)
COACH_ID = UUID(int=3)


def a_case(**changes: Any) -> CaseFacts:
    facts = CaseFacts(
        case_id=CASE_ID,
        youth_id=YOUTH_ID,
        admitted_on=date(2023, 9, 13),
        closed_on=None,
        date_of_birth=date(2008, 6, 15),
        birth_year=2008,
        negative_police_contacts=(),
        last_review_on=None,
        next_review_on=None,
        last_coach_contact_on=None,
        open_action_due_dates=(),
        coach_id=COACH_ID,
    )
    return replace(facts, **changes)


def signals_of(
    kind: SignalKind,
    on: date,
    case: CaseFacts | None = None,
    pending: tuple[PendingRegistrationFacts, ...] = (),
    settings: SignalSettings | None = None,
) -> list[Signal]:
    cases = [case] if case is not None else []
    found = compute_signals(on, cases, pending, settings or SignalSettings())
    return [signal for signal in found if signal.kind is kind]


def test_kinds_have_dutch_labels_and_english_values() -> None:
    assert [(k.value, k.label) for k in SignalKind] == [
        ("eligible_for_closure", "Afsluitbaar"),
        ("review_overdue", "Bespreking te laat"),
        ("no_coach_contact", "Geen contact met coach"),
        ("registration_pending", "Aanmelding wacht op besluit"),
        ("new_police_contact", "Nieuw negatief politiecontact"),
        ("action_overdue", "Actie over datum"),
        ("turns_27", "Wordt binnenkort 27"),
    ]


def test_default_settings_are_todays_policy() -> None:
    assert SignalSettings() == SignalSettings(
        policy_months=6, coach_contact_weeks=4, pending_days=14, turns_27_months=3
    )


# --- eligible for closure ----------------------------------------------------------------------


def test_eligible_for_closure_from_e_on() -> None:
    case = a_case()  # admitted 13-09-2023, so E = 14-03-2024
    assert signals_of(SignalKind.ELIGIBLE_FOR_CLOSURE, date(2024, 3, 13), case) == []
    [signal] = signals_of(SignalKind.ELIGIBLE_FOR_CLOSURE, date(2024, 3, 14), case)
    assert signal.since == date(2024, 3, 14)
    assert signal.reason == "Afsluitbaar sinds 14-03-2024"
    assert (signal.case_id, signal.youth_id, signal.coach_id) == (CASE_ID, YOUTH_ID, COACH_ID)
    assert signal.registration_id is None


def test_a_later_police_contact_is_not_known_yet_but_ends_eligibility_on_its_day() -> None:
    case = a_case(negative_police_contacts=(date(2024, 4, 2),))
    assert signals_of(SignalKind.ELIGIBLE_FOR_CLOSURE, date(2024, 4, 1), case)
    assert signals_of(SignalKind.ELIGIBLE_FOR_CLOSURE, date(2024, 4, 2), case) == []


def test_eligibility_follows_the_policy_setting() -> None:
    three_months = SignalSettings(policy_months=3)
    case = a_case()
    eligible = SignalKind.ELIGIBLE_FOR_CLOSURE
    assert signals_of(eligible, date(2023, 12, 13), case, (), three_months) == []
    [signal] = signals_of(eligible, date(2023, 12, 14), case, (), three_months)
    assert signal.since == date(2023, 12, 14)
    assert signals_of(eligible, date(2023, 12, 14), case) == []  # 6 months by default


# --- review overdue ----------------------------------------------------------------------------


def test_review_overdue_the_day_after_the_planned_review() -> None:
    case = a_case(next_review_on=date(2024, 1, 15))
    assert signals_of(SignalKind.REVIEW_OVERDUE, date(2024, 1, 15), case) == []
    [signal] = signals_of(SignalKind.REVIEW_OVERDUE, date(2024, 1, 16), case)
    assert signal.since == date(2024, 1, 16)
    assert "15-01-2024" in signal.reason


def test_no_planned_review_is_never_overdue() -> None:
    assert signals_of(SignalKind.REVIEW_OVERDUE, date(2030, 1, 1), a_case()) == []


# --- no coach contact --------------------------------------------------------------------------


def test_no_coach_contact_more_than_4_weeks_after_the_last_contact() -> None:
    case = a_case(last_coach_contact_on=date(2024, 2, 1))  # + 4 weeks = 29-02-2024
    assert signals_of(SignalKind.NO_COACH_CONTACT, date(2024, 2, 29), case) == []
    [signal] = signals_of(SignalKind.NO_COACH_CONTACT, date(2024, 3, 1), case)
    assert signal.since == date(2024, 3, 1)
    assert signal.reason == "Laatste contact met coach op 01-02-2024"


def test_without_any_coach_contact_the_weeks_count_from_admission() -> None:
    case = a_case()  # admitted 13-09-2023 + 4 weeks = 11-10-2023
    assert signals_of(SignalKind.NO_COACH_CONTACT, date(2023, 10, 11), case) == []
    [signal] = signals_of(SignalKind.NO_COACH_CONTACT, date(2023, 10, 12), case)
    assert signal.since == date(2023, 10, 12)
    assert "sinds opname op 13-09-2023" in signal.reason


def test_a_coach_contact_dated_after_the_day_is_not_known_yet() -> None:
    case = a_case(last_coach_contact_on=date(2023, 11, 1))
    [signal] = signals_of(SignalKind.NO_COACH_CONTACT, date(2023, 10, 20), case)
    assert signal.since == date(2023, 10, 12)


def test_a_coach_contact_before_admission_does_not_shorten_the_first_weeks() -> None:
    case = a_case(last_coach_contact_on=date(2023, 8, 1))
    assert signals_of(SignalKind.NO_COACH_CONTACT, date(2023, 10, 11), case) == []


def test_the_coach_contact_weeks_are_a_setting() -> None:
    case = a_case(last_coach_contact_on=date(2024, 2, 1))
    two_weeks = SignalSettings(coach_contact_weeks=2)
    assert signals_of(SignalKind.NO_COACH_CONTACT, date(2024, 2, 15), case, (), two_weeks) == []
    assert signals_of(SignalKind.NO_COACH_CONTACT, date(2024, 2, 16), case, (), two_weeks)


# --- registration pending ----------------------------------------------------------------------

REGISTRATION = PendingRegistrationFacts(
    registration_id=UUID(int=9), youth_id=UUID(int=8), registered_on=date(2024, 3, 1)
)


def test_a_registration_waits_too_long_after_14_days() -> None:
    assert (
        signals_of(SignalKind.REGISTRATION_PENDING, date(2024, 3, 15), None, (REGISTRATION,)) == []
    )
    [signal] = signals_of(SignalKind.REGISTRATION_PENDING, date(2024, 3, 16), None, (REGISTRATION,))
    assert signal.since == date(2024, 3, 16)
    assert "01-03-2024" in signal.reason
    assert signal.registration_id == UUID(int=9)
    assert signal.youth_id == UUID(int=8)
    assert signal.case_id is None
    assert signal.coach_id is None


def test_a_registration_dated_after_the_day_is_not_known_yet() -> None:
    assert (
        signals_of(SignalKind.REGISTRATION_PENDING, date(2024, 2, 1), None, (REGISTRATION,)) == []
    )


# --- new negative police contact ---------------------------------------------------------------


def test_a_contact_after_the_last_review_is_new_from_its_own_day() -> None:
    case = a_case(
        last_review_on=date(2024, 1, 10),
        negative_police_contacts=(date(2024, 1, 10), date(2024, 1, 11)),
    )
    assert signals_of(SignalKind.NEW_POLICE_CONTACT, date(2024, 1, 10), case) == []
    [signal] = signals_of(SignalKind.NEW_POLICE_CONTACT, date(2024, 1, 11), case)
    assert signal.since == date(2024, 1, 11)
    assert signal.reason == "Negatief politiecontact op 11-01-2024, na de bespreking van 10-01-2024"


def test_the_earliest_new_contact_is_the_start() -> None:
    case = a_case(
        last_review_on=date(2024, 1, 10),
        negative_police_contacts=(date(2024, 2, 20), date(2024, 1, 25), date(2024, 5, 1)),
    )
    [signal] = signals_of(SignalKind.NEW_POLICE_CONTACT, date(2024, 3, 1), case)
    assert signal.since == date(2024, 1, 25)
    assert signal.reason.startswith("2 negatieve politiecontacten")


def test_never_reviewed_counts_from_admission_and_the_admission_day_is_not_new() -> None:
    case = a_case(negative_police_contacts=(date(2023, 9, 13),))
    assert signals_of(SignalKind.NEW_POLICE_CONTACT, date(2023, 10, 1), case) == []
    later = a_case(negative_police_contacts=(date(2023, 9, 13), date(2023, 9, 14)))
    [signal] = signals_of(SignalKind.NEW_POLICE_CONTACT, date(2023, 10, 1), later)
    assert signal.since == date(2023, 9, 14)
    assert "na de opname op 13-09-2023" in signal.reason


def test_a_review_dated_after_the_day_had_not_yet_discussed_the_contact() -> None:
    case = a_case(last_review_on=date(2024, 3, 10), negative_police_contacts=(date(2024, 3, 5),))
    assert signals_of(SignalKind.NEW_POLICE_CONTACT, date(2024, 3, 8), case)
    assert signals_of(SignalKind.NEW_POLICE_CONTACT, date(2024, 3, 10), case) == []


# --- plan action overdue -----------------------------------------------------------------------


def test_an_open_action_is_overdue_the_day_after_its_due_date() -> None:
    case = a_case(open_action_due_dates=(date(2024, 3, 1),))
    assert signals_of(SignalKind.ACTION_OVERDUE, date(2024, 3, 1), case) == []
    [signal] = signals_of(SignalKind.ACTION_OVERDUE, date(2024, 3, 2), case)
    assert signal.since == date(2024, 3, 2)
    assert signal.reason == "1 actie over datum (uiterlijk 01-03-2024)"


def test_one_signal_for_several_overdue_actions_from_the_oldest() -> None:
    case = a_case(open_action_due_dates=(date(2024, 3, 1), date(2024, 2, 1), date(2024, 6, 1)))
    [signal] = signals_of(SignalKind.ACTION_OVERDUE, date(2024, 4, 1), case)
    assert signal.since == date(2024, 2, 2)
    assert signal.reason == "2 acties over datum (oudste uiterlijk 01-02-2024)"


# --- turns 27 ----------------------------------------------------------------------------------


def test_turns_27_within_3_months() -> None:
    case = a_case(date_of_birth=date(1997, 6, 15), birth_year=1997)  # 27 on 15-06-2024
    assert signals_of(SignalKind.TURNS_27, date(2024, 3, 14), case) == []
    [signal] = signals_of(SignalKind.TURNS_27, date(2024, 3, 15), case)
    assert signal.since == date(2024, 3, 15)
    assert signal.reason == "Wordt 27 op 15-06-2024"
    assert signals_of(SignalKind.TURNS_27, date(2024, 6, 14), case)
    assert signals_of(SignalKind.TURNS_27, date(2024, 6, 15), case) == []


def test_with_only_the_birth_year_the_27th_birthday_is_taken_as_1_january() -> None:
    case = a_case(date_of_birth=None, birth_year=1997)  # counted as 27 on 01-01-2024
    assert signals_of(SignalKind.TURNS_27, date(2023, 9, 30), case) == []
    [signal] = signals_of(SignalKind.TURNS_27, date(2023, 10, 1), case)
    assert signal.since == date(2023, 10, 1)
    assert "alleen geboortejaar bekend" in signal.reason
    assert signals_of(SignalKind.TURNS_27, date(2024, 1, 1), case) == []


def test_born_on_29_february_turns_27_on_1_march_in_a_common_year() -> None:
    case = a_case(admitted_on=date(2022, 6, 1), date_of_birth=date(1996, 2, 29), birth_year=1996)
    # 27 on 01-03-2023, so the 3-month window starts on 01-12-2022
    [signal] = signals_of(SignalKind.TURNS_27, date(2023, 2, 28), case)
    assert signal.since == date(2022, 12, 1)
    assert signals_of(SignalKind.TURNS_27, date(2023, 3, 1), case) == []


# --- which cases, which facts ------------------------------------------------------------------

NOISY = a_case(
    next_review_on=date(2024, 1, 1),
    negative_police_contacts=(date(2023, 10, 1),),
    open_action_due_dates=(date(2024, 1, 1),),
)


def test_a_case_closed_on_or_before_the_day_gives_no_signals() -> None:
    on = date(2024, 5, 1)
    assert compute_signals(on, [replace(NOISY, closed_on=on)], []) == []
    assert compute_signals(on, [replace(NOISY, closed_on=date(2024, 4, 1))], []) == []
    assert compute_signals(on, [replace(NOISY, closed_on=on + DAY)], []) != []


def test_a_case_admitted_after_the_day_gives_no_signals() -> None:
    on = date(2023, 9, 12)
    assert compute_signals(on, [replace(NOISY, admitted_on=on + DAY)], []) == []


def test_signals_are_sorted_by_kind_then_since_then_case() -> None:
    early = replace(NOISY, case_id=UUID(int=20))
    late = replace(NOISY, case_id=UUID(int=10), next_review_on=date(2024, 2, 1))
    pending = PendingRegistrationFacts(UUID(int=30), UUID(int=31), date(2024, 1, 1))
    found = compute_signals(date(2024, 5, 1), [late, early], [pending])
    keys = [(s.kind, s.since, s.case_id) for s in found]
    assert keys == [
        (SignalKind.ELIGIBLE_FOR_CLOSURE, date(2024, 4, 2), UUID(int=10)),
        (SignalKind.ELIGIBLE_FOR_CLOSURE, date(2024, 4, 2), UUID(int=20)),
        (SignalKind.REVIEW_OVERDUE, date(2024, 1, 2), UUID(int=20)),
        (SignalKind.REVIEW_OVERDUE, date(2024, 2, 2), UUID(int=10)),
        (SignalKind.NO_COACH_CONTACT, date(2023, 10, 12), UUID(int=10)),
        (SignalKind.NO_COACH_CONTACT, date(2023, 10, 12), UUID(int=20)),
        (SignalKind.REGISTRATION_PENDING, date(2024, 1, 16), None),
        (SignalKind.NEW_POLICE_CONTACT, date(2023, 10, 1), UUID(int=10)),
        (SignalKind.NEW_POLICE_CONTACT, date(2023, 10, 1), UUID(int=20)),
        (SignalKind.ACTION_OVERDUE, date(2024, 1, 2), UUID(int=10)),
        (SignalKind.ACTION_OVERDUE, date(2024, 1, 2), UUID(int=20)),
    ]


def test_nothing_to_report_on_the_day_of_admission() -> None:
    assert compute_signals(date(2023, 9, 13), [a_case()], []) == []


def test_the_inputs_may_be_one_pass_iterators() -> None:
    on = date(2024, 5, 1)
    assert compute_signals(on, iter([NOISY]), iter([])) == compute_signals(on, [NOISY], [])
