"""The 'Wissen' tab: the retention period, the preview of who is due, and the erasure itself.

The erasure is deliberately *not* on the undo stack: the values are gone, and the undo stack is
cleared afterwards as well, so that undoing an earlier edit cannot write a name back into an
erased record. What the user confirms is exactly what goes: the youths of the preview on screen,
not whoever happens to be due a moment later.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.errors import KnownError, NotFoundError, ValidationError
from zvkd_desktop.services.privacy import ErasurePreviewRow, ErasureReport, due_for_erasure, erase
from zvkd_desktop.services.settings import (
    SETTING_SPECS,
    Settings,
    get_settings,
    reset_setting,
    set_setting,
)
from zvkd_desktop.ui.admin.prompts import Prompts
from zvkd_desktop.ui.admin.work import run_with_progress
from zvkd_desktop.ui.registrations.fields import execute_in_dialog
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["ErasureTab"]

KEY = "retention_months"


class ErasureTab(QWidget):
    def __init__(
        self, context: AppContext, prompts: Prompts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts
        self.preview: list[ErasurePreviewRow] = []
        self.last_report: ErasureReport | None = None
        spec = SETTING_SPECS[KEY]

        retention_box = QGroupBox(self.tr("Bewaartermijn na afsluiten"), self)
        self.months_spin = QSpinBox(self)
        self.months_spin.setRange(spec.minimum, spec.maximum)
        self.months_spin.setSuffix(self.tr(" maanden"))
        self.months_spin.setAccessibleName(self.tr("Bewaartermijn in maanden na afsluiten"))
        self.save_button = QPushButton(self.tr("Bewaartermijn &opslaan"), self)
        months_label = QLabel(self.tr("Bewaren na a&fsluiten:"), self)
        months_label.setBuddy(self.months_spin)
        row = QHBoxLayout()
        row.addWidget(self.months_spin)
        row.addWidget(self.save_button)
        row.addStretch(1)
        self.retention_message = InlineMessage(self)
        texts = [
            self.tr(
                "Zo lang blijven de persoonsgegevens van een jongere bewaard nadat de betrokkenheid "
                "is geëindigd: de casus is afgesloten, de aanmelding is niet opgenomen of is "
                "ingetrokken. Standaard is dit 0 maanden: de gegevens worden gewist zodra de "
                "monitoring stopt. Kies een paar maanden als u ruimte wilt houden om een ten "
                "onrechte afgesloten casus te heropenen."
            ),
            self.tr(
                "Bron: het jaarverslag van de Zorg- en Veiligheidskamer Delft (“daarna wissen "
                "we de privacygegevens”) en de AVG, artikel 5 lid 1 onder e (gegevens niet "
                "langer bewaren dan nodig)."
            ),
            self.tr(
                "Wat blijft: datums, categorieën, redenen, aanmelders, wijk en geboortejaar. Alle "
                "cijfers van het jaaroverzicht blijven gelijk, en een nieuwe aanmelding van "
                "dezelfde jongere wordt herkend zonder de naam te bewaren."
            ),
        ]
        explanations = []
        for text in texts:
            label = QLabel(text, self)
            label.setWordWrap(True)
            explanations.append(label)
        retention_form = QFormLayout(retention_box)
        retention_form.addRow(months_label, row)
        for label in explanations:
            retention_form.addRow(label)
        retention_form.addRow(self.retention_message)

        preview_box = QGroupBox(self.tr("Wissen na afsluiten"), self)
        self.check_button = QPushButton(self.tr("Nu &controleren"), self)
        self.check_button.setToolTip(
            self.tr("Toont wie nu in aanmerking komt en wat er per jongere gewist wordt")
        )
        self.summary_label = QLabel(
            self.tr(
                "Het programma controleert dit elke dag vanzelf. Kies 'Nu controleren' om te zien "
                "wie nu in aanmerking komt en wat er gewist wordt."
            ),
            self,
        )
        self.summary_label.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Jongeren van wie de gegevens gewist worden"))
        self.tree.setHeaderLabels(
            [self.tr("Jongere / wat gewist wordt"), self.tr("Geboortejaar"),
             self.tr("Betrokkenheid geëindigd"), self.tr("Te wissen vanaf"), self.tr("Aantal")]
        )  # fmt: skip
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setUniformRowHeights(True)
        self.erase_button = QPushButton(self.tr("W&issen…"), self)
        self.erase_button.setEnabled(False)
        self.result_message = InlineMessage(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.erase_button)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.summary_label)
        preview_layout.addWidget(self.tree, 1)
        preview_layout.addWidget(self.result_message)
        preview_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(retention_box)
        layout.addWidget(preview_box, 1)

        self.save_button.clicked.connect(self.save_retention)
        self.months_spin.valueChanged.connect(self._update_save_button)
        self.check_button.clicked.connect(self.check_now)
        self.erase_button.clicked.connect(self.erase_now)
        context.changed.connect(self._settings_changed)
        QWidget.setTabOrder(self.months_spin, self.save_button)
        QWidget.setTabOrder(self.save_button, self.check_button)
        QWidget.setTabOrder(self.check_button, self.tree)
        QWidget.setTabOrder(self.tree, self.erase_button)
        self._load_retention()

    # -- retention --------------------------------------------------------------------------------

    def _stored_months(self) -> int:
        return get_settings(self.context.services).retention_months

    def _load_retention(self) -> None:
        if self.context.closed:
            return
        self.months_spin.blockSignals(True)
        self.months_spin.setValue(self._stored_months())
        self.months_spin.blockSignals(False)
        self._update_save_button()

    def _update_save_button(self, *_args: object) -> None:
        self.save_button.setEnabled(self.months_spin.value() != self._stored_months())

    def _settings_changed(self) -> None:
        if not self.months_spin.hasFocus():  # an undo elsewhere; do not overwrite typing
            self._load_retention()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._load_retention()
        super().showEvent(event)

    def save_retention(self) -> None:
        ctx = self.context.services
        old = self._stored_months()
        new = self.months_spin.value()
        if old == new:
            return

        def undo(_result: object) -> None:
            if old == Settings().retention_months:
                reset_setting(ctx, KEY)
            else:
                set_setting(ctx, KEY, old)

        outcome = execute_in_dialog(
            self.context, self, self.retention_message, self.tr("Bewaartermijn wijzigen"),
            lambda: set_setting(ctx, KEY, new), undo,
        )  # fmt: skip
        if outcome.done:
            self.retention_message.show_info(
                self.tr("Opgeslagen. Controleer opnieuw om te zien wie nu in aanmerking komt.")
            )
            self._update_save_button()

    # -- preview and erasure ----------------------------------------------------------------------

    def check_now(self) -> None:
        if self.context.closed:
            return
        self.result_message.clear()
        on = self.context.today()
        try:
            rows = due_for_erasure(self.context.services, on)
        except KnownError as error:
            self.result_message.show_warning(error.message)
            return
        self.show_preview(rows)

    def show_preview(self, rows: Sequence[ErasurePreviewRow]) -> None:
        self.preview = list(rows)
        self.tree.clear()
        for row in self.preview:
            top = QTreeWidgetItem(
                [row.name, str(row.birth_year), format_nl(row.ended_on), format_nl(row.due_on),
                 self._number(row.total)]
            )  # fmt: skip
            for item in row.items:
                child = QTreeWidgetItem([self.tr(item.label), "", "", "", self._number(item.count)])
                child.setTextAlignment(4, Qt.AlignmentFlag.AlignRight)
                top.addChild(child)
            for column in (1, 4):
                top.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self.tree.addTopLevelItem(top)
        if self.preview:
            self.tree.topLevelItem(0).setExpanded(True)
            self.summary_label.setText(
                self.tr(
                    "Op {day} komen {count} jongere(n) in aanmerking ({total} gegevens). Klap een "
                    "jongere open om te zien wat er gewist wordt."
                ).format(
                    day=format_nl(self.context.today()),
                    count=len(self.preview),
                    total=self._number(sum(row.total for row in self.preview)),
                )
            )
        else:
            self.summary_label.setText(
                self.tr(
                    "Op {day} komt niemand in aanmerking: er hoeft niets gewist te worden."
                ).format(day=format_nl(self.context.today()))
            )
        self.erase_button.setEnabled(bool(self.preview))

    def _number(self, value: int) -> str:
        """15.555 rather than 15555: the user's locale groups the digits."""
        return self.locale().toString(value)

    def erase_now(self) -> None:
        rows = list(self.preview)
        if not rows or self.context.closed:
            return
        if not self.prompts.confirm_erasure(self, rows):
            return
        ctx = self.context.services
        on = self.context.today()
        ids = [row.youth_id for row in rows]
        self.erase_button.setEnabled(False)
        self.check_button.setEnabled(False)
        run_with_progress(
            self,
            self.tr("Persoonsgegevens wissen…"),
            lambda: erase(ctx, ids, on=on),
            self._erased,
            self._failed,
        )

    def _erased(self, report: ErasureReport) -> None:
        self.check_button.setEnabled(True)
        self.last_report = report
        # an undo of an earlier edit must not write a name back into an erased record
        self.context.undo_stack.clear()
        self.context.saved.emit()
        self.context.changed.emit()
        self.show_preview([])
        self.show_report(report)

    def show_report(self, report: ErasureReport) -> None:
        total = sum(report.totals.values())
        self.summary_label.setText(
            self.tr("Gewist op {day}. Kies 'Nu controleren' voor een nieuwe controle.").format(
                day=format_nl(report.on)
            )
        )
        self.result_message.show_info(
            self.tr(
                "{count} jongere(n) gewist: {total} gegevens en de waarden in {entries} "
                "logboekregel(s). De cijfers van het jaaroverzicht zijn niet veranderd."
            ).format(
                count=report.count,
                total=self._number(total),
                entries=self._number(report.audit_entries),
            )
        )

    def _failed(self, error: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.erase_button.setEnabled(bool(self.preview))
        if not isinstance(error, KnownError):
            raise error  # a bug: the crash dialog reports it
        if not isinstance(error, ValidationError | NotFoundError):
            self.result_message.show_warning(error.message)  # e.g. saving failed after the erasure
            return
        self.result_message.show_warning(
            self.tr(
                "{message} Er is niets gewist. Kies 'Nu controleren' en probeer het opnieuw."
            ).format(message=error.message)
        )
