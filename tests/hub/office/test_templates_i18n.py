"""zh_CN is complete for the office's templates: every ``_("…")`` has a translation."""

from __future__ import annotations

import re
from pathlib import Path

from checkpoint_desk.i18n import catalogue

TEMPLATES = (
    Path(__file__).resolve().parents[3] / "src" / "checkpoint_desk" / "hub" / "office" / "templates"
)
MARKED = re.compile(r"""_\(\s*(?:"([^"]+)"|'([^']+)')\s*\)""")


def test_every_template_string_has_a_chinese_translation() -> None:
    table = catalogue("zh_CN")
    found = {
        (a or b): path.name
        for path in TEMPLATES.glob("*.html")
        for a, b in MARKED.findall(path.read_text(encoding="utf-8"))
    }
    assert len(found) > 40  # the pattern still finds the templates' strings
    missing = sorted(f"{where}: {text!r}" for text, where in found.items() if text not in table)
    assert not missing, "untranslated (resources/translations/zh_CN/office.ts):\n" + "\n".join(
        missing
    )
