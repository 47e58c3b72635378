"""USB bundles: desk export → hub import → desk receipt, and refusals (both backends)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from checkpoint_desk.cli import main as desk_main
from checkpoint_desk.codes.keys import PUBLIC_KEY_FILE
from checkpoint_desk.hub.cli import main as hub_main
from checkpoint_desk.hub.database import hub_home, open_hub_database
from checkpoint_desk.hub.identity import load_identity
from checkpoint_desk.hub.stations import add_station
from checkpoint_desk.hub.tables import visit
from checkpoint_desk.services.sync import configure_hub
from checkpoint_desk.store.station_key import create_station_key
from checkpoint_desk.store.vault import create_vault
from checkpoint_desk.sync.hub_pin import enrolment_code
from tests.support.desks import (
    Desk,
    add_shift,
    add_visits,
    edit_visit,
    make_desk,
    supervisor_approval,
)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(tmp_path / "desk", "西门卡点")
    yield made
    made.close()


def desk_cli(desk: Desk, *args: str) -> int:
    return desk_main([*args, "--data-dir", str(desk.data_dir.root)])


def hub_cli(url: str, *args: str) -> int:
    return hub_main([*args, "--db", url])


def register_usb_station(url: str, desk: Desk, name: str = "西门卡点") -> str:
    """The office adds a USB-only station; returns its enrolment code."""
    key = desk.data_dir.keys / PUBLIC_KEY_FILE
    engine = open_hub_database(url)
    try:
        _, token = add_station(
            engine, name, desk_station_id=desk.station.id, public_key=key.read_text("ascii")
        )
    finally:
        engine.dispose()
    return enrolment_code(token, load_identity(hub_home()).pin)


def enrol_usb(desk: Desk, code: str) -> None:
    """A supervisor enrols the desk for bundles (no hub address)."""
    configure_hub(
        desk.engine, desk.data_dir, desk.settings, None, code, approval=supervisor_approval(desk)
    )


def usb_station(url: str, desk: Desk, name: str = "西门卡点") -> None:
    enrol_usb(desk, register_usb_station(url, desk, name))


def hub_count(url: str) -> int:
    engine = open_hub_database(url)
    with engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(visit)).scalar_one()
    engine.dispose()
    return int(count)


def test_round_trip_marks_exactly_what_the_hub_took(
    desk: Desk, hub_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = add_visits(desk, 30, shift_id=add_shift(desk))
    usb_station(hub_db_url, desk)
    bundle, receipt = tmp_path / "west.ckb", tmp_path / "west.receipt.json"
    assert desk_cli(desk, "bundle", "export", "--out", str(bundle), "--json") == 0
    assert json.loads(capsys.readouterr().out)["counts"]["visits"] == 30
    assert desk.waiting() == 30  # writing a bundle marks nothing
    capsys.readouterr()
    assert (
        hub_cli(hub_db_url, "import-bundle", str(bundle), "--receipt", str(receipt), "--json") == 0
    )
    imported = json.loads(capsys.readouterr().out)
    # 30 visits, the shift, two operators (one the supervisor who enrolled), the audit
    assert imported["rejected"] == 0
    assert imported["accepted"] >= 33
    # Imported twice (the office clicked again): nothing is stored twice.
    assert hub_cli(hub_db_url, "import-bundle", str(bundle), "--receipt", str(receipt)) == 0
    assert hub_count(hub_db_url) == 30

    edit_visit(desk, ids[0], "复测 37.0")  # edited after the bundle was written
    capsys.readouterr()
    assert desk_cli(desk, "bundle", "receipt", str(receipt), "--json") == 0
    assert json.loads(capsys.readouterr().out)["marked"] == imported["accepted"] - 1
    assert desk.waiting() == 1  # the edit is newer than what the hub holds


def test_a_tampered_bundle_is_refused(
    desk: Desk, hub_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_visits(desk, 3)
    usb_station(hub_db_url, desk)
    bundle = tmp_path / "west.ckb"
    assert desk_cli(desk, "bundle", "export", "--out", str(bundle)) == 0
    data = bytearray(bundle.read_bytes())
    data[-5] ^= 0x01
    bundle.write_bytes(bytes(data))
    capsys.readouterr()
    assert hub_cli(hub_db_url, "import-bundle", str(bundle)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "changed or damaged" in err
    assert hub_count(hub_db_url) == 0


def test_foreign_bundles_are_refused(
    desk: Desk, hub_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_visits(desk, 3)
    enrol_usb(desk, enrolment_code("ckst_never-registered", load_identity(hub_home()).pin))
    bundle = tmp_path / "west.ckb"
    assert desk_cli(desk, "bundle", "export", "--out", str(bundle)) == 0
    capsys.readouterr()
    assert hub_cli(hub_db_url, "import-bundle", str(bundle)) == 2
    assert "does not know" in capsys.readouterr().err

    # The station is registered, but with another key: someone else signed this.
    other_keys = tmp_path / "other-keys"
    create_station_key(other_keys, create_vault(other_keys, "another passphrase"))
    assert hub_cli(hub_db_url, "add-station", "西门卡点", "--station-id", str(desk.station.id),
                   "--public-key", str(other_keys / PUBLIC_KEY_FILE)) == 0  # fmt: skip
    capsys.readouterr()
    assert hub_cli(hub_db_url, "import-bundle", str(bundle)) == 2
    assert "not station 西门卡点's" in capsys.readouterr().err
    assert hub_count(hub_db_url) == 0

    not_a_bundle = tmp_path / "photo.jpg"
    not_a_bundle.write_bytes(b"\xff\xd8\xff\xe0 not a bundle")
    assert hub_cli(hub_db_url, "import-bundle", str(not_a_bundle)) == 2
    assert "not a Checkpoint Desk bundle" in capsys.readouterr().err


def test_an_edited_receipt_or_another_stations_receipt_is_refused(
    desk: Desk, hub_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_visits(desk, 2)
    code = register_usb_station(hub_db_url, desk)
    enrol_usb(desk, code)
    bundle, receipt = tmp_path / "west.ckb", tmp_path / "receipt.json"
    assert desk_cli(desk, "bundle", "export", "--out", str(bundle)) == 0
    assert hub_cli(hub_db_url, "import-bundle", str(bundle), "--receipt", str(receipt)) == 0
    content = json.loads(receipt.read_text(encoding="utf-8"))
    content["accepted"].append({**content["accepted"][0], "revision": 9})
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(content), encoding="utf-8")
    capsys.readouterr()
    assert desk_cli(desk, "bundle", "receipt", str(edited)) == 6
    assert "not signed by this station's hub" in capsys.readouterr().err

    east = make_desk(tmp_path / "east", "东门卡点")
    enrol_usb(east, code)
    assert desk_cli(east, "bundle", "receipt", str(receipt)) == 2
    assert "another station" in capsys.readouterr().err
    east.close()
    assert desk.waiting() == 2
