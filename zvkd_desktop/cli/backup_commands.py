"""Backup sub-commands: ``zvkd backup``, ``zvkd backup list`` and ``zvkd restore``.

``restore`` shows what it would bring back (date, generation, counts) and asks before it replaces
anything, unless ``--yes``; the replaced store file is kept as a backup either way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from zvkd_desktop.cli.common import add_store_arguments, emit, open_store, read_password, store_path
from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.errors import KnownError
from zvkd_desktop.services.backup_restore import (
    BackupPreview,
    preview_backup,
    restore,
    shown_counts,
)
from zvkd_desktop.services.backups import backup_now, list_backups_in
from zvkd_desktop.services.context import ServiceContext, system_today
from zvkd_desktop.store.backup_files import BackupFile, BackupKind, read_head

KIND_LABELS = {
    BackupKind.BACKUP: "back-up",
    BackupKind.REPLACED: "vervangen bij terugzetten",
    BackupKind.OTHER: "los bestand",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = sub.add_parser(
        "backup",
        help="maak een versleutelde back-up (of 'backup list --dir MAP': toon de back-ups)",
    )
    add_store_arguments(backup, json_output=True)
    backup.add_argument(
        "--to", type=Path, default=None, help="map voor de back-up (standaard: de gekozen map)"
    )
    backup.add_argument(
        "--keep", type=int, default=None, help="bewaar zoveel back-ups (standaard: de instelling)"
    )
    backup.set_defaults(handler=cmd_backup)
    inner = backup.add_subparsers(dest="backup_command", metavar="list")
    listing = inner.add_parser("list", help="toon de back-ups in een map (geen wachtwoord nodig)")
    listing.add_argument("--dir", type=Path, required=True, help="de map met back-ups")
    listing.add_argument("--json", action="store_true", help="uitvoer als JSON")
    listing.set_defaults(handler=cmd_list)

    back = sub.add_parser(
        "restore", help="zet een back-up terug (toont eerst datum, versie en aantallen)"
    )
    add_store_arguments(back)
    back.add_argument("backup_file", type=Path, metavar="BACKUPBESTAND")
    back.add_argument("--yes", action="store_true", help="niet vragen, meteen terugzetten")
    back.add_argument(
        "--allow-other-store",
        action="store_true",
        help="ook een back-up van een ander gegevensbestand terugzetten",
    )
    back.set_defaults(handler=cmd_restore)


def _when(moment: dt.datetime) -> str:
    return f"{format_nl(moment.date())} {moment:%H:%M}"


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, size // 1000)} kB"


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _as_json(info: BackupFile) -> dict[str, object]:
    return {
        "file": str(info.path),
        "made_at": info.made_at.isoformat(),
        "generation": info.generation,
        "size": info.size,
        "kind": info.kind.value,
        "store_id": info.store_id,
    }


def cmd_backup(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        info = backup_now(
            ServiceContext(store, today=system_today), _now(), folder=args.to, keep=args.keep
        )
    finally:
        store.close()
    emit(
        args,
        _as_json(info),
        f"Back-up gemaakt: {info.path}\n"
        f"Versie {info.generation}, {_size(info.size)}, versleuteld zoals het gegevensbestand.",
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    found = list_backups_in(args.dir)
    lines = [f"Back-ups in {args.dir}:"] if found else [f"Geen back-ups gevonden in {args.dir}."]
    for info in found:
        lines.append(
            f"  {_when(info.made_at):<17} versie {info.generation:>6}  {_size(info.size):>9}  "
            f"{info.path.name}  ({KIND_LABELS[info.kind]}, bestand {info.store_id[:8]})"
        )
    emit(args, [_as_json(info) for info in found], "\n".join(lines))
    return 0


def preview_text(preview: BackupPreview) -> str:
    counts = [
        f"  {label:<30} {preview.counts.get(name, 0):>7}"
        for name, label in shown_counts(preview.counts)
    ]
    return "\n".join(
        [
            f"Back-up:   {preview.path.name}",
            f"Gemaakt:   {_when(preview.made_at)}",
            f"Versie:    {preview.generation}",
            "Aantallen in de back-up:",
            *counts,
        ]
    )


def _confirmed() -> bool:
    prompt = "Alle huidige gegevens vervangen door die van deze back-up? Typ 'ja': "
    if sys.stdin.isatty():
        answer = input(prompt)
    else:
        print(prompt, file=sys.stderr)
        answer = sys.stdin.readline()
    return answer.strip().lower() == "ja"


def cmd_restore(args: argparse.Namespace) -> int:
    path = store_path(args)
    password = read_password(args)
    preview = preview_backup(args.backup_file, password=password, username=args.user)
    print(preview_text(preview))
    try:
        other = read_head(path).store_id != preview.store_id
    except KnownError:
        other = False  # damaged or gone: restore() says what it can and cannot check
    if other and not args.allow_other_store:
        raise KnownError(
            "Deze back-up hoort bij een ander gegevensbestand; er is niets teruggezet. Kies een "
            "back-up van dit bestand, of gebruik --allow-other-store als u dit echt wilt.",
            code="other_store",
        )
    if not args.yes and not _confirmed():
        print("Er is niets teruggezet.", file=sys.stderr)
        return 1
    result = restore(
        path,
        preview.path,
        password=password,
        now=_now(),
        username=args.user,
        allow_other_store=args.allow_other_store,
    )
    kept = f"\nHet vervangen bestand is bewaard als: {result.kept}" if result.kept else ""
    print(f"Teruggezet in {result.store_path} (nu versie {result.generation}).{kept}")
    return 0
