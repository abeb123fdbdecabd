"""Store sub-commands: init, verify (the file and the audit chain), passwd, recover."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from zvkd_desktop.cli.common import add_store_arguments, emit, open_store, read_password, store_path
from zvkd_desktop.errors import KnownError
from zvkd_desktop.store.audit_chain import ChainStatus
from zvkd_desktop.store.envelope import FORMAT_VERSION
from zvkd_desktop.store.kdf import KdfParams, calibrate
from zvkd_desktop.store.store import Store

MIN_PASSWORD = 10


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = sub.add_parser("init", help="maak een nieuw versleuteld bestand")
    add_store_arguments(init, json_output=True)
    init.add_argument("--name", default=None, help="weergavenaam van de eerste gebruiker")
    init.add_argument("--fast-kdf", action="store_true", help=argparse.SUPPRESS)
    init.set_defaults(handler=cmd_init)

    verify = sub.add_parser("verify", help="controleer het bestand en toon de tellingen")
    add_store_arguments(verify, json_output=True)
    verify.set_defaults(handler=cmd_verify)

    passwd = sub.add_parser("passwd", help="wijzig uw wachtwoord")
    add_store_arguments(passwd)
    passwd.add_argument("--new-password-file", default=None, help="nieuw wachtwoord uit bestand")
    passwd.set_defaults(handler=cmd_passwd)

    recover = sub.add_parser(
        "recover", help="open met de herstelsleutel en kies een nieuw wachtwoord"
    )
    add_store_arguments(recover)
    recover.add_argument("--recovery-file", default=None, help="herstelsleutel uit bestand")
    recover.add_argument("--new-password-file", default=None, help="nieuw wachtwoord uit bestand")
    recover.set_defaults(handler=cmd_recover)


def kdf_for(args: argparse.Namespace) -> KdfParams:
    if getattr(args, "fast_kdf", False):  # test suites only: never for real data
        from zvkd_desktop.store.kdf import TEST_KDF

        return TEST_KDF
    return calibrate()


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise KnownError(
            f"Kies een wachtwoord van minstens {MIN_PASSWORD} tekens.", code="weak_password"
        )


def new_password(path_arg: str | None) -> str:
    """A new password: the first line of ``path_arg``, or typed twice."""
    if path_arg:
        try:
            return Path(path_arg).read_text("utf-8").splitlines()[0]
        except (OSError, IndexError) as exc:
            raise KnownError(
                "Het bestand met het nieuwe wachtwoord is niet leesbaar of leeg.",
                code="password_file",
            ) from exc
    first = getpass.getpass("Nieuw wachtwoord: ")
    if getpass.getpass("Herhaal het nieuwe wachtwoord: ") != first:
        raise KnownError("De twee wachtwoorden zijn niet gelijk.", code="password_mismatch")
    return first


def cmd_init(args: argparse.Namespace) -> int:
    password = read_password(args, "Kies een wachtwoord: ")
    check_new_password(password)
    username = args.user or "coordinator"
    store, recovery = Store.create(
        store_path(args),
        password,
        username=username,
        display_name=args.name or username,
        kdf=kdf_for(args),
    )
    try:
        emit(
            args,
            {"store": str(store.path), "user": username, "recovery_key": recovery},
            f"Nieuw bestand gemaakt: {store.path}\n\n"
            f"HERSTELSLEUTEL (eenmalig getoond, print of noteer hem en bewaar hem veilig):\n"
            f"    {recovery}\n",
        )
    finally:
        store.close()
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Check the file (header, every chunk) and the audit chain; 1 when the chain is broken."""
    store = Store.open(
        store_path(args),
        password=read_password(args),
        username=args.user,
        read_only=True,
        audit_check=False,  # report which entry breaks instead of refusing to open
    )
    try:
        counts = store.row_counts()
        audit = store.audit_status()
        data = {
            "store": str(store.path),
            "format_version": FORMAT_VERSION,
            "read_format_version": store.file.header.format_version,
            "generation": store.generation,
            "schema_version": store.schema_revision,
            "store_id": store.file.store_id,
            "integrity": "ok" if audit.intact else "audit_tampered",
            "audit": {
                "entries": audit.entries,
                "intact": audit.intact,
                "broken_at": audit.broken_at,
                "head_matches": audit.head_matches,
                "recorded_last_seq": audit.recorded.last_seq if audit.recorded else None,
                "last_seq": audit.actual.last_seq,
            },
            "counts": counts,
        }
        lines = [
            f"Bestand:          {store.path}",
            f"Formaatversie:    {store.file.header.format_version}",
            f"Generatie:        {store.generation}",
            f"Schemaversie:     {store.schema_revision}",
            "Integriteit:      in orde (kop en alle blokken geverifieerd)",
            f"Auditlog:         {audit_line(audit)}",
            "Aantallen:",
            *[f"  {name:<20} {count:>7}" for name, count in counts.items()],
        ]
        emit(args, data, "\n".join(lines))
    finally:
        store.close()
    return 0 if audit.intact else 1


def audit_line(audit: ChainStatus) -> str:
    entries = "1 regel" if audit.entries == 1 else f"{audit.entries} regels"
    if audit.broken_at is not None:
        return (
            f"{entries}, keten VERBROKEN bij regel {audit.broken_at}: die regel (of de regel "
            "ervoor) is gewijzigd, verwijderd of verplaatst"
        )
    if not audit.head_matches:
        assert audit.recorded is not None
        return (
            f"{entries}, keten in zichzelf in orde maar NIET gelijk aan wat bij het opslaan is "
            f"vastgelegd (laatste regel {audit.recorded.last_seq} vastgelegd, "
            f"{audit.actual.last_seq} gevonden): regels aan het eind verwijderd, of de keten "
            "is opnieuw opgebouwd"
        )
    if audit.recorded is None:
        return f"{entries}, keten in orde (kop nog niet vastgelegd: bestand van formaat 1)"
    return f"{entries}, keten in orde"


def cmd_passwd(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        new = new_password(args.new_password_file)
        check_new_password(new)
        old = read_password(args) if args.password_file else getpass.getpass("Huidig wachtwoord: ")
        store.change_password(old, new)
        print("Wachtwoord gewijzigd.", file=sys.stderr)
    finally:
        store.close()
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    if args.recovery_file:
        code = Path(args.recovery_file).read_text("utf-8").strip()
    else:
        code = getpass.getpass("Herstelsleutel: ")
    store = Store.open(store_path(args), recovery_code=code)
    try:
        new = new_password(args.new_password_file)
        check_new_password(new)
        store.set_user_password(store.user.username, new)
        print(f"Nieuw wachtwoord ingesteld voor {store.user.username}.", file=sys.stderr)
    finally:
        store.close()
    return 0
