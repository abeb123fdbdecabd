"""What the backup screens share: the clock they are given, and how a backup is described."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.services.backups import BackupKind

Now = Callable[[], dt.datetime]


def system_now() -> dt.datetime:
    """The real time, to the second: the one place the backup screens read the clock (tests
    pass a fixed one instead)."""
    return dt.datetime.now().replace(microsecond=0)


def when(moment: dt.datetime) -> str:
    """``15-01-2024 12:30``: the Dutch date notation and the time of day."""
    return f"{format_nl(moment.date())} {moment:%H:%M}"


def size_text(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def kind_label(kind: BackupKind) -> str:
    labels = {
        BackupKind.BACKUP: QCoreApplication.translate("Backups", "Back-up"),
        BackupKind.REPLACED: QCoreApplication.translate("Backups", "Vervangen bij terugzetten"),
        BackupKind.OTHER: QCoreApplication.translate("Backups", "Los bestand"),
    }
    return labels[kind]
