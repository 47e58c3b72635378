"""Migration 0004 (issue 14): an old pass and an old deny list keep working, and the
unkeyed hashes of ID numbers leave the database."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlmodel import Session

from checkpoint_desk.codes.envelope import open_envelope, parse_claims
from checkpoint_desk.codes.reading import CodeStatus
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.codes import read_context
from checkpoint_desk.services.passes import reprint_pass
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.engine import alembic_config, open_database
from checkpoint_desk.store.models import IssuedPass, Station
from checkpoint_desk.store.vault import StationLockedError, unlock_vault, vault_of
from tests.conftest import TEST_PASSPHRASE, FakeClock

ID = "370811198703151239"
UNKEYED = hashlib.sha256(ID.encode("ascii")).hexdigest()


def downgrade_to_0003(engine: Engine) -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")


def make_old_station(engine: Engine, station: Station, clock: FakeClock) -> None:
    """A pass and a deny list as a desk before issue 14 kept them."""
    vault = vault_of(engine)
    engine_path = engine.url.database
    assert engine_path
    downgrade_to_0003(engine)
    now = clock()
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO pass (id, station_id, name, id_masked, id_hash_cipher, id_lookup,"
                " kind, address, issued_at, expires_at, revision, updated_at)"
                " VALUES ('POLDPASS1', :station, '张伟', '370811********1239', :cipher, 'x',"
                " 'resident', '', :now, :until, 1, :now)"
            ),
            {
                "station": station.id.hex,
                "cipher": vault.encrypt(UNKEYED, column="pass.id_hash"),
                "now": now.replace(tzinfo=None),
                "until": (now + timedelta(days=30)).replace(tzinfo=None),
            },
        )
        conn.execute(
            text(
                "INSERT INTO reference_data (kind, etag, version, fetched_at, payload)"
                " VALUES ('deny_list', 'W/\"old\"', 3, :now, :payload)"
            ),
            {"now": now.replace(tzinfo=None), "payload": f'{{"id_hashes": ["{UNKEYED}"]}}'},
        )


def test_an_old_pass_and_deny_list_keep_working_without_unkeyed_hashes(
    station_env: tuple[Engine, Station], data_dir: DataDir, clock: FakeClock
) -> None:
    engine, station = station_env
    make_old_station(engine, station, clock)
    engine.dispose()
    with pytest.raises(StationLockedError):  # keying the deny list needs the vault
        open_database(data_dir.database)
    vault = unlock_vault(data_dir.keys, TEST_PASSPHRASE)
    upgraded = open_database(data_dir.database, vault=vault)
    try:
        with Session(upgraded) as session:
            old = session.get(IssuedPass, "POLDPASS1")
            assert old is not None and old.id_key_cipher == ""
        # A reprint of the old pass reads green and carries neither idh nor idk.
        card = reprint_pass(upgraded, data_dir, old.id, clock=clock)
        subject = parse_claims(open_envelope(card.code_text, "CKP1:").payload)["sub"]
        assert subject == {"name": "张伟", "idm": "370811********1239"}
        assert read_code(card.code_text, read_context(data_dir, clock())).status is (
            CodeStatus.GREEN
        )
        # The old deny list still stops the same person.
        shift = None
        visit = register_visit(
            upgraded,
            VisitDraft(name="张伟", id_number=ID, temperature="36.5", confirmed_colour="green"),
            station_id=station.id,
            shift_id=shift,
            rules=ScreeningRules(),
            clock=clock,
        )
        assert "deny_list" in visit.verdict.reason_codes
        with upgraded.connect() as conn:
            etag = conn.execute(
                text("SELECT etag FROM reference_data WHERE kind = 'deny_list'")
            ).scalar()
        assert etag == ""  # the next sync fetches the hub's keyed list
    finally:
        upgraded.dispose()
    files = [data_dir.database, data_dir.database.with_name("checkpoint.db-wal")]
    for file in files:
        if file.exists():
            assert UNKEYED.encode("ascii") not in file.read_bytes()
