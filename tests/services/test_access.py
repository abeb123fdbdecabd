"""The access rules themselves (services.access) and the access records (services.access_log).

Who sees which case: a coordinator and a process director all of them, a coach the cases they
are or were the coach of, a partner the cases on the agenda of meetings they attend. Opening a
case file, an export, a print and a report each leave an entry with the user's id in the audit
log. ``test_access_everywhere`` checks that every service applies these rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.services import lifecycle
from tests.services.conftest import Partners
from zvkd_desktop.cli.main import main
from zvkd_desktop.domain.vocabulary import AgendaSection, Category, MeetingStatus, UserRole
from zvkd_desktop.errors import NotFoundError, PermissionDeniedError
from zvkd_desktop.services import access, access_log, cases, registrations
from zvkd_desktop.services.audit import verify_chain
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import AgendaItem, AuditEntry, Meeting, MeetingAttendee, User
from zvkd_desktop.store.store import CurrentUser, Store

# -- helpers shared with test_access_everywhere ---------------------------------------------------


class StoreAs:
    """The store as another user works with it: the same data, a different ``user``."""

    def __init__(self, store: Store, user: CurrentUser) -> None:
        self._store = store
        self.user = user

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def add_user(
    store: Store, username: str, role: UserRole, professional_id: uuid.UUID | None = None
) -> CurrentUser:
    """A user row in the store, and the CurrentUser that unlocking as them would give."""
    user_id = uuid.uuid4()
    with store.transaction() as session:
        session.add(
            User(
                id=user_id,
                username=username,
                display_name=username,
                role=role,
                professional_id=professional_id,
            )
        )
    return dataclasses.replace(
        store.user,
        id=user_id,
        username=username,
        display_name=username,
        role=role,
        professional_id=professional_id,
    )


def as_user(ctx: ServiceContext, user: CurrentUser) -> ServiceContext:
    return ServiceContext(cast(Store, StoreAs(ctx.store, user)), today=ctx.today)


def admit(
    ctx: ServiceContext,
    partners: Partners,
    first_name: str,
    coach_id: uuid.UUID,
    admitted_on: dt.date,
) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """(youth, registration, case): a youth registered 10 days before and admitted that day."""
    youth_id = lifecycle.new_youth(ctx, first_name=first_name)
    registration_id = lifecycle.register(ctx, partners, youth_id, admitted_on - dt.timedelta(10))
    case_id = registrations.decide_admit(
        ctx, registration_id, decided_on=admitted_on, category=Category.REGULAR, coach_id=coach_id
    )
    return youth_id, registration_id, case_id


def add_meeting(
    store: Store,
    attendee: CurrentUser,
    *,
    case_ids: tuple[uuid.UUID, ...] = (),
    registration_ids: tuple[uuid.UUID, ...] = (),
    removed_case_ids: tuple[uuid.UUID, ...] = (),
    status: MeetingStatus = MeetingStatus.HELD,
) -> uuid.UUID:
    """A core-team meeting ``attendee`` attends, with these items on its agenda."""
    meeting_id = uuid.uuid4()
    with store.transaction() as session:
        session.add(Meeting(id=meeting_id, held_on=dt.date(2024, 1, 10), status=status))
        session.add(
            MeetingAttendee(meeting_id=meeting_id, name=attendee.display_name, user_id=attendee.id)
        )
        items = [(c, None, False) for c in case_ids] + [(None, r, False) for r in registration_ids]
        items += [(c, None, True) for c in removed_case_ids]
        for position, (case_id, registration_id, removed) in enumerate(items, start=1):
            session.add(
                AgendaItem(
                    meeting_id=meeting_id,
                    position=position,
                    section=AgendaSection.REVIEW_DUE,
                    case_id=case_id,
                    registration_id=registration_id,
                    removed=removed,
                )
            )
    return meeting_id


def entries(store: Store, action: str) -> list[AuditEntry]:
    with store.read() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
            )
        )


# -- the rules -----------------------------------------------------------------------------------


@pytest.fixture
def three_cases(ctx: ServiceContext, partners: Partners) -> dict[str, uuid.UUID]:
    """A's case, B's case, and a case that was A's until it was handed to B."""
    _y, _r, of_a = admit(ctx, partners, "Amir", partners.coach_a.id, dt.date(2023, 3, 1))
    _y, _r, of_b = admit(ctx, partners, "Bram", partners.coach_b.id, dt.date(2023, 4, 1))
    _y, _r, handed = admit(ctx, partners, "Hugo", partners.coach_a.id, dt.date(2023, 2, 1))
    cases.change_coach(ctx, handed, partners.coach_b.id, dt.date(2023, 9, 1))
    return {"a": of_a, "b": of_b, "handed": handed}


def _visible(ctx: ServiceContext, user: CurrentUser) -> set[uuid.UUID] | None:
    with ctx.store.read() as session:
        return access.visible_case_ids(session, user)


def test_a_coordinator_and_a_process_director_see_every_case_without_a_filter(
    ctx: ServiceContext, partners: Partners, three_cases: dict[str, uuid.UUID]
) -> None:
    director = add_user(ctx.store, "sanne", UserRole.PROCESS_DIRECTOR, partners.director.id)
    for user in (ctx.user, director):
        assert access.case_filter(user) is None
        assert _visible(ctx, user) is None
        with ctx.store.read() as session:
            assert all(access.can_see_case(session, user, c) for c in three_cases.values())


def test_a_coach_sees_the_cases_they_are_or_were_the_coach_of(
    ctx: ServiceContext, partners: Partners, three_cases: dict[str, uuid.UUID]
) -> None:
    coach_a = add_user(ctx.store, "fatima", UserRole.COACH, partners.coach_a.id)
    coach_b = add_user(ctx.store, "jeroen", UserRole.COACH, partners.coach_b.id)
    assert _visible(ctx, coach_a) == {three_cases["a"], three_cases["handed"]}
    assert _visible(ctx, coach_b) == {three_cases["b"], three_cases["handed"]}


def test_an_undone_coach_change_does_not_make_the_other_coach_a_former_coach(
    ctx: ServiceContext, partners: Partners, three_cases: dict[str, uuid.UUID]
) -> None:
    coach_b = add_user(ctx.store, "jeroen", UserRole.COACH, partners.coach_b.id)
    cases.change_coach(ctx, three_cases["a"], partners.coach_b.id, dt.date(2023, 10, 1))
    assert three_cases["a"] in (_visible(ctx, coach_b) or set())
    cases.undo_coach_change(ctx, three_cases["a"])
    assert three_cases["a"] not in (_visible(ctx, coach_b) or set())


def test_a_coach_user_without_a_professional_sees_nothing(
    ctx: ServiceContext, three_cases: dict[str, uuid.UUID]
) -> None:
    nobody = add_user(ctx.store, "nieuw", UserRole.COACH, None)
    assert _visible(ctx, nobody) == set()


def test_a_partner_sees_only_what_is_on_the_agenda_of_meetings_they_attend(
    ctx: ServiceContext, partners: Partners, three_cases: dict[str, uuid.UUID]
) -> None:
    partner = add_user(ctx.store, "politie", UserRole.PARTNER)
    other = add_user(ctx.store, "reclassering", UserRole.PARTNER)
    pending_youth = lifecycle.new_youth(ctx, first_name="Pien")
    pending = lifecycle.register(ctx, partners, pending_youth, dt.date(2024, 1, 5))
    add_meeting(
        ctx.store,
        partner,
        case_ids=(three_cases["b"],),
        registration_ids=(pending,),
        removed_case_ids=(three_cases["a"],),
    )
    add_meeting(
        ctx.store, partner, case_ids=(three_cases["handed"],), status=MeetingStatus.CANCELLED
    )
    add_meeting(ctx.store, other, case_ids=(three_cases["a"],))
    assert _visible(ctx, partner) == {three_cases["b"]}
    with ctx.store.read() as session:
        assert access.can_see_registration(session, partner, pending)
        assert access.can_see_youth(session, partner, pending_youth)
        assert not access.can_see_registration(session, other, pending)
        assert not access.can_see_youth(session, other, pending_youth)


def test_a_refusal_reads_the_same_for_someone_elses_case_and_for_a_case_that_does_not_exist(
    ctx: ServiceContext, partners: Partners, three_cases: dict[str, uuid.UUID]
) -> None:
    coach_a = add_user(ctx.store, "fatima", UserRole.COACH, partners.coach_a.id)
    with ctx.store.read() as session:
        with pytest.raises(PermissionDeniedError) as of_b:
            access.require_case(session, coach_a, three_cases["b"])
        with pytest.raises(PermissionDeniedError) as missing:
            access.require_case(session, coach_a, uuid.uuid4())
        access.require_case(session, coach_a, three_cases["a"])  # no refusal
    assert of_b.value.code == missing.value.code == "no_access_to_case"
    assert of_b.value.message == missing.value.message


def test_only_a_partner_is_refused_every_change(ctx: ServiceContext, partners: Partners) -> None:
    partner = add_user(ctx.store, "politie", UserRole.PARTNER)
    with pytest.raises(PermissionDeniedError) as refused:
        access.require_write(partner)
    assert refused.value.code == "read_only_role"
    for role in (UserRole.COORDINATOR, UserRole.PROCESS_DIRECTOR, UserRole.COACH):
        access.require_write(dataclasses.replace(partner, role=role))


def test_a_role_refusal_names_who_may_do_it(ctx: ServiceContext, partners: Partners) -> None:
    coach = add_user(ctx.store, "fatima", UserRole.COACH, partners.coach_a.id)
    with pytest.raises(PermissionDeniedError) as refused:
        access.require_role(coach, *access.MANAGERS)
    assert refused.value.code == "role_not_allowed"
    assert refused.value.message == (
        "Dit kan alleen een coördinator of procesregisseur. U bent aangemeld als PAD-coach."
    )
    access.require_role(ctx.user, UserRole.COORDINATOR)


# -- the access records --------------------------------------------------------------------------


def test_opening_a_case_file_is_recorded_with_the_user_and_the_case(
    ctx: ServiceContext, partners: Partners, three_cases: dict[str, uuid.UUID]
) -> None:
    coach_a = add_user(ctx.store, "fatima", UserRole.COACH, partners.coach_a.id)
    access_log.record_view(as_user(ctx, coach_a), three_cases["a"])
    (view,) = entries(ctx.store, "view")
    assert (view.user_id, view.case_id, view.record_id) == (
        coach_a.id,
        three_cases["a"],
        three_cases["a"],
    )
    assert view.table_name == "pad_case" and view.changes is None


def test_opening_someone_elses_case_file_is_refused_and_not_recorded(
    ctx: ServiceContext, partners: Partners, three_cases: dict[str, uuid.UUID]
) -> None:
    coach_a = add_user(ctx.store, "fatima", UserRole.COACH, partners.coach_a.id)
    with pytest.raises(PermissionDeniedError):
        access_log.record_view(as_user(ctx, coach_a), three_cases["b"])
    assert entries(ctx.store, "view") == []


def test_a_view_of_a_case_that_does_not_exist_is_not_recorded(ctx: ServiceContext) -> None:
    with pytest.raises(NotFoundError):
        access_log.record_view(ctx, uuid.uuid4())
    assert entries(ctx.store, "view") == []


def test_a_partners_view_is_recorded_although_the_partner_may_change_nothing(
    ctx: ServiceContext, three_cases: dict[str, uuid.UUID]
) -> None:
    partner = add_user(ctx.store, "politie", UserRole.PARTNER)
    add_meeting(ctx.store, partner, case_ids=(three_cases["b"],))
    access_log.record_view(as_user(ctx, partner), three_cases["b"])
    assert [e.user_id for e in entries(ctx.store, "view")] == [partner.id]


def test_an_export_a_print_and_a_report_each_leave_an_entry_and_the_chain_holds(
    ctx: ServiceContext, partners: Partners, three_cases: dict[str, uuid.UUID]
) -> None:
    coach_a = add_user(ctx.store, "fatima", UserRole.COACH, partners.coach_a.id)
    as_a = as_user(ctx, coach_a)
    access_log.record_export(as_a, "case_list_csv", "running", formats=["csv"])
    access_log.record_print(as_a, "case_file", case_id=three_cases["a"])
    access_log.record_report(ctx, 2023, formats=["pdf"])
    (export,) = entries(ctx.store, "export")
    (printed,) = entries(ctx.store, "print")
    (report,) = entries(ctx.store, "report")
    assert export.user_id == printed.user_id == coach_a.id
    assert export.changes == {
        "kind": "case_list_csv",
        "scope": "running",
        "cases": "own",
        "formats": ["csv"],
    }
    assert printed.case_id == three_cases["a"]
    assert report.user_id == ctx.user.id
    assert report.changes == {"kind": "yearly", "year": 2023, "cases": "all", "formats": ["pdf"]}
    with ctx.store.read() as session:
        assert verify_chain(session) is None


def test_a_print_of_someone_elses_case_is_refused_and_not_recorded(
    ctx: ServiceContext, partners: Partners, three_cases: dict[str, uuid.UUID]
) -> None:
    coach_a = add_user(ctx.store, "fatima", UserRole.COACH, partners.coach_a.id)
    with pytest.raises(PermissionDeniedError):
        access_log.record_print(as_user(ctx, coach_a), "case_file", case_id=three_cases["b"])
    assert entries(ctx.store, "print") == []


# -- the command line records its reports and exports --------------------------------------------


@pytest.fixture
def closed_store(tmp_path: Path) -> list[str]:
    """A closed store file with one case, and the arguments that open it."""
    path = tmp_path / "cli" / "pad.zvkd"
    store, _recovery = Store.create(
        path, PASSWORD, username="coordinator", display_name="Coördinator", kdf=TEST_KDF
    )
    try:
        lifecycle.new_youth(ServiceContext(store, today=lambda: dt.date(2024, 1, 15)))
    finally:
        store.close()
    secret = tmp_path / "wachtwoord.txt"
    secret.write_text(PASSWORD + "\n", "utf-8")
    return ["--store", str(path), "--password-file", str(secret)]


def _logged(arguments: list[str], action: str) -> list[AuditEntry]:
    store = Store.open(Path(arguments[1]), password=PASSWORD, read_only=True)
    try:
        return entries(store, action)
    finally:
        store.close()


def test_zvkd_report_records_the_report_before_printing_it(
    closed_store: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", *closed_store, "--year", "2023", "--today", "2024-01-15", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["year"] == 2023
    (report,) = _logged(closed_store, "report")
    assert report.user_id is not None
    assert report.changes == {"kind": "yearly", "year": 2023, "cases": "all", "formats": ["json"]}


def test_zvkd_export_records_the_export(closed_store: list[str], tmp_path: Path) -> None:
    out = tmp_path / "uit" / "export.json"
    out.parent.mkdir()
    assert main(["export", *closed_store, "--out", str(out), "--yes"]) == 0
    assert out.exists()
    (export,) = _logged(closed_store, "export")
    assert export.changes == {
        "kind": "exchange",
        "scope": "all",
        "cases": "all",
        "formats": ["json"],
    }
