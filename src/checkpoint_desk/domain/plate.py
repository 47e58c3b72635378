"""Vehicle plates (GA 36-2018), normalised to upper case without separators.

Accepted: ordinary 7-character plates (``鲁H12345``), new-energy 8-character plates
(small ``鲁HD12345``, large ``鲁H12345D``), trailer ``挂``, police ``警``, coach ``学``,
Hong Kong / Macau ``粤Z1234港``, consulate ``沪A1234领`` and embassy ``使014578``.
"""

from __future__ import annotations

import re
import unicodedata

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_P = f"[{PROVINCES}]"
_SERIAL = "[A-HJ-NP-Z0-9]"  # plates never use I or O: they read as 1 and 0
_PLATE = re.compile(
    "|".join(
        (
            rf"{_P}[A-Z]{_SERIAL}{{5}}",  # ordinary
            rf"{_P}[A-Z][DF]{_SERIAL}[0-9]{{4}}",  # small new-energy
            rf"{_P}[A-Z][0-9]{{5}}[DF]",  # large new-energy
            rf"{_P}[A-Z]{_SERIAL}{{4}}[挂警学领]",  # trailer, police, coach, consulate
            rf"粤Z{_SERIAL}{{4}}[港澳]",  # Hong Kong and Macau cross-border
            r"使[0-9]{6}",  # embassy
        )
    ),
    re.ASCII,
)
_SEPARATORS = re.compile(r"[\s·•・‧.\-_]+")


def normalise_plate_text(text: str) -> str:
    """Half-width, upper case, without spaces, dots or dashes."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()


def parse_plate(text: str) -> str:
    """The plate in its normal form; raise ValidationError when it is not a plate."""
    value = normalise_plate_text(text)
    if not value:
        raise ValidationError("plate_empty", N_("Enter a plate number."))
    if _PLATE.fullmatch(value):
        return value
    if len(value) > 2 and _PLATE.fullmatch(
        value[:2] + value[2:].replace("O", "0").replace("I", "1")
    ):
        raise ValidationError(
            "plate_format", N_("Plates do not use the letters I and O: did you mean 1 or 0?")
        )
    raise ValidationError(
        "plate_format",
        N_("Plate should look like 鲁H12345 (new energy: 鲁HD12345); got {plate}."),
        plate=value[:12],
    )


def is_valid_plate(text: str) -> bool:
    """True when ``text`` is a plate in any accepted form."""
    try:
        parse_plate(text)
    except ValidationError:
        return False
    return True
