"""Need-to-know in the core-team meetings and the exchange import.

Only a coordinator or a process director plans, shapes and decides a meeting; only the
coordinator imports an exchange file. A coach reads the meetings that discussed one of their
cases, and inside them only those items (and the free items); a partner the meetings they attend.
A meeting or case they may not see is refused with the same words as one that does not exist,
and a refusal writes nothing.

The world: coach A's case (Amir), coach B's case (Bram), a pending registration (Pien), a
meeting on 16-01-2024 with all three and a free item, and a meeting on 23-01-2024 with only
Bram's case, attended by a partner user.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.services import lifecycle
from tests.services.conftest import Partners
from tests.services.test_access import add_user, admit, as_user
from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import PermissionDeniedError
from zvkd_desktop.services import meetings
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.exchange import check_exchange, export_exchange, import_exchange
from zvkd_desktop.services.meetings import AgendaShows, DecisionKind, ItemDecisions
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import AuditEntry, MeetingAttendee
from zvkd_desktop.store.store import CurrentUser, Store

FIRST = dt.date(2024, 1, 16)
SECOND = dt.date(2024, 1, 23)


@dataclass(frozen=True)
class World:
    case_a: uuid.UUID
    case_b: uuid.UUID
    pending: uuid.UUID
    first: uuid.UUID
    """Amir's and Bram's cases, Pien's registration and a free item."""
    second: uuid.UUID
    """Bram's case only; the partner attends."""
    item_a: uuid.UUID
    item_b: uuid.UUID
    free_item: uuid.UUID
    action: uuid.UUID
    coach_a: CurrentUser
    coach_b: CurrentUser
    director: CurrentUser
    partner: CurrentUser


def _on_agenda(ctx: ServiceContext, meeting_id: uuid.UUID, case_id: uuid.UUID) -> uuid.UUID:
    """The item of ``case_id``: proposed by the signals, or put on the agenda by hand."""
    for item in meetings.get_meeting(ctx, meeting_id).items:
        if item.case_id == case_id:
            return item.id
    return meetings.add_case_item(ctx, meeting_id, case_id)


@pytest.fixture
def world(ctx: ServiceContext, partners: Partners) -> World:
    _y, _r, case_a = admit(ctx, partners, "Amir", partners.coach_a.id, dt.date(2023, 3, 1))
    _y, _r, case_b = admit(ctx, partners, "Bram", partners.coach_b.id, dt.date(2023, 4, 1))
    pending = lifecycle.register(
        ctx, partners, lifecycle.new_youth(ctx, first_name="Pien"), dt.date(2024, 1, 5)
    )
    first = meetings.plan_meeting(ctx, held_on=FIRST, location="Stadskantoor")
    meetings.propose_agenda(ctx, first)
    item_a = _on_agenda(ctx, first, case_a)
    item_b = _on_agenda(ctx, first, case_b)
    free_item = meetings.add_text_item(ctx, first, "Mededelingen")
    action = meetings.add_action_item(ctx, item_a, description="Gesprek met school")
    second = meetings.plan_meeting(ctx, held_on=SECOND, location="Politiebureau")
    meetings.add_case_item(ctx, second, case_b, "Nieuwe aanhouding")
    partner = add_user(ctx.store, "politie", UserRole.PARTNER)
    with ctx.store.transaction() as session:
        session.add(MeetingAttendee(meeting_id=second, name="Politie", user_id=partner.id))
    return World(
        case_a, case_b, pending, first, second, item_a, item_b, free_item, action,
        coach_a=add_user(ctx.store, "fatima", UserRole.COACH, partners.coach_a.id),
        coach_b=add_user(ctx.store, "jeroen", UserRole.COACH, partners.coach_b.id),
        director=add_user(ctx.store, "sanne", UserRole.PROCESS_DIRECTOR, partners.director.id),
        partner=partner,
    )  # fmt: skip


def _audit_count(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count(AuditEntry.seq))) or 0


def _subjects(ctx: ServiceContext, meeting_id: uuid.UUID) -> set[Any]:
    """What a user reads of a meeting: its cases, registrations and free items' texts."""
    return {
        item.case_id or item.registration_id or item.text
        for item in meetings.get_meeting(ctx, meeting_id).items
    }


# -- who may change a meeting --------------------------------------------------------------------


def _writes(world: World) -> dict[str, Callable[[ServiceContext], object]]:
    """Every change to a meeting, each with arguments that would work for a coordinator."""
    return {
        "plan": lambda c: meetings.plan_meeting(c, held_on=dt.date(2024, 2, 6)),
        "update": lambda c: meetings.update_meeting(c, world.second, held_on=SECOND,
                                                    location="Stadskantoor"),
        "finish": lambda c: meetings.finish_meeting(c, world.first),
        "cancel": lambda c: meetings.cancel_meeting(c, world.second),
        "reopen": lambda c: meetings.reopen_meeting(c, world.first),
        "remove": lambda c: meetings.remove_meeting(c, world.second),
        "restore": lambda c: meetings.restore_meeting(c, world.second),
        "propose": lambda c: meetings.propose_agenda(c, world.first),
        "proposals": lambda c: meetings.proposals_on(c, FIRST),
        "add_case": lambda c: meetings.add_case_item(c, world.second, world.case_a),
        "add_text": lambda c: meetings.add_text_item(c, world.first, "Rondvraag"),
        "category": lambda c: meetings.propose_category_change(c, world.second, world.case_a,
                                                               "Rivaliserende groep"),
        "remove_item": lambda c: meetings.remove_item(c, world.item_b),
        "restore_item": lambda c: meetings.restore_item(c, world.item_b),
        "move": lambda c: meetings.move_item(c, world.free_item, -1),
        "decide": lambda c: meetings.take_decisions(c, world.item_a, ItemDecisions(DecisionKind.CONTINUE)),
        "withdraw": lambda c: meetings.withdraw_decisions(c, world.item_a),
        "add_action": lambda c: meetings.add_action_item(c, world.item_a, description="Bellen"),
        "action_done": lambda c: meetings.set_action_done(c, world.action, True),
        "remove_action": lambda c: meetings.remove_action_item(c, world.action),
        "restore_action": lambda c: meetings.restore_action_item(c, world.action),
        "agenda_shows": lambda c: meetings.set_agenda_shows(c, AgendaShows.INITIALS),
    }  # fmt: skip


@pytest.mark.parametrize("who", ["coach_a", "coach_b", "partner"])
def test_a_coach_or_partner_is_refused_every_change_to_a_meeting_and_nothing_is_written(
    ctx: ServiceContext, world: World, who: str
) -> None:
    as_them = as_user(ctx, getattr(world, who))
    before = _audit_count(ctx.store)
    for name, write in _writes(world).items():
        with pytest.raises(PermissionDeniedError) as refused:
            write(as_them)
        assert refused.value.code == "role_not_allowed", name
        assert "coördinator of procesregisseur" in refused.value.message
    assert _audit_count(ctx.store) == before


def test_a_process_director_plans_shapes_and_decides_like_the_coordinator(
    ctx: ServiceContext, world: World
) -> None:
    director = as_user(ctx, world.director)
    meeting_id = meetings.plan_meeting(director, held_on=dt.date(2024, 2, 6))
    meetings.propose_agenda(director, meeting_id)
    meetings.add_text_item(director, meeting_id, "Rondvraag")
    meetings.add_action_item(director, world.item_a, description="Bellen")
    meetings.set_agenda_shows(director, AgendaShows.INITIALS)
    assert meetings.get_agenda_shows(ctx) is AgendaShows.INITIALS
    assert {row.id for row in meetings.list_meetings(director)} == {
        world.first, world.second, meeting_id
    }


# -- what a coach and a partner read -------------------------------------------------------------


def test_a_coach_lists_only_the_meetings_that_discussed_one_of_their_cases(
    ctx: ServiceContext, world: World
) -> None:
    assert [row.id for row in meetings.list_meetings(as_user(ctx, world.coach_a))] == [world.first]
    assert [row.id for row in meetings.list_meetings(as_user(ctx, world.coach_b))] == [
        world.second, world.first
    ]
    assert [row.id for row in meetings.list_meetings(ctx)] == [world.second, world.first]


def test_inside_a_meeting_a_coach_reads_their_own_items_and_the_free_ones_only(
    ctx: ServiceContext, world: World
) -> None:
    everything = _subjects(ctx, world.first)
    assert {world.case_a, world.case_b, world.pending, "Mededelingen"} <= everything
    assert _subjects(as_user(ctx, world.coach_a), world.first) == {world.case_a, "Mededelingen"}
    (row,) = meetings.list_meetings(as_user(ctx, world.coach_a))
    assert row.item_count == 2  # Amir's item and the free one


def test_a_coachs_search_does_not_find_a_meeting_by_another_coachs_youth(
    ctx: ServiceContext, world: World
) -> None:
    assert {row.id for row in meetings.list_meetings(ctx, "bram")} == {world.first, world.second}
    assert meetings.list_meetings(as_user(ctx, world.coach_a), "bram") == []
    assert meetings.list_meetings(as_user(ctx, world.coach_a), "pien") == []
    assert [r.id for r in meetings.list_meetings(as_user(ctx, world.coach_a), "amir")] == [
        world.first
    ]


def test_another_coachs_meeting_is_refused_in_the_same_words_as_one_that_does_not_exist(
    ctx: ServiceContext, world: World
) -> None:
    coach_a = as_user(ctx, world.coach_a)
    with pytest.raises(PermissionDeniedError) as of_b:
        meetings.get_meeting(coach_a, world.second)
    with pytest.raises(PermissionDeniedError) as missing:
        meetings.get_meeting(coach_a, uuid.uuid4())
    assert of_b.value.code == missing.value.code == "no_access_to_meeting"
    assert of_b.value.message == missing.value.message


def test_a_partner_reads_the_meetings_they_attend_and_those_discussing_the_same_cases(
    ctx: ServiceContext, world: World
) -> None:
    partner = as_user(ctx, world.partner)
    assert [row.id for row in meetings.list_meetings(partner)] == [world.second, world.first]
    assert _subjects(partner, world.second) == {world.case_b}
    assert _subjects(partner, world.first) == {world.case_b, "Mededelingen"}
    stranger = as_user(ctx, add_user(ctx.store, "reclassering", UserRole.PARTNER))
    assert meetings.list_meetings(stranger) == []
    with pytest.raises(PermissionDeniedError):
        meetings.get_meeting(stranger, world.second)


def test_an_attendee_sees_their_meeting_even_without_a_case_of_theirs_on_it(
    ctx: ServiceContext, world: World
) -> None:
    with ctx.store.transaction() as session:
        session.add(
            MeetingAttendee(meeting_id=world.second, name="Fatima", user_id=world.coach_a.id)
        )
    coach_a = as_user(ctx, world.coach_a)
    assert {row.id for row in meetings.list_meetings(coach_a)} == {world.first, world.second}
    assert _subjects(coach_a, world.second) == set()  # Bram's item is still not theirs


def test_a_cases_meetings_are_refused_for_a_case_the_user_may_not_see(
    ctx: ServiceContext, world: World
) -> None:
    coach_a = as_user(ctx, world.coach_a)
    assert [row.meeting_id for row in meetings.meetings_for_case(coach_a, world.case_a)] == [
        world.first
    ]
    with pytest.raises(PermissionDeniedError) as refused:
        meetings.meetings_for_case(coach_a, world.case_b)
    assert refused.value.code == "no_access_to_case"


# -- the exchange import is the coordinator's ----------------------------------------------------


@pytest.fixture
def empty(tmp_path: Path, ctx: ServiceContext) -> Iterator[ServiceContext]:
    """A second, empty store to import into."""
    store, _ = Store.create(tmp_path / "other" / "leeg.zvkd", PASSWORD, username="coordinator",
                            display_name="Coördinator", kdf=TEST_KDF)  # fmt: skip
    try:
        yield ServiceContext(store, today=ctx.today)
    finally:
        store.close()


@pytest.mark.parametrize(
    "role", [UserRole.COACH, UserRole.PROCESS_DIRECTOR, UserRole.PARTNER], ids=lambda r: r.value
)
def test_only_the_coordinator_checks_or_imports_an_exchange_file(
    ctx: ServiceContext, world: World, empty: ServiceContext, role: UserRole
) -> None:
    document = export_exchange(ctx)
    someone = as_user(empty, add_user(empty.store, "iemand", role))
    before = _audit_count(empty.store)
    for attempt in (check_exchange, import_exchange):
        with pytest.raises(PermissionDeniedError) as refused:
            attempt(someone, document)
        assert refused.value.code == "role_not_allowed"
        assert refused.value.message.startswith("Dit kan alleen een coördinator.")
    assert _audit_count(empty.store) == before
    assert import_exchange(empty, document).total > 0  # the coordinator may
