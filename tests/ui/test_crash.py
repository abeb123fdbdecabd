"""The bug family: a crash report that can be sent on without leaking anything."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import click
from zvkd_desktop.errors import KnownError, WrongPasswordError
from zvkd_desktop.ui.crash import (
    CrashDialog,
    ExceptHook,
    build_report,
    report_file_name,
    sanitise_message,
)

MARKERS = ("Jansen", "12-03-2008", "/home/pietje", "pietje", "Bakker", "0612345678", "geheim")


def _fail_with_personal_data(name: str = "Bakker") -> None:
    secret_local = "geheim 0612345678"  # noqa: F841 - a local a report must never show
    raise ValueError("Jansen 12-03-2008 /home/pietje")


def _raise_chained() -> None:
    try:
        _fail_with_personal_data()
    except ValueError as error:
        raise KeyError("Bakker woont op Voorhof 12") from error


def caught(function) -> BaseException:  # noqa: ANN001
    try:
        function()
    except BaseException as error:  # noqa: BLE001
        return error
    raise AssertionError("expected an exception")


def test_the_report_holds_no_marker_from_messages_or_locals() -> None:
    report = build_report(caught(_raise_chained))
    for marker in MARKERS:
        assert marker not in report
    assert "ValueError: <naam> <datum> <pad>" in report
    assert "KeyError" in report
    assert "_fail_with_personal_data" in report


def test_the_report_names_frames_without_paths_outside_the_package(tmp_path: Path) -> None:
    report = build_report(caught(lambda: report_file_name(None)))  # type: ignore[arg-type]
    assert "  zvkd_desktop/ui/crash.py:" in report
    assert str(Path.home()) not in report
    assert str(tmp_path) not in report
    assert "Python 3." in report and "Qt 6." in report and "ZVKD Desktop" in report
    assert report_file_name(__file__) == "<elders>"
    assert report_file_name(sys.modules["zvkd_desktop.ui.crash"].__file__) == (
        "zvkd_desktop/ui/crash.py"
    )
    assert report_file_name(pytest.__file__).startswith("<python>/")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Jansen 12-03-2008 /home/pietje", "<naam> <datum> <pad>"),
        ("invalid literal for int() with base 10: 'Sem'", "invalid literal for int() with "
         "base <getal>: <tekst>"),
        (r"C:\Users\pietje\pad.zvkd not found", "<pad> not found"),
        ("mail piet@example.nl over Zoë", "mail <e-mail> over <naam>"),
        ("division by zero", "division by zero"),
    ],
)
def test_messages_are_sanitised(message: str, expected: str) -> None:
    assert sanitise_message(message) == expected


def test_a_bug_goes_to_the_crash_dialog_and_a_known_error_is_shown_plainly() -> None:
    crashes: list[str] = []
    known: list[KnownError] = []
    hook = ExceptHook(show_crash=crashes.append, show_known=known.append)

    bug = caught(_fail_with_personal_data)
    hook(type(bug), bug, bug.__traceback__)
    expected = WrongPasswordError("Gebruikersnaam of wachtwoord onjuist.")
    hook(WrongPasswordError, expected, None)

    assert len(crashes) == 1 and "Jansen" not in crashes[0]
    assert known == [expected]


def test_the_crash_dialog_shows_and_copies_the_report(qtbot: QtBot) -> None:
    report = build_report(caught(_fail_with_personal_data))
    dialog = CrashDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.report_view.toPlainText() == report
    click(qtbot, dialog.copy_button)
    assert QGuiApplication.clipboard().text() == report
