"""The household rule at the desk window: its field shows while the rule is on, and the
N+1th exit of a household stops with the reason in words (issue 16 item 6)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.verdict_banner import BannerState
from tests.ui.conftest import visits


def test_the_second_exit_of_a_household_stops_when_one_is_allowed(desk: Desk, qtbot: QtBot) -> None:
    form = desk.window.form
    assert not form.edits["household"].isVisible(), "no rule, no field"
    desk.settings.set("household_exit_quota", 1)  # a supervisor's change, or the hub's
    assert form.edits["household"].isVisible()
    for name in ("李娜", "王芳"):
        form.set_direction("out")
        form.edits["name"].setText(name)
        form.edits["temperature"].setText("365")
        form.edits["household"].setText("3号楼2单元501")
        with qtbot.waitSignal(desk.window.loop.visit_committed, timeout=3000):
            desk.window.loop.commit()
    first, second = sorted(visits(desk), key=lambda v: v.at)
    assert (first.verdict, second.verdict) == ("pass", "stop")
    assert second.reasons == ["household_quota"]
    assert desk.window.banner.state is BannerState.STOP
    assert "Household has used its 1 exits for today" in desk.window.banner.reason_texts()
    desk.settings.set("household_exit_quota", 0)
    assert not form.edits["household"].isVisible()
