"""The case table model: Qt's model checks, Dutch display text, raw sort values, tooltips and
what a screen reader hears."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from tests.ui.cases.synthetic import synthetic_rows
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import Category
from zvkd_desktop.services.case_list import CaseRow, CaseStatus
from zvkd_desktop.ui.cases.model import CASE_ID_ROLE, SORT_ROLE, CaseTableModel, Column

ON = dt.date(2024, 1, 15)
Role = Qt.ItemDataRole


def a_row(**changes: object) -> CaseRow:
    row = CaseRow(
        case_id=uuid.UUID(int=1),
        youth_id=uuid.UUID(int=2),
        youth_name="Zoë de Vries",
        age=17,
        age_is_estimate=False,
        neighbourhood="buitenhof",
        neighbourhood_name="Buitenhof",
        category=Category.RIVAL_YOUTH,
        coach_id=uuid.UUID(int=3),
        coach_name="Fatima el Amrani",
        admitted_on=dt.date(2023, 6, 1),
        latest_police_contact_on=dt.date(2023, 9, 10),
        reference_date=dt.date(2023, 9, 10),
        police_free_days=1234,
        eligible_on=dt.date(2024, 3, 11),
        next_review_on=dt.date(2024, 1, 10),
        status=CaseStatus.RUNNING,
        closed_on=None,
        signals=frozenset({SignalKind.REVIEW_OVERDUE, SignalKind.ELIGIBLE_FOR_CLOSURE}),
    )
    return row._replace(**changes)  # type: ignore[arg-type]


def model_of(*rows: CaseRow) -> CaseTableModel:
    model = CaseTableModel()
    model.set_rows(rows, ON)
    return model


def texts(model: CaseTableModel, role: int = Role.DisplayRole) -> list[object]:
    return [model.data(model.index(0, column), role) for column in Column]


def test_the_model_passes_qts_model_checks(qtmodeltester: ModelTester) -> None:
    model = model_of(*synthetic_rows(50, on=ON))
    qtmodeltester.check(model)
    model.set_rows(synthetic_rows(20, on=ON, seed=3), ON)
    model.set_rows([], ON)


def test_headers_are_the_dutch_column_names() -> None:
    model = model_of()
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Role.AccessibleTextRole)
        for c in range(model.columnCount())
    ]
    assert model.headerData(Column.NEXT_REVIEW, Qt.Orientation.Horizontal) == "Volgende\nbespreking"
    assert headers == ["Naam", "Leeftijd", "Wijk", "Categorie", "Coach", "Opgenomen",
                       "Dagen politievrij", "Afsluitbaar vanaf", "Volgende bespreking", "Status"]  # fmt: skip


def test_a_running_case_reads_in_dutch_with_dates_as_dd_mm_jjjj() -> None:
    assert texts(model_of(a_row())) == [
        "Zoë de Vries", "17", "Buitenhof", "Rivaliserende jeugd", "Fatima el Amrani",
        "01-06-2023", "1.234", "11-03-2024", "10-01-2024", "Lopend",
    ]  # fmt: skip


def test_a_closed_case_without_coach_and_an_erased_youth_read_plainly() -> None:
    row = a_row(youth_name="(gewist)", age=20, age_is_estimate=True, coach_id=None,
                coach_name=None, next_review_on=None, status=CaseStatus.CLOSED,
                closed_on=dt.date(2023, 12, 1), signals=frozenset())  # fmt: skip
    shown = texts(model_of(row))
    assert shown[Column.NAME] == "(gewist)"
    assert shown[Column.AGE] == "ca. 20"
    assert shown[Column.COACH] == "–"
    assert shown[Column.NEXT_REVIEW] == ""
    assert shown[Column.STATUS] == "Afgesloten 01-12-2023"


def test_the_sort_role_gives_raw_values_dates_as_dates_and_numbers_as_numbers() -> None:
    raw = texts(model_of(a_row()), SORT_ROLE)
    assert raw[Column.NAME] == "zoe de vries"  # folded: accents and case do not sort apart
    assert raw[Column.AGE] == 17
    assert raw[Column.ADMITTED] == dt.date(2023, 6, 1)
    assert raw[Column.POLICE_FREE] == 1234
    assert raw[Column.ELIGIBLE] == dt.date(2024, 3, 11)
    assert raw[Column.STATUS] is None  # running: no closure date


def test_whole_column_sort_keys_order_rows_as_the_sort_role_does() -> None:
    rows = synthetic_rows(300, on=ON)
    model = model_of(*rows)
    for column in Column:
        by_keys = sorted(range(len(rows)), key=model.sort_keys(column).__getitem__)
        values = [model.data(model.index(r, column), SORT_ROLE) for r in by_keys]
        present = [v for v in values if v is not None]
        assert present == sorted(present), column.name
        assert values[len(present) :] == [None] * (len(values) - len(present)), column.name


def test_tooltips_explain_the_closure_date_the_signals_and_an_overdue_review() -> None:
    tips = texts(model_of(a_row()), Role.ToolTipRole)
    assert tips[Column.NAME] == "Signalen: Afsluitbaar, Bespreking te laat"
    assert tips[Column.ELIGIBLE] == "Afsluitbaar vanaf 11-03-2024 (nog 56 dagen)"
    assert tips[Column.NEXT_REVIEW] == "Te laat: de bespreking was gepland op 10-01-2024"
    assert tips[Column.POLICE_FREE] == (
        "Politievrij sinds het laatste negatieve politiecontact op 10-09-2023"
    )
    eligible = texts(model_of(a_row(eligible_on=ON)), Role.ToolTipRole)
    assert eligible[Column.ELIGIBLE] == "Afsluitbaar sinds 15-01-2024"


def test_closable_cases_and_overdue_reviews_stand_out_in_bold() -> None:
    model = model_of(a_row(eligible_on=ON), a_row(next_review_on=ON))
    assert model.data(model.index(0, Column.ELIGIBLE), Role.FontRole).bold()
    assert model.data(model.index(0, Column.NEXT_REVIEW), Role.FontRole).bold()
    assert model.data(model.index(1, Column.NEXT_REVIEW), Role.FontRole) is None
    assert model.data(model.index(0, Column.NAME), Role.DecorationRole) is not None


def test_a_screen_reader_hears_dates_written_out_and_the_signals_with_the_name() -> None:
    spoken = texts(model_of(a_row()), Role.AccessibleTextRole)
    assert spoken[Column.NAME] == "Zoë de Vries, Signalen: Afsluitbaar, Bespreking te laat"
    assert spoken[Column.ADMITTED] == "1 juni 2023"
    assert spoken[Column.POLICE_FREE] == "1234 dagen"


def test_each_row_carries_its_case_id() -> None:
    model = model_of(a_row(case_id=uuid.UUID(int=99)))
    assert model.data(model.index(0, Column.STATUS), CASE_ID_ROLE) == uuid.UUID(int=99)
