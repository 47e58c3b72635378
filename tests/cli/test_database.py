"""``db check`` / ``db backup`` and what every command does with a bad database."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from checkpoint_desk.cli import main
from checkpoint_desk.store.engine import head_revision, open_database


@pytest.fixture
def home(cli_home: Path) -> Path:
    home = cli_home  # what ``init --station 西门`` makes
    engine = open_database(home / "checkpoint.db")
    with engine.begin() as conn:  # enough rows to fill several pages
        for i in range(400):
            conn.execute(
                text(
                    "INSERT INTO person (id, name, name_initials, address, resident, created_at,"
                    " revision, updated_at) VALUES (:id, :name, '', :addr, 0,"
                    " '2026-11-01 08:00:00', 1, '2026-11-01 08:00:00')"
                ),
                {"id": f"{i:032x}", "name": f"访客{i}", "addr": "3号楼" * 20},
            )
    engine.dispose()  # checkpoints the WAL into the main file
    return home


def test_check_of_a_good_database(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["db", "check", "--json", "--data-dir", str(home)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["integrity"] == ["ok"]
    assert report["schema"] == report["head"] == head_revision()
    assert report["counts"]["person"] == 400 and report["counts"]["station"] == 1


def test_check_finds_a_damaged_page_and_leaves_the_file(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(home, copy)
    db = copy / "checkpoint.db"
    with sqlite3.connect(db) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    assert pages > 6
    data = bytearray(db.read_bytes())
    victim = pages - 2  # a page of the person table or its indexes, not the header
    data[victim * page_size + 8 : victim * page_size + page_size - 8] = b"\x5a" * (page_size - 16)
    db.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["db", "check", "--json", "--data-dir", str(copy)]) == 4
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert not report["ok"] and report["problems"] in (["integrity"], ["unreadable"])
    assert "Database check failed" in err and err.count("\n") == 1
    assert db.read_bytes() == bytes(data)  # nothing repaired or overwritten behind our back


def test_not_a_database_is_refused_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "d"
    home.mkdir()
    junk = b"garbage, not sqlite" * 50
    (home / "checkpoint.db").write_bytes(junk)
    assert main(["db", "check", "--data-dir", str(home)]) == 4
    assert "not an SQLite database" in capsys.readouterr().err
    assert main(["db", "backup", "--data-dir", str(home)]) == 4
    assert "not a Checkpoint Desk database" in capsys.readouterr().err
    assert (home / "checkpoint.db").read_bytes() == junk
    assert not list((home).glob("backups/*"))


def test_newer_schema_is_reported_and_refused(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(home / "checkpoint.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = (home / "checkpoint.db").read_bytes()
    capsys.readouterr()
    assert main(["db", "check", "--data-dir", str(home)]) == 4
    assert "newer than this program" in capsys.readouterr().err
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text('{"time": "2026-11-28T08:00", "name": "甲"}\n', encoding="utf-8")
    assert main(["import-visits", str(jsonl), "--data-dir", str(home)]) == 4
    assert "newer version" in capsys.readouterr().err
    assert (home / "checkpoint.db").read_bytes() == before


def test_backup_prints_its_path(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["db", "backup", "--data-dir", str(home)]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.parent == home / "backups" and path.is_file()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 400
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_data_dir_that_is_a_file_or_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "afile"
    target.write_text("x")
    for command in ("backup", "check"):
        assert main(["db", command, "--data-dir", str(target)]) == 3
        assert "No station" in capsys.readouterr().err
        assert main(["db", command, "--data-dir", str(tmp_path / "none")]) == 3
        assert "No station" in capsys.readouterr().err
    assert target.read_text() == "x" and not (tmp_path / "none").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_data_dir(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (home / "checkpoint.db").read_bytes()
    home.chmod(0o500)
    try:
        code = main(["db", "backup", "--data-dir", str(home)])
    finally:
        home.chmod(0o700)
    assert code in (3, 4)
    assert capsys.readouterr().err.count("\n") == 1
    assert (home / "checkpoint.db").read_bytes() == before


def test_unwritable_backup_folder_is_a_clear_error(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(home / "backups")
    (home / "backups").write_text("in the way")  # works for root too, unlike chmod
    capsys.readouterr()
    assert main(["db", "backup", "--data-dir", str(home)]) == 3
    err = capsys.readouterr().err
    assert "backup" in err and err.count("\n") == 1
    assert (home / "backups").read_text() == "in the way"
