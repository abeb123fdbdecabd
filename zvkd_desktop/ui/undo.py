"""Undo and redo through the services: every edit is a QUndoCommand with a do and an undo.

Widgets never write the database: ``AppContext.execute`` runs the service call once (a refusal is
shown plainly and nothing lands on the stack), then pushes a command whose undo calls the inverse
service. Redo calls the service again. When undo or redo is refused later because the data moved
on (for instance the case was closed meanwhile), the message is shown and the command is made
obsolete, so the stack never pretends to have done something it could not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from zvkd_desktop.errors import KnownError

Do = Callable[[], Any]
Undo = Callable[[Any], Any]
OnError = Callable[[KnownError], None]


class ServiceCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        do: Do,
        undo: Undo,
        result: Any,
        on_error: OnError,
        on_change: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self._do = do
        self._undo = undo
        self.result = result
        self._first_redo = True  # the work was already done before the push
        self._on_error = on_error
        self._on_change = on_change

    def redo(self) -> None:
        if self._first_redo:
            self._first_redo = False
            return
        try:
            self.result = self._do()
        except KnownError as error:
            self.setObsolete(True)
            self._on_error(error)
            return
        self._on_change()

    def undo(self) -> None:
        try:
            self._undo(self.result)
        except KnownError as error:
            self.setObsolete(True)
            self._on_error(error)
            return
        self._on_change()


def error_shower(parent: QWidget | None) -> OnError:
    def show(error: KnownError) -> None:
        from zvkd_desktop.ui.errors import show_known_error

        show_known_error(parent, error)

    return show
