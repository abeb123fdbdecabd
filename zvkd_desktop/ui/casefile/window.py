"""The case file: one top-level window per case, a header over seven tabs, and the Casus menu.

The window reads the case again whenever the data changes (``context.changed``: an edit here or
elsewhere, an undo, a redo); only the header and the visible tab load at once, the other tabs when
they are shown. Input that is not saved yet (a plan draft, the reoffence advice) is never lost on
closing: it is saved through the services, or the user chooses to drop it.
"""

from __future__ import annotations

import uuid
from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.errors import KnownError, PermissionDeniedError
from zvkd_desktop.services import cases
from zvkd_desktop.services.access import require_write
from zvkd_desktop.services.case_views import CaseDetail, get_case
from zvkd_desktop.services.youths import YouthDetail, get_youth
from zvkd_desktop.ui.casefile.actions import CaseActions
from zvkd_desktop.ui.casefile.commands import CaseCommands
from zvkd_desktop.ui.casefile.contacts_tab import ContactsTab
from zvkd_desktop.ui.casefile.header import CaseHeader
from zvkd_desktop.ui.casefile.history_tab import HistoryTab
from zvkd_desktop.ui.casefile.person_tab import PersonTab
from zvkd_desktop.ui.casefile.plan_tab import PlanTab
from zvkd_desktop.ui.casefile.police_tab import PoliceTab
from zvkd_desktop.ui.casefile.registration_tab import RegistrationTab
from zvkd_desktop.ui.casefile.reviews_tab import ReviewsTab
from zvkd_desktop.ui.casefile.tab import CaseSnapshot, CaseTab
from zvkd_desktop.ui.casefile.texts import t
from zvkd_desktop.ui.sections import AppContext

__all__ = ["TAB_KEYS", "CaseWindow"]

_TABS: list[tuple[str, str, type[CaseTab]]] = [
    ("person", "Persoon en gezin", PersonTab),
    ("registration", "Aanmelding", RegistrationTab),
    ("plan", "Plan van aanpak", PlanTab),
    ("police", "Politiecontacten", PoliceTab),
    ("contacts", "Contactmomenten", ContactsTab),
    ("reviews", "Besprekingen", ReviewsTab),
    ("history", "Historie", HistoryTab),
]
TAB_KEYS: tuple[str, ...] = tuple(key for key, _title, _cls in _TABS)


def _can_write(context: AppContext) -> bool:
    """Whether the user's role may change anything (the services' own rule decides)."""
    try:
        require_write(context.services.user)
    except PermissionDeniedError:
        return False
    return True


class CaseWindow(QMainWindow):
    closed = Signal(object)
    """The window closed (its case id): the main window forgets it."""

    def __init__(
        self, context: AppContext, case_id: uuid.UUID, tab: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.case: CaseDetail | None = None
        self.youth: YouthDetail | None = None
        self.snapshot: CaseSnapshot | None = None
        self._stale: set[str] = set(TAB_KEYS)
        self._closing = False
        self.commands = CaseCommands(context, self, lambda: (self.case, self.youth))

        self.header = CaseHeader(self)
        self.tab_widget = QTabWidget(self)
        self.tab_widget.setDocumentMode(True)
        self.tabs: dict[str, CaseTab] = {}
        titles = []
        for key, title, cls in _TABS:
            page = cls(context, self.commands, self.tab_widget)
            self.tabs[key] = page
            self.tab_widget.addTab(page, t(title))
            titles.append((key, t(title)))
        self.person_tab = cast(PersonTab, self.tabs["person"])
        self.registration_tab = cast(RegistrationTab, self.tabs["registration"])
        self.plan_tab = cast(PlanTab, self.tabs["plan"])
        self.police_tab = cast(PoliceTab, self.tabs["police"])
        self.contacts_tab = cast(ContactsTab, self.tabs["contacts"])
        self.reviews_tab = cast(ReviewsTab, self.tabs["reviews"])
        self.history_tab = cast(HistoryTab, self.tabs["history"])
        self.actions_ = CaseActions(self, self.commands, titles, self.show_tab)
        for action, text in (
            (self.actions_.police, t("Politiecontact…")),
            (self.actions_.coach_contact, t("Contactmoment…")),
            (self.actions_.review, t("Bespreking…")),
            (self.actions_.coach, t("Coach wijzigen…")),
            (self.actions_.close_case, t("Afsluiten…")),
            (self.actions_.reopen, t("Heropenen…")),
        ):
            self.header.add_button(action, text)
        self.header.finish_buttons()

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addWidget(self.tab_widget, 1)
        self.setCentralWidget(central)
        self.tab_widget.currentChanged.connect(self._tab_changed)
        context.changed.connect(self.refresh)
        self.resize(1100, 760)
        self.refresh()
        self.show_tab(tab or "person")

    # -- tabs ---------------------------------------------------------------------------------

    def show_tab(self, key: str) -> None:
        if key not in self.tabs:
            key = "person"
        self.tab_widget.setCurrentWidget(self.tabs[key])
        self._load_tab(key)

    def current_tab(self) -> str:
        page = self.tab_widget.currentWidget()
        return next(key for key, tab in self.tabs.items() if tab is page)

    def _tab_changed(self, _index: int) -> None:
        self._load_tab(self.current_tab())

    def _load_tab(self, key: str) -> None:
        if self.snapshot is not None and key in self._stale:
            self.tabs[key].load(self.snapshot)
            self._stale.discard(key)

    # -- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the case again; the visible tab reloads now, the others when shown."""
        if self.context.closed or self._closing:
            return
        ctx = self.context.services
        try:
            case = get_case(ctx, self.case_id)
            youth = get_youth(ctx, case.youth_id)
            today = ctx.today()
            on = case.closed_on or today
            status = cases.closure_status_of(ctx, case.id, on)
        except KnownError as error:
            self._missing(error.message)
            return
        self.case, self.youth = case, youth
        can_write = _can_write(self.context)
        self.snapshot = CaseSnapshot(case, youth, status, today, on, can_write)
        self.setWindowTitle(t("{name} – Casus – ZVKD Desktop").format(name=case.youth_name))
        self.header.show_case(case, youth, status, today)
        self.actions_.update_state(
            running=case.closed_on is None,
            street_strength=case.street_strength,
            erased=youth.erased,
        )
        if not can_write:
            self.actions_.disable_all()
        self.tab_widget.setEnabled(True)
        self._stale = set(TAB_KEYS)
        self._load_tab(self.current_tab())

    def _missing(self, message: str) -> None:
        """The case is gone (an undone admission, for instance): say so, offer nothing."""
        self.case = self.youth = self.snapshot = None
        self.header.show_missing(message)
        self.actions_.disable_all()
        self.tab_widget.setEnabled(False)
        self.setWindowTitle(t("Casus niet beschikbaar – ZVKD Desktop"))

    # -- closing ------------------------------------------------------------------------------

    def pending_tabs(self) -> list[CaseTab]:
        return [tab for tab in self.tabs.values() if tab.has_pending_edits()]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        pending = [] if self.context.closed else self.pending_tabs()
        if pending and self._screen_locking():
            # nobody is there to answer a question, and the data must disappear now: save
            # what the services accept; a draft they refuse cannot be kept on a locked screen
            self.flush()
            for tab in self.pending_tabs():
                tab.discard_pending_edits()
        elif pending and not self._resolve_pending(pending):
            event.ignore()
            return
        self._closing = True
        try:
            self.context.changed.disconnect(self.refresh)
        except (RuntimeError, TypeError):
            pass
        super().closeEvent(event)
        self.closed.emit(self.case_id)

    def _resolve_pending(self, pending: list[CaseTab]) -> bool:
        """Ask what to do with unsaved input; True when the window may close."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            t("Niet opgeslagen wijzigingen"),
            t(
                "In deze casus zijn wijzigingen nog niet opgeslagen (plan van aanpak "
                "of advies bij recidive). Wilt u ze opslaan?"
            ),
            parent=self,
        )
        save = box.addButton(t("&Opslaan"), QMessageBox.ButtonRole.AcceptRole)
        drop = box.addButton(t("&Niet opslaan"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(t("&Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            for tab in pending:
                if not tab.save_pending_edits():
                    self.show_tab(next(k for k, v in self.tabs.items() if v is tab))
                    return False
            return True
        if clicked is drop:
            for tab in pending:
                tab.discard_pending_edits()
            return True
        return False

    def _screen_locking(self) -> bool:
        """The main window is locking (it sets ``locked`` before it closes the other windows)."""
        return any(
            getattr(widget, "locked", False) is True
            for widget in QApplication.topLevelWidgets()
            if widget is not self
        )

    def flush(self) -> bool:
        """Save pending input without asking (the main window calls this before it locks)."""
        return all(tab.save_pending_edits() for tab in self.pending_tabs())
