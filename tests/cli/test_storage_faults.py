"""Storage faults (issue 14, failure 5): each gets one line and a way forward.

An empty database, a damaged one, a read-only data directory, an impossible day:
every command says what is wrong in one line, nothing is replaced behind the
user's back, and ``db restore`` puts the newest good backup back.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from checkpoint_desk.cli import main
from checkpoint_desk.hub.cli import main as hub_main


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "desk"
    assert main(["init", "--station", "西门", "--data-dir", str(home)]) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "2468")
    assert main(["operator", "add", "甲", "--data-dir", str(home)]) == 0
    with sqlite3.connect(home / "checkpoint.db") as conn:  # enough rows for several pages
        conn.executemany(
            "INSERT INTO person (id, name, name_initials, address, resident, created_at,"
            " revision, updated_at) VALUES (?, ?, '', ?, 0, '2026-11-01 08:00:00', 1,"
            " '2026-11-01 08:00:00')",
            [(f"{i:032x}", f"访客{i}", "3号楼" * 20) for i in range(400)],
        )
    return home


def damage(db: Path, table: str | None = None) -> None:
    """Overwrite ``table``'s root page, else the file's last page (an index).

    The header stays valid: the file opens, and the damage shows when it is read.
    """
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        if table is None:
            victim = conn.execute("PRAGMA page_count").fetchone()[0] - 1
        else:
            sql = "SELECT rootpage - 1 FROM sqlite_master WHERE name = ?"
            victim = conn.execute(sql, (table,)).fetchone()[0]
    data = bytearray(db.read_bytes())
    data[victim * page + 8 : victim * page + page - 8] = b"\x5a" * (page - 16)
    db.write_bytes(bytes(data))


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_an_empty_database_is_never_replaced_and_restore_is_the_way_forward(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "backup", "--data-dir", str(home)]) == 0
    db = home / "checkpoint.db"
    db.write_bytes(b"")
    for name in ("-wal", "-shm"):
        (home / f"checkpoint.db{name}").unlink(missing_ok=True)
    capsys.readouterr()
    assert main(["operator", "list", "--data-dir", str(home)]) == 4
    assert "empty (0 bytes)" in one_line(capsys.readouterr().err)
    assert db.stat().st_size == 0  # not silently re-created empty
    assert main(["db", "check", "--json", "--data-dir", str(home)]) == 4
    assert json.loads(capsys.readouterr().out)["problems"] == ["empty"]
    assert main(["init", "--station", "西门", "--data-dir", str(home)]) == 3
    assert "db restore" in one_line(capsys.readouterr().err)
    assert main(["db", "restore", "--json", "--data-dir", str(home)]) == 0
    restored = json.loads(capsys.readouterr().out)
    assert Path(restored["moved_aside"]).stat().st_size == 0  # the empty file is kept aside
    assert main(["operator", "list", "--data-dir", str(home)]) == 0
    assert "甲" in capsys.readouterr().out


def test_backup_of_a_damaged_database_is_refused_and_keeps_the_good_ones(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "backup", "--data-dir", str(home)]) == 0
    good = sorted((home / "backups").iterdir())
    damage(home / "checkpoint.db")
    capsys.readouterr()
    assert main(["db", "backup", "--keep", "1", "--data-dir", str(home)]) == 4
    assert "restore" in one_line(capsys.readouterr().err)
    assert sorted((home / "backups").iterdir()) == good  # nothing added, nothing rotated out


def test_a_damaged_database_gives_one_line_for_import_visits(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage(home / "checkpoint.db", "station")  # read on the way to the first row
    rows = tmp_path / "v.csv"
    rows.write_text(
        "time,direction,name,id_number\n2026-11-28T08:00,in,张三,11010519491231002X\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import-visits", str(rows), "--data-dir", str(home)]) == 4
    err = one_line(capsys.readouterr().err)
    assert "damaged" in err and "db restore" in err


def test_restore_takes_the_newest_good_backup_and_checks_a_chosen_one(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "backup", "--data-dir", str(home)]) == 0
    assert main(["operator", "add", "乙", "--data-dir", str(home)]) == 0
    assert main(["db", "backup", "--data-dir", str(home)]) == 0
    older, newer = sorted((home / "backups").iterdir(), key=lambda p: p.stat().st_mtime_ns)
    newer_copy = newer.read_bytes()
    damage(newer)  # the newest backup went bad on disk
    capsys.readouterr()
    assert main(["db", "restore", "--data-dir", str(home)]) == 4  # the database is fine
    assert "--replace-good" in one_line(capsys.readouterr().err)
    damage(home / "checkpoint.db")
    assert main(["db", "restore", str(newer), "--data-dir", str(home)]) == 4
    assert "fails its check" in one_line(capsys.readouterr().err)
    assert main(["db", "restore", "--json", "--data-dir", str(home)]) == 0
    assert json.loads(capsys.readouterr().out)["backup"] == str(older)
    assert main(["operator", "list", "--data-dir", str(home)]) == 0
    names = capsys.readouterr().out
    assert "甲" in names and "乙" not in names
    assert newer.read_bytes() != newer_copy  # the damaged backup was left as it was
    assert main(["audit", "verify", "--data-dir", str(home)]) == 0


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` read-only for real: chmod, or for root a read-only bind mount."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
        for path in modes:
            path.chmod(modes[path] & ~0o222)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    try:
        subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"root and no bind mount here: {exc}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield
    finally:
        # lazy: a file the failed command left open must not keep the mount behind
        subprocess.run(["umount", "--lazy", str(folder)], check=True)


def test_a_read_only_data_directory_gives_one_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from checkpoint_desk.logging_setup import close_logging

    close_logging()
    (home / "logs" / "checkpoint-desk.log").unlink()  # the log has to be created
    capsys.readouterr()
    with read_only(home):
        code = main(["operator", "add", "乙", "--data-dir", str(home)])
        err = capsys.readouterr().err
        assert main(["db", "check", "--data-dir", str(home)]) == 0  # reading still works
    assert code == 3
    assert "writable" in one_line(err)


def test_an_impossible_day_is_one_line_at_the_desk_and_the_hub(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    for day in ("9999-12-31", "0001-01-01"):
        args = ["export", "--day", day, "--format", "csv", "--data-dir", str(home)]
        assert main(args) == 2
        assert "out of range" in one_line(capsys.readouterr().err)
        hub_db = f"sqlite:///{tmp_path / 'hub.db'}"
        out = tmp_path / "out"
        assert hub_main(["export", "--day", day, "--format", "csv", "--db", hub_db,
                         "--out", str(out)]) == 2  # fmt: skip
        assert "out of range" in one_line(capsys.readouterr().err)
