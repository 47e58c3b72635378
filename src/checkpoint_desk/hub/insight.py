"""What the community office asks of all its stations (issue 16): who is inside now,
who was here with whom, how fast each lane moves.

Plain query functions over the hub's tables, for ``checkpoint-hub inside / trace /
stats`` and the office's pages. A person is their ``person_key`` (``person_keys.py``);
a station is the hub station (token) that owns the visit. Deleted visits count for
nothing. Numbers come back masked; the caller decides nothing about unmasking here.
"""

from __future__ import annotations

import statistics
import uuid
from collections import defaultdict
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


def inside_now(
    engine: Engine,
    *,
    community: str | None = None,
    owner_id: uuid.UUID | None = None,
    limit: int | None = None,
) -> list[InsidePerson]:
    """Everyone inside now (longest inside first); ``community`` limits it to the
    stations whose desks name that community, ``owner_id`` to those who came in at
    that hub station, ``limit`` to the first so many (the office's page)."""
    query = (
        sa.select(
            last_visit.c.person_key,
            last_visit.c.at,
            last_visit.c.name,
            last_visit.c.id_number,
            last_visit.c.phone,
            sa.func.coalesce(station.c.name, _UNKNOWN_STATION).label("station"),
        )
        .select_from(last_visit.outerjoin(station, station.c.id == last_visit.c.owner_id))
        .where(last_visit.c.direction == "in")
        .order_by(last_visit.c.at, last_visit.c.person_key)
    )
    if community is not None:
        query = query.where(station.c.community == community)
    if owner_id is not None:
        query = query.where(last_visit.c.owner_id == owner_id)
    if limit is not None:
        query = query.limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        InsidePerson(
            person_key=r.person_key,
            name=r.name or "",
            id_masked=mask_id_number(r.id_number),
            phone_masked=mask_phone(r.phone),
            since=as_utc(r.at),
            station=r.station,
        )
        for r in rows
    ]


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
