"""``zvkd report``: JSON with the documented keys, PDF and XLSX without the GUI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import PASSWORD
from zvkd_desktop.cli.main import main
from zvkd_desktop.reports.yearly.json_report import FORMAT, VERSION


@pytest.fixture
def closed_hand_store(hand_file: Path, tmp_path: Path) -> list[str]:
    """The arguments that open the (closed) hand-counted store."""
    secret = tmp_path / "password.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    return ["--store", str(hand_file), "--password-file", str(secret)]


def test_json_prints_every_figure_with_the_documented_keys(
    closed_hand_store: list[str], capsys: pytest.CaptureFixture[str], hand_json: dict
) -> None:
    code = main(["report", *closed_hand_store, "--year", "2023", "--today", "2024-01-15", "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data == hand_json
    assert (data["format"], data["version"]) == (FORMAT, VERSION)
    documented = Path("resources/yearly-report-json.md").read_text("utf-8")
    undocumented = [key for key in data if f"`{key}`" not in documented]
    for section in ("registrations", "stock_flow", "closed", "running", "category_moves",
                    "reopenings", "caseload"):
        undocumented += [f"{section}.{sub}" for sub in data[section]
                         if f"`{section}.{sub}`" not in documented]
    undocumented += [k for k in data["closed"]["duration_days"] if f"`{k}`" not in documented]
    assert undocumented == []


def test_pdf_xlsx_and_csv_are_written_without_the_gui(
    closed_hand_store: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, xlsx, folder = tmp_path / "j.pdf", tmp_path / "j.xlsx", tmp_path / "csv"
    code = main(["report", *closed_hand_store, "--year", "2023", "--pdf", str(pdf),
                 "--xlsx", str(xlsx), "--csv", str(folder), "--protect", "--no-charts"])
    assert code == 0
    assert capsys.readouterr().out == ""
    assert pdf.read_bytes().startswith(b"%PDF")
    assert openpyxl.load_workbook(xlsx)["Instroom en uitstroom"]["B5"].value == "<5"
    assert len(list(folder.glob("jaaroverzicht-2023-*.csv"))) == 12


def test_text_output_and_chosen_groups(closed_hand_store: list[str],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", *closed_hand_store, "--year", "2023", "--today", "2024-01-15",
                 "--groups", "2023, 2017-2022"])
    assert code == 0
    out = capsys.readouterr().out
    assert "Jaaroverzicht 2023" in out
    assert "= lopend op 31-12-2023" in out
    lines = {line.split()[0]: line.split()[-1] for line in out.splitlines() if line.strip()}
    assert lines["2023"] == "1" and lines["2017–2022"] == "2"


def test_bad_groups_are_a_plain_dutch_error(closed_hand_store: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", *closed_hand_store, "--year", "2023", "--groups", "ooit", "--json"])
    assert code == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error"] == "year_groups"
    assert "jaargroep" in captured.err


def test_the_default_year_is_last_year(closed_hand_store: list[str],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", *closed_hand_store, "--today", "2023-03-01", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["year"] == 2022


def test_a_pdf_from_a_shell_without_a_display(closed_hand_store: list[str], tmp_path: Path) -> None:
    """A fresh process with no display and no Qt platform chosen: the command picks offscreen."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}}
    pdf = tmp_path / "jaaroverzicht.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "zvkd_desktop", "report", *closed_hand_store, "--year", "2023",
         "--pdf", str(pdf)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
