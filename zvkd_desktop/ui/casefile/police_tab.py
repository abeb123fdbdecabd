"""Politiecontacten: the youth's police timeline, newest first, and the closure rule in plain words.

The first line answers the question the core team asks about every case — "can it close?" —
with the eligible date and the days to go; the second says what the count starts from. Negative
contacts carry a warning sign and bold text, so they stand out without colour.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QStyle, QVBoxLayout, QWidget

from zvkd_desktop.services import contacts
from zvkd_desktop.services.contacts import PoliceContactView
from zvkd_desktop.ui.casefile.commands import CaseCommands
from zvkd_desktop.ui.casefile.tab import (
    CaseSnapshot,
    EditableListTab,
    add_item,
    button_row,
    list_view,
    selected_data,
)
from zvkd_desktop.ui.casefile.texts import bold, days_text, eligibility_text, t
from zvkd_desktop.ui.dialogs.fields import date_text, vocab
from zvkd_desktop.ui.sections import AppContext

__all__ = ["PoliceTab"]


class PoliceTab(EditableListTab):
    row_type = PoliceContactView

    def __init__(
        self, context: AppContext, commands: CaseCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, commands, parent)
        self.eligible_label = bold(QLabel(self), 1.15)
        self.eligible_label.setAccessibleName(t("Afsluitbaar volgens de 6-maandenregel"))
        self.reference_label = QLabel(self)
        self.reference_label.setWordWrap(True)
        self.view = list_view(
            self,
            [t("Datum"), t("Negatief"), t("Soort"), t("Tijdens"), t("Notitie")],
            t("Politiecontacten"),
        )
        self.view.itemDoubleClicked.connect(lambda *_: self.edit())
        self.view.itemActivated.connect(lambda *_: self.edit())
        self.count_label = QLabel(self)
        buttons, (self.add_button, self.edit_button, self.remove_button) = button_row(
            self,
            (t("Politiecontact &toevoegen…"), self.commands.add_police_contact),
            (t("Wij&zigen…"), self.edit),
            (t("V&erwijderen"), self.remove),
        )
        self.edit_widgets = [self.add_button, self.edit_button, self.remove_button]
        self.view.currentItemChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.eligible_label)
        layout.addWidget(self.reference_label)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self._selection_changed()

    def load(self, snapshot: CaseSnapshot) -> None:
        super().load(snapshot)
        case, status = snapshot.case, snapshot.status
        if snapshot.running:
            self.eligible_label.setText(eligibility_text(status, snapshot.today))
        else:
            self.eligible_label.setText(
                t("Afgesloten op {date}").format(date=date_text(case.closed_on))
            )
        if status.reference_date == status.latest_negative_contact:
            basis = t("Gerekend vanaf het laatste negatieve politiecontact op {date}")
        else:
            basis = t("Gerekend vanaf de opname op {date} (geen later negatief politiecontact)")
        since = (snapshot.on - status.reference_date).days
        self.reference_label.setText(
            t(
                "{basis}: {days} zonder negatief politiecontact. De regel vraagt meer dan {months} "
                "maanden."
            ).format(
                basis=basis.format(date=date_text(status.reference_date)),
                days=days_text(max(0, since)),
                months=status.months,
            )
        )
        current = selected_data(self.view)
        self.view.clear()
        rows = contacts.police_contacts(self.context.services, case.youth_id)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        blank = QPixmap(size, size)
        blank.fill(Qt.GlobalColor.transparent)  # neutral rows line up with the marked ones
        negatives = 0
        for row in rows:
            if row.case_id == case.id:
                during = t("deze casus")
            elif row.case_id is None:
                during = (
                    t("vóór de opname")
                    if row.contact_on < case.admitted_on
                    else t("buiten een casus")
                )
            else:
                during = t("een andere casus")
            item = add_item(
                self.view,
                [
                    date_text(row.contact_on),
                    t("Negatief") if row.negative else t("Neutraal"),
                    vocab(row.kind),
                    during,
                    row.note or "",
                ],
                row,
            )
            item.setIcon(1, QIcon(blank))
            if row.negative:
                negatives += 1
                item.setIcon(1, warning)
                for column in (0, 1):
                    font = item.font(column)
                    font.setBold(True)
                    item.setFont(column, font)
            if (
                current is not None
                and isinstance(current, PoliceContactView)
                and current.id == row.id
            ):
                self.view.setCurrentItem(item)
        self.count_label.setText(
            t("{count} politiecontacten, waarvan {negative} negatief").format(
                count=len(rows), negative=negatives
            )
        )
        self._selection_changed()

    def _edit_row(self, row: PoliceContactView) -> None:
        self.commands.edit_police_contact(row)

    def _remove_row(self, row: PoliceContactView) -> None:
        self.commands.remove_police_contact(row)
