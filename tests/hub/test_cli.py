"""``checkpoint-hub`` administration commands."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from checkpoint_desk.hub.cli import main
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.stations import authenticate


def test_add_station_prints_its_token_once_and_stores_only_a_hash(
    hub_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add-station", "西门卡点", "--db", hub_db_url, "--json"]) == 0
    token = json.loads(capsys.readouterr().out)["enrolment_code"].split(".")[1]
    assert main(["stations", "--db", hub_db_url, "--json"]) == 0
    listing = capsys.readouterr().out
    assert "西门卡点" in listing
    assert token not in listing
    engine = open_hub_database(hub_db_url)
    try:
        found = authenticate(engine, token)
        assert found is not None
        assert found.name == "西门卡点"
        assert authenticate(engine, token + "x") is None
        with engine.connect() as conn:
            assert token not in str(conn.exec_driver_sql("SELECT * FROM hub_station").all())
    finally:
        engine.dispose()
    assert main(["add-station", "西门卡点", "--db", hub_db_url]) == 2
    assert "already registered" in capsys.readouterr().err

    assert main(["rotate-token", "西门卡点", "--db", hub_db_url, "--json"]) == 0
    renewed = json.loads(capsys.readouterr().out)["enrolment_code"].split(".")[1]
    engine = open_hub_database(hub_db_url)
    try:
        assert authenticate(engine, token) is None  # the lost token stops working
        found = authenticate(engine, renewed)
        assert found is not None
        assert found.name == "西门卡点"
    finally:
        engine.dispose()
    assert main(["new-token", "东门", "--db", hub_db_url]) == 2


def test_reference_set_checks_the_file(
    hub_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deny = tmp_path / "deny.json"
    deny.write_text(json.dumps({"id_hashes": ["AB" * 32]}), "utf-8")
    assert main(["reference", "set", "deny_list", str(deny), "--db", hub_db_url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "id_numbers" in err  # unkeyed hashes give the numbers away: the way forward
    deny.write_text(json.dumps({"id_numbers": ["370811199001011234"]}), "utf-8")
    assert main(["reference", "set", "deny_list", str(deny), "--db", hub_db_url]) == 2
    assert "check" in capsys.readouterr().err.lower()  # not a valid ID number
    deny.write_text(json.dumps({"id_numbers": ["11010519491231002x"]}), "utf-8")
    assert main(["reference", "set", "deny_list", str(deny), "--db", hub_db_url]) == 0
    capsys.readouterr()
    assert main(["reference", "show", "deny_list", "--db", hub_db_url]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["version"] == 1
    assert "11010519491231002X" not in json.dumps(shown)
    [keyed] = shown["payload"]["id_keys"]
    assert len(keyed) == 64
    assert main(["reference", "set", "weather", str(deny), "--db", hub_db_url]) == 2


def test_a_bad_database_url_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stations", "--db", "mysql://nowhere/db"]) == 4
    assert "sqlite://" in capsys.readouterr().err


def test_a_trust_entry_must_carry_its_own_keys_kid(
    hub_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.samples import public_pem

    trust = tmp_path / "trust.json"
    entry = {"kid": "00" * 8, "issuer": "卫健委", "schemes": ["CKH1"], "public_key": public_pem()}
    trust.write_text(json.dumps({"keys": [entry]}), "utf-8")
    assert main(["reference", "set", "trust_list", str(trust), "--db", hub_db_url]) == 2
    assert "kid is not the key's" in capsys.readouterr().err


def test_an_unreachable_postgresql_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.support.postgres import free_port

    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/hub"
    assert main(["stations", "--db", url]) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Cannot open the hub database" in err


def test_add_station_writes_its_enrolment_code_as_a_qr_the_desk_camera_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import cv2

    from checkpoint_desk.scanner.decoders import ZxingDecoder
    from checkpoint_desk.scanner.images import load_image
    from checkpoint_desk.sync.hub_pin import parse_enrolment

    db = f"sqlite:///{tmp_path / 'hub.db'}"
    image = tmp_path / "west.png"
    assert main(["add-station", "西门卡点", "--db", db, "--qr", str(image)]) == 0
    code = capsys.readouterr().out.split()[-1]  # the output's last word is the code
    assert parse_enrolment(code).token.startswith("ckst_")
    assert stat.S_IMODE(image.stat().st_mode) == 0o600
    gray = cv2.cvtColor(load_image(image), cv2.COLOR_BGR2GRAY)
    assert [d.text for d in ZxingDecoder().decode(gray)] == [code]
