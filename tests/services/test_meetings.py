"""The core-team meeting through the services: an agenda proposed from the signals as of the
meeting day, shaped by hand, and decisions written back to the cases — one item, one transaction —
with stale decisions refused for the reason the casework gives.

Two stores: a small one built here through the real services (each rule on its own), and the demo
store for a whole meeting in which every agenda section has an item and every kind of decision is
taken once (built once for the module; each test checks one consequence).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.conftest import PASSWORD
from tests.services.conftest import FixedClock, Partners
from tests.services.lifecycle import admitted_case, audit_entries, new_youth, register, youth_of
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import (
    AgendaSection,
    Category,
    ClosureReason,
    CoachContactKind,
    Decision,
    GoalStatus,
    LifeDomain,
    MeetingStatus,
    PoliceContactKind,
    ProfessionalRole,
)
from zvkd_desktop.errors import KnownError, ValidationError
from zvkd_desktop.services import (
    case_views,
    cases,
    contacts,
    plans,
    registration_views,
    registrations,
    reviews,
)
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.demo import fill_demo
from zvkd_desktop.services.meetings import (
    Admission,
    AgendaItemView,
    AgendaShows,
    AttendeeInput,
    Closure,
    DecisionKind,
    ItemDecisions,
    MeetingView,
    add_action_item,
    add_case_item,
    add_text_item,
    finish_meeting,
    get_agenda_shows,
    get_meeting,
    list_meetings,
    meetings_for_case,
    move_item,
    plan_meeting,
    print_name,
    propose_agenda,
    propose_category_change,
    remove_item,
    set_agenda_shows,
    take_decisions,
    withdraw_decisions,
)
from zvkd_desktop.services.meetings.joined import joined_context
from zvkd_desktop.services.partners import list_organisations, list_professionals
from zvkd_desktop.services.settings import get_settings, set_setting
from zvkd_desktop.services.signals import signals_on
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store

D = dt.date
MEETING_DAY = D(2024, 1, 16)
"""The small store's meeting: the day after the fixture clock's 'today' (15-01-2024)."""

YOUTH_NOTE = "Moeder werkt in ploegendienst, vader vaak afwezig"
POLICE_NOTE = "Winkeldiefstal in de Hoven Passage met twee vrienden"
CONTACT_NOTE = "Huisbezoek, broertje was ook thuis"
STREET = "Papsouwselaan"


# -- the small store ------------------------------------------------------------------------------


@dataclass
class SmallWorld:
    sem: uuid.UUID
    """Eligible for closure since 02-09-2023; review planned 12-04-2023 (overdue too)."""
    noor: uuid.UUID
    """Negative police contact on 20-12-2023, never reviewed; review overdue too."""
    daan: uuid.UUID
    """Review overdue since 13-11-2023."""
    liam: uuid.UUID
    """Review planned on the meeting day itself."""
    milan: uuid.UUID
    """No signal at all."""
    eva: uuid.UUID
    """Eva's registration of 10-01-2024, waiting for a decision (not yet 14 days)."""


def small_world(ctx: ServiceContext, partners: Partners) -> SmallWorld:
    """Five cases and a registration through the real services, with addresses and notes that
    a printed paper must never show."""
    def youth(first: str, last: str) -> uuid.UUID:
        return new_youth(ctx, first_name=first, last_name=last, street=STREET, house_number="12",
                         postcode="2624 AB", city="Delft", notes=YOUTH_NOTE)  # fmt: skip

    sem = admitted_case(ctx, partners, admitted_on=D(2023, 3, 1), youth_id=youth("Sem", "van der Berg"))
    contacts.add_coach_contact(ctx, case_id=sem, contact_on=D(2024, 1, 5),
                               kind=CoachContactKind.HOME_VISIT, note=CONTACT_NOTE)  # fmt: skip
    plans.save_plan(ctx, sem, [plans.GoalInput(LifeDomain.EDUCATION_WORK, "Naar school",
                                               GoalStatus.IN_PROGRESS)], None)  # fmt: skip
    noor_youth = youth("Noor", "Jansen")
    noor = admitted_case(ctx, partners, admitted_on=D(2023, 11, 1), youth_id=noor_youth)
    contacts.add_police_contact(ctx, youth_id=noor_youth, contact_on=D(2023, 12, 20),
                                kind=PoliceContactKind.ARREST, negative=True, note=POLICE_NOTE)  # fmt: skip
    daan = admitted_case(ctx, partners, admitted_on=D(2023, 10, 2), youth_id=youth("Daan", "Visser"))
    liam = admitted_case(ctx, partners, admitted_on=D(2023, 12, 5), youth_id=youth("Liam", "de Groot"))
    milan = admitted_case(ctx, partners, admitted_on=D(2023, 12, 20), youth_id=youth("Milan", "Kok"))
    eva = register(ctx, partners, youth("Eva", "Bakker"), D(2024, 1, 10))
    return SmallWorld(sem, noor, daan, liam, milan, eva)


@pytest.fixture
def world(ctx: ServiceContext, partners: Partners) -> SmallWorld:
    """Built through the real services in one transaction (one encrypted save, not twenty)."""
    with ctx.store.transaction() as session:
        return small_world(joined_context(ctx, session), partners)


def planned(ctx: ServiceContext, partners: Partners, on: dt.date = MEETING_DAY) -> uuid.UUID:
    meeting_id = plan_meeting(ctx, held_on=on, starts_at=dt.time(10), location="Stadskantoor",
                              chair_id=partners.director.id,
                              attendees=[AttendeeInput("Bas Hoekstra", partners.police.id)])  # fmt: skip
    propose_agenda(ctx, meeting_id)
    return meeting_id


def item_of(meeting: MeetingView, subject: uuid.UUID) -> AgendaItemView:
    return next(i for i in meeting.items if subject in (i.case_id, i.registration_id))


def shape(meeting: MeetingView) -> list[tuple[AgendaSection, str]]:
    """The agenda as (section, youth or text), in agenda order, removed items left out."""
    return [(item.section, item.youth_name or item.text or "") for _n, item in meeting.agenda]


def test_a_case_is_proposed_once_in_its_first_section_with_the_reasons_of_all(
    ctx: ServiceContext, partners: Partners, world: SmallWorld
) -> None:
    meeting = get_meeting(ctx, planned(ctx, partners))
    assert shape(meeting) == [
        (AgendaSection.NEW_REGISTRATIONS, "Eva Bakker"),
        (AgendaSection.ELIGIBLE_FOR_CLOSURE, "Sem van der Berg"),
        (AgendaSection.NEW_POLICE_CONTACT, "Noor Jansen"),
        (AgendaSection.REVIEW_DUE, "Daan Visser"),
        (AgendaSection.REVIEW_DUE, "Liam de Groot"),
    ]
    assert item_of(meeting, world.sem).text == (
        "Afsluitbaar sinds 02-09-2023; Bespreking was gepland op 12-04-2023")
    assert item_of(meeting, world.noor).text == (
        "Negatief politiecontact op 20-12-2023, na de opname op 01-11-2023; "
        "Bespreking was gepland op 13-12-2023")
    assert item_of(meeting, world.liam).text == "Bespreking gepland op 16-01-2024"
    # the registration waits only 6 days: no signal yet, but the core team decides on it now
    assert item_of(meeting, world.eva).text == (
        "Aangemeld op 10-01-2024; aanmelder: Politie Delft")
    assert not any(item.is_new or item.added_by_hand for item in meeting.items)


def test_re_proposing_keeps_what_the_director_changed_and_marks_what_is_new(
    ctx: ServiceContext, partners: Partners, world: SmallWorld
) -> None:
    meeting_id = planned(ctx, partners)
    meeting = get_meeting(ctx, meeting_id)
    remove_item(ctx, item_of(meeting, world.daan).id)
    assert move_item(ctx, item_of(meeting, world.liam).id, -1)
    add_text_item(ctx, meeting_id, "Mededelingen")
    propose_category_change(ctx, meeting_id, world.milan, "Coach ziet contact met een rivaliserende groep")
    # meanwhile: Eva's registration is decided elsewhere, Finn is registered, Noor is reviewed
    registrations.decide_not_admit(ctx, world.eva, decided_on=D(2024, 1, 15),
                                   follow_up="Jongerenwerk neemt het op",
                                   reason="Hulp via het jongerenwerk volstaat")  # fmt: skip
    finn = register(ctx, partners, new_youth(ctx, first_name="Finn", last_name="de Wit"),
                    D(2024, 1, 12))  # fmt: skip

    result = propose_agenda(ctx, meeting_id)

    meeting = get_meeting(ctx, meeting_id)
    assert shape(meeting) == [
        (AgendaSection.NEW_REGISTRATIONS, "Finn de Wit"),
        (AgendaSection.ELIGIBLE_FOR_CLOSURE, "Sem van der Berg"),
        (AgendaSection.NEW_POLICE_CONTACT, "Noor Jansen"),
        (AgendaSection.REVIEW_DUE, "Liam de Groot"),
        (AgendaSection.CATEGORY_CHANGE, "Milan Kok"),
        (AgendaSection.OTHER, "Mededelingen"),
    ]
    assert item_of(meeting, world.daan).removed, "a removed item stays removed"
    assert [item.youth_name for item in meeting.items if item.is_new] == ["Finn de Wit"]
    assert result.added == (item_of(meeting, finn).id,)
    assert len(result.dropped) == 1 and all(i.registration_id != world.eva for i in meeting.items)


def test_a_case_goes_on_the_agenda_once(
    ctx: ServiceContext, partners: Partners, world: SmallWorld
) -> None:
    meeting_id = planned(ctx, partners)
    with pytest.raises(ValidationError, match="onder 'Afsluitbaar") as refused:
        add_case_item(ctx, meeting_id, world.sem)
    assert refused.value.code == "case_on_agenda"
    with pytest.raises(ValidationError, match="al op de agenda"):
        propose_category_change(ctx, meeting_id, world.noor, "Reden")
    # a case taken off the agenda comes back in its place rather than twice
    remove_item(ctx, item_of(get_meeting(ctx, meeting_id), world.sem).id)
    again = add_case_item(ctx, meeting_id, world.sem)
    assert again == item_of(get_meeting(ctx, meeting_id), world.sem).id


def test_planning_refuses_a_second_meeting_on_a_day_and_a_finished_agenda_is_fixed(
    ctx: ServiceContext, partners: Partners, world: SmallWorld, clock: FixedClock
) -> None:
    meeting_id = planned(ctx, partners)
    with pytest.raises(ValidationError, match="al een kernteamoverleg op 16-01-2024"):
        plan_meeting(ctx, held_on=MEETING_DAY)
    with pytest.raises(ValidationError, match="pas op die dag"):
        finish_meeting(ctx, meeting_id)
    clock.day = MEETING_DAY
    finish_meeting(ctx, meeting_id)
    assert get_meeting(ctx, meeting_id).status is MeetingStatus.HELD
    with pytest.raises(ValidationError, match="de agenda ligt vast"):
        add_text_item(ctx, meeting_id, "Rondvraag")


def test_decisions_wait_for_the_meeting_day(
    ctx: ServiceContext, partners: Partners, world: SmallWorld
) -> None:
    item = item_of(get_meeting(ctx, planned(ctx, partners)), world.liam)
    with pytest.raises(ValidationError, match="op of na die dag") as refused:
        take_decisions(ctx, item.id, ItemDecisions(DecisionKind.CONTINUE))
    assert refused.value.code == "meeting_in_future"


def test_an_item_is_one_transaction_and_one_save_of_the_store(
    ctx: ServiceContext, partners: Partners, world: SmallWorld, clock: FixedClock
) -> None:
    item = item_of(get_meeting(ctx, planned(ctx, partners)), world.liam)
    clock.day = MEETING_DAY
    generation = ctx.store.generation
    decided = take_decisions(ctx, item.id, ItemDecisions(
        DecisionKind.CONTINUE, next_review_on=D(2024, 2, 27), new_category=Category.RIVAL_YOUTH,
        new_coach_id=partners.coach_b.id, note="Betrokken bij groep uit Voorhof"))  # fmt: skip
    assert ctx.store.generation == generation + 1
    assert [(d.kind, d.applied) for d in decided.decisions] == [
        (DecisionKind.CHANGE_CATEGORY, True), (DecisionKind.CHANGE_COACH, True),
        (DecisionKind.CONTINUE, True)]  # fmt: skip
    case = case_views.get_case(ctx, world.liam)
    assert (case.category, case.coach_name, case.next_review_on) == (
        Category.RIVAL_YOUTH, "Jeroen de Vries", D(2024, 2, 27))
    review = reviews.reviews(ctx, world.liam)[0]
    assert review.decisions == (
        "Kernteamoverleg 16-01-2024: Doorgaan. Betrokken bij groep uit Voorhof. Volgende "
        "bespreking op 27-02-2024. Categorie wijzigen naar Rivaliserende jeugd. Nieuwe coach: "
        "Jeroen de Vries.")
    # taking the same decisions again changes nothing; a different one is refused
    take_decisions(ctx, item.id, ItemDecisions(
        DecisionKind.CONTINUE, next_review_on=D(2024, 2, 27), new_category=Category.RIVAL_YOUTH,
        new_coach_id=partners.coach_b.id, note="Betrokken bij groep uit Voorhof"))  # fmt: skip
    assert len(reviews.reviews(ctx, world.liam)) == 1
    with pytest.raises(ValidationError, match="Trek dat besluit eerst in"):
        take_decisions(ctx, item.id, ItemDecisions(DecisionKind.ADJUST_PLAN))


def test_the_closure_rule_is_checked_against_the_meeting_day_not_the_day_it_is_entered(
    ctx: ServiceContext, partners: Partners, world: SmallWorld, clock: FixedClock
) -> None:
    meeting_id = planned(ctx, partners)
    daan = item_of(get_meeting(ctx, meeting_id), world.daan)
    clock.day = D(2024, 4, 10)  # Daan is eligible from 03-04-2024, after the meeting day
    decided = take_decisions(ctx, daan.id, ItemDecisions(
        DecisionKind.CLOSE, closure=Closure(ClosureReason.POLICE_FREE)))  # fmt: skip
    assert not decided.has_applied_decision
    assert decided.refusals[0].refusal is not None
    assert decided.refusals[0].refusal.startswith("Afsluiten met deze reden kan pas vanaf 03-04-2024")
    assert case_views.get_case(ctx, world.daan).closed_on is None


def test_a_case_closed_meanwhile_is_not_continued_and_the_director_sees_why(
    ctx: ServiceContext, partners: Partners, world: SmallWorld, clock: FixedClock
) -> None:
    liam = item_of(get_meeting(ctx, planned(ctx, partners)), world.liam)
    cases.close_case(ctx, world.liam, closed_on=D(2024, 1, 15), reason=ClosureReason.OTHER,
                     reason_text="Jongere woont in een instelling")  # fmt: skip
    clock.day = MEETING_DAY
    decided = take_decisions(ctx, liam.id, ItemDecisions(DecisionKind.CONTINUE))
    (refusal,) = decided.refusals
    assert refusal.kind is DecisionKind.CONTINUE and not refusal.applied
    assert refusal.refusal == ("Deze casus is intussen afgesloten op 15-01-2024. Het besluit is "
                               "niet uitgevoerd; heropen de casus als het toch moet.")  # fmt: skip
    assert reviews.reviews(ctx, world.liam) == []


def test_not_admitting_records_the_follow_up_with_the_registrant(
    ctx: ServiceContext, partners: Partners, world: SmallWorld, clock: FixedClock
) -> None:
    eva = item_of(get_meeting(ctx, planned(ctx, partners)), world.eva)
    clock.day = MEETING_DAY
    with pytest.raises(ValidationError, match="vervolg"):
        take_decisions(ctx, eva.id, ItemDecisions(DecisionKind.NOT_ADMIT))
    decided = take_decisions(ctx, eva.id, ItemDecisions(
        DecisionKind.NOT_ADMIT, follow_up="Wijkagent houdt contact",
        reason="Gezin krijgt al hulp van het sociaal team"))  # fmt: skip
    assert decided.outcome is not None and decided.outcome.summary == (
        "Niet opnemen. Vervolg met de aanmelder: Wijkagent houdt contact. Motivering: Gezin "
        "krijgt al hulp van het sociaal team.")
    registration = [r for r in registration_views.list_registrations(ctx) if r.id == world.eva][0]
    assert (registration.decision, registration.decided_on) == (Decision.NOT_ADMITTED, MEETING_DAY)


def test_withdrawing_undoes_every_decision_through_the_casework_services(
    ctx: ServiceContext, partners: Partners, world: SmallWorld, clock: FixedClock
) -> None:
    meeting = get_meeting(ctx, planned(ctx, partners))
    clock.day = MEETING_DAY
    liam, sem, eva = (item_of(meeting, s) for s in (world.liam, world.sem, world.eva))
    take_decisions(ctx, liam.id, ItemDecisions(DecisionKind.CONTINUE, new_category=Category.RIVAL_YOUTH))
    take_decisions(ctx, sem.id, ItemDecisions(DecisionKind.CLOSE,
                                              closure=Closure(ClosureReason.POLICE_FREE)))  # fmt: skip
    take_decisions(ctx, eva.id, ItemDecisions(
        DecisionKind.ADMIT, admission=Admission(Category.REGULAR, partners.coach_b.id)))  # fmt: skip

    for item in (liam, sem, eva):
        withdraw_decisions(ctx, item.id)

    liam_case = case_views.get_case(ctx, world.liam)
    assert (liam_case.category, liam_case.next_review_on) == (Category.REGULAR, MEETING_DAY)
    assert reviews.reviews(ctx, world.liam) == []
    sem_case = case_views.get_case(ctx, world.sem)
    assert sem_case.closed_on is None and len(sem_case.reopenings) == 1
    assert registration_views.list_registrations(ctx, decision=Decision.PENDING)[0].id == world.eva
    assert all(not item.decisions for item in get_meeting(ctx, meeting.id).items)


def test_print_names_show_a_first_name_and_initials_only() -> None:
    shows = AgendaShows.FIRST_NAME_INITIAL
    assert print_name("Sem", "Jansen", shows) == "Sem J."
    assert print_name("Sem", "van der Berg", shows) == "Sem v.d. B."
    assert print_name("Ecem", "Yıldız", shows) == "Ecem Y."
    assert print_name("Sem", "Jansen", AgendaShows.INITIALS) == "S.J."
    assert print_name("Jan Willem", "van Dijk", AgendaShows.INITIALS) == "J.W. v. D."
    assert print_name("Sem", "Jansen", shows, erased=True) == "(gewist)"


def test_what_a_paper_shows_is_a_store_setting_beside_the_others(ctx: ServiceContext) -> None:
    assert get_agenda_shows(ctx) is AgendaShows.FIRST_NAME_INITIAL
    set_agenda_shows(ctx, "initials")
    set_setting(ctx, "policy_months", 7)
    assert get_agenda_shows(ctx) is AgendaShows.INITIALS
    assert get_settings(ctx).policy_months == 7
    with pytest.raises(ValidationError, match="Kies een van: first_name_initial, initials"):
        set_agenda_shows(ctx, "full_name")


def test_past_meetings_are_searchable_and_a_case_shows_its_meetings(
    ctx: ServiceContext, partners: Partners, world: SmallWorld, clock: FixedClock
) -> None:
    first = planned(ctx, partners)
    second = planned(ctx, partners, D(2024, 1, 30))
    clock.day = D(2024, 1, 30)
    sem = item_of(get_meeting(ctx, first), world.sem)
    take_decisions(ctx, sem.id, ItemDecisions(DecisionKind.CONTINUE, note="Stage bij de gemeente"))
    add_action_item(ctx, sem.id, description="Stageplek regelen", owner="Coach Fatima",
                    due_on=D(2024, 2, 15))  # fmt: skip

    assert [row.id for row in list_meetings(ctx)] == [second, first]
    assert [row.id for row in list_meetings(ctx, "stage FATIMA")] == [first]
    assert [row.id for row in list_meetings(ctx, "30-01-2024")] == [second]
    assert [row.id for row in list_meetings(ctx, "eva bakker")] == [second, first]
    assert list_meetings(ctx, "Jeroen stage") == []
    (row,) = [r for r in list_meetings(ctx) if r.id == first]
    assert (row.item_count, row.decided_count, row.chair_name) == (5, 1, "Sanne Bakker")

    history = meetings_for_case(ctx, world.sem)
    assert [(h.meeting_id, h.decisions) for h in history] == [
        (second, ()),
        (first, ("Doorgaan. Stage bij de gemeente. Volgende bespreking op 27-02-2024.",)),
    ]


# -- a whole meeting on the demo store ------------------------------------------------------------

PLANNED_ON = D(2026, 11, 24)
DEMO_MEETING_DAY = D(2026, 12, 1)
"""A meeting Tuesday a week after the demo's 'today': every section of the agenda has items."""


@dataclass
class DemoMeeting:
    ctx: ServiceContext
    proposed: MeetingView
    """The agenda as proposed, before anything was decided."""
    expected: set[tuple[AgendaSection, uuid.UUID]]
    """The same, worked out here from the signals of the meeting day."""
    results: dict[str, AgendaItemView]
    """Per decision taken (a name used by the tests), the item as the decision left it."""
    reregistered_coach: uuid.UUID
    other_coach: uuid.UUID

    def case(self, name: str) -> case_views.CaseDetail:
        case_id = self.results[name].case_id
        assert case_id is not None
        return case_views.get_case(self.ctx, case_id)


def expected_agenda(ctx: ServiceContext, on: dt.date) -> set[tuple[AgendaSection, uuid.UUID]]:
    """The rule of DOMAIN/the issue, from the signals: each case once, in its first section."""
    signals = signals_on(ctx, on)
    first = {SignalKind.ELIGIBLE_FOR_CLOSURE: AgendaSection.ELIGIBLE_FOR_CLOSURE,
             SignalKind.NEW_POLICE_CONTACT: AgendaSection.NEW_POLICE_CONTACT,
             SignalKind.REVIEW_OVERDUE: AgendaSection.REVIEW_DUE}  # fmt: skip
    sections: dict[uuid.UUID, AgendaSection] = {}
    for kind, section in first.items():
        for signal in signals:
            if signal.kind is kind and signal.case_id is not None:
                sections.setdefault(signal.case_id, section)
    for row in case_views.list_cases(ctx):
        if row.next_review_on == on:
            sections.setdefault(row.id, AgendaSection.REVIEW_DUE)
    pending = {(AgendaSection.NEW_REGISTRATIONS, r.id)
               for r in registration_views.pending_registrations(ctx) if r.registered_on <= on}  # fmt: skip
    return {(section, case_id) for case_id, section in sections.items()} | pending


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoMeeting]:
    home = tmp_path_factory.mktemp("zvkd-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ZVKD_HOME", str(home))
        store, _code = Store.create(tmp_path_factory.mktemp("demo") / "demo.zvkd", PASSWORD,
                                    username="coordinator", display_name="Coördinator",
                                    kdf=TEST_KDF)  # fmt: skip
        try:
            yield run_demo_meeting(store)
        finally:
            store.close()


def by_section(meeting: MeetingView) -> dict[AgendaSection, list[AgendaItemView]]:
    sections: dict[AgendaSection, list[AgendaItemView]] = {s: [] for s in AgendaSection}
    for _number, item in meeting.agenda:
        sections[item.section].append(item)
    return sections


def run_demo_meeting(store: Store) -> DemoMeeting:
    """Plan a week ahead, then hold the meeting: one decision of each kind, two of them stale."""
    clock = FixedClock(PLANNED_ON)
    ctx = ServiceContext(store, today=clock)
    fill_demo(store, PLANNED_ON)
    people = list_professionals(ctx)
    chair = next(p for p in people if p.role is ProfessionalRole.PROCESS_DIRECTOR)
    coaches = [p.id for p in people if p.role is ProfessionalRole.COACH]
    police = next(o for o in list_organisations(ctx) if o.kind.value == "police")
    meeting_id = plan_meeting(ctx, held_on=DEMO_MEETING_DAY, starts_at=dt.time(10),
                              location="Stadskantoor", chair_id=chair.id,
                              attendees=[AttendeeInput("Bas Hoekstra", police.id)])  # fmt: skip
    propose_agenda(ctx, meeting_id)
    expected = expected_agenda(ctx, DEMO_MEETING_DAY)
    on_agenda = {item.case_id for item in get_meeting(ctx, meeting_id).items}
    regular = next(r for r in case_views.list_cases(ctx)
                   if r.category is Category.REGULAR and r.id not in on_agenda)  # fmt: skip
    propose_category_change(ctx, meeting_id, regular.id, "Coach ziet betrokkenheid bij een rivaliserende groep")
    add_text_item(ctx, meeting_id, "Mededelingen van de procesregisseur")
    proposed = get_meeting(ctx, meeting_id)
    sections = by_section(proposed)

    clock.day = DEMO_MEETING_DAY
    eligible = sections[AgendaSection.ELIGIBLE_FOR_CLOSURE]
    due = sections[AgendaSection.REVIEW_DUE]
    # since the agenda was made: a new police contact for one, a closure for another
    contacts.add_police_contact(ctx, youth_id=youth_of(store, eligible[1].case_id),  # type: ignore[arg-type]
                                contact_on=D(2026, 11, 29), kind=PoliceContactKind.ARREST,
                                negative=True)  # fmt: skip
    cases.close_case(ctx, due[0].case_id, closed_on=D(2026, 11, 30),  # type: ignore[arg-type]
                     reason=ClosureReason.RELOCATION, relocation_municipality="Rijswijk",
                     relocation_informed_on=D(2026, 11, 30), transferred=True)  # fmt: skip
    registration = sections[AgendaSection.NEW_REGISTRATIONS][0]
    current_coach = case_views.get_case(ctx, due[1].case_id).coach_id  # type: ignore[arg-type]
    other_coach = next(c for c in coaches if c != current_coach)

    def decide(name: str, item: AgendaItemView, decided: ItemDecisions) -> tuple[str, AgendaItemView]:
        return name, take_decisions(ctx, item.id, decided)

    results = dict([
        decide("admit", registration, ItemDecisions(DecisionKind.ADMIT, next_review_on=D(2027, 1, 12),
               admission=Admission(Category.RIVAL_YOUTH, coaches[0], chair.id))),
        decide("close", eligible[0], ItemDecisions(DecisionKind.CLOSE,
               closure=Closure(ClosureReason.POLICE_FREE))),
        decide("stale_close", eligible[1], ItemDecisions(DecisionKind.CLOSE,
               closure=Closure(ClosureReason.POLICE_FREE))),
        decide("escalate", eligible[2], ItemDecisions(DecisionKind.ESCALATE,
               note="Zorgen over de veiligheid thuis")),
        decide("adjust_plan", sections[AgendaSection.NEW_POLICE_CONTACT][0], ItemDecisions(
               DecisionKind.ADJUST_PLAN, note="Dagbesteding zoeken", next_review_on=D(2026, 12, 15))),
        decide("stale_continue", due[0], ItemDecisions(DecisionKind.CONTINUE)),
        decide("change_coach", due[1], ItemDecisions(DecisionKind.CONTINUE, new_coach_id=other_coach)),
        decide("change_category", sections[AgendaSection.CATEGORY_CHANGE][0], ItemDecisions(
               DecisionKind.CONTINUE, new_category=Category.RIVAL_YOUTH)),
        decide("note", sections[AgendaSection.OTHER][0], ItemDecisions(
               DecisionKind.NOTE, note="Nieuwe werkwijze voor de agenda besproken")),
    ])  # fmt: skip
    add_action_item(ctx, results["note"].id, description="Werkwijze rondsturen",
                    owner="Procesregisseur", due_on=D(2026, 12, 8))  # fmt: skip
    return DemoMeeting(ctx, proposed, expected, results, coaches[0], other_coach)


def test_on_the_demo_store_every_section_of_the_agenda_has_an_item(demo: DemoMeeting) -> None:
    sections = by_section(demo.proposed)
    assert all(sections[section] for section in AgendaSection), {
        s.value: len(items) for s, items in sections.items()}
    assert demo.proposed.status is MeetingStatus.PLANNED


def test_the_proposed_agenda_is_the_signals_of_the_meeting_day(demo: DemoMeeting) -> None:
    proposed = {(item.section, item.case_id or item.registration_id)
                for item in demo.proposed.items if not item.added_by_hand}  # fmt: skip
    assert proposed == demo.expected
    assert len(demo.expected) == len([i for i in demo.proposed.items if not i.added_by_hand])


def test_admitting_opens_the_case_with_coach_category_and_first_review(demo: DemoMeeting) -> None:
    item = demo.results["admit"]
    (decision,) = item.decisions
    assert decision.applied and decision.payload["next_review_on"] == "2027-01-12"
    case = case_views.get_case(demo.ctx, uuid.UUID(decision.payload["case_id"]))
    assert (case.admitted_on, case.category, case.coach_id, case.next_review_on) == (
        DEMO_MEETING_DAY, Category.RIVAL_YOUTH, demo.reregistered_coach, D(2027, 1, 12))
    assert meetings_for_case(demo.ctx, case.id)[0].section is AgendaSection.NEW_REGISTRATIONS


def test_closing_closes_on_the_meeting_day_and_the_review_says_so(demo: DemoMeeting) -> None:
    case = demo.case("close")
    assert (case.closed_on, case.closure_reason) == (DEMO_MEETING_DAY, ClosureReason.POLICE_FREE)
    review = reviews.reviews(demo.ctx, case.id)[0]
    assert (review.reviewed_on, review.next_review_on, review.meeting_id) == (
        DEMO_MEETING_DAY, None, demo.proposed.id)
    assert review.decisions == ("Kernteamoverleg 01-12-2026: Afsluiten: meer dan 6 maanden niet "
                                "negatief in beeld bij de politie.")  # fmt: skip


def test_escalating_closes_the_case_as_escalated_to_the_zorg_en_veiligheidshuis(
    demo: DemoMeeting,
) -> None:
    case = demo.case("escalate")
    assert (case.closed_on, case.closure_reason, case.closure_reason_text) == (
        DEMO_MEETING_DAY, ClosureReason.ESCALATED, "Zorgen over de veiligheid thuis")


def test_adjusting_the_plan_records_the_review_with_the_next_date(demo: DemoMeeting) -> None:
    case = demo.case("adjust_plan")
    review = reviews.reviews(demo.ctx, case.id)[0]
    assert (review.reviewed_on, review.next_review_on, case.next_review_on) == (
        DEMO_MEETING_DAY, D(2026, 12, 15), D(2026, 12, 15))
    assert review.decisions == ("Kernteamoverleg 01-12-2026: Plan van aanpak aanpassen: "
                                "Dagbesteding zoeken. Volgende bespreking op 15-12-2026.")  # fmt: skip


def test_changing_coach_and_category_keep_their_history(demo: DemoMeeting) -> None:
    coach = demo.case("change_coach")
    assert coach.coach_id == demo.other_coach
    assert coach.coach_assignments[-1].from_date == DEMO_MEETING_DAY
    assert coach.coach_assignments[-2].until_date == DEMO_MEETING_DAY - dt.timedelta(days=1)
    category = demo.case("change_category")
    assert [p.category for p in category.category_periods][-2:] == [Category.REGULAR,
                                                                     Category.RIVAL_YOUTH]
    assert category.category_periods[-1].from_date == DEMO_MEETING_DAY
    # every case that goes on got its next review: the cadence when none was chosen
    for name in ("change_coach", "change_category"):
        assert demo.case(name).next_review_on == DEMO_MEETING_DAY + dt.timedelta(weeks=6)


def test_a_new_police_contact_since_the_agenda_refuses_the_closure_with_its_reason(
    demo: DemoMeeting,
) -> None:
    item = demo.results["stale_close"]
    (refused,) = item.decisions
    assert not refused.applied and refused.kind is DecisionKind.CLOSE
    assert refused.refusal == (
        "Afsluiten met deze reden kan pas vanaf 30-05-2027: de jongere is dan meer dan 6 maanden "
        "niet negatief in beeld bij de politie (nog 180 dagen).")
    assert demo.case("stale_close").closed_on is None


def test_a_case_closed_meanwhile_is_not_continued(demo: DemoMeeting) -> None:
    (refused,) = demo.results["stale_continue"].decisions
    assert not refused.applied
    assert refused.refusal is not None and refused.refusal.startswith(
        "Deze casus is intussen afgesloten op 30-11-2026.")
    case = demo.case("stale_continue")
    assert case.closure_reason is ClosureReason.RELOCATION
    assert all(r.reviewed_on != DEMO_MEETING_DAY for r in reviews.reviews(demo.ctx, case.id))


def test_every_change_is_in_the_audit_log_with_its_case(demo: DemoMeeting) -> None:
    case = demo.case("change_category")
    mine = [e for e in audit_entries(demo.ctx.store) if e.case_id == case.id]
    tables = [(e.action, e.table_name) for e in mine]
    assert ("create", "agenda_item") in tables
    assert ("apply", "meeting_decision") in tables
    assert ("create", "category_period") in tables and ("create", "review") in tables
    decisions = [e for e in audit_entries(demo.ctx.store, "meeting_decision")
                 if e.action == "refuse"]  # fmt: skip
    assert len(decisions) == 2


def test_the_meeting_is_in_the_history_of_the_cases_it_discussed(demo: DemoMeeting) -> None:
    case = demo.case("close")
    (row,) = meetings_for_case(demo.ctx, case.id)
    assert (row.meeting_id, row.held_on, row.section) == (
        demo.proposed.id, DEMO_MEETING_DAY, AgendaSection.ELIGIBLE_FOR_CLOSURE)
    found = list_meetings(demo.ctx, "werkwijze procesregisseur")
    assert [m.id for m in found] == [demo.proposed.id]
    assert found[0].decided_count == 7 and found[0].refused_count == 2
    with pytest.raises(KnownError):
        meetings_for_case(demo.ctx, uuid.uuid4())
