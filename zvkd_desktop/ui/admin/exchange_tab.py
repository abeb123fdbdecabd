"""The 'Uitwisseling' tab: the whole store's PAD data to an exchange file, and such a file back in.

An export is personal data leaving the encrypted store, so the coordinator is warned first and
offered a password of their own for the file (on by default). The export runs on the background
worker behind a progress dialog that can be cancelled: the service cannot be stopped half-way, so
it writes under a hidden temporary name and only a finished, uncancelled export gets the chosen
name; a cancelled one is deleted as soon as the work ends, and an existing file of that name is
left as it was.

An import is checked as a whole first (cancelling the check is harmless: nothing was written);
a refused file lists every problem and the store stays as it is. After a yes, the import itself is
one transaction and is not cancellable — stopping it half-way is exactly what it must never do.
Every question is a function on :class:`ExchangeQuestions` or the tab's :class:`Prompts`, so tests
answer in advance and never meet a modal dialog.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.exchange import (
    ExchangeInvalidError,
    ImportReport,
    Problem,
    check_exchange,
    import_exchange,
    is_sealed_file,
    read_exchange_bytes,
    write_export,
)
from zvkd_desktop.services.users import MIN_PASSWORD
from zvkd_desktop.store.kdf import KdfParams
from zvkd_desktop.store.sealed import SUFFIX as SEALED_SUFFIX
from zvkd_desktop.ui.admin.prompts import Prompts, _warning_icon, _wrapped, documents_folder
from zvkd_desktop.ui.admin.work import run_with_progress
from zvkd_desktop.ui.cases.background import run_in_background
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = [
    "ExchangeQuestions",
    "ExchangeTab",
    "ExportChoice",
    "ExportDialog",
    "cancellable_progress",
    "password_dialog",
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExchangeTab", text)


COLLECTION_LABELS = {
    "organisations": "Organisaties",
    "professionals": "Professionals",
    "households": "Gezinnen",
    "youths": "Jongeren",
    "guardians": "Ouders en verzorgers",
    "registrations": "Aanmeldingen",
    "cases": "Casussen",
    "category_periods": "Categorieperiodes",
    "coach_assignments": "Coachtoewijzingen",
    "reopenings": "Heropeningen",
    "plan_versions": "Versies van plannen van aanpak",
    "plan_versions.goals": "Doelen in plannen",
    "plan_versions.goals.actions": "Acties bij doelen",
    "police_contacts": "Politiecontacten",
    "coach_contacts": "Contacten met de coach",
    "reviews": "Besprekingen",
    "reviews.progress": "Voortgang per leefgebied",
    "meetings": "Kernteamoverleggen",
    "meetings.attendees": "Aanwezigen bij overleggen",
    "meetings.agenda_items": "Agendapunten",
    "meetings.agenda_items.decisions": "Besluiten bij agendapunten",
    "meetings.agenda_items.action_items": "Actiepunten bij agendapunten",
    "settings": "Instellingen",
}


@dataclass(frozen=True)
class ExportChoice:
    """What the warning dialog settled: a password for a sealed file, or None for plain JSON."""

    password: str | None


class ExportDialog(QDialog):
    """The warning before an export, with the choice between a sealed file and readable JSON."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gegevens exporteren"))
        self.setModal(True)
        what = _wrapped(
            self.tr(
                "U exporteert alle PAD-gegevens van dit bestand: jongeren, gezinnen, aanmeldingen, "
                "casussen, plannen, politiecontacten, besprekingen en overleggen. Het logboek, de "
                "gebruikers en de sleutels gaan niet mee. De export wordt in het logboek vastgelegd."
            ),
            self,
        )
        warning = _wrapped(
            self.tr(
                "Het exportbestand komt buiten het versleutelde gegevensbestand te staan. Versleutel "
                "het daarom met een eigen wachtwoord, geef dat wachtwoord apart door (niet in "
                "dezelfde e-mail), en verwijder het bestand zodra het niet meer nodig is."
            ),
            self,
        )
        self.sealed_radio = QRadioButton(
            self.tr("&Versleutelen met een eigen wachtwoord (aanbevolen)"), self
        )
        self.plain_radio = QRadioButton(self.tr("&Onversleuteld als JSON-bestand"), self)
        group = QButtonGroup(self)
        group.addButton(self.sealed_radio)
        group.addButton(self.plain_radio)
        self.sealed_radio.setChecked(True)
        self.password_edit = self._password_field(self.tr("Exportwachtwoord"))
        self.repeat_edit = self._password_field(self.tr("Exportwachtwoord herhalen"))
        password_label = QLabel(self.tr("Export&wachtwoord:"), self)
        password_label.setBuddy(self.password_edit)
        repeat_label = QLabel(self.tr("&Herhalen:"), self)
        repeat_label.setBuddy(self.repeat_edit)
        passwords = QFormLayout()
        passwords.setContentsMargins(24, 0, 0, 0)
        passwords.addRow(password_label, self.password_edit)
        passwords.addRow(repeat_label, self.repeat_edit)
        self.plain_warning = _wrapped(
            self.tr(
                "Let op: het exportbestand is dan NIET versleuteld. Het bevat persoonsgegevens van "
                "jongeren (namen, adressen, politiecontacten, notities) die iedereen met het bestand "
                "kan lezen. Bewaar het bestand niet langer dan nodig en mail het niet."
            ),
            self,
        )
        font = self.plain_warning.font()
        font.setBold(True)
        self.plain_warning.setFont(font)
        self.reason = InlineMessage(self)

        text = QVBoxLayout()
        for widget in (what, warning, self.sealed_radio):
            text.addWidget(widget)
        text.addLayout(passwords)
        text.addWidget(self.plain_radio)
        text.addWidget(self.plain_warning)
        text.addWidget(self.reason)
        top = QHBoxLayout()
        top.addWidget(_warning_icon(self))
        top.addLayout(text, 1)
        self.buttons = QDialogButtonBox(self)
        self.continue_button = QPushButton(self.tr("&Doorgaan…"), self)
        self.buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(
            self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 72)
        for signal in (self.sealed_radio.toggled, self.password_edit.textChanged,
                       self.repeat_edit.textChanged):  # fmt: skip
            signal.connect(self._update)
        self._update()

    def _password_field(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        return edit

    def problem(self) -> str:
        if not self.sealed_radio.isChecked():
            return ""
        if len(self.password_edit.text()) < MIN_PASSWORD:
            return self.tr("Kies een exportwachtwoord van minstens {n} tekens.").format(
                n=MIN_PASSWORD
            )
        if self.repeat_edit.text() != self.password_edit.text():
            return self.tr("De twee wachtwoorden zijn niet gelijk.")
        return ""

    def _update(self, *_args: object) -> None:
        sealed = self.sealed_radio.isChecked()
        self.password_edit.setEnabled(sealed)
        self.repeat_edit.setEnabled(sealed)
        if self.plain_warning.isHidden() == (not sealed):
            self.plain_warning.setVisible(not sealed)
            self.adjustSize()  # make room for the warning (or give it back)
        self.continue_button.setText(
            self.tr("&Doorgaan…") if sealed else self.tr("&Onversleuteld exporteren…")
        )
        problem = self.problem()
        if problem:
            self.reason.show_info(problem)
        else:
            self.reason.clear()
        self.continue_button.setEnabled(not problem)

    @property
    def choice(self) -> ExportChoice:
        return ExportChoice(self.password_edit.text() if self.sealed_radio.isChecked() else None)

    def accept(self) -> None:
        if not self.problem():  # Enter must not skip the checks
            super().accept()

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self.password_edit.clear()
            self.repeat_edit.clear()
        super().done(result)


def cancellable_progress(parent: QWidget, text: str) -> QProgressDialog:
    """A busy indicator with an Annuleren button (work.progress_dialog has none)."""
    dialog = QProgressDialog(text, _tr("Annuleren"), 0, 0, parent)
    dialog.setWindowTitle(text.rstrip("…"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(text)
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("x") * 45)
    return dialog


def _ask_export(parent: QWidget) -> ExportChoice | None:
    dialog = ExportDialog(parent)
    return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None


def _open_file(parent: QWidget, title: str, start: Path, filter_text: str) -> Path | None:
    path, _chosen = QFileDialog.getOpenFileName(parent, title, str(start), filter_text)
    return Path(path) if path else None


def password_dialog(parent: QWidget, name: str) -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(_tr("Versleuteld exportbestand"))
    dialog.setLabelText(
        _tr("{name} is versleuteld.\nGeef het wachtwoord dat bij de export is gekozen:").format(
            name=name
        )
    )
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText(_tr("&Openen"))
    dialog.setCancelButtonText(_tr("Annuleren"))
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("x") * 50)
    return dialog


def _ask_password(parent: QWidget, name: str) -> str | None:
    dialog = password_dialog(parent, name)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.textValue() if accepted and dialog.textValue() else None


@dataclass
class ExchangeQuestions:
    """The questions only this tab asks; tests pass their own answers."""

    ask_export: Callable[[QWidget], ExportChoice | None] = field(default=_ask_export)
    """(parent) → the choice after the warning, or None when declined."""
    open_file: Callable[[QWidget, str, Path, str], Path | None] = field(default=_open_file)
    """(parent, title, start folder, filter) → the file to import, or None."""
    ask_password: Callable[[QWidget, str], str | None] = field(default=_ask_password)
    """(parent, file name) → the export password of a sealed file, or None."""


@dataclass
class _ExportJob:
    final: Path
    temporary: Path
    dialog: QProgressDialog
    cancelled: threading.Event = field(default_factory=threading.Event)


class ExchangeTab(QWidget):
    def __init__(
        self,
        context: AppContext,
        prompts: Prompts,
        parent: QWidget | None = None,
        *,
        questions: ExchangeQuestions | None = None,
        kdf: KdfParams | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts
        self.questions = questions or ExchangeQuestions()
        self.kdf = kdf  # None: the store's normal key stretching (tests pass TEST_KDF)
        self.exported: Path | None = None
        self.report: ImportReport | None = None
        self.problems: list[Problem] = []
        self.progress: QProgressDialog | None = None
        self._job: _ExportJob | None = None

        intro = _wrapped(
            self.tr(
                "Een uitwisselbestand bevat alle PAD-gegevens van dit bestand als JSON, om over te "
                "zetten naar een ander ZVKD-bestand of een ander programma. Inlezen gaat in zijn "
                "geheel of helemaal niet: een bestand met fouten verandert niets."
            ),
            self,
        )
        self.export_button = QPushButton(self.tr("&Exporteren…"), self)
        self.import_button = QPushButton(self.tr("&Importeren…"), self)
        self.message = InlineMessage(self)
        self.results = QTreeWidget(self)
        self.results.setRootIsDecorated(False)
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(True)
        self.results.setAccessibleName(self.tr("Uitkomst van het inlezen"))
        self.results.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        layout.addStretch(0)
        self.export_button.clicked.connect(self.export)
        self.import_button.clicked.connect(self.import_file)

    def _busy(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)

    # -- export ---------------------------------------------------------------------------------

    def export(self) -> None:
        if self.context.closed or self._job is not None:
            return
        choice = self.questions.ask_export(self)
        if choice is None:
            return
        sealed = choice.password is not None
        suffix = SEALED_SUFFIX if sealed else ".json"
        suggested = documents_folder() / f"pad-export-{self.context.today().isoformat()}{suffix}"
        filter_text = (
            self.tr("Versleuteld exportbestand (*.zvkdx)")
            if sealed
            else self.tr("JSON-bestand (*.json)")
        )
        chosen = self.prompts.save_file(
            self, self.tr("Exportbestand opslaan"), suggested, filter_text
        )
        if chosen is None:
            return
        final = _with_suffix(Path(chosen), suffix)
        if final.resolve() == Path(self.context.store.path).resolve():
            self.message.show_warning(self.tr(
                "Het exportbestand mag niet het gegevensbestand zelf zijn. Kies een andere naam."
            ))  # fmt: skip
            return
        temporary = final.with_name(f".{final.stem}.{uuid.uuid4().hex[:8]}.deel{suffix}")
        dialog = cancellable_progress(self, self.tr("Gegevens exporteren…"))
        job = _ExportJob(final, temporary, dialog)
        self._job = job
        self.progress = dialog
        self.exported = None
        self.message.clear()
        self._busy(True)
        dialog.canceled.connect(self._cancel_export)
        dialog.show()
        self.destroyed.connect(lambda *_a: job.cancelled.set())  # the result is never delivered
        ctx, password, kdf, cancelled = (
            self.context.services,
            choice.password,
            self.kdf,
            job.cancelled,
        )

        def work() -> Path | None:
            written = write_export(ctx, temporary, password=password, kdf=kdf)
            if cancelled.is_set():
                written.unlink(missing_ok=True)
                return None
            return written

        run_in_background(self, work, self._exported, self._export_failed)

    def _cancel_export(self) -> None:
        job = self._job
        if job is None or job.cancelled.is_set():
            return
        job.cancelled.set()
        self._close_progress()
        self.message.show_info(self.tr("De export wordt geannuleerd…"))

    def _close_progress(self) -> None:
        dialog, self.progress = self.progress, None
        if dialog is not None:
            dialog.canceled.disconnect(self._cancel_export)  # closing emits canceled too
            dialog.close()
            dialog.deleteLater()

    def _finish_export(self) -> _ExportJob:
        job = self._job
        assert job is not None
        self._job = None
        self._close_progress()
        self._busy(False)
        return job

    def _exported(self, written: Path | None) -> None:
        job = self._finish_export()
        if job.cancelled.is_set() or written is None:
            if written is not None:
                written.unlink(missing_ok=True)
            self.message.show_info(self.tr(
                "De export is geannuleerd. Er is geen exportbestand geschreven."
            ))  # fmt: skip
            return
        try:
            os.replace(written, job.final)
        except OSError as error:
            written.unlink(missing_ok=True)
            self.message.show_warning(self.tr(
                "Het exportbestand kon niet worden opgeslagen ({reason}). Kies een andere map en "
                "probeer opnieuw."
            ).format(reason=error.strerror or error))  # fmt: skip
            return
        self.exported = job.final
        self.context.changed.emit()  # the export is a new line in the audit log
        if job.final.suffix == SEALED_SUFFIX:
            text = self.tr(
                "Geëxporteerd naar {path} (versleuteld). Geef het wachtwoord apart door."
            )
        else:
            text = self.tr(
                "Geëxporteerd naar {path}. Dit bestand is NIET versleuteld: geef het veilig door "
                "en verwijder het daarna."
            )
        self.message.show_info(text.format(path=job.final))

    def _export_failed(self, error: BaseException) -> None:
        job = self._finish_export()
        job.temporary.unlink(missing_ok=True)
        if job.cancelled.is_set():
            self.message.show_info(self.tr(
                "De export is geannuleerd. Er is geen exportbestand geschreven."
            ))  # fmt: skip
            return
        if not isinstance(error, KnownError):
            raise error  # a bug: the crash dialog reports it
        self.message.show_warning(error.message)

    # -- import ---------------------------------------------------------------------------------

    def import_file(self) -> None:
        if self.context.closed or self._job is not None:
            return
        path = self.questions.open_file(
            self,
            self.tr("Uitwisselbestand inlezen"),
            documents_folder(),
            self.tr("Exportbestanden (*.zvkdx *.json);;Alle bestanden (*)"),
        )
        if path is None:
            return
        password: str | None = None
        if is_sealed_file(path):
            password = self.questions.ask_password(self, path.name)
            if password is None:
                return
        self.message.clear()
        self._show_rows([], [])
        self._busy(True)
        dialog = cancellable_progress(self, self.tr("Bestand controleren…"))
        self.progress = dialog
        cancelled = threading.Event()

        def cancel() -> None:
            cancelled.set()
            self.progress = None
            dialog.close()
            dialog.deleteLater()
            self._busy(False)
            self.message.show_info(self.tr("Inlezen geannuleerd. Er is niets gewijzigd."))

        dialog.canceled.connect(cancel)
        dialog.show()
        ctx = self.context.services

        def work() -> tuple[bytes, ImportReport]:
            raw = read_exchange_bytes(path, password=password)
            return raw, check_exchange(ctx, raw)

        def finished(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def handle(value: Any) -> None:
                if cancelled.is_set():
                    return
                dialog.canceled.disconnect(cancel)
                self.progress = None
                dialog.close()
                dialog.deleteLater()
                callback(value)

            return handle

        run_in_background(self, work, finished(self._checked), finished(self._import_failed))

    def _checked(self, result: tuple[bytes, ImportReport]) -> None:
        raw, report = result
        question = self.tr(
            "Het bestand is in orde: {total} rijen. Ze worden aan dit gegevensbestand toegevoegd. "
            "Dat kan niet ongedaan worden gemaakt, ook niet met 'Ongedaan maken'."
        ).format(total=self.locale().toString(report.total))
        if not self.prompts.confirm(
            self, self.tr("Gegevens inlezen"), question, self.tr("&Inlezen")
        ):
            self._busy(False)
            self.message.show_info(self.tr("Er is niets ingelezen."))
            return
        ctx = self.context.services
        run_with_progress(
            self,
            self.tr("Gegevens inlezen…"),
            lambda: import_exchange(ctx, raw),
            self._imported,
            self._import_failed,
        )

    def _imported(self, report: ImportReport) -> None:
        self._busy(False)
        self.report = report
        self.context.saved.emit()
        self.context.changed.emit()
        self.show_report(report)

    def show_report(self, report: ImportReport) -> None:
        """What was read in: rows per collection, then any warnings."""
        text = self.tr("Ingelezen: {total} rijen.").format(
            total=self.locale().toString(report.total)
        )
        if report.warnings:
            text += " " + self.tr("Waarschuwingen: {n} (onderaan de lijst).").format(
                n=len(report.warnings)
            )
        self.message.show_info(text)
        rows = [
            (_tr(COLLECTION_LABELS.get(path, path)), self.locale().toString(count))
            for path, count in report.counts.items()
            if count
        ]
        rows += [(_place(w), self.tr("Waarschuwing: {m}").format(m=w.message))
                 for w in report.warnings]  # fmt: skip
        self._show_rows([self.tr("Onderdeel"), self.tr("Aantal")], rows)

    def _import_failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, ExchangeInvalidError):
            self.show_refusal(error)
            return
        if not isinstance(error, KnownError):
            raise error  # a bug: the crash dialog reports it
        self.message.show_warning(error.message + " " + self.tr("Er is niets gewijzigd."))

    def show_refusal(self, refusal: ExchangeInvalidError) -> None:
        """Every problem with its place in the file; the first line of the service's own text
        (count, 'nothing changed', what to do) above them."""
        self.problems = list(refusal.problems)
        self.message.show_warning(refusal.message.splitlines()[0])
        self._show_rows(
            [self.tr("Plaats in het bestand"), self.tr("Probleem")],
            [(_place(p), p.message) for p in self.problems],
        )

    def _show_rows(self, headers: list[str], rows: list[tuple[str, str]]) -> None:
        self.results.clear()
        if not rows:
            self.results.hide()
            return
        self.results.setHeaderLabels(headers)
        for place, text in rows:
            item = QTreeWidgetItem([place, text])
            item.setToolTip(1, text)
            self.results.addTopLevelItem(item)
        self.results.resizeColumnToContents(0)
        self.results.show()


def _with_suffix(path: Path, suffix: str) -> Path:
    """The chosen name with the format's suffix: the other format's suffix is swapped, any other
    dot in the name (a date, say) is kept."""
    if path.suffix.lower() == suffix:
        return path
    if path.suffix.lower() in (".json", SEALED_SUFFIX):
        return path.with_suffix(suffix)
    return path.with_name(path.name + suffix)


def _place(problem: Problem) -> str:
    return problem.path or _tr("(het hele bestand)")
