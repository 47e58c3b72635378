"""A lost laptop leaks nothing: no plain ID or phone number in the database files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from checkpoint_desk.cli import main
from checkpoint_desk.codes.reading import CodeReading, CodeStatus
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.backup import backup_database, list_backups
from checkpoint_desk.services.lookup import find_people, returning_person
from checkpoint_desk.services.visits import VisitDraft, register_visit
from checkpoint_desk.store.engine import make_engine, open_database, upgrade
from checkpoint_desk.store.models import Shift, Station
from checkpoint_desk.store.vault import create_vault, unlock_vault
from tests.conftest import TEST_PASSPHRASE, FakeClock
from tests.services.conftest import make_id

PEOPLE = [
    ("张三", make_id(11), "13812345678"),
    ("李四", make_id(12, birth="19751231"), "15900001111"),
    ("王五", make_id(13, region="110105"), "18612349876"),
]


def encodings(secret: str) -> list[bytes]:
    """Every way SQLite could hold ``secret``: text in UTF-8 / UTF-16, or an integer."""
    found = [secret.encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be")]
    digits = secret.rstrip("Xx")
    if digits.isdigit():
        for number in {int(digits), int(digits[:-1] or 0)}:
            found += [number.to_bytes(n, "big") for n in (6, 8) if number < 2 ** (8 * n - 1)]
    return found


def leaks(files: list[Path], secrets: list[str]) -> list[tuple[str, str]]:
    """(file, secret) pairs where a file holds a secret in any encoding."""
    out = []
    for file in files:
        data = file.read_bytes()
        for secret in secrets:
            if any(form in data for form in encodings(secret)):
                out.append((file.name, secret))
    return out


def database_files(data_dir: DataDir) -> list[Path]:
    files = [data_dir.database, data_dir.database.with_name("checkpoint.db-wal")]
    return [f for f in files if f.exists()] + list_backups(data_dir.backups)


def register_people(engine: Engine, station: Station, shift: Shift, clock: FakeClock) -> None:
    for name, id_number, phone in PEOPLE:
        clock.advance(minutes=3)
        unverified = CodeReading(
            scheme="text", status=CodeStatus.UNVERIFIED, text=f"{name} {id_number} {phone}"
        )
        register_visit(
            engine,
            VisitDraft(
                name=name,
                id_number=id_number,
                phone=phone,
                temperature="36.6",
                readings=[unverified],
            ),
            station_id=station.id,
            shift_id=shift.id,
            rules=ScreeningRules(),
            clock=clock,
        )


@pytest.mark.parametrize("secret", [PEOPLE[0][1], PEOPLE[0][2]])
def test_the_probe_sees_each_encoding(tmp_path: Path, secret: str) -> None:
    """The scans below would see a leak in any form SQLite might store it."""
    for i, form in enumerate(encodings(secret)):
        file = tmp_path / f"probe{i}"
        file.write_bytes(b"\x00page" + form + b"\x00")
        assert leaks([file], [secret]) == [(file.name, secret)]


def test_database_wal_and_backups_hold_no_plain_id_or_phone(
    engine: Engine, station: Station, shift: Shift, clock: FakeClock, data_dir: DataDir
) -> None:
    register_people(engine, station, shift, clock)
    backup_database(engine, data_dir.backups, clock=clock)
    wal = data_dir.database.with_name("checkpoint.db-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the live WAL is scanned too
    secrets = [s for _, id_number, phone in PEOPLE for s in (id_number, phone)]
    assert leaks(database_files(data_dir), secrets) == []
    # …and the desk still finds them, after unlocking
    assert [m.name for m in find_people(engine, PEOPLE[1][1])] == ["李四"]
    found = returning_person(engine, phone="159 0000 1111")
    assert found is not None and found.id_number == PEOPLE[1][1]
    assert found.id_masked == PEOPLE[1][1][:6] + "********" + PEOPLE[1][1][-4:]
    engine.dispose()
    assert leaks(database_files(data_dir), secrets) == []  # after the WAL is checkpointed


def test_an_old_database_and_its_backups_are_sealed_on_first_unlock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A station made before encryption (schema 0002) with plain rows and a backup."""
    data_dir = DataDir(tmp_path / "old").ensure()
    old = make_engine(data_dir.database)
    upgrade(old, "0002")
    with old.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO station (id, name, community, grid, hub_url, is_demo, created_at,"
                " revision, updated_at) VALUES ('aa', '西门', '', '', '', 0,"
                " '2026-11-01 08:00:00', 1, '2026-11-01 08:00:00')"
            )
        )
        for i, (name, id_number, phone) in enumerate(PEOPLE):
            conn.execute(
                text(
                    "INSERT INTO person (id, name, name_initials, id_number, phone, address,"
                    " resident, created_at, revision, updated_at) VALUES (:id, :name, '', :idn,"
                    " :phone, '', 0, '2026-11-01 08:00:00', 1, '2026-11-01 08:00:00')"
                ),
                {"id": f"{i:032x}", "name": name, "idn": id_number, "phone": phone},
            )
    old.dispose()
    backup = backup_database(data_dir.database, data_dir.backups)
    secrets = [s for _, id_number, phone in PEOPLE for s in (id_number, phone)]
    assert leaks([data_dir.database, backup], secrets)  # plain before

    # the first command after the upgrade sets the passphrase and seals everything
    assert main(["db", "backup", "--data-dir", str(data_dir.root)]) == 0
    assert (data_dir.keys / "vault.json").is_file()
    assert leaks(database_files(data_dir), secrets) == []
    assert backup in list_backups(data_dir.backups)  # sealed in place, not deleted
    engine = open_database(backup, vault=create_vault(tmp_path / "k", "other"))
    engine.dispose()  # a sealed backup opens (its rows just need the station's key)
    assert main(["--json", "db", "check", "--data-dir", str(data_dir.root)]) == 0
    found = returning_person(
        open_database(data_dir.database, vault=unlock_vault(data_dir.keys, TEST_PASSPHRASE)),
        id_number=PEOPLE[2][1],
    )
    assert found is not None and found.name == "王五" and found.phone == PEOPLE[2][2]


def test_a_sealed_station_without_its_key_file_says_so(
    station_env: object, data_dir: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir.keys / "vault.json").rename(data_dir.root / "vault.json.moved")
    capsys.readouterr()
    assert main(["operator", "list", "--data-dir", str(data_dir.root)]) == 3
    assert "key file" in capsys.readouterr().err
    assert not (data_dir.keys / "vault.json").exists()  # no new key made over the data
