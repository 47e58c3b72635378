"""The registration loop by keyboard, as a volunteer does it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from checkpoint_desk.domain.idnumber import check_character
from checkpoint_desk.store.models import AuditEntry
from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.verdict_banner import BannerState
from tests.ui.conftest import FakeCamera, KeyClock, visits

PLAIN_CODE = "https://hc.example.gov.cn/code?uid=ABC-123456"


def scan_and_confirm_green(desk: Desk, qtbot: QtBot, camera: FakeCamera, text: str) -> None:
    camera.show(text)
    temperature = desk.window.form.edits["temperature"]
    assert temperature.hasFocus(), "after a scan the cursor waits in the temperature field"
    if desk.window.form.waiting_for_colour:
        assert desk.window.banner.state is BannerState.CHECK
        qtbot.keyClick(temperature, Qt.Key.Key_G)
    if not desk.window.form.edits["name"].text():
        desk.window.form.edits["name"].setText("Li Na")  # a provincial code names nobody
        temperature.setFocus()


def type_temperature_and_enter(qtbot: QtBot, desk: Desk, text: str) -> None:
    temperature = desk.window.form.edits["temperature"]
    qtbot.keyClicks(temperature, text)
    qtbot.keyClick(temperature, Qt.Key.Key_Return)


def test_scan_temperature_enter_registers_a_pass(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    with qtbot.waitSignal(window.loop.visit_committed, timeout=2000):
        type_temperature_and_enter(qtbot, desk, "365")
    assert window.banner.state is BannerState.PASS
    assert desk.sounds.last_played == "pass"
    rows = visits(desk)
    assert len(rows) == 1
    assert rows[0].temperature_c == 36.5
    assert rows[0].verdict == "pass"
    assert window.recent.model.rowCount() == 1
    assert window.form.values().temperature == "", "the form is cleared for the next visitor"
    assert window.form.readings == []
    qtbot.waitUntil(lambda: "in 1" in window.status.counts.text(), timeout=2000)


def test_fever_stops_and_the_disposition_is_recorded(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "378")
    assert window.banner.state is BannerState.STOP
    assert any("37.8" in text for text in window.banner.reason_texts())
    assert desk.sounds.last_played == "stop"
    assert window.disposition.isVisible(), "a stop asks what was done, inline"
    audits_before = _audit_count(desk)
    qtbot.keyClicks(window.disposition.retest, "372")
    with qtbot.waitSignal(window.loop.disposition_recorded, timeout=2000):
        qtbot.keyClick(window.disposition.retest, Qt.Key.Key_Return)
    (visit,) = visits(desk)
    assert visit.disposition == "remeasured"
    assert visit.retest_temperature_c == 37.2
    assert visit.verdict == "pass", "a normal second reading lets the visitor through"
    assert window.banner.state is BannerState.PASS
    assert _audit_count(desk) > audits_before
    assert not window.disposition.isVisible()
    assert "37.2" in window.recent.model.index(0, 4).data()


def test_a_scan_during_a_pending_stop_waits_for_the_disposition(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "378")
    assert window.banner.state is BannerState.STOP
    next_code = "https://hc.example.gov.cn/code?uid=NEXT-654321"
    camera.show(next_code)
    assert window.banner.state is BannerState.STOP, "the stop stays until it is decided"
    assert not window.form.readings, "the next visitor's code is not in the form yet"
    assert "first choose what was done" in window.banner.notice.text()
    assert not window.disposition.problem.isVisibleTo(window), "said once, in the banner"
    with qtbot.waitSignal(window.loop.disposition_recorded, timeout=2000):
        qtbot.mouseClick(window.disposition.referred_button, Qt.MouseButton.LeftButton)
    assert visits(desk)[0].disposition == "referred"
    assert not window.form.readings, "the outcome is shown, not overwritten by the held code"
    assert "Enter" in window.banner.notice.text(), "the next visitor's code is announced"
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_Return)
    assert [r.text for r in window.form.readings] == [next_code], "Enter takes the held code"
    assert window.banner.state is BannerState.CHECK
    assert not window.banner.notice.text()


def test_supervisor_allows_with_pin_and_a_wrong_pin_is_refused(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "381")
    qtbot.keyClicks(window.disposition.pin, "0000", delay=50)
    qtbot.keyClick(window.disposition.pin, Qt.Key.Key_Return)
    assert window.disposition.problem.text()
    assert visits(desk)[0].disposition is None
    qtbot.keyClicks(window.disposition.pin, "4321", delay=50)
    qtbot.keyClick(window.disposition.pin, Qt.Key.Key_Return)
    assert visits(desk)[0].disposition == "allowed_by_supervisor"


def test_red_colour_confirmed_with_r_stops(desk: Desk, qtbot: QtBot, camera: FakeCamera) -> None:
    camera.show(PLAIN_CODE)
    desk.window.form.edits["name"].setText("Liu Yang")
    temperature = desk.window.form.edits["temperature"]
    temperature.setFocus()
    assert desk.window.banner.red_button.isVisible()
    qtbot.keyClick(temperature, Qt.Key.Key_R)
    type_temperature_and_enter(qtbot, desk, "365")
    assert desk.window.banner.state is BannerState.STOP
    assert visits(desk)[0].verdict == "stop"


def test_enter_without_temperature_waits_and_registers_nothing(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    qtbot.keyClick(desk.window.form.edits["temperature"], Qt.Key.Key_Return)
    assert desk.window.banner.state is BannerState.CHECK
    assert desk.window.form.problem_labels["temperature"].text()
    assert visits(desk) == []


def test_duplicate_scan_is_shown_not_registered_twice(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    seconds = [100.0]
    desk.window.loop.now = lambda: seconds[0]
    scan_and_confirm_green(desk, qtbot, camera, PLAIN_CODE)
    type_temperature_and_enter(qtbot, desk, "365")
    with qtbot.waitSignal(desk.window.loop.duplicate_scanned, timeout=2000):
        camera.show(PLAIN_CODE)
    assert desk.window.banner.state is BannerState.PASS, "the PASS stays its minimum time"
    seconds[0] += 2.0
    with qtbot.waitSignal(desk.window.loop.duplicate_scanned, timeout=2000):
        camera.show(PLAIN_CODE)
    assert desk.window.banner.state is BannerState.DUPLICATE
    assert desk.window.form.readings == []
    qtbot.keyClick(desk.window.form.edits["temperature"], Qt.Key.Key_Return)
    assert len(visits(desk)) == 1


def test_wedge_burst_is_a_scan_and_types_nothing(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    name = window.form.edits["name"]
    name.setFocus()
    desk.wedge.key_clock = KeyClock(step=0.004)  # a scanner: a key every few ms
    with qtbot.waitSignal(window.loop.scan_read, timeout=2000):
        qtbot.keyClicks(name, PLAIN_CODE)
        qtbot.keyClick(name, Qt.Key.Key_Return)  # … and ends with Enter
    assert PLAIN_CODE not in name.text()
    assert [r.text for r in window.form.readings] == [PLAIN_CODE]
    assert window.form.source == "wedge"
    assert window.form.edits["temperature"].hasFocus()
    qtbot.keyClick(window.form.edits["temperature"], Qt.Key.Key_G)
    name.setText("Li Na")
    type_temperature_and_enter(qtbot, desk, "366")
    (visit,) = visits(desk)
    assert visit.source == "wedge"
    assert visit.temperature_c == 36.6


def test_people_typing_is_not_taken_for_a_scanner(desk: Desk, qtbot: QtBot) -> None:
    name = desk.window.form.edits["name"]
    name.setFocus()
    desk.wedge.key_clock = KeyClock(step=0.15)  # a person: a key every 150 ms
    qtbot.keyClicks(name, "Li Na Wang")
    qtbot.waitUntil(lambda: name.text() == "Li Na Wang", timeout=2000)
    assert desk.window.form.readings == []


def test_escape_clears_and_f2_f3_choose_direction(
    desk: Desk, qtbot: QtBot, camera: FakeCamera
) -> None:
    window = desk.window
    camera.show(PLAIN_CODE)
    qtbot.keyClick(window.form.edits["temperature"], Qt.Key.Key_F3)
    assert window.form.values().direction == "out"
    qtbot.keyClick(window.form.edits["temperature"], Qt.Key.Key_F2)
    assert window.form.values().direction == "in"
    qtbot.keyClick(window.form.edits["temperature"], Qt.Key.Key_Escape)
    assert window.form.readings == []
    assert window.banner.state is BannerState.IDLE


def test_ctrl_n_opens_the_manual_lane_without_a_phone(desk: Desk, qtbot: QtBot) -> None:
    window = desk.window
    qtbot.keyClick(window.form.edits["name"], Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.form.edits["id_number"].hasFocus()
    window.form.edits["name"].setText("Zhang Wei")
    window.form.edits["temperature"].setText("365")
    assert window.loop.commit() is None, "the special-care lane needs the ID number"
    assert window.form.problem_labels["id_number"].text()
    first17 = "37081119850312123"
    window.form.edits["id_number"].setText(first17 + check_character(first17))
    window.loop.commit()
    (visit,) = visits(desk)
    assert visit.source == "manual"
    assert window.banner.state is BannerState.PASS


def _audit_count(desk: Desk) -> int:
    with Session(desk.session.engine) as session:
        return len(session.exec(select(AuditEntry)).all())


def test_demo_green_health_code_temperature_enter_pass(
    desk: Desk, qtbot: QtBot, camera: FakeCamera, demo_code: dict[str, str]
) -> None:
    window = desk.window
    camera.show(demo_code["health-green"])
    assert not window.form.waiting_for_colour, "a verified green code needs no G"
    assert window.form.edits["name"].text(), "the name comes from the code"
    assert window.form.edits["temperature"].hasFocus()
    type_temperature_and_enter(qtbot, desk, "365")
    assert window.banner.state is BannerState.PASS
    (visit,) = visits(desk)
    assert visit.verdict == "pass"
    assert visit.health_code == "green"
    assert window.recent.model.index(0, 2).data() == window.recent.model.row_at(0).name


def test_forged_code_stops_with_the_signature_reason(
    desk: Desk, qtbot: QtBot, camera: FakeCamera, demo_code: dict[str, str]
) -> None:
    window = desk.window
    camera.show(demo_code["forged"])
    type_temperature_and_enter(qtbot, desk, "365")
    assert window.banner.state is BannerState.STOP
    assert "Invalid signature" in window.banner.reason_texts()
    (visit,) = visits(desk)
    assert visit.verdict == "stop"
    assert "signature_invalid" in visit.reasons


def test_a_returning_visitor_is_filled_from_the_last_visit(desk: Desk, qtbot: QtBot) -> None:
    window = desk.window
    first17 = "11010119900307123"
    id_number = first17 + check_character(first17)
    window.form.edits["name"].setText("李娜")
    window.form.edits["id_number"].setText(id_number)
    window.form.edits["destination"].setText("3号楼2单元")
    window.form.edits["temperature"].setText("365")
    assert window.loop.commit() is not None
    id_field = window.form.edits["id_number"]
    id_field.setFocus()
    desk.wedge.key_clock = KeyClock(step=0.15)  # typed by a person
    qtbot.keyClicks(id_field, id_number)
    qtbot.waitUntil(lambda: window.form.edits["name"].text() == "李娜", timeout=5000)
    assert window.form.edits["destination"].text() == "3号楼2单元"
