"""The masks ``hub/presence.py`` computes in SQL equal ``domain/masking.py`` exactly,
on SQLite and PostgreSQL (the inside list shows the SQL ones, hub migration 0011)."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from checkpoint_desk.domain.masking import mask_id_number, mask_phone
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.presence import WHITESPACE, id_masked_sql, phone_masked_sql


@pytest.fixture
def engine(hub_db_url: str) -> Iterator[Engine]:
    made = open_hub_database(hub_db_url)
    yield made
    made.dispose()


def test_the_whitespace_is_what_strip_removes() -> None:
    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert spaces == WHITESPACE


# Text a column can hold on both databases (no NUL, no lone surrogates), weighted to
# digits, X and spaces around them: ID numbers and phones as typed.
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_TEXT = st.one_of(
    st.none(),
    st.text(st.sampled_from("0123456789X " + WHITESPACE[:6] + "\u3000"), max_size=24),
    st.text(_CHARS, max_size=24),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(_TEXT, min_size=1, max_size=8))
def test_sql_masks_equal_the_python_ones(engine: Engine, values: list[str | None]) -> None:
    with engine.connect() as conn:
        dialect = conn.dialect.name
        conn.exec_driver_sql("CREATE TEMPORARY TABLE IF NOT EXISTS t (n INTEGER, v TEXT)")
        conn.exec_driver_sql("DELETE FROM t")
        conn.execute(
            sa.text("INSERT INTO t (n, v) VALUES (:n, :v)"),
            [{"n": n, "v": v} for n, v in enumerate(values)],
        )
        rows = conn.exec_driver_sql(
            f"SELECT {id_masked_sql(dialect, 'v')}, {phone_masked_sql(dialect, 'v')}"
            " FROM t ORDER BY n"
        ).all()
        conn.rollback()
    assert [tuple(r) for r in rows] == [(mask_id_number(v), mask_phone(v)) for v in values]
