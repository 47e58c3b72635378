"""Phone numbers: mainland mobiles (``13812345678``) and landlines (``0531-12345678``).

Extensions are refused: the desk records a number the visitor can be called back
on, and an extension behind a switchboard rarely is one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_

_SEPARATORS = re.compile(r"[\s\-()\.]+")
_MOBILE = re.compile(r"1[3-9][0-9]{9}", re.ASCII)
# Area codes: 010 and 020-029 have three characters, every other one four (0xxx).
_AREA = re.compile(r"0(?:10|2[0-9]|[3-9][0-9]{2})", re.ASCII)
_LOCAL = re.compile(r"[1-9][0-9]{6,7}", re.ASCII)
_EXTENSION = re.compile(r"[0-9]\s*(?:转|ext\.?|x|#|分机)\s*[0-9]", re.IGNORECASE)


@dataclass(frozen=True)
class Phone:
    """A normalised phone number: ``kind`` is ``mobile`` or ``landline``."""

    number: str
    kind: str


def _format_error() -> ValidationError:
    return ValidationError(
        "phone_format",
        N_("Phone should be an 11-digit mobile or a landline with area code (0531-12345678)."),
    )


def parse_phone(text: str) -> Phone:
    """Normalise a typed phone number; raise ValidationError when it is not one."""
    raw = unicodedata.normalize("NFKC", text).strip()
    if not raw:
        raise ValidationError("phone_empty", N_("Enter a phone number."))
    if _EXTENSION.search(raw):
        raise ValidationError(
            "phone_format", N_("Leave out the extension: enter a number that can be called.")
        )
    international = False
    if raw.startswith("+"):
        raw = raw[1:].lstrip()
        if not raw.startswith("86"):
            raise _format_error()
        raw, international = raw[2:], True
    elif raw.startswith("0086"):
        raw, international = raw[4:], True
    parts = [p for p in _SEPARATORS.split(raw) if p]
    digits = "".join(parts)
    if not digits.isascii() or not digits.isdigit():
        raise _format_error()
    if _MOBILE.fullmatch(digits):
        return Phone(digits, "mobile")
    if international and not digits.startswith("0"):
        digits = "0" + digits  # +86 531 12345678 drops the trunk prefix
        if parts:
            parts[0] = "0" + parts[0]
    return Phone(_landline(digits, parts), "landline")


def _landline(digits: str, parts: list[str]) -> str:
    area = _AREA.match(digits)
    if area is None:
        raise _format_error()
    local = digits[area.end() :]
    if not _LOCAL.fullmatch(local):
        raise _format_error()
    # Typed with a separator: the split must be where the area code ends.
    if len(parts) > 1 and parts[0] != area.group():
        raise _format_error()
    return f"{area.group()}-{local}"


def format_phone(phone: Phone) -> str:
    """The number as stored and shown (before masking)."""
    return phone.number
