"""The banner's word and its second-language word stay together on the left, whether
or not the notice ("next visitor scanned") is shown beside them."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk
from tests.ui.test_layout import SCREEN


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_second_word_sits_beside_the_word(
    desk: Desk, qtbot: QtBot, demo_code: dict[str, str], scale: float
) -> None:
    window = desk.window
    desk.controller._on_language_requested("zh_CN")
    desk.settings.set("font_scale", scale)
    desk.controller.apply_settings({"font_scale": scale})
    window.resize(*SCREEN)
    banner = window.banner
    window.loop.scan(demo_code["health-green"], "camera")  # CHECK: 待确认 CHECK
    qtbot.waitUntil(lambda: banner.second_word.text() != "", timeout=2000)

    def gap() -> int:
        """From the end of the word's text to the start of the second word's."""
        word = banner.word
        end = word.x() + word.contentsMargins().left()
        end += word.fontMetrics().horizontalAdvance(word.text())
        return banner.second_word.x() + banner.second_word.contentsMargins().left() - end

    qtbot.waitUntil(lambda: gap() < 40, timeout=2000)
    window.loop.scan(demo_code["health-yellow"], "wedge")  # queued: the notice shows
    qtbot.waitUntil(lambda: banner.notice.isVisible() and gap() < 40, timeout=2000)
    assert banner.notice.x() > banner.second_word.geometry().right()
