"""A database made by the first migration, with rows in it, upgrades with nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from checkpoint_desk.store.engine import (
    current_revision,
    head_revision,
    make_engine,
    open_database,
    upgrade,
)
from checkpoint_desk.store.models import Person, Scan, Station, Visit
from checkpoint_desk.store.person_secrets import id_number_of, phone_of
from checkpoint_desk.store.vault import StationLockedError, create_vault

STATION = "aa" * 16
PERSON = "bb" * 16
VISIT = "cc" * 16


def test_0001_database_with_rows_upgrades_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = make_engine(path)
    upgrade(old, "0001")
    assert current_revision(old) == "0001"
    with old.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO station (id, name, community, grid, hub_url, is_demo, created_at,"
                " revision, updated_at) VALUES (:id, '西门', '济阳', '', '', 0,"
                " '2026-11-01 08:00:00.000000', 1, '2026-11-01 08:00:00.000000')"
            ),
            {"id": STATION},
        )
        conn.execute(
            text(
                "INSERT INTO person (id, name, name_initials, id_number, phone, address, resident,"
                " created_at, revision, updated_at) VALUES (:id, '张三', 'zs',"
                " '11010519491231002X', '13812345678', '3号楼', 1,"
                " '2026-11-01 08:00:00.000000', 1, '2026-11-01 08:00:00.000000')"
            ),
            {"id": PERSON},
        )
        conn.execute(
            text(
                "INSERT INTO visit (id, station_id, person_id, at, direction, source,"
                " temperature_c, temperature_converted, health_code, health_code_confirmed,"
                " purpose, destination, passengers, verdict, reasons, note, revision, updated_at)"
                " VALUES (:id, :station, :person, '2026-11-01 08:05:00.000000', 'in', 'manual',"
                " 37.9, 0, 'green', 0, '探亲', '3号楼', 1, 'stop', '[\"fever\"]', '', 1,"
                " '2026-11-01 08:05:00.000000')"
            ),
            {"id": VISIT, "station": STATION, "person": PERSON},
        )
    old.dispose()

    with pytest.raises(StationLockedError, match="passphrase"):
        open_database(path)  # sealing the ID numbers needs the vault
    assert current_revision(make_engine(path)) == "0001"  # nothing changed

    vault = create_vault(tmp_path / "keys", "old station passphrase")
    engine = open_database(path, vault=vault)
    assert current_revision(engine) == head_revision() != "0001"
    with Session(engine) as session:
        visit = session.exec(select(Visit)).one()
        person = session.exec(select(Person)).one()
    assert visit.id.hex == VISIT and visit.reasons == ["fever"] and visit.temperature_c == 37.9
    assert visit.at.isoformat() == "2026-11-01T08:05:00+00:00"
    assert person.name == "张三" and id_number_of(person, vault) == "11010519491231002X"
    assert phone_of(person, vault) == "13812345678" and person.phone_masked == "138****5678"
    engine.dispose()
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            data = file.read_bytes()
            assert b"11010519491231002X" not in data and b"13812345678" not in data
    engine = open_database(path, vault=vault)
    with engine.connect() as conn:
        indexes = {row[1] for row in conn.execute(text("PRAGMA index_list('visit')"))}
    assert {"ix_visit_person_at", "ix_visit_vehicle_at"} <= indexes
    engine.dispose()


def test_0009_drops_the_dead_station_columns_and_keeps_each_scans_decoder(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    vault = create_vault(tmp_path / "keys", "old station passphrase")
    old = make_engine(path)
    upgrade(old, "0005", vault=vault)
    with old.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO station (id, name, community, grid, hub_url, is_demo, created_at,"
                " revision, updated_at) VALUES (:id, '西门', '济阳', '', 'http://hub', 1,"
                " '2026-11-01 08:00:00.000000', 1, '2026-11-01 08:00:00.000000')"
            ),
            {"id": STATION},
        )
        conn.execute(
            text(
                "INSERT INTO visit (id, station_id, at, direction, source, temperature_converted,"
                " health_code, health_code_confirmed, purpose, destination, passengers, verdict,"
                " reasons, note, revision, updated_at) VALUES (:id, :station,"
                " '2026-11-01 08:05:00.000000', 'in', 'camera', 0, 'green', 0, '', '', 0,"
                " 'pass', '[]', '', 1, '2026-11-01 08:05:00.000000')"
            ),
            {"id": VISIT, "station": STATION},
        )
        conn.execute(
            text(
                "INSERT INTO scan (id, visit_id, scanned_at, scheme, verified, status, reasons,"
                " backend) VALUES (:id, :visit, '2026-11-01 08:04:59.000000', 'CKH1', 1,"
                " 'valid', '[]', 'zxing-cpp')"
            ),
            {"id": "dd" * 16, "visit": VISIT},
        )
    old.dispose()

    engine = open_database(path, vault=vault)
    with engine.connect() as conn:
        station_columns = {row[1] for row in conn.execute(text("PRAGMA table_info('station')"))}
    with Session(engine) as session:
        station = session.exec(select(Station)).one()
        scan = session.exec(select(Scan)).one()
    engine.dispose()
    assert {"hub_url", "is_demo"}.isdisjoint(station_columns)
    assert station.name == "西门" and station.community == "济阳"
    assert scan.decoder == "zxing-cpp" and scan.visit_id.hex == VISIT
