"""The 'Beheer' section: users, the audit log, erasure, subject access and the exchange file — the
coordinator's work.

The navigation shows this section to coordinators only; the page checks the role again (and the
services check it a third time), so a page built for anyone else holds nothing but a refusal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.ui.admin.audit_tab import AuditTab
from zvkd_desktop.ui.admin.erasure_tab import ErasureTab
from zvkd_desktop.ui.admin.exchange_tab import ExchangeTab
from zvkd_desktop.ui.admin.inzage_tab import InzageTab
from zvkd_desktop.ui.admin.prompts import Prompts
from zvkd_desktop.ui.admin.users_tab import UsersTab
from zvkd_desktop.ui.registrations.fields import heading_label
from zvkd_desktop.ui.sections import AppContext

__all__ = ["AdminPage"]


class AdminPage(QWidget):
    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        prompts: Prompts | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.prompts = prompts or Prompts()
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Beheer"), self))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Onderdelen van Beheer"))
        if context.store.user.role is not UserRole.COORDINATOR:
            refusal = QLabel(
                self.tr("Beheer is alleen voor de coördinator. Vraag de coördinator om hulp."),
                self,
            )
            refusal.setWordWrap(True)
            refusal.setAlignment(Qt.AlignmentFlag.AlignTop)
            layout.addWidget(refusal, 1)
            self.tabs.hide()
            return
        self.users_tab = UsersTab(context, self.prompts, self)
        self.audit_tab = AuditTab(context, self.prompts, self)
        self.erasure_tab = ErasureTab(context, self.prompts, self)
        self.inzage_tab = InzageTab(context, self.prompts, self)
        self.exchange_tab = ExchangeTab(context, self.prompts, self)
        self.tabs.addTab(self.users_tab, self.tr("&Gebruikers"))
        self.tabs.addTab(self.audit_tab, self.tr("&Auditlog"))
        self.tabs.addTab(self.erasure_tab, self.tr("Wi&ssen"))
        self.tabs.addTab(self.inzage_tab, self.tr("I&nzage"))
        self.tabs.addTab(self.exchange_tab, self.tr("Uitwisse&ling"))
        layout.addWidget(self.tabs, 1)
