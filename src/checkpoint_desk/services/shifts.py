"""Shifts: open, take over, close with a handover summary and a backup."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.backup import backup_database
from checkpoint_desk.services.database import database_errors
from checkpoint_desk.services.retention import PurgeResult, purge
from checkpoint_desk.services.today import DayCounts, counts_where
from checkpoint_desk.store.models import AuditEntry, Operator, Shift, Visit


class ShiftError(CheckpointError):
    """A shift cannot be opened or closed as asked."""

    exit_code = 2


class ShiftOpenError(ShiftError):
    """Another operator's shift is still open; open with ``takeover=True`` to end it."""

    def __init__(self, message: str, *, shift: Shift, operator_name: str) -> None:
        self.shift = shift
        self.operator_name = operator_name
        super().__init__(
            message, operator=operator_name, since=shift.opened_at.astimezone().strftime("%H:%M")
        )


@dataclass(frozen=True)
class ShiftSummary:
    """What the handover shows: the shift's counts and what is still unsynced."""

    shift: Shift
    opened_at: datetime
    closed_at: datetime | None
    operator_name: str
    count_in: int
    count_out: int
    stopped: int
    fever: int
    unsynced: int
    backup_path: Path | None
    purge: PurgeResult | None = None  # the retention purge run at close, if any
    backup_problem: CheckpointError | None = None  # why no backup was made (the close holds)


@dataclass(frozen=True)
class HandoverNote:
    """The note the previous operator left, for the next one."""

    note: str
    by: str
    at: datetime
    summary: ShiftSummary


def current_shift(engine: Engine) -> Shift | None:
    """The open shift, if any (the newest one when several were left open)."""
    with Session(engine) as session:
        return session.exec(
            select(Shift)
            .where(col(Shift.closed_at).is_(None))
            .order_by(col(Shift.opened_at).desc())
        ).first()


def open_shift(
    engine: Engine,
    station_id: uuid.UUID,
    operator_id: uuid.UUID,
    *,
    clock: Clock = utc_now,
    takeover: bool = False,
) -> Shift:
    """Open a shift for ``operator_id`` (who has already signed in with the PIN).

    If the same operator's shift is open it is returned (the desk was restarted).
    If another operator's shift is open, raise ``ShiftOpenError`` unless
    ``takeover``: then that shift is closed now, without a note, audited as
    ``shift_takeover`` — never silently.
    """
    now = clock()
    with database_errors(), Session(engine, expire_on_commit=False) as session:
        operator = session.get(Operator, operator_id)
        if operator is None or not operator.active:
            raise ShiftError(N_("Unknown operator."))
        open_ones = list(session.exec(select(Shift).where(col(Shift.closed_at).is_(None))))
        others = [s for s in open_ones if s.operator_id != operator_id]
        mine = [s for s in open_ones if s.operator_id == operator_id]
        if others and not takeover:
            other = others[0]
            holder = session.get(Operator, other.operator_id)
            raise ShiftOpenError(
                N_("{operator}'s shift (since {since}) is still open: hand over or take it over."),
                shift=other,
                operator_name=holder.name if holder else "?",
            )
        for other in others:
            other.closed_at = now
            other.updated_at = now
            other.revision += 1
            session.add(other)
            record(
                session,
                "shift_takeover",
                {"shift": str(other.id), "by": str(operator_id)},
                station_id=station_id,
                operator_id=operator_id,
                clock=clock,
            )
        if mine:
            session.commit()
            return mine[0]
        shift = Shift(station_id=station_id, operator_id=operator_id, opened_at=now, updated_at=now)
        session.add(shift)
        session.flush()
        record(
            session,
            "shift_open",
            {"shift": str(shift.id)},
            station_id=station_id,
            operator_id=operator_id,
            clock=clock,
        )
        session.commit()
    return shift


def close_shift(
    engine: Engine,
    shift_id: uuid.UUID,
    note: str,
    *,
    clock: Clock = utc_now,
    backup_dir: Path | None = None,
    keep_backups: int = 20,
    retention_days: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> ShiftSummary:
    """Close the shift with a handover note; back the database up into ``backup_dir``.

    The close is committed before the backup is made, so the backup holds it. A backup
    that fails (a full disk) leaves the shift closed and every visit in the database:
    ``summary.backup_problem`` says why, and the purge waits for a shift with a backup.
    With ``retention_days`` the retention purge runs after the backup (synced visits
    older than the period go; ``summary.purge.held_back`` counts unsynced old ones).
    ``progress`` hears each step's name (``N_`` text) before it starts.
    """
    step = progress or (lambda _what: None)
    now = clock()
    with database_errors(), Session(engine, expire_on_commit=False) as session:
        shift = session.get(Shift, shift_id)
        if shift is None:
            raise ShiftError(N_("No such shift."))
        if shift.closed_at is not None:
            raise ShiftError(N_("This shift is already closed."))
        shift.closed_at = now
        shift.handover_note = note.strip()
        shift.updated_at = now
        shift.revision += 1
        session.add(shift)
        record(
            session,
            "shift_close",
            {"shift": str(shift.id)},
            station_id=shift.station_id,
            operator_id=shift.operator_id,
            clock=clock,
        )
        session.commit()
    backup = None
    problem: CheckpointError | None = None
    if backup_dir is not None:
        step(N_("Backing up the database…"))
        try:
            backup = backup_database(engine, backup_dir, keep=keep_backups, clock=clock)
        except CheckpointError as exc:
            problem = exc
    if backup is not None:
        with Session(engine) as session:
            record(
                session,
                "backup",
                {"shift": str(shift.id), "path": str(backup)},
                station_id=shift.station_id,
                operator_id=shift.operator_id,
                clock=clock,
            )
            session.commit()
    purged = None
    if retention_days is not None and problem is None:
        step(N_("Removing visits past the retention period…"))
        purged = purge(engine, now=clock(), retention_days=retention_days)
    return replace(shift_summary(engine, shift, backup), purge=purged, backup_problem=problem)


def shift_counts(engine: Engine, shift_id: uuid.UUID) -> DayCounts:
    """The counters of one shift's live visits (deleted ones left out)."""
    return counts_where(engine, col(Visit.shift_id) == shift_id)


def shift_summary(engine: Engine, shift: Shift, backup_path: Path | None = None) -> ShiftSummary:
    """Counts of the shift's visits and the current outbox size."""
    from checkpoint_desk.sync.outbox import waiting_count  # its wire schemas load slowly

    counts = shift_counts(engine, shift.id)
    with Session(engine) as session:
        operator = session.get(Operator, shift.operator_id)
    return ShiftSummary(
        shift=shift,
        opened_at=shift.opened_at,
        closed_at=shift.closed_at,
        operator_name=operator.name if operator else "",
        count_in=counts.entered,
        count_out=counts.left,
        stopped=counts.stopped,
        fever=counts.fever,
        unsynced=waiting_count(engine),
        backup_path=backup_path,
    )


def last_handover(engine: Engine) -> HandoverNote | None:
    """The most recently closed shift's note and summary (for the next operator)."""
    with Session(engine) as session:
        shift = session.exec(
            select(Shift)
            .where(col(Shift.closed_at).is_not(None))
            .order_by(col(Shift.closed_at).desc())
        ).first()
        if shift is None or shift.closed_at is None:
            return None
        backup_entry = session.exec(
            select(AuditEntry)
            .where(AuditEntry.action == "backup")
            .order_by(col(AuditEntry.seq).desc())
            .limit(20)
        ).all()
    backup = next(
        (
            Path(e.detail["path"])
            for e in backup_entry
            if isinstance(e.detail, dict) and e.detail.get("shift") == str(shift.id)
        ),
        None,
    )
    summary = shift_summary(engine, shift, backup)
    return HandoverNote(
        note=shift.handover_note, by=summary.operator_name, at=shift.closed_at, summary=summary
    )
