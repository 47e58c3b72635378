"""Issue 14, failure 2: the station key is only usable with the passphrase, and a
pass longer than the station's setting needs a supervisor."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import Session, select

from checkpoint_desk.cli import main
from checkpoint_desk.codes.issue import issue_code
from checkpoint_desk.codes.keys import PRIVATE_KEY_FILE, PUBLIC_KEY_FILE
from checkpoint_desk.codes.reading import CodeStatus
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.trust import register_station_key
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.codes import read_context
from checkpoint_desk.store.engine import open_database
from checkpoint_desk.store.models import AuditEntry, Operator
from checkpoint_desk.store.vault import unlock_vault
from tests.conftest import TEST_PASSPHRASE

NOW = datetime.now(UTC).replace(microsecond=0)


def init(home: Path) -> DataDir:
    assert main(["init", "--station", "西门", "--data-dir", str(home)]) == 0
    return DataDir(home)


def private_keys_in(folder: Path) -> list[Ed25519PrivateKey]:
    """Every Ed25519 private key a thief can load from the files without a passphrase."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for load in (serialization.load_pem_private_key, serialization.load_der_private_key):
            try:
                key = load(data, None)
            except (ValueError, TypeError):
                continue
            if isinstance(key, Ed25519PrivateKey):
                found.append(key)
    return found


def forged_ten_year_pass(key: Ed25519PrivateKey) -> str:
    claims = {
        "iss": "西门", "iat": int(NOW.timestamp()),
        "exp": int((NOW + timedelta(days=3660)).timestamp()), "pid": "PFORGED1",
        "sub": {"name": "假人", "idm": "370811********1239"}, "addr": "", "kind": "resident",
    }  # fmt: skip
    return issue_code("CKP1:", claims, key)


def test_the_key_files_alone_sign_no_pass_another_station_reads_green(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    west, east = init(tmp_path / "west"), init(tmp_path / "east")
    public = serialization.load_pem_public_key((west.keys / PUBLIC_KEY_FILE).read_bytes())
    assert isinstance(public, type(Ed25519PrivateKey.generate().public_key()))
    register_station_key(east.trust_list, public, "西门", now=NOW)  # east trusts west
    greens = [
        text
        for key in private_keys_in(west.root)
        if read_code(text := forged_ten_year_pass(key), read_context(east, NOW)).status
        is CodeStatus.GREEN
    ]
    assert greens == []
    # A wrong passphrase signs nothing either.
    monkeypatch.setenv("CHECKPOINT_DESK_PASSPHRASE", "not the passphrase")
    issue = ["pass", "issue", "--name", "张伟", "--id", "370811198703151239", "--kind"]
    issue += ["resident", "--days", "3", "--out", str(tmp_path / "c.png")]
    capsys.readouterr()
    assert main([*issue, "--data-dir", str(west.root)]) == 2
    assert "Wrong passphrase" in capsys.readouterr().err
    assert not (tmp_path / "c.png").exists()


def test_a_plain_key_is_sealed_on_first_unlock_and_the_plain_file_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from checkpoint_desk.store.station_key import SEALED_KEY_FILE, load_station_key

    desk = init(tmp_path / "desk")
    vault = unlock_vault(desk.keys, TEST_PASSPHRASE)
    key = load_station_key(desk.keys, vault)
    # The layout before issue 14: a plain PKCS#8 file and no sealed one.
    (desk.keys / SEALED_KEY_FILE).unlink()
    plain = desk.keys / PRIVATE_KEY_FILE
    plain.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    assert main(["operator", "list", "--data-dir", str(desk.root)]) == 0  # any unlock
    assert not plain.exists()
    assert private_keys_in(desk.root) == []
    sealed = (desk.keys / SEALED_KEY_FILE).read_bytes()
    assert b"PRIVATE KEY" not in sealed
    assert (desk.keys / SEALED_KEY_FILE).stat().st_mode & 0o777 == 0o600
    again = load_station_key(desk.keys, vault)
    assert again.public_key().public_bytes_raw() == key.public_key().public_bytes_raw()
    issue = ["pass", "issue", "--name", "张伟", "--id", "370811198703151239", "--kind"]
    issue += ["resident", "--days", "3", "--out", str(tmp_path / "c.png"), "--json"]
    capsys.readouterr()
    assert main([*issue, "--data-dir", str(desk.root)]) == 0
    text = json.loads(capsys.readouterr().out)["text"]
    assert read_code(text, read_context(desk, datetime.now(UTC))).status is CodeStatus.GREEN


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataDir:
    desk = init(tmp_path / "desk")
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "1357")
    assert main(["operator", "add", "小王", "--data-dir", str(desk.root)]) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "2468")
    args = ["operator", "add", "刘主任", "--role", "supervisor", "--data-dir", str(desk.root)]
    assert main(args) == 0
    return desk


def test_a_pass_longer_than_the_setting_needs_a_supervisor_and_is_audited(
    desk: DataDir,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    issue = ["pass", "issue", "--name", "张伟", "--id", "370811198703151239", "--kind"]
    issue += ["resident", "--out", str(tmp_path / "c.png"), "--data-dir", str(desk.root)]
    capsys.readouterr()
    assert main([*issue, "--days", "3660"]) == 2
    err = capsys.readouterr().err
    assert "30 days" in err and "--supervisor" in err
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "1357")
    assert main([*issue, "--days", "3660", "--supervisor", "小王"]) == 2  # a volunteer
    assert "Only a supervisor" in capsys.readouterr().err
    assert not (tmp_path / "c.png").exists()
    assert main([*issue, "--days", "30"]) == 0  # within the setting: no PIN
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "2468")
    assert main([*issue, "--days", "3660", "--supervisor", "刘主任"]) == 0
    engine = open_database(desk.database)
    try:
        with Session(engine) as session:
            boss = session.exec(select(Operator).where(Operator.name == "刘主任")).one()
            entries = select(AuditEntry).where(AuditEntry.action == "pass_issued")
            issued = [(e.operator_id, e.detail["days"]) for e in session.exec(entries)]
    finally:
        engine.dispose()
    assert issued == [(None, 30), (boss.id, 3660)]
