"""``import-visits`` takes a ``household`` field: normalised like the form's, and counted."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.domain.bounds import MAX_HOUSEHOLD
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.services.importing import import_visits
from checkpoint_desk.store.models import Station, Visit

QUOTA_2 = ScreeningRules(household_exit_quota=2)
HEADER = "time,direction,name,temperature,health_code,household\n"


def _household_of(engine: Engine, visit_id: object) -> str | None:
    with Session(engine) as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        return visit.household


def test_imported_exits_count_for_their_household(
    station_env: tuple[Engine, Station], tmp_path: Path
) -> None:
    engine, station = station_env
    paper = tmp_path / "paper.csv"
    paper.write_text(
        HEADER
        + "2026-11-28T08:30,out,张伟,36.5,green,3号楼 2单元 501\n"
        + "2026-11-28T08:40,in,王芳,36.5,green,3号楼2单元501\n"  # an entry: not counted
        + "2026-11-28T09:00,out,李娜,36.5,green,３号楼２单元５０１\n"
        + "2026-11-28T09:30,out,赵六,36.5,green,3号楼2单元501\n"
        + "2026-11-28T09:31,out,钱七,36.5,green,3号楼2单元502\n"
        + "2026-11-29T08:00,out,孙八,36.5,green,3号楼2单元501\n",
        encoding="utf-8-sig",
    )
    done = list(import_visits(engine, paper, station_id=station.id, rules=QUOTA_2))
    assert [o.error for o in done] == [None] * 6
    assert [o.verdict for o in done] == ["pass", "pass", "pass", "stop", "pass", "pass"]
    assert done[3].reasons == ("household_quota",), "the third exit of 501 that day"
    assert {_household_of(engine, o.visit_id) for o in done[:4]} == {"3号楼2单元501"}


def test_a_jsonl_household_is_bounded_like_the_forms(
    station_env: tuple[Engine, Station], tmp_path: Path
) -> None:
    engine, station = station_env
    paper = tmp_path / "paper.jsonl"
    rows = [
        {"time": "2026-11-28T08:30", "name": "张伟", "household": "楼" * (MAX_HOUSEHOLD + 1)},
        {"time": "2026-11-28T08:31", "name": "李娜", "household": "5-1\u0007"},
        {"time": "2026-11-28T08:32", "name": "王芳", "household": "楼" * MAX_HOUSEHOLD},
    ]
    paper.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    too_long, control, longest = import_visits(engine, paper, station_id=station.id, rules=QUOTA_2)
    assert too_long.visit_id is None and "200" in (too_long.error or ""), "refused, as the form"
    assert control.visit_id is None and control.error
    assert _household_of(engine, longest.visit_id) == "楼" * MAX_HOUSEHOLD
