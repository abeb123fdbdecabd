"""Plan van aanpak: the editor, the version history with its side-by-side view, and the reoffence
advice (what the core team finds fitting if the youth reoffends; usable for sentencing)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from zvkd_desktop.services import plans
from zvkd_desktop.ui.casefile.commands import CaseCommands
from zvkd_desktop.ui.casefile.plan_editor import PlanEditor
from zvkd_desktop.ui.casefile.plan_versions import PlanVersions
from zvkd_desktop.ui.casefile.tab import CaseSnapshot, CaseTab, button_row
from zvkd_desktop.ui.casefile.texts import t
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.widgets import InlineMessage

__all__ = ["AdviceEditor", "PlanTab"]


class AdviceEditor(QWidget):
    def __init__(self, commands: CaseCommands, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commands = commands
        self.saved_text = ""
        intro = QLabel(
            t(
                "Wat vindt het kernteam passend als de jongere opnieuw een strafbaar feit "
                "pleegt? Dit advies kan worden gebruikt bij de strafvordering."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(t("Advies bij recidive"))
        label = QLabel(t("&Advies:"), self)
        label.setBuddy(self.edit)
        buttons, (self.save_button, self.discard_button) = button_row(
            self, (t("Advies op&slaan"), self.save), (t("Wijzigingen verwerpe&n"), self.discard)
        )
        self.edit.textChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        self.message = InlineMessage(self)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._update_buttons()

    @property
    def dirty(self) -> bool:
        return self.edit.toPlainText().strip() != self.saved_text.strip()

    def load(self, text: str | None, running: bool) -> None:
        pending = self.dirty
        self.saved_text = text or ""
        if not pending:
            self.edit.setPlainText(self.saved_text)
        self.edit.setReadOnly(not running)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.dirty and not self.edit.isReadOnly())
        self.discard_button.setEnabled(self.dirty)

    def save(self) -> bool:
        if not self.dirty:
            return True
        self.message.clear()
        return self.commands.set_reoffence_advice(
            self.edit.toPlainText(), lambda error: self.message.show_warning(error.message)
        )

    def discard(self) -> None:
        self.edit.setPlainText(self.saved_text)


class PlanTab(CaseTab):
    def __init__(
        self, context: AppContext, commands: CaseCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, commands, parent)
        self.pages = QTabWidget(self)
        self.editor = PlanEditor(context, self.pages)
        self.history = PlanVersions(context, self.pages)
        self.advice = AdviceEditor(commands, self.pages)
        self.pages.addTab(self.editor, t("&Doelen en acties"))
        self.pages.addTab(self.history, t("&Versies vergelijken"))
        self.pages.addTab(self.advice, t("Advies bij &recidive"))
        self.pages.currentChanged.connect(self._page_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def load(self, snapshot: CaseSnapshot) -> None:
        super().load(snapshot)
        case = snapshot.case
        plan = plans.current_plan(self.context.services, case.id)
        self.editor.load(case.id, plan, snapshot.running, snapshot.can_write)
        self.advice.load(case.reoffence_advice, snapshot.running and snapshot.can_write)
        self._history_stale = True
        self._page_changed()

    def _page_changed(self, *_args: object) -> None:
        if self.pages.currentWidget() is self.history and self.snapshot is not None:
            if getattr(self, "_history_stale", True):
                self.history.load(self.snapshot.case.id)
                self._history_stale = False

    def has_pending_edits(self) -> bool:
        return self.editor.dirty or self.advice.dirty

    def save_pending_edits(self) -> bool:
        if self.editor.dirty and not self.editor.save():
            self.pages.setCurrentWidget(self.editor)
            return False
        if self.advice.dirty and not self.advice.save():
            self.pages.setCurrentWidget(self.advice)
            return False
        return True

    def discard_pending_edits(self) -> None:
        self.editor.dirty = False
        self.advice.discard()
