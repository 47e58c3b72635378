"""A volunteer types a temperature ("385" Enter) while a stop waits for its disposition.

The digits 1…4 choose a disposition while a stop waits, so the "3" of "385" chose
"re-measured" and "85" went into the re-test field: nothing may be recorded with it,
and the desk must say what is wrong with it, in the volunteer's words.
"""

from __future__ import annotations

from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.verdict_banner import BannerState
from tests.realwindow.conftest import Keyboard
from tests.realwindow.test_real_keyboard import stop_li_na
from tests.ui.conftest import FakeCamera, visits


def test_385_enter_typed_slowly_while_a_stop_waits_records_nothing_and_says_why(
    desk: Desk, keyboard: Keyboard, camera: FakeCamera
) -> None:
    window = desk.window
    stop_li_na(desk, keyboard, camera)
    keyboard.run("type", "--delay", "250", "385")  # the "3" chooses re-measured
    keyboard.key("Return")
    (visit,) = visits(desk)
    assert visit.disposition is None, "a disposition was recorded"
    assert visit.retest_temperature_c is None
    assert window.banner.state is BannerState.STOP
    assert window.disposition.problem.isVisible()
    assert window.disposition.problem.text() == "85 is not a body temperature: 34.0–43.0\u00a0℃."


def test_385_enter_typed_fast_while_a_stop_waits_is_explained(
    desk: Desk, keyboard: Keyboard, camera: FakeCamera
) -> None:
    window = desk.window
    stop_li_na(desk, keyboard, camera)
    keyboard.run("type", "--delay", "40", "385")  # one burst: no field takes it
    keyboard.key("Return")
    (visit,) = visits(desk)
    assert visit.disposition is None
    assert window.banner.state is BannerState.STOP
    assert window.disposition.problem.isVisible()
    assert window.disposition.problem.text().startswith("385 not recorded")
