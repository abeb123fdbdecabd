"""Render the Kernteam screens and the printed papers to PNG on the demo store (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.meetings.shots [/tmp/zvkd-shots/meetings] [suffix]
    QT_SCALE_FACTOR=1.5 QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.meetings.shots /tmp/zvkd-shots/meetings 150

The store lives in a temporary folder that is removed afterwards; the PDFs are written next to
the PNGs and rendered with ``pdftoppm`` (poppler-utils) when it is installed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PLANNED_ON = dt.date(2026, 11, 24)
MEETING_DAY = dt.date(2026, 12, 1)


def main(out: Path, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZVKD_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtWidgets import QApplication

        from zvkd_desktop.domain.vocabulary import AgendaSection, ClosureReason, PoliceContactKind
        from zvkd_desktop.services import contacts
        from zvkd_desktop.services.case_views import get_case
        from zvkd_desktop.services.context import ServiceContext
        from zvkd_desktop.services.demo import fill_demo
        from zvkd_desktop.services.meetings import DecisionKind, get_meeting
        from zvkd_desktop.store.kdf import TEST_KDF
        from zvkd_desktop.store.store import Store
        from zvkd_desktop.ui.app import configure
        from zvkd_desktop.ui.meetings import MeetingsPage

        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        configure(app)
        out.mkdir(parents=True, exist_ok=True)
        store, _code = Store.create(Path(tmp) / "pad.zvkd", "demo wachtwoord", username="demo",
                                    display_name="Demo", kdf=TEST_KDF)  # fmt: skip
        fill_demo(store, PLANNED_ON)
        day = [PLANNED_ON]
        ctx = ServiceContext(store, today=lambda: day[0])
        written: list[Path] = []
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        class ShownPreview(QPrintPreviewDialog):
            """The real print preview, shown and photographed instead of waiting for a click."""

            def exec(self) -> int:
                from PySide6.QtPrintSupport import QPrintPreviewWidget

                self.resize(1000, 760)
                self.show()
                preview = self.findChild(QPrintPreviewWidget)
                preview.updatePreview()
                preview.fitInView()
                shot("kernteam-print-preview", self)
                self.close()
                return 0

        page = MeetingsPage(ctx, ask_save_path=lambda _p, _c, name, _f: str(out / name),
                            preview_factory=lambda printer, parent: ShownPreview(printer, parent))  # fmt: skip
        page.resize(1280, 800)
        page.show()

        def shot(name: str, widget: object = page) -> None:
            for _ in range(5):
                app.processEvents()
            path = out / f"{name}{suffix}.png"
            widget.grab().save(str(path))  # type: ignore[attr-defined]
            print(path)

        page.new_meeting()
        form = page.editor.form
        form.date_edit.setDate(form.date_edit.date().fromString("01-12-2026", "dd-MM-yyyy"))
        form.location_edit.setText("Stadskantoor, kamer 3.12")
        form.chair_combo.setCurrentIndex(1)
        for organisation, name in ((7, "Bas Hoekstra"), (1, "Mila Jansen"), (5, "Ruud Smit")):
            form.organisation_combo.setCurrentIndex(organisation)
            form.name_edit.setText(name)
            form.add_attendee()
        shot("kernteam-new")
        form.submit_button.click()
        meeting = page.editor.meeting
        assert meeting is not None
        shot("kernteam-agenda")
        page.editor.agenda_button.click()
        day[0] = MEETING_DAY
        eligible = [i for i in meeting.items if i.section is AgendaSection.ELIGIBLE_FOR_CLOSURE]
        youth = get_case(ctx, eligible[1].case_id).youth_id  # type: ignore[arg-type]
        contacts.add_police_contact(ctx, youth_id=youth, contact_on=MEETING_DAY - dt.timedelta(days=2),
                                    kind=PoliceContactKind.ARREST, negative=True)  # fmt: skip
        page.editor.start_button.click()
        mode = page.mode
        shot("kernteam-meeting-registration")
        mode.current_panel().choose(DecisionKind.ADMIT)  # type: ignore[union-attr]
        mode.take()
        shot("kernteam-meeting-case")
        panel = mode.current_panel()
        assert panel is not None
        panel.choose(DecisionKind.CLOSE)
        panel.reason_combo.setCurrentIndex(panel.reason_combo.findData(ClosureReason.POLICE_FREE))
        mode.take()
        panel = mode.current_panel()
        assert panel is not None
        panel.choose(DecisionKind.CLOSE)
        mode.take()
        shot("kernteam-meeting-refused")
        panel.choose(DecisionKind.CONTINUE)
        panel.coach_box.setChecked(True)
        panel.note_edit.setPlainText("Opnieuw aangehouden; coach bespreekt dagbesteding.")
        panel.action_row.description_edit.setText("Gesprek met school over verzuim")
        panel.action_row.owner_edit.setText("Coach")
        panel.action_row.add_button.click()
        shot("kernteam-meeting-before-continue")
        mode.take()
        shot("kernteam-meeting-next")
        page.back_to_agenda()
        shot("kernteam-agenda-after")
        for paper in ("agenda", "besluitenlijst"):
            name = f"{paper}-kernteamoverleg-{MEETING_DAY.isoformat()}.pdf"
            button = (page.editor.agenda_pdf_button if paper == "agenda"
                      else page.editor.decisions_pdf_button)  # fmt: skip
            button.click()
            written.append(out / name)
        if shutil.which("pdftoppm"):
            for pdf in written:
                subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(pdf.with_suffix(""))],
                               check=True)  # fmt: skip
                print(pdf.with_suffix(""), "-*.png")
        print(get_meeting(ctx, meeting.id).status)
        page.close()
        store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/zvkd-shots/meetings"),
         f"-{sys.argv[2]}" if len(sys.argv) > 2 else "")  # fmt: skip
