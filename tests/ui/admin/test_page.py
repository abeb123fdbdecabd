"""The Beheer page: four tabs for the coordinator, a refusal for anyone else; every tab and dialog
renders to PNG on the demo store; and the recovery key does not stay on the clipboard."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from tests.ui.helpers import click
from tests.ui.signals.demo import TODAY, open_copy
from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.admin import AdminPage, admin_page, render_screenshots
from zvkd_desktop.ui.recovery_page import CLIPBOARD_CLEAR_MS, RecoveryKeyPage
from zvkd_desktop.ui.sections import AppContext


def test_the_coordinator_gets_five_tabs(qtbot: QtBot, context: AppContext) -> None:
    page = admin_page(context, None)
    qtbot.addWidget(page)
    assert isinstance(page, AdminPage)
    titles = [page.tabs.tabText(i).replace("&", "") for i in range(page.tabs.count())]
    assert titles == ["Gebruikers", "Auditlog", "Wissen", "Inzage", "Uitwisseling"]


@pytest.mark.parametrize("role", [UserRole.PROCESS_DIRECTOR, UserRole.COACH, UserRole.PARTNER])
def test_anyone_else_gets_only_a_refusal(
    qtbot: QtBot, context: AppContext, new_store: Store, role: UserRole
) -> None:
    new_store.user = dataclasses.replace(new_store.user, role=role)
    page = AdminPage(context)
    qtbot.addWidget(page)
    assert page.tabs.count() == 0
    assert not hasattr(page, "audit_tab")


def test_every_tab_and_dialog_renders_on_the_demo_store(
    qtbot: QtBot, demo_file: Path, tmp_path: Path
) -> None:
    store = open_copy(demo_file, tmp_path / "demo" / "pad.zvkd")
    context = AppContext(store, today=lambda: TODAY)
    try:
        generation = store.generation
        paths = render_screenshots(context, tmp_path / "shots")
        assert store.generation == generation  # rendering wrote nothing
    finally:
        context.closed = True
        store.close()
    names = {path.name for path in paths}
    assert {"admin-users.png", "admin-audit.png", "admin-erasure-preview.png",
            "admin-erasure-confirm.png", "admin-inzage.png", "admin-refused.png"} <= names  # fmt: skip
    for path in paths:
        image = QImage(str(path))
        assert not image.isNull() and image.width() > 200, path.name


def test_a_copied_recovery_key_is_cleared_from_the_clipboard_after_30_seconds(
    qtbot: QtBot,
) -> None:
    """Issue 7 asks for this; ui/recovery_page.py does it. The default delay is 30 s, and the
    clearing itself is checked with a short delay (the same code path)."""
    assert CLIPBOARD_CLEAR_MS == 30_000
    default = inspect.signature(RecoveryKeyPage).parameters["clipboard_clear_ms"].default
    assert default == CLIPBOARD_CLEAR_MS
    page = RecoveryKeyPage(clipboard_clear_ms=100)
    qtbot.addWidget(page)
    page.set_key("ABCD-EFGH-IJKL-MNOP", "pad.zvkd")
    click(qtbot, page.copy_button)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == "ABCD-EFGH-IJKL-MNOP"
    assert "30 seconden" in page.message.text()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3000)
