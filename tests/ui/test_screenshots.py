"""``make screenshots`` renders every main state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.screenshots import render


def test_screenshots_render_every_state_at_desk_size(qtbot: QtBot, tmp_path: Path) -> None:
    written = render(tmp_path / "shots")
    names = {path.stem for path in written}
    assert {"idle-zh_CN", "pass-zh_CN", "stop-disposition-zh_CN", "stop-dark-zh_CN"} <= names
    assert {"shift-start-zh_CN", "search-en", "pass-en", "inside-zh_CN"} <= names
    assert "vehicle-zh_CN" in names
    assert {"hub-zh_CN", "hub-en"} <= names
    for lang in ("zh_CN", "en"):
        for theme in ("light", "dark"):
            for scale in ("1.0", "1.5"):
                for state in ("idle", "pass", "stop", "check"):
                    assert f"{state}-{lang}-{theme}-{scale}" in names
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768), path
