"""Which scheme reads a code: the first in ``SCHEMES`` that recognises its text.

Adding a scheme is one module under ``codes/schemes`` and one line here.
"""

from __future__ import annotations

from dataclasses import replace
from types import ModuleType

from checkpoint_desk.codes.context import ReadContext
from checkpoint_desk.codes.reading import CodeReading, CodeStatus
from checkpoint_desk.codes.schemes import dcc, health, passes, travel, unverified
from checkpoint_desk.codes.signed import invalid

CLOCK_BEHIND = "clock_behind"

SCHEMES: tuple[ModuleType, ...] = (dcc, health, travel, passes, unverified)


def read_code(text: str, ctx: ReadContext) -> CodeReading:
    """The reading of ``text``; never raises on bad input (it reads as ``invalid``)."""
    return _with_clock(_read(text, ctx), ctx)


def _read(text: str, ctx: ReadContext) -> CodeReading:
    for scheme in SCHEMES:
        if scheme.recognise(text):
            try:
                reading: CodeReading = scheme.read(text, ctx)
            except Exception:  # a scheme bug must not take the desk down with it
                return invalid(scheme.SCHEME, text, "not_decodable", ctx)
            return reading
    return invalid(unverified.SCHEME, text, "not_decodable", ctx)


def _with_clock(reading: CodeReading, ctx: ReadContext) -> CodeReading:
    """A clock set back makes every time check doubtful: ``clock_behind``, never green."""
    if not ctx.clock_behind:
        return reading
    status = CodeStatus.INVALID if reading.status is CodeStatus.GREEN else reading.status
    return replace(reading, status=status, reasons=(*reading.reasons, CLOCK_BEHIND))
