"""Every service applies the access rule: lists, search, signals, caseload, reports and exports.

One small world: coach A's case, coach B's case, a case A handed over to B, a case of B's closed
in 2023, and a pending registration; a partner attends a meeting where B's case was discussed.
A coach's lists and figures never contain another coach's cases (checked by id), a direct call
for one is refused, and nothing is written when it is. A partner reads only the cases of their
meetings and changes nothing; a process director sees everything.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import func, select

from tests.services.conftest import Partners
from tests.services.test_access import StoreAs, add_meeting, add_user, admit, as_user
from zvkd_desktop.domain.vocabulary import (
    Category,
    ClosureReason,
    CoachContactKind,
    LifeDomain,
    OrganisationKind,
    PoliceContactKind,
    UserRole,
)
from zvkd_desktop.errors import PermissionDeniedError
from zvkd_desktop.reports.yearly.json_report import report_json
from zvkd_desktop.reports.yearly.queries import load_facts
from zvkd_desktop.reports.yearly.report import build_report
from zvkd_desktop.services import (
    case_views,
    caseload,
    cases,
    contacts,
    family,
    plans,
    registration_views,
    registrations,
    reviews,
    settings,
    signals,
    youths,
)
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.exchange import export_exchange, write_export
from zvkd_desktop.services.partners import add_organisation
from zvkd_desktop.services.privacy import due_for_erasure, erase, inzage_export
from zvkd_desktop.store.models import AuditEntry
from zvkd_desktop.store.store import CurrentUser, Store

TODAY = dt.date(2024, 1, 15)


@dataclass(frozen=True)
class World:
    youth_a: uuid.UUID
    youth_b: uuid.UUID
    youth_h: uuid.UUID
    youth_pending: uuid.UUID
    registration_b: uuid.UUID
    pending: uuid.UUID
    case_a: uuid.UUID
    case_b: uuid.UUID
    case_h: uuid.UUID
    """A's until 01-09-2023, B's since."""
    case_closed: uuid.UUID
    """B's, closed in 2023."""
    coach_contact_b: uuid.UUID
    police_contact_b: uuid.UUID
    review_b: uuid.UUID
    guardian_b: uuid.UUID
    coach_a: CurrentUser
    coach_b: CurrentUser
    director: CurrentUser
    partner: CurrentUser


def _casework(ctx: ServiceContext, youth_id: uuid.UUID, case_id: uuid.UUID) -> tuple[Any, ...]:
    """A coach contact, a police contact, a plan and a review on the case."""
    coach_contact = contacts.add_coach_contact(
        ctx, case_id=case_id, contact_on=dt.date(2023, 12, 1), kind=CoachContactKind.VISIT
    )
    police_contact = contacts.add_police_contact(
        ctx,
        youth_id=youth_id,
        contact_on=dt.date(2023, 5, 1),
        kind=PoliceContactKind.ARREST,
        negative=True,
    )
    plans.save_plan(
        ctx, case_id, [plans.GoalInput(LifeDomain.EDUCATION_WORK, "Startkwalificatie")], None
    )
    review = reviews.record_review(
        ctx,
        case_id=case_id,
        reviewed_on=dt.date(2023, 11, 1),
        progress={LifeDomain.EDUCATION_WORK: "Gaat naar school"},
        decisions="Doorgaan",
    )
    return coach_contact, police_contact, review


@pytest.fixture
def world(ctx: ServiceContext, partners: Partners) -> World:
    youth_a, _r, case_a = admit(ctx, partners, "Amir", partners.coach_a.id, dt.date(2023, 3, 1))
    youth_b, registration_b, case_b = admit(
        ctx, partners, "Bram", partners.coach_b.id, dt.date(2023, 4, 1)
    )
    youth_h, _r, case_h = admit(ctx, partners, "Hugo", partners.coach_a.id, dt.date(2023, 2, 1))
    cases.change_coach(ctx, case_h, partners.coach_b.id, dt.date(2023, 9, 1))
    _y, _r, closed = admit(ctx, partners, "Cas", partners.coach_b.id, dt.date(2022, 1, 10))
    cases.close_case(ctx, closed, closed_on=dt.date(2023, 2, 1), reason=ClosureReason.POLICE_FREE)
    youth_pending = youths.create_youth(
        ctx, first_name="Pien", last_name="Jansen", date_of_birth=dt.date(2008, 6, 1)
    )
    pending = registrations.register(
        ctx,
        youth_id=youth_pending,
        registered_on=dt.date(2023, 12, 20),
        registrant_id=partners.police.id,
        police_contacts=True,
        serious_concerns=False,
        multiple_domains=True,
        cross_chain=True,
    )
    _casework(ctx, youth_a, case_a)
    coach_contact_b, police_contact_b, review_b = _casework(ctx, youth_b, case_b)
    guardian_b = family.add_guardian(ctx, youth_b, name="Mevrouw Bakker")
    partner = add_user(ctx.store, "politie", UserRole.PARTNER)
    add_meeting(ctx.store, partner, case_ids=(case_b,))
    return World(
        youth_a,
        youth_b,
        youth_h,
        youth_pending,
        registration_b,
        pending,
        case_a,
        case_b,
        case_h,
        closed,
        coach_contact_b,
        police_contact_b,
        review_b,
        guardian_b,
        coach_a=add_user(ctx.store, "fatima", UserRole.COACH, partners.coach_a.id),
        coach_b=add_user(ctx.store, "jeroen", UserRole.COACH, partners.coach_b.id),
        director=add_user(ctx.store, "sanne", UserRole.PROCESS_DIRECTOR, partners.director.id),
        partner=partner,
    )


@pytest.fixture
def as_a(ctx: ServiceContext, world: World) -> ServiceContext:
    return as_user(ctx, world.coach_a)


def _audit_count(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count(AuditEntry.seq))) or 0


# -- a coach's lists, search, signals, caseload and figures ------------------------------------


def test_a_coachs_case_list_holds_their_own_and_their_former_cases_only(
    ctx: ServiceContext, as_a: ServiceContext, world: World
) -> None:
    listed = {row.id for row in case_views.list_cases(as_a, running_only=False)}
    assert listed == {world.case_a, world.case_h}
    assert case_views.list_cases(as_a, youth_id=world.youth_b) == []
    everything = {row.id for row in case_views.list_cases(ctx, running_only=False)}
    assert everything == {world.case_a, world.case_b, world.case_h, world.case_closed}


def test_a_coachs_signals_and_closable_list_hold_only_their_cases(
    ctx: ServiceContext, as_a: ServiceContext, world: World
) -> None:
    theirs = signals.signals_on(as_a, TODAY)
    assert theirs and {s.case_id for s in theirs} <= {world.case_a, world.case_h}
    assert all(s.registration_id is None for s in theirs)
    all_signals = signals.signals_on(ctx, TODAY)
    assert world.case_b in {s.case_id for s in all_signals}
    assert world.pending in {s.registration_id for s in all_signals}
    assert {r.case_id for r in signals.closable_on(as_a, TODAY)} == {world.case_a, world.case_h}


def test_a_coachs_caseload_counts_only_cases_they_may_see(
    ctx: ServiceContext, as_a: ServiceContext, world: World, partners: Partners
) -> None:
    loads = {load.coach_id: load.running for load in caseload.caseload_per_coach(as_a)}
    assert loads == {partners.coach_a.id: 1, partners.coach_b.id: 1}  # B's: the handed-over case
    everyone = {load.coach_id: load.running for load in caseload.caseload_per_coach(ctx)}
    assert everyone[partners.coach_b.id] == 2
    assert [r.case_id for r in caseload.cases_of_coach(as_a, partners.coach_b.id)] == [world.case_h]


def test_a_coachs_registrations_and_youth_search_hold_only_their_youths(
    as_a: ServiceContext, world: World
) -> None:
    listed = registration_views.list_registrations(as_a)
    assert {row.youth_id for row in listed} == {world.youth_a, world.youth_h}
    assert registration_views.pending_registrations(as_a) == []
    assert {row.id for row in youths.list_youths(as_a)} == {world.youth_a, world.youth_h}
    assert youths.list_youths(as_a, search="Bram") == []
    assert youths.list_youths(as_a, search="Pien") == []


def test_a_coachs_yearly_figures_count_only_their_cases(
    ctx: ServiceContext, as_a: ServiceContext, world: World
) -> None:
    mine = load_facts(cast(Store, as_a.store))
    assert (len(mine.cases), len(mine.registrations)) == (2, 2)
    assert {c.admitted_on for c in mine.cases} == {dt.date(2023, 3, 1), dt.date(2023, 2, 1)}
    of_b = load_facts(cast(Store, StoreAs(ctx.store, world.coach_b)))
    assert {c.admitted_on for c in of_b.cases} == {
        dt.date(2023, 4, 1),
        dt.date(2023, 2, 1),
        dt.date(2022, 1, 10),
    }
    everything = load_facts(ctx.store)
    assert (len(everything.cases), len(everything.registrations)) == (4, 5)
    flows = report_json(build_report(mine, 2023, TODAY))["stock_flow"]
    assert flows == {"running_at_start": 0, "admitted": 2, "closed": 0, "running_at_end": 2}
    all_flows = report_json(build_report(everything, 2023, TODAY))["stock_flow"]
    assert all_flows == {"running_at_start": 1, "admitted": 3, "closed": 1, "running_at_end": 3}


def test_a_coach_cannot_export_the_store(as_a: ServiceContext, tmp_path: Path) -> None:
    with pytest.raises(PermissionDeniedError) as refused:
        export_exchange(as_a)
    assert refused.value.code == "role_not_allowed"
    with pytest.raises(PermissionDeniedError):
        write_export(as_a, tmp_path / "export.json", password=None)
    assert list(tmp_path.glob("export*")) == []


def test_a_coach_reads_their_own_and_their_former_cases(as_a: ServiceContext, world: World) -> None:
    for case_id in (world.case_a, world.case_h):
        assert case_views.get_case(as_a, case_id).id == case_id
    assert [r.case_id for r in reviews.reviews(as_a, world.case_a)] == [world.case_a]
    assert [v.number for v in plans.plan_versions(as_a, world.case_a)] == [1]
    assert [c.case_id for c in contacts.coach_contacts(as_a, world.case_a)] == [world.case_a]
    assert contacts.coach_contacts(as_a, world.case_h) == []
    assert [p.youth_id for p in contacts.police_contacts(as_a, world.youth_a)] == [world.youth_a]
    assert youths.get_youth(as_a, world.youth_h).id == world.youth_h


def test_a_coach_records_their_own_casework(as_a: ServiceContext, world: World) -> None:
    contact = contacts.add_coach_contact(
        as_a, case_id=world.case_a, contact_on=dt.date(2024, 1, 10), kind=CoachContactKind.PHONE
    )
    assert contact in {c.id for c in contacts.coach_contacts(as_a, world.case_a)}
    cases.set_street_strength(as_a, world.case_a, True)


# -- a direct call for another coach's case is refused --------------------------------------------

Call = Callable[[ServiceContext, World], object]

READS: dict[str, Call] = {
    "get_case": lambda c, w: case_views.get_case(c, w.case_b),
    "coach_contacts": lambda c, w: contacts.coach_contacts(c, w.case_b),
    "police_contacts": lambda c, w: contacts.police_contacts(c, w.youth_b),
    "reviews": lambda c, w: reviews.reviews(c, w.case_b),
    "current_plan": lambda c, w: plans.current_plan(c, w.case_b),
    "plan_versions": lambda c, w: plans.plan_versions(c, w.case_b),
    "plan_version": lambda c, w: plans.plan_version(c, w.case_b, 1),
    "closure_status_of": lambda c, w: cases.closure_status_of(c, w.case_b, TODAY),
    "closure_preview": lambda c, w: cases.closure_preview(c, w.case_b, TODAY),
    "get_youth": lambda c, w: youths.get_youth(c, w.youth_b),
    "get_registration": lambda c, w: registration_views.get_registration(c, w.registration_b),
    "get_case_closed": lambda c, w: case_views.get_case(c, w.case_closed),
}

WRITES: dict[str, Call] = {
    "add_police_contact": lambda c, w: contacts.add_police_contact(
        c, youth_id=w.youth_b, contact_on=TODAY, kind=PoliceContactKind.NUISANCE, negative=True
    ),
    "remove_police_contact": lambda c, w: contacts.remove_police_contact(c, w.police_contact_b),
    "add_coach_contact": lambda c, w: contacts.add_coach_contact(
        c, case_id=w.case_b, contact_on=TODAY, kind=CoachContactKind.PHONE
    ),
    "update_coach_contact": lambda c, w: contacts.update_coach_contact(
        c, w.coach_contact_b, contact_on=TODAY, kind=CoachContactKind.PHONE
    ),
    "close_case": lambda c, w: cases.close_case(
        c, w.case_b, closed_on=TODAY, reason=ClosureReason.OTHER, reason_text="Verhuisd"
    ),
    "reopen_case": lambda c, w: cases.reopen_case(
        c, w.case_closed, reopened_on=TODAY, reason="Onterecht"
    ),
    "change_category": lambda c, w: cases.change_category(c, w.case_b, Category.RIVAL_YOUTH, TODAY),
    "set_next_review": lambda c, w: cases.set_next_review(c, w.case_b, TODAY),
    "record_review": lambda c, w: reviews.record_review(
        c, case_id=w.case_b, reviewed_on=TODAY, progress={}, decisions="Doorgaan"
    ),
    "remove_review": lambda c, w: reviews.remove_review(c, w.review_b),
    "save_plan": lambda c, w: plans.save_plan(
        c, w.case_b, [plans.GoalInput(LifeDomain.HOUSING, "Eigen kamer")], None
    ),
    "remove_plan_version": lambda c, w: plans.remove_plan_version(c, w.case_b, 1),
    "update_youth": lambda c, w: youths.update_youth(c, w.youth_b, notes="Nieuw"),
    "add_guardian": lambda c, w: family.add_guardian(c, w.youth_b, name="Meneer Bakker"),
    "remove_guardian": lambda c, w: family.remove_guardian(c, w.guardian_b),
    "link_siblings": lambda c, w: family.link_siblings(c, w.youth_a, w.youth_b),
}


def _refusals(ctx: ServiceContext, world: World, calls: dict[str, Call]) -> dict[str, str]:
    """Each call's refusal code ("not refused" when it went through), by name."""
    codes: dict[str, str] = {}
    for name, call in calls.items():
        try:
            call(ctx, world)
        except PermissionDeniedError as refused:
            codes[name] = refused.code
        else:
            codes[name] = "not refused"
    return codes


def test_a_coach_is_refused_every_read_of_another_coachs_case_file(
    as_a: ServiceContext, world: World
) -> None:
    codes = _refusals(as_a, world, READS)
    assert {name for name, code in codes.items() if not code.startswith("no_access_to_")} == set()
    assert codes["get_case"] == "no_access_to_case"
    assert codes["get_youth"] == codes["police_contacts"] == "no_access_to_youth"


def test_a_coach_cannot_change_another_coachs_case_and_nothing_is_written(
    as_a: ServiceContext, world: World
) -> None:
    before = (_audit_count(as_a.store), as_a.store.generation)
    codes = _refusals(as_a, world, WRITES)
    assert {name for name, code in codes.items() if not code.startswith("no_access_to_")} == set()
    assert (_audit_count(as_a.store), as_a.store.generation) == before


ROLE_WORK: dict[str, Call] = {
    "register": lambda c, w: registrations.register(
        c,
        youth_id=w.youth_a,
        registered_on=TODAY,
        registrant_id=uuid.uuid4(),
        police_contacts=True,
        serious_concerns=False,
        multiple_domains=True,
        cross_chain=True,
    ),
    "decide_not_admit": lambda c, w: registrations.decide_not_admit(
        c, w.pending, decided_on=TODAY, follow_up="Wijkagent"
    ),
    "create_youth": lambda c, w: youths.create_youth(
        c, first_name="Nieuw", last_name="Kind", birth_year=2009
    ),
    "change_coach": lambda c, w: cases.change_coach(c, w.case_a, uuid.uuid4(), TODAY),
    "set_setting": lambda c, w: settings.set_setting(c, "policy_months", 7),
    "add_organisation": lambda c, w: add_organisation(
        c, name="Nieuwe partner", kind=OrganisationKind.OTHER
    ),
    "inzage_of_own_youth": lambda c, w: inzage_export(c, w.youth_a),
    "erasure_preview": lambda c, w: due_for_erasure(c, TODAY),
    "erase": lambda c, w: erase(c, [w.youth_a], on=TODAY),
}


def test_a_coach_is_refused_work_that_is_not_a_coachs_even_for_their_own_youth(
    as_a: ServiceContext, world: World
) -> None:
    before = _audit_count(as_a.store)
    codes = _refusals(as_a, world, ROLE_WORK)
    assert codes == dict.fromkeys(ROLE_WORK, "role_not_allowed")
    assert _audit_count(as_a.store) == before


# -- partner, process director, coordinator ------------------------------------------------------


def test_a_partner_reads_only_the_cases_of_the_meetings_they_attended(
    ctx: ServiceContext, world: World
) -> None:
    as_partner = as_user(ctx, world.partner)
    assert [row.id for row in case_views.list_cases(as_partner, running_only=False)] == [
        world.case_b
    ]
    assert case_views.get_case(as_partner, world.case_b).coach_name == "Jeroen de Vries"
    assert {s.case_id for s in signals.signals_on(as_partner, TODAY)} <= {world.case_b}
    assert [row.id for row in youths.list_youths(as_partner)] == [world.youth_b]
    for name in ("coach_contacts", "reviews", "current_plan", "get_youth", "get_registration"):
        READS[name](as_partner, world)  # no refusal: B's case was discussed
    with pytest.raises(PermissionDeniedError):
        case_views.get_case(as_partner, world.case_a)


def test_a_partner_changes_nothing_even_on_a_case_they_may_read(
    ctx: ServiceContext, world: World
) -> None:
    before = _audit_count(ctx.store)
    codes = _refusals(as_user(ctx, world.partner), world, WRITES)
    assert codes == dict.fromkeys(WRITES, "read_only_role")
    assert _audit_count(ctx.store) == before


def test_a_process_director_sees_and_works_on_every_case_but_does_not_change_settings(
    ctx: ServiceContext, world: World
) -> None:
    as_director = as_user(ctx, world.director)
    listed = {row.id for row in case_views.list_cases(as_director, running_only=False)}
    assert listed == {world.case_a, world.case_b, world.case_h, world.case_closed}
    assert [r.id for r in registration_views.pending_registrations(as_director)] == [world.pending]
    assert len(load_facts(cast(Store, as_director.store)).cases) == 4
    WRITES["add_coach_contact"](as_director, world)
    add_organisation(as_director, name="Veilig Thuis", kind=OrganisationKind.OTHER)
    with pytest.raises(PermissionDeniedError):
        settings.set_setting(as_director, "policy_months", 7)
    with pytest.raises(PermissionDeniedError):
        export_exchange(as_director)


def test_the_coordinator_sees_everything_and_changes_settings(
    ctx: ServiceContext, world: World
) -> None:
    listed = {row.id for row in youths.list_youths(ctx)}
    assert len(listed) == 5
    assert {world.youth_a, world.youth_b, world.youth_h, world.youth_pending} <= listed
    assert registration_views.get_registration(ctx, world.registration_b).youth_id == world.youth_b
    assert settings.set_setting(ctx, "policy_months", 7).policy_months == 7
    assert export_exchange(ctx)["format"]
