"""The desk trusts only its own hub; bundles are sealed to it (issue 13, failures 3-5).

A fake hub on loopback that acknowledges everything, forged receipts, a stranger
reading a USB stick, a full stick and a bundle bomb — against real desks and a real
hub process.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from checkpoint_desk.cli import main as desk_main
from checkpoint_desk.codes.keys import PUBLIC_KEY_FILE
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.identity import load_identity
from checkpoint_desk.hub.stations import add_station
from checkpoint_desk.services.retention import purge
from checkpoint_desk.services.sync import check_hub_url, configure_hub, sync_now
from checkpoint_desk.settings import Settings
from checkpoint_desk.sync.client import HubClient
from checkpoint_desk.sync.hub_pin import UntrustedHub, enrolment_code, load_pin
from checkpoint_desk.sync.wire import canonical_json, etag_for
from tests.support.bundles import bomb, measured_import
from tests.support.desks import (
    SUPERVISOR_PIN,
    T0,
    Desk,
    add_visits,
    enrol,
    make_desk,
    register_station,
    supervisor_approval,
)
from tests.support.hubproc import HubProcess
from tests.support.samples import public_pem

ID_NUMBER = "37081119900101123X"  # what tests.support.desks.add_visits files
PHONE = "13812345678"
SECRETS = [s.encode() for s in (ID_NUMBER, PHONE, ID_NUMBER[:6] + ID_NUMBER[-4:])]


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    made = make_desk(tmp_path / "desk", "西门卡点")
    yield made
    made.close()


class FakeHub:
    """A hub on loopback that records every body and acknowledges every visit id."""

    def __init__(self, visit_ids: list[Any]) -> None:
        self.bodies: list[bytes] = []
        rogue = public_pem(Ed25519PrivateKey.generate())
        payload = {
            "keys": [{"kid": "00", "issuer": "健康码", "schemes": ["CKH1"], "public_key": rogue}]
        }
        self.trust_list = {
            "kind": "trust_list",
            "etag": etag_for(payload),
            "version": 1,
            "updated_at": "2026-11-28T08:00:00Z",
            "payload": payload,
        }
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                fake.bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
                acks = [{"kind": "visits", "uuid": str(v), "revision": 1} for v in visit_ids]
                forged = base64.b64encode(os.urandom(64)).decode()
                self._answer(200, {"accepted": acks, "rejected": [], "signature": forged})

            def do_GET(self) -> None:
                if not self.path.endswith("/trust_list"):
                    self._answer(404, {"error": "no_data", "reason": "", "detail": []})
                    return
                self._answer(200, fake.trust_list)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def nothing_purged(desk: Desk) -> bool:
    """A purge far in the future deletes only synced visits: here, none."""
    result = purge(desk.engine, now=T0 + timedelta(days=400), retention_days=28)
    return result.purged == 0


def holds_a_secret(data: bytes) -> bool:
    """Whether ``data`` shows an ID number or phone raw or in any zlib/gzip stream."""
    if any(secret in data for secret in SECRETS):
        return True
    for start in range(len(data)):
        for wbits in (15, 31, -15):
            try:
                opened = zlib.decompressobj(wbits).decompress(data[start:], 64 * 1024 * 1024)
            except zlib.error:
                continue
            if any(secret in opened for secret in SECRETS):
                return True
    return False


def test_a_fake_hub_acknowledging_everything_gets_no_number_and_marks_nothing(
    desk: Desk, sqlite_hub: HubProcess
) -> None:
    enrol(desk, sqlite_hub)
    ids = add_visits(desk, 20)
    fake = FakeHub(ids)
    try:
        settings = desk.settings
        settings.set("hub_url", fake.url)  # someone edits settings.json
        settings.save()
        report = sync_now(desk.engine, desk.data_dir, settings)
    finally:
        fake.close()
    assert fake.bodies  # it was asked (sealed) ...
    assert not any(holds_a_secret(body) for body in fake.bodies)  # ... and learnt nothing
    assert not report.ok
    assert "not signed by this station's hub" in str(report.errors[0])
    assert desk.waiting() == 20
    assert nothing_purged(desk)


def test_reference_data_from_a_fake_hub_is_not_taken(sqlite_hub: HubProcess) -> None:
    """A trust list naming a forger's key counts only if the pinned hub signed it."""
    pin = load_identity(sqlite_hub.home).pin
    fake = FakeHub([])
    try:
        with HubClient(fake.url, "ckst_x", pin=pin) as client, pytest.raises(UntrustedHub):
            client.reference("trust_list")
    finally:
        fake.close()
    token = register_station(sqlite_hub.db_url, "西门")
    with HubClient(sqlite_hub.url, token, pin=pin) as client:
        assert client.reference("trust_list") is None  # the real hub: nothing yet, no error


def test_sync_to_any_url_with_any_token_sends_nothing(
    desk: Desk, sqlite_hub: HubProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Failure 3: the passphrase alone does not let anyone point the desk elsewhere."""
    enrol(desk, sqlite_hub)
    ids = add_visits(desk, 10)
    fake = FakeHub(ids)
    attacker = load_identity(desk.data_dir.root / "attacker-hub").pin
    data_dir = ["--data-dir", str(desk.data_dir.root)]
    try:
        assert desk_main(["sync", "--hub", fake.url, "--token", "anything", *data_dir]) == 2
        code = enrolment_code("ckst_anything", attacker)
        # Without a supervisor's PIN the hub cannot be changed.
        assert desk_main(["sync", "--hub", fake.url, "--enrol", code, *data_dir]) == 2
        monkeypatch.setenv("CHECKPOINT_DESK_PIN", "9999")
        supervisor_approval(desk)
        supervisor = ["--supervisor", "站长"]
        assert desk_main(["sync", "--hub", fake.url, "--enrol", code, *supervisor, *data_dir]) != 0
    finally:
        fake.close()
    assert fake.bodies == []
    assert desk.settings.values.hub_url == sqlite_hub.url
    assert load_pin(desk.data_dir.root) == load_identity(sqlite_hub.home).pin
    assert desk.waiting() == 10


def test_changing_the_hub_is_a_supervisors_audited_act(
    desk: Desk, sqlite_hub: HubProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlmodel import Session, select

    from checkpoint_desk.store.models import AuditEntry

    add_visits(desk, 3)
    supervisor_approval(desk)
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", SUPERVISOR_PIN)
    engine = open_hub_database(sqlite_hub.db_url)
    try:
        token = add_station(engine, "西门卡点")[1]
    finally:
        engine.dispose()
    code = enrolment_code(token, load_identity(sqlite_hub.home).pin)
    options = ["--hub", sqlite_hub.url, "--enrol", code, "--supervisor", "站长"]
    assert desk_main(["sync", *options, "--data-dir", str(desk.data_dir.root)]) == 0
    assert desk.waiting() == 0  # signed by the pinned hub: marked
    with Session(desk.engine) as session:
        changes = session.exec(select(AuditEntry).where(AuditEntry.action == "hub_change")).all()
    assert len(changes) == 1
    assert changes[0].detail["url"] == sqlite_hub.url
    assert token not in json.dumps(changes[0].detail)
    pin_file = desk.data_dir.root / "hub-pin.json"
    assert stat.S_IMODE(pin_file.stat().st_mode) == 0o600


def test_plain_http_to_another_machine_is_refused_unless_the_office_allows_it() -> None:
    settings = Settings(None)
    for url in ("http://127.0.0.1:8750", "http://localhost:8750", "https://hub.example.org"):
        assert check_hub_url(url, settings) == url
    with pytest.raises(ValidationError, match="plain http"):
        check_hub_url("http://10.0.0.5:8750", settings)
    with pytest.raises(ValidationError):
        check_hub_url("ftp://hub.example.org", settings)
    settings.set("hub_allow_plain_http", True)
    assert check_hub_url("http://10.0.0.5:8750", settings) == "http://10.0.0.5:8750"


def usb_enrolled(desk: Desk, hub_home: Path, db_url: str) -> None:
    pem = (desk.data_dir.keys / PUBLIC_KEY_FILE).read_text("ascii")
    engine = open_hub_database(db_url)
    try:
        token = add_station(engine, "西门卡点", desk_station_id=desk.station.id, public_key=pem)[1]
    finally:
        engine.dispose()
    code = enrolment_code(token, load_identity(hub_home).pin)
    configure_hub(
        desk.engine, desk.data_dir, desk.settings, None, code, approval=supervisor_approval(desk)
    )


def export(desk: Desk, out: Path) -> int:
    return desk_main(["bundle", "export", "--out", str(out), "--data-dir", str(desk.data_dir.root)])


def test_a_bundle_shows_a_stranger_no_id_number_or_phone(desk: Desk, tmp_path: Path) -> None:
    add_visits(desk, 30)
    usb_enrolled(desk, tmp_path / "hub", f"sqlite:///{tmp_path / 'hub' / 'hub.db'}")
    bundle = tmp_path / "stick" / "west.ckb"
    bundle.parent.mkdir()
    assert export(desk, bundle) == 0
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    assert sorted(p.name for p in bundle.parent.iterdir()) == ["west.ckb"]
    assert not holds_a_secret(bundle.read_bytes())


def test_a_forged_or_edited_receipt_marks_nothing(
    desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Failure 4: a receipt the hub never signed, then purge, deletes nothing."""
    ids = add_visits(desk, 5)
    usb_enrolled(desk, tmp_path / "hub", f"sqlite:///{tmp_path / 'hub' / 'hub.db'}")
    content = {
        "format": "checkpoint-desk-receipt",
        "version": 2,
        "station_id": str(desk.station.id),
        "bundle_sha256": "0" * 64,
        "imported_at": T0.isoformat(),
        "accepted": [{"kind": "visits", "uuid": str(i), "revision": 1} for i in ids],
        "rejected": [],
        "rejected_count": 0,
    }
    stranger = Ed25519PrivateKey.generate()
    forged = {
        **content,
        "signature": base64.b64encode(stranger.sign(canonical_json(content))).decode(),
    }
    old_style = {**content, "version": 1, "digest": "0" * 64}
    for number, receipt in enumerate((forged, old_style)):
        path = tmp_path / f"receipt-{number}.json"
        path.write_text(json.dumps(receipt), "utf-8")
        capsys.readouterr()
        args = ["bundle", "receipt", str(path), "--data-dir", str(desk.data_dir.root)]
        assert desk_main(args) != 0
        assert capsys.readouterr().err.count("\n") == 1
    assert desk.waiting() == 5
    assert nothing_purged(desk)


LIMIT_AND_EXPORT = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
from checkpoint_desk.cli import main
sys.exit(main(["bundle", "export", "--out", sys.argv[1], "--data-dir", sys.argv[2]]))
"""


def test_a_full_stick_leaves_no_file_behind(desk: Desk, tmp_path: Path) -> None:
    add_visits(desk, 300)
    usb_enrolled(desk, tmp_path / "hub", f"sqlite:///{tmp_path / 'hub' / 'hub.db'}")
    desk.engine.dispose()
    stick = tmp_path / "stick"
    stick.mkdir()
    out = stick / "west.ckb"
    done = subprocess.run(
        [sys.executable, "-c", LIMIT_AND_EXPORT, str(out), str(desk.data_dir.root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert done.stderr.strip().count("\n") == 0, done.stderr  # one line
    assert list(stick.iterdir()) == []  # no bundle, no hidden .part


def test_a_bundle_bomb_is_refused_with_bounded_memory(desk: Desk, tmp_path: Path) -> None:
    hub_home, db_url = tmp_path / "hub", f"sqlite:///{tmp_path / 'hub' / 'hub.db'}"
    usb_enrolled(desk, hub_home, db_url)
    path = tmp_path / "bomb.ckb"
    path.write_bytes(bomb(desk, hub_home, 2_000_000))  # 54 MB of records, 10x the item cap
    assert path.stat().st_size < 1024 * 1024
    done = measured_import(hub_home, db_url, path)
    assert done.exit_code == 2
    assert "too large" in done.stderr
    assert done.stderr.count("\n") == 1
    assert done.peak_mib < 300
    assert not (tmp_path / "bomb.ckb.receipt.json").exists()
