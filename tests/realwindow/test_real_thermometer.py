"""A keyboard thermometer on the real window: xdotool types "36.5⏎" at 4 ms a key."""

from __future__ import annotations

from checkpoint_desk.ui.app import Desk
from tests.realwindow.conftest import Keyboard
from tests.ui.conftest import visits


def test_a_keyboard_thermometers_reading_fills_the_temperature_with_focus_in_name(
    desk: Desk, keyboard: Keyboard
) -> None:
    desk.settings.set("thermometer", "keyboard")
    form = desk.window.form
    form.focus("name")
    keyboard.person("Li")
    assert form.text("name") == "Li"
    keyboard.run("type", "--delay", "4", "36.5\n")  # the thermometer: digits and Enter
    assert form.text("temperature") == "36.5"
    assert form.text("name") == "Li", "nothing of the reading reached the Name field"
    assert form.edits["name"].hasFocus()
    assert visits(desk) == [], "the thermometer's Enter registered nobody"
    keyboard.person("Na")
    keyboard.key("Return")  # the volunteer's Enter registers the visitor
    (visit,) = visits(desk)
    assert visit.temperature_c == 36.5


def test_a_volunteer_typing_a_temperature_into_the_phone_field_keeps_it(
    desk: Desk, keyboard: Keyboard
) -> None:
    desk.settings.set("thermometer", "keyboard")
    form = desk.window.form
    form.focus("phone")
    keyboard.person("36.5")
    assert form.text("phone") == "36.5"
    assert form.text("temperature") == ""
