"""Gathering a day's or a shift's visits into ledger rows and a summary."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import event

from checkpoint_desk.clock import day_bounds
from checkpoint_desk.export.errors import ExportError
from checkpoint_desk.export.ledger_rows import build_ledger
from tests.export.conftest import DAY, Day
from tests.export.factories import make_visit


def test_a_day_holds_its_visits_in_time_order(busy_day: Day) -> None:
    ledger = build_ledger(busy_day.engine, day=DAY, lang="zh_CN")
    assert [r.name for r in ledger.rows] == ["张伟", "李娜", "赵四", "张伟", "王五", "夜归人"]
    assert [r.seq for r in ledger.rows] == [1, 2, 3, 4, 5, 6]
    assert ledger.station == "西门卡点"
    assert ledger.operators == ("王芳", "李强")
    assert ledger.first_at is not None and ledger.first_at.strftime("%H:%M") == "08:05"
    assert ledger.last_at is not None and ledger.last_at.strftime("%H:%M") == "23:59"


def test_values_are_in_the_chosen_language_and_masked(busy_day: Day) -> None:
    zh = build_ledger(busy_day.engine, day=DAY, lang="zh_CN")
    fever = zh.rows[1]
    assert (fever.direction, fever.health_code) == ("进", "绿码")
    assert fever.id_number == "370802********2281"
    assert fever.phone == "139****4321"
    assert fever.result == "拦截：体温 37.8 ℃ ≥ 37.3 ℃"
    assert fever.disposition == "转医护；复测 37.6 ℃"
    assert fever.operator == "王芳"
    assert zh.rows[3].direction == "出"
    assert zh.headers()[:5] == ["序号", "日期", "时间", "方向", "姓名"]
    assert "登记人" in zh.headers() and "体温(℃)" in zh.headers()
    en = build_ledger(busy_day.engine, day=DAY, lang="en")
    assert en.rows[2].result == "Stop: Health code is yellow"
    assert en.rows[2].disposition == "Denied entry"
    assert en.rows[0].result == "Pass"
    assert en.headers()[:5] == ["No.", "Date", "Time", "Direction", "Name"]


def test_unmasked_ledger_shows_full_numbers(busy_day: Day) -> None:
    ledger = build_ledger(busy_day.engine, day=DAY, lang="en", unmasked=True)
    assert ledger.rows[1].id_number == "370802199202022281"
    assert ledger.rows[1].phone == "13987654321"
    assert ledger.unmasked


def test_summary_counts(busy_day: Day) -> None:
    s = build_ledger(busy_day.engine, day=DAY, lang="zh_CN").summary
    assert (s.total, s.entered, s.left, s.stopped, s.fever) == (6, 5, 1, 2, 1)
    assert s.per_hour[8] == 2 and s.per_hour[9] == 2 and s.per_hour[23] == 1
    assert sum(s.per_hour) == 6
    assert dict(s.per_operator) == {"王芳": 4, "李强": 2}
    assert {(code, n) for code, _text, n in s.per_reason} == {
        ("fever", 1),
        ("health_code_yellow", 1),
    }
    assert dict(s.per_disposition) == {"转医护": 1, "劝返": 1}


def test_a_shift_is_taken_whole_even_across_midnight(busy_day: Day) -> None:
    ledger = build_ledger(busy_day.engine, day=None, shift_id=busy_day.evening.id, lang="en")
    assert [r.name for r in ledger.rows] == ["王五", "夜归人", "明天"]
    assert ledger.shift is not None and ledger.shift.operator == "李强"
    assert ledger.day == DAY
    on_day = build_ledger(busy_day.engine, day=DAY, shift_id=busy_day.evening.id, lang="en")
    assert [r.name for r in on_day.rows] == ["王五", "夜归人"]


def test_an_empty_day_is_a_valid_ledger_that_says_so(busy_day: Day) -> None:
    ledger = build_ledger(busy_day.engine, day=date(2026, 12, 25), lang="zh_CN")
    assert ledger.rows == ()
    assert ledger.summary.total == 0
    assert ledger.empty_note == "当日无登记记录。"


def test_unknown_shift_and_no_period_are_refused(busy_day: Day) -> None:
    import uuid

    with pytest.raises(ExportError, match="No shift"):
        build_ledger(busy_day.engine, day=None, shift_id=uuid.uuid4())
    with pytest.raises(ExportError):
        build_ledger(busy_day.engine, day=None)


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local zone set to China Standard Time (UTC+8)."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_day_is_the_stations_local_calendar_day(busy_day: Day, shanghai: None) -> None:
    from datetime import UTC, datetime

    start, end = day_bounds(DAY)
    assert start == datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    assert end == datetime(2026, 11, 28, 16, 0, tzinfo=UTC)
    # 2026-11-28 20:00 UTC is 2026-11-29 04:00 in Shanghai: not on the 28th there.
    make_visit(
        busy_day.engine, busy_day.station, at=datetime(2026, 11, 28, 20, 0, tzinfo=UTC), name="晚"
    )
    make_visit(
        busy_day.engine, busy_day.station, at=datetime(2026, 11, 27, 17, 0, tzinfo=UTC), name="早"
    )
    ledger = build_ledger(busy_day.engine, day=DAY, lang="zh_CN")
    names = [r.name for r in ledger.rows]
    assert "早" in names and "晚" not in names
    early = ledger.rows[names.index("早")]
    assert (early.date, early.time.hour) == (DAY, 1)


def test_rows_come_from_one_query_not_one_per_visit(busy_day: Day) -> None:
    for minute in range(30):
        make_visit(
            busy_day.engine,
            busy_day.station,
            at=busy_day.morning.opened_at.replace(minute=minute),
            shift=busy_day.morning,
            plate=f"鲁A{minute:05d}",
        )
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(busy_day.engine, "before_cursor_execute", count)
    try:
        ledger = build_ledger(busy_day.engine, day=DAY, shift_id=busy_day.morning.id)
    finally:
        event.remove(busy_day.engine, "before_cursor_execute", count)
    assert len(ledger.rows) == 34
    assert sum("FROM visit" in s for s in statements) == 1
    assert len(statements) <= 3
