"""A sync round with records too large for one batch."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from checkpoint_desk.services.sync import sync_now
from checkpoint_desk.store.models import Scan
from checkpoint_desk.store.person_secrets import RAW_TEXT_COLUMN
from checkpoint_desk.store.vault import vault_of
from tests.support.desks import T0, add_visits, enrol, make_desk
from tests.support.hubproc import HubProcess


def test_batches_over_the_hubs_body_cap_are_split(sqlite_hub: HubProcess, tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    enrol(desk, sqlite_hub, "西门")
    ids = add_visits(desk, 500)
    text = "HC1:" + "A" * 4000  # long raw code texts, kept by the station's settings
    sealed = vault_of(desk.engine).encrypt(text, column=RAW_TEXT_COLUMN)  # as stored
    scans = [
        Scan(visit_id=v, scanned_at=T0, scheme="HC1", raw_text=sealed).model_dump()
        for v in ids
        for _ in range(10)
    ]
    with desk.engine.begin() as conn:
        conn.execute(sa.insert(Scan.__table__), scans)  # type: ignore[attr-defined]
    report = sync_now(desk.engine, desk.data_dir, desk.settings)  # 500 visits ≈ 20 MB
    assert report.ok, report.errors
    assert report.acknowledged == 500
    assert desk.waiting() == 0
    desk.close()
