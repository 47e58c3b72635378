"""``audit verify``: an intact chain passes; an edited row fails at that row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from checkpoint_desk.cli import main
from checkpoint_desk.store.engine import make_engine


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "desk"
    assert main(["init", "--station", "西门", "--data-dir", str(home)]) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "2468")
    for name in ("甲", "乙", "丙"):  # three audited acts
        assert main(["operator", "add", name, "--data-dir", str(home)]) == 0
    return home


def verify(home: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object], str]:
    capsys.readouterr()
    code = main(["audit", "verify", "--json", "--data-dir", str(home)])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_intact_chain(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = verify(home, capsys)
    assert code == 0 and report == {
        "ok": True,
        "hub_checked": False,  # no hub set up
        "entries": 3,
        "first_broken_seq": None,
        "problem": None,
        "anchored_seq": None,  # nothing exported or synced yet
        "clock_behind": [],
    }
    assert main(["audit", "verify", "--data-dir", str(home)]) == 0
    assert "3 entries" in capsys.readouterr().out


@pytest.mark.parametrize("statement", [
    "UPDATE audit_entry SET detail = json_set(detail, '$.role', 'supervisor') WHERE seq = 2",
    "UPDATE audit_entry SET at = '2020-01-01 00:00:00' WHERE seq = 2",
    "DELETE FROM audit_entry WHERE seq = 1",
])  # fmt: skip
def test_an_edited_row_breaks_the_chain_there(
    home: Path, capsys: pytest.CaptureFixture[str], statement: str
) -> None:
    engine = make_engine(home / "checkpoint.db")
    with engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()
    code, report, err = verify(home, capsys)
    assert code == 1 and report["ok"] is False
    assert report["first_broken_seq"] == 2  # a removed first entry breaks the second
    assert "broken at entry 2" in err and err.count("\n") == 1
