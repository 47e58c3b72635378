"""The desk's Chinese strings do not change another area's words (one catalogue)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checkpoint_desk.resources import resource_path


def _table(name: str) -> dict[str, str]:
    root = ET.parse(resource_path("translations", "zh_CN", name)).getroot()
    return {
        m.findtext("source") or "": m.findtext("translation") or "" for m in root.iter("message")
    }


def test_ui_translations_agree_with_the_other_areas() -> None:
    ours = _table("ui.ts")
    folder = resource_path("translations", "zh_CN")
    clashes = [
        f"{path.name}: {source!r} → {theirs!r}, ui.ts → {ours[source]!r}"
        for path in sorted(folder.glob("*.ts"))
        if path.name != "ui.ts"
        for source, theirs in _table(path.name).items()
        if source in ours and ours[source] != theirs
    ]
    assert not clashes, "\n".join(clashes)


def test_the_verdict_words_read_naturally() -> None:
    ours = _table("ui.ts")
    assert (ours["PASS"], ours["STOP"], ours["CHECK"]) == ("通行", "拦截", "待确认")
    assert ours["Clear (Esc)"].startswith("清空")
    assert ours["Manual entry (Ctrl+N)"].startswith("手工登记")
