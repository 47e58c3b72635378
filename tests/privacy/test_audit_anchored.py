"""The audit trail proves itself (issue 14, failure 3): keyed and anchored.

Someone holding the database file (not the passphrase) deletes the record of an
unmasked export, empties the trail, or edits an entry and recomputes the hashes
after it as the old unkeyed chain allowed: ``audit verify`` reports each.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from checkpoint_desk.cli import main
from checkpoint_desk.store.audit_chain import entry_body  # the format is no secret
from tests.conftest import TEST_PASSPHRASE


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A station whose supervisor exported a day unmasked (its last two entries)."""
    home = tmp_path / "desk"
    assert main(["init", "--station", "西门", "--data-dir", str(home)]) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "2468")
    for name in ("甲", "乙"):
        assert main(["operator", "add", name, "--data-dir", str(home)]) == 0
    assert main(["operator", "add", "王主任", "--role", "supervisor", "--data-dir", str(home)]) == 0
    out = tmp_path / "out"
    out.mkdir()
    args = ["export", "--day", "2026-11-28", "--format", "csv", "--out", str(out)]
    assert main([*args, "--unmasked", "--supervisor", "王主任", "--data-dir", str(home)]) == 0
    return home


def stored_at(text: str) -> str:
    """A stored naive-UTC time as the chain hashes it (the aware ISO form)."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC).isoformat()


def sha256(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def verify(home: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object], str]:
    capsys.readouterr()
    code = main(["audit", "verify", "--json", "--data-dir", str(home)])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def rows(home: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(home / "checkpoint.db") as conn:
        return conn.execute("SELECT seq, action FROM audit_entry ORDER BY seq").fetchall()


def rehash_unkeyed(home: Path, from_seq: int) -> None:
    """Recompute every hash from ``from_seq`` on as SHA-256: the attack on the old chain."""
    with sqlite3.connect(home / "checkpoint.db") as conn:
        entries = conn.execute(
            "SELECT seq, id, at, station_id, operator_id, action, detail, prev_hash"
            " FROM audit_entry ORDER BY seq"
        ).fetchall()
        previous = None
        for seq, entry_id, at, station, operator, action, detail, prev in entries:
            if seq >= from_seq:
                prev = previous if previous is not None else prev
                body = entry_body(
                    entry_id=uuid.UUID(entry_id),
                    at=stored_at(at),
                    station_id=uuid.UUID(station) if station else None,
                    operator_id=uuid.UUID(operator) if operator else None,
                    action=action,
                    detail=json.loads(detail),
                    prev_hash=prev,
                )
                digest = hashlib.sha256(body.encode()).hexdigest()
                conn.execute(
                    "UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE seq = ?",
                    (prev, digest, seq),
                )
                previous = digest
            else:
                previous = conn.execute(
                    "SELECT hash FROM audit_entry WHERE seq = ?", (seq,)
                ).fetchone()[0]


def test_an_untouched_trail_verifies_and_is_signed_up_to_the_export(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report, _ = verify(home, capsys)
    last = rows(home)[-1]
    assert last[1] == "export" and rows(home)[-2][1] == "export_unmasked"
    assert code == 0 and report["ok"] and report["anchored_seq"] == last[0]


def test_deleting_the_record_of_an_unmasked_export_is_caught(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(home / "checkpoint.db") as conn:
        conn.execute("DELETE FROM audit_entry WHERE seq IN (SELECT max(seq) - 1 FROM audit_entry)")
        conn.execute("DELETE FROM audit_entry WHERE seq = (SELECT max(seq) FROM audit_entry)")
    assert [action for _, action in rows(home)][-1] != "export"
    code, report, err = verify(home, capsys)
    assert code == 1 and report["problem"] == "tail_deleted"
    assert "last entries were deleted" in err and err.count("\n") == 1


def test_deleting_every_entry_is_caught(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(home / "checkpoint.db") as conn:
        conn.execute("DELETE FROM audit_entry")
    code, report, _ = verify(home, capsys)
    assert code == 1 and report["problem"] == "tail_deleted" and report["entries"] == 0


def test_an_edit_with_the_hashes_after_it_recomputed_is_caught(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(home / "checkpoint.db") as conn:
        conn.execute(
            "UPDATE audit_entry SET detail = json_set(detail, '$.rows', 0) WHERE action = ?",
            ("export_unmasked",),
        )
    seq = next(s for s, action in rows(home) if action == "export_unmasked")
    rehash_unkeyed(home, seq)
    code, report, err = verify(home, capsys)
    assert code == 1 and report["problem"] == "entry_broken"
    assert report["first_broken_seq"] == seq  # its recomputed hash lacks the key
    assert err.count("\n") == 1


def test_a_forged_append_is_caught(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(home / "checkpoint.db") as conn:
        last_seq, last_hash, station = conn.execute(
            "SELECT seq, hash, station_id FROM audit_entry ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        entry_id = uuid.uuid4()
        body = entry_body(
            entry_id=entry_id,
            at="2026-11-28T09:00:00+00:00",
            station_id=uuid.UUID(station) if station else None,
            operator_id=None,
            action="purge",
            detail={},
            prev_hash=last_hash,
        )
        conn.execute(
            "INSERT INTO audit_entry (seq, id, at, station_id, action, detail, prev_hash, hash)"
            " VALUES (?, ?, '2026-11-28 09:00:00.000000', ?, 'purge', '{}', ?, ?)",
            (last_seq + 1, entry_id.hex, station, last_hash, sha256(body)),
        )
    code, report, _ = verify(home, capsys)
    assert code == 1 and report["problem"] == "entry_broken"
    assert report["first_broken_seq"] == last_seq + 1


def test_a_tail_replaced_by_the_desk_itself_is_caught_as_a_rewrite(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(home / "checkpoint.db") as conn:
        conn.execute("DELETE FROM audit_entry WHERE seq = (SELECT max(seq) FROM audit_entry)")
    assert main(["operator", "add", "丙", "--data-dir", str(home)]) == 0  # reuses the seq
    code, report, _ = verify(home, capsys)
    assert code == 1 and report["problem"] == "rewritten"


def test_an_unkeyed_chain_from_before_is_re_keyed_and_a_break_in_it_kept(tmp_path: Path) -> None:
    from sqlmodel import Session

    from checkpoint_desk.services.audit import verify_chain
    from checkpoint_desk.store.engine import make_engine, open_database, upgrade
    from checkpoint_desk.store.vault import create_vault

    vault = create_vault(tmp_path / "keys", TEST_PASSPHRASE)
    for broken in (False, True):
        path = tmp_path / f"old-{broken}.db"
        old = make_engine(path)
        upgrade(old, "0003", vault=vault)
        previous = "0" * 64
        with old.begin() as conn:
            for seq in (1, 2, 3):
                entry_id = uuid.UUID(int=seq)
                at = f"2026-11-2{seq} 08:00:00.000000"
                detail = {"n": seq}
                body = entry_body(
                    entry_id=entry_id,
                    at=stored_at(at),
                    station_id=None,
                    operator_id=None,
                    action="export",
                    detail=detail,
                    prev_hash=previous,
                )
                digest = hashlib.sha256(body.encode()).hexdigest()
                if broken and seq == 2:
                    detail = {"n": 99}  # edited after it was written
                conn.exec_driver_sql(
                    "INSERT INTO audit_entry (seq, id, at, action, detail, prev_hash, hash)"
                    " VALUES (?, ?, ?, 'export', ?, ?, ?)",
                    (seq, entry_id.hex, at, json.dumps(detail), previous, digest),
                )
                previous = digest
        old.dispose()
        engine = open_database(path, vault=vault)
        with Session(engine) as session:
            check = verify_chain(session)
        engine.dispose()
        assert check.entries == 3
        assert (check.problem, check.first_broken_seq) == (
            ("entry_broken", 2) if broken else (None, None)
        )
