"""Screening: what the desk knows about a visitor → pass, or stop with reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from checkpoint_desk.clock import as_utc
from checkpoint_desk.domain.verdict import Reason, Verdict

if TYPE_CHECKING:
    from checkpoint_desk.settings import Settings

HEALTH_CODE_COLOURS = ("green", "yellow", "red", "unknown")

# The thresholds a station starts with; the hub's ledgers use them too.
DEFAULT_FEVER_THRESHOLD_C = 37.3
DEFAULT_NAT_VALIDITY_DAYS = 7

# Reasons a code reader may give that stop the visitor. Anything a reader reports
# that is not listed in NOTICE_CODES stops as well: an unknown problem is a problem.
NOTICE_CODES = frozenset({"demo_code"})

_POSITIVE = frozenset({"positive", "pos", "阳性"})

# Most serious first: the banner shows the first reason largest.
_ORDER = (
    "deny_list",
    "health_code_red",
    "fever",
    "nat_positive",
    "health_code_yellow",
    "travel_risk",
    "household_quota",
    "nat_stale",
    "health_code_unconfirmed",
    "no_code",
    "temperature_missing",
)


@dataclass(frozen=True)
class ScreeningRules:
    """The station's thresholds (settings ``fever_threshold_c``, ``nat_validity_days``),
    whether a visitor who shows no code at all is stopped (``no_code_stops``) and the
    household rule (一户一天N人): at most ``household_exit_quota`` exits per household
    and day, 0 = no rule (the office's setting, or a supervisor's at the desk)."""

    fever_threshold_c: float = DEFAULT_FEVER_THRESHOLD_C
    nat_validity_days: int = DEFAULT_NAT_VALIDITY_DAYS
    no_code_stops: bool = False
    household_exit_quota: int = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> ScreeningRules:
        return cls(
            fever_threshold_c=settings.values.fever_threshold_c,
            nat_validity_days=settings.values.nat_validity_days,
            no_code_stops=settings.values.no_code_stops,
            household_exit_quota=settings.values.household_exit_quota,
        )


@dataclass(frozen=True)
class ScreeningInput:
    """Everything known about one visitor at the moment of the verdict.

    ``health_code`` is the colour; it counts when it came from a verified signed
    code, when the volunteer confirmed it (G/Y/R) for an unverified one, or when it
    was written down by hand (``health_code_scanned`` false). A scanned code that
    is neither verified nor confirmed stops as ``health_code_unconfirmed``. No health
    code at all (a resident showing only a pass) is not a reason by itself.

    A nucleic-acid test is stale when ``nat_at`` is older than the validity, or when
    ``nat_required`` and there is none. ``code_reasons`` are the reason codes of the
    scanned codes' readings (``signature_invalid``, ``expired``, …).
    ``code_checked`` is false when no code at all was scanned (nor a colour written
    down): with the rule ``no_code_stops`` that stops as ``no_code``.
    ``household_exits`` is how many exits the visitor's household has made today
    (before this one); None when this visit is no exit or names no household.
    """

    now: datetime
    temperature_c: float | None = None
    health_code: str = "unknown"
    health_code_verified: bool = False
    health_code_confirmed: bool = False
    health_code_scanned: bool = False
    travel_risk: bool | None = None
    nat_result: str | None = None
    nat_at: datetime | None = None
    nat_required: bool = False
    deny_listed: bool = False
    code_reasons: tuple[str, ...] = ()
    code_checked: bool = True
    household_exits: int | None = None


def screen(inp: ScreeningInput, rules: ScreeningRules) -> Verdict:
    """The verdict for one visitor: stop when any rule gives a reason."""
    found: list[Reason] = []
    if inp.deny_listed:
        found.append(Reason.of("deny_list"))
    found.extend(_temperature_reasons(inp, rules))
    found.extend(_health_code_reasons(inp))
    if rules.no_code_stops and not inp.code_checked:
        found.append(Reason.of("no_code"))
    if inp.travel_risk:
        found.append(Reason.of("travel_risk"))
    found.extend(_nat_reasons(inp, rules))
    quota = rules.household_exit_quota
    if quota > 0 and inp.household_exits is not None and inp.household_exits >= quota:
        found.append(Reason.of("household_quota", quota=quota))
    found.sort(key=lambda r: _ORDER.index(r.code))
    # Code readings' problems (invalid signature, expired pass…) come right after a
    # deny-list hit: they say the other facts cannot be trusted.
    code_problems = [
        Reason.of(code) for code in dict.fromkeys(inp.code_reasons) if code not in NOTICE_CODES
    ]
    at = 1 if found and found[0].code == "deny_list" else 0
    found[at:at] = code_problems
    return Verdict.from_reasons(found)


def _temperature_reasons(inp: ScreeningInput, rules: ScreeningRules) -> list[Reason]:
    if inp.temperature_c is None:
        return [Reason.of("temperature_missing")]
    # Compare in tenths of a degree, as shown, so 37.3 is a fever at a 37.3 threshold.
    if round(inp.temperature_c * 10) >= round(rules.fever_threshold_c * 10):
        return [
            Reason.of(
                "fever",
                temperature=f"{inp.temperature_c:.1f}",
                threshold=f"{rules.fever_threshold_c:.1f}",
            )
        ]
    return []


def _health_code_reasons(inp: ScreeningInput) -> list[Reason]:
    colour = inp.health_code.strip().lower()
    if colour == "red":
        return [Reason.of("health_code_red")]
    if colour == "yellow":
        return [Reason.of("health_code_yellow")]
    if inp.health_code_scanned and not (inp.health_code_verified or inp.health_code_confirmed):
        return [Reason.of("health_code_unconfirmed")]
    return []


def _nat_reasons(inp: ScreeningInput, rules: ScreeningRules) -> list[Reason]:
    found: list[Reason] = []
    if inp.nat_result is not None and inp.nat_result.strip().lower() in _POSITIVE:
        found.append(Reason.of("nat_positive"))
    validity = timedelta(days=rules.nat_validity_days)
    if inp.nat_at is None:
        stale = inp.nat_required
    else:
        stale = as_utc(inp.now) - as_utc(inp.nat_at) > validity
    if stale:
        found.append(Reason.of("nat_stale", days=rules.nat_validity_days))
    return found
