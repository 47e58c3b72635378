"""Migration 0011: trace_visit filled from the visits and kept true by its triggers."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, text

from checkpoint_desk.store.engine import current_revision, make_engine, upgrade

STATION = "aa" * 16
PEOPLE = ("b1" * 16, "b2" * 16)
STAMP = "2026-11-01 08:00:00.000000"

DERIVED = (
    "SELECT visit.station_id, visit.at, visit.id, person.id, person.name, person.id_masked,"
    " person.phone_masked FROM visit JOIN person ON person.id = visit.person_id"
    " WHERE visit.deleted_at IS NULL ORDER BY 1, 2, 3"
)
KEPT = (
    "SELECT station_id, at, visit_id, person_id, name, id_masked, phone_masked"
    " FROM trace_visit ORDER BY 1, 2, 3"
)


def _at_0010(path: Path) -> Engine:
    engine = make_engine(path)
    upgrade(engine, "0010")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO station (id, name, community, grid, created_at, revision,"
                " updated_at) VALUES (:id, '西门', '济阳', '', :at, 1, :at)"
            ),
            {"id": STATION, "at": STAMP},
        )
        for number, (person, name) in enumerate(zip(PEOPLE, ("张三", "李娜"), strict=True)):
            conn.execute(
                text(
                    "INSERT INTO person (id, name, name_initials, id_masked, phone_masked,"
                    " address, resident, created_at, revision, updated_at)"
                    " VALUES (:id, :name, '', :masked, NULL, '', 0, :at, 1, :at)"
                ),
                {"id": person, "name": name, "masked": f"370811********000{number}", "at": STAMP},
            )
        for visit, person, minute, deleted in (
            ("c1" * 16, PEOPLE[0], 5, None),
            ("c2" * 16, PEOPLE[1], 7, None),
            ("c3" * 16, PEOPLE[1], 9, STAMP),  # deleted: no trace row
            ("c4" * 16, None, 11, None),  # no person (a vehicle's count): no trace row
        ):
            _visit(conn, visit, person, f"2026-11-01 08:{minute:02d}:00.000000", deleted)
    return engine


def _visit(conn: Connection, visit: str, person: str | None, at: str, deleted: str | None) -> None:
    conn.execute(
        text(
            "INSERT INTO visit (id, station_id, person_id, at, direction, source,"
            " temperature_c, temperature_converted, health_code, health_code_confirmed,"
            " purpose, destination, passengers, verdict, reasons, note, revision, updated_at,"
            " deleted_at) VALUES (:id, :station, :person, :at, 'in', 'manual', 36.5, 0,"
            " 'green', 0, '', '', 0, 'pass', '[]', '', 1, :at, :deleted)"
        ),
        {"id": visit, "station": STATION, "person": person, "at": at, "deleted": deleted},
    )


def _same(conn: Connection) -> list[tuple[object, ...]]:
    kept = [tuple(row) for row in conn.execute(text(KEPT))]
    assert kept == [tuple(row) for row in conn.execute(text(DERIVED))]
    return kept


def test_0011_fills_trace_visit_from_the_live_visits(tmp_path: Path) -> None:
    engine = _at_0010(tmp_path / "desk.db")
    upgrade(engine)
    assert current_revision(engine) == "0011"
    with engine.connect() as conn:
        assert [row[2] for row in _same(conn)] == ["c1" * 16, "c2" * 16]
    engine.dispose()


def test_trace_visit_follows_every_write(tmp_path: Path) -> None:
    engine = _at_0010(tmp_path / "desk.db")
    upgrade(engine)
    with engine.begin() as conn:
        _visit(conn, "c5" * 16, PEOPLE[0], "2026-11-01 09:00:00.000000", None)
        assert len(_same(conn)) == 3
        conn.execute(text("UPDATE visit SET at = '2026-11-01 07:00:00.000000' WHERE id = :v"),
                     {"v": "c5" * 16})  # fmt: skip
        _same(conn)
        conn.execute(text("UPDATE visit SET person_id = :p WHERE id = :v"),
                     {"p": PEOPLE[1], "v": "c5" * 16})  # fmt: skip
        _same(conn)
        conn.execute(text("UPDATE visit SET deleted_at = :at WHERE id = :v"),
                     {"at": STAMP, "v": "c1" * 16})  # fmt: skip
        conn.execute(text("UPDATE visit SET deleted_at = NULL WHERE id = :v"), {"v": "c3" * 16})
        conn.execute(text("UPDATE visit SET person_id = :p WHERE id = :v"),
                     {"p": PEOPLE[0], "v": "c4" * 16})  # fmt: skip
        assert [row[2] for row in _same(conn)] == ["c5" * 16, "c2" * 16, "c3" * 16, "c4" * 16]
        conn.execute(text("UPDATE person SET name = '李娜娜', phone_masked = '139****0007'"
                          " WHERE id = :p"), {"p": PEOPLE[1]})  # fmt: skip
        assert {row[4] for row in _same(conn)} == {"张三", "李娜娜"}
        conn.execute(text("DELETE FROM visit WHERE id = :v"), {"v": "c2" * 16})  # a purge
        assert len(_same(conn)) == 3
    engine.dispose()


def test_0011_downgrades_to_0010(tmp_path: Path) -> None:
    engine = _at_0010(tmp_path / "desk.db")
    upgrade(engine)
    from alembic import command

    from checkpoint_desk.store.engine import alembic_config

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0010")
    with engine.begin() as conn:
        names = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master"))}
        assert "trace_visit" not in names and not any(n.startswith("trace_") for n in names)
        assert "presence_after_insert" in names  # presence's triggers stay
        _visit(conn, "c6" * 16, PEOPLE[0], "2026-11-01 10:00:00.000000", None)  # no error
    engine.dispose()
