"""The case history service (services/case_history.py): every change to the case and to its
youth's records, newest first, with Dutch field names and names instead of ids — and nothing of
another youth's records."""

from __future__ import annotations

import datetime as dt

from tests.services.conftest import Partners
from tests.ui.casefile.conftest import Admitted, register_and_admit
from zvkd_desktop.domain.vocabulary import PoliceContactKind
from zvkd_desktop.services import cases, contacts, family, youths
from zvkd_desktop.services.case_history import FieldChange, case_history
from zvkd_desktop.ui.sections import AppContext

D = dt.date


def test_the_history_gathers_the_case_youth_guardians_and_police_contacts(
    app_context: AppContext, admitted: Admitted, partners: Partners
) -> None:
    ctx = app_context.services
    family.add_guardian(ctx, admitted.youth_id, name="Ingrid Visser", relation="moeder")
    contacts.add_police_contact(
        ctx,
        youth_id=admitted.youth_id,
        contact_on=D(2023, 7, 1),
        kind=PoliceContactKind.NUISANCE,
        negative=True,
    )
    cases.change_coach(ctx, admitted.case_id, partners.coach_b.id, D(2023, 10, 2))
    other = register_and_admit(ctx, partners, first_name="Sem", last_name="de Wit")
    youths.update_youth(ctx, other.youth_id, phone="06 87654321")

    rows = case_history(ctx, admitted.case_id)
    assert [r.seq for r in rows] == sorted((r.seq for r in rows), reverse=True)
    subjects = {(r.subject_label, r.action_label) for r in rows}
    assert {
        ("Jongere", "toegevoegd"),
        ("Aanmelding", "toegevoegd"),
        ("Aanmelding", "besluit genomen"),
        ("Casus", "toegevoegd"),
        ("Ouder of verzorger", "toegevoegd"),
        ("Politiecontact", "toegevoegd"),
        ("Coach", "toegevoegd"),
        ("Casus", "gewijzigd"),
    } <= subjects
    assert all(r.record_id != other.youth_id for r in rows)  # Sem's change is not Daan's
    assert all(r.user_name == "Coördinator" for r in rows)
    [coach_move] = [r for r in rows if r.table == "pad_case" and r.action == "update"]
    assert coach_move.changes == (
        FieldChange("coach_id", "Coach", "Fatima el Amrani", "Jeroen de Vries"),
    )
    [contact] = [r for r in rows if r.table == "police_contact"]
    assert FieldChange("kind", "Soort", "", "Registratie overlast") in contact.changes
    assert FieldChange("contact_on", "Datum", "", "01-07-2023") in contact.changes
    assert FieldChange("negative", "Negatief in beeld", "", "ja") in contact.changes
    [youth] = [r for r in rows if r.table == "youth"]
    assert FieldChange("neighbourhood", "Wijk", "", "Buitenhof") in youth.changes
    assert not any(c.field in ("pseudonym", "id", "youth_id") for r in rows for c in r.changes)
    assert rows[0].at.tzinfo is dt.UTC
