"""At font scale 1.5 the status bar's words fit their widths (1366×768, both languages).

Seen in English at 1.5: the trust list's label was cut ("Trust" and half a word), its
text only in the tooltip.
"""

from __future__ import annotations

import contextlib

import pytest
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.fitting_label import FittingLabel
from tests.ui.test_layout import SCREEN


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_status_bar_text_fits_its_width_at_1_5(desk: Desk, qtbot: QtBot, lang: str) -> None:
    window = desk.window
    if lang != "en":
        desk.controller._on_language_requested(lang)
    desk.settings.set("font_scale", 1.5)
    desk.controller.apply_settings({"font_scale": 1.5})
    window.resize(*SCREEN)
    window.form.edits["name"].setText("陈静")
    window.form.edits["temperature"].setText("365")
    window.loop.commit()
    window.refresh_status()  # inside now, the lane's pace: the bar as full as after a visit
    qtbot.waitUntil(lambda: window.status.facts.pace is not None, timeout=5000)
    status = window.status
    labels = (status.operator, status.counts, status.pace, status.unsynced, status.trust)

    def cut() -> list[str]:
        found = []
        for label in labels:
            needed = label.fontMetrics().horizontalAdvance(label.text())
            room = label.contentsRect().width()
            if label.isVisible() and label.text() and needed > room:
                found.append(f"{label.text()!r} needs {needed} px, has {room}")
        if window.width() != SCREEN[0]:
            found.append(f"window grew to {window.width()} px")
        return found

    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: not cut(), timeout=3000)
    assert not cut()
    trust = status.trust
    assert trust.text() in trust.wordings, f"elided: {trust.text()!r}"
    assert trust.toolTip() == trust.wordings[0]
    assert trust.text().startswith("Trust list" if lang == "en" else "信任列表")


def test_a_fitting_label_takes_the_longest_wording_that_fits(qtbot: QtBot) -> None:
    label = FittingLabel()
    qtbot.addWidget(label)
    long, short = "Trust list: updated within the hour", "Trust list <1 h"
    label.set_wordings(long, short)
    label.show()  # a hidden widget gets its resize events only when shown
    metrics = label.fontMetrics()
    for width, shown in (
        (metrics.horizontalAdvance(long) + 4, long),
        (metrics.horizontalAdvance(short) + 4, short),
    ):
        label.resize(width, 30)
        assert label.text() == shown
    label.resize(metrics.horizontalAdvance("Trust"), 30)
    assert label.text().endswith("…") and metrics.horizontalAdvance(label.text()) <= label.width()
    assert label.toolTip() == long
