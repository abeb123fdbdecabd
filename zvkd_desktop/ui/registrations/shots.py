"""Render the 'Aanmeldingen' page and its dialogs to PNG (a visual check, and for the README).

The decide dialog needs a pending registration. When the store has none, one is made for the
picture (a new youth registered through the services) and taken away again afterwards (withdrawn,
the youth removed), so the store's data is as before; the audit log records both steps.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from zvkd_desktop.domain.vocabulary import OrganisationKind
from zvkd_desktop.services import registrations, youths
from zvkd_desktop.services.partners import list_organisations
from zvkd_desktop.services.registration_views import pending_registrations
from zvkd_desktop.ui.registrations.decide_dialog import DecideDialog
from zvkd_desktop.ui.registrations.new_dialog import NewRegistrationDialog
from zvkd_desktop.ui.registrations.page import RegistrationsPage
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.signals.shots import PAGE_SIZE, grab

__all__ = ["render_screenshots"]


def _fill_new_youth(dialog: NewRegistrationDialog, born: date) -> None:
    picker = dialog.youth
    picker.first_name_edit.setText("Dylan")
    picker.last_name_edit.setText("Verbeek")
    picker.birth_edit.set_value(born)
    picker.neighbourhood_combo.setCurrentIndex(picker.neighbourhood_combo.findData("voorhof"))
    picker.street_edit.setText("Papsouwselaan")
    picker.house_number_edit.setText("112")
    picker.postcode_edit.setText("2624 AN")
    picker.phone_edit.setText("06 41238870")
    picker.guardian_name_edit.setText("Mariska Verbeek")
    picker.guardian_relation_edit.setText("moeder")
    picker.guardian_phone_edit.setText("06 28871934")
    dialog.contact_edit.setText("wijkagent R. Koster")
    dialog.police_box.setChecked(True)
    dialog.police_note.setText("Drie registraties overlast rond winkelcentrum In de Hoven")
    dialog.domains_box.setChecked(True)
    dialog.domains_note.setText("Schoolverzuim, schulden thuis")


def _temporary_registration(context: AppContext) -> tuple[object, object] | None:
    ctx = context.services
    organisations = list_organisations(ctx)
    if not organisations:
        return None
    police = next((o for o in organisations if o.kind is OrganisationKind.POLICE), organisations[0])
    today = context.today()
    youth_id = youths.create_youth(
        ctx, first_name="Shanice", last_name="Doelwijt",
        date_of_birth=today.replace(year=today.year - 16) - timedelta(days=40),
        neighbourhood="buitenhof",
    )  # fmt: skip
    registration_id = registrations.register(
        ctx, youth_id=youth_id, registered_on=today - timedelta(days=9), registrant_id=police.id,
        registrant_contact="J. de Boer", police_contacts=True, serious_concerns=True,
        police_or_concerns_note="Aanhouding na straatroof, zorgen van school",
        multiple_domains=True, multiple_domains_note="School, thuis, vrienden",
        cross_chain=False,
    )  # fmt: skip
    return registration_id, youth_id


def render_screenshots(context: AppContext, outdir: Path) -> list[Path]:
    outdir = Path(outdir)
    paths: list[Path] = []
    ctx = context.services
    made = None if pending_registrations(ctx) else _temporary_registration(context)
    try:
        page = RegistrationsPage(context)
        page.resize(*PAGE_SIZE)
        paths.append(grab(page, outdir / "registrations.png"))

        dialog = NewRegistrationDialog(context, page)
        paths.append(grab(dialog, outdir / "new-registration-empty.png"))
        today = context.today()
        _fill_new_youth(dialog, today.replace(year=today.year - 11))
        paths.append(grab(dialog, outdir / "new-registration-age-11.png"))
        dialog.chain_box.setChecked(True)
        dialog.chain_note.setText("Jeugdreclassering en school nodig")
        dialog.youth.birth_edit.set_value(date(today.year - 15, 2, 3))
        paths.append(grab(dialog, outdir / "new-registration-criteria-met.png"))
        dialog.youth.existing_radio.setChecked(True)
        dialog.youth.search_edit.setText("de")
        paths.append(grab(dialog, outdir / "new-registration-existing-youth.png"))
        dialog.close()

        pending = pending_registrations(ctx)
        if pending:
            decide = DecideDialog(context, pending[0].id, page)
            paths.append(grab(decide, outdir / "decide-admit.png"))
            decide.not_admit_radio.setChecked(True)
            paths.append(grab(decide, outdir / "decide-not-admit.png"))
            decide.close()
        page.close()
        page.deleteLater()
    finally:
        if made is not None:
            registration_id, youth_id = made
            registrations.withdraw_registration(ctx, registration_id)  # type: ignore[arg-type]
            youths.remove_youth(ctx, youth_id)  # type: ignore[arg-type]
    return paths
