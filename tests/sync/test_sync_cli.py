"""``checkpoint-desk sync``: one round from the command line against a real hub."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from checkpoint_desk.cli import main
from checkpoint_desk.codes.keys import PUBLIC_KEY_FILE, kid_for_public_key
from checkpoint_desk.codes.trust import TrustList
from checkpoint_desk.services.sync import hub_configured, reference_age_s, token_path
from tests.support.desks import (
    SUPERVISOR_PIN,
    Desk,
    add_visits,
    enrolment_for,
    make_desk,
    supervisor_approval,
)
from tests.support.hubproc import HubProcess
from tests.support.postgres import free_port
from tests.support.samples import public_pem


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(tmp_path / "desk", "西门卡点")
    yield made
    made.close()


def sync(desk: Desk, *args: str) -> int:
    return main(["sync", *args, "--data-dir", str(desk.data_dir.root)])


def enrolling(desk: Desk, hub: HubProcess, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The options a supervisor gives to enrol the desk (PIN from the environment)."""
    supervisor_approval(desk)  # the desk has a supervisor
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", SUPERVISOR_PIN)
    code = enrolment_for(hub.home, hub.db_url, "西门")
    return ["--hub", hub.url, "--enrol", code, "--supervisor", "站长"]


def test_sync_remembers_the_hub_and_prints_counts(
    desk: Desk,
    sqlite_hub: HubProcess,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_visits(desk, 5)
    options = enrolling(desk, sqlite_hub, monkeypatch)
    token = options[3].split(".")[1]
    assert sync(desk, *options, "--json") == 0
    first = json.loads(capsys.readouterr().out)
    # the 5 visits, and the enrolment's own records (the supervisor, audit entries)
    assert first["pushed"] > 5
    assert (first["acknowledged"], first["waiting"]) == (first["pushed"], 0)
    assert stat.S_IMODE(token_path(desk.data_dir).stat().st_mode) == 0o600
    assert hub_configured(desk.data_dir, desk.settings)
    settings_text = desk.data_dir.settings_file.read_text(encoding="utf-8")
    assert sqlite_hub.url in settings_text
    assert token not in settings_text

    add_visits(desk, 2)
    assert sync(desk, "--json") == 0  # remembered: no options needed
    second = json.loads(capsys.readouterr().out)
    assert (second["pushed"], second["waiting"]) == (2, 0)


def test_sync_problems_are_one_line_with_a_nonzero_exit(
    desk: Desk,
    sqlite_hub: HubProcess,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_visits(desk, 1)
    assert not hub_configured(desk.data_dir, desk.settings)
    assert sync(desk) == 6
    assert "No hub set up yet" in capsys.readouterr().err

    assert sync(desk, "--hub", sqlite_hub.url) == 2
    assert "--enrol" in capsys.readouterr().err

    options = enrolling(desk, sqlite_hub, monkeypatch)
    wrong = options[3].split(".")
    wrong[1] = "ckst_wrong"
    options[3] = ".".join(wrong)
    assert sync(desk, *options) == 6
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "token" in err

    options[1] = f"http://127.0.0.1:{free_port()}"
    assert sync(desk, *options) == 6
    assert "Cannot reach the hub" in capsys.readouterr().err
    assert desk.waiting() == 1


def test_reference_data_is_kept_for_offline_use(
    desk: Desk,
    sqlite_hub: HubProcess,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from checkpoint_desk.hub.cli import main as hub_main
    from checkpoint_desk.sync.reference import stored

    areas = tmp_path / "areas.json"
    areas.write_text(json.dumps({"codes": ["420106", "3701"]}), "utf-8")
    assert hub_main(["reference", "set", "risk_areas", str(areas), "--db", sqlite_hub.db_url]) == 0
    issuer = Ed25519PrivateKey.generate()
    issuer_kid = kid_for_public_key(issuer.public_key())
    trust_file = tmp_path / "trust.json"
    health = {"kid": issuer_kid.hex(), "issuer": "健康码", "schemes": ["CKH1"]}
    health["public_key"] = public_pem(issuer)
    trust_file.write_text(json.dumps({"keys": [health]}), "utf-8")
    db = ["--db", sqlite_hub.db_url]
    assert hub_main(["reference", "set", "trust_list", str(trust_file), *db]) == 0
    options = enrolling(desk, sqlite_hub, monkeypatch)
    capsys.readouterr()
    assert sync(desk, *options, "--json") == 0
    pulled = json.loads(capsys.readouterr().out)["pulled"]
    # trust list: this station's pass key; id_key: the community's, made by the hub
    assert set(pulled) == {"id_key", "risk_areas", "trust_list"}
    id_key = stored(desk.engine, "id_key")
    assert id_key is not None and set(id_key.payload) == {"sealed"}  # kept under the vault
    row = stored(desk.engine, "risk_areas")
    assert row is not None
    assert row.payload["codes"] == ["420106", "3701"]
    assert reference_age_s(desk.engine, "risk_areas") is not None
    assert reference_age_s(desk.engine, "settings") is None  # the hub has none
    # The code readers see the hub's signers beside the station's own pass key.
    trust = TrustList.load(desk.data_dir.trust_list)
    own_pem = (desk.data_dir.keys / PUBLIC_KEY_FILE).read_bytes()
    own = kid_for_public_key(serialization.load_pem_public_key(own_pem))
    assert set(trust.entries) == {own, issuer_kid}
    found = trust.lookup(issuer_kid)
    assert found is not None
    assert found.schemes == ("CKH1",)
    assert sync(desk, "--json") == 0  # unchanged: 304, nothing pulled again
    assert json.loads(capsys.readouterr().out)["pulled"] == []


def test_the_offices_policy_settings_are_applied(
    desk: Desk,
    sqlite_hub: HubProcess,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sqlmodel import Session, select

    from checkpoint_desk.hub.cli import main as hub_main
    from checkpoint_desk.store.models import AuditEntry

    policy = tmp_path / "settings.json"
    values = {"fever_threshold_c": 37.5, "nat_validity_days": 999, "theme": "dark"}
    policy.write_text(json.dumps({"values": values}), "utf-8")
    assert hub_main(["reference", "set", "settings", str(policy), "--db", sqlite_hub.db_url]) == 0
    assert sync(desk, *enrolling(desk, sqlite_hub, monkeypatch)) == 0
    settings = desk.settings
    assert settings.values.fever_threshold_c == 37.5
    assert settings.values.nat_validity_days == 7  # out of range: kept
    assert settings.values.theme == "light"  # not the office's to decide
    with Session(desk.engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "hub_settings")).one()
    assert entry.detail == {"fever_threshold_c": 37.5}
