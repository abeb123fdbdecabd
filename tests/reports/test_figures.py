"""The 2023 figures of the hand-counted store (tests/reports/dataset.py), figure by figure.

Every expected number below was counted by hand from the case list in dataset.py; the comment
next to it names the cases that make it up.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select, update

from tests.reports.dataset import COACH_A, COACH_B
from zvkd_desktop.errors import KnownError
from zvkd_desktop.reports.yearly.json_report import report_json
from zvkd_desktop.reports.yearly.report import YearlyReport, load_report
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.store.models import Case, Guardian, Registration, Youth
from zvkd_desktop.store.store import Store

ERASED_ON = dt.date(2024, 1, 15)


def test_registrations_count_by_registration_date_and_decision_on_31_december(
    hand_json: dict[str, Any],
) -> None:
    reg = hand_json["registrations"]
    assert reg["total"] == 6  # C5, C7b, R8, R9, R10, C13 (R11 and C15 are tombstoned)
    assert reg["reregistrations"] == 1  # C7b
    assert reg["admitted"] == 3  # C5, C7b, C13
    assert reg["not_admitted"] == 1  # R8
    assert reg["pending_at_year_end"] == 2  # R9 (no decision), R10 (decided 10-01-2024)
    assert reg["by_registrant"] == {
        "Politie Delft": 3,  # C5, C7b, R9
        "Delft Support": 1,  # R10
        "Grotius College": 1,  # R8
        "Jeugdreclassering (WSG)": 1,  # C13
    }
    assert {k: v for k, v in reg["by_neighbourhood"].items() if v} == {
        "buitenhof": 2, "voorhof": 1, "schieweg": 1, "vrijenban": 1, "unknown": 1,
    }
    assert reg["by_area"] == {
        "Centrum": 0, "Noord": 2, "Oost": 0, "Delft-West": 3, "Zuid": 0, "Onbekend": 1,
    }


def test_stock_flow_of_2023_reconciles(hand_json: dict[str, Any]) -> None:
    assert hand_json["stock_flow"] == {
        "running_at_start": 6,  # C1, C2, C3, C4, C6, C12 (C7a and C14 closed in 2022)
        "admitted": 3,  # C5, C7b, C13 (C10 is admitted in 2024, C15 is tombstoned)
        "closed": 3,  # C3 on 31-12, C5 (admitted the same year), C12; not C4 (01-01-2024), not C6
        "running_at_end": 6,  # C1, C2, C4, C6 (reopened), C7b, C13
    }


def test_closed_cases_by_reason_registration_year_and_duration(hand_json: dict[str, Any]) -> None:
    closed = hand_json["closed"]
    assert closed["total"] == 3
    assert closed["by_reason"] == {
        "police_free": 1,  # C3 (C6's undone closure does not count)
        "no_contact_police_free": 1,  # C5
        "relocation": 0,  # C4 closes on 1 January 2024
        "escalated": 1,  # C12
        "other": 0,
    }
    assert closed["by_registration_year"] == {"2017": 1, "2022": 1, "2023": 1}
    assert [(g["label"], g["count"]) for g in closed["by_registration_year_group"]] == [
        ("2022–2023", 2),  # C3 (2022), C5 (2023)
        ("2017–2021", 1),  # C12 (2017): the open lower end is the store's first year
    ]
    # C5 20230215->20231130: 288 days; C3 20220920->20231231: 467; C12 20170515->20230630: 2237
    assert closed["duration_days"] == {
        "count": 3, "min": 288.0, "q1": 377.5, "median": 467.0, "q3": 1352.0, "max": 2237.0,
    }


def test_running_cases_by_category_as_it_stood_on_31_december(hand_json: dict[str, Any]) -> None:
    running = hand_json["running"]
    assert running["total"] == 6
    # regular: C1, C4 (back to regular on 01-01-2023), C6, C13; rival: C2 (moved), C7b
    assert running["by_category"] == {"regular": 4, "rival_youth": 2}
    assert {k: v for k, v in running["by_neighbourhood"].items() if v} == {
        "binnenstad": 1, "vrijenban": 1, "wippolder": 1, "buitenhof": 1, "voorhof": 2,
    }
    assert running["by_area"]["Delft-West"] == 3  # C1 Buitenhof, C2 and C7b Voorhof


def test_category_moves_and_reopenings_in_2023(hand_json: dict[str, Any]) -> None:
    assert hand_json["category_moves"] == {
        "total": 2,
        "by_move": {"regular->rival_youth": 1, "rival_youth->regular": 1},  # C2, C4 (on 1 Jan)
    }
    assert hand_json["reopenings"] == {"total": 1}  # C6


def test_caseload_per_coach_on_31_december(hand_json: dict[str, Any]) -> None:
    # C1 changes coach on 31 December itself: the new coach (B) carries it that day
    assert hand_json["caseload"] == {
        "by_coach": {COACH_A: 1, COACH_B: 4},  # A: C6; B: C1, C2, C4, C7b
        "without_coach": 1,  # C13
    }


def test_2022_and_the_multi_year_series(hand_json: dict[str, Any]) -> None:
    years = hand_json["years"]
    assert list(years) == [str(y) for y in range(2017, 2025)]
    y2022 = years["2022"]
    assert y2022["registrations"]["total"] == 2  # C2, C3
    assert y2022["stock_flow"] == {
        "running_at_start": 6,  # C1, C4, C6, C7a, C12, C14
        "admitted": 2,  # C2, C3
        "closed": 2,  # C7a, C14
        "running_at_end": 6,
    }
    assert y2022["running"]["by_category"] == {"regular": 4, "rival_youth": 2}  # C3, C4 rival
    for before, after in zip(years.values(), list(years.values())[1:], strict=False):
        assert after["stock_flow"]["running_at_start"] == before["stock_flow"]["running_at_end"]
    assert years["2023"]["stock_flow"] == hand_json["stock_flow"]


def test_the_figures_survive_the_privacy_erasure(hand_store: Store,
                                                 hand_report: YearlyReport) -> None:
    erasure = pytest.importorskip("zvkd_desktop.services.privacy.erasure")
    before = report_json(hand_report)
    ctx = ServiceContext(hand_store, today=lambda: ERASED_ON)
    with hand_store.read() as session:
        youth_ids = list(session.scalars(select(Youth.id)))
    erased = []
    for youth_id in youth_ids:  # the service refuses youths with a running case, so one by one
        try:
            erasure.erase(ctx, [youth_id], on=ERASED_ON)
        except KnownError:
            continue
        erased.append(youth_id)
    assert len(erased) >= 5  # the youths of C3, C5, C12, C14 and R8 at least
    assert report_json(load_report(hand_store, 2023, hand_report.made_on)) == before


def test_the_figures_need_no_personal_data_at_all(hand_store: Store,
                                                  hand_report: YearlyReport) -> None:
    """Every personal column of every youth (running cases too) blank: nothing changes."""
    before = report_json(hand_report)
    with hand_store.transaction() as session:
        session.execute(update(Youth).values(
            first_name=None, last_name=None, date_of_birth=None, gender=None, street=None,
            house_number=None, postcode=None, city=None, phone=None, notes=None,
            erased_at=dt.datetime(2024, 1, 10),
        ))
        session.execute(update(Guardian).values(deleted_at=dt.datetime(2024, 1, 10)))
        session.execute(update(Registration).values(
            registrant_contact=None, police_or_concerns_note=None, multiple_domains_note=None,
            cross_chain_note=None, age_note=None, decision_reason=None, follow_up=None,
        ))
        session.execute(update(Case).values(
            reoffence_advice=None, closure_reason_text=None, handover_note=None,
        ))
    assert report_json(load_report(hand_store, 2023, hand_report.made_on)) == before
