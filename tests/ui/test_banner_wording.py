"""The banner says what is true: a code held behind a stop, code summaries retranslated."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.verdict_banner import BannerState
from tests.ui.conftest import FakeCamera
from tests.ui.test_loop import PLAIN_CODE, scan_and_confirm_green, type_temperature_and_enter
from tests.ui.test_loop_in_the_field import NEXT_CODE


def test_a_code_held_behind_a_stop_says_the_disposition_comes_first(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "385")
    camera.show(NEXT_CODE)
    notice = window.banner.notice.text()
    assert "Enter" not in notice, "Enter registers nothing while the stop waits: " + notice
    assert "first choose what was done for the stop" in notice, notice
    window.disposition.denied_button.click()
    assert window.banner.notice.text() == "Next visitor scanned · Enter takes it"


def test_a_held_code_line_reads_in_chinese_too(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "385")
    camera.show(NEXT_CODE)
    window.language_button.click()
    qtbot.waitUntil(lambda: window.form.labels["name"].text() == "姓名", timeout=2000)
    notice = window.banner.notice.text()
    assert notice == "下一位已扫码 · 请先选择对被拦截人员的处理", notice


def test_the_code_summary_on_a_verdict_follows_a_language_switch(
    desk: Desk, qtbot: QtBot, demo_code: dict[str, str]
) -> None:
    window = desk.window
    window.loop.scan(demo_code["health-green"], "wedge")
    window.form.edits["temperature"].setText("365")
    window.loop.commit()
    assert window.banner.state is BannerState.PASS
    assert "health code green" in window.banner.reasons.text()
    window.language_button.click()
    qtbot.waitUntil(lambda: window.form.labels["name"].text() == "姓名", timeout=2000)
    shown = window.banner.reasons.text()
    assert "health code" not in shown and "健康码" in shown, shown
