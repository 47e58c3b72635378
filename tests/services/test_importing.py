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
