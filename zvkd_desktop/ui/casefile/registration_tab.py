"""Aanmelding: the registration that led to this case, its four criteria with their notes, the
decision, and the youth's other cases (a re-registration links to the earlier one)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QStyle, QVBoxLayout, QWidget

from zvkd_desktop.domain.criteria import MAX_AGE_EXCLUSIVE, MIN_AGE, Criterion
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.case_views import get_case, list_cases
from zvkd_desktop.services.registration_views import RegistrationDetail, get_registration
from zvkd_desktop.ui.casefile.commands import CaseCommands
from zvkd_desktop.ui.casefile.tab import (
    CaseSnapshot,
    CaseTab,
    add_item,
    button_row,
    list_view,
    selected_data,
)
from zvkd_desktop.ui.casefile.texts import t
from zvkd_desktop.ui.dialogs.fields import date_text, vocab
from zvkd_desktop.ui.sections import AppContext

__all__ = ["RegistrationTab"]


def _criteria(reg: RegistrationDetail) -> list[tuple[Criterion, bool, str]]:
    """(criterion, met, note) in the fixed order; met from the assessment when it can be made."""
    concerns = []
    if reg.police_contacts:
        concerns.append(t("politiecontacten"))
    if reg.serious_concerns:
        concerns.append(t("ernstige zorgen van partners"))
    stored = {
        Criterion.AGE: (
            None,
            t("{age} jaar bij aanmelding").format(age=reg.age_at_registration)
            + (f" — {reg.age_note}" if reg.age_note else ""),
        ),
        Criterion.POLICE_OR_CONCERNS: (
            reg.police_contacts or reg.serious_concerns,
            ", ".join(concerns)
            + (f" — {reg.police_or_concerns_note}" if reg.police_or_concerns_note else ""),
        ),
        Criterion.MULTIPLE_DOMAINS: (reg.multiple_domains, reg.multiple_domains_note or ""),
        Criterion.CROSS_CHAIN: (reg.cross_chain, reg.cross_chain_note or ""),
    }
    rows = []
    for criterion in Criterion:
        met, note = stored[criterion]
        if reg.assessment is not None:
            met = reg.assessment.met.get(criterion, False)
        elif met is None:  # erased date of birth: the stored age still decides
            met = MIN_AGE <= reg.age_at_registration < MAX_AGE_EXCLUSIVE
        rows.append((criterion, bool(met), note.strip(" —")))
    return rows


class RegistrationTab(CaseTab):
    def __init__(
        self, context: AppContext, commands: CaseCommands, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, commands, parent)
        reg_box = QGroupBox(t("Aanmelding"), self)
        form = QFormLayout(reg_box)
        self.values: dict[str, QLabel] = {}
        for key, label in (
            ("registered", t("Aangemeld op:")),
            ("registrant", t("Aanmelder:")),
            ("again", t("Opnieuw aangemeld:")),
            ("decision", t("Besluit:")),
            ("reason", t("Motivering:")),
            ("follow_up", t("Vervolgafspraak:")),
            ("admission", t("Opname:")),
        ):
            value = QLabel(reg_box)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label.rstrip(":"))
            form.addRow(label, value)
            self.values[key] = value

        criteria_box = QGroupBox(t("Aanmeldcriteria"), self)
        self.criteria = list_view(
            criteria_box, [t("Criterium"), t("Oordeel"), t("Toelichting")], t("Aanmeldcriteria")
        )
        self.criteria.setSelectionMode(self.criteria.SelectionMode.NoSelection)
        self.criteria.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.criteria_summary = QLabel(criteria_box)
        self.criteria_summary.setWordWrap(True)
        criteria_layout = QVBoxLayout(criteria_box)
        criteria_layout.addWidget(self.criteria)
        criteria_layout.addWidget(self.criteria_summary)

        cases_box = QGroupBox(t("Andere casussen van deze jongere"), self)
        self.cases = list_view(
            cases_box,
            [t("Opgenomen"), t("Afgesloten"), t("Reden"), t("Relatie")],
            t("Andere casussen"),
        )
        self.cases.itemActivated.connect(lambda *_: self.open_case())
        self.cases.itemDoubleClicked.connect(lambda *_: self.open_case())
        buttons, (self.open_button,) = button_row(cases_box, (t("&Dossier openen"), self.open_case))
        self.cases.currentItemChanged.connect(
            lambda *_: self.open_button.setEnabled(selected_data(self.cases) is not None)
        )
        cases_layout = QVBoxLayout(cases_box)
        cases_layout.addWidget(self.cases)
        cases_layout.addLayout(buttons)
        self.open_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(reg_box)
        layout.addWidget(criteria_box)
        layout.addWidget(cases_box, 1)

    def load(self, snapshot: CaseSnapshot) -> None:
        super().load(snapshot)
        case = snapshot.case
        reg = get_registration(self.context.services, case.registration_id)
        contact = f" ({reg.registrant_contact})" if reg.registrant_contact else ""
        self.values["registered"].setText(date_text(reg.registered_on))
        self.values["registrant"].setText(reg.registrant_name + contact)
        self.values["again"].setText(
            t("ja, na een eerdere casus") if reg.is_reregistration else t("nee")
        )
        decided = t("{decision} op {date}").format(
            decision=vocab(reg.decision), date=date_text(reg.decided_on)
        )
        self.values["decision"].setText(decided)
        self.values["reason"].setText(reg.decision_reason or "—")
        self.values["follow_up"].setText(reg.follow_up or "—")
        first_category = (
            case.category_periods[0].category if case.category_periods else case.category
        )
        self.values["admission"].setText(
            t("opgenomen op {date} in de categorie {category}").format(
                date=date_text(case.admitted_on), category=vocab(first_category)
            )
        )

        self.criteria.clear()
        yes = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        no = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        failing = []
        for criterion, met, note in _criteria(reg):
            item = add_item(
                self.criteria,
                [vocab(criterion), t("Voldaan") if met else t("Niet voldaan"), note or "—"],
                criterion,
            )
            item.setIcon(1, yes if met else no)
            if not met:
                failing.append(vocab(criterion))
        rows = self.criteria.topLevelItemCount()
        height = sum(
            self.criteria.visualItemRect(self.criteria.topLevelItem(i)).height()
            or self.criteria.sizeHintForRow(0)
            for i in range(rows)
        )
        self.criteria.setFixedHeight(
            height + self.criteria.header().sizeHint().height() + 2 * self.criteria.frameWidth() + 4
        )
        if failing:
            self.criteria_summary.setText(
                t(
                    "Niet voldaan: {names}. Het kernteam besloot toch tot opname (zie motivering)."
                ).format(names=", ".join(failing))
            )
        else:
            self.criteria_summary.setText(t("Aan alle vier de criteria was voldaan."))
        self._load_cases(snapshot, reg.previous_case_id)

    def _load_cases(self, snapshot: CaseSnapshot, previous_id: uuid.UUID | None) -> None:
        case = snapshot.case
        self.cases.clear()
        others = [
            c
            for c in list_cases(self.context.services, running_only=False, youth_id=case.youth_id)
            if c.id != case.id
        ]
        shown = {c.id for c in others}
        rows = [(c.id, c.admitted_on, c.closed_on, c.closure_reason) for c in others]
        if previous_id is not None and previous_id not in shown:
            try:  # an earlier record of the same person, possibly erased
                previous = get_case(self.context.services, previous_id)
                rows.append(
                    (previous.id, previous.admitted_on, previous.closed_on, previous.closure_reason)
                )
            except KnownError:
                pass
        for case_id, admitted, closed, reason in sorted(rows, key=lambda r: r[1], reverse=True):
            if case_id == previous_id:
                relation = t("eerdere casus (deze aanmelding is een heraanmelding)")
            elif admitted < case.admitted_on:
                relation = t("eerdere casus")
            else:
                relation = t("latere casus")
            add_item(
                self.cases,
                [
                    date_text(admitted),
                    date_text(closed, t("loopt nog")),
                    vocab(reason) if reason else "—",
                    relation,
                ],
                case_id,
            )
        if not rows:
            placeholder = add_item(self.cases, [t("Geen andere casussen."), "", "", ""], None)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
        self.open_button.setEnabled(False)

    def open_case(self) -> None:
        case_id = selected_data(self.cases)
        if isinstance(case_id, uuid.UUID):
            self.context.open_case(case_id, "registration")
