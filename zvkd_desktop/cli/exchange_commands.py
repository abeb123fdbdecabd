"""Exchange sub-commands: export and import of the whole store's PAD data.

A plaintext export is personal data leaving the encrypted store, so ``export`` says so on stderr
and asks for confirmation (``--yes`` skips the question, for scripts), and offers ``--encrypt``.
``import`` checks the whole file first; a refused file prints every problem, one per line, and
leaves the store unchanged (exit code 2, like every KnownError).

Only a coordinator exports, and every export is recorded in the audit log before the file is
written (``exchange.write_export``); so ``export`` opens the store for writing too.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from zvkd_desktop.cli.common import add_store_arguments, emit, open_store, store_path
from zvkd_desktop.cli.store_commands import check_new_password
from zvkd_desktop.errors import KnownError, WrongPasswordError
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.exchange import (
    ExchangeInvalidError,
    import_exchange,
    read_exchange_bytes,
    write_export,
)
from zvkd_desktop.store.kdf import KdfParams

PLAINTEXT_WARNING = (
    "Let op: het exportbestand is NIET versleuteld. Het bevat persoonsgegevens van jongeren "
    "(namen, adressen, politiecontacten, notities) die iedereen met het bestand kan lezen. "
    "Gebruik bij voorkeur --encrypt, bewaar het bestand niet langer dan nodig en mail het niet."
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="exporteer alle PAD-gegevens naar een uitwisselbestand")
    add_store_arguments(export, json_output=True)
    export.add_argument("--out", type=Path, required=True, help="het exportbestand (.json)")
    export.add_argument(
        "--encrypt", action="store_true", help="versleutel het bestand met een exportwachtwoord"
    )
    export.add_argument(
        "--export-password-file", type=Path, default=None, help="exportwachtwoord uit dit bestand"
    )
    export.add_argument(
        "--yes", action="store_true", help="niet vragen om bevestiging (onversleutelde export)"
    )
    export.add_argument("--fast-kdf", action="store_true", help=argparse.SUPPRESS)
    export.set_defaults(handler=cmd_export)

    imp = sub.add_parser("import", help="lees een uitwisselbestand in (alles of niets)")
    add_store_arguments(imp, json_output=True)
    imp.add_argument("file", type=Path, help="het exportbestand (.json of .zvkdx)")
    imp.add_argument(
        "--export-password-file", type=Path, default=None, help="exportwachtwoord uit dit bestand"
    )
    imp.set_defaults(handler=cmd_import)


def _export_password(args: argparse.Namespace, *, new: bool) -> str:
    if args.export_password_file is not None:
        try:
            return args.export_password_file.read_text("utf-8").splitlines()[0]
        except (OSError, IndexError) as exc:
            raise KnownError(
                "Het bestand met het exportwachtwoord is niet leesbaar of leeg.",
                code="password_file",
            ) from exc
    first = getpass.getpass("Exportwachtwoord: ")
    if new and getpass.getpass("Herhaal het exportwachtwoord: ") != first:
        raise KnownError("De twee wachtwoorden zijn niet gelijk.", code="password_mismatch")
    return first


def _confirmed() -> bool:
    print("Doorgaan met een onversleutelde export? [j/N] ", end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip().casefold()
    return answer in ("j", "ja", "y", "yes")


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.resolve() == store_path(args).resolve():
        raise KnownError(
            "Het exportbestand mag niet het opslagbestand zelf zijn. Kies een andere naam.",
            code="export_over_store",
        )
    store = open_store(args)
    try:
        password: str | None = None
        if args.encrypt:
            password = _export_password(args, new=True)
            check_new_password(password)
        else:
            print(PLAINTEXT_WARNING, file=sys.stderr)
            if not args.yes and not _confirmed():
                print("Export afgebroken; er is niets geschreven.", file=sys.stderr)
                return 1
        kdf = _test_kdf() if args.fast_kdf else None
        written = write_export(ServiceContext(store), out, password=password, kdf=kdf)
    finally:
        store.close()
    emit(
        args,
        {"file": str(written), "encrypted": password is not None},
        f"Geëxporteerd naar {written}" + (" (versleuteld)" if password else ""),
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        try:
            raw = read_exchange_bytes(args.file)
        except WrongPasswordError as locked:
            if locked.code != "export_password_required":
                raise
            raw = read_exchange_bytes(args.file, password=_export_password(args, new=False))
        report = import_exchange(ServiceContext(store), raw)
    except ExchangeInvalidError as refusal:
        if getattr(args, "json", False):
            emit(args, {"error": refusal.code, "problems": [str(p) for p in refusal.problems]}, "")
        for line in refusal.message.splitlines():
            print(line, file=sys.stderr)
        return 2
    finally:
        store.close()
    lines = [f"Ingelezen: {report.total} rijen."]
    lines += [f"  {name:<36} {count:>7}" for name, count in report.counts.items() if count]
    if report.warnings:
        lines.append(f"Waarschuwingen ({len(report.warnings)}):")
        lines += [f"  {warning}" for warning in report.warnings]
    emit(
        args,
        {
            "imported": report.counts,
            "total": report.total,
            "warnings": [str(w) for w in report.warnings],
        },
        "\n".join(lines),
    )
    return 0


def _test_kdf() -> KdfParams:
    from zvkd_desktop.store.kdf import TEST_KDF  # test suites only: never for real data

    return TEST_KDF
