"""Operators and shifts as the desk uses them (over ``services.operators``/``shifts``).

Plain Python. Where the services layer has not landed yet, small interim paths
keep the sign-in screen usable; each is marked ``interim``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid
from dataclasses import replace
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from checkpoint_desk.clock import Clock, to_local, utc_now
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_, current_language
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services import audit
from checkpoint_desk.services.ledger import export_shift_on_close
from checkpoint_desk.store.models import Operator, Shift, Station, Visit
from checkpoint_desk.ui.desk_backend import (
    OperatorInfo,
    PinRefused,
    ShiftInfo,
    ShiftReport,
    _optional,
)


def _interim_hash(pin: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def _interim_check(pin: str, stored: str) -> bool:
    try:
        _, salt, digest = stored.split("$")
    except ValueError:
        return False
    return hmac.compare_digest(_interim_hash(pin, bytes.fromhex(salt)).split("$")[2], digest)


class ShiftBackend:
    """Sign-in, shift open/close and the handover note."""

    def __init__(
        self, engine: Engine, data_dir: DataDir, station: Station, *, clock: Clock = utc_now
    ) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.station = station
        self.clock = clock

    def operators(self) -> list[OperatorInfo]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(Operator)
                .where(col(Operator.station_id) == self.station.id, col(Operator.active))
                .order_by(col(Operator.name))
            ).all()
            return [OperatorInfo(r.id, r.name, r.role) for r in rows]

    def create_operator(self, name: str, pin: str, role: str = "volunteer") -> OperatorInfo:
        ops = _optional("checkpoint_desk.services.operators")
        if ops is not None:
            made = ops.create_operator(
                self.engine,
                station_id=self.station.id,
                name=name,
                role=role,
                pin=pin,
                clock=self.clock,
            )
            return OperatorInfo(made.id, made.name, made.role)
        now = self.clock()
        with Session(self.engine) as session:
            row = Operator(
                station_id=self.station.id,
                name=name,
                role=role,
                pin_hash=_interim_hash(pin),
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.commit()
            return OperatorInfo(row.id, row.name, row.role)

    def verify_pin(self, operator_id: uuid.UUID, pin: str) -> OperatorInfo:
        """The operator when ``pin`` is theirs; PinRefused otherwise."""
        ops = _optional("checkpoint_desk.services.operators")
        if ops is not None:
            try:
                found = ops.verify_pin(self.engine, operator_id, pin, clock=self.clock)
            except ops.PinError as exc:
                raise PinRefused(N_("Wrong PIN.")) from exc
            return OperatorInfo(found.id, found.name, found.role)
        with Session(self.engine) as session:
            row = session.get(Operator, operator_id)
            if row is None or not _interim_check(pin, row.pin_hash):
                raise PinRefused(N_("Wrong PIN."))
            return OperatorInfo(row.id, row.name, row.role)

    def verify_supervisor(self, pin: str) -> OperatorInfo:
        """The supervisor whose PIN this is; PinRefused when none matches."""
        for op in self.operators():
            if op.role != "supervisor":
                continue
            try:
                return self.verify_pin(op.id, pin)
            except PinRefused:
                continue
        raise PinRefused(N_("No supervisor has this PIN."))

    def current_shift(self) -> ShiftInfo | None:
        with Session(self.engine) as session:
            row = session.exec(
                select(Shift)
                .where(col(Shift.station_id) == self.station.id, col(Shift.closed_at).is_(None))
                .order_by(col(Shift.opened_at).desc())
            ).first()
            return ShiftInfo(row.id, row.operator_id, row.opened_at) if row else None

    def last_handover(self) -> str:
        shifts = _optional("checkpoint_desk.services.shifts")
        if shifts is not None:
            note = shifts.last_handover(self.engine)
            if note is None or not note.note:
                return ""
            return f"{note.note}\n— {note.by}, {to_local(note.at):%Y-%m-%d %H:%M}"
        with Session(self.engine) as session:
            row = session.exec(
                select(Shift)
                .where(col(Shift.station_id) == self.station.id, col(Shift.closed_at).isnot(None))
                .order_by(col(Shift.closed_at).desc())
            ).first()
            return row.handover_note if row else ""

    def open_shift(self, operator_id: uuid.UUID) -> ShiftInfo:
        shifts = _optional("checkpoint_desk.services.shifts")
        if shifts is not None:
            # A new volunteer taking the desk closes a shift left open (audited).
            made: Any = shifts.open_shift(
                self.engine, self.station.id, operator_id, clock=self.clock, takeover=True
            )
            return ShiftInfo(made.id, made.operator_id, made.opened_at)
        current = self.current_shift()
        if current is not None and current.operator_id == operator_id:
            return current  # the same volunteer back at the desk (restart, unlock)
        if current is not None:
            self._close(current.id, "", 0)  # interim takeover of a shift left open
        now = self.clock()
        with Session(self.engine) as session:
            row = Shift(
                station_id=self.station.id, operator_id=operator_id, opened_at=now, updated_at=now
            )
            session.add(row)
            audit.record(
                session,
                "shift.open",
                {"shift_id": str(row.id)},
                station_id=self.station.id,
                operator_id=operator_id,
                clock=self.clock,
            )
            session.commit()
            return ShiftInfo(row.id, row.operator_id, row.opened_at)

    def shift_counts(self, shift_id: uuid.UUID) -> tuple[int, int, int]:
        """In, out and stopped visits of one shift."""
        with Session(self.engine) as session:
            base = select(func.count()).select_from(Visit).where(col(Visit.shift_id) == shift_id)
            entered = session.exec(base.where(col(Visit.direction) == "in")).one()
            left = session.exec(base.where(col(Visit.direction) == "out")).one()
            stopped = session.exec(base.where(col(Visit.verdict) == "stop")).one()
        return int(entered), int(left), int(stopped)

    def close_shift(self, shift_id: uuid.UUID, note: str, unsynced: int) -> ShiftReport:
        """Close the shift with a handover note, back up, and write the shift's ledger."""
        report = self._close(shift_id, note, unsynced)
        return replace(report, ledger=self._export(shift_id))

    def _export(self, shift_id: uuid.UUID) -> str | None:
        """The shift ledger's files (or why there are none), for the volunteer to read."""
        with Session(self.engine) as session:
            row = session.get(Shift, shift_id)
            operator_id = row.operator_id if row else None
        try:
            results = export_shift_on_close(
                self.engine,
                self.data_dir,
                shift_id,
                operator_id=operator_id,
                lang=current_language(),
                clock=self.clock,
            )
        except CheckpointError as exc:
            return exc.translated()
        return ", ".join(str(result.path) for result in results) or None

    def _close(self, shift_id: uuid.UUID, note: str, unsynced: int) -> ShiftReport:
        shifts = _optional("checkpoint_desk.services.shifts")
        if shifts is not None:
            summary: Any = shifts.close_shift(
                self.engine, shift_id, note, clock=self.clock, backup_dir=self.data_dir.backups
            )
            ledger = getattr(summary, "ledger_path", None)
            return ShiftReport(
                entered=int(summary.count_in),
                left=int(summary.count_out),
                stopped=int(summary.stopped),
                unsynced=int(summary.unsynced),
                backup=str(summary.backup_path) if summary.backup_path else None,
                ledger=str(ledger) if ledger else None,
            )
        entered, left, stopped = self.shift_counts(shift_id)
        now = self.clock()
        with Session(self.engine) as session:
            row = session.get(Shift, shift_id)
            if row is not None:
                row.closed_at = now
                row.handover_note = note
                row.revision += 1
                row.updated_at = now
                session.add(row)
                audit.record(
                    session,
                    "shift.close",
                    {"shift_id": str(shift_id)},
                    station_id=self.station.id,
                    operator_id=row.operator_id,
                    clock=self.clock,
                )
                session.commit()
        return ShiftReport(entered, left, stopped, unsynced, self._backup(now), None)

    def _backup(self, now: Any) -> str | None:
        """interim: SQLite backup API into backups/ (services will own this)."""
        import sqlite3

        self.data_dir.backups.mkdir(parents=True, exist_ok=True)
        target = self.data_dir.backups / f"checkpoint-{now:%Y%m%d-%H%M%S}.db"
        source = sqlite3.connect(self.data_dir.database)
        try:
            dest = sqlite3.connect(target)
            with dest:
                source.backup(dest)
            dest.close()
        finally:
            source.close()
        return str(target)

    def record_settings_change(self, supervisor_id: uuid.UUID, changed: dict[str, Any]) -> None:
        """Audit a supervisor's change of settings."""
        with Session(self.engine) as session:
            audit.record(
                session,
                "settings.change",
                {"changed": {k: str(v) for k, v in changed.items()}},
                station_id=self.station.id,
                operator_id=supervisor_id,
                clock=self.clock,
            )
            session.commit()
