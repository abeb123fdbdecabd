"""The case window's menu bar: Casus (every action, with shortcuts), Bewerken (undo, redo) and
Ga naar (the tabs, Ctrl+1 … Ctrl+7). Built in one place so shortcuts never collide."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from zvkd_desktop.ui.casefile.commands import CaseCommands
from zvkd_desktop.ui.casefile.texts import t

__all__ = ["CaseActions"]


class CaseActions:
    """The QActions of one case window; ``update_state`` enables what fits a running or closed case."""

    def __init__(
        self,
        window: QMainWindow,
        commands: CaseCommands,
        tabs: list[tuple[str, str]],
        show_tab: Callable[[str], None],
    ) -> None:
        self.window = window

        def action(
            text: str,
            slot: Callable[[], object],
            shortcut: str | None = None,
            tip: str | None = None,
        ) -> QAction:
            item = QAction(text, window)
            if shortcut:
                item.setShortcut(QKeySequence(shortcut))
            if tip:
                item.setStatusTip(tip)
            item.triggered.connect(lambda _checked=False: slot())
            return item

        self.police = action(
            t("&Politiecontact toevoegen…"), commands.add_police_contact, t("Ctrl+Shift+P")
        )
        self.coach_contact = action(
            t("&Contactmoment toevoegen…"), commands.add_coach_contact, t("Ctrl+Shift+C")
        )
        self.review = action(
            t("&Bespreking vastleggen…"), commands.record_review, t("Ctrl+Shift+B")
        )
        self.category = action(
            t("Ca&tegorie wijzigen…"), commands.change_category, t("Ctrl+Shift+T")
        )
        self.coach = action(t("C&oach wijzigen…"), commands.change_coach, t("Ctrl+Shift+O"))
        self.director = action(t("Proces&regisseur kiezen…"), commands.set_process_director)
        self.street_strength = QAction(t("Doet mee aan &Straatkracht"), window)
        self.street_strength.setCheckable(True)
        self.street_strength.toggled.connect(commands.set_street_strength)
        self.planning = action(t("Bespreekpla&nning…"), commands.review_planning)
        self.youth = action(t("&Jongere wijzigen…"), commands.edit_youth, t("Ctrl+Shift+J"))
        self.guardian = action(t("O&uder of verzorger toevoegen…"), commands.add_guardian)
        self.sibling = action(t("Broer of zus &koppelen…"), commands.link_sibling)
        self.close_case = action(
            t("&Afsluiten…"),
            commands.close_case,
            None,
            t("De casus afsluiten (besluit van het kernteam)"),
        )
        self.reopen = action(
            t("&Heropenen…"),
            commands.reopen_case,
            None,
            t("Een onterecht afgesloten casus heropenen"),
        )
        self.close_window = QAction(t("Venster s&luiten"), window)
        self.close_window.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Close))
        self.close_window.triggered.connect(window.close)

        stack = commands.context.undo_stack
        self.undo = stack.createUndoAction(window, t("&Ongedaan maken"))
        self.undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo = stack.createRedoAction(window, t("Opnieuw &uitvoeren"))
        # Ctrl+Shift+Z first; the platform's Redo keys may contain it again, and a key listed
        # twice on one action is an "ambiguous shortcut" that Qt then ignores
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo):
            if key not in redo_keys:
                redo_keys.append(key)
        self.redo.setShortcuts(redo_keys)

        menu = window.menuBar().addMenu(t("&Casus"))
        for item in (
            self.police,
            self.coach_contact,
            self.review,
            None,
            self.category,
            self.coach,
            self.director,
            self.street_strength,
            self.planning,
            None,
            self.youth,
            self.guardian,
            self.sibling,
            None,
            self.close_case,
            self.reopen,
            None,
            self.close_window,
        ):
            if item is None:
                menu.addSeparator()
            else:
                menu.addAction(item)
        edit = window.menuBar().addMenu(t("Be&werken"))
        edit.addAction(self.undo)
        edit.addAction(self.redo)
        go = window.menuBar().addMenu(t("&Ga naar"))
        self.tabs: dict[str, QAction] = {}
        for number, (key, title) in enumerate(tabs, start=1):
            item = QAction(f"&{number} {title}", window)
            item.setShortcut(QKeySequence(f"Ctrl+{number}"))
            item.triggered.connect(lambda _checked=False, k=key: show_tab(k))
            go.addAction(item)
            self.tabs[key] = item
        # police contacts belong to the youth and a late coach contact may still be recorded
        # within a closed case's dates: those two stay available (the services check the dates)
        self.running_only = [
            self.review,
            self.category,
            self.coach,
            self.director,
            self.street_strength,
            self.planning,
            self.close_case,
        ]

    def update_state(self, *, running: bool, street_strength: bool, erased: bool) -> None:
        for item in self.running_only:
            item.setEnabled(running)
        for item in (self.police, self.coach_contact):
            item.setEnabled(True)
        self.reopen.setEnabled(not running)
        for item in (self.youth, self.guardian, self.sibling):
            item.setEnabled(not erased)
        self.street_strength.blockSignals(True)
        self.street_strength.setChecked(street_strength)
        self.street_strength.blockSignals(False)

    def disable_all(self) -> None:
        for item in (*self.running_only, self.police, self.coach_contact, self.reopen,
                     self.youth, self.guardian, self.sibling):  # fmt: skip
            item.setEnabled(False)
