"""``zvkd signals`` and ``zvkd case closable`` on a real store file, run in-process."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.services.factories import CaseRefs, add_case, add_pending_registration
from zvkd_desktop.cli.main import main
from zvkd_desktop.domain.vocabulary import PoliceContactKind
from zvkd_desktop.store.kdf import TEST_KDF
from zvkd_desktop.store.models import PoliceContact
from zvkd_desktop.store.store import Store


class Demo:
    def __init__(self, store_path: Path, password_file: Path) -> None:
        self.store_path = store_path
        self.password_file = password_file
        self.refs: dict[str, CaseRefs] = {}

    def args(self, *command: str) -> list[str]:
        return [
            *command,
            "--store",
            str(self.store_path),
            "--password-file",
            str(self.password_file),
        ]


@pytest.fixture
def demo(tmp_path: Path, store_path: Path) -> Demo:
    """Two running cases (one with a police contact), one closed case, one pending registration."""
    password_file = tmp_path / "wachtwoord.txt"
    password_file.write_text(PASSWORD + "\n", "utf-8")
    store, _recovery = Store.create(
        store_path, PASSWORD, username="coordinator", display_name="Coördinator", kdf=TEST_KDF
    )
    demo = Demo(store_path, password_file)
    try:
        demo.refs["sem"] = add_case(
            store,
            admitted_on=dt.date(2023, 3, 1),
            first_name="Sem",
            next_review_on=dt.date(2023, 12, 1),
        )
        demo.refs["noah"] = add_case(store, admitted_on=dt.date(2023, 6, 1), first_name="Noah")
        demo.refs["closed"] = add_case(
            store, admitted_on=dt.date(2022, 1, 3), closed_on=dt.date(2023, 6, 1), first_name="Liam"
        )
        demo.refs["pending"] = add_pending_registration(
            store, registered_on=dt.date(2023, 12, 1), first_name="Mila"
        )
        with store.transaction() as session:
            session.add(
                PoliceContact(
                    youth_id=demo.refs["noah"].youth_id,
                    case_id=demo.refs["noah"].case_id,
                    contact_on=dt.date(2023, 8, 31),
                    kind=PoliceContactKind.ARREST,
                    negative=True,
                )
            )
    finally:
        store.close()
    return demo


def run_json(demo: Demo, capsys: pytest.CaptureFixture[str], *command: str) -> object:
    assert main(demo.args(*command) + ["--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_signals_as_json_with_ids_kinds_and_iso_dates(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    found = run_json(demo, capsys, "signals", "--on", "2023-12-31")
    assert isinstance(found, list)
    sem, noah, pending = demo.refs["sem"], demo.refs["noah"], demo.refs["pending"]
    assert {"case_id", "youth_id", "registration_id", "kind", "since", "reason"} == set(found[0])
    compact = {(s["case_id"] or s["registration_id"], s["kind"], s["since"]) for s in found}
    assert compact == {
        (str(sem.case_id), "eligible_for_closure", "2023-09-02"),
        (str(sem.case_id), "review_overdue", "2023-12-02"),
        (str(sem.case_id), "no_coach_contact", "2023-03-30"),
        (str(noah.case_id), "no_coach_contact", "2023-06-30"),
        (str(noah.case_id), "new_police_contact", "2023-08-31"),
        (str(pending.registration_id), "registration_pending", "2023-12-16"),
    }
    assert str(demo.refs["closed"].case_id) not in {s["case_id"] for s in found}
    registration = next(s for s in found if s["kind"] == "registration_pending")
    assert (registration["case_id"], registration["youth_id"]) == (None, str(pending.youth_id))
    assert registration["reason"] == "Aangemeld op 01-12-2023, na 14 dagen nog geen besluit"


def test_signals_are_listed_in_a_stable_order(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    first = run_json(demo, capsys, "signals", "--on", "2023-12-31")
    again = run_json(demo, capsys, "signals", "--on", "2023-12-31")
    assert first == again
    kinds = [s["kind"] for s in first]  # type: ignore[attr-defined]
    assert kinds[0] == "eligible_for_closure" and kinds[-1] == "new_police_contact"


def test_closable_as_json_per_running_case(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    found = run_json(demo, capsys, "case", "closable", "--on", "2024-02-29")
    assert found == [
        {
            "case_id": str(demo.refs["sem"].case_id),
            "youth_id": str(demo.refs["sem"].youth_id),
            "reference_date": "2023-03-01",
            "eligible_date": "2023-09-02",
            "eligible": True,
            "days_to_go": 0,
        },
        {
            "case_id": str(demo.refs["noah"].case_id),
            "youth_id": str(demo.refs["noah"].youth_id),
            "reference_date": "2023-08-31",
            "eligible_date": "2024-03-01",  # 31-08 + 6 months = 29-02-2024, plus one day
            "eligible": False,
            "days_to_go": 1,
        },
    ]


def test_text_output_is_dutch_with_dutch_dates(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(demo.args("case", "closable", "--on", "2024-02-29")) == 0
    out = capsys.readouterr().out
    assert "Lopende casussen op 29-02-2024: 2, waarvan 1 afsluitbaar" in out
    assert "Noah de Jong" in out and "01-03-2024" in out and "nog 1 dag" in out

    assert main(demo.args("signals", "--on", "2023-12-31")) == 0
    out = capsys.readouterr().out
    assert "Signalen op 31-12-2023: 6" in out
    assert "Aanmelding wacht op besluit" in out and "Mila de Jong" in out


def test_without_on_the_rules_are_applied_to_today(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    found = run_json(demo, capsys, "case", "closable")
    assert {row["eligible"] for row in found} == {True}  # type: ignore[index,union-attr]


def test_a_malformed_date_is_refused_with_a_dutch_message(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(demo.args("signals", "--on", "31-12-2023"))
    assert stopped.value.code == 2
    assert "gebruik JJJJ-MM-DD" in capsys.readouterr().err


def test_a_wrong_password_is_a_known_error_in_json(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo.password_file.write_text("niet het wachtwoord\n", "utf-8")
    assert main(demo.args("signals", "--on", "2023-12-31") + ["--json"]) == 2
    answer = json.loads(capsys.readouterr().out)
    assert answer["error"] == "wrong_password"
