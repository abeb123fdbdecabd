"""Render the 'Beheer' tabs and their dialogs to PNG (a visual check, and for the README).

Only reads the store: dialogs are shown filled in but never confirmed, the erasure preview is a
read, and the "after erasure" picture is drawn from the preview's own counts without erasing. The
refusal page borrows the open store's user with another role for a moment and puts it back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.services.exchange import (
    ExchangeInvalidError,
    ImportReport,
    Problem,
    export_exchange,
)
from zvkd_desktop.services.exchange.spec import all_collections
from zvkd_desktop.services.privacy import ErasedYouth, ErasurePreviewRow, ErasureReport
from zvkd_desktop.ui.admin.exchange_dialogs import (
    ExportDialog,
    cancellable_progress,
    password_dialog,
)
from zvkd_desktop.ui.admin.inzage_tab import NAME_ROLE
from zvkd_desktop.ui.admin.page import AdminPage
from zvkd_desktop.ui.admin.prompts import (
    ErasureConfirmDialog,
    Prompts,
    confirm_box,
    documents_folder,
    export_warning,
    inzage_warning,
)
from zvkd_desktop.ui.admin.user_dialogs import AddUserDialog, NewPasswordDialog
from zvkd_desktop.ui.admin.work import progress_dialog
from zvkd_desktop.ui.registrations.fields import find_data
from zvkd_desktop.ui.sections import AppContext
from zvkd_desktop.ui.signals.shots import PAGE_SIZE, grab

__all__ = ["render_screenshots"]


def _close(widget: QWidget) -> None:
    widget.close()
    widget.deleteLater()


def render_screenshots(context: AppContext, outdir: Path) -> list[Path]:
    outdir = Path(outdir)
    paths: list[Path] = []
    page = AdminPage(context, prompts=Prompts())
    page.resize(*PAGE_SIZE)

    # -- Gebruikers
    users_tab = page.users_tab
    page.tabs.setCurrentWidget(users_tab)
    others = [row for row in users_tab.model.rows if row.id != context.store.user.id]
    if others:
        users_tab.select(others[0].id)
    paths.append(grab(page, outdir / "admin-users.png"))
    add = AddUserDialog(context, page)
    add.username_edit.setText("f.elamrani")
    add.name_edit.setText("Fatima el Amrani")
    if add.link_combo.count() > 1:
        add.link_combo.setCurrentIndex(1)
    add.password_edit.setText("Koffie met 7 koekjes")
    add.repeat_edit.setText("Koffie met 7")
    paths.append(grab(add, outdir / "admin-add-user.png"))
    _close(add)
    if others:
        reset = NewPasswordDialog(context, others[0], page)
        paths.append(grab(reset, outdir / "admin-reset-password.png"))
        _close(reset)
        enable = NewPasswordDialog(context, others[0], page, enable=True)
        enable.password_edit.setText("Fietsen langs de Schie 12")
        enable.repeat_edit.setText("Fietsen langs de Schie 12")
        paths.append(grab(enable, outdir / "admin-enable-user.png"))
        _close(enable)
        box = confirm_box(page, page.tr("Gebruiker uitschakelen"),
                          users_tab.disable_question(others[0]), page.tr("&Uitschakelen"))  # fmt: skip
        paths.append(grab(box, outdir / "admin-disable-confirm.png"))
        _close(box)

    # -- Auditlog
    audit = page.audit_tab
    page.tabs.setCurrentWidget(audit)
    audit.reload()
    audit.verify()
    if audit.model.rowCount() > 7:
        audit.view.selectRow(7)
    paths.append(grab(page, outdir / "admin-audit.png"))
    update_index = find_data(audit.action_combo, "update")
    if update_index >= 0:
        audit.action_combo.setCurrentIndex(update_index)
        audit.apply_filter()
        paths.append(grab(page, outdir / "admin-audit-filtered.png"))
        audit.clear_filter()
    warning = export_warning(page, len(audit.rows))
    paths.append(grab(warning, outdir / "admin-export-warning.png"))
    _close(warning)

    # -- Wissen
    erasure = page.erasure_tab
    page.tabs.setCurrentWidget(erasure)
    paths.append(grab(page, outdir / "admin-erasure.png"))
    erasure.check_now()
    paths.append(grab(page, outdir / "admin-erasure-preview.png"))
    preview = list(erasure.preview)
    if preview:
        confirm = ErasureConfirmDialog(preview, page)
        paths.append(grab(confirm, outdir / "admin-erasure-confirm.png"))
        _close(confirm)
        report = _report_from(preview, context)
        erasure.show_preview([])
        erasure.show_report(report)
        paths.append(grab(page, outdir / "admin-erasure-done.png"))
    progress = progress_dialog(page, page.tr("Persoonsgegevens wissen…"))
    paths.append(grab(progress, outdir / "admin-progress.png"))
    _close(progress)

    # -- Inzage
    inzage = page.inzage_tab
    page.tabs.setCurrentWidget(inzage)
    paths.append(grab(page, outdir / "admin-inzage-empty.png"))
    inzage.search_edit.setText("de")
    inzage.search()
    if inzage.youth_list.count():
        inzage.youth_list.setCurrentRow(min(2, inzage.youth_list.count() - 1))
    inzage.set_folder(documents_folder() / "Inzageverzoeken")
    paths.append(grab(page, outdir / "admin-inzage.png"))
    item = inzage.youth_list.currentItem()
    leaving = inzage_warning(page, item.data(NAME_ROLE) if item is not None else "de jongere")
    paths.append(grab(leaving, outdir / "admin-inzage-warning.png"))
    _close(leaving)

    # -- Uitwisseling
    paths += _exchange_shots(page, context, outdir)
    _close(page)

    # -- someone else
    store = context.store
    user = store.user
    store.user = dataclasses.replace(user, role=UserRole.COACH)
    try:
        refused = AdminPage(context)
    finally:
        store.user = user
    refused.resize(*PAGE_SIZE)
    paths.append(grab(refused, outdir / "admin-refused.png"))
    _close(refused)
    return paths


def _report_from(preview: Sequence[ErasurePreviewRow], context: AppContext) -> ErasureReport:
    """What the erasure report would say, from the preview's counts (nothing is erased)."""
    totals: dict[str, int] = {}
    youths = []
    for row in preview:
        counts = {item.key: item.count for item in row.items}
        youths.append(ErasedYouth(row.youth_id, counts))
        for key, number in counts.items():
            totals[key] = totals.get(key, 0) + number
    return ErasureReport(
        on=context.today(),
        youths=tuple(youths),
        audit_entries=totals.get("audit_values", 0),
        totals=totals,
    )


def _exchange_shots(page: AdminPage, context: AppContext, outdir: Path) -> list[Path]:
    """The tab, the warning (both choices), the progress, a refusal and an import report — all
    drawn from reads: the refusal and the report are shown, never produced by an import."""
    paths: list[Path] = []
    tab = page.exchange_tab
    page.tabs.setCurrentWidget(tab)
    paths.append(grab(page, outdir / "admin-exchange.png"))
    dialog = ExportDialog(page)
    dialog.password_edit.setText("lange winteravond 42")
    dialog.repeat_edit.setText("lange winteravond")
    paths.append(grab(dialog, outdir / "admin-exchange-export.png"))
    dialog.plain_radio.setChecked(True)
    paths.append(grab(dialog, outdir / "admin-exchange-export-plain.png"))
    _close(dialog)
    progress = cancellable_progress(page, page.tr("Gegevens exporteren…"))
    paths.append(grab(progress, outdir / "admin-exchange-progress.png"))
    _close(progress)
    asking = password_dialog(page, "pad-export-2024-03-18.zvkdx")
    paths.append(grab(asking, outdir / "admin-exchange-password.png"))
    _close(asking)
    tab.show_refusal(ExchangeInvalidError([
        Problem("", "onbekend veld 'youngsters' op het hoogste niveau"),
        Problem("youths[12].date_of_birth", "'31-02-2008' is geen bestaande datum"),
        Problem("cases[3].youth_id", "verwijst naar een jongere die niet in het bestand staat"),
        Problem("cases[3].closure_reason", "'klaar' is geen geldige waarde; toegestaan: "
                "goals_achieved, moved, other, ..."),
        Problem("registrations[40].registered_on", "verwacht een datum als tekst (jjjj-mm-dd), "
                "gevonden een geheel getal"),
    ]))  # fmt: skip
    paths.append(grab(page, outdir / "admin-exchange-refused.png"))
    document = export_exchange(context.services)
    counts = {c.path: _count(document, c.path.split(".")) for c in all_collections()}
    tab.show_report(
        ImportReport(counts, [Problem("youths[3].nickname", "onbekend veld; genegeerd")])
    )
    paths.append(grab(page, outdir / "admin-exchange-imported.png"))
    return paths


def _count(node: object, keys: list[str]) -> int:
    """Rows of a (nested) collection in an export document."""
    if isinstance(node, list):
        return sum(_count(item, keys) for item in node) if keys else len(node)
    if isinstance(node, dict) and keys:
        return _count(node.get(keys[0], []), keys[1:])
    return 0
