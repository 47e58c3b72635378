"""A pass revoked at any desk is revoked at every desk after their next sync (issue 13).

Two real desks and a real hub process, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checkpoint_desk.services.codes import revoked_pass_ids
from checkpoint_desk.services.passes import issue_pass, revoke_pass
from checkpoint_desk.services.sync import sync_now
from checkpoint_desk.store.peek import code_facts
from tests.support.desks import Desk, enrol, make_desk, supervisor_approval
from tests.support.hubproc import HubProcess


@pytest.fixture
def desks(tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:
    west, east = make_desk(tmp_path / "west", "西门卡点"), make_desk(tmp_path / "east", "东门卡点")
    yield west, east
    west.close()
    east.close()


def test_a_pass_revoked_at_one_desk_is_revoked_at_the_other(
    desks: tuple[Desk, Desk], fresh_hub: HubProcess
) -> None:
    west, east = desks
    enrol(west, fresh_hub, "西门")
    enrol(east, fresh_hub, "东门")
    issued = issue_pass(
        west.engine, west.data_dir, name="张伟", id_number="370811199001011236",
        kind="resident", days=30,
    )  # fmt: skip
    assert sync_now(east.engine, east.data_dir, east.settings).ok
    assert issued.id not in revoked_pass_ids(code_facts(east.data_dir.database))

    revoke_pass(west.engine, issued.id, approval=supervisor_approval(west))
    assert sync_now(west.engine, west.data_dir, west.settings).ok  # reaches the hub
    report = sync_now(east.engine, east.data_dir, east.settings)  # and the other desk
    assert report.ok
    assert "revocations" in report.pulled_kinds
    assert issued.id in revoked_pass_ids(code_facts(east.data_dir.database))
