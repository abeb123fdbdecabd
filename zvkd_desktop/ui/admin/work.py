"""Longer work (an erasure, an inzage PDF) off the GUI thread, with a progress dialog meanwhile.

The work runs on the shared background worker (``ui.cases.background``); the store's own lock
keeps it apart from reads on the GUI thread. The dialog is window-modal and has no cancel button:
neither an erasure nor an export can be stopped half-way without leaving a mess, and both take
seconds, not minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from zvkd_desktop.ui.cases.background import run_in_background

__all__ = ["progress_dialog", "run_with_progress"]

T = TypeVar("T")


def progress_dialog(parent: QWidget, text: str) -> QProgressDialog:
    """A busy indicator without a cancel button, wide enough to read at a glance."""
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowTitle(text.rstrip("…"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAccessibleName(text)
    dialog.setMinimumWidth(dialog.fontMetrics().horizontalAdvance("x") * 45)
    return dialog


def run_with_progress(
    parent: QWidget,
    text: str,
    work: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[BaseException], None],
) -> QProgressDialog:
    """Show a busy dialog, run ``work`` in the background, then close it and call back."""
    dialog = progress_dialog(parent, text)
    dialog.show()

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        dialog.close()
        dialog.deleteLater()
        callback(value)

    run_in_background(
        parent,
        work,
        lambda result: finish(done, result),
        lambda error: finish(failed, error),
    )
    return dialog
