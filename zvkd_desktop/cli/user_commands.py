"""``zvkd user``: the coordinator manages users and keys from the command line.

``list``, ``add``, ``disable``, ``enable``, ``reset``, ``rotate`` (a new data key) and
``recovery-key`` (a new recovery key, shown once). The coordinator's own password comes from a
prompt or ``--password-file``; a new password for someone else from ``--new-password-file`` or is
asked twice. Everything goes through services/users.py, so the rules and the audit log are the
same as in the program.
"""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from zvkd_desktop.cli.common import add_store_arguments, emit, open_store
from zvkd_desktop.cli.store_commands import new_password
from zvkd_desktop.domain.vocabulary import UserRole
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services import users
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.partners import list_organisations, list_professionals


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    user = sub.add_parser("user", help="gebruikers beheren (alleen de coördinator)")
    commands = user.add_subparsers(dest="user_command", metavar="opdracht", required=True)

    listing = commands.add_parser("list", help="toon alle gebruikers")
    add_store_arguments(listing, json_output=True)
    listing.set_defaults(handler=cmd_list)

    add = commands.add_parser("add", help="voeg een gebruiker toe (met een eigen sleutel)")
    add_store_arguments(add, json_output=True)
    add.add_argument("username", help="de gebruikersnaam, zonder spaties (bijv. j.devries)")
    add.add_argument("--name", required=True, help="de naam zoals het programma die toont")
    add.add_argument(
        "--role",
        required=True,
        choices=[role.value for role in UserRole],
        help="coordinator, process_director, coach of partner",
    )
    add.add_argument("--professional", default=None, help="de coach of procesregisseur (naam of id)")
    add.add_argument("--organisation", default=None, help="de organisatie van een partner (naam of id)")
    _new_password_argument(add)
    add.set_defaults(handler=cmd_add)

    for name, text, handler in (
        ("disable", "zet een gebruiker uit (en vernieuw de gegevenssleutel)", cmd_disable),
        ("enable", "zet een gebruiker weer aan, met een nieuw wachtwoord", cmd_enable),
        ("reset", "stel een nieuw wachtwoord in voor een gebruiker", cmd_reset),
    ):
        command = commands.add_parser(name, help=text)
        add_store_arguments(command, json_output=True)
        command.add_argument("username", help="de gebruikersnaam")
        if name != "disable":
            _new_password_argument(command)
        command.set_defaults(handler=handler)

    rotate = commands.add_parser(
        "rotate", help="vernieuw de gegevenssleutel (wachtwoorden blijven werken)"
    )
    add_store_arguments(rotate, json_output=True)
    rotate.set_defaults(handler=cmd_rotate)

    recovery = commands.add_parser(
        "recovery-key", help="maak een nieuwe herstelsleutel (de oude werkt daarna niet meer)"
    )
    add_store_arguments(recovery, json_output=True)
    recovery.set_defaults(handler=cmd_recovery_key)


def _new_password_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-password-file",
        default=None,
        help="het nieuwe wachtwoord van de gebruiker uit dit bestand (eerste regel)",
    )


def _run(args: argparse.Namespace, work: Any) -> int:
    store = open_store(args)
    try:
        return int(work(ServiceContext(store)) or 0)
    finally:
        store.close()


def _row_json(row: users.UserRow) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "username": row.username,
        "display_name": row.display_name,
        "role": row.role.value,
        "professional": row.professional_name,
        "organisation": row.organisation_name,
        "active": row.active,
        "disabled_at": row.disabled_at.isoformat() if row.disabled_at else None,
        "can_unlock": row.can_unlock,
    }


def _row_text(row: users.UserRow) -> str:
    state = "actief" if row.active else f"uit sinds {row.disabled_at:%d-%m-%Y}"
    if row.active and not row.can_unlock:
        state = "actief, maar zonder sleutel: stel het wachtwoord opnieuw in"
    link = row.professional_name or row.organisation_name or ""
    return f"  {row.username:<20} {row.display_name:<28} {row.role.label:<24} {link:<24} {state}"


def cmd_list(args: argparse.Namespace) -> int:
    def work(ctx: ServiceContext) -> None:
        rows = users.list_users(ctx)
        emit(args, [_row_json(row) for row in rows], "Gebruikers:\n" + "\n".join(map(_row_text, rows)))

    return _run(args, work)


def _pick(
    text: str | None, options: list[tuple[uuid.UUID, str]], what: str, code: str
) -> uuid.UUID | None:
    """An id from an id or an exact name (any letter case)."""
    if text is None:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        pass
    found = [row_id for row_id, name in options if name.casefold() == text.strip().casefold()]
    if len(found) != 1:
        raise ValidationError(
            f"Geen {what} met de naam '{text}' gevonden{' (meer dan één)' if found else ''}. "
            "Gebruik de naam precies zoals het programma die toont, of het id.",
            code=code,
        )
    return found[0]


def cmd_add(args: argparse.Namespace) -> int:
    def work(ctx: ServiceContext) -> None:
        professional = _pick(
            args.professional,
            [(p.id, p.name) for p in list_professionals(ctx)],
            "professional",
            "unknown_professional",
        )
        organisation = _pick(
            args.organisation,
            [(o.id, o.name) for o in list_organisations(ctx)],
            "organisatie",
            "unknown_organisation",
        )
        users.require_coordinator(ctx.user, "gebruikers toevoegen")  # before asking a password
        password = new_password(args.new_password_file)
        user_id = users.add_user(
            ctx,
            username=args.username,
            display_name=args.name,
            role=UserRole(args.role),
            password=password,
            professional_id=professional,
            organisation_id=organisation,
        )
        emit(args, {"id": str(user_id), "username": args.username},
             f"Gebruiker {args.username} toegevoegd.")

    return _run(args, work)


def cmd_disable(args: argparse.Namespace) -> int:
    def work(ctx: ServiceContext) -> None:
        row = users.find_user(ctx, args.username)
        users.disable_user(ctx, row.id)
        emit(args, {"username": row.username, "active": False},
             f"Gebruiker {row.username} staat uit; de gegevenssleutel is vernieuwd.")

    return _run(args, work)


def cmd_enable(args: argparse.Namespace) -> int:
    def work(ctx: ServiceContext) -> None:
        row = users.find_user(ctx, args.username)
        users.enable_user(ctx, row.id, new_password(args.new_password_file))
        emit(args, {"username": row.username, "active": True},
             f"Gebruiker {row.username} staat weer aan, met het nieuwe wachtwoord.")

    return _run(args, work)


def cmd_reset(args: argparse.Namespace) -> int:
    def work(ctx: ServiceContext) -> None:
        row = users.find_user(ctx, args.username)
        users.reset_password(ctx, row.id, new_password(args.new_password_file))
        emit(args, {"username": row.username},
             f"Nieuw wachtwoord ingesteld voor {row.username}.")

    return _run(args, work)


def cmd_rotate(args: argparse.Namespace) -> int:
    def work(ctx: ServiceContext) -> None:
        users.rotate_data_key(ctx)
        emit(args, {"rotated": True},
             "De gegevenssleutel is vernieuwd; alle wachtwoorden en de herstelsleutel werken nog.")

    return _run(args, work)


def cmd_recovery_key(args: argparse.Namespace) -> int:
    def work(ctx: ServiceContext) -> None:
        code = users.new_recovery_key(ctx)
        emit(args, {"recovery_key": code},
             "NIEUWE HERSTELSLEUTEL (eenmalig getoond, print of noteer hem en bewaar hem veilig;\n"
             f"de vorige werkt niet meer):\n    {code}\n")

    return _run(args, work)
