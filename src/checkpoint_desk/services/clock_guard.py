"""Time only moves forward: a desk clock set back is noticed, shown and audited.

The desk knows the newest time it has seen: its own records (visits, shifts, audit
entries), the trust list's issue time, and the hub's clock at the last sync (kept
on the audit anchor the hub answered). When the clock reads more than ten minutes
earlier than that, every code it reads carries ``clock_behind`` (never green: an
expiry cannot be checked against a wrong clock), ``ClockStatus.behind`` is what the
window shows as a banner, and the event is an audit entry.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from checkpoint_desk.clock import ClockStatus, as_utc
from checkpoint_desk.services.audit import CLOCK_BEHIND, record
from checkpoint_desk.store.models import AuditAnchor, AuditEntry, Shift, Visit
from checkpoint_desk.store.vault import StationLockedError

log = logging.getLogger(__name__)


def newest_seen(engine: Engine, *also: datetime | None) -> datetime | None:
    """The newest of the desk's records, the hub's clock at sync, and ``also``."""
    # store/peek.newest_seen asks the same four questions without SQLAlchemy (``read``).
    # Each a seek on an index (visit.at, shift.opened_at) or the last rows by key: the
    # check runs for every code read. The trail moves forward (``audit.record``), so
    # its newest time is among its last entries.
    last_entries = select(AuditEntry.at).order_by(col(AuditEntry.seq).desc()).limit(50)
    last_anchors = select(AuditAnchor.hub_at).order_by(col(AuditAnchor.id).desc()).limit(50)
    queries = (
        select(func.max(Visit.at)),
        select(func.max(Shift.opened_at)),
        select(func.max(last_entries.subquery().c.at)),
        select(func.max(last_anchors.subquery().c.hub_at)),
    )
    found: list[datetime] = [as_utc(t) for t in also if t is not None]
    with Session(engine) as session:
        for query in queries:
            value = session.execute(query).scalar()  # max() keeps the UTC column type
            if isinstance(value, datetime):
                found.append(as_utc(value))
    return max(found, default=None)


def clock_status(engine: Engine, now: datetime, *also: datetime | None) -> ClockStatus:
    """Where ``now`` stands against everything the desk has seen."""
    return ClockStatus(now=now, newest_seen=newest_seen(engine, *also))


def note_clock_behind(engine: Engine, status: ClockStatus) -> None:
    """Audit the clock going back (once per episode); a locked station only logs it."""
    if not status.behind:
        return
    with Session(engine) as session:
        last = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc())).first()
        if last is not None and last.action == CLOCK_BEHIND:
            return  # this episode is on record already
        log.warning("clock behind by %.0f s (newest seen %s)", status.behind_s, status.newest_seen)
        assert status.newest_seen is not None
        detail = {
            "newest_seen": status.newest_seen.isoformat(),
            "now": status.now.isoformat(),
            "behind_s": round(status.behind_s),
        }
        try:
            record(session, CLOCK_BEHIND, detail, clock=lambda: status.now)
        except StationLockedError:
            return
        session.commit()
