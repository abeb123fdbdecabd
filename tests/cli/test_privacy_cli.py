"""`zvkd erase` previews by default and erases only with --yes; `zvkd inzage` writes the overview
where asked and warns that the files leave the encrypted store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.services.privacy_world import World, make_world_store
from zvkd_desktop.cli.main import main
from zvkd_desktop.services.audit import verify_chain
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.youths import get_youth
from zvkd_desktop.store.store import Store


@pytest.fixture(scope="module")
def world_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    return make_world_store(tmp_path_factory.mktemp("world"))


@pytest.fixture
def world(world_file: tuple[Path, World]) -> World:
    return world_file[1]


@pytest.fixture
def store_file(world_file: tuple[Path, World], tmp_path: Path) -> Path:
    target = tmp_path / "kopie" / "pad.zvkd"
    target.parent.mkdir()
    shutil.copy(world_file[0], target)
    return target


@pytest.fixture
def args(store_file: Path, tmp_path: Path) -> list[str]:
    password = tmp_path / "wachtwoord.txt"
    password.write_text(PASSWORD + "\n", "utf-8")
    return ["--store", str(store_file), "--password-file", str(password)]


def test_erase_without_yes_shows_who_is_due_and_what_goes_and_writes_nothing(
    args: list[str], store_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = store_file.read_bytes()
    assert main(["erase", *args, "--on", "15-01-2024"]) == 0
    out = capsys.readouterr().out
    assert "3 jongeren" in out and "direct na het afsluiten" in out
    for name in ("Sem Verhoeckx", "Lotte Kampstra", "Daan Oudshoorn-Mahabier"):
        assert name in out
    assert "Naam: 2" in out and "Notities bij politiecontacten: 2" in out
    assert "Er is nog niets gewist" in out
    assert "Noortje" not in out and "Mila" not in out  # running case, pending registration
    assert store_file.read_bytes() == before


def test_the_preview_as_json_lists_fields_and_counts(
    args: list[str], world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["erase", *args, "--on", "2023-11-01", "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["on"], data["retention_months"], data["erased"]) == ("2023-11-01", 0, False)
    by_id = {row["youth_id"]: row for row in data["youths"]}
    assert set(by_id) == {str(world.sem), str(world.lotte)}  # Daan closed on 31-12-2023
    sem = by_id[str(world.sem)]
    assert sem["name"] == "Sem Verhoeckx" and sem["ended_on"] == "2023-10-31"
    assert sem["items"]["date_of_birth"] == {
        "label": "Geboortedatum (het geboortejaar blijft)", "fields": ["date_of_birth"], "count": 1}  # fmt: skip


def test_erase_yes_erases_the_due_youths_and_a_second_run_finds_nobody(
    args: list[str], store_file: Path, world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["erase", *args, "--on", "15-01-2024", "--yes", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["erased"] is True and report["compacted"] is True
    assert {y["youth_id"] for y in report["youths"]} == {str(y) for y in world.closed}
    assert report["totals"]["name"] == 6 and "Sem" not in json.dumps(report)
    store = Store.open(store_file, password=PASSWORD)
    try:
        ctx = ServiceContext(store)
        assert get_youth(ctx, world.sem).display_name == "(gewist)"
        assert get_youth(ctx, world.noor).first_name == "Noortje"
        with store.read() as session:
            assert verify_chain(session) is None
    finally:
        store.close()
    assert main(["erase", *args, "--on", "15-01-2024", "--yes"]) == 0
    assert "niemand aan de beurt; er is niets gewist" in capsys.readouterr().out


def test_erase_refuses_a_date_in_the_future_and_a_date_that_does_not_exist(
    args: list[str], store_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = store_file.read_bytes()
    assert main(["erase", *args, "--on", "01-01-2099", "--yes"]) == 2
    assert "De wisdatum 01-01-2099 ligt in de toekomst" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad:
        main(["erase", *args, "--on", "31-02-2024"])
    assert bad.value.code == 2
    assert "De datum 31-02-2024 bestaat niet" in capsys.readouterr().err
    assert store_file.read_bytes() == before


def test_inzage_writes_pdf_and_json_and_warns_that_they_leave_the_store(
    args: list[str], world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "inzage"
    assert main(["inzage", *args, "--youth", str(world.sem)[:8], "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "buiten het versleutelde bestand" in captured.err
    files = sorted(out.iterdir())
    assert [p.suffix for p in files] == [".json", ".pdf"]
    assert captured.out.split() == [str(p) for p in files]
    data = json.loads(files[0].read_text("utf-8"))
    assert data["youth"]["last_name"] == "Verhoeckx"
    assert data["audit"][-1]["action"] == "inzage"


def test_inzage_writes_only_the_pdf_when_asked(
    args: list[str], world: World, tmp_path: Path
) -> None:
    out = tmp_path / "alleen-pdf"
    assert main(["inzage", *args, "--youth", str(world.lotte), "--out", str(out), "--pdf"]) == 0
    assert [p.suffix for p in out.iterdir()] == [".pdf"]


def test_inzage_of_an_unknown_youth_is_refused_plainly(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "niets"
    assert main(["inzage", *args, "--youth", "00000000", "--out", str(out)]) == 2
    assert "Er is geen jongere met een nummer dat begint met '00000000'" in capsys.readouterr().err
    assert not out.exists()
