"""Enrolling greets the hub first: a refused code leaves the desk's hub as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkpoint_desk.hub.identity import load_identity
from checkpoint_desk.services.sync import EnrolmentRefused, load_hub_token, sync_now
from checkpoint_desk.sync.hub_pin import enrolment_code, load_pin, parse_enrolment
from tests.support.desks import add_visits, connect, enrol, enrolment_for, make_desk
from tests.support.hubproc import HubProcess


def test_a_refused_code_keeps_the_hub_the_desk_had(sqlite_hub: HubProcess, tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    try:
        enrol(desk, sqlite_hub)
        before = (load_hub_token(desk.data_dir), load_pin(desk.data_dir.root), desk.settings)
        fresh = parse_enrolment(enrolment_for(sqlite_hub.home, sqlite_hub.db_url, "西门二"))
        stranger = load_identity(tmp_path / "stranger").pin
        with pytest.raises(EnrolmentRefused) as refused:
            connect(desk, sqlite_hub.url, enrolment_code(fresh.token, stranger))
        assert refused.value.kind == "wrong_hub"
        assert stranger.fingerprint in str(refused.value)
        assert load_hub_token(desk.data_dir) == before[0]
        assert load_pin(desk.data_dir.root) == before[1]
        assert desk.settings.values.hub_url == before[2].values.hub_url == sqlite_hub.url
        add_visits(desk, 2)
        report = sync_now(desk.engine, desk.data_dir, desk.settings)
        assert report.ok and desk.waiting() == 0  # still syncing with the hub it had
    finally:
        desk.close()


def test_the_same_desk_may_enrol_again_with_its_own_code(
    sqlite_hub: HubProcess, tmp_path: Path
) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    try:
        code = enrol(desk, sqlite_hub)
        pin = connect(desk, sqlite_hub.url, code)
        assert pin == load_identity(sqlite_hub.home).pin
    finally:
        desk.close()


def test_a_second_station_entry_for_an_enrolled_desk_says_so(
    sqlite_hub: HubProcess, tmp_path: Path
) -> None:
    desk = make_desk(tmp_path / "desk", "西门卡点")
    try:
        enrol(desk, sqlite_hub)
        another = enrolment_for(sqlite_hub.home, sqlite_hub.db_url, "西门又一个")
        with pytest.raises(EnrolmentRefused) as refused:
            connect(desk, sqlite_hub.url, another)
        assert refused.value.kind == "desk_claimed"
        assert "rotates that station's token" in str(refused.value)
    finally:
        desk.close()
