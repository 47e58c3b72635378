"""What a record may hold at all: text without control characters, times in a sane range.

These checks are shared by the desk's entry (the form, ``import-visits``) and the
wire schemas the hub validates with, so a value the hub would refuse is refused
where it is typed, not discovered at sync time. They guard the databases too:
PostgreSQL cannot store NUL in text; a time like ``0001-01-01T00:00:00+14:00``
leaves Python's calendar when moved to UTC; a revision at 2^63 − 1 leaves no room
for the next edit.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime

from checkpoint_desk.clock import as_utc
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_

MAX_REVISION = 2**53 - 1
"""Highest revision or audit seq: exact in every JSON reader (doubles), far above any
real count of edits, and far below int64 so that no record can be pushed to a revision
that cannot be followed."""

EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
"""Times outside [EARLIEST, LATEST) are refused: a desk whose clock reset to 1970 is
still heard (its records are flagged elsewhere), and nothing overflows on the way to UTC."""
EARLIEST_DAY = EARLIEST.date()
LATEST_DAY = LATEST.date()

# Control characters (C0, DEL, C1) as regex class ranges (escapes, valid in Python's
# and in pydantic-core's regex syntax). A line allows none; a text (a note) keeps tab
# and line breaks. Lone surrogates, which no database can store as UTF-8, are refused
# too (on the wire the JSON parser already refuses them).
LINE_FORBIDDEN = r"\x00-\x1f\x7f-\x9f"
TEXT_FORBIDDEN = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SURROGATES = r"\ud800-\udfff"
_LINE = re.compile(f"[{LINE_FORBIDDEN}{_SURROGATES}]")
_TEXT = re.compile(f"[{TEXT_FORBIDDEN}{_SURROGATES}]")


def control_character(value: str, *, multiline: bool = False) -> str | None:
    """The first character ``value`` must not hold, else None."""
    found = (_TEXT if multiline else _LINE).search(value)
    return found.group() if found else None


def check_text(value: str, *, multiline: bool = False) -> str:
    """``value`` unchanged, or ValidationError ``text_control`` naming the character."""
    char = control_character(value, multiline=multiline)
    if char is not None:
        raise ValidationError(
            "text_control",
            N_("Remove the control character U+{char} (pasted or scanned by mistake)."),
            char=f"{ord(char):04X}",
        )
    return value


def check_moment(value: datetime, what: str) -> datetime:
    """``value`` in UTC (naive: local time) when in [1970, 2200), else ``time_range``."""
    try:
        moment = as_utc(value)
        inside = EARLIEST <= moment < LATEST
    except (OverflowError, ValueError):  # 0001-01-01T00:00+14:00 is before year 1 in UTC
        inside = False
    if not inside:
        raise ValidationError(
            "time_range",
            N_("{what} {value} is not a time between 1970 and 2200."),
            what=what,
            value=value.isoformat(),
        )
    return moment


def check_day(value: date, what: str) -> date:
    """A ``value`` in [1970, 2200), else ValidationError ``time_range``."""
    if not EARLIEST_DAY <= value < LATEST_DAY:
        raise ValidationError(
            "time_range",
            N_("{what} {value} is not a time between 1970 and 2200."),
            what=what,
            value=value.isoformat(),
        )
    return value


MAX_HOUSEHOLD = 200
"""Longest household (a pass's address or the form's household field), in characters."""


def household_key(value: str | None) -> str | None:
    """A household as it is stored and counted (the household rule, 一户一天N人): width
    and spacing normalised (``3号楼 2单元`` and ``3号楼2单元`` are one household), at most
    ``MAX_HOUSEHOLD`` characters; None when empty. A control character is refused."""
    if value is None:
        return None
    text = "".join(unicodedata.normalize("NFKC", value).split())
    if not text:
        return None
    check_text(text)
    return text[:MAX_HOUSEHOLD]
