"""Time: one injectable clock, UTC inside, local time only when shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_

Clock = Callable[[], datetime]
"""A callable returning the current time as an aware UTC datetime."""


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """An aware UTC datetime; naive values are taken as local time."""
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(UTC)


def to_local(value: datetime) -> datetime:
    """The same instant in the machine's local time zone, for display."""
    return as_utc(value).astimezone()


FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9998, 12, 31)
"""The days a ledger or a count can be asked for: past them a day's bounds overflow."""


def day_bounds(day: date, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The UTC instants where the local calendar ``day`` starts and ends.

    ``tz`` is the zone the day is counted in; None: the machine's local zone (which
    may change offset inside the day, so each end is localised on its own). A day
    outside ``FIRST_DAY``..``LAST_DAY`` (``9999-12-31`` has no next day to end at)
    raises ValidationError ``day_out_of_range``.
    """
    if not FIRST_DAY <= day <= LAST_DAY:
        from checkpoint_desk.errors import ValidationError
        from checkpoint_desk.i18n import N_

        raise ValidationError(
            "day_out_of_range",
            N_("{day} is out of range: give a day from {first} to {last}."),
            day=day.isoformat(),
            first=FIRST_DAY.isoformat(),
            last=LAST_DAY.isoformat(),
        )
    after = day + timedelta(days=1)
    if tz is None:
        start = datetime.combine(day, time.min).astimezone()
        end = datetime.combine(after, time.min).astimezone()
    else:
        start = datetime.combine(day, time.min, tzinfo=tz)
        end = datetime.combine(after, time.min, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


CLOCK_TOLERANCE = timedelta(minutes=10)
"""How far the clock may read behind the newest time the desk has seen."""


@dataclass(frozen=True)
class ClockStatus:
    """The clock against the newest time seen; ``behind`` when more than ten minutes
    (``services/clock_guard`` finds the newest time and audits it)."""

    now: datetime
    newest_seen: datetime | None

    @property
    def behind_s(self) -> float:
        if self.newest_seen is None:
            return 0.0
        return max(0.0, (self.newest_seen - self.now).total_seconds())

    @property
    def behind(self) -> bool:
        return self.behind_s > CLOCK_TOLERANCE.total_seconds()


def parse_day(text: str) -> date:
    """A day typed as YYYY-MM-DD (a ledger's, a trace's); a clear error otherwise."""
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError as exc:
        raise ValidationError(
            "export_day", N_("Not a day: {value} (use YYYY-MM-DD)"), value=text
        ) from exc
