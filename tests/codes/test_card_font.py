"""The pass card finds a Chinese font in the packaged app, where only its bundled font is."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkpoint_desk.codes.card import FONT_ENV, FontMissing, find_cjk_font

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def test_bundled_font_named_by_the_environment_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "bundled-cjk.ttc"
    bundled.write_bytes(WQY.read_bytes())
    monkeypatch.setenv(FONT_ENV, str(bundled))
    monkeypatch.setattr("checkpoint_desk.codes.card.PDF_FONTS", ())
    assert find_cjk_font(candidates=(), search=()) == bundled
    monkeypatch.delenv(FONT_ENV)
    with pytest.raises(FontMissing):
        find_cjk_font(candidates=(), search=())


def test_no_font_anywhere_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FONT_ENV, raising=False)
    monkeypatch.setattr("checkpoint_desk.codes.card.PDF_FONTS", ())
    with pytest.raises(FontMissing, match="fonts-noto-cjk"):
        find_cjk_font(candidates=(), search=())
