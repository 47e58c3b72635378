"""No import row, however garbled, makes the importer fail with anything but a refusal."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.services.drafts import clean_draft, validate_draft
from checkpoint_desk.services.importing import FIELDS, draft_from_row

values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40)
)


@given(st.dictionaries(st.sampled_from(FIELDS), values, max_size=len(FIELDS)))
def test_any_row_is_a_draft_or_a_validation_error(row: dict[str, Any]) -> None:
    try:
        draft = draft_from_row(row)
        validate_draft(draft)
        clean_draft(draft)
    except ValidationError as exc:
        assert exc.code and exc.translated()


def test_the_form_marks_control_characters_and_times_off_the_calendar() -> None:
    draft = draft_from_row({"time": "2026-11-28T08:30+08:00", "name": "张\u0000三"})
    draft.note = "复测\n37.0"  # line breaks in a note are fine
    assert [(p.field, p.code) for p in validate_draft(draft)] == [("name", "text_control")]
    draft.name, draft.purpose = "张三", "探亲\u0007"
    assert [(p.field, p.code) for p in validate_draft(draft)] == [("purpose", "text_control")]
    try:
        draft_from_row({"time": "0001-01-01T00:00:00+14:00", "name": "张三"})
    except ValidationError as exc:
        assert exc.code == "time_range"
    else:
        raise AssertionError("a time before year 1 in UTC was taken")
