"""``import-visits``: row by row, durable before printed, bad rows reported and skipped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlmodel import Session, select

from checkpoint_desk.cli import main
from checkpoint_desk.store.engine import open_database
from checkpoint_desk.store.models import Person, Scan, Visit
from checkpoint_desk.store.person_secrets import phone_of
from checkpoint_desk.store.vault import unlock_vault, vault_of
from tests.conftest import TEST_PASSPHRASE
from tests.services.conftest import make_id


@pytest.fixture
def home(cli_home: Path) -> Path:
    return cli_home  # what ``init --station 西门`` makes


def lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_csv_with_bom_and_a_bad_row(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    csv_file = tmp_path / "paper.csv"
    csv_file.write_text(
        "time,direction,name,id_number,phone,plate,passengers,temperature,health_code,"
        "travel_risk,nat_at,purpose,destination,note\n"
        f"2026-11-28T08:30,in,张三,{make_id(1)},13812345678,鲁H12345,1,365,green,false,"
        "2026-11-27,探亲,3号楼,\n"
        "2026-11-28T08:31,in,李四,,13812345679,,0,37.8,green,,,,,\n"
        "2026-11-28T08:32,in,王五,,13812345670,,0,36.5,purple,,,,,\n",
        encoding="utf-8-sig",
    )
    code = main(["import-visits", str(csv_file), "--data-dir", str(home)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "1 of 3 rows refused" in err and err.count("\n") == 1
    first, second, third = lines(out)
    assert first["line"] == 2 and first["verdict"] == "pass" and first["reasons"] == []
    assert second["line"] == 3 and second["verdict"] == "stop" and second["reasons"] == ["fever"]
    assert third["line"] == 4 and "purple" in str(third["error"])
    engine = open_database(
        home / "checkpoint.db", vault=unlock_vault(home / "keys", TEST_PASSPHRASE)
    )
    with Session(engine) as session:
        visit = session.get(Visit, uuid.UUID(str(first["uuid"])))
        assert visit is not None and visit.source == "import" and visit.shift_id is None
        assert visit.at.isoformat().startswith("2026-11-28") and visit.temperature_c == 36.5
        assert len(session.exec(select(Visit)).all()) == 2
    engine.dispose()


def test_rerun_reports_duplicates_and_all_good_exits_zero(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonl = tmp_path / "paper.jsonl"
    jsonl.write_text(
        json.dumps({"time": "2026-11-28T08:30+08:00", "name": "张三", "phone": "13812345678",
                    "temperature": "98.6F", "travel_risk": True}, ensure_ascii=False)
        + "\n\n",
        encoding="utf-8",
    )  # fmt: skip
    capsys.readouterr()
    assert main(["import-visits", str(jsonl), "--data-dir", str(home)]) == 0
    (row,) = lines(capsys.readouterr().out)
    assert row["reasons"] == ["travel_risk"]
    assert main(["import-visits", str(jsonl), "--data-dir", str(home)]) == 0
    (again,) = lines(capsys.readouterr().out)
    assert again["uuid"] == row["uuid"] and again["duplicate"] is True


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json\n", "Not a JSON object"),
        ('{"time": "2026-11-28T08:30", "name": "x", "temprature": "36.5"}\n', "temprature"),
        ('{"name": "张三"}\n', "time is missing"),
        ('{"time": "2026-11-28T08:30", "name": "张三", "passengers": "two"}\n', "passengers"),
    ],
)
def test_bad_rows_are_refused_with_their_line(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_text('{"time": "2026-11-28T08:29", "name": "甲"}\n' + content, encoding="utf-8")
    capsys.readouterr()
    assert main(["import-visits", str(jsonl), "--data-dir", str(home)]) == 2
    good, bad = lines(capsys.readouterr().out)
    assert "uuid" in good and bad["line"] == 2 and message in str(bad["error"])


def test_unknown_csv_column_refuses_the_file(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_file = tmp_path / "x.csv"
    csv_file.write_text("time,name,temprature\n2026-11-28T08:30,张三,36.5\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import-visits", str(csv_file), "--data-dir", str(home)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "temprature" in err


def test_missing_data_dir_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text("", encoding="utf-8")
    assert main(["import-visits", str(jsonl), "--data-dir", str(tmp_path / "nowhere")]) == 3
    assert "No station" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.slow
def test_sigkill_mid_import_loses_nothing_printed(home: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as handle:
        for i in range(20_000):
            row = {
                "time": f"2026-11-28T{8 + i // 3600 % 12:02d}:{i // 60 % 60:02d}:{i % 60:02d}",
                "name": f"访客{i}",
                "phone": f"138{i:08d}",
                "temperature": "36.5" if i % 7 else "38.1",
                "purpose": f"row {i}",
            }
            if i % 3 == 0:
                row["id_number"] = make_id(i, birth=f"19{50 + i % 40}0101")
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    command = ["import-visits", str(big), "--data-dir", str(home)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "checkpoint_desk", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert proc.stdout is not None
    printed: list[dict[str, object]] = []
    while len(printed) < 40:
        line = proc.stdout.readline()
        assert line, "import ended before it was killed"
        printed.append(json.loads(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    # what it printed before it died is still in the pipe: every line counts
    printed += [json.loads(line) for line in proc.stdout.read().splitlines(keepends=True)
                if line.endswith("\n")]  # fmt: skip
    proc.stdout.close()
    assert len(printed) < 20_000, "the import finished before it was killed"

    engine = open_database(
        home / "checkpoint.db", vault=unlock_vault(home / "keys", TEST_PASSPHRASE)
    )
    with Session(engine) as session:
        for row in printed:
            i = int(row["line"]) - 1  # type: ignore[call-overload]
            visit = session.get(Visit, uuid.UUID(str(row["uuid"])))
            assert visit is not None, row
            assert visit.purpose == f"row {i}" and visit.source == "import"
            assert visit.temperature_c == (36.5 if i % 7 else 38.1)
            person = session.get(Person, visit.person_id)
            assert person is not None and phone_of(person, vault_of(engine)) == f"138{i:08d}"
        visits = session.exec(select(Visit)).all()
        assert len(printed) <= len(visits) <= len(printed) + 1  # at most one unprinted
        for visit in visits:  # nothing half-written
            assert visit.person_id is not None and session.get(Person, visit.person_id)
            assert visit.purpose.startswith("row ")
        assert session.exec(select(Scan)).all() == []
    engine.dispose()


def test_nul_and_times_off_the_calendar_are_refused_row_by_row(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13, failures 6 and 8: such rows used to be stored, then stopped the hub's sync."""
    rows = [
        {"time": "2026-11-28T08:30+08:00", "name": "张\u0000三", "phone": "13812345678"},
        {"time": "0001-01-01T00:00:00+14:00", "name": "李四", "phone": "13812345679"},
        {"time": "2026-11-28T08:31+08:00", "name": "王五", "note": "复测\u001b[2J"},
        {"time": "2026-11-28T08:32+08:00", "name": "赵六", "nat_at": "9999-12-31T23:59-14:00"},
        {"time": "2026-11-28T08:33+08:00", "name": "钱七", "note": "第一行\n第二行"},
    ]
    jsonl = tmp_path / "paper.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    capsys.readouterr()
    code = main(["import-visits", str(jsonl), "--data-dir", str(home)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "4 of 5 rows refused" in err and err.count("\n") == 1
    outcomes = lines(out)
    assert "U+0000" in str(outcomes[0]["error"])
    assert "1970" in str(outcomes[1]["error"])
    assert "U+001B" in str(outcomes[2]["error"])
    assert "nat_at" in str(outcomes[3]["error"])
    assert outcomes[4]["verdict"] and "error" not in outcomes[4]
    engine = open_database(
        home / "checkpoint.db", vault=unlock_vault(home / "keys", TEST_PASSPHRASE)
    )
    with Session(engine) as session:
        assert [v.note for v in session.exec(select(Visit)).all()] == ["第一行\n第二行"]
    engine.dispose()
