"""Each casework dialog: what it refuses at the field (OK disabled, the reason shown, the field
marked), what the services refuse (shown inside the dialog, which stays open, nothing saved and
nothing on the undo stack), and that a valid entry is saved and undoable."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.services.conftest import Partners
from tests.ui.casefile.conftest import ADMITTED, TODAY, Admitted
from tests.ui.casefile.drive import click_ok, type_date
from tests.ui.helpers import click
from zvkd_desktop.domain.vocabulary import (
    ClosureReason,
    CoachContactKind,
    LifeDomain,
    PoliceContactKind,
)
from zvkd_desktop.services import cases, contacts, reviews, youths
from zvkd_desktop.services.case_views import get_case
from zvkd_desktop.ui.dialogs.assignment import (
    CategoryDialog,
    CoachDialog,
    ProcessDirectorDialog,
    ReviewPlanningDialog,
)
from zvkd_desktop.ui.dialogs.closure import CloseCaseDialog, ReopenCaseDialog
from zvkd_desktop.ui.dialogs.contacts import CoachContactDialog, PoliceContactDialog
from zvkd_desktop.ui.dialogs.fields import select_data
from zvkd_desktop.ui.dialogs.person import GuardianDialog, SiblingDialog, YouthDialog
from zvkd_desktop.ui.dialogs.review import ReviewDialog
from zvkd_desktop.ui.sections import AppContext

D = dt.date
T = TypeVar("T", bound=QDialog)
FUTURE = "De datum ligt in de toekomst. Vul een datum in tot en met vandaag (18-03-2024)."


@pytest.fixture
def show(qtbot: QtBot):  # noqa: ANN201 - a small factory
    def shown(dialog: T) -> T:
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return shown


def blocked(dialog: QDialog, field: object) -> str:
    """OK is disabled, ``field`` carries the warning sign, and the reason is what is shown."""
    assert not dialog.ok_button.isEnabled()
    marker = dialog._markers[field]
    assert marker.isVisible()
    assert marker.toolTip() == field.accessibleDescription()
    return dialog.message.text()


# -- police and coach contacts --------------------------------------------------------------------


def test_a_police_contact_in_the_future_is_refused_at_the_field(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    dialog = show(PoliceContactDialog(app_context, admitted.youth_id))
    assert dialog.ok_button.isEnabled()
    type_date(qtbot, dialog.date_edit, TODAY + dt.timedelta(days=1))
    assert blocked(dialog, dialog.date_edit) == FUTURE
    type_date(qtbot, dialog.date_edit, TODAY)
    assert dialog.ok_button.isEnabled() and dialog.message.text() == ""


def test_the_services_refusal_is_shown_in_the_dialog_which_stays_open(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    dialog = show(PoliceContactDialog(app_context, admitted.youth_id))
    type_date(qtbot, dialog.date_edit, D(2006, 1, 1))  # before the youth was born
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert dialog.message.text().startswith(
        "Het politiecontact op 01-01-2006 ligt vóór de geboorte"
    )
    assert contacts.police_contacts(app_context.services, admitted.youth_id) == []
    assert app_context.undo_stack.count() == 0
    type_date(qtbot, dialog.date_edit, D(2024, 1, 5))  # corrected: the refusal goes away
    assert dialog.message.text() == ""
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert app_context.undo_stack.count() == 1


def test_editing_a_police_contact_and_undoing_the_edit(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    ctx = app_context.services
    contacts.add_police_contact(
        ctx,
        youth_id=admitted.youth_id,
        contact_on=D(2023, 10, 1),
        kind=PoliceContactKind.SUSPECT,
        negative=True,
    )
    [before] = contacts.police_contacts(ctx, admitted.youth_id)
    dialog = show(PoliceContactDialog(app_context, admitted.youth_id, before))
    assert dialog.ok_button.text() == "&Opslaan"
    click(qtbot, dialog.negative_box)
    qtbot.keyClicks(dialog.note_edit, "Bleek getuige te zijn")
    click_ok(qtbot, dialog)
    [after] = contacts.police_contacts(ctx, admitted.youth_id)
    assert (after.negative, after.note) == (False, "Bleek getuige te zijn")
    app_context.undo_stack.undo()
    assert contacts.police_contacts(ctx, admitted.youth_id) == [before]


def test_a_coach_contact_before_admission_is_refused_by_the_service(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    dialog = show(CoachContactDialog(app_context, admitted.case_id))
    type_date(qtbot, dialog.date_edit, ADMITTED - dt.timedelta(days=1))
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "vóór de opname op 01-09-2023" in dialog.message.text()
    type_date(qtbot, dialog.date_edit, D(2024, 3, 1))
    select_data(dialog.kind_combo, CoachContactKind.HOME_VISIT)
    click_ok(qtbot, dialog)
    [contact] = contacts.coach_contacts(app_context.services, admitted.case_id)
    assert (contact.kind, contact.coach_name) == (CoachContactKind.HOME_VISIT, "Fatima el Amrani")
    app_context.undo_stack.undo()
    assert contacts.coach_contacts(app_context.services, admitted.case_id) == []
    app_context.undo_stack.redo()
    assert contacts.coach_contacts(app_context.services, admitted.case_id) == [contact]


# -- reviews --------------------------------------------------------------------------------------


def test_a_review_plans_the_next_one_a_cadence_later(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    case = get_case(app_context.services, admitted.case_id)
    dialog = show(ReviewDialog(app_context, case))
    type_date(qtbot, dialog.date_edit, D(2024, 3, 12))
    assert dialog.next_edit.value() == D(2024, 4, 23)  # 6 weeks later, following the date
    type_date(qtbot, dialog.next_edit, D(2024, 3, 12))
    assert (
        blocked(dialog, dialog.next_edit)
        == "De volgende bespreking moet na deze bespreking liggen."
    )
    type_date(qtbot, dialog.next_edit, D(2024, 4, 30))
    type_date(qtbot, dialog.date_edit, D(2024, 3, 11))
    assert dialog.next_edit.value() == D(2024, 4, 30)  # chosen by hand: it stays
    qtbot.keyClicks(dialog.progress_edits[LifeDomain.FAMILY], "Moeder doet mee")
    qtbot.keyClicks(dialog.decisions_edit, "Coach belt vader")
    click_ok(qtbot, dialog)
    [review] = reviews.reviews(app_context.services, admitted.case_id)
    assert review.progress == ((LifeDomain.FAMILY, "Moeder doet mee"),)
    assert get_case(app_context.services, admitted.case_id).next_review_on == D(2024, 4, 30)
    app_context.undo_stack.undo()
    assert reviews.reviews(app_context.services, admitted.case_id) == []
    assert get_case(app_context.services, admitted.case_id).next_review_on == case.next_review_on


def test_a_review_before_admission_or_in_the_future_is_refused_at_the_field(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    dialog = show(ReviewDialog(app_context, get_case(app_context.services, admitted.case_id)))
    type_date(qtbot, dialog.date_edit, D(2023, 8, 1))
    assert blocked(dialog, dialog.date_edit) == "De bespreking ligt vóór de opname op 01-09-2023."
    type_date(qtbot, dialog.date_edit, TODAY + dt.timedelta(days=2))
    assert blocked(dialog, dialog.date_edit) == FUTURE


# -- category, coach, process director, planning ----------------------------------------------------


def test_a_category_change_must_start_after_the_last_one(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    dialog = show(CategoryDialog(app_context, get_case(app_context.services, admitted.case_id)))
    assert dialog.category_combo.currentText() == "Rivaliserende jeugd"  # only the other one
    type_date(qtbot, dialog.date_edit, ADMITTED)
    assert blocked(dialog, dialog.date_edit) == "Kies een ingangsdatum na 01-09-2023."
    type_date(qtbot, dialog.date_edit, D(2023, 9, 2))
    click_ok(qtbot, dialog)
    assert [
        p.from_date for p in get_case(app_context.services, admitted.case_id).category_periods
    ] == [ADMITTED, D(2023, 9, 2)]


def test_the_coach_dialog_offers_only_other_active_coaches(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted, partners: Partners
) -> None:
    dialog = show(CoachDialog(app_context, get_case(app_context.services, admitted.case_id)))
    assert [dialog.coach_combo.itemText(i) for i in range(dialog.coach_combo.count())] == [
        "Jeroen de Vries"
    ]
    type_date(qtbot, dialog.date_edit, TODAY + dt.timedelta(days=1))
    assert blocked(dialog, dialog.date_edit) == FUTURE


def test_the_process_director_can_be_cleared_and_put_back(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted, partners: Partners
) -> None:
    dialog = show(
        ProcessDirectorDialog(app_context, get_case(app_context.services, admitted.case_id))
    )
    assert dialog.director_combo.currentText() == "Sanne Bakker"
    assert not dialog.ok_button.isEnabled()
    assert dialog.message.text() == "Kies een andere procesregisseur om te wijzigen."
    dialog.director_combo.setCurrentIndex(0)
    click_ok(qtbot, dialog)
    assert get_case(app_context.services, admitted.case_id).process_director_id is None
    app_context.undo_stack.undo()
    assert (
        get_case(app_context.services, admitted.case_id).process_director_id == partners.director.id
    )


def test_review_planning_changes_cadence_and_next_date(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    case = get_case(app_context.services, admitted.case_id)
    dialog = show(ReviewPlanningDialog(app_context, case))
    assert not dialog.ok_button.isEnabled()
    dialog.cadence_spin.setValue(4)
    type_date(qtbot, dialog.next_edit, D(2024, 3, 25))
    click_ok(qtbot, dialog)
    changed = get_case(app_context.services, admitted.case_id)
    assert (changed.review_cadence_weeks, changed.next_review_on) == (4, D(2024, 3, 25))
    app_context.undo_stack.undo()
    back = get_case(app_context.services, admitted.case_id)
    assert (back.review_cadence_weeks, back.next_review_on) == (6, case.next_review_on)


# -- closing and reopening ------------------------------------------------------------------------


def test_closing_for_another_reason_needs_its_text(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    dialog = show(CloseCaseDialog(app_context, get_case(app_context.services, admitted.case_id)))
    select_data(dialog.reason_combo, ClosureReason.OTHER)
    assert blocked(dialog, dialog.reason_text_edit) == "Vul de reden van afsluiten in."
    assert dialog.reason_text_label.text() == "&Toelichting (verplicht):"


def test_closing_for_relocation_asks_where_when_and_whether_transferred(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    dialog = show(CloseCaseDialog(app_context, get_case(app_context.services, admitted.case_id)))
    assert not dialog.relocation_box.isVisible()
    select_data(dialog.reason_combo, ClosureReason.RELOCATION)
    assert dialog.relocation_box.isVisible()
    assert (
        blocked(dialog, dialog.municipality_edit)
        == "Vul de gemeente in waarheen de jongere verhuist."
    )
    qtbot.keyClicks(dialog.municipality_edit, "Rijswijk")
    assert blocked(dialog, dialog.transferred_choice) == "Geef aan of de casus is overgedragen."
    click(qtbot, dialog.transferred_no)
    type_date(qtbot, dialog.informed_edit, D(2024, 3, 15))
    click_ok(qtbot, dialog)
    case = get_case(app_context.services, admitted.case_id)
    assert (case.closure_reason, case.relocation_municipality, case.transferred) == (
        ClosureReason.RELOCATION,
        "Rijswijk",
        False,
    )
    assert case.relocation_informed_on == D(2024, 3, 15)


def test_the_close_dialog_shows_the_rule_for_the_chosen_date(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    """Admitted 01-09-2023, no police contact: eligible from 02-03-2024."""
    dialog = show(CloseCaseDialog(app_context, get_case(app_context.services, admitted.case_id)))
    type_date(qtbot, dialog.date_edit, D(2024, 2, 20))
    assert dialog.verdict_label.text() == "Afsluitbaar vanaf 02-03-2024 — nog 11 dagen"
    assert dialog.reference_label.text() == "Gerekend vanaf 01-09-2023 (opnamedatum)."
    select_data(dialog.reason_combo, ClosureReason.ESCALATED)  # other reasons: any day
    assert dialog.ok_button.isEnabled()
    type_date(qtbot, dialog.date_edit, D(2024, 3, 2))
    assert dialog.verdict_label.text() == (
        "Voldoet aan de 6-maandenregel (afsluitbaar sinds 02-03-2024)"
    )


def test_reopening_is_not_before_the_closure(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    ctx = app_context.services
    cases.close_case(
        ctx, admitted.case_id, closed_on=D(2024, 3, 4), reason=ClosureReason.POLICE_FREE
    )
    dialog = show(ReopenCaseDialog(app_context, get_case(ctx, admitted.case_id)))
    qtbot.keyClicks(dialog.reason_edit, "Onterecht afgesloten")
    type_date(qtbot, dialog.date_edit, D(2024, 3, 1))
    assert blocked(dialog, dialog.date_edit) == "De datum ligt vóór de afsluiting op 04-03-2024."
    type_date(qtbot, dialog.date_edit, D(2024, 3, 5))
    click_ok(qtbot, dialog)
    assert get_case(ctx, admitted.case_id).closed_on is None


# -- person and family ----------------------------------------------------------------------------


def test_the_youth_dialog_checks_names_postcode_and_phone(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    ctx = app_context.services
    dialog = show(YouthDialog(app_context, youths.get_youth(ctx, admitted.youth_id)))
    assert dialog.message.text() == "Er is nog niets gewijzigd."
    dialog.first_edit.clear()
    assert blocked(dialog, dialog.first_edit) == "Vul de voornaam in."
    qtbot.keyClicks(dialog.first_edit, "Danny")
    qtbot.keyClicks(dialog.postcode_edit, "26X")
    assert blocked(dialog, dialog.postcode_edit).startswith("Een postcode is vier cijfers")
    dialog.postcode_edit.clear()
    qtbot.keyClicks(dialog.postcode_edit, "2625ak")
    qtbot.keyClicks(dialog.phone_edit, "bel me")
    assert blocked(dialog, dialog.phone_edit).startswith("Een telefoonnummer bestaat uit cijfers")
    dialog.phone_edit.clear()
    click_ok(qtbot, dialog)
    youth = youths.get_youth(ctx, admitted.youth_id)
    assert (youth.first_name, youth.postcode) == ("Danny", "2625 AK")
    app_context.undo_stack.undo()
    youth = youths.get_youth(ctx, admitted.youth_id)
    assert (youth.first_name, youth.postcode) == ("Daan", None)


def test_a_guardian_needs_a_name_and_a_valid_email(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted
) -> None:
    dialog = show(GuardianDialog(app_context, admitted.youth_id))
    assert blocked(dialog, dialog.name_edit) == "Vul de naam van de ouder of verzorger in."
    qtbot.keyClicks(dialog.name_edit, "Ingrid Visser")
    qtbot.keyClicks(dialog.email_edit, "ingrid@")
    assert blocked(dialog, dialog.email_edit) == "Een e-mailadres heeft de vorm naam@voorbeeld.nl."
    qtbot.keyClicks(dialog.email_edit, "voorbeeld.nl")
    qtbot.keyClicks(dialog.relation_edit, "moeder")
    click_ok(qtbot, dialog)
    [guardian] = youths.get_youth(app_context.services, admitted.youth_id).guardians
    assert (guardian.name, guardian.email) == ("Ingrid Visser", "ingrid@voorbeeld.nl")
    app_context.undo_stack.undo()
    assert youths.get_youth(app_context.services, admitted.youth_id).guardians == ()


def test_linking_a_sibling_found_by_name_and_undoing_it(
    qtbot: QtBot, show, app_context: AppContext, admitted: Admitted, partners: Partners
) -> None:
    ctx = app_context.services
    sister = youths.create_youth(
        ctx, first_name="Lotte", last_name="Visser", date_of_birth=D(2009, 2, 3)
    )
    dialog = show(SiblingDialog(app_context, youths.get_youth(ctx, admitted.youth_id)))
    assert blocked(dialog, dialog.result_list) == "Zoek en kies de broer of zus."
    qtbot.keyClicks(dialog.search_edit, "lot")
    assert dialog.result_list.currentItem().text() == "Lotte Visser (03-02-2009)"
    click_ok(qtbot, dialog)
    assert [s.id for s in youths.get_youth(ctx, admitted.youth_id).siblings] == [sister]
    app_context.undo_stack.undo()
    assert youths.get_youth(ctx, admitted.youth_id).siblings == ()
