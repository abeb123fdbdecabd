"""The idle lock closes every case file, and unlocking brings each back at the tab it showed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.casefile.conftest import Admitted
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.main_window import MainWindow
from zvkd_desktop.ui.settings import GuiSettings


def test_locking_closes_case_windows_and_unlocking_reopens_them_where_they_were(
    qtbot: QtBot, new_store: Store, admitted: Admitted, gui_settings: GuiSettings
) -> None:
    window = MainWindow(new_store, settings=gui_settings)
    qtbot.addWidget(window)
    window.show()
    case_window = window.open_case(admitted.case_id, "police")
    assert case_window is not None and case_window.isVisible()
    assert case_window.current_tab() == "police"  # type: ignore[attr-defined]

    window.lock()
    qtbot.waitUntil(lambda: not case_window.isVisible(), timeout=2000)
    assert window.case_windows == {}

    window.unlock()
    reopened = window.case_windows[admitted.case_id]
    assert reopened.isVisible()
    assert reopened.current_tab() == "police"  # type: ignore[attr-defined]
    window.close()


def test_opening_a_case_file_is_recorded_in_the_audit_log(
    qtbot: QtBot, new_store: Store, admitted: Admitted, gui_settings: GuiSettings
) -> None:
    from sqlalchemy import select

    from zvkd_desktop.store.models import AuditEntry

    window = MainWindow(new_store, settings=gui_settings)
    qtbot.addWidget(window)
    window.open_case(admitted.case_id, "")
    with new_store.read() as session:
        views = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "view")
        ).all()
    assert [(v.case_id, v.user_id) for v in views] == [(admitted.case_id, new_store.user.id)]
    window.close()
