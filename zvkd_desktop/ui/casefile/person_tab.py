"""Persoon en gezin: the youth's details, the guardians (involved "from minute one") and the
siblings, each with a way into their own case file."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.services.case_views import list_cases
from zvkd_desktop.services.family import GuardianRow, SiblingRow
from zvkd_desktop.ui.casefile.commands import CaseCommands
from zvkd_desktop.ui.casefile.tab import (
    CaseSnapshot,
    CaseTab,
    add_item,
    button_row,
    list_view,
    selected_data,
)
from zvkd_desktop.ui.casefile.texts import age_text, t
from zvkd_desktop.ui.dialogs.fields import date_text, vocab
from zvkd_desktop.ui.sections import AppContext

__all__ = ["PersonTab"]


def _value_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PersonTab(CaseTab):
    def __init__(
        self, context: AppContext, commands: CaseCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, commands, parent)
        youth_box = QGroupBox(t("Jongere"), self)
        form = QFormLayout(youth_box)
        self.values: dict[str, QLabel] = {}
        for key, label in (
            ("name", t("Naam:")),
            ("born", t("Geboren:")),
            ("gender", t("Geslacht:")),
            ("address", t("Adres:")),
            ("phone", t("Telefoon:")),
            ("hood", t("Wijk:")),
            ("notes", t("Notities:")),
        ):
            self.values[key] = _value_label(youth_box)
            self.values[key].setAccessibleName(label.rstrip(":"))
            form.addRow(label, self.values[key])
        self.edit_youth_button = QPushButton(t("Gegevens wijz&igen…"), youth_box)
        self.edit_youth_button.clicked.connect(lambda: self.commands.edit_youth())
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.edit_youth_button)
        edit_row.addStretch(1)
        form.addRow("", edit_row)

        guardian_box = QGroupBox(t("Ouders en verzorgers"), self)
        self.guardians = list_view(
            guardian_box,
            [t("Naam"), t("Relatie"), t("Telefoon"), t("E-mail"), t("Adres"), t("Notitie")],
            t("Ouders en verzorgers"),
        )
        self.guardians.itemActivated.connect(lambda *_: self.edit_guardian())
        self.guardians.itemDoubleClicked.connect(lambda *_: self.edit_guardian())
        (
            guardian_buttons,
            (self.add_guardian_button, self.edit_guardian_button, self.remove_guardian_button),
        ) = button_row(
            guardian_box,
            (t("Ouder of verzorger &toevoegen…"), self.commands.add_guardian),
            (t("Wij&zigen…"), self.edit_guardian),
            (t("V&erwijderen"), self.remove_guardian),
        )
        guardian_layout = QVBoxLayout(guardian_box)
        guardian_layout.addWidget(self.guardians)
        guardian_layout.addLayout(guardian_buttons)

        sibling_box = QGroupBox(t("Broers en zussen"), self)
        self.siblings = list_view(
            sibling_box, [t("Naam"), t("Geboren"), t("Casus")], t("Broers en zussen")
        )
        self.siblings.itemActivated.connect(lambda *_: self.open_sibling())
        self.siblings.itemDoubleClicked.connect(lambda *_: self.open_sibling())
        sibling_buttons, (self.open_sibling_button, self.link_button, self.unlink_button) = (
            button_row(
                sibling_box,
                (t("&Dossier openen"), self.open_sibling),
                (t("Broer of zus &koppelen…"), self.commands.link_sibling),
                (t("O&ntkoppelen"), self.unlink_sibling),
            )
        )
        sibling_layout = QVBoxLayout(sibling_box)
        sibling_layout.addWidget(self.siblings)
        sibling_layout.addLayout(sibling_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(youth_box)
        layout.addWidget(guardian_box, 1)
        layout.addWidget(sibling_box, 1)
        self.edit_widgets = [self.edit_youth_button, self.add_guardian_button,
                             self.edit_guardian_button, self.remove_guardian_button,
                             self.link_button, self.unlink_button]  # fmt: skip
        self.guardians.currentItemChanged.connect(self._selection_changed)
        self.siblings.currentItemChanged.connect(self._selection_changed)
        self._sibling_cases: dict[uuid.UUID, uuid.UUID] = {}
        self._selection_changed()

    def load(self, snapshot: CaseSnapshot) -> None:
        super().load(snapshot)
        youth = snapshot.youth
        born = date_text(youth.date_of_birth) if youth.date_of_birth else str(youth.birth_year)
        street = " ".join(p for p in (youth.street, youth.house_number) if p)
        place = " ".join(p for p in (youth.postcode, youth.city) if p)
        self.values["name"].setText(youth.display_name)
        self.values["born"].setText(f"{born} ({age_text(youth, snapshot.today)})")
        self.values["gender"].setText(youth.gender or "—")
        self.values["address"].setText(", ".join(p for p in (street, place) if p) or "—")
        self.values["phone"].setText(youth.phone or "—")
        self.values["hood"].setText(f"{vocab(youth.neighbourhood_name)} ({vocab(youth.area)})")
        self.values["notes"].setText(youth.notes or "—")
        self.guardians.clear()
        for guardian in youth.guardians:
            add_item(
                self.guardians,
                [
                    guardian.name or "—",
                    guardian.relation or "",
                    guardian.phone or "",
                    guardian.email or "",
                    guardian.address or "",
                    guardian.note or "",
                ],
                guardian,
            )
        self.siblings.clear()
        self._sibling_cases.clear()
        for sibling in youth.siblings:
            cases = list_cases(self.context.services, running_only=False, youth_id=sibling.id)
            if cases:
                self._sibling_cases[sibling.id] = cases[0].id
                latest = cases[0]
                state = (
                    t("lopend sinds {date}").format(date=date_text(latest.admitted_on))
                    if latest.closed_on is None
                    else t("afgesloten op {date}").format(date=date_text(latest.closed_on))
                )
            else:
                state = t("geen casus")
            born_sibling = date_text(sibling.date_of_birth) if sibling.date_of_birth else "—"
            add_item(self.siblings, [sibling.display_name, born_sibling, state], sibling)
        editable = not youth.erased
        for button in (self.edit_youth_button, self.add_guardian_button, self.link_button):
            button.setEnabled(editable)
        self._selection_changed()

    def _guardian(self) -> GuardianRow | None:
        data = selected_data(self.guardians)
        return data if isinstance(data, GuardianRow) else None

    def _sibling(self) -> SiblingRow | None:
        data = selected_data(self.siblings)
        return data if isinstance(data, SiblingRow) else None

    def _selection_changed(self, *_args: object) -> None:
        editable = self.snapshot is not None and not self.snapshot.youth.erased
        guardian = self._guardian() is not None
        self.edit_guardian_button.setEnabled(guardian and editable)
        self.remove_guardian_button.setEnabled(guardian and editable)
        sibling = self._sibling()
        self.open_sibling_button.setEnabled(
            sibling is not None and sibling.id in self._sibling_cases
        )
        self.unlink_button.setEnabled(sibling is not None)

    def edit_guardian(self) -> None:
        guardian = self._guardian()
        if guardian is not None:
            self.commands.edit_guardian(guardian)

    def remove_guardian(self) -> None:
        guardian = self._guardian()
        if guardian is not None:
            self.commands.remove_guardian(guardian)

    def open_sibling(self) -> None:
        sibling = self._sibling()
        if sibling is not None and sibling.id in self._sibling_cases:
            self.context.open_case(self._sibling_cases[sibling.id], "person")

    def unlink_sibling(self) -> None:
        sibling = self._sibling()
        if sibling is not None:
            self.commands.unlink_sibling(sibling)
