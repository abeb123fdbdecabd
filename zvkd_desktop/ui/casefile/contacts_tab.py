"""Contactmomenten: the coach's contacts with the youth, newest first, and how long ago the last one
was — the "no contact" signal is about exactly that."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from zvkd_desktop.domain.vocabulary import CoachContactKind
from zvkd_desktop.services import contacts
from zvkd_desktop.services.contacts import CoachContactView
from zvkd_desktop.ui.casefile.commands import CaseCommands
from zvkd_desktop.ui.casefile.tab import (
    CaseSnapshot,
    EditableListTab,
    add_item,
    button_row,
    list_view,
    selected_data,
)
from zvkd_desktop.ui.casefile.texts import bold, days_text, t
from zvkd_desktop.ui.dialogs.fields import date_text, vocab
from zvkd_desktop.ui.sections import AppContext

__all__ = ["ContactsTab"]


class ContactsTab(EditableListTab):
    row_type = CoachContactView

    def __init__(
        self, context: AppContext, commands: CaseCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, commands, parent)
        self.summary_label = bold(QLabel(self))
        self.view = list_view(
            self, [t("Datum"), t("Soort"), t("Coach"), t("Notitie")], t("Contactmomenten")
        )
        self.view.itemDoubleClicked.connect(lambda *_: self.edit())
        self.view.itemActivated.connect(lambda *_: self.edit())
        buttons, (self.add_button, self.edit_button, self.remove_button) = button_row(
            self,
            (t("Contactmoment &toevoegen…"), self.commands.add_coach_contact),
            (t("Wij&zigen…"), self.edit),
            (t("V&erwijderen"), self.remove),
        )
        self.edit_widgets = [self.add_button, self.edit_button, self.remove_button]
        self.view.currentItemChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self._selection_changed()

    def load(self, snapshot: CaseSnapshot) -> None:
        super().load(snapshot)
        rows = contacts.coach_contacts(self.context.services, snapshot.case.id)
        reached = [row for row in rows if row.kind != CoachContactKind.NOT_REACHED]
        if not rows:
            self.summary_label.setText(t("Nog geen contactmomenten vastgelegd."))
        elif not reached:
            self.summary_label.setText(t("De coach heeft de jongere nog niet bereikt."))
        else:
            last = reached[0].contact_on
            ago = (snapshot.on - last).days
            when = t("vandaag") if ago == 0 else t("{days} geleden").format(days=days_text(ago))
            self.summary_label.setText(
                t("Laatste contact: {date} ({when}), {count} contactmomenten in totaal.").format(
                    date=date_text(last), when=when, count=len(rows)
                )
            )
        current = selected_data(self.view)
        self.view.clear()
        for row in rows:
            item = add_item(
                self.view,
                [date_text(row.contact_on), vocab(row.kind), row.coach_name or "—", row.note or ""],
                row,
            )
            if isinstance(current, CoachContactView) and current.id == row.id:
                self.view.setCurrentItem(item)
        self._selection_changed()

    def _edit_row(self, row: CoachContactView) -> None:
        self.commands.edit_coach_contact(row)

    def _remove_row(self, row: CoachContactView) -> None:
        self.commands.remove_coach_contact(row)
