"""The contact list's count line says "one person", not "1 people" (zh_CN: 1 人)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from checkpoint_desk.services.trace import Contact, Trace, contact_list

AT = datetime(2026, 12, 1, 8, tzinfo=UTC)


def trace_of(count: int) -> Trace:
    contact = Contact("王芳", "440305********1239", "139****0001", AT, "东门", AT)
    return Trace(
        asked="110105********002X",
        first_day=date(2026, 11, 30),
        last_day=date(2026, 12, 1),
        window_min=30,
        visits=(AT,),
        contacts=(contact,) * count,
    )


def test_the_count_line_says_one_person_or_n_people_in_both_languages() -> None:
    assert contact_list(trace_of(1), "en").lines == (
        "2026-11-30 to 2026-12-01, ±30 minutes: one person",
    )
    assert contact_list(trace_of(2), "en").lines[0].endswith("minutes: 2 people")
    assert contact_list(trace_of(1), "zh_CN").lines[0].endswith("前后 30 分钟：1 人")
    assert contact_list(trace_of(0), "en").lines[0].endswith("minutes: 0 people")
