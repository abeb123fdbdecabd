"""Synthetic case-list rows in memory, for the 10 000-case tests and the 100 000-case benchmark.

Deterministic for a seed. Names include accents and particles ("Zoë", "van den Berg"), some
cases are closed, some youths erased, some cases have no coach, and signals are spread so that
every filter has something to find and something to leave out.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from zvkd_desktop.domain.closure_rule import closure_status
from zvkd_desktop.domain.neighbourhoods import NEIGHBOURHOODS
from zvkd_desktop.domain.signals import SignalKind
from zvkd_desktop.domain.vocabulary import Category
from zvkd_desktop.services.case_list import CaseRow, CaseStatus

FIRST = ["Sem", "Noah", "Liam", "Daan", "Mohammed", "Finn", "Levi", "Milan", "Yusuf", "Bram",
         "Mila", "Yara", "Fenna", "Sara", "Noor", "Amira", "Julia", "Lotte", "Zoë", "Eva",
         "Anouk", "Ömer", "Chloë", "Jayden", "Rayan", "Ilias", "Sophie", "Lieke", "Emre", "Ayoub"]  # fmt: skip
LAST = ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
        "El Amrani", "Yılmaz", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
        "Çelik", "Boukhari", "van Dijk", "Kaya"]  # fmt: skip
COACH_NAMES = ["Fatima el Amrani", "Jeroen de Vries", "Sanne Bakker", "Karim Haddou",
               "Ingrid Verhoeven", "Tom Hermans", "Naima Ouali", "Pieter de Wit",
               "Esra Demir", "Joost Kramer", "Linda Smits", "Ravi Baldew"]  # fmt: skip
COACHES = [(uuid.UUID(int=1000 + n), name) for n, name in enumerate(COACH_NAMES)]
CASE_SIGNALS = [kind for kind in SignalKind if kind is not SignalKind.REGISTRATION_PENDING]


def synthetic_rows(count: int, *, on: date, seed: int = 7) -> list[CaseRow]:
    rng = random.Random(seed)
    rows: list[CaseRow] = []
    for n in range(count):
        admitted = on - timedelta(days=rng.randrange(0, 2400))
        closed = rng.random() < 0.4
        closed_on = admitted + timedelta(days=rng.randrange(183, 700)) if closed else None
        if closed_on is not None and closed_on > on:
            closed_on, closed = None, False
        last_day = closed_on or on
        contact = (
            admitted + timedelta(days=rng.randrange(0, max(1, (last_day - admitted).days)))
            if rng.random() < 0.6
            else None
        )
        rule = closure_status(admitted, [contact] if contact else [], on=last_day)
        erased = closed and rng.random() < 0.5
        coach = COACHES[rng.randrange(len(COACHES))] if rng.random() < 0.92 else None
        hood = NEIGHBOURHOODS[rng.randrange(len(NEIGHBOURHOODS))]
        born = rng.randrange(1996, 2012)
        signals = (
            frozenset(kind for kind in CASE_SIGNALS if rng.random() < 0.12)
            if not closed
            else frozenset()
        )
        rows.append(
            CaseRow(
                case_id=uuid.UUID(int=n + 1),
                youth_id=uuid.UUID(int=10**9 + n),
                youth_name="(gewist)" if erased else f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                age=on.year - born - (1 if rng.random() < 0.5 else 0),
                age_is_estimate=erased,
                neighbourhood=hood.code,
                neighbourhood_name=hood.name,
                category=Category.RIVAL_YOUTH if rng.random() < 0.35 else Category.REGULAR,
                coach_id=coach[0] if coach else None,
                coach_name=coach[1] if coach else None,
                admitted_on=admitted,
                latest_police_contact_on=rule.latest_negative_contact,
                reference_date=rule.reference_date,
                police_free_days=(last_day - rule.reference_date).days,
                eligible_on=rule.eligible_date,
                next_review_on=(
                    on + timedelta(days=rng.randrange(-30, 60))
                    if not closed and rng.random() < 0.9
                    else None
                ),
                status=CaseStatus.CLOSED if closed else CaseStatus.RUNNING,
                closed_on=closed_on,
                signals=signals,
            )
        )
    return rows
