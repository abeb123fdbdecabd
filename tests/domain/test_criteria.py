"""The registration criteria: 12 <= age < 27 at registration, police contacts or serious
concerns, problems on more than one life domain, cooperation across chains. The core team may
decide against them, but only with a written reason."""

from __future__ import annotations

from datetime import date

import pytest

from zvkd_desktop.domain.criteria import (
    MAX_AGE_EXCLUSIVE,
    MIN_AGE,
    CriteriaAssessment,
    Criterion,
    assess_criteria,
    check_decision,
)
from zvkd_desktop.errors import ValidationError

REGISTERED = date(2024, 3, 14)


def assess(
    date_of_birth: date = date(2008, 1, 1),
    *,
    registered_on: date = REGISTERED,
    police_contacts: bool = True,
    serious_concerns: bool = False,
    multiple_domains: bool = True,
    cross_chain: bool = True,
) -> CriteriaAssessment:
    return assess_criteria(
        date_of_birth=date_of_birth,
        registered_on=registered_on,
        police_contacts=police_contacts,
        serious_concerns=serious_concerns,
        multiple_domains=multiple_domains,
        cross_chain=cross_chain,
    )


def born_years_before(years: int, on: date = REGISTERED) -> date:
    return on.replace(year=on.year - years)


def test_the_limits_are_12_up_to_27() -> None:
    assert (MIN_AGE, MAX_AGE_EXCLUSIVE) == (12, 27)


def test_labels_are_dutch() -> None:
    assert [c.label for c in Criterion] == [
        "Leeftijd 12 tot 27 jaar",
        "Politiecontacten of ernstige zorgen",
        "Problemen op meer dan één leefgebied",
        "Samenwerking tussen ketens nodig",
    ]


def test_a_youth_meeting_every_criterion() -> None:
    assessment = assess()
    assert assessment.all_met
    assert assessment.failing == []
    assert assessment.age == 16
    assert assessment.age_ok


# --- age at registration -----------------------------------------------------------------------


def test_11_is_too_young() -> None:
    assessment = assess(date(2012, 3, 15))  # turns 12 the day after registration
    assert assessment.age == 11
    assert not assessment.age_ok
    assert assessment.failing == [Criterion.AGE]


def test_12th_birthday_on_the_registration_day_qualifies() -> None:
    assessment = assess(born_years_before(12))
    assert assessment.age == 12
    assert assessment.age_ok


def test_26_qualifies_up_to_the_day_before_the_27th_birthday() -> None:
    assessment = assess(date(1997, 3, 15))  # turns 27 the day after registration
    assert assessment.age == 26
    assert assessment.age_ok
    assert assessment.all_met


def test_27th_birthday_on_the_registration_day_is_too_old() -> None:
    assessment = assess(born_years_before(27))
    assert assessment.age == 27
    assert not assessment.age_ok
    assert assessment.failing == [Criterion.AGE]


def test_born_on_29_february_turns_12_on_that_day() -> None:
    born = date(2012, 2, 29)  # the 12th birthday always falls in a leap year
    assert assess(born, registered_on=date(2024, 2, 28)).age == 11
    assert assess(born, registered_on=date(2024, 2, 29)).age == 12


def test_born_on_29_february_turns_27_on_1_march_in_a_common_year() -> None:
    born = date(1996, 2, 29)
    assert assess(born, registered_on=date(2023, 2, 28)).age_ok  # still 26
    assessment = assess(born, registered_on=date(2023, 3, 1))
    assert assessment.age == 27
    assert not assessment.age_ok


def test_a_date_of_birth_after_registration_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        assess(date(2024, 3, 15))
    assert refused.value.code == "born_after_registration"


# --- the other criteria ------------------------------------------------------------------------


def test_serious_concerns_alone_are_enough_without_police_contacts() -> None:
    assert assess(police_contacts=False, serious_concerns=True).all_met


def test_neither_police_contacts_nor_concerns_fails() -> None:
    assessment = assess(police_contacts=False, serious_concerns=False)
    assert assessment.failing == [Criterion.POLICE_OR_CONCERNS]


def test_problems_on_only_one_life_domain_fail() -> None:
    assert assess(multiple_domains=False).failing == [Criterion.MULTIPLE_DOMAINS]


def test_no_need_for_cross_chain_cooperation_fails() -> None:
    assert assess(cross_chain=False).failing == [Criterion.CROSS_CHAIN]


def test_failing_criteria_are_listed_in_a_fixed_order() -> None:
    assessment = assess(
        born_years_before(30), police_contacts=False, multiple_domains=False, cross_chain=False
    )
    assert assessment.failing == list(Criterion)
    assert not assessment.all_met


# --- the decision ------------------------------------------------------------------------------


def test_admitting_when_all_criteria_are_met_needs_no_reason() -> None:
    check_decision(assess(), admit=True, reason=None)


def test_not_admitting_when_a_criterion_fails_needs_no_reason() -> None:
    check_decision(assess(cross_chain=False), admit=False, reason=None)


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_admitting_against_the_criteria_needs_a_written_reason(reason: str | None) -> None:
    assessment = assess(born_years_before(27), cross_chain=False)
    with pytest.raises(ValidationError) as refused:
        check_decision(assessment, admit=True, reason=reason)
    assert refused.value.code == "decision_needs_reason"
    message = refused.value.message
    assert "Leeftijd 12 tot 27 jaar (bij aanmelding 27 jaar)" in message
    assert "Samenwerking tussen ketens nodig" in message
    assert "Problemen op meer dan één leefgebied" not in message


def test_admitting_against_the_criteria_with_a_reason_is_allowed() -> None:
    assessment = assess(born_years_before(27))
    check_decision(assessment, admit=True, reason="Broer zit al in de PAD; samen aanpakken.")


@pytest.mark.parametrize("reason", [None, " "])
def test_not_admitting_while_all_criteria_are_met_needs_a_written_reason(
    reason: str | None,
) -> None:
    with pytest.raises(ValidationError) as refused:
        check_decision(assess(), admit=False, reason=reason)
    assert refused.value.code == "decision_needs_reason"
    assert "Niet opnemen" in refused.value.message


def test_not_admitting_while_all_criteria_are_met_with_a_reason_is_allowed() -> None:
    check_decision(assess(), admit=False, reason="Jeugdreclassering pakt dit al op.")
