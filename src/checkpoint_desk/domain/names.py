"""Pinyin initials of a name, for look-up by what a volunteer types: ``zs`` → 张三."""

from __future__ import annotations

import os
import re
import unicodedata

# pypinyin (0.55) has no surname mode, so a few common surnames whose everyday
# reading differs are read as surnames when they open the name: 单 Shàn, not dān.
SURNAME_INITIALS: dict[str, str] = {
    "单": "s",
    "曾": "z",
    "解": "x",
    "仇": "q",
    "区": "o",
    "查": "z",
    "朴": "p",
}

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_PARTS = re.compile(rf"[{_HAN}]+|[^\W\d_{_HAN}]+")


def name_initials(name: str) -> str:
    """Lower-case initials: one per Chinese character, one per word of other letters.

    ``张三`` → ``zs``, ``Li Na`` → ``ln``, ``张Lily`` → ``zl``, ``单田芳`` → ``stf``.
    Digits, punctuation and characters without a reading are left out.
    """
    text = unicodedata.normalize("NFKC", name).strip()
    letters: list[str] = []
    for index, match in enumerate(_PARTS.finditer(text)):
        part = match.group()
        if not _is_han(part[0]):
            letters.append(part[0].lower())
            continue
        first = ""
        if index == 0 and match.start() == 0 and part[0] in SURNAME_INITIALS:
            first, part = SURNAME_INITIALS[part[0]], part[1:]
        letters.append(first)
        if part:
            letters.extend(_first_letters(part))
    return "".join(letters).lower()


def _first_letters(han: str) -> list[str]:
    """Each character's first letter in its commonest reading.

    Names gain nothing from pypinyin's phrase dictionary (0.6 s to load, ~100 MB):
    its phrases are words, not names, and surnames are handled above. pypinyin reads
    this switch when it is first imported, which is why the import is here.
    """
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import Style, lazy_pinyin

    return list(lazy_pinyin(han, style=Style.FIRST_LETTER, errors="ignore"))


def _is_han(char: str) -> bool:
    return re.fullmatch(f"[{_HAN}]", char) is not None
