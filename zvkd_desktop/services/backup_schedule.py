"""When a backup is due: the schedule the coordinator sets, as pure functions of a given clock.

Kept apart from the services that read the store so the edges (the minute of the scheduled time,
a week boundary, a missed day) are tested with fixed datetimes and nothing else. A scheduled moment
missed because the program was not running is made up for at the first check after it: a daily
backup at 12:00 is made at 9:00 the next morning. "Bij afsluiten" is due only when closing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zvkd_desktop.domain.vocabulary import Labelled
from zvkd_desktop.errors import ValidationError

__all__ = ["WEEKDAYS", "BackupSchedule", "Frequency", "is_due", "next_due"]

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


class Frequency(Labelled):
    OFF = "off", "Uit"
    DAILY = "daily", "Dagelijks"
    WEEKLY = "weekly", "Wekelijks"
    ON_EXIT = "on_exit", "Bij afsluiten"


@dataclass(frozen=True)
class BackupSchedule:
    """What the coordinator chose; stored as short text (``to_text``/``parse``)."""

    frequency: Frequency = Frequency.DAILY
    at: dt.time = dt.time(12, 0)
    weekday: int = 4
    """0 is Monday (``date.weekday()``); used by the weekly schedule only."""

    def __post_init__(self) -> None:
        # a plain "daily" (as a Qt combo box hands it back) is taken as the member it names
        object.__setattr__(self, "frequency", Frequency(self.frequency))

    def to_text(self) -> str:
        """As stored: ``off``, ``on_exit``, ``daily 12:00`` or ``weekly 4 12:00``."""
        clock = self.at.strftime("%H:%M")
        if self.frequency is Frequency.DAILY:
            return f"daily {clock}"
        if self.frequency is Frequency.WEEKLY:
            return f"weekly {self.weekday} {clock}"
        return self.frequency.value

    @classmethod
    def parse(cls, text: str) -> BackupSchedule:
        parts = str(text).split()
        try:
            frequency = Frequency(parts[0]) if parts else None
            if frequency in (Frequency.OFF, Frequency.ON_EXIT) and len(parts) == 1:
                return cls(frequency)
            if frequency is Frequency.DAILY and len(parts) == 2:
                return cls(frequency, dt.time.fromisoformat(parts[1]))
            if frequency is Frequency.WEEKLY and len(parts) == 3 and 0 <= int(parts[1]) <= 6:
                return cls(frequency, dt.time.fromisoformat(parts[2]), int(parts[1]))
        except ValueError:
            pass
        raise ValidationError(
            f"'{text}' is geen back-upschema. Kies 'off', 'on_exit', 'daily UU:MM' of "
            "'weekly D UU:MM' (D: 0 = maandag … 6 = zondag).",
            code="bad_backup_schedule",
        )

    def describe(self) -> str:
        clock = self.at.strftime("%H:%M")
        if self.frequency is Frequency.DAILY:
            return f"dagelijks om {clock}"
        if self.frequency is Frequency.WEEKLY:
            return f"elke {WEEKDAYS[self.weekday]} om {clock}"
        if self.frequency is Frequency.ON_EXIT:
            return "bij het afsluiten van het programma"
        return "uit (alleen met de hand)"


def _latest_moment(schedule: BackupSchedule, now: dt.datetime) -> dt.datetime | None:
    """The most recent scheduled moment at or before ``now`` (None: no timed schedule)."""
    if schedule.frequency is Frequency.DAILY:
        moment = dt.datetime.combine(now.date(), schedule.at)
        return moment if moment <= now else moment - dt.timedelta(days=1)
    if schedule.frequency is Frequency.WEEKLY:
        back = (now.weekday() - schedule.weekday) % 7
        moment = dt.datetime.combine(now.date() - dt.timedelta(days=back), schedule.at)
        return moment if moment <= now else moment - dt.timedelta(days=7)
    return None


def is_due(
    schedule: BackupSchedule, last: dt.datetime | None, now: dt.datetime, *, exiting: bool = False
) -> bool:
    """Is a backup due at ``now``, the newest one having been made at ``last``?

    Timed schedules: when no backup was made since the latest scheduled moment (or none ever).
    "Bij afsluiten": only when the program is closing. Closing never triggers a timed schedule.
    """
    if schedule.frequency is Frequency.ON_EXIT:
        return exiting
    moment = _latest_moment(schedule, now)
    if moment is None or exiting:
        return False
    return last is None or last < moment


def next_due(
    schedule: BackupSchedule, last: dt.datetime | None, now: dt.datetime
) -> dt.datetime | None:
    """When the next timed backup is due (``now`` when it is due already; None: not timed)."""
    moment = _latest_moment(schedule, now)
    if moment is None:
        return None
    if is_due(schedule, last, now):
        return now
    period = dt.timedelta(days=1 if schedule.frequency is Frequency.DAILY else 7)
    return moment + period
