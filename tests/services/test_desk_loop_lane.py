"""The loop knows when a visitor starts: the lane's seconds per visitor (issue 16)."""

from __future__ import annotations

from checkpoint_desk.services.desk_loop import DeskLoop, EnterStep, Scan, ShownVerdict


def test_lane_seconds_run_from_the_first_scan_to_the_commit() -> None:
    loop = DeskLoop()
    assert loop.lane_seconds(5.0) is None  # nobody at the desk
    loop.scan(Scan("CKH1:AAAA", scheme="CKH1"), 100.0)
    loop.scan(Scan("CKT1:BBBB", scheme="CKT1"), 102.0)  # the same visitor's travel code
    loop.edit("temperature", "36.5", 104.0)
    assert loop.enter(110.0) is EnterStep.COMMIT
    assert loop.lane_seconds(110.0) == 10.0
    loop.committed(ShownVerdict(True), 110.5, "张三")
    assert loop.lane_seconds(111.0) is None


def test_lane_seconds_run_from_the_first_key_and_restart_when_the_form_empties() -> None:
    loop = DeskLoop()
    loop.edit("name", "张", 200.0)
    loop.edit("name", "", 201.0)  # typed and wiped: nobody yet
    assert loop.lane_seconds(230.0) is None
    loop.edit("name", "李", 240.0)
    loop.edit("temperature", "36.6", 245.0)
    assert loop.lane_seconds(252.0) == 12.0
    loop.clear(253.0)  # Esc
    assert loop.lane_seconds(254.0) is None


def test_the_manual_lane_and_a_queued_visitor_start_when_they_are_taken() -> None:
    loop = DeskLoop()
    loop.manual(300.0)
    assert loop.lane_seconds(330.0) == 30.0
    loop.clear(331.0)
    loop.edit("temperature", "36.5", 340.0)
    loop.scan(Scan("CKH1:NEXT", scheme="CKH1"), 341.0)  # queued behind what is typed
    loop.clear(350.0)
    assert loop.enter(360.0) is EnterStep.TAKE_QUEUED
    assert loop.lane_seconds(365.0) == 5.0


def test_a_form_left_open_for_a_day_says_nothing_about_the_lane() -> None:
    loop = DeskLoop()
    loop.edit("name", "王", 0.0)
    assert loop.lane_seconds(86_400.0 + 1) is None
