"""Operators and shifts as the desk uses them (over ``services.operators``/``shifts``).

Plain Python, no Qt.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from checkpoint_desk.clock import Clock, to_local, utc_now
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_, current_language
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services import audit, operators, roles, shifts
from checkpoint_desk.services.roles import SupervisorApproval
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import Shift, Station, Visit
from checkpoint_desk.ui.desk_backend import OperatorInfo, PinRefused, ShiftInfo, ShiftReport


def _shift_info(row: Shift) -> ShiftInfo:
    return ShiftInfo(row.id, row.operator_id, row.opened_at)


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
        return [OperatorInfo(r.id, r.name, r.role) for r in operators.list_operators(self.engine)]

    def create_operator(self, name: str, pin: str, role: str = "volunteer") -> OperatorInfo:
        made = operators.create_operator(
            self.engine, self.station.id, name, role, pin, clock=self.clock
        )
        return OperatorInfo(made.id, made.name, made.role)

    def verify_pin(
        self, operator_id: uuid.UUID, pin: str, *, action: str = "sign_in"
    ) -> OperatorInfo:
        """The operator when ``pin`` is theirs; PinRefused (or PinLockedError) otherwise."""
        try:
            found = operators.verify_pin(
                self.engine, operator_id, pin, clock=self.clock, action=action
            )
        except operators.PinLockedError:
            raise
        except operators.PinError as exc:
            raise PinRefused(N_("Wrong PIN, try again.")) from exc
        return OperatorInfo(found.id, found.name, found.role)

    def approve_supervisor(self, pin: str) -> SupervisorApproval:
        """A supervisor's approval (``services.roles``) for the supervisor whose PIN this is."""
        return roles.approve_by_pin(self.engine, pin, clock=self.clock)

    def change_settings(
        self, settings: Settings, changes: dict[str, Any], approval: SupervisorApproval
    ) -> dict[str, Any]:
        """Save ``changes`` as the approving supervisor (audited ``settings_change``)."""
        return roles.change_settings(
            self.engine, settings, changes, approval=approval, clock=self.clock
        )

    def current_shift(self) -> ShiftInfo | None:
        row = shifts.current_shift(self.engine)
        return _shift_info(row) if row is not None else None

    def last_handover(self) -> str:
        note = shifts.last_handover(self.engine)
        if note is None or not note.note:
            return ""
        return f"{note.note}\n— {note.by}, {to_local(note.at):%Y-%m-%d %H:%M}"

    def open_shift(self, operator_id: uuid.UUID) -> ShiftInfo:
        """Open (or, for the same volunteer, resume) a shift. A new volunteer taking the
        desk closes a shift left open; the service audits that takeover."""
        row = shifts.open_shift(
            self.engine, self.station.id, operator_id, clock=self.clock, takeover=True
        )
        return _shift_info(row)

    def shift_counts(self, shift_id: uuid.UUID) -> tuple[int, int, int]:
        """In, out and stopped visits of one shift."""
        query = select(
            func.count().filter(col(Visit.direction) == "in"),
            func.count().filter(col(Visit.direction) == "out"),
            func.count().filter(col(Visit.verdict) == "stop"),
        ).where(col(Visit.shift_id) == shift_id)
        with Session(self.engine) as session:
            entered, left, stopped = session.execute(query).one()
        return int(entered or 0), int(left or 0), int(stopped or 0)

    def close_shift(self, shift_id: uuid.UUID, note: str) -> ShiftReport:
        """Close the shift with a handover note, back up, and write the shift's ledger."""
        summary = shifts.close_shift(
            self.engine,
            shift_id,
            note,
            clock=self.clock,
            backup_dir=self.data_dir.backups,
            retention_days=int(Settings.load(self.data_dir.settings_file)["retention_days"]),
        )
        return ShiftReport(
            entered=summary.count_in,
            left=summary.count_out,
            stopped=summary.stopped,
            unsynced=summary.unsynced,
            backup=str(summary.backup_path) if summary.backup_path else None,
            ledger=self._export(shift_id, summary.shift.operator_id),
            purged=summary.purge.purged if summary.purge else 0,
            held_back=summary.purge.held_back if summary.purge else 0,
        )

    def _export(self, shift_id: uuid.UUID, operator_id: uuid.UUID) -> str | None:
        """The shift ledger's files (or why there are none), for the volunteer to read."""
        from checkpoint_desk.services.ledger import export_shift_on_close  # reportlab: slow

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

    def record_settings_change(self, supervisor_id: uuid.UUID, changed: dict[str, Any]) -> None:
        """Audit a supervisor's change of settings."""
        with Session(self.engine) as session:
            audit.record(
                session,
                "settings_change",
                {"changed": {k: str(v) for k, v in changed.items()}},
                station_id=self.station.id,
                operator_id=supervisor_id,
                clock=self.clock,
            )
            session.commit()
