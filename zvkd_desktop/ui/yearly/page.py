"""The "Jaaroverzicht" screen: choose a year, read the figures and charts, edit the short text,
and print or export the summary (print preview, PDF, Excel, CSV).

The dialogs the page opens (print preview, save-as, choose folder) are parameters, so tests
drive the whole page without a modal dialog; the defaults are Qt's own dialogs.

Who looked is recorded in the audit log (``services.access_log``): the summary of a year once
when it is first shown (again after the user comes back to the page, not on every repaint, year
switch back or protection toggle), and every print preview and every file written. Each is
recorded before the figures are shown or written, so a failed recording stops it. The figures
are those of the cases the user may see (``load_facts`` applies the access rule).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.errors import KnownError
from zvkd_desktop.reports.render.pdf import page_layout, render, write_pdf
from zvkd_desktop.reports.yearly.chart_data import chart_specs
from zvkd_desktop.reports.yearly.document import ReportDocument, default_intro, make_document
from zvkd_desktop.reports.yearly.export_tables import write_csv, write_xlsx
from zvkd_desktop.reports.yearly.facts import StoreFacts
from zvkd_desktop.reports.yearly.groups import (
    YearGroup,
    default_groups,
    format_groups,
    parse_groups,
)
from zvkd_desktop.reports.yearly.queries import load_facts
from zvkd_desktop.reports.yearly.report import build_report, default_year
from zvkd_desktop.services.access_log import record_export, record_print, record_report
from zvkd_desktop.services.context import ServiceContext, system_today
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.widgets import InlineMessage, busy_cursor
from zvkd_desktop.ui.yearly.charts_tab import AskSavePath, ChartsTab
from zvkd_desktop.ui.yearly.table_model import FittedTableView, ReportTableModel

Paint = Callable[[QPrinter], None]
Preview = Callable[[QWidget, QPrinter, Paint], None]
"""(parent, printer, paint) -> None: shows a preview that calls ``paint`` for its pages."""
AskFolder = Callable[[QWidget, str, str], str]


def qt_preview(parent: QWidget, printer: QPrinter, paint: Paint) -> None:
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("Afdrukvoorbeeld jaaroverzicht"))
    dialog.paintRequested.connect(paint)
    dialog.exec()


def qt_save_path(parent: QWidget, caption: str, suggested: str, filters: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, suggested, filters)[0]


def qt_folder(parent: QWidget, caption: str, start: str) -> str:
    return QFileDialog.getExistingDirectory(parent, caption, start)


class YearlyPage(QWidget):
    exported = Signal(Path)
    """A document or chart was written (the path)."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = system_today,
        preview: Preview = qt_preview,
        ask_save_path: AskSavePath = qt_save_path,
        ask_folder: AskFolder = qt_folder,
        services: ServiceContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._today = today
        self.services = services or ServiceContext(store, today=today)
        """Records the reports, prints and exports in the audit log as the store's user."""
        self._reported: set[int] = set()
        """Years whose summary was recorded as shown since the page was last shown."""
        self._preview = preview
        self._ask_save_path = ask_save_path
        self._ask_folder = ask_folder
        self._facts: StoreFacts | None = None
        self._groups: dict[int, tuple[YearGroup, ...]] = {}
        self._intros: dict[int, str] = {}
        """Texts the coordinator edited, per year; other years get the proposed text."""
        self._setting_intro = False
        self._shown = False
        self.document: ReportDocument | None = None

        self.year_combo = QComboBox(self)
        self.year_combo.setAccessibleName(self.tr("Jaar"))
        year_label = QLabel(self.tr("&Jaar:"), self)
        year_label.setBuddy(self.year_combo)
        self.groups_edit = QLineEdit(self)
        self.groups_edit.setToolTip(self.tr(
            "Groepen van jaren van aanmelding voor de afgesloten casussen, gescheiden door "
            "komma's. Bijvoorbeeld: 2022-2023, t/m 2021"))
        groups_label = QLabel(self.tr("Afgesloten casussen naar jaar van aanmelding, &groepen:"), self)
        groups_label.setBuddy(self.groups_edit)
        self.protect_box = QCheckBox(self.tr("&Kleine aantallen afschermen (<5), voor documenten "
                                             "buiten het team"), self)
        self.message = InlineMessage(self)

        self.preview_button = QPushButton(self.tr("Afdruk&voorbeeld…"), self)
        self.pdf_button = QPushButton(self.tr("&PDF opslaan…"), self)
        self.xlsx_button = QPushButton(self.tr("&Excel opslaan…"), self)
        self.csv_button = QPushButton(self.tr("&CSV opslaan…"), self)

        self.intro_edit = QPlainTextEdit(self)
        self.intro_edit.setAccessibleName(self.tr("Tekst bovenaan het document"))
        self.intro_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        intro_label = QLabel(self.tr("&Tekst bovenaan het document (pas gerust aan):"), self)
        intro_label.setBuddy(self.intro_edit)
        self.reset_intro_button = QPushButton(self.tr("Voorgestelde tekst &terugzetten"), self)

        self.tables_area = QWidget(self)
        self.tables_grid = QGridLayout(self.tables_area)
        self.table_views: dict[str, FittedTableView] = {}
        self.table_titles: dict[str, QLabel] = {}
        self.table_notes: dict[str, QLabel] = {}
        figures = QWidget(self)
        figures_layout = QVBoxLayout(figures)
        figures_layout.addWidget(intro_label)
        figures_layout.addWidget(self.intro_edit)
        figures_layout.addWidget(self.reset_intro_button, 0, Qt.AlignmentFlag.AlignLeft)
        figures_layout.addWidget(self.tables_area)
        figures_layout.addStretch(1)
        self.multi_year_title = QLabel(self)
        self.multi_year_view: FittedTableView | None = None
        self.multi_year_note = QLabel(self)
        self.multi_year_note.setWordWrap(True)
        multi = QWidget(self)
        self.multi_layout = QVBoxLayout(multi)
        self.multi_layout.addWidget(self.multi_year_title)
        self.multi_layout.addWidget(self.multi_year_note)
        self.multi_layout.addStretch(1)
        self.charts = ChartsTab(self._ask_save_path, self._saved, self, record=self._chart_export)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(_scrolling(figures), self.tr("Cijfers"))
        self.tabs.addTab(_scrolling(multi), self.tr("Meerjarenoverzicht"))
        self.tabs.addTab(_scrolling(self.charts), self.tr("Grafieken"))

        choices = QGridLayout()
        choices.addWidget(year_label, 0, 0)
        choices.addWidget(self.year_combo, 0, 1)
        choices.addWidget(groups_label, 0, 2)
        choices.addWidget(self.groups_edit, 0, 3)
        choices.addWidget(self.protect_box, 1, 0, 1, 4)
        choices.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.pdf_button, self.xlsx_button, self.csv_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.groups_edit.editingFinished.connect(self._groups_changed)
        self.protect_box.toggled.connect(self.refresh)
        self.intro_edit.textChanged.connect(self._intro_edited)
        self.reset_intro_button.clicked.connect(self.reset_intro)
        self.preview_button.clicked.connect(self.print_preview)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.xlsx_button.clicked.connect(self.save_xlsx)
        self.csv_button.clicked.connect(self.save_csv)
        self.reload()

    # -- data ----------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the store again (the page may have been hidden while cases changed)."""
        self._facts = load_facts(self.services.store)  # as the user may see them
        years = sorted(set(self._facts.years) | {self._today().year - 1})
        current = self.year
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in reversed(years):
            self.year_combo.addItem(str(year), year)
        wanted = current if current in years else default_year(tuple(years), self._today())
        self.year_combo.setCurrentIndex(self.year_combo.findData(wanted))
        self.year_combo.blockSignals(False)
        self._show_groups()
        self.refresh()

    @property
    def year(self) -> int | None:
        data = self.year_combo.currentData()
        return int(data) if data is not None else None

    @property
    def groups(self) -> tuple[YearGroup, ...]:
        year = self.year or self._today().year - 1
        return self._groups.get(year, default_groups(year))

    def refresh(self) -> None:
        year = self.year
        if self._facts is None or year is None:
            return
        if not self._record_shown(year):
            return
        report = build_report(self._facts, year, self._today(), self.groups)
        protected = self.protect_box.isChecked()
        proposed = make_document(report, protected=protected)
        self.document = make_document(report, protected=protected,
                                      intro=self._intros.get(year, proposed.intro))
        self._show_tables(self.document)
        self._show_intro(self.document.intro)
        self.charts.show_specs(chart_specs(self.document.data), year)

    def _record_shown(self, year: int) -> bool:
        """Record the summary of ``year`` as made, once while the page stays on screen; when that
        fails the figures are not shown (and cannot be printed or saved)."""
        if year not in self._reported:
            try:
                record_report(self.services, year, formats=["screen"])
            except KnownError as error:
                self.document = None
                self.tabs.setVisible(False)
                self._enable_output(False)
                self.message.show_warning(error.message)
                return False
            self._reported.add(year)
        self.tabs.setVisible(True)
        self._enable_output(True)
        return True

    def _enable_output(self, enabled: bool) -> None:
        for button in (self.preview_button, self.pdf_button, self.xlsx_button, self.csv_button):
            button.setEnabled(enabled)

    def _year_changed(self) -> None:
        self.message.clear()
        self._show_groups()
        self.refresh()

    def _show_groups(self) -> None:
        self.groups_edit.setText(format_groups(self.groups))

    def _groups_changed(self) -> None:
        year = self.year
        if year is None:
            return
        try:
            groups = parse_groups(self.groups_edit.text())
        except KnownError as error:
            self.message.show_warning(error.message)
            return
        self.message.clear()
        if groups != self.groups:
            self._groups[year] = groups
            self.refresh()

    # -- the short text ------------------------------------------------------------------------

    def _show_intro(self, text: str) -> None:
        if self.intro_edit.toPlainText() != text:
            self._setting_intro = True
            self.intro_edit.setPlainText(text)
            self._setting_intro = False

    def _intro_edited(self) -> None:
        if self._setting_intro or self.year is None or self.document is None:
            return
        self._intros[self.year] = self.intro_edit.toPlainText()
        self.document = ReportDocument(self.document.data, self.document.tables,
                                       self.intro_edit.toPlainText())

    def reset_intro(self) -> None:
        if self.year is None or self.document is None:
            return
        self._intros.pop(self.year, None)
        self._show_intro(default_intro(self.document.data))
        self.document = ReportDocument(self.document.data, self.document.tables,
                                       self.intro_edit.toPlainText())

    # -- tables --------------------------------------------------------------------------------

    def _show_tables(self, document: ReportDocument) -> None:
        tables = [t for t in document.tables if t.key != "multi_year"]
        for index, table in enumerate(tables):
            view = self.table_views.get(table.key)
            if view is None:
                title = QLabel(self.tables_area)
                title.setWordWrap(True)
                font = title.font()
                font.setBold(True)
                title.setFont(font)
                view = FittedTableView(ReportTableModel(table), self.tables_area)
                title.setBuddy(view)
                note = QLabel(self.tables_area)
                note.setWordWrap(True)
                cell = QVBoxLayout()
                cell.addWidget(title)
                cell.addWidget(view)
                cell.addWidget(note)
                cell.addStretch(1)
                self.tables_grid.addLayout(cell, index // 2, index % 2)
                self.table_views[table.key] = view
                self.table_titles[table.key] = title
                self.table_notes[table.key] = note
            else:
                view.model().set_table(table)  # type: ignore[attr-defined]
            self.table_titles[table.key].setText(table.title)
            self.table_notes[table.key].setText(table.note)
            self.table_notes[table.key].setVisible(bool(table.note))
        multi = next(t for t in document.tables if t.key == "multi_year")
        if self.multi_year_view is None:
            self.multi_year_view = FittedTableView(ReportTableModel(multi), self)
            self.multi_layout.insertWidget(1, self.multi_year_view)
        else:
            self.multi_year_view.model().set_table(multi)  # type: ignore[attr-defined]
        self.multi_year_title.setText(f"<b>{multi.title}</b>")
        self.multi_year_note.setText(multi.note + (f"\n{document.note}" if document.note else ""))

    # -- print and export ----------------------------------------------------------------------

    def _stem(self) -> str:
        suffix = "-afgeschermd" if self.protect_box.isChecked() else ""
        return f"jaaroverzicht-{self.year}{suffix}"

    def _saved(self, path: Path) -> None:
        self.message.show_info(self.tr("Opgeslagen: {name}").format(name=Path(path).name))
        self.exported.emit(Path(path))

    def _scope(self) -> str:
        """What an audit entry says was printed or written: the year, and whether small
        numbers were protected."""
        return f"{self.year}{' afgeschermd' if self.protect_box.isChecked() else ''}"

    def _guarded(self, work: Callable[[], Path | None], record: Callable[[], object]) -> None:
        """Record, then print or write; a refused recording is said and nothing is written."""
        try:
            with busy_cursor():
                record()
                path = work()
        except KnownError as error:
            self.message.show_warning(error.message)
            return
        if path is not None:
            self._saved(path)

    def print_preview(self) -> None:
        document = self.document
        if document is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout())
        printer.setDocName(document.title)
        try:
            record_print(self.services, "yearly", self._scope())
        except KnownError as error:
            self.message.show_warning(error.message)
            return
        self._preview(self, printer,
                      lambda device: self._guarded(lambda: _paint(document, device), _nothing))

    def save_pdf(self) -> None:
        path = self._ask_save_path(self, self.tr("Jaaroverzicht opslaan als PDF"),
                                   f"{self._stem()}.pdf", self.tr("PDF-document (*.pdf)"))
        if path and self.document is not None:
            document = self.document
            self._guarded(lambda: write_pdf(Path(path), document), lambda: self._export("pdf"))

    def save_xlsx(self) -> None:
        path = self._ask_save_path(self, self.tr("Jaaroverzicht opslaan als Excel-bestand"),
                                   f"{self._stem()}.xlsx", self.tr("Excel-werkmap (*.xlsx)"))
        if path and self.document is not None:
            document = self.document
            self._guarded(lambda: write_xlsx(Path(path), document), lambda: self._export("xlsx"))

    def save_csv(self) -> None:
        folder = self._ask_folder(self, self.tr("Map voor de CSV-bestanden van het jaaroverzicht"), "")
        if folder and self.document is not None:
            document = self.document
            stem = self._stem()

            def work() -> Path:
                written = write_csv(Path(folder), document, stem=stem)
                return written[0].parent

            self._guarded(work, lambda: self._export("csv"))

    def _export(self, file_format: str) -> int:
        return record_export(self.services, f"yearly_{file_format}", self._scope(),
                             formats=[file_format])  # fmt: skip

    def _chart_export(self, chart_key: str, file_format: str) -> bool:
        """Record that a chart is about to be written; False (and said) when refused."""
        try:
            record_export(self.services, f"yearly_chart_{file_format}",
                          f"{self._scope()} {chart_key}", formats=[file_format])  # fmt: skip
        except KnownError as error:
            self.message.show_warning(error.message)
            return False
        return True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Shown again after the user worked elsewhere: the figures may have changed."""
        super().showEvent(event)
        if self._shown and not event.spontaneous():
            self._reported.clear()  # looked at again: a new summary made
            self.reload()
        self._shown = True


def _paint(document: ReportDocument, device: QPrinter) -> None:
    render(document, device)


def _nothing() -> None:
    """The preview's pages: the print was recorded when the preview opened."""


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area
