"""Reviews: a case discussed in the core team, with progress per life domain and the next date.

Recording a review plans the next one (by default the case's review cadence later) and moves the
case's ``next_review_on``, which drives the "review overdue" signal. A review entered late, dated
before the case's latest review, is kept but does not move the plan: the later review already set
it. Removing a review (undo) puts back the date the case had before that review.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from zvkd_desktop.domain.dates import format_nl
from zvkd_desktop.domain.vocabulary import LifeDomain
from zvkd_desktop.errors import ValidationError
from zvkd_desktop.services.access import require_case, require_case_write
from zvkd_desktop.services.audit import record_row
from zvkd_desktop.services.context import ServiceContext
from zvkd_desktop.services.validation import clean_text, live_row, not_in_future
from zvkd_desktop.store.models import AuditEntry, Case, Meeting, Review, ReviewProgress

__all__ = ["ReviewView", "record_review", "remove_review", "reviews"]

_DOMAIN_ORDER = {domain: index for index, domain in enumerate(LifeDomain)}


@dataclass(frozen=True)
class ReviewView:
    id: uuid.UUID
    case_id: uuid.UUID
    reviewed_on: date
    progress: tuple[tuple[LifeDomain, str], ...]
    """(life domain, progress) in the life domains' fixed order; domains without text left out."""
    decisions: str | None
    next_review_on: date | None
    meeting_id: uuid.UUID | None

    @property
    def progress_by_domain(self) -> dict[LifeDomain, str]:
        return dict(self.progress)


def _progress(progress: Mapping[LifeDomain, str]) -> list[tuple[LifeDomain, str]]:
    cleaned: list[tuple[LifeDomain, str]] = []
    for key, text in progress.items():
        try:
            domain = LifeDomain(key)
        except ValueError:
            raise ValidationError(
                f"'{key}' is geen leefgebied. Kies een leefgebied uit de lijst.",
                code="unknown_life_domain",
            ) from None
        value = clean_text(text, field="progress", label="de voortgang")
        if value is not None:
            cleaned.append((domain, value))
    return sorted(cleaned, key=lambda pair: _DOMAIN_ORDER[pair[0]])


def _live_reviews(session: Session, case_id: uuid.UUID) -> list[Review]:
    """Oldest first; on one day, in the order they were entered."""
    return list(
        session.scalars(
            select(Review)
            .where(Review.case_id == case_id, Review.deleted_at.is_(None))
            .order_by(Review.reviewed_on, Review.created_at)
        )
    )


def record_review(
    ctx: ServiceContext,
    *,
    case_id: uuid.UUID,
    reviewed_on: date,
    progress: Mapping[LifeDomain, str],
    decisions: str | None,
    next_review_on: date | None = None,
    meeting_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Record a review; without ``next_review_on`` the next one is one review cadence later.

    Refused: a review dated in the future, before admission or after the case's closure, and a
    next review on or before this one.
    """
    with ctx.store.transaction() as session:
        require_case_write(session, ctx.user, case_id)
        case = live_row(session, Case, case_id, "de casus")
        not_in_future(reviewed_on, ctx.today(), label="de bespreekdatum", code="review_in_future")
        if reviewed_on < case.admitted_on:
            raise ValidationError(
                f"De bespreking op {format_nl(reviewed_on)} ligt vóór de opname op "
                f"{format_nl(case.admitted_on)}. Kies een datum op of na de opname.",
                code="review_before_admission",
            )
        if case.closed_on is not None and reviewed_on > case.closed_on:
            raise ValidationError(
                f"De casus is afgesloten op {format_nl(case.closed_on)}; een bespreking op "
                f"{format_nl(reviewed_on)} kan niet meer. Heropen de casus als dat nodig is.",
                code="review_after_closure",
            )
        if next_review_on is None and case.closed_on is None:
            next_review_on = reviewed_on + timedelta(weeks=case.review_cadence_weeks)
        if next_review_on is not None and next_review_on <= reviewed_on:
            raise ValidationError(
                f"De volgende bespreking ({format_nl(next_review_on)}) moet na deze bespreking "
                f"({format_nl(reviewed_on)}) liggen.",
                code="next_review_not_after_review",
            )
        if meeting_id is not None:
            live_row(session, Meeting, meeting_id, "het kernteamoverleg")
        entries = _progress(progress)
        note = clean_text(decisions, field="decisions", label="de besluiten")

        latest = max((r.reviewed_on for r in _live_reviews(session, case_id)), default=None)
        is_latest = latest is None or reviewed_on >= latest
        if case.closed_on is None and is_latest and case.next_review_on != next_review_on:
            # recorded before the review itself, so remove_review finds the old date right
            # before the review's own audit entry
            case.next_review_on = next_review_on
            record_row(session, ctx.user, "update", case, case_id=case_id)
        review = Review(
            id=uuid.uuid4(),
            case_id=case_id,
            meeting_id=meeting_id,
            reviewed_on=reviewed_on,
            decisions=note,
            next_review_on=next_review_on,
        )
        session.add(review)
        record_row(session, ctx.user, "create", review, case_id=case_id)
        for domain, text in entries:
            row = ReviewProgress(
                id=uuid.uuid4(), review_id=review.id, life_domain=domain, progress=text
            )
            session.add(row)
            record_row(session, ctx.user, "create", row, case_id=case_id)
        return review.id


def _date_before(session: Session, review: Review) -> tuple[bool, date | None]:
    """(found, the case's next review date just before ``review`` was recorded)."""
    created = session.scalar(
        select(AuditEntry.seq).where(
            AuditEntry.table_name == Review.__tablename__,
            AuditEntry.record_id == review.id,
            AuditEntry.action == "create",
        )
    )
    if created is None:
        return False, None
    entry = session.get(AuditEntry, created - 1)
    if (
        entry is None
        or entry.table_name != Case.__tablename__
        or entry.record_id != review.case_id
        or not entry.changes
        or "next_review_on" not in entry.changes
    ):
        return False, None
    old = entry.changes["next_review_on"][0]
    return True, date.fromisoformat(old) if old else None


def remove_review(ctx: ServiceContext, review_id: uuid.UUID) -> None:
    """Undo a review: tombstone it and put back the case's next review date.

    When a review remains, the latest one's next date is the plan again; when none remains, the
    date the case had just before this review was recorded (from the audit log, written in the
    same transaction as the review).
    """
    with ctx.store.transaction() as session:
        review = live_row(session, Review, review_id, "de bespreking")
        require_case_write(session, ctx.user, review.case_id)
        case = live_row(session, Case, review.case_id, "de casus")
        others = [r for r in _live_reviews(session, case.id) if r.id != review.id]
        was_latest = all(r.reviewed_on <= review.reviewed_on for r in others)
        if case.closed_on is None and was_latest:
            if others:
                restored: date | None = others[-1].next_review_on
            else:
                found, restored = _date_before(session, review)
                if not found:
                    restored = case.next_review_on
            if restored != case.next_review_on:
                case.next_review_on = restored
                record_row(session, ctx.user, "update", case, case_id=case.id)
        for row in session.scalars(
            select(ReviewProgress).where(
                ReviewProgress.review_id == review.id, ReviewProgress.deleted_at.is_(None)
            )
        ):
            row.tombstone()
            record_row(session, ctx.user, "delete", row, case_id=case.id)
        review.tombstone()
        record_row(session, ctx.user, "delete", review, case_id=case.id)


def reviews(ctx: ServiceContext, case_id: uuid.UUID) -> list[ReviewView]:
    """The case's reviews, newest first."""
    with ctx.store.read() as session:
        require_case(session, ctx.user, case_id)
        live_row(session, Case, case_id, "de casus")
        rows = session.scalars(
            select(Review)
            .where(Review.case_id == case_id, Review.deleted_at.is_(None))
            .order_by(Review.reviewed_on.desc(), Review.created_at.desc())
            .options(selectinload(Review.progress))
        ).all()
        return [
            ReviewView(
                review.id,
                review.case_id,
                review.reviewed_on,
                tuple(
                    sorted(
                        (
                            (p.life_domain, p.progress)
                            for p in review.progress
                            if p.deleted_at is None and p.progress
                        ),
                        key=lambda pair: _DOMAIN_ORDER[pair[0]],
                    )
                ),
                review.decisions,
                review.next_review_on,
                review.meeting_id,
            )
            for review in rows
        ]
