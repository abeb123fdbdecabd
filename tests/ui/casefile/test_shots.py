"""``render_screenshots`` renders every tab and dialog of a case file without writing anything."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QImage

from tests.services.conftest import Partners
from tests.ui.casefile.conftest import Admitted, register_and_admit
from zvkd_desktop.domain.vocabulary import ClosureReason, PoliceContactKind
from zvkd_desktop.services import cases, contacts
from zvkd_desktop.ui.casefile.shots import render_screenshots
from zvkd_desktop.ui.casefile.window import TAB_KEYS
from zvkd_desktop.ui.sections import AppContext


def test_every_tab_and_dialog_is_rendered_and_nothing_is_written(
    tmp_path: Path, app_context: AppContext, admitted: Admitted, partners: Partners
) -> None:
    ctx = app_context.services
    contacts.add_police_contact(
        ctx,
        youth_id=admitted.youth_id,
        contact_on=dt.date(2023, 12, 1),
        kind=PoliceContactKind.ARREST,
        negative=True,
    )
    register_and_admit(ctx, partners, first_name="Noor")  # eligible: no police contact
    closed = register_and_admit(ctx, partners, first_name="Eva")
    cases.close_case(
        ctx, closed.case_id, closed_on=dt.date(2024, 3, 4), reason=ClosureReason.POLICE_FREE
    )
    generation = app_context.store.generation
    made = render_screenshots(app_context, tmp_path / "shots")
    names = {path.stem for path in made}
    assert {f"casefile-{key}" for key in TAB_KEYS} <= names
    assert {
        "dialog-police-contact",
        "dialog-coach-contact",
        "dialog-review",
        "dialog-category",
        "dialog-coach",
        "dialog-close-refused",
        "dialog-close-allowed",
        "dialog-reopen",
        "dialog-youth",
        "dialog-guardian",
        "dialog-sibling",
        "dialog-process-director",
        "dialog-review-planning",
    } <= names
    for path in made:
        image = QImage(str(path))
        assert image.width() > 200 and image.height() > 60, path.name
    assert app_context.store.generation == generation
    assert app_context.undo_stack.count() == 0
