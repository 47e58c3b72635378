"""The hub keeps its own audit trail (issue 14, failure 3): an unmasked export is on
record, and editing, forging or cutting the trail short is caught by
``checkpoint-hub audit verify`` (keyed, with its head kept outside the database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkpoint_desk.hub.cli import main
from checkpoint_desk.hub.database import open_hub_database


@pytest.fixture
def hub_db(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    monkeypatch.setenv("CHECKPOINT_HUB_HOME", str(tmp_path / "hub-home"))
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    assert main(["add-station", "西门", "--db", url]) == 0
    out = tmp_path / "out"
    args = ["export", "--day", "2026-11-28", "--format", "csv", "--out", str(out), "--db", url]
    assert main([*args, "--unmasked"]) == 0
    capsys.readouterr()
    return url


def trail(url: str) -> list[tuple[int, str]]:
    engine = open_hub_database(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT seq, action FROM hub_office_audit ORDER BY seq"))
            return [(int(seq), str(action)) for seq, action in rows]
    finally:
        engine.dispose()


def run_verify(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = main(["audit", "verify", "--json", "--db", url])
    return code, json.loads(capsys.readouterr().out)


def change(url: str, statement: str) -> None:
    engine = open_hub_database(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(statement))
    finally:
        engine.dispose()


def test_an_unmasked_export_and_a_station_change_are_on_record(
    hub_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert [action for _, action in trail(hub_db)] == ["station_added", "export_unmasked"]
    assert run_verify(hub_db, capsys) == (
        0, {"ok": True, "entries": 2, "first_broken_seq": None, "problem": None}
    )  # fmt: skip


@pytest.mark.parametrize(("statement", "problem"), [
    ("DELETE FROM hub_office_audit WHERE action = 'export_unmasked'", "tail_deleted"),
    ("DELETE FROM hub_office_audit", "tail_deleted"),
    ("UPDATE hub_office_audit SET detail = '{}' WHERE seq = 2", "entry_broken"),
])  # fmt: skip
def test_a_changed_trail_is_caught(
    hub_db: str, capsys: pytest.CaptureFixture[str], statement: str, problem: str
) -> None:
    change(hub_db, statement)
    code, report = run_verify(hub_db, capsys)
    assert code == 1 and report["problem"] == problem
