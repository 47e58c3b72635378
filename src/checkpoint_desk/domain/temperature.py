"""Body temperature as a volunteer types it: ``36.5``, ``36,5``, ``365``, ``98.6F``.

Shorthand without a decimal point: two digits are whole degrees (``36`` → 36.0),
three digits carry one decimal (``365`` → 36.5). Values between 93.2 and 109.4 are
Fahrenheit (a forehead thermometer set to °F) and are converted. Four or more digits
without a point (``3650``: 36.50 or 365.0?) are refused rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_

LOWEST_C = Decimal("34.0")
HIGHEST_C = Decimal("43.0")
LOWEST_F = Decimal("93.2")
HIGHEST_F = Decimal("109.4")

_UNIT = re.compile(r"\s*(?:°|度)?\s*(?P<unit>[CF])?\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"(?P<whole>[0-9]{1,3})(?:[.,](?P<frac>[0-9]{0,3}))?", re.ASCII)
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Temperature:
    """A plausible body temperature in °C; ``converted`` when it was typed in °F."""

    celsius: float
    converted: bool = False


def _format_error() -> ValidationError:
    return ValidationError("temperature_format", N_("Type the temperature like 36.5 or 365."))


def _range_error() -> ValidationError:
    return ValidationError(
        "temperature_range",
        N_("Temperature must be between {low} and {high} ℃; measure again."),
        low=str(LOWEST_C),
        high=str(HIGHEST_C),
    )


def parse_temperature(text: str) -> Temperature:
    """The temperature ``text`` means; raise ValidationError when it means none."""
    value = unicodedata.normalize("NFKC", text).strip()  # ℃ → °C, full-width digits
    if not value:
        raise ValidationError("temperature_empty", N_("Enter the temperature."))
    if len(value) > 16:
        raise _format_error()
    unit_match = _UNIT.search(value)
    unit = ""
    if unit_match is not None:  # always matches, maybe empty; a bare ° or 度 says nothing
        unit = (unit_match.group("unit") or "").upper()
        value = value[: unit_match.start()]
    number = _NUMBER.fullmatch(value)
    if number is None:
        if value.isascii() and value.isdigit() and len(value) in (4, 5):
            raise ValidationError(
                "temperature_format",
                N_("{value} is ambiguous: type the temperature with a point, like 36.5."),
                value=value,
            )
        raise _format_error()
    candidates = _candidates(number.group("whole"), number.group("frac"))
    for reading in candidates:
        if unit in ("", "C") and LOWEST_C <= reading <= HIGHEST_C:
            return Temperature(float(reading.quantize(_TENTH, ROUND_HALF_UP)))
        if unit in ("", "F") and LOWEST_F <= reading <= HIGHEST_F:
            celsius = ((reading - 32) * 5 / 9).quantize(_TENTH, ROUND_HALF_UP)
            return Temperature(float(celsius), converted=True)
    raise _range_error()


def _candidates(whole: str, frac: str | None) -> tuple[Decimal, ...]:
    """What the digits may mean, most likely first."""
    if frac is not None:
        return (Decimal(f"{whole}.{frac or 0}"),)
    if len(whole) == 3:
        # 365 → 36.5; but 100 or 104 typed on a °F thermometer are whole degrees.
        return (Decimal(whole) / 10, Decimal(whole))
    return (Decimal(whole),)


def format_temperature(value: Temperature) -> str:
    """The temperature as shown and stored: ``36.5``."""
    return f"{value.celsius:.1f}"
