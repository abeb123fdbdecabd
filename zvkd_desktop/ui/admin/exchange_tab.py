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

from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressDialog,
    QPushButton,
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
from zvkd_desktop.store.kdf import KdfParams
from zvkd_desktop.store.sealed import SUFFIX as SEALED_SUFFIX
from zvkd_desktop.ui.admin.exchange_dialogs import (
    COLLECTION_LABELS,
    ExchangeQuestions,
    cancellable_progress,
    exchange_tr,
)
from zvkd_desktop.ui.admin.prompts import Prompts, _wrapped, documents_folder
from zvkd_desktop.ui.admin.work import run_with_progress
from zvkd_desktop.ui.cases.background import run_in_background
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["ExchangeTab"]


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
            (exchange_tr(COLLECTION_LABELS.get(path, path)), self.locale().toString(count))
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
    return problem.path or exchange_tr("(het hele bestand)")
