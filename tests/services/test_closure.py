"""Closing and reopening a case through the services, at the edges of the closure rule.

The rule (DOMAIN.md): R = the later of admission and the youth's latest negative police contact;
E = R + 6 calendar months + 1 day. Closing "more than 6 months not negatively in view of the
police" before E is refused with a message naming E; other reasons are allowed on any day.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import func, select

from tests.services.conftest import FixedClock, Partners
from tests.services.lifecycle import (
    add_police_contacts,
    admitted_case,
    audit_entries,
    register,
    youth_of,
)
from zvkd_desktop.domain.vocabulary import ClosureReason, Decision
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services import registration_views
from zvkd_desktop.services.audit import verify_chain
from zvkd_desktop.services.case_views import get_case
from zvkd_desktop.services.cases import (
    change_coach,
    close_case,
    closure_preview,
    closure_status_of,
    reopen_case,
    undo_close_case,
)
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.settings import set_setting
from zvkd_desktop.services.signals import closable_on as closable_cases
from zvkd_desktop.store.models import PoliceContact, Registration

ADMITTED = dt.date(2023, 3, 10)
ELIGIBLE = dt.date(2023, 9, 11)  # 10 March + 6 months = 10 September; E is the day after
POLICE_FREE = ClosureReason.POLICE_FREE


@pytest.fixture
def case_id(ctx: ServiceContext, partners: Partners) -> uuid.UUID:
    return admitted_case(ctx, partners, admitted_on=ADMITTED)


def _refusal(action: object) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        action()  # type: ignore[operator]
    return refused.value


# -- the 6-month reasons -------------------------------------------------------------------------


def test_closing_police_free_the_day_before_the_eligible_date_is_refused_naming_it(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    refused = _refusal(
        lambda: close_case(
            ctx, case_id, closed_on=ELIGIBLE - dt.timedelta(days=1), reason=POLICE_FREE
        )
    )
    assert refused.code == "closure_before_eligible"
    assert "11-09-2023" in refused.message
    assert get_case(ctx, case_id).closed_on is None


def test_closing_police_free_on_the_eligible_date_is_allowed_and_audited(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    close_case(ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE, handover_note="Gaat naar mbo")
    case = get_case(ctx, case_id)
    assert (case.closed_on, case.closure_reason, case.handover_note) == (
        ELIGIBLE,
        POLICE_FREE,
        "Gaat naar mbo",
    )
    entry = audit_entries(ctx.store, "pad_case")[-1]
    assert (entry.action, entry.case_id) == ("close", case_id)
    assert entry.changes["closed_on"] == [None, "2023-09-11"]
    assert entry.changes["closure_reason"] == [None, "police_free"]
    with ctx.store.read() as session:
        assert verify_chain(session) is None


def test_lost_contact_with_the_coach_closes_only_once_police_free_too(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    reason = ClosureReason.NO_CONTACT_POLICE_FREE
    refused = _refusal(
        lambda: close_case(ctx, case_id, closed_on=dt.date(2023, 9, 10), reason=reason)
    )
    assert refused.code == "closure_before_eligible"
    close_case(ctx, case_id, closed_on=ELIGIBLE, reason=reason)


def test_a_new_negative_police_contact_moves_the_eligible_date(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    add_police_contacts(ctx.store, youth_of(ctx.store, case_id), [dt.date(2023, 8, 31)])
    refused = _refusal(lambda: close_case(ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE))
    assert "01-03-2024" in refused.message  # 31 Aug + 6 months = 29 Feb 2024 (leap year) + 1 day


def test_a_police_contact_that_is_not_negative_does_not_count(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    add_police_contacts(
        ctx.store, youth_of(ctx.store, case_id), [dt.date(2023, 8, 31)], negative=False
    )
    close_case(ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE)


def test_a_removed_police_contact_does_not_count(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    add_police_contacts(ctx.store, youth_of(ctx.store, case_id), [dt.date(2023, 8, 31)])
    with ctx.store.transaction() as session:
        for contact in session.scalars(select(PoliceContact)):
            contact.tombstone()
    close_case(ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE)


def test_a_contact_before_admission_loses_to_the_admission_date(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    add_police_contacts(ctx.store, youth_of(ctx.store, case_id), [dt.date(2023, 2, 1)])
    status = closure_status_of(ctx, case_id, ELIGIBLE)
    assert (status.reference_date, status.eligible_date) == (ADMITTED, ELIGIBLE)
    assert status.latest_negative_contact == dt.date(2023, 2, 1)


def test_a_contact_dated_after_the_closure_date_does_not_block_that_closure(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    add_police_contacts(ctx.store, youth_of(ctx.store, case_id), [dt.date(2023, 12, 1)])
    close_case(ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE)


def test_a_case_admitted_on_31_august_is_eligible_on_1_march(
    ctx: ServiceContext, partners: Partners, clock: FixedClock
) -> None:
    clock.day = dt.date(2024, 3, 31)
    case_id = admitted_case(ctx, partners, admitted_on=dt.date(2023, 8, 31))
    assert (
        _refusal(
            lambda: close_case(ctx, case_id, closed_on=dt.date(2024, 2, 29), reason=POLICE_FREE)
        ).code
        == "closure_before_eligible"
    )
    close_case(ctx, case_id, closed_on=dt.date(2024, 3, 1), reason=POLICE_FREE)


def test_a_changed_policy_period_moves_the_eligible_date(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    set_setting(ctx, "policy_months", 3)
    status, _allowed = closure_preview(ctx, case_id, dt.date(2023, 6, 11))
    assert (status.months, status.eligible_date) == (3, dt.date(2023, 6, 11))
    close_case(ctx, case_id, closed_on=dt.date(2023, 6, 11), reason=POLICE_FREE)


# -- other reasons -------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", [ClosureReason.ESCALATED, ClosureReason.OTHER])
def test_other_reasons_may_close_on_any_day_of_the_case(
    ctx: ServiceContext, case_id: uuid.UUID, reason: ClosureReason
) -> None:
    close_case(ctx, case_id, closed_on=ADMITTED, reason=reason, reason_text="Zie verslag")
    assert get_case(ctx, case_id).closed_on == ADMITTED


def test_the_reason_other_needs_a_text(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    refused = _refusal(
        lambda: close_case(ctx, case_id, closed_on=ADMITTED, reason=ClosureReason.OTHER)
    )
    assert refused.code == "closure_reason_text_required"


def test_a_relocation_records_the_municipality_the_informed_date_and_the_transfer(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    close_case(
        ctx,
        case_id,
        closed_on=dt.date(2023, 5, 1),
        reason=ClosureReason.RELOCATION,
        relocation_municipality="Rijswijk",
        relocation_informed_on=dt.date(2023, 4, 28),
        transferred=True,
    )
    case = get_case(ctx, case_id)
    assert (case.relocation_municipality, case.relocation_informed_on, case.transferred) == (
        "Rijswijk",
        dt.date(2023, 4, 28),
        True,
    )


@pytest.mark.parametrize(
    ("details", "code"),
    [
        (
            {"relocation_informed_on": dt.date(2023, 4, 28), "transferred": False},
            "relocation_municipality_required",
        ),
        (
            {"relocation_municipality": "Rijswijk", "transferred": False},
            "relocation_informed_on_required",
        ),
        (
            {"relocation_municipality": "Rijswijk", "relocation_informed_on": dt.date(2023, 4, 28)},
            "transferred_required",
        ),
    ],
)
def test_a_relocation_without_its_details_is_refused(
    ctx: ServiceContext, case_id: uuid.UUID, details: dict[str, object], code: str
) -> None:
    refused = _refusal(
        lambda: close_case(
            ctx, case_id, closed_on=dt.date(2023, 5, 1), reason=ClosureReason.RELOCATION, **details
        )  # type: ignore[arg-type]
    )
    assert refused.code == code


def test_relocation_details_with_another_reason_are_refused(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    refused = _refusal(
        lambda: close_case(
            ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE, relocation_municipality="Rijswijk"
        )
    )
    assert refused.code == "relocation_details_without_relocation"


@pytest.mark.parametrize(
    ("closed_on", "code"),
    [
        (ADMITTED - dt.timedelta(days=1), "closure_before_admission"),
        (dt.date(2024, 1, 16), "closure_in_future"),
        (dt.date(2023, 9, 30), "closure_before_last_change"),
    ],
)
def test_a_closure_date_outside_the_case_is_refused(
    ctx: ServiceContext, partners: Partners, case_id: uuid.UUID, closed_on: dt.date, code: str
) -> None:
    change_coach(ctx, case_id, partners.coach_b.id, dt.date(2023, 10, 1))
    refused = _refusal(
        lambda: close_case(ctx, case_id, closed_on=closed_on, reason=ClosureReason.ESCALATED)
    )
    assert refused.code == code


def test_a_closed_case_cannot_be_closed_again(ctx: ServiceContext, case_id: uuid.UUID) -> None:
    close_case(ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE)
    refused = _refusal(
        lambda: close_case(ctx, case_id, closed_on=ELIGIBLE, reason=ClosureReason.ESCALATED)
    )
    assert refused.code == "case_already_closed"


# -- the preview and the overview ----------------------------------------------------------------


def test_the_close_dialog_offers_the_police_free_reasons_only_from_the_eligible_date(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    status, before = closure_preview(ctx, case_id, ELIGIBLE - dt.timedelta(days=1))
    assert status.eligible_date == ELIGIBLE
    assert status.days_to_go(ELIGIBLE - dt.timedelta(days=1)) == 1
    assert before == [ClosureReason.RELOCATION, ClosureReason.ESCALATED, ClosureReason.OTHER]
    _status, on_eligible = closure_preview(ctx, case_id, ELIGIBLE)
    assert on_eligible == list(ClosureReason)
    _status, before_admission = closure_preview(ctx, case_id, ADMITTED - dt.timedelta(days=1))
    assert before_admission == []


def test_the_closable_overview_gives_r_and_e_for_every_case_running_that_day(
    ctx: ServiceContext, partners: Partners, case_id: uuid.UUID
) -> None:
    youth = youth_of(ctx.store, case_id)
    add_police_contacts(ctx.store, youth, [dt.date(2023, 4, 2), dt.date(2023, 4, 2)])
    add_police_contacts(ctx.store, youth, [dt.date(2023, 5, 1)], negative=False)
    (row,) = closable_cases(ctx, dt.date(2023, 10, 2))
    assert (row.case_id, row.latest_negative_contact, row.reference_date) == (
        case_id,
        dt.date(2023, 4, 2),
        dt.date(2023, 4, 2),
    )
    assert (row.eligible_date, row.eligible, row.days_to_go) == (dt.date(2023, 10, 3), False, 1)
    assert closable_cases(ctx, dt.date(2023, 3, 9)) == []  # not yet admitted that day
    close_case(ctx, case_id, closed_on=dt.date(2023, 10, 3), reason=POLICE_FREE)
    assert [r.case_id for r in closable_cases(ctx, dt.date(2023, 10, 2))] == [case_id]
    assert closable_cases(ctx, dt.date(2023, 10, 3)) == []


# -- reopening -----------------------------------------------------------------------------------


def test_reopening_keeps_the_undone_closure_and_is_not_a_re_registration(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    close_case(ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE)
    reopen_case(ctx, case_id, reopened_on=dt.date(2023, 9, 20), reason="Nieuw incident gemist")
    case = get_case(ctx, case_id)
    assert (case.closed_on, case.closure_reason) == (None, None)
    (reopening,) = case.reopenings
    assert (reopening.reopened_on, reopening.undone_closed_on, reopening.undone_reason) == (
        dt.date(2023, 9, 20),
        ELIGIBLE,
        POLICE_FREE,
    )
    with ctx.store.read() as session:
        assert session.scalar(select(func.count(Registration.id))) == 1
        assert (
            session.scalar(
                select(func.count(Registration.id)).where(Registration.is_reregistration.is_(True))
            )
            == 0
        )
    actions = [(e.action, e.table_name) for e in audit_entries(ctx.store)[-2:]]
    assert actions == [("create", "reopening"), ("reopen", "pad_case")]
    close_case(ctx, case_id, closed_on=dt.date(2023, 10, 1), reason=POLICE_FREE)


def test_only_a_closed_case_can_be_reopened_and_not_before_its_closure(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    assert (
        _refusal(lambda: reopen_case(ctx, case_id, reopened_on=ELIGIBLE, reason="x")).code
        == "case_not_closed"
    )
    close_case(ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE)
    assert (
        _refusal(
            lambda: reopen_case(ctx, case_id, reopened_on=dt.date(2023, 9, 10), reason="x")
        ).code
        == "reopen_before_closure"
    )
    assert (
        _refusal(lambda: reopen_case(ctx, case_id, reopened_on=ELIGIBLE, reason=" ")).code
        == "reopen_reason_required"
    )


def test_a_case_cannot_be_reopened_once_the_youth_was_registered_again(
    ctx: ServiceContext, partners: Partners, case_id: uuid.UUID
) -> None:
    close_case(ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE)
    registration_id = register(ctx, partners, youth_of(ctx.store, case_id), dt.date(2023, 11, 1))
    assert registration_views.get_registration(ctx, registration_id).decision == Decision.PENDING
    refused = _refusal(
        lambda: reopen_case(ctx, case_id, reopened_on=dt.date(2023, 11, 2), reason="x")
    )
    assert refused.code == "youth_registered_again"


def test_undoing_a_closure_lets_the_case_run_on_without_a_reopening(
    ctx: ServiceContext, case_id: uuid.UUID
) -> None:
    close_case(ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE)
    undo_close_case(ctx, case_id)
    case = get_case(ctx, case_id)
    assert case.closed_on is None and case.closure_reason is None
    assert case.reopenings == ()  # the figures never see it
    assert _refusal(lambda: undo_close_case(ctx, case_id)).code == "case_not_closed"


def test_a_closure_cannot_be_undone_once_the_youth_was_registered_again(
    ctx: ServiceContext, partners: Partners, case_id: uuid.UUID
) -> None:
    close_case(ctx, case_id, closed_on=ELIGIBLE, reason=POLICE_FREE)
    register(ctx, partners, youth_of(ctx.store, case_id), dt.date(2023, 11, 1))
    assert _refusal(lambda: undo_close_case(ctx, case_id)).code == "youth_registered_again"
