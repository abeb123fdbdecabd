"""``zvkd user ...`` and ``zvkd verify``'s audit line on a real store file, run in-process."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from zvkd_desktop.cli.main import main
from zvkd_desktop.domain.vocabulary import OrganisationKind, ProfessionalRole
from zvkd_desktop.errors import DamagedStoreError
from zvkd_desktop.store import envelope, keys
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import Organisation, Professional
from zvkd_desktop.store.store import Store


class Cli:
    def __init__(self, tmp_path: Path, store_path: Path) -> None:
        self.store_path = store_path
        self.folder = tmp_path
        self.password_file = self.secret("coordinator", PASSWORD)

    def secret(self, name: str, text: str) -> Path:
        path = self.folder / f"{name}.txt"
        path.write_text(text + "\n", "utf-8")
        return path

    def __call__(self, *command: str, password_file: Path | None = None) -> int:
        return main([
            *command, "--store", str(self.store_path),
            "--password-file", str(password_file or self.password_file),
        ])


@pytest.fixture
def cli(tmp_path: Path, store_path: Path) -> Cli:
    store, _recovery = Store.create(
        store_path, PASSWORD, username="coordinator", display_name="Coördinator", kdf=TEST_KDF
    )
    with store.transaction() as session:
        support = Organisation(name="Delft Support", kind=OrganisationKind.DELFT_SUPPORT)
        session.add_all([
            support,
            Organisation(name="Politie Delft", kind=OrganisationKind.POLICE),
            Professional(name="Fatima el Amrani", role=ProfessionalRole.COACH, organisation=support),
        ])
    store.close()
    return Cli(tmp_path, store_path)


def users_json(cli: Cli, capsys: pytest.CaptureFixture[str]) -> dict[str, dict]:
    capsys.readouterr()
    assert cli("user", "list", "--json") == 0
    return {row["username"]: row for row in json.loads(capsys.readouterr().out)}


def test_add_list_reset_disable_and_enable_from_the_command_line(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    first = cli.secret("fatima", "fatima wachtwoord")
    assert cli(
        "user", "add", "f.elamrani", "--name", "Fatima el Amrani", "--role", "coach",
        "--professional", "fatima el amrani", "--new-password-file", str(first),
    ) == 0
    assert cli(
        "user", "add", "wijkagent", "--name", "Wijkagent Delft", "--role", "partner",
        "--organisation", "Politie Delft", "--new-password-file", str(cli.secret("w", "politie wachtwoord")),
    ) == 0
    listed = users_json(cli, capsys)
    assert listed["f.elamrani"]["professional"] == "Fatima el Amrani"
    assert listed["wijkagent"]["organisation"] == "Politie Delft"
    assert all(row["active"] and row["can_unlock"] for row in listed.values())
    assert cli("user", "list", password_file=first) == 2  # a coach may not
    assert "Alleen de coördinator" in capsys.readouterr().err

    second = cli.secret("fatima2", "nieuw fatima wachtwoord")
    assert cli("user", "reset", "f.elamrani", "--new-password-file", str(second)) == 0
    assert cli("verify", password_file=first) == 2
    assert "wachtwoord onjuist" in capsys.readouterr().err

    assert cli("user", "disable", "f.elamrani") == 0
    assert "gegevenssleutel is vernieuwd" in capsys.readouterr().out
    assert cli("verify", password_file=second) == 2
    assert not users_json(cli, capsys)["f.elamrani"]["active"]

    third = cli.secret("fatima3", "fatima is terug")
    assert cli("user", "enable", "f.elamrani", "--new-password-file", str(third)) == 0
    capsys.readouterr()
    assert cli("verify", password_file=third) == 0


def test_refusals_are_one_dutch_line(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    weak = cli.secret("zwak", "kort")
    assert cli(
        "user", "add", "iemand", "--name", "Iemand", "--role", "coach", "--professional",
        "Fatima el Amrani", "--new-password-file", str(weak),
    ) == 2
    assert "minstens 10 tekens" in capsys.readouterr().err
    assert cli("user", "disable", "niemand") == 2
    assert "geen gebruiker 'niemand'" in capsys.readouterr().err
    assert cli(
        "user", "add", "iemand", "--name", "Iemand", "--role", "coach",
        "--professional", "Onbekend", "--new-password-file", str(weak),
    ) == 2
    assert "Geen professional met de naam 'Onbekend'" in capsys.readouterr().err


def test_rotate_and_a_new_recovery_key(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    before = envelope.parse(cli.store_path.read_bytes()).header.slots
    assert cli("user", "rotate") == 0
    assert "alle wachtwoorden en de herstelsleutel werken nog" in capsys.readouterr().out
    after = envelope.parse(cli.store_path.read_bytes()).header.slots
    assert [s["sealed"] for s in before] != [s["sealed"] for s in after]

    assert cli("user", "recovery-key", "--json") == 0
    code = json.loads(capsys.readouterr().out)["recovery_key"]
    Store.open(cli.store_path, recovery_code=code, read_only=True).close()


def test_verify_reports_the_audit_chain(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    cli("user", "rotate")
    capsys.readouterr()
    assert cli("verify") == 0
    assert "Auditlog:         1 regel, keten in orde" in capsys.readouterr().out

    # a key holder edits the one entry and seals the file again
    parsed = envelope.parse(cli.store_path.read_bytes())
    data_key, _slot = keys.unlock(parsed.header, password=PASSWORD)
    database = sqlite3.connect(":memory:")
    database.deserialize(envelope.open_payload(parsed, data_key))
    database.execute("UPDATE audit_entry SET action = 'view' WHERE seq = 1")
    database.commit()
    cli.store_path.write_bytes(envelope.seal(database.serialize(), parsed.header, data_key))
    database.close()

    assert cli("verify") == 1
    assert "keten VERBROKEN bij regel 1" in capsys.readouterr().out
    with pytest.raises(DamagedStoreError) as refused:  # and the program will not open it
        Store.open(cli.store_path, password=PASSWORD)
    assert refused.value.code == "audit_tampered"
