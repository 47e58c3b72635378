"""``checkpoint-hub export``: the combined ledger of every station for a day."""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from checkpoint_desk.export.csv_ledger import render_csv
from checkpoint_desk.hub.cli import main
from checkpoint_desk.hub.community_ledger import build_hub_ledger
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.ingest import ingest, sort_items
from checkpoint_desk.hub.stations import add_station, bind
from tests.support.samples import station_json, visit_json


def load_station(url: str, name: str, visits: list[dict[str, object]], desk_id: uuid.UUID) -> None:
    engine = open_hub_database(url)
    try:
        hub_station, _ = add_station(engine, name)
        bind(engine, hub_station, desk_id, None)
        raw = {"station": station_json(desk_id, name), "visits": visits}
        result = ingest(engine, hub_station.id, desk_id, sort_items(raw))
        assert not result.rejected
    finally:
        engine.dispose()


def test_the_combined_ledger_has_every_stations_visits_masked(
    hub_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    west, east = uuid.uuid4(), uuid.uuid4()
    load_station(hub_db_url, "西门卡点", [visit_json(west) for _ in range(3)], west)
    other_day = visit_json(east, at="2026-11-30T08:00:00+00:00")
    load_station(hub_db_url, "东门卡点", [visit_json(east), other_day], east)

    out = tmp_path / "ledgers"
    args = ["export", "--day", "2026-11-28", "--format", "csv", "--out", str(out)]
    assert main([*args, "--db", hub_db_url, "--json"]) == 0
    written = json.loads(capsys.readouterr().out)
    assert written["rows"] == 4
    text = Path(written["file"]).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    body = "\n".join(",".join(r) for r in rows[1:])
    assert len(rows) == 5
    assert "37081119900101123X" not in body  # masked unless --unmasked
    assert "西门卡点" in body
    assert "东门卡点" in body
    assert Path(written["manifest"]).is_file()

    xlsx = ["export", "--day", "2026-11-28", "--format", "xlsx", "--out", str(out)]
    assert main([*xlsx, "--db", hub_db_url, "--json"]) == 0
    book = openpyxl.load_workbook(json.loads(capsys.readouterr().out)["file"])
    assert book.worksheets[0].max_row == 5


def test_a_bad_day_is_one_line(hub_db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--day", "28.11.2026", "--format", "csv", "--db", hub_db_url]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_the_hubs_combined_ledger_has_the_household(hub_db_url: str) -> None:
    west = uuid.uuid4()
    visits = [visit_json(west, household="3号楼2单元501"), visit_json(west)]
    load_station(hub_db_url, "西门卡点", visits, west)
    engine = open_hub_database(hub_db_url)
    try:
        ledger = build_hub_ledger(engine, date(2026, 11, 28), lang="zh_CN")
    finally:
        engine.dispose()
    rows = list(csv.reader(io.StringIO(render_csv(ledger).decode("utf-8-sig"))))
    at = rows[0].index("户")
    assert sorted(r[at] for r in rows[1:]) == ["", "3号楼2单元501"]
