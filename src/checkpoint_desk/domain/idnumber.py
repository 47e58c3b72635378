"""Resident ID numbers (GB 11643-1999): region, birth date, ISO 7064 MOD 11-2 check.

15-digit numbers issued before 1999 are recognised and upgraded to 18 characters
(birth year 19YY, check character computed), as the public security bureau does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_

# Province-level prefixes of GB/T 2260. The full county table changes every year and
# is not needed to catch typing mistakes; the check character catches the rest.
PROVINCE_CODES = frozenset(
    {
        *(str(n) for n in range(11, 16)),
        *(str(n) for n in range(21, 24)),
        *(str(n) for n in range(31, 38)),
        *(str(n) for n in range(41, 47)),
        *(str(n) for n in range(50, 55)),
        *(str(n) for n in range(61, 66)),
        "71",
        "81",
        "82",
        "83",
    }
)

_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"
_SPACES = re.compile(r"[\s\-]+")
_ALLOWED = re.compile(r"[0-9X]*", re.ASCII)
EARLIEST_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True)
class IdNumber:
    """A valid resident ID number and what it says about its holder."""

    number: str
    region: str
    birth_date: date
    sex: str
    upgraded_from_15: bool = False


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalise_id_text(text: str) -> str:
    """Full-width to half-width, spaces and dashes removed, ``x`` upper-cased."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).upper()


def parse_id_number(text: str, today: date | None = None) -> IdNumber:
    """Check an ID number as typed or read; raise ValidationError saying what is wrong.

    ``today`` bounds the birth date (default: the machine's date).
    """
    value = normalise_id_text(text)
    if not value:
        raise ValidationError("id_empty", N_("Enter an ID number."))
    if not _ALLOWED.fullmatch(value):
        raise ValidationError("id_characters", N_("An ID number has only digits and a final X."))
    if len(value) not in (15, 18):
        raise ValidationError(
            "id_length",
            N_("An ID number has 18 characters (or 15 for old ones), not {length}."),
            length=len(value),
        )
    if "X" in value[:-1] or (len(value) == 15 and value.endswith("X")):
        raise ValidationError("id_characters", N_("An ID number has only digits and a final X."))
    if value[:2] not in PROVINCE_CODES:
        raise ValidationError(
            "id_region",
            N_("ID number region {region} is not a province code."),
            region=value[:2],
        )
    upgraded = len(value) == 15
    if upgraded:
        first17 = value[:6] + "19" + value[6:]
        value = first17 + check_character(first17)
    birth = _birth_date(value[6:14], today or date.today())
    expected = check_character(value[:17])
    if value[17] != expected:
        raise ValidationError(
            "id_checksum",
            N_("ID number check character should be {expected}; please check the digits."),
            expected=expected,
        )
    sex = "male" if int(value[16]) % 2 else "female"
    return IdNumber(value, value[:6], birth, sex, upgraded)


def _birth_date(digits: str, today: date) -> date:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(
            "id_birth_date",
            N_("ID number birth date {digits} is not a real date."),
            digits=digits,
        ) from None
    if born < EARLIEST_BIRTH or born > today:
        raise ValidationError(
            "id_birth_date",
            N_("ID number birth date {digits} is out of range."),
            digits=digits,
        )
    return born


def is_valid_id_number(text: str, today: date | None = None) -> bool:
    """True when ``text`` is a valid 18-digit or legacy 15-digit ID number."""
    try:
        parse_id_number(text, today)
    except ValidationError:
        return False
    return True
