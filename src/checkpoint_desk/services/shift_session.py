"""Operators and shifts as the desk uses them (over ``services.operators``/``shifts``).

Plain Python, no Qt: sign-in, supervisor approval, settings changes (audited by
``roles.change_settings``), shift open/close with the handover note and the shift ledger.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from checkpoint_desk.clock import Clock, to_local, utc_now
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_, current_language, gettext
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services import operators, roles, shifts, vehicle_entries
from checkpoint_desk.services.roles import SupervisorApproval
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import Shift, Station


@dataclass(frozen=True)
class OperatorInfo:
    id: uuid.UUID
    name: str
    role: str


@dataclass(frozen=True)
class ShiftInfo:
    id: uuid.UUID
    operator_id: uuid.UUID
    opened_at: datetime


@dataclass(frozen=True)
class ShiftReport:
    """What closing a shift tells the volunteer."""

    entered: int
    left: int
    stopped: int
    unsynced: int
    backup: str | None
    ledger: str | None
    purged: int = 0  # visits past the retention period removed (they were synced)
    held_back: int = 0  # visits past the retention period kept: not synced yet
    problems: tuple[str, ...] = ()  # what could not be done (no backup: a full disk)
    open_vehicle: str = ""  # the plate of the vehicle still open, closed with the shift
    open_vehicle_occupants: int = 0  # its occupants registered (committed visits)


CloseProgress = Callable[[int, int, str], None]
"""Told (steps done, steps in all, the step now under way) as a shift closes."""

LEDGER_FORMATS = ("xlsx", "pdf")
"""The shift ledger's files, written at close (``ledger_export.SHIFT_CLOSE_FORMATS``)."""


class PinRefused(CheckpointError):
    """Wrong PIN (or a locked operator)."""


def _shift_info(row: Shift) -> ShiftInfo:
    return ShiftInfo(row.id, row.operator_id, row.opened_at)


class ShiftSession:
    """Sign-in, shift open/close and the handover note."""

    def __init__(
        self,
        engine: Engine,
        data_dir: DataDir,
        station: Station,
        *,
        settings: Settings,
        clock: Clock = utc_now,
    ) -> None:
        """``settings``: the desk's one in-memory owner of the settings (never re-read)."""
        self.engine = engine
        self.data_dir = data_dir
        self.station = station
        self.settings = settings
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
        """In, out and stopped live visits of one shift (as the shift report counts)."""
        counts = shifts.shift_counts(self.engine, shift_id)
        return counts.entered, counts.left, counts.stopped

    def close_shift(
        self, shift_id: uuid.UUID, note: str, progress: CloseProgress | None = None
    ) -> ShiftReport:
        """Close the shift with a handover note, back up, purge, write the shift's ledger.

        A vehicle still open (``open-vehicle.json``) is closed with the shift: its
        occupants are committed visits of it; the report names it.
        Slow (a backup, two renders): the desk runs it on a worker thread. ``progress``
        hears each step (in the desk's language) before it starts. Raises when the
        close itself fails (nothing changed); what fails after it is in ``problems``.
        """
        total = 3 + len(LEDGER_FORMATS)
        done = 0

        def step(what: str, **params: str) -> None:
            nonlocal done
            if progress is not None:
                progress(done, total, gettext(what).format(**params))
            done += 1

        step(N_("Closing the shift…"))
        vehicle = vehicle_entries.unfinished(self.engine, self.data_dir)
        summary = shifts.close_shift(
            self.engine,
            shift_id,
            note,
            clock=self.clock,
            backup_dir=self.data_dir.backups,
            retention_days=self.settings.values.retention_days,
            progress=step,
        )
        if vehicle is not None:  # closed with the shift: the next operator starts afresh
            vehicle_entries.forget_open(self.data_dir)
        ledgers = []
        done = 3  # closed, backed up, purged (or skipped)
        for fmt in LEDGER_FORMATS:
            step(N_("Writing the shift ledger ({format})…"), format=fmt.upper())
            ledgers.append(self._export(shift_id, summary.shift.operator_id, fmt))
        if progress is not None:
            progress(total, total, "")
        problem = summary.backup_problem
        return ShiftReport(
            entered=summary.count_in,
            left=summary.count_out,
            stopped=summary.stopped,
            unsynced=summary.unsynced,
            backup=str(summary.backup_path) if summary.backup_path else None,
            ledger=", ".join(dict.fromkeys(path for path in ledgers if path)) or None,
            purged=summary.purge.purged if summary.purge else 0,
            held_back=summary.purge.held_back if summary.purge else 0,
            problems=(problem.translated(),) if problem else (),
            open_vehicle=vehicle.plate if vehicle else "",
            open_vehicle_occupants=len(vehicle.occupants) if vehicle else 0,
        )

    def _export(self, shift_id: uuid.UUID, operator_id: uuid.UUID, fmt: str) -> str | None:
        """The shift ledger's files (or why there are none), for the volunteer to read."""
        from checkpoint_desk.services.ledger_export import export_shift_on_close  # reportlab: slow

        try:
            results = export_shift_on_close(
                self.engine,
                self.data_dir,
                shift_id,
                operator_id=operator_id,
                formats=(fmt,),
                lang=current_language(),
                clock=self.clock,
                settings=self.settings,
            )
        except CheckpointError as exc:
            return exc.translated()
        return ", ".join(str(result.path) for result in results) or None
