"""running(end Y-1) + admitted(Y) - closed(Y) = running(end Y), on random data.

The counting function is pure over (admitted_on, closed_on) pairs, so hypothesis can throw
thousands of case lists at it; one more test runs random cases through a real store.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from zvkd_desktop.domain.vocabulary import Category, ClosureReason, Decision, OrganisationKind
from zvkd_desktop.reports.yearly.figures import running_on, stock_flow, year_end
from zvkd_desktop.reports.yearly.queries import load_facts
from zvkd_desktop.reports.yearly.report import build_report
from zvkd_desktop.store.models import Case, CategoryPeriod, Organisation, Registration, Youth
from zvkd_desktop.store.store import Store

FIRST, LAST = dt.date(2015, 1, 1), dt.date(2026, 12, 31)
days = st.dates(min_value=FIRST, max_value=LAST)
years = st.integers(min_value=2014, max_value=2027)


@st.composite
def valid_span(draw: st.DrawFn) -> tuple[dt.date, dt.date | None]:
    admitted = draw(days)
    if draw(st.booleans()):
        return admitted, None
    return admitted, admitted + dt.timedelta(days=draw(st.integers(0, 3000)))


any_span = st.tuples(days, st.none() | days)


@settings(deadline=None)  # pure and fast; no flaky deadline on a busy machine
@given(st.lists(valid_span(), max_size=60), years)
def test_each_term_is_the_domain_definition_and_the_identity_holds(
    spans: list[tuple[dt.date, dt.date | None]], year: int
) -> None:
    flows = stock_flow(spans, year)
    assert flows.running_at_start == running_on(spans, year_end(year - 1))
    assert flows.admitted == sum(1 for a, _ in spans if a.year == year)
    assert flows.closed == sum(1 for _, c in spans if c is not None and c.year == year)
    assert flows.running_at_end == running_on(spans, year_end(year))
    assert flows.running_at_start + flows.admitted - flows.closed == flows.running_at_end


@settings(deadline=None)
@given(st.lists(any_span, max_size=60), years)
def test_the_identity_holds_even_for_a_closure_typed_before_its_admission(
    spans: list[tuple[dt.date, dt.date | None]], year: int
) -> None:
    flows = stock_flow(spans, year)
    assert flows.running_at_start == running_on(spans, year_end(year - 1))
    assert flows.running_at_end == running_on(spans, year_end(year))
    assert flows.running_at_start + flows.admitted - flows.closed == flows.running_at_end
    assert stock_flow(spans, year + 1).running_at_start == flows.running_at_end


def test_the_identity_holds_through_a_real_store_for_every_year(new_store: Store) -> None:
    rng = random.Random(20240115)
    spans = []
    for _ in range(150):
        admitted = FIRST + dt.timedelta(days=rng.randrange(0, 3650))
        closed = admitted + dt.timedelta(days=rng.randrange(0, 2000)) if rng.random() < 0.7 else None
        spans.append((admitted, closed))
    with new_store.transaction() as session:
        police = Organisation(id=uuid.uuid4(), name="Politie Delft", kind=OrganisationKind.POLICE)
        session.add(police)
        session.flush()
        rows = [(uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), a, c) for a, c in spans]
        session.execute(insert(Youth), [
            {"id": y, "birth_year": 2007, "neighbourhood": "voorhof"} for y, _r, _c, _a, _cl in rows
        ])
        session.execute(insert(Registration), [
            {"id": r, "youth_id": y, "registered_on": a - dt.timedelta(days=10),
             "registrant_id": police.id, "age_at_registration": 16,
             "decision": Decision.ADMITTED, "decided_on": a}
            for y, r, _c, a, _cl in rows
        ])
        session.execute(insert(Case), [
            {"id": c, "youth_id": y, "registration_id": r, "admitted_on": a, "closed_on": cl,
             "closure_reason": ClosureReason.OTHER if cl else None, "category": Category.REGULAR}
            for y, r, c, a, cl in rows
        ])
        session.execute(insert(CategoryPeriod), [
            {"case_id": c, "category": Category.REGULAR, "from_date": a} for _y, _r, c, a, _cl in rows
        ])
    with new_store.read() as session:
        stored = session.execute(select(Case.admitted_on, Case.closed_on)).all()
    facts = load_facts(new_store)
    report = build_report(facts, 2020, dt.date(2027, 1, 1))
    assert len(report.series) >= 10
    for figures in report.series:
        flows = figures.stock_flow
        end = year_end(figures.year)
        assert flows.running_at_end == running_on(stored, end)
        assert flows.running_at_start == running_on(stored, year_end(figures.year - 1))
        assert flows.running_at_start + flows.admitted - flows.closed == flows.running_at_end
        assert sum(figures.running_by_category.values()) == flows.running_at_end
        assert sum(figures.closed_by_reason.values()) == flows.closed
        assert sum(figures.caseload_by_coach.values()) + figures.without_coach == flows.running_at_end
