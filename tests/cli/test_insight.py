"""``inside``, ``trace`` and ``stats`` as a script calls them, on the scripted day."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine

from checkpoint_desk.cli import main
from checkpoint_desk.paths import DataDir
from checkpoint_desk.store.models import Station
from tests.conftest import FakeClock
from tests.support.insight_day import SUPERVISOR_PIN, ZHANG, InsightDay, local, script_day


@pytest.fixture
def day(station_env: tuple[Engine, Station], clock: FakeClock) -> InsightDay:
    engine, station = station_env
    return script_day(engine, station, clock)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_inside_json_is_one_object_per_person(
    day: InsightDay, data_dir: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "inside", "--json", "--data-dir", str(data_dir.root))
    assert code == 0, err
    people = [json.loads(line) for line in out.splitlines()]
    assert [(p["name"], p["since"]) for p in people] == [
        ("赵六", local(8, 20).isoformat()),
        ("张三", local(18, 0).isoformat()),
        ("吴十", local(18, 50).isoformat()),
    ]
    assert set(people[0]) == {"name", "id_masked", "since", "station"}
    assert {p["station"] for p in people} == {day.station.name}


def test_inside_text_and_the_roll_call_files(
    day: InsightDay, data_dir: DataDir, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "inside", "--data-dir", str(data_dir.root))
    assert code == 0, err
    assert out.splitlines()[0] == "Inside now: 3" and "张三" in out and ZHANG not in out
    home = ("--data-dir", str(data_dir.root))
    code, out, err = _run(capsys, "inside", "--format", "csv", "--out", str(tmp_path), *home)
    assert code == 0 and "Roll call written to" in err
    [written] = tmp_path.glob("*roll-call*.csv")
    rows = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["No.", "Name", "ID number"]
    assert [r[1] for r in rows[1:]] == ["赵六", "张三", "吴十"] and ZHANG not in str(rows)
    code, out, err = _run(capsys, "inside", "--format", "pdf", "--out", str(tmp_path), *home)
    assert code == 0, err
    [pdf] = tmp_path.glob("*roll-call*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_trace_needs_a_supervisor_and_prints_the_contacts(
    day: InsightDay,
    data_dir: DataDir,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = ("--data-dir", str(data_dir.root))
    span = ("--from", "2026-11-28", "--to", "2026-11-28")
    code, out, err = _run(capsys, "trace", "--id", ZHANG, *span, "--json", *home)
    assert code != 0 and "needs --supervisor" in err and err.count("\n") == 1 and out == ""
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", SUPERVISOR_PIN)
    who = ("--supervisor", "李主任")
    code, out, err = _run(capsys, "trace", "--id", ZHANG, *span, "--json", *who, *home)
    assert code == 0, err
    contacts = [json.loads(line) for line in out.splitlines()]
    assert [c["name"] for c in contacts] == ["李娜", "王五", "赵六", "孙八", "吴十"]
    keys = {"name", "id_masked", "phone_masked", "at", "station", "overlap_with"}
    assert set(contacts[0]) == keys
    assert contacts[-1]["overlap_with"] == local(18, 0).isoformat()

    code, out, err = _run(
        capsys, "trace", "--id", ZHANG, *span, "--window", "10", "--format", "xlsx",
        "--out", str(tmp_path), *who, *home,
    )  # fmt: skip
    assert code == 0, err
    assert "2 people within ±10 minutes" in out and "Contacts written to" in err
    [book] = tmp_path.glob("trace-*.xlsx")
    with zipfile.ZipFile(book) as archive:
        strings = archive.read("xl/sharedStrings.xml").decode()
    assert "李娜" in strings and "王五" in strings and "赵六" not in strings


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["trace", "--supervisor", "李主任"], "--id ID or --phone P"),
        (["trace", "--id", "1234", "--supervisor", "李主任"], "18 characters"),
        (["trace", "--id", ZHANG, "--from", "28.11.2026", "--supervisor", "李主任"], "not a day"),
        (["stats", "--day", "yesterday"], "not a day"),
    ],
)
def test_bad_input_is_one_line(
    day: InsightDay,
    data_dir: DataDir,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", SUPERVISOR_PIN)
    code, _out, err = _run(capsys, *argv, "--data-dir", str(data_dir.root))
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err


def test_stats_json_and_text(
    day: InsightDay, data_dir: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    home = ("--data-dir", str(data_dir.root))
    code, out, err = _run(capsys, "stats", "--day", "2026-11-28", "--json", *home)
    assert code == 0, err
    stats = json.loads(out)
    assert stats["total"] == {"visits": 12, "median_s": 16.0, "p90_s": 30.0, "stops": 1}
    assert [h["hour"] for h in stats["hours"]] == [8, 12, 14, 18]
    medians = {o["operator"]: o["median_s"] for o in stats["operators"]}
    assert medians == {"李强": 18.0, "王芳": 10.0}
    code, out, err = _run(capsys, "stats", "--day", "2026-11-28", "--lang", "zh_CN", *home)
    assert code == 0 and "08:00" in out and "王芳" in out
    assert "中位秒数" in out and "通行效率" in out
