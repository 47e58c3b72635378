"""The audit anchor travels at sync: the hub keeps it, answers with its clock, and
notices a desk whose chain went back (its tail and local anchors deleted)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkpoint_desk.cli import main
from checkpoint_desk.hub.anchors import anchor, clock_skews
from checkpoint_desk.hub.cli import main as hub_main
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.sync import sync_now
from checkpoint_desk.sync.anchors import ChainWentBack
from tests.support.desks import enrol, make_desk
from tests.support.hubproc import HubProcess


def test_the_hub_keeps_each_head_and_sees_a_chain_cut_short(
    sqlite_hub: HubProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    enrol(desk, sqlite_hub)
    for name in ("甲", "乙", "丙"):
        create_operator(desk.engine, desk.station.id, name, "volunteer", "2468")
    report = sync_now(desk.engine, desk.data_dir, desk.settings)
    assert report.ok, report.errors
    with sqlite3.connect(desk.data_dir.database) as conn:
        head = conn.execute("SELECT max(seq) FROM audit_entry").fetchone()[0]

    hub = open_hub_database(sqlite_hub.db_url)
    with hub.connect() as conn:
        query = sa.select(anchor.c.seq, anchor.c.regressed).order_by(anchor.c.id.desc())
        newest = conn.execute(query).first()
    assert newest is not None and tuple(newest) == (head, False)
    assert abs(clock_skews(hub)[str(desk.station.id)]) < 3600  # one clock, one machine
    capsys.readouterr()
    assert hub_main(["stations", "--json", "--db", sqlite_hub.db_url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert isinstance(listed[0]["clock_skew_s"], float)  # the office sees each desk's skew
    with sqlite3.connect(desk.data_dir.database) as conn:  # hub_at: the hub's clock kept
        sql = "SELECT count(*) FROM audit_anchor WHERE hub_at IS NOT NULL"
        assert conn.execute(sql).fetchone()[0] >= 1

    with sqlite3.connect(desk.data_dir.database) as conn:  # a thief cuts the trail short
        conn.execute("DELETE FROM audit_entry WHERE seq > ?", (head - 3,))
        conn.execute("DELETE FROM audit_anchor")
    report = sync_now(desk.engine, desk.data_dir, desk.settings)
    assert any(isinstance(e, ChainWentBack) for e in report.errors), report.errors
    with hub.connect() as conn:
        query = sa.select(anchor.c.seq, anchor.c.regressed).order_by(anchor.c.id.desc())
        newest = conn.execute(query).first()
    assert newest is not None and tuple(newest) == (head - 3, True)
    hub.dispose()
    desk.close()
    capsys.readouterr()  # and audit verify, asking the hub, names the cut
    assert main(["audit", "verify", "--json", "--data-dir", str(desk.data_dir.root)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["hub_checked"] and report["problem"] == "tail_deleted"
