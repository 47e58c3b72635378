"""Translation for strings outside Qt.

Strings are marked with ``N_()`` where they are written (English is the source
language) and translated where they are shown with ``gettext()``. The catalogue is
made of the Qt Linguist source files ``resources/translations/<lang>/*.ts`` (one
file per area of the code, so parallel work does not collide), read directly, so
the CLI and the Qt UI share one catalogue and no compiled file is committed. The
catalogue is one namespace: a source string has one translation whatever its
context.
"""

from __future__ import annotations

import locale
import os
import xml.etree.ElementTree as ET
from functools import cache

from checkpoint_desk.resources import resource_path

LANGUAGES = ("zh_CN", "en")

_current: list[str] = []


def N_(text: str) -> str:
    """Mark ``text`` for translation without translating it now."""
    return text


def system_language() -> str:
    """``zh_CN`` when the system locale is Chinese, else ``en``."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    loc = locale.getlocale()[0] or ""
    return "zh_CN" if loc.lower().startswith("zh") else "en"


def set_language(lang: str | None) -> str:
    """Make ``lang`` (or the system language) current; returns the one chosen."""
    chosen = lang if lang in LANGUAGES else system_language()
    _current[:] = [chosen]
    return chosen


def current_language() -> str:
    """The language set last, or the system language."""
    return _current[0] if _current else system_language()


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Source → translation for one language, from its ``.ts`` files."""
    if lang == "en":
        return {}
    folder = resource_path("translations", lang)
    table: dict[str, str] = {}
    for path in sorted(folder.glob("*.ts")):
        root = ET.parse(path).getroot()
        for message in root.iter("message"):
            source = message.findtext("source")
            node = message.find("translation")
            if source is None or node is None or not node.text:
                continue
            if node.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            table[source] = node.text
    return table


def gettext(text: str, lang: str | None = None) -> str:
    """``text`` translated into ``lang`` (default: the current language)."""
    return catalogue(lang or current_language()).get(text, text)
