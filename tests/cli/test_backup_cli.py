"""`zvkd backup` copies the store into a folder and keeps N; `zvkd backup list` needs no password;
`zvkd restore` shows date, generation and counts and replaces nothing until confirmed."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.services.factories import add_case, add_youth
from zvkd_desktop.cli.main import main
from zvkd_desktop.store.backup_files import list_backups_in
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store


@pytest.fixture
def store_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "stores" / "pad.zvkd"
    store, _ = Store.create(path, PASSWORD, username="coordinator", display_name="C", kdf=TEST_KDF)
    try:
        add_case(store, admitted_on=dt.date(2023, 9, 1), first_name="Sem")
        add_case(store, admitted_on=dt.date(2023, 10, 1), first_name="Lotte")
    finally:
        store.close()
    yield path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "back-ups"
    path.mkdir()
    return path


@pytest.fixture
def args(store_file: Path, tmp_path: Path) -> list[str]:
    password = tmp_path / "wachtwoord.txt"
    password.write_text(PASSWORD + "\n", "utf-8")
    return ["--store", str(store_file), "--password-file", str(password)]


def youths(path: Path) -> int:
    store = Store.open(path, password=PASSWORD, read_only=True)
    try:
        return store.row_counts()["youth"]
    finally:
        store.close()


def test_backup_writes_into_the_folder_and_list_shows_it_without_a_password(
    args: list[str], folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", *args, "--to", str(folder)]) == 0
    made = list_backups_in(folder)
    assert len(made) == 1 and str(made[0].path) in capsys.readouterr().out
    assert main(["backup", "list", "--dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert made[0].path.name in out and f"versie {made[0].generation:>6}" in out


def test_backup_keeps_only_the_newest_n(args: list[str], folder: Path) -> None:
    for _ in range(3):
        assert main(["backup", *args, "--to", str(folder), "--keep", "2"]) == 0
    assert len(list_backups_in(folder)) <= 2


def test_restore_shows_date_generation_and_counts_and_replaces_nothing_without_yes(
    args: list[str],
    store_file: Path,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["backup", *args, "--to", str(folder)]) == 0
    backup = list_backups_in(folder)[0]
    store = Store.open(store_file, password=PASSWORD)
    try:
        add_youth(store, first_name="Daan")
    finally:
        store.close()
    capsys.readouterr()
    before = store_file.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO("nee\n"))
    assert main(["restore", *args, str(backup.path)]) == 1
    out = capsys.readouterr().out
    assert f"Versie:    {backup.generation}" in out
    assert f"Gemaakt:   {backup.made_at:%d-%m-%Y %H:%M}" in out
    assert "Jongeren" in out and "2" in out.split("Jongeren")[1].splitlines()[0]
    assert store_file.read_bytes() == before

    assert main(["restore", *args, str(backup.path), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Teruggezet" in out and "pad.replaced-" in out
    assert youths(store_file) == 2  # Daan came after the backup


def test_restore_refuses_a_backup_of_another_store(
    args: list[str], store_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other_path = tmp_path / "ander" / "ander.zvkd"
    other, _ = Store.create(
        other_path, PASSWORD, username="coordinator", display_name="C", kdf=TEST_KDF
    )
    other.close()
    before = store_file.read_bytes()
    assert main(["restore", *args, str(other_path), "--yes"]) == 2
    assert "ander gegevensbestand" in capsys.readouterr().err
    assert store_file.read_bytes() == before
