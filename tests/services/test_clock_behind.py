"""A clock set back is noticed (issue 14, failure 4).

A laptop nine days behind must not read an expired pass as green (checked for real
with ``faketime``), an audit entry dated days before the previous one must not pass
unremarked, and moving the wall clock forward must not end a PIN lock-out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

import checkpoint_desk
from checkpoint_desk.codes.reading import CodeStatus
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.audit import record, verify_chain
from checkpoint_desk.services.codes import read_context
from checkpoint_desk.services.operators import (
    PinError,
    PinLockedError,
    create_operator,
    verify_pin,
)
from checkpoint_desk.services.passes import issue_pass, pass_card
from checkpoint_desk.store.models import AuditEntry, Station
from tests.conftest import FakeClock

ID = "11010519491231002X"
SRC = Path(checkpoint_desk.__file__).resolve().parents[1]


def desk(*argv: str, offset: str | None = None) -> subprocess.CompletedProcess[str]:
    """``checkpoint-desk ARGV`` in its own process, under ``faketime OFFSET`` if given."""
    command = [sys.executable, "-m", "checkpoint_desk.cli", *argv]
    if offset is not None:
        faketime = shutil.which("faketime")
        assert faketime, "faketime (Debian package) is part of the test environment"
        command = [faketime, "-f", offset, *command]
    env = {**os.environ, "PYTHONPATH": str(SRC), "CHECKPOINT_DESK_PIN": "2468"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def test_a_desk_nine_days_behind_reads_an_expired_pass_as_not_green(tmp_path: Path) -> None:
    home = str(tmp_path / "desk")
    assert desk("init", "--station", "西门", "--data-dir", home, offset="-20d").returncode == 0
    issued = desk(
        "pass", "issue", "--name", "张伟", "--id", ID, "--kind", "resident", "--days", "15",
        "--out", str(tmp_path / "card"), "--data-dir", home, "--json", offset="-20d",
    )  # fmt: skip
    assert issued.returncode == 0, issued.stderr
    text = json.loads(issued.stdout)["text"]  # valid from 20 days ago to 5 days ago
    assert desk("operator", "add", "甲", "--data-dir", home).returncode == 0  # today
    today = desk("read", text, "--json", "--data-dir", home)
    assert json.loads(today.stdout)["status"] == "expired"

    behind = desk("read", text, "--json", "--data-dir", home, offset="-9d")
    reading = json.loads(behind.stdout)
    assert reading["status"] != "green"
    assert "clock_behind" in reading["reasons"]


def test_reading_with_the_clock_behind_is_audited_once(
    engine: Engine, data_dir: DataDir, clock: FakeClock
) -> None:
    with Session(engine) as session:
        station = session.exec(select(Station)).one()
    issued = issue_pass(
        engine, data_dir, name="张伟", id_number=ID, kind="resident", days=30, clock=clock
    )
    text = pass_card(engine, data_dir, issued).code_text
    now = read_code(text, read_context(data_dir, clock(), engine=engine))
    assert now.status is CodeStatus.GREEN
    past = clock() - timedelta(hours=2)
    for _ in range(2):
        reading = read_code(text, read_context(data_dir, past, engine=engine))
        assert reading.status is CodeStatus.INVALID and "clock_behind" in reading.reasons
    with Session(engine) as session:
        entries = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq)))
        actions = [e.action for e in entries]
        assert actions.count("clock_behind") == 1
        assert verify_chain(session).ok
    assert station.id is not None


def test_an_entry_dated_days_before_the_previous_one_does_not_pass_unremarked(
    engine: Engine, clock: FakeClock
) -> None:
    with Session(engine) as session:
        record(session, "export", {"n": 1}, clock=clock)
        clock.advance(days=-10)  # the laptop's clock was set back
        record(session, "export_unmasked", {"n": 2}, clock=clock)
        session.commit()
        entries = list(session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))))
    assert [e.action for e in entries] == ["export", "clock_behind", "export_unmasked"]
    assert entries[1].detail["newest_seen"] == entries[0].at.isoformat()
    with Session(engine) as session:
        check = verify_chain(session)
    assert check.ok and check.clock_behind_seqs == (entries[1].seq,)


def test_moving_the_clock_forward_does_not_end_a_pin_lock_out(
    engine: Engine, clock: FakeClock
) -> None:
    with Session(engine) as session:
        station = session.exec(select(Station)).one()
    operator = create_operator(engine, station.id, "甲", "volunteer", "2468", clock=clock)
    still = 1000.0  # the monotonic clock: no real time passes in this test

    def monotonic() -> float:
        return still

    for attempt in range(5):
        with pytest.raises(PinLockedError if attempt == 4 else PinError):
            verify_pin(engine, operator.id, "0000", clock=clock, monotonic=monotonic)
    clock.advance(hours=2)  # far past the 30 s lock on the wall clock
    with pytest.raises(PinLockedError):
        verify_pin(engine, operator.id, "2468", clock=clock, monotonic=monotonic)
    still += 31  # the lock's 30 s really passed
    signed_in = verify_pin(engine, operator.id, "2468", clock=clock, monotonic=monotonic)
    assert signed_in.id == operator.id
