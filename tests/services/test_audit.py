"""The audit chain detects an edited entry at that entry."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlmodel import Session

from checkpoint_desk.services.audit import record, verify_chain


def test_chain_holds_then_breaks_at_the_edited_row(engine: Engine) -> None:
    with Session(engine) as session:
        for i in range(5):
            record(session, "export", {"n": i})
        session.commit()
        assert verify_chain(session).ok
        assert verify_chain(session).entries == 5
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET detail = '{\"n\": 99}' WHERE seq = 3"))
    with Session(engine) as session:
        check = verify_chain(session)
        assert not check.ok
        assert check.first_broken_seq == 3
