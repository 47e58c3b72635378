"""The quarter-hour counts ``ingest`` keeps (``hub/counts.py``) agree with a recount of
the visits, whatever order, replays, edits and deletions they came in (SQLite and
PostgreSQL); the office's Today page reads them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine

from checkpoint_desk.clock import day_bounds, to_local
from checkpoint_desk.hub.anchors import anchor
from checkpoint_desk.hub.counts import rebuild_all
from checkpoint_desk.hub.database import alembic_config, open_hub_database, writing
from checkpoint_desk.hub.insight import inside_now
from checkpoint_desk.hub.office.today import today
from checkpoint_desk.hub.tables import station, visit_count
from checkpoint_desk.hub.tables import visit as hub_visit
from tests.support.gates import DAY, LI, WANG, ZHANG, ZHAO, at, gate, visit


@pytest.fixture
def engine(hub_db_url: str) -> Iterator[Engine]:
    made = open_hub_database(hub_db_url)
    yield made
    made.dispose()


def kept(engine: Engine) -> dict[tuple[Any, datetime], tuple[int, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(visit_count)).all()
    return {
        (r.owner_id, r.slot): (r.visits, r.came_in, r.went_out, r.stopped, r.fever) for r in rows
    }


def recount(engine: Engine) -> dict[tuple[Any, datetime], tuple[int, ...]]:
    """The same counts, from every visit held, one by one."""
    tally: dict[tuple[Any, datetime], Counter[str]] = {}
    with engine.connect() as conn:
        rows = conn.execute(sa.select(hub_visit).where(hub_visit.c.deleted_at.is_(None))).all()
    for r in rows:
        moment = r.at.astimezone(UTC)
        slot = moment.replace(minute=moment.minute // 15 * 15, second=0, microsecond=0)
        c = tally.setdefault((r.owner_id, slot), Counter())
        c["visits"] += 1
        c[r.direction] += 1
        c["stop"] += r.verdict == "stop"
        c["fever"] += r.temperature_c is not None and r.temperature_c >= 37.3
    return {k: (c["visits"], c["in"], c["out"], c["stop"], c["fever"]) for k, c in tally.items()}


def test_counts_agree_with_a_recount_after_edits_deletions_replays_and_late_pushes(
    engine: Engine,
) -> None:
    west, east = gate(engine, "西门卡点"), gate(engine, "东门卡点")
    fever = {"temperature_c": 38.1, "verdict": "stop", "reasons": ["fever"]}
    entry = visit(at(8, 10), "in", "张伟", ZHANG)
    late = visit(at(8, 14), "out", "李娜", LI, **fever)
    west.push(entry, late, visit(at(9), "in", "王强", WANG))
    east.push(visit(at(8, 20), "out", "张伟", ZHANG), visit(at(23, 59), "in", "赵敏", ZHAO))
    assert kept(engine) == recount(engine)

    # An edit moves a visit to another quarter hour and turns it into an exit.
    moved = {**entry, "revision": 2, "at": at(10, 40), "direction": "out"}
    west.push(moved)
    assert kept(engine) == recount(engine)
    # The desk's older revision arrives again late: nothing moves back.
    west.push(entry)
    west.push(moved, moved)  # and a replay of the edit, twice in one batch
    assert kept(engine) == recount(engine)
    # A deletion empties a slot: its row goes.
    west.push({**late, "revision": 3, "deleted_at": at(12)})
    assert kept(engine) == recount(engine)
    # Revision 3 first, then revision 2 of a new visit: the hub holds revision 3.
    fresh = visit(at(11), "in", "孙丽", None, "13912345678")
    west.push({**fresh, "revision": 3, "at": at(11, 50)})
    west.push({**fresh, "revision": 2, **fever})
    assert kept(engine) == recount(engine)
    assert sum(v[0] for v in kept(engine).values()) == 5

    page = today(engine, DAY.date(), clock=lambda: DAY.replace(hour=12))
    assert page.totals == {"came_in": 3, "went_out": 2, "stopped": 0, "fever": 0}
    assert sum(page.per_hour) == sum(page.totals[k] for k in ("came_in", "went_out"))


def test_the_inside_list_shows_the_last_visits_own_name_and_numbers(engine: Engine) -> None:
    west = gate(engine, "西门卡点")
    entry = visit(at(8), "in", "张伟", ZHANG, "13812345678")
    west.push(entry)
    west.push({**entry, "revision": 2, "name": "张伟伟", "phone": "13912345678"})
    [person] = inside_now(engine)
    assert (person.name, person.id_masked, person.phone_masked) == (
        "张伟伟",
        "370811********1236",
        "139****5678",
    )


def test_the_set_based_rebuild_equals_a_recount_of_every_visit(engine: Engine) -> None:
    """``rebuild_all`` (hub migration 0010, bulk loads) counts in one SQL statement: the
    same as counting the visits one by one, with edits, deletions, both directions,
    fevers and quarter-hour edges."""
    west, east = gate(engine, "西门卡点"), gate(engine, "东门卡点")
    fever = {"temperature_c": 38.1, "verdict": "stop", "reasons": ["fever"]}
    edge = visit(at(8, 14), "in", "张伟", ZHANG)
    west.push(
        edge,
        visit(at(8, 15), "out", "李娜", LI, **fever),
        visit(at(8, 29), "in", "王强", WANG, temperature_c=37.3),
        visit(at(8, 30), "out", "赵敏", ZHAO, temperature_c=37.2),
        visit(at(23, 59), "in", "孙丽", None, "13912345678", **fever),
    )
    gone = visit(at(9, 45), "out", "张伟", ZHANG)
    east.push(gone, visit(at(0), "in", "李娜", LI), visit(at(0, 1), "out", "王强", WANG))
    west.push({**edge, "revision": 2, "at": at(10, 59), "direction": "out"})  # moved
    east.push({**gone, "revision": 2, "deleted_at": at(12)})  # deleted
    with engine.connect() as conn:  # a visit whose station is unknown counts for none
        conn.execute(hub_visit.update().where(hub_visit.c.name == "王强").values(owner_id=None))
        conn.commit()
    expected = recount(engine)
    expected = {k: v for k, v in expected.items() if k[0] is not None}
    with writing(engine) as conn:
        conn.execute(visit_count.delete())
        rebuild_all(conn)
    rebuilt = kept(engine)
    assert rebuilt == expected
    assert sum(v[0] for v in rebuilt.values()) == 5
    assert sorted(rebuilt.values())[-1] == (1, 1, 0, 1, 1)  # 23:45, in, stopped, fever
    assert {slot.minute for _, slot in rebuilt} == {0, 15, 30, 45}


def test_the_today_page_numbers_equal_a_recount_of_the_days_visits(engine: Engine) -> None:
    """Every number of the Today page (per station, totals, the hours) as a count of
    the day's visits themselves, with visits just outside the day, an edit that moves
    one to another hour, a deletion, stops and fevers."""
    local_day = to_local(DAY + timedelta(hours=12)).date()
    start, end = day_bounds(local_day)
    gates = [gate(engine, name) for name in ("西门卡点", "东门卡点", "南门卡点")]
    fever = {"temperature_c": 38.1, "verdict": "stop", "reasons": ["fever"]}
    people = (("张伟", ZHANG), ("李娜", LI), ("王强", WANG), ("赵敏", ZHAO))
    minutes = (-61, -1, 0, 1, 14, 15, 59, 60, 61, 179, 600, 899, 1379, 1439, 1440, 1500)
    pushed = []
    for n, minute in enumerate(minutes):
        name, number = people[n % len(people)]
        when = (start + timedelta(minutes=minute, seconds=n)).isoformat()
        more = fever if n % 5 == 0 else {"verdict": "stop"} if n % 7 == 0 else {}
        one = visit(when, "in" if n % 3 else "out", name, number, **more)
        gates[n % len(gates)].push(one)
        pushed.append((gates[n % len(gates)], one))
    moved_gate, moved = pushed[4]
    moved_gate.push({**moved, "revision": 2, "at": (start + timedelta(hours=20)).isoformat()})
    gone_gate, gone = pushed[6]
    gone_gate.push({**gone, "revision": 2, "deleted_at": (start + timedelta(hours=2)).isoformat()})

    page = today(engine, local_day, clock=lambda: start + timedelta(hours=23))

    by_station: dict[str, list[int]] = {}
    per_hour = [0] * len(page.hour_starts)
    query = (
        sa.select(
            station.c.name,
            hub_visit.c.at,
            hub_visit.c.direction,
            hub_visit.c.verdict,
            hub_visit.c.temperature_c,
        )
        .join(station, station.c.id == hub_visit.c.owner_id)
        .where(hub_visit.c.deleted_at.is_(None), hub_visit.c.at >= start, hub_visit.c.at < end)
    )
    with engine.connect() as conn:
        for name, moment, direction, verdict, temperature in conn.execute(query):
            c = by_station.setdefault(name, [0, 0, 0, 0])
            c[0] += direction == "in"
            c[1] += direction == "out"
            c[2] += verdict == "stop"
            c[3] += temperature is not None and temperature >= 37.3
            per_hour[max(i for i, h in enumerate(page.hour_starts) if h <= moment)] += 1
    shown = {s.name: [s.came_in, s.went_out, s.stopped, s.fever] for s in page.stations}
    assert shown == {name: by_station.get(name, [0, 0, 0, 0]) for name in shown}
    assert set(shown) == {"西门卡点", "东门卡点", "南门卡点"}
    assert page.per_hour == per_hour
    assert sum(per_hour) == 11  # 16 pushed, 4 outside the day, 1 deleted (one moved in)
    assert page.totals["stopped"] == sum(c[2] for c in by_station.values()) > 0


def test_the_today_page_shows_each_stations_newest_anchors_skew(engine: Engine) -> None:
    """The skew column is each station's newest anchor (of the many its syncs leave),
    a station that never anchored shows none."""
    west, east, _south = (gate(engine, n) for n in ("西门卡点", "东门卡点", "南门卡点"))
    moment = DAY.replace(hour=9)
    with writing(engine) as conn:
        for n in range(6):  # interleaved, as syncs arrive
            for owner, skew in ((west, 10.0 + n), (east, -5.0 - n)):
                conn.execute(
                    anchor.insert().values(
                        station_id=owner.desk_id, seq=n, hash=f"{n:064x}", at=moment,
                        reason="sync", signature="x", received_at=moment, skew_s=skew,
                        regressed=False,
                    )
                )  # fmt: skip
    page = today(engine, DAY.date(), clock=lambda: moment)
    assert {s.name: s.skew_s for s in page.stations} == {
        "西门卡点": 15.0,
        "东门卡点": -10.0,
        "南门卡点": None,
    }


def test_migration_0010_counts_the_visits_held(engine: Engine) -> None:
    """Upgrading to 0010 over visits already held (some edited, one deleted) builds the
    same counts as a recount, by its one ``INSERT … SELECT``."""
    west, east = gate(engine, "西门卡点"), gate(engine, "东门卡点")
    entry = visit(at(7, 44), "in", "张伟", ZHANG, temperature_c=37.9, verdict="stop")
    west.push(entry, visit(at(7, 45), "out", "李娜", LI), visit(at(23, 59), "in", "王强", WANG))
    gone = visit(at(9), "out", "赵敏", ZHAO)
    east.push(gone, visit(at(9, 14), "in", "张伟", ZHANG))
    west.push({**entry, "revision": 2, "at": at(13, 5), "direction": "out"})
    east.push({**gone, "revision": 2, "deleted_at": at(10)})
    expected = recount(engine)
    config = alembic_config()
    with writing(engine) as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")  # before hub_visit_count
        command.upgrade(config, "head")
    assert kept(engine) == expected
    assert sum(v[0] for v in expected.values()) == 4
