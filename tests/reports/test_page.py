"""The "Jaaroverzicht" screen, driven as a coordinator would (no modal dialog ever opens).

Every summary shown, print preview and file written leaves an entry in the audit log, so the
page works on its own writable copy of the hand-counted store."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from tests.conftest import PASSWORD
from tests.reports.conftest import MADE_ON
from zvkd_desktop.domain.vocabulary import Decision, UserRole
from zvkd_desktop.reports.yearly.protect import SMALL
from zvkd_desktop.store.models import AuditEntry, Registration
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.yearly.page import YearlyPage


class Dialogs:
    """Stands in for the file dialogs and the print preview; records what was asked."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.asked: list[str] = []
        self.previewed: list[Path] = []

    def save_path(self, _parent: QWidget, _caption: str, suggested: str, _filters: str) -> str:
        self.asked.append(suggested)
        return str(self.folder / suggested)

    def choose_folder(self, _parent: QWidget, _caption: str, _start: str) -> str:
        return str(self.folder)

    def preview(self, _parent: QWidget, printer: QPrinter, paint: Any) -> None:
        """What QPrintPreviewDialog does, onto a PDF file instead of the screen."""
        target = self.folder / f"preview-{len(self.previewed)}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        paint(printer)
        self.previewed.append(target)


@pytest.fixture
def dialogs(tmp_path: Path) -> Dialogs:
    return Dialogs(tmp_path)


@pytest.fixture
def page_store(hand_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A writable copy of the hand-counted store (the page records what it shows)."""
    copy = tmp_path / "store" / "hand.zvkd"
    copy.parent.mkdir()
    shutil.copyfile(hand_file, copy)
    store = Store.open(copy, password=PASSWORD, state_folder=tmp_path / "home")
    try:
        yield store
    finally:
        store.close()


Logged = Callable[[str], list[dict[str, Any]]]


@pytest.fixture
def logged(page_store: Store) -> Logged:
    """The audit entries of an action written since the copy was made (other tests, such as the
    command line's, record reports in the shared file too), as changes plus the user's id."""
    with page_store.read() as session:
        before = session.scalar(select(func.max(AuditEntry.seq))) or 0

    def read(action: str) -> list[dict[str, Any]]:
        with page_store.read() as session:
            return [
                dict(entry.changes or {}, user=entry.user_id)
                for entry in session.scalars(
                    select(AuditEntry)
                    .where(AuditEntry.action == action, AuditEntry.seq > before)
                    .order_by(AuditEntry.seq)
                )
            ]

    return read


@pytest.fixture
def page(qtbot: QtBot, page_store: Store, logged: Logged, dialogs: Dialogs) -> YearlyPage:
    """The page on the copy (``logged`` first: it reads the log as it was before the page)."""
    widget = YearlyPage(page_store, today=lambda: MADE_ON, preview=dialogs.preview,
                        ask_save_path=dialogs.save_path, ask_folder=dialogs.choose_folder)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    return widget


def _cell(page: YearlyPage, table: str, label: str, column: int = 1) -> str:
    model = page.table_views[table].model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data().strip() == label:
            return model.index(row, column).data()
    raise AssertionError(f"no row {label!r} in {table}")


def test_opens_on_last_year_with_the_hand_counted_figures(page: YearlyPage) -> None:
    assert page.year == 2023
    assert [page.year_combo.itemText(i) for i in range(page.year_combo.count())] == [
        str(y) for y in range(2024, 2016, -1)]
    assert _cell(page, "stock_flow", "Lopend op 31-12-2022") == "6"
    assert _cell(page, "stock_flow", "= lopend op 31-12-2023") == "6"
    assert _cell(page, "registrations", "nog geen besluit op 31-12-2023") == "2"
    assert _cell(page, "duration", "Eerste kwartiel") == "377,5"
    assert page.groups_edit.text() == "2022-2023, t/m 2021"
    assert "6 jongeren aangemeld" in page.intro_edit.toPlainText()


def test_every_table_model_behaves(page: YearlyPage, qtmodeltester: Any) -> None:
    for view in page.table_views.values():
        qtmodeltester.check(view.model())
    assert page.multi_year_view is not None
    qtmodeltester.check(page.multi_year_view.model())


def test_choosing_a_year_and_groups(page: YearlyPage, qtbot: QtBot) -> None:
    page.year_combo.setCurrentIndex(page.year_combo.findData(2022))
    assert _cell(page, "stock_flow", "= lopend op 31-12-2022") == "6"
    assert page.groups_edit.text() == "2021-2022, t/m 2020"
    page.year_combo.setCurrentIndex(page.year_combo.findData(2023))
    page.groups_edit.clear()
    qtbot.keyClicks(page.groups_edit, "2023, 2017-2022")
    qtbot.keyClick(page.groups_edit, Qt.Key.Key_Return)
    assert _cell(page, "closed_by_registration_year", "2023") == "1"
    assert _cell(page, "closed_by_registration_year", "2017–2022") == "2"
    page.groups_edit.clear()
    qtbot.keyClicks(page.groups_edit, "ooit")
    qtbot.keyClick(page.groups_edit, Qt.Key.Key_Return)
    assert "geen jaar of jaargroep" in page.message.text()


def test_small_number_protection_changes_every_view(page: YearlyPage) -> None:
    page.protect_box.setChecked(True)
    assert _cell(page, "stock_flow", "+ opgenomen in 2023 (instroom)") == SMALL
    assert _cell(page, "registrations", "Aanmeldingen") == "5"
    assert "minder dan 5" in page.intro_edit.toPlainText()
    inflow = page.charts.panels[0].chart
    assert any(text.endswith(": <5") for _rect, text in inflow.bars)
    assert "Kleine aantallen afgeschermd" in page.multi_year_note.text()


def test_the_edited_text_is_kept_per_year_and_printed(page: YearlyPage, dialogs: Dialogs,
                                                      qtbot: QtBot) -> None:
    page.intro_edit.clear()
    qtbot.keyClicks(page.intro_edit, "Een rustig jaar.")
    page.year_combo.setCurrentIndex(page.year_combo.findData(2022))
    assert "In 2022 werden" in page.intro_edit.toPlainText()
    page.year_combo.setCurrentIndex(page.year_combo.findData(2023))
    assert page.intro_edit.toPlainText() == "Een rustig jaar."
    assert page.document is not None and page.document.intro == "Een rustig jaar."
    page.reset_intro_button.click()
    assert "In 2023 werden" in page.intro_edit.toPlainText()


def test_print_preview_pdf_excel_and_csv(page: YearlyPage, dialogs: Dialogs, tmp_path: Path,
                                         qtbot: QtBot) -> None:
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert dialogs.previewed and dialogs.previewed[0].read_bytes().startswith(b"%PDF")
    with qtbot.waitSignal(page.exported) as saved:
        qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert saved.args == [tmp_path / "jaaroverzicht-2023.pdf"]
    assert "jaaroverzicht-2023.pdf" in page.message.text()
    page.protect_box.setChecked(True)
    qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    book = openpyxl.load_workbook(tmp_path / "jaaroverzicht-2023-afgeschermd.xlsx")
    assert book["Instroom en uitstroom"]["B5"].value == SMALL
    qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    assert len(list(tmp_path.glob("jaaroverzicht-2023-afgeschermd-*.csv"))) == 12


def test_a_failed_export_is_said_plainly(page: YearlyPage, dialogs: Dialogs,
                                         tmp_path: Path) -> None:
    dialogs.folder = tmp_path / "bestaat-niet"
    page.save_xlsx()
    assert "kon niet worden geschreven" in page.message.text()


def test_charts_show_the_value_on_hover_and_export(page: YearlyPage, dialogs: Dialogs,
                                                   tmp_path: Path) -> None:
    page.tabs.setCurrentIndex(2)
    panel = page.charts.panels[0]
    chart = panel.chart
    rect, text = next((r, t) for r, t in chart.bars if t.startswith("Opgenomen (instroom), 2023"))
    assert text == "Opgenomen (instroom), 2023: 3"
    view = chart.getPlotItem().getViewBox()
    chart.scene().sigMouseMoved.emit(view.mapViewToScene(rect.center()))
    assert chart.hover_text == text
    chart.scene().sigMouseMoved.emit(view.mapViewToScene(QPointF(rect.center().x(), 3.8)))
    assert chart.hover_text is None
    panel.png_button.click()
    panel.svg_button.click()
    png = tmp_path / "jaaroverzicht-2023-inflow-outflow.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "jaaroverzicht-2023-inflow-outflow.svg").read_bytes()


def test_a_new_registration_shows_after_coming_back_to_the_page(
    qtbot: QtBot, hand_store: Store
) -> None:
    from tests.reports.dataset import Builder
    from zvkd_desktop.domain.vocabulary import OrganisationKind
    from zvkd_desktop.store.models import Organisation

    page = YearlyPage(hand_store, today=lambda: MADE_ON)
    qtbot.addWidget(page)
    page.show()
    with hand_store.transaction() as session:
        builder = Builder(session)
        builder.orgs["school"] = Organisation(name="Grotius College", kind=OrganisationKind.SCHOOL)
        session.add(builder.orgs["school"])
        session.flush()
        builder.registration(builder.youth("tanthof", "Eva"), dt.date(2023, 11, 1), "school",
                             decision=Decision.NOT_ADMITTED, decided_on=dt.date(2023, 11, 20))
    assert _cell(page, "registrations", "Aanmeldingen") == "6"  # not yet: the page was open
    page.hide()
    page.show()
    assert _cell(page, "registrations", "Aanmeldingen") == "7"
    assert _cell(page, "registrations", "niet opgenomen") == "2"


def test_the_section_factory_follows_the_shell(qtbot: QtBot, hand_store: Store) -> None:
    from zvkd_desktop.ui.sections import AppContext
    from zvkd_desktop.ui.yearly import yearly_page

    context = AppContext(hand_store, today=lambda: MADE_ON)
    page = yearly_page(context, None)
    qtbot.addWidget(page)
    assert isinstance(page, YearlyPage) and page.year == 2023
    page.show()
    with hand_store.transaction() as session:
        session.execute(update(Registration).values(decision=Decision.NOT_ADMITTED,
                                                     decided_on=dt.date(2023, 12, 30)))
    context.changed.emit()
    assert _cell(page, "registrations", "niet opgenomen") == "6"


# -- who looked: the audit log -------------------------------------------------------------------


def test_each_year_shown_is_recorded_once_not_on_every_repaint(
    page: YearlyPage, page_store: Store, logged: Logged, qtbot: QtBot
) -> None:
    assert logged("report") == [
        {"kind": "yearly", "year": 2023, "cases": "all", "formats": ["screen"],
         "user": page_store.user.id},
    ]
    page.protect_box.setChecked(True)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2022))
    page.year_combo.setCurrentIndex(page.year_combo.findData(2023))
    page.groups_edit.clear()
    qtbot.keyClicks(page.groups_edit, "2023, 2017-2022")
    qtbot.keyClick(page.groups_edit, Qt.Key.Key_Return)
    page.repaint()
    assert [entry["year"] for entry in logged("report")] == [2023, 2022]
    page.hide()
    page.show()  # back on the page: looked at again
    assert [entry["year"] for entry in logged("report")] == [2023, 2022, 2023]


def test_every_print_and_every_file_is_recorded_with_its_year_and_format(
    page: YearlyPage, page_store: Store, logged: Logged
) -> None:
    page.print_preview()
    page.save_pdf()
    page.protect_box.setChecked(True)
    page.save_xlsx()
    page.save_csv()
    page.charts.panels[0].save_png()
    page.charts.panels[0].save_svg()
    assert logged("print") == [
        {"kind": "yearly", "scope": "2023", "cases": "all", "user": page_store.user.id},
    ]
    exports = [(e["kind"], e["scope"], e["formats"]) for e in logged("export")]
    assert exports == [
        ("yearly_pdf", "2023", ["pdf"]),
        ("yearly_xlsx", "2023 afgeschermd", ["xlsx"]),
        ("yearly_csv", "2023 afgeschermd", ["csv"]),
        ("yearly_chart_png", "2023 afgeschermd inflow_outflow", ["png"]),
        ("yearly_chart_svg", "2023 afgeschermd inflow_outflow", ["svg"]),
    ]


def test_a_coachs_summary_is_recorded_as_covering_their_own_cases(
    qtbot: QtBot, page_store: Store, logged: Logged
) -> None:
    from tests.services.test_access import StoreAs, add_user
    from zvkd_desktop.services.context import ServiceContext

    coach = add_user(page_store, "fatima", UserRole.COACH, None)
    as_coach = ServiceContext(StoreAs(page_store, coach), today=lambda: MADE_ON)  # type: ignore[arg-type]
    widget = YearlyPage(page_store, today=lambda: MADE_ON, services=as_coach)
    qtbot.addWidget(widget)
    (entry,) = logged("report")
    assert (entry["user"], entry["cases"]) == (coach.id, "own")
    assert _cell(widget, "registrations", "Aanmeldingen") == "0"  # no cases of their own


def test_a_summary_that_cannot_be_recorded_is_not_shown(
    qtbot: QtBot, shared_hand_store: Store, dialogs: Dialogs, tmp_path: Path
) -> None:
    widget = YearlyPage(shared_hand_store, today=lambda: MADE_ON,  # opened read-only
                        ask_save_path=dialogs.save_path, ask_folder=dialogs.choose_folder)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.document is None
    assert not widget.tabs.isVisible() and not widget.pdf_button.isEnabled()
    assert "alleen-lezen" in widget.message.text()
    widget.save_pdf()
    assert not list(tmp_path.glob("*.pdf"))
