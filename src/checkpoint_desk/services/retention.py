"""Retention: visits older than the period leave the station once the hub has them.

``purge`` deletes visits (with their scans) older than ``retention_days`` only when
they are synced at their current revision; each purged day's counters are added to
``DailyCount`` first, so ``day_counts`` still answers for it. Unsynced old visits
are never purged silently: they are counted in ``held_back`` for the desk to warn.
People left with no visit and no pass go too (their sealed ID numbers with them).
Every purge that removes something, or holds something back, is audited (``purge``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import Engine, delete, exists, func, or_, select
from sqlmodel import Session, col

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.database import database_errors
from checkpoint_desk.services.station import this_station
from checkpoint_desk.store.models import DailyCount, IssuedPass, Person, Scan, Visit

BATCH = 500  # visits deleted per statement (SQLite's variable limit)


@dataclass(frozen=True)
class PurgeResult:
    """What a purge did: visits and people removed, old visits held back unsynced."""

    purged: int
    held_back: int
    people: int
    days: tuple[date, ...]
    cutoff: datetime


def purge(
    engine: Engine,
    *,
    now: datetime,
    retention_days: int,
    tz: tzinfo | None = None,
) -> PurgeResult:
    """Remove synced visits older than ``retention_days`` before ``now``; keep the counts.

    ``tz`` decides which local day a visit counts for (default: this computer's).
    """
    if retention_days < 1:
        raise ValidationError(
            "retention_days", N_("The retention period must be at least one day.")
        )
    cutoff = now - timedelta(days=retention_days)
    old = col(Visit.at) < cutoff
    synced = col(Visit.synced_revision) == col(Visit.revision)
    with database_errors(), Session(engine) as session:
        station = this_station(engine)
        held_back = int(
            session.execute(
                select(func.count())
                .select_from(Visit)
                .where(old, or_(col(Visit.synced_revision).is_(None), ~synced))
            ).scalar_one()
        )
        doomed = session.execute(
            select(
                col(Visit.id),
                col(Visit.station_id),
                col(Visit.at),
                col(Visit.direction),
                col(Visit.verdict),
                col(Visit.reasons),
                col(Visit.deleted_at),
            ).where(old, synced)
        ).all()
        counts: dict[tuple[date, uuid.UUID], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for _, station_id, at, direction, verdict, reasons, deleted_at in doomed:
            if deleted_at is not None:
                continue  # a deleted visit never counted
            row = counts[(at.astimezone(tz).date(), station_id)]
            row[0 if direction == "in" else 1] += 1
            row[2] += verdict == "stop"
            row[3] += "fever" in (reasons or ())
        for (day, station_id), (count_in, count_out, stopped, fever) in counts.items():
            kept = session.get(DailyCount, (day, station_id))
            if kept is None:
                kept = DailyCount(day=day, station_id=station_id)
            kept.count_in += count_in
            kept.count_out += count_out
            kept.stopped += stopped
            kept.fever += fever
            session.add(kept)
        ids = [row[0] for row in doomed]
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            session.execute(delete(Scan).where(col(Scan.visit_id).in_(chunk)))
            session.execute(delete(Visit).where(col(Visit.id).in_(chunk)))
        orphans = _orphans(session)
        for start in range(0, len(orphans), BATCH):
            session.execute(
                delete(Person).where(col(Person.id).in_(orphans[start : start + BATCH]))
            )
        days = tuple(sorted({day for day, _ in counts}))
        if ids or held_back or orphans:
            record(
                session,
                "purge",
                {
                    "cutoff": cutoff.isoformat(),
                    "retention_days": retention_days,
                    "purged": len(ids),
                    "people": len(orphans),
                    "held_back": held_back,
                    "days": [d.isoformat() for d in days],
                },
                station_id=station.id,
                clock=lambda: now,
            )
        session.commit()
    return PurgeResult(len(ids), held_back, len(orphans), days, cutoff)


def _orphans(session: Session) -> list[uuid.UUID]:
    """The synced people no visit or pass points at: those whose visits were just
    purged, and those a later ID card with their phone emptied (their visits moved to
    the ID holder, services/visits ``_join_phone_only``), who held a name and a phone."""
    return list(
        session.execute(
            select(col(Person.id)).where(
                col(Person.synced_revision) == col(Person.revision),
                ~exists().where(col(Visit.person_id) == col(Person.id)),
                ~exists().where(col(IssuedPass.person_id) == col(Person.id)),
            )
        ).scalars()
    )
