"""The agenda of a planned meeting, by section: propose it, reorder, remove, add by hand.

Keyboard: Ctrl+Up / Ctrl+Down move the chosen item within its section, Delete removes it (and
puts a removed one back); Enter in the 'Vrij punt' field adds a free item. New items from a
re-proposal are marked 'Nieuw'; removed items stay visible, struck through, so they can return.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zvkd_desktop.domain.vocabulary import AgendaSection, MeetingStatus
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services import case_views
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.meetings import (
    AgendaItemView,
    DecisionKind,
    MeetingView,
    add_case_item,
    add_text_item,
    get_meeting,
    move_item,
    propose_agenda,
    propose_category_change,
    remove_item,
    restore_item,
)
from zvkd_desktop.ui.meetings.case_dialog import CaseItemDialog
from zvkd_desktop.ui.meetings.common import label
from zvkd_desktop.ui.widgets import InlineMessage, busy_cursor

__all__ = ["ITEM_ID_ROLE", "AgendaEditor"]

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
WHY_COLUMN = 2
T = TypeVar("T")


class _WrappingDelegate(QStyledItemDelegate):
    """Wraps the reasons column instead of cutting it off: its rows grow to the text.

    QTreeView asks the delegate for a size without a width, so the width of the column is put in
    here; after the column changes width the rows are laid out again (``AgendaEditor``).
    """

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:  # fmt: skip
        if index.column() != WHY_COLUMN:
            return super().sizeHint(option, index)
        wrapped = QStyleOptionViewItem(option)
        self.initStyleOption(wrapped, index)
        wrapped.rect = QRect(0, 0, self.tree.columnWidth(WHY_COLUMN), 1)
        wrapped.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        return self.tree.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, wrapped,
                                                  QSize(), self.tree)  # fmt: skip


class AgendaEditor(QWidget):
    saved = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting: MeetingView | None = None
        self.case_dialog: CaseItemDialog | None = None

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("agenda_tree")
        self.tree.setAccessibleName(self.tr("Agenda"))
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("Nr."), self.tr("Jongere"), self.tr("Waarom op de agenda"),
                                   self.tr("Coach"), self.tr("Status")])  # fmt: skip
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(_WrappingDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents)):  # fmt: skip
            header.setSectionResizeMode(column, mode)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.tree.doItemsLayout)
        header.sectionResized.connect(lambda column, *_: column == WHY_COLUMN and self._relayout.start())

        self.propose_button = QPushButton(self.tr("Agenda opnieuw voor&stellen"), self)
        self.propose_button.setToolTip(self.tr(
            "Vul de agenda aan met wat de signalen op de dag van het overleg voorstellen. Wat u "
            "met de hand heeft veranderd, blijft staan."))  # fmt: skip
        self.up_button = QPushButton(self.tr("Omhoog"), self)
        self.up_button.setToolTip(self.tr("Punt omhoog binnen het onderdeel (Ctrl+Omhoog)"))
        self.down_button = QPushButton(self.tr("Omlaag"), self)
        self.down_button.setToolTip(self.tr("Punt omlaag binnen het onderdeel (Ctrl+Omlaag)"))
        self.remove_button = QPushButton(self.tr("Van de agenda halen"), self)
        self.remove_button.setToolTip(self.tr("Punt van de agenda halen of terugzetten (Delete)"))
        self.add_case_button = QPushButton(self.tr("&Casus toevoegen…"), self)
        self.category_button = QPushButton(self.tr("Categorie&wijziging voorstellen…"), self)
        self.free_edit = QLineEdit(self)
        self.free_edit.setAccessibleName(self.tr("Vrij agendapunt"))
        self.free_edit.setPlaceholderText(self.tr("Bijvoorbeeld: mededelingen, rondvraag"))
        self.free_edit.setMaxLength(500)
        free_label = QLabel(self.tr("Vr&ij punt:"), self)
        free_label.setBuddy(self.free_edit)
        self.free_button = QPushButton(self.tr("Toevoegen"), self)
        self.message = InlineMessage(self)

        editing = QHBoxLayout()
        for button in (self.propose_button, self.up_button, self.down_button, self.remove_button):
            editing.addWidget(button)
        editing.addStretch(1)
        adding = QHBoxLayout()
        adding.addWidget(self.add_case_button)
        adding.addWidget(self.category_button)
        adding.addSpacing(self.fontMetrics().horizontalAdvance("xx"))
        adding.addWidget(free_label)
        adding.addWidget(self.free_edit, 1)
        adding.addWidget(self.free_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(editing)
        layout.addWidget(self.tree, 1)
        layout.addLayout(adding)
        layout.addWidget(self.message)

        self.propose_button.clicked.connect(self.propose)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.remove_button.clicked.connect(self.toggle_removed)
        self.add_case_button.clicked.connect(lambda: self.ask_case(category_change=False))
        self.category_button.clicked.connect(lambda: self.ask_case(category_change=True))
        self.free_button.clicked.connect(self.add_free_item)
        self.free_edit.returnPressed.connect(self.add_free_item)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        for keys, slot in ((QKeySequence("Ctrl+Up"), lambda: self.move(-1)),
                           (QKeySequence("Ctrl+Down"), lambda: self.move(1)),
                           (QKeySequence(QKeySequence.StandardKey.Delete), self.toggle_removed)):  # fmt: skip
            shortcut = QShortcut(keys, self.tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self._update_buttons()

    # -- showing ---------------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        return self.meeting is not None and self.meeting.status == MeetingStatus.PLANNED

    def set_meeting(self, meeting: MeetingView | None, select: uuid.UUID | None = None) -> None:
        select = select or self.current_item_id()
        self.meeting = meeting
        self.tree.clear()
        if meeting is None:
            self._update_buttons()
            return
        numbers = {item.id: number for number, item in meeting.agenda}
        bold = QFont(self.font())
        bold.setBold(True)
        struck = QFont(self.font())
        struck.setStrikeOut(True)
        grey = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        chosen: QTreeWidgetItem | None = None
        for section in AgendaSection:
            items = [item for item in meeting.items if item.section is section]
            head = QTreeWidgetItem(self.tree, [f"{label(section)} ({sum(not i.removed for i in items)})"])
            head.setFirstColumnSpanned(True)
            head.setFont(0, bold)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for item in items:
                row = QTreeWidgetItem(head, [str(numbers.get(item.id, "")), _who(item),
                                             _why(item), item.coach_name or "", self._status(item)])  # fmt: skip
                row.setData(0, ITEM_ID_ROLE, item.id)
                for column in range(5):
                    row.setTextAlignment(column, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                row.setToolTip(2, _why(item))
                if item.removed:
                    for column in range(5):
                        row.setFont(column, struck)
                        row.setForeground(column, grey)
                elif item.is_new:
                    row.setFont(4, bold)
                if item.id == select:
                    chosen = row
        self.tree.expandAll()
        self._relayout.start()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self.propose_button.setText(self.tr("Agenda opnieuw voor&stellen") if meeting.items
                                    else self.tr("Agenda voor&stellen"))  # fmt: skip
        self._update_buttons()

    def _status(self, item: AgendaItemView) -> str:
        if item.removed:
            return self.tr("Van de agenda")
        if item.outcome is not None:
            return (self.tr("Besproken") if item.outcome.kind is DecisionKind.NOTE
                    else self.tr("Besloten"))  # fmt: skip
        if item.refusals:
            return self.tr("Niet uitgevoerd")
        if item.is_new:
            return self.tr("Nieuw")
        return self.tr("Met de hand") if item.added_by_hand else ""

    def current_item_id(self) -> uuid.UUID | None:
        row = self.tree.currentItem()
        value = row.data(0, ITEM_ID_ROLE) if row is not None else None
        return value if isinstance(value, uuid.UUID) else None

    def item_rows(self) -> list[QTreeWidgetItem]:
        """Every item's row, in agenda order (section headers left out)."""
        rows = []
        for index in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(index)
            rows.extend(head.child(child) for child in range(head.childCount()))
        return rows

    def select_item(self, item_id: uuid.UUID) -> None:
        for row in self.item_rows():
            if row.data(0, ITEM_ID_ROLE) == item_id:
                self.tree.setCurrentItem(row)
                return

    def _update_buttons(self) -> None:
        editable = self.editable
        item_id = self.current_item_id()
        for widget in (self.propose_button, self.add_case_button, self.category_button,
                       self.free_edit, self.free_button):  # fmt: skip
            widget.setEnabled(editable)
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setEnabled(editable and item_id is not None)
        removed = (self.meeting is not None and item_id is not None
                   and self.meeting.item(item_id).removed)  # fmt: skip
        self.remove_button.setText(self.tr("Terugzetten") if removed
                                   else self.tr("Van de agenda halen"))  # fmt: skip

    # -- changing --------------------------------------------------------------------------

    def _attempt(self, work: Callable[[], T]) -> T | None:
        try:
            with busy_cursor():
                result = work()
        except KnownError as error:
            self.message.show_warning(error.message)
            return None
        self.message.clear()
        self.saved.emit()
        return result

    def reload(self, select: uuid.UUID | None = None) -> None:
        if self.meeting is not None:
            self.set_meeting(get_meeting(self.ctx, self.meeting.id), select)

    def propose(self) -> None:
        if self.meeting is None:
            return
        meeting_id = self.meeting.id
        result = self._attempt(lambda: propose_agenda(self.ctx, meeting_id))
        if result is None:
            return
        self.reload()
        if result.added or result.dropped:
            self.message.show_info(self.tr(
                "{added} nieuw(e) punt(en), {dropped} vervallen. Nieuwe punten staan gemarkeerd "
                "als 'Nieuw'.").format(added=len(result.added), dropped=len(result.dropped)))  # fmt: skip
        else:
            self.message.show_info(self.tr("De signalen stellen niets nieuws voor."))

    def move(self, steps: int) -> None:
        item_id = self.current_item_id()
        if item_id is None or not self.editable:
            return
        if self._attempt(lambda: move_item(self.ctx, item_id, steps)) is not None:
            self.reload(item_id)

    def toggle_removed(self) -> None:
        item_id = self.current_item_id()
        if item_id is None or self.meeting is None or not self.editable:
            return
        work: Any = restore_item if self.meeting.item(item_id).removed else remove_item
        if self._attempt(lambda: work(self.ctx, item_id) or True) is not None:
            self.reload(item_id)

    def add_free_item(self) -> None:
        if self.meeting is None or not self.free_edit.text().strip():
            return
        meeting_id, text = self.meeting.id, self.free_edit.text()
        item_id = self._attempt(lambda: add_text_item(self.ctx, meeting_id, text))
        if item_id is not None:
            self.free_edit.clear()
            self.reload(item_id)

    def ask_case(self, *, category_change: bool) -> None:
        """Open the case chooser (non-modal, so the tests drive it as a person does)."""
        if self.meeting is None:
            return
        rows = case_views.list_cases(self.ctx)
        self.case_dialog = CaseItemDialog(rows, category_change=category_change, parent=self)
        self.case_dialog.accepted.connect(self._case_chosen)
        self.case_dialog.open()

    def _case_chosen(self) -> None:
        dialog, meeting = self.case_dialog, self.meeting
        if dialog is None or meeting is None:
            return
        case_id, text = dialog.case_id(), dialog.text()
        assert case_id is not None
        if dialog.category_change:
            item_id = self._attempt(lambda: propose_category_change(self.ctx, meeting.id, case_id, text))
        else:
            item_id = self._attempt(lambda: add_case_item(self.ctx, meeting.id, case_id, text or None))
        dialog.deleteLater()
        self.case_dialog = None
        if item_id is not None:
            self.reload(item_id)


def _who(item: AgendaItemView) -> str:
    return "" if item.subject == "text" else item.youth_name


def _why(item: AgendaItemView) -> str:
    return item.agenda_text
