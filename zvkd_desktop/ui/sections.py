"""The registry of main-window sections: adding one is adding a line to ``SECTIONS``.

Only sections that work are listed; the navigation shows them in this order. The planned order
is Signalen, Casussen, Aanmeldingen, Kernteam, Coaches, Jaaroverzicht, Instellingen. A factory
gets the :class:`AppContext` (the open store and the shell's signals) and the parent widget, and
builds the page; pages are built the first time they are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from zvkd_desktop.errors import KnownError
from zvkd_desktop.store.store import Store


class AppContext(QObject):
    """What every page may use: the store, and signals the shell reacts to."""

    saved = Signal()
    """A page saved a change: the status bar says 'Opgeslagen'."""
    idle_minutes_changed = Signal(int)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.closed = False
        """Set when the window closed the store; pages must not touch it any more."""

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

    @property
    def display_title(self) -> str:
        return QCoreApplication.translate("Sections", self.title)


def _settings_page(context: AppContext, parent: QWidget | None) -> QWidget:
    from zvkd_desktop.ui.settings_page import SettingsPage

    return SettingsPage(context, parent)


SECTIONS: list[Section] = [
    # Section("signals", QT_TRANSLATE_NOOP("Sections", "Signalen"), ...),
    # Section("cases", QT_TRANSLATE_NOOP("Sections", "Casussen"), ...),
    # Section("registrations", QT_TRANSLATE_NOOP("Sections", "Aanmeldingen"), ...),
    # Section("core_team", QT_TRANSLATE_NOOP("Sections", "Kernteam"), ...),
    # Section("coaches", QT_TRANSLATE_NOOP("Sections", "Coaches"), ...),
    # Section("yearly", QT_TRANSLATE_NOOP("Sections", "Jaaroverzicht"), ...),
    Section("settings", QT_TRANSLATE_NOOP("Sections", "Instellingen"), _settings_page),
]
