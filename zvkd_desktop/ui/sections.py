"""The registry of main-window sections: adding one is adding a line to ``SECTIONS``.

Only sections that work are listed; the navigation shows them in this order. The planned order
is Signalen, Casussen, Aanmeldingen, Kernteam, Coaches, Jaaroverzicht, Instellingen. A factory
gets the :class:`AppContext` (the open store and the shell's signals) and the parent widget, and
builds the page; pages are built the first time they are shown.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.context import ServiceContext, system_today
from zvkd_desktop.store.store import Store
from zvkd_desktop.ui.undo import Do, ServiceCommand, Undo, error_shower


class AppContext(QObject):
    """What every page may use: the store, the services, the undo stack, and shell signals."""

    saved = Signal()
    """A page saved a change: the status bar says 'Opgeslagen'."""
    idle_minutes_changed = Signal(int)
    changed = Signal()
    """Data changed (an edit, an undo or a redo): pages and case windows refresh."""
    open_case_requested = Signal(object, str)
    """Open the case file of a case id, at a tab key ("" for the first tab)."""

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        today: Callable[[], dt.date] = system_today,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.services = ServiceContext(store, today=today)
        self.undo_stack = QUndoStack(self)
        self.closed = False
        """Set when the window closed the store; pages must not touch it any more."""

    def today(self) -> dt.date:
        return self.services.today()

    def open_case(self, case_id: uuid.UUID, tab: str = "") -> None:
        self.open_case_requested.emit(case_id, tab)

    def execute(self, parent: QWidget | None, text: str, do: Do, undo: Undo) -> Any:
        """Run one edit through the services and make it undoable; None when it was refused."""
        from zvkd_desktop.ui.errors import show_known_error

        if self.closed:
            return None
        try:
            result = do()
        except KnownError as error:
            show_known_error(parent, error)
            return None
        self.undo_stack.push(
            ServiceCommand(text, do, undo, result, error_shower(parent), self._after_change)
        )
        self._after_change()
        return result

    def _after_change(self) -> None:
        self.saved.emit()
        self.changed.emit()

    def save(self, parent: QWidget, work: Callable[[Store], object]) -> bool:
        """Run one write; report success to the shell or show the KnownError plainly."""
        from zvkd_desktop.ui.errors import show_known_error

        if self.closed:
            return False
        try:
            changed = work(self.store)
        except KnownError as error:
            show_known_error(parent, error)
            return False
        if changed is not False:
            self.saved.emit()
        return True


PageFactory = Callable[[AppContext, QWidget | None], QWidget]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    """Dutch source text; shown through ``display_title`` so it is translated."""
    factory: PageFactory
    roles: frozenset[UserRole] | None = None
    """Only these roles see the section (None: everyone); the services enforce it as well."""

    def shown_to(self, role: UserRole) -> bool:
        return self.roles is None or role in self.roles

    @property
    def display_title(self) -> str:
        return QCoreApplication.translate("Sections", self.title)


MANAGING_ROLES = frozenset({UserRole.COORDINATOR, UserRole.PROCESS_DIRECTOR})
"""Intake, meetings and coach assignments are theirs (services/access.py MANAGERS refuses the
rest); coaches and partners work from Signalen and Casussen, which show only their cases."""


def _lazy(module: str, name: str) -> PageFactory:
    """A factory that imports its page module on first use (pages import this module too)."""

    def factory(context: AppContext, parent: QWidget | None) -> QWidget:
        import importlib

        page_factory: PageFactory = getattr(importlib.import_module(module), name)
        return page_factory(context, parent)

    return factory


def _settings_page(context: AppContext, parent: QWidget | None) -> QWidget:
    from zvkd_desktop.ui.settings_page import SettingsPage

    return SettingsPage(context, parent)


SECTIONS: list[Section] = [
    Section(
        "signals",
        QT_TRANSLATE_NOOP("Sections", "Signalen"),
        _lazy("zvkd_desktop.ui.signals", "signals_page"),
    ),
    Section(
        "cases",
        QT_TRANSLATE_NOOP("Sections", "Casussen"),
        _lazy("zvkd_desktop.ui.cases", "cases_page"),
    ),
    Section(
        "registrations",
        QT_TRANSLATE_NOOP("Sections", "Aanmeldingen"),
        _lazy("zvkd_desktop.ui.registrations", "registrations_page"),
        roles=MANAGING_ROLES,
    ),
    Section(
        "core_team",
        QT_TRANSLATE_NOOP("Sections", "Kernteam"),
        _lazy("zvkd_desktop.ui.meetings", "meetings_page"),
        roles=MANAGING_ROLES,
    ),
    Section(
        "coaches",
        QT_TRANSLATE_NOOP("Sections", "Coaches"),
        _lazy("zvkd_desktop.ui.coaches", "coaches_page"),
        roles=MANAGING_ROLES,
    ),
    Section(
        "yearly",
        QT_TRANSLATE_NOOP("Sections", "Jaaroverzicht"),
        _lazy("zvkd_desktop.ui.yearly", "yearly_page"),
    ),
    Section(
        "admin",
        QT_TRANSLATE_NOOP("Sections", "Beheer"),
        _lazy("zvkd_desktop.ui.admin", "admin_page"),
        roles=frozenset({UserRole.COORDINATOR}),
    ),
    Section(
        "backups",
        QT_TRANSLATE_NOOP("Sections", "Back-ups"),
        _lazy("zvkd_desktop.ui.backups", "backups_page"),
        roles=frozenset({UserRole.COORDINATOR}),
    ),
    Section("settings", QT_TRANSLATE_NOOP("Sections", "Instellingen"), _settings_page),
]
