"""The start screen: the day's signals grouped by kind with the service's counts, a coach's own
caseload first, and Enter or a double-click going to the right tab of the case file."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from pytestqt.qtbot import QtBot

from tests.ui.signals.demo import TODAY, act_as_coach
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import OrganisationKind
from zvkd_desktop.services import registrations, youths
from zvkd_desktop.services.partners import list_organisations
from zvkd_desktop.services.signals import signals_on
from zvkd_desktop.ui.registrations.fields import find_data
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.signals.model import TAB_FOR_KIND
from zvkd_desktop.ui.signals.page import SignalsPage


def make_page(qtbot: QtBot, context: AppContext) -> SignalsPage:
    page = SignalsPage(context)
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    return page


def top_texts(page: SignalsPage, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    return [page.model.index(row, 0, parent).data() for row in range(page.model.rowCount(parent))]


def first_row_of(page: SignalsPage, kind: SignalKind) -> QModelIndex:
    """The first signal row of a kind, wherever it sits in the tree."""

    def walk(parent: QModelIndex) -> QModelIndex | None:
        for row in range(page.model.rowCount(parent)):
            index = page.model.index(row, 0, parent)
            signal = page.model.signal_at(index)
            if signal is not None and signal.kind is kind:
                return index
            found = walk(index)
            if found is not None:
                return found
        return None

    found = walk(QModelIndex())
    assert found is not None, f"no {kind} signal on screen"
    return found


def register_pending(context: AppContext, days_ago: int) -> uuid.UUID:
    ctx = context.services
    police = next(o for o in list_organisations(ctx) if o.kind is OrganisationKind.POLICE)
    youth_id = youths.create_youth(
        ctx, first_name="Wachtende", last_name="Jongere", date_of_birth=dt.date(2008, 5, 1)
    )
    return registrations.register(
        ctx, youth_id=youth_id, registered_on=TODAY - dt.timedelta(days=days_ago),
        registrant_id=police.id, police_contacts=True, serious_concerns=False,
        multiple_domains=True, cross_chain=True,
    )  # fmt: skip


def test_groups_by_kind_with_the_services_counts(qtbot: QtBot, context: AppContext) -> None:
    expected = Counter(row.kind for row in signals_on(context.services, TODAY))
    assert len(expected) >= 3  # the demo day has several kinds, or the test proves little

    page = make_page(qtbot, context)

    assert page.model.group_counts() == {(None, kind): count for kind, count in expected.items()}
    shown_order = [kind for kind in SignalKind if kind in expected]
    assert top_texts(page) == [
        f"{kind.label} ({expected[kind]})" for kind in shown_order
    ]
    total = sum(expected.values())
    assert page.summary_label.text() == f"{total} signalen op 18-03-2024"


def test_the_first_column_shows_youth_reason_since_and_coach(
    qtbot: QtBot, context: AppContext
) -> None:
    page = make_page(qtbot, context)
    index = first_row_of(page, SignalKind.ELIGIBLE_FOR_CLOSURE)
    signal = page.model.signal_at(index)
    assert signal is not None
    cells = [index.siblingAtColumn(column).data() for column in range(4)]
    assert cells == [
        signal.youth_name, signal.reason, signal.since.strftime("%d-%m-%Y"), signal.coach_name
    ]


def test_a_coach_sees_their_own_caseload_first(
    qtbot: QtBot, context: AppContext
) -> None:
    everything = signals_on(context.services, TODAY)
    coach_id, _ = Counter(r.coach_id for r in everything if r.coach_id).most_common(1)[0]
    own = signals_on(context.services, TODAY, coach_id=coach_id)
    act_as_coach(context.store, coach_id)
    visible = signals_on(context.services, TODAY)  # a coach sees only cases they have or had
    assert len(own) < len(visible) < len(everything)

    page = make_page(qtbot, context)

    assert not page.coach_combo.isVisible()  # no filter needed: their work is on top
    assert top_texts(page) == [
        f"Mijn caseload ({len(own)})",
        f"Overige signalen ({len(visible) - len(own)})",
    ]
    mine = page.model.index(0, 0)
    own_counts = Counter(row.kind for row in own)
    assert top_texts(page, mine) == [
        f"{kind.label} ({own_counts[kind]})" for kind in SignalKind if kind in own_counts
    ]
    shown_mine = [
        page.model.signal_at(page.model.index(row, 0, group))
        for group in (page.model.index(g, 0, mine) for g in range(page.model.rowCount(mine)))
        for row in range(page.model.rowCount(group))
    ]
    assert {s.coach_id for s in shown_mine} == {coach_id}
    assert len(shown_mine) == len(own)


def test_a_director_filters_on_one_coach(qtbot: QtBot, context: AppContext) -> None:
    page = make_page(qtbot, context)
    everything = signals_on(context.services, TODAY)
    coach_id, _ = Counter(r.coach_id for r in everything if r.coach_id).most_common(1)[0]
    own = Counter(row.kind for row in signals_on(context.services, TODAY, coach_id=coach_id))

    page.coach_combo.setCurrentIndex(find_data(page.coach_combo, coach_id))

    assert page.model.group_counts() == {(None, kind): count for kind, count in own.items()}


@pytest.mark.parametrize(
    "kind",
    [SignalKind.ELIGIBLE_FOR_CLOSURE, SignalKind.NEW_POLICE_CONTACT, SignalKind.ACTION_OVERDUE,
     SignalKind.TURNS_27],
)  # fmt: skip
def test_a_double_click_opens_the_case_at_the_right_tab(
    qtbot: QtBot, context: AppContext, kind: SignalKind
) -> None:
    page = make_page(qtbot, context)
    index = first_row_of(page, kind)
    signal = page.model.signal_at(index)
    assert signal is not None
    page.tree.scrollTo(index)
    centre = page.tree.visualRect(index).center()

    with qtbot.assertNotEmitted(context.open_case_requested):  # a single click only selects
        qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(context.open_case_requested, timeout=1000) as opened:
        qtbot.mouseDClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    assert opened.args == [signal.case_id, TAB_FOR_KIND[kind]]


def test_enter_opens_the_selected_case(qtbot: QtBot, context: AppContext) -> None:
    page = make_page(qtbot, context)
    index = first_row_of(page, SignalKind.ACTION_OVERDUE)
    signal = page.model.signal_at(index)
    assert signal is not None
    page.tree.setFocus()
    page.tree.setCurrentIndex(index)

    with qtbot.waitSignal(context.open_case_requested, timeout=1000) as opened:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)

    assert opened.args == [signal.case_id, "plan"]


def test_every_kind_but_registrations_has_a_tab() -> None:
    assert set(TAB_FOR_KIND) == set(SignalKind) - {SignalKind.REGISTRATION_PENDING}


def test_a_waiting_registration_asks_for_the_registrations_section(
    qtbot: QtBot, context: AppContext
) -> None:
    registration_id = register_pending(context, days_ago=20)
    page = make_page(qtbot, context)
    index = first_row_of(page, SignalKind.REGISTRATION_PENDING)
    page.tree.setCurrentIndex(index)
    page.tree.setFocus()

    with qtbot.waitSignal(page.registration_requested, timeout=1000) as requested:
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)

    assert requested.args == [registration_id]


def test_a_day_without_signals_says_so_plainly(qtbot: QtBot, context: AppContext) -> None:
    page = make_page(qtbot, context)

    page.date_edit.setDate(QDate(2000, 1, 1))

    assert page.stack.currentWidget() is page.empty_label
    assert page.empty_label.text() == "Geen signalen op 01-01-2000"
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert page.on == TODAY
    assert page.stack.currentWidget() is page.tree


def test_the_list_follows_edits_and_their_undo(qtbot: QtBot, context: AppContext) -> None:
    page = make_page(qtbot, context)
    before = dict(page.model.group_counts())
    assert (None, SignalKind.REGISTRATION_PENDING) not in before
    ids: list[uuid.UUID] = []

    context.execute(
        page, "aanmelden",
        lambda: ids.append(register_pending(context, days_ago=30)) or ids[-1],
        lambda registration_id: registrations.withdraw_registration(
            context.services, registration_id),
    )  # fmt: skip

    assert page.model.group_counts()[(None, SignalKind.REGISTRATION_PENDING)] == 1
    context.undo_stack.undo()
    assert page.model.group_counts() == before


def test_the_tree_model_is_a_well_behaved_qt_model(
    qtbot: QtBot, qtmodeltester, context: AppContext  # type: ignore[no-untyped-def]
) -> None:
    page = make_page(qtbot, context)
    qtmodeltester.check(page.model)
