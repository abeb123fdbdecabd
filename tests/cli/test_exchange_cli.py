"""`zvkd export` and `zvkd import`: plaintext exports warn and ask, encrypted ones need their
password, and a refused file prints its problems one per line and leaves the store unchanged."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.services.test_exchange import make_varied_store
from tests.services.test_exchange_validation import base_document
from zvkd_desktop.cli.main import main
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.store import Store

EXPORT_PASSWORD = "export wachtwoord 2024"


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "wachtwoord.txt"
    path.write_text(PASSWORD + "\n", "utf-8")
    return path


@pytest.fixture(scope="module")
def filled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A varied store, closed: exports only read it, so the module's tests share it."""
    store = make_varied_store(tmp_path_factory.mktemp("filled") / "pad.zvkd")
    store.close()
    return store.path


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    store, _ = Store.create(tmp_path / "leeg" / "leeg.zvkd", PASSWORD, username="coordinator",
                            display_name="Coördinator", kdf=TEST_KDF)  # fmt: skip
    store.close()
    return store.path


def _store_args(store: Path, password_file: Path) -> list[str]:
    return ["--store", str(store), "--password-file", str(password_file)]


def test_plaintext_export_warns_and_writes_with_yes(
    filled_store: Path, password_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pad.json"
    code = main(["export", *_store_args(filled_store, password_file), "--out", str(out), "--yes"])
    captured = capsys.readouterr()
    assert code == 0
    assert "NIET versleuteld" in captured.err and "persoonsgegevens" in captured.err
    assert json.loads(out.read_text("utf-8"))["format"] == "zvkd-exchange"


def test_plaintext_export_asks_and_writes_nothing_without_yes(
    filled_store: Path,
    password_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    out = tmp_path / "pad.json"
    code = main(["export", *_store_args(filled_store, password_file), "--out", str(out)])
    assert code == 1
    assert "Doorgaan met een onversleutelde export?" in capsys.readouterr().err
    assert not out.exists()


def test_encrypted_export_imports_with_its_password(
    filled_store: Path,
    empty_store: Path,
    password_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    secret = tmp_path / "exportwachtwoord.txt"
    secret.write_text(EXPORT_PASSWORD + "\n", "utf-8")
    out = tmp_path / "pad.json"
    code = main(["export", *_store_args(filled_store, password_file), "--out", str(out),
                 "--encrypt", "--export-password-file", str(secret), "--fast-kdf"])  # fmt: skip
    assert code == 0
    sealed = tmp_path / "pad.zvkdx"
    assert sealed.exists() and not out.exists()
    assert "NIET versleuteld" not in capsys.readouterr().err

    code = main(["import", *_store_args(empty_store, password_file), str(sealed),
                 "--export-password-file", str(secret)])  # fmt: skip
    assert code == 0
    assert "Ingelezen:" in capsys.readouterr().out


def test_import_with_a_wrong_export_password_is_refused(
    filled_store: Path,
    empty_store: Path,
    password_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    secret = tmp_path / "exportwachtwoord.txt"
    secret.write_text(EXPORT_PASSWORD + "\n", "utf-8")
    main(["export", *_store_args(filled_store, password_file), "--out", str(tmp_path / "pad"),
          "--encrypt", "--export-password-file", str(secret), "--fast-kdf"])  # fmt: skip
    wrong = tmp_path / "fout.txt"
    wrong.write_text("niet dit wachtwoord\n", "utf-8")
    before = empty_store.read_bytes()
    code = main(["import", *_store_args(empty_store, password_file), str(tmp_path / "pad.zvkdx"),
                 "--export-password-file", str(wrong)])  # fmt: skip
    assert code == 2
    assert "exportwachtwoord is onjuist" in capsys.readouterr().err
    assert empty_store.read_bytes() == before


def test_a_refused_file_prints_each_problem_on_its_own_line(
    empty_store: Path, password_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = base_document()
    document["cases"][0]["closed_on"] = "2022-03-01"
    document["police_contacts"][0]["contact_on"] = "2007-01-01"
    path = tmp_path / "fout.json"
    path.write_text(json.dumps(document), "utf-8")
    before = empty_store.read_bytes()
    code = main(["import", *_store_args(empty_store, password_file), str(path)])
    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err[0].startswith("Het bestand is niet ingelezen: 3 problemen gevonden")
    assert sorted(line.split(":")[0] for line in err[1:]) == [
        "cases[0].closed_on",  # before the admission
        "coach_contacts[0].contact_on",  # so this contact now lies after the closure
        "police_contacts[0].contact_on",  # before the youth's birth
    ]
    assert empty_store.read_bytes() == before


def test_plaintext_round_trip_through_the_command_line(
    filled_store: Path,
    empty_store: Path,
    password_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert (
        main(["export", *_store_args(filled_store, password_file), "--out", str(first), "--yes"])
        == 0
    )
    capsys.readouterr()
    assert main(["import", *_store_args(empty_store, password_file), str(first), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["total"] > 40 and report["warnings"] == []
    assert (
        main(["export", *_store_args(empty_store, password_file), "--out", str(second), "--yes"])
        == 0
    )

    # the command line dates an export with the real date: compare all but that line
    def without_date(path: Path) -> list[bytes]:
        return [line for line in path.read_bytes().splitlines() if b'"exported_on"' not in line]

    assert without_date(first) == without_date(second)


def test_importing_a_store_file_by_mistake_says_so_without_asking_a_password(
    filled_store: Path, empty_store: Path, password_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["import", *_store_args(empty_store, password_file), str(filled_store)])
    assert code == 2
    assert "geen exportbestand" in capsys.readouterr().err
