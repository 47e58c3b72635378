"""Time: one injectable clock, UTC inside, local time only when shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo

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


def day_bounds(day: date, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The UTC instants where the local calendar ``day`` starts and ends.

    ``tz`` is the zone the day is counted in; None: the machine's local zone (which
    may change offset inside the day, so each end is localised on its own).
    """
    after = day + timedelta(days=1)
    if tz is None:
        start = datetime.combine(day, time.min).astimezone()
        end = datetime.combine(after, time.min).astimezone()
    else:
        start = datetime.combine(day, time.min, tzinfo=tz)
        end = datetime.combine(after, time.min, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)
