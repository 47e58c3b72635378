"""``checkpoint-hub inside | trace | stats`` (issue 16): what the office types."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from checkpoint_desk.hub.cli import main
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.office_audit import office_audit
from tests.support.gates import DAY, LI, WANG, ZHANG, at, gate, visit

RANGE = ["--from", "2026-11-27", "--to", "2026-11-29"]


@pytest.fixture
def filled(
    hub_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Engine]]:
    """A hub with two gates' day, its home in a temp folder (the audit trail's key)."""
    monkeypatch.setenv("CHECKPOINT_HUB_HOME", str(tmp_path / "home"))
    engine = open_hub_database(hub_db_url)
    west, east = gate(engine, "西门卡点"), gate(engine, "东门卡点")
    west.push(
        visit(at(8), "in", "张伟", ZHANG, "13812345678", lane_seconds=6.0),
        visit(at(8, 10), "in", "李娜", LI, lane_seconds=10.0),
        visit(
            at(8, 20), "in", "=HYPERLINK(1)", None, "13912345678", verdict="stop", lane_seconds=40.0
        ),
    )
    east.push(visit(at(12), "out", "张伟", ZHANG), visit(at(12, 5), "in", "王强", WANG))
    yield hub_db_url, engine
    engine.dispose()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_inside_json_is_one_object_per_person(
    filled: tuple[str, Engine], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = filled
    code, out, _ = run(capsys, "inside", "--db", url, "--json")
    assert code == 0
    people = json.loads(out)
    assert [set(p) for p in people] == [{"name", "id_masked", "since", "station"}] * 3
    by_name = {p["name"]: p for p in people}
    assert set(by_name) == {"李娜", "=HYPERLINK(1)", "王强"}  # 张伟 left by the east gate
    assert by_name["王强"]["station"] == "东门卡点"
    assert by_name["李娜"]["id_masked"] == "370802********2284"
    since = datetime.fromisoformat(by_name["王强"]["since"])
    assert since == DAY + timedelta(hours=12, minutes=5)

    code, out, _ = run(capsys, "inside", "--db", url, "--lang", "zh_CN")
    assert code == 0
    assert out.splitlines()[0] == "当前场内：3 人"  # the desk's wording (insight.ts)


def test_trace_by_id_is_audited_without_the_number(
    filled: tuple[str, Engine], capsys: pytest.CaptureFixture[str]
) -> None:
    url, engine = filled
    code, out, _ = run(capsys, "trace", "--id", ZHANG, *RANGE, "--db", url, "--json")
    assert code == 0
    contacts = json.loads(out)
    assert [(c["name"], c["station"]) for c in contacts] == [
        ("李娜", "西门卡点"),
        ("=HYPERLINK(1)", "西门卡点"),
        ("王强", "东门卡点"),
    ]
    assert set(contacts[0]) == {
        "name",
        "id_masked",
        "phone_masked",
        "at",
        "station",
        "overlap_with",
    }
    assert datetime.fromisoformat(contacts[2]["overlap_with"]) == DAY + timedelta(hours=12)

    with engine.connect() as conn:
        entries = conn.execute(sa.select(office_audit.c.action, office_audit.c.detail)).all()
    assert [(a, d["id_masked"], d["contacts"]) for a, d in entries] == [
        ("trace", "370811********1236", 3)
    ]
    assert ZHANG not in json.dumps([d for _, d in entries])
    assert run(capsys, "audit", "verify", "--db", url)[0] == 0

    code, out, _ = run(capsys, "trace", "--phone", "138 1234 5678", *RANGE, "--db", url, "--json")
    assert code == 0
    assert len(json.loads(out)) == 3  # the same person, found by the phone
    code, out, _ = run(capsys, "trace", "--id", ZHANG, "--window", "5", *RANGE, "--db", url)
    assert code == 0
    assert out.splitlines()[0] == "Contacts: 1"  # only 王强, 5 minutes after the exit


@pytest.mark.parametrize(
    "argv",
    [
        ["--id", "370811199001011235"],  # wrong check digit
        ["--phone", "12345"],
        ["--id", ZHANG, "--window", "0"],
        ["--id", ZHANG, "--from", "2026-11-29", "--to", "2026-11-28"],
        ["--id", ZHANG, "--from", "yesterday"],
        ["--id", ZHANG, "--out", "somewhere"],
    ],
)
def test_trace_refuses_bad_input_in_one_line(
    filled: tuple[str, Engine], capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    url, engine = filled
    code, out, err = run(capsys, "trace", *argv, "--db", url)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(office_audit)).scalar() == 0


def test_trace_writes_csv_and_xlsx_masked(
    filled: tuple[str, Engine], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url, _ = filled
    out_dir = tmp_path / "out"
    code, out, _ = run(
        capsys,
        "trace",
        "--id",
        ZHANG,
        *RANGE,
        "--format",
        "csv",
        "--out",
        str(out_dir),
        "--db",
        url,
    )
    assert code == 0
    (written,) = out_dir.glob("trace-*.csv")
    data = written.read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "Name"
    assert [r[0] for r in rows[1:]] == ["李娜", "'=HYPERLINK(1)", "王强"]
    assert LI not in data.decode("utf-8-sig")
    assert str(written) in out

    code, _, _ = run(
        capsys, "trace", "--id", ZHANG, *RANGE, "--format", "xlsx", "--out", str(out_dir),
        "--db", url, "--lang", "zh_CN",
    )  # fmt: skip
    assert code == 0
    (book_path,) = out_dir.glob("trace-*.xlsx")
    sheet = openpyxl.load_workbook(book_path).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "姓名"
    assert [r[0] for r in values[1:]] == ["李娜", "'=HYPERLINK(1)", "王强"]
    assert values[1][1] == "370802********2284"


def test_stats_per_station_and_hour(
    filled: tuple[str, Engine], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = filled
    code, out, _ = run(capsys, "stats", "--day", "2026-11-28", "--db", url, "--json")
    assert code == 0
    hours = {(h["station"], datetime.fromisoformat(h["hour"])): h for h in json.loads(out)}
    eight, noon = DAY + timedelta(hours=8), DAY + timedelta(hours=12)  # hours in UTC
    assert set(hours) == {("西门卡点", eight), ("东门卡点", noon)}
    west = hours[("西门卡点", eight)]
    assert (west["visits"], west["stops"], west["timed"], west["median_s"]) == (3, 1, 3, 10.0)
    assert west["p90_s"] == pytest.approx(34.0)
    assert hours[("东门卡点", noon)]["median_s"] is None
    assert run(capsys, "stats", "--day", "2026-13-01", "--db", url)[0] == 2
