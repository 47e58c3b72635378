"""``import-visits`` groups rows into vehicles by a ``vehicle_entry`` label, per file."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlmodel import Session, select

from checkpoint_desk.cli import main
from checkpoint_desk.store.engine import open_database
from checkpoint_desk.store.models import Visit
from checkpoint_desk.store.vault import unlock_vault
from tests.conftest import TEST_PASSPHRASE
from tests.services.conftest import make_id

HEADER = "time,name,id_number,plate,temperature,health_code,vehicle_entry\n"


def _entries(home: Path, out: str) -> list[str | None]:
    ids = [uuid.UUID(str(json.loads(line)["uuid"])) for line in out.splitlines()]
    engine = open_database(
        home / "checkpoint.db", vault=unlock_vault(home / "keys", TEST_PASSPHRASE)
    )
    try:
        with Session(engine) as session:
            found = {v.id: v.vehicle_entry for v in session.exec(select(Visit)).all()}
    finally:
        engine.dispose()
    return [found[i] for i in ids]


def test_one_label_is_one_vehicle_per_file_and_a_rerun_keeps_it(
    cli_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "morning.csv"
    first.write_text(
        HEADER
        + f"2026-11-28T08:30,张三,{make_id(1)},鲁H12345,365,green,car A\n"
        + f"2026-11-28T08:31,李四,{make_id(2)},,366,green,\n"
        + f"2026-11-28T08:30,王五,{make_id(3)},鲁H12345,385,green,car A\n"
        + f"2026-11-28T08:40,赵六,{make_id(4)},鲁A00001,365,green,鲁A00001\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import-visits", str(first), "--data-dir", str(cli_home)]) == 0
    zhang, li, wang, zhao = _entries(cli_home, capsys.readouterr().out)
    assert zhang is not None and zhang == wang, "the rows labelled car A are one vehicle"
    assert li is None
    assert zhao is not None and zhao != zhang

    again = tmp_path / "morning-again.csv"  # the same file run again, one row added
    again.write_text(
        first.read_text(encoding="utf-8")
        + f"2026-11-28T08:32,孙七,{make_id(5)},鲁H12345,365,green,car A\n",
        encoding="utf-8",
    )
    assert main(["import-visits", str(again), "--data-dir", str(cli_home)]) == 0
    *_, sun = _entries(cli_home, capsys.readouterr().out)
    assert sun == zhang, "a row added to car A joins the vehicle already imported"

    other = tmp_path / "evening.csv"  # another file: its car A is another vehicle
    other.write_text(
        HEADER + f"2026-11-28T18:00,周八,{make_id(6)},鲁H12345,365,green,car A\n",
        encoding="utf-8",
    )
    assert main(["import-visits", str(other), "--data-dir", str(cli_home)]) == 0
    (zhou,) = _entries(cli_home, capsys.readouterr().out)
    assert zhou is not None and zhou != zhang
