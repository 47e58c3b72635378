"""What the community office asks of all its stations (issue 16): who is inside now,
who was here with whom, how fast each lane moves.

Plain query functions over the hub's tables, for ``checkpoint-hub inside / trace /
stats`` and the office's pages. A person is their ``person_key`` (``person_keys.py``);
a station is the hub station (token) that owns the visit. Deleted visits count for
nothing. Numbers come back masked; the caller decides nothing about unmasking here.
"""

from __future__ import annotations

import gc
import statistics
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

import sqlalchemy as sa
from sqlalchemy import Engine

from checkpoint_desk.clock import as_utc, day_bounds
from checkpoint_desk.domain.masking import mask_id_number, mask_phone
from checkpoint_desk.hub.tables import last_visit, station, visit

DEFAULT_WINDOW = timedelta(minutes=30)
_UNKNOWN_STATION = "?"


@dataclass(frozen=True)
class InsidePerson:
    """Someone whose last registration, at any station, is ``in``."""

    person_key: str
    name: str
    id_masked: str
    phone_masked: str
    since: datetime  # that registration, UTC
    station: str  # where they came in


# The inside rows, read through the partial indexes of hub migration 0011 (the literal
# 'in' is what lets both planners use them): in order, no sort, no table lookup. The
# time and station come back as text on both databases ({at}, {owner}): parsing ISO
# text is several times cheaper than psycopg's datetime and UUID objects plus a
# ``replace(tzinfo=UTC)`` each.
_INSIDE = (
    "SELECT person_key, {at}, {owner}, name, id_masked, phone_masked FROM hub_last_visit"
    " WHERE direction = 'in'{where} ORDER BY {order}at, person_key{limit}"
)
_AS_TEXT = {
    "sqlite": ("at", "owner_id", "id"),  # stored as text already
    "postgresql": ("to_char(at, 'YYYY-MM-DD HH24:MI:SS.US')", "owner_id::text", "id::text"),
}


def inside_now(
    engine: Engine,
    *,
    community: str | None = None,
    owner_id: uuid.UUID | None = None,
    limit: int | None = None,
    skip: int = 0,
) -> list[InsidePerson]:
    """Everyone inside now (longest inside first); ``community`` limits it to the
    stations whose desks name that community, ``owner_id`` to those who came in at
    that hub station, ``limit`` to so many after the first ``skip`` (the office's
    pages of a station's list).

    Read with the driver's own cursor (tens of thousands of rows at a big hub: the ORM
    row processing was most of the time); the stations are one small dict."""
    where, order, limit_sql = "", "", ""
    params: dict[str, object] = {}
    with _no_collection(), engine.connect() as conn:
        at_text, owner_text, id_text = _AS_TEXT[conn.dialect.name]
        stations = {
            owner: (name, place)
            for owner, name, place in conn.exec_driver_sql(
                f"SELECT {id_text}, name, community FROM hub_station"
            )
        }
        if owner_id is not None:
            where, order = " AND owner_id = %(owner)s", "owner_id, "
            params["owner"] = (sa.Uuid().bind_processor(conn.dialect) or _same)(owner_id)
        if limit is not None:
            limit_sql, params["limit"] = " LIMIT %(limit)s", int(limit)
            if skip:
                limit_sql, params["skip"] = limit_sql + " OFFSET %(skip)s", int(skip)
        sql = _INSIDE.format(
            at=at_text, owner=owner_text, where=where, order=order, limit=limit_sql
        )
        if conn.dialect.paramstyle != "pyformat":
            for name in params:
                sql = sql.replace(f"%({name})s", f":{name}")
        rows = conn.exec_driver_sql(sql, params or None).all()
        wanted = (
            None
            if community is None
            else {owner for owner, (_, place) in stations.items() if place == community}
        )
        return [
            InsidePerson(
                person_key=key,
                name=name or "",
                id_masked=id_masked or "",
                phone_masked=phone_masked or "",
                since=_utc(at + "+00:00"),
                station=stations.get(owner, _NO_STATION)[0],
            )
            for key, at, owner, name, id_masked, phone_masked in rows
            if wanted is None or owner in wanted
        ]


_utc = datetime.fromisoformat


def _same(value: object) -> object:
    return value


@contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while a long list of new objects is built:
    each 700 allocations would start a collection that walks everything young (and
    every so often the whole heap), which took most of the time of a big inside list
    and made it vary fivefold. Nothing built here forms a cycle."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


_NO_STATION = (_UNKNOWN_STATION, None)


def full_numbers(engine: Engine, people: list[InsidePerson]) -> dict[str, tuple[str, str]]:
    """The whole ID number and phone of each of ``people`` (a page of the office's
    list, for a manager; the caller audits it), by person key."""
    keys = [p.person_key for p in people]
    found: dict[str, tuple[str, str]] = {}
    with engine.connect() as conn:
        for start in range(0, len(keys), 500):
            query = sa.select(
                last_visit.c.person_key, last_visit.c.id_number, last_visit.c.phone
            ).where(last_visit.c.person_key.in_(keys[start : start + 500]))
            for key, number, phone in conn.execute(query):
                found[key] = (number or "", phone or "")
    return found


def inside_counts(engine: Engine) -> dict[uuid.UUID, int]:
    """How many people are inside now, by the hub station they came in at: one pass
    over ``ix_hub_last_visit_inside_owner`` (the inside rows only, in station order)."""
    query = sa.text(
        "SELECT owner_id, count(*) FROM hub_last_visit WHERE direction = 'in'"
        " AND owner_id IS NOT NULL GROUP BY owner_id"
    ).columns(sa.column("owner_id", sa.Uuid), sa.column("n", sa.Integer))
    with engine.connect() as conn:
        return {owner: int(n) for owner, n in conn.execute(query)}


@dataclass(frozen=True)
class Contact:
    """A registration at the same station within the window of one of the person's."""

    person_key: str | None
    name: str
    id_masked: str
    phone_masked: str
    at: datetime  # the contact's registration, UTC
    station: str
    overlap_with: datetime  # the traced person's registration it was nearest to, UTC
    visit_id: uuid.UUID


def trace(
    engine: Engine,
    person_key: str,
    *,
    start: datetime,
    end: datetime,
    window: timedelta = DEFAULT_WINDOW,
) -> list[Contact]:
    """Everyone registered at the same station within ±``window`` of each of the
    person's registrations in [``start``, ``end``), at every station; one entry per
    contact registration (the nearest of the person's visits is ``overlap_with``),
    in time order.

    ``person_key`` is an ID number's ``idk`` or a phone's keyed hash
    (``person_keys.py``): a phone finds the visits that gave it and every visit of
    the people (by ID) who gave it. The person's own registrations are not contacts.
    """
    found: dict[uuid.UUID, Contact] = {}
    with engine.connect() as conn:
        # A phone names the people who gave it in the range; their visits by ID count too.
        people = {person_key} | set(
            conn.execute(
                sa.select(visit.c.person_key)
                .where(
                    visit.c.phone_key == person_key,
                    visit.c.person_key.is_not(None),
                    visit.c.at >= start,
                    visit.c.at < end,
                )
                .distinct()
            ).scalars()
        )
        own = conn.execute(
            sa.select(visit.c.id, visit.c.at, visit.c.owner_id, visit.c.person_key)
            .where(
                sa.or_(visit.c.person_key.in_(sorted(people)), visit.c.phone_key == person_key),
                visit.c.at >= start,
                visit.c.at < end,
                visit.c.deleted_at.is_(None),
            )
            .order_by(visit.c.at)
        ).all()
        themselves = {o.person_key for o in own if o.person_key} | {person_key}
        own_ids = {o.id for o in own}
        names = _station_names(conn, {o.owner_id for o in own})
        for _, at, owner, _ in own:
            if owner is None:
                continue
            near = conn.execute(
                sa.select(
                    visit.c.id,
                    visit.c.at,
                    visit.c.person_key,
                    visit.c.name,
                    visit.c.id_number,
                    visit.c.phone,
                ).where(
                    visit.c.owner_id == owner,
                    visit.c.at >= at - window,
                    visit.c.at <= at + window,
                    visit.c.deleted_at.is_(None),
                )
            ).all()
            for r in near:
                if r.person_key in themselves or r.id in own_ids:
                    continue
                held = found.get(r.id)
                if held is not None and abs(held.at - held.overlap_with) <= abs(r.at - at):
                    continue
                found[r.id] = Contact(
                    person_key=r.person_key,
                    name=r.name,
                    id_masked=mask_id_number(r.id_number),
                    phone_masked=mask_phone(r.phone),
                    at=as_utc(r.at),
                    station=names.get(owner, _UNKNOWN_STATION),
                    overlap_with=as_utc(at),
                    visit_id=r.id,
                )
    return sorted(found.values(), key=lambda c: (c.at, c.visit_id))


def _station_names(conn: sa.Connection, ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = conn.execute(sa.select(station.c.id, station.c.name).where(station.c.id.in_(wanted)))
    return {r.id: r.name for r in rows}


@dataclass(frozen=True)
class StationHour:
    """One station's registrations in one local hour of a day."""

    station: str
    hour: datetime  # the hour's start, local time of the day asked for
    visits: int
    stops: int
    timed: int  # visits that carry lane_seconds
    median_s: float | None
    p90_s: float | None


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0…1) of ``values``, interpolated between neighbours."""
    ordered = sorted(values)
    place = share * (len(ordered) - 1)
    low = int(place)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (place - low)


def station_stats(engine: Engine, day: date, *, tz: tzinfo | None = None) -> list[StationHour]:
    """Per station and hour of the local ``day``: visits, stops and the lane's seconds
    per visitor (median and 90th percentile of the visits that were timed)."""
    start, end = day_bounds(day, tz)
    query = (
        sa.select(
            sa.func.coalesce(station.c.name, _UNKNOWN_STATION).label("station"),
            visit.c.at,
            visit.c.verdict,
            visit.c.lane_seconds,
        )
        .select_from(visit.outerjoin(station, station.c.id == visit.c.owner_id))
        .where(visit.c.at >= start, visit.c.at < end, visit.c.deleted_at.is_(None))
    )
    groups: dict[tuple[str, datetime], list[tuple[str, float | None]]] = defaultdict(list)
    with engine.connect() as conn:
        for name, at, verdict, seconds in conn.execute(query):
            local = as_utc(at).astimezone(tz)
            hour = local.replace(minute=0, second=0, microsecond=0)
            groups[(name, hour)].append((verdict, seconds))
    result = []
    for (name, hour), rows in sorted(groups.items()):
        timed = [s for _, s in rows if s is not None]
        result.append(
            StationHour(
                station=name,
                hour=hour,
                visits=len(rows),
                stops=sum(1 for verdict, _ in rows if verdict == "stop"),
                timed=len(timed),
                median_s=statistics.median(timed) if timed else None,
                p90_s=percentile(timed, 0.9) if timed else None,
            )
        )
    return result
