"""``import-visits``: the paper ledger typed in after an outage (DESIGN §9).

Each row is checked with the same rules as the form and committed on its own, so a
crash loses at most the row being written, and a bad row does not stop the rest.
A row whose person already has an imported visit at that exact time and direction
is reported as a duplicate (with the existing visit's UUID), so running the same
file again after an interruption does not register anything twice.

A ``vehicle_entry`` column groups rows into vehicles: any label (``car 1``, ``鲁H12345``),
one vehicle entry per label per file. The label is not stored: each gets a fresh id,
or, running the file again, the id its rows already imported have.

A ``household`` column is the form's household field (the household rule, 一户一天N人):
checked and normalised the same way, and the rule counts the imported exits of that
household on their own day, in file order, with the desk's own.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from checkpoint_desk.clock import Clock, as_utc, utc_now
from checkpoint_desk.domain.bounds import check_moment
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.domain.vehicle_entry import new_entry_id
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.services.drafts import VisitDraft, clean_draft
from checkpoint_desk.services.visits import register_visit
from checkpoint_desk.store.models import Person, Visit
from checkpoint_desk.store.person_secrets import id_is, phone_is
from checkpoint_desk.store.vault import vault_of

FIELDS = (
    "time",
    "direction",
    "name",
    "id_number",
    "phone",
    "plate",
    "passengers",
    "temperature",
    "health_code",
    "travel_risk",
    "nat_at",
    "purpose",
    "destination",
    "note",
    "vehicle_entry",
    "household",
)
_TRUE = {"1", "true", "yes", "y", "是", "有"}
_FALSE = {"0", "false", "no", "n", "否", "无", ""}


class ImportFileError(CheckpointError):
    """The file as a whole cannot be imported (unreadable, unknown columns)."""

    exit_code = 2


@dataclass(frozen=True)
class ImportOutcome:
    """One input row's result: ``visit_id`` when taken, ``error`` when refused."""

    line: int
    visit_id: uuid.UUID | None = None
    verdict: str | None = None
    reasons: tuple[str, ...] = ()
    duplicate: bool = False
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        if self.error is not None:
            return {"line": self.line, "error": self.error}
        out: dict[str, Any] = {
            "line": self.line,
            "uuid": str(self.visit_id),
            "verdict": self.verdict,
            "reasons": list(self.reasons),
        }
        if self.duplicate:
            out["duplicate"] = True
        return out


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | ValidationError]]:
    """``(line, row)`` for each record; ``row`` is the error for an unreadable line."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl", ".ndjson"):
        raise ImportFileError(N_("Import a .csv or a .jsonl file."))
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ImportFileError(
            N_("Cannot read {path}: {reason}"), path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    with handle:
        try:
            if suffix == ".csv":
                yield from _csv_rows(handle)
            else:
                yield from _jsonl_rows(handle)
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                N_("{path} is not UTF-8 text: save it as UTF-8 and try again."), path=str(path)
            ) from exc


def _csv_rows(handle: Any) -> Iterator[tuple[int, dict[str, Any] | ValidationError]]:
    reader = csv.DictReader(handle)
    header = [h.strip() for h in reader.fieldnames or []]
    unknown = [h for h in header if h not in FIELDS]
    if unknown:
        raise ImportFileError(
            N_("Unknown columns: {columns}. Allowed: {allowed}."),
            columns=", ".join(unknown),
            allowed=", ".join(FIELDS),
        )
    reader.fieldnames = header
    start = reader.line_num + 1
    for row in reader:
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            start = reader.line_num + 1
            continue
        if None in row:
            yield start, ValidationError("row_shape", N_("More values than columns."))
        else:
            yield start, dict(row)
        start = reader.line_num + 1


def _jsonl_rows(handle: Any) -> Iterator[tuple[int, dict[str, Any] | ValidationError]]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            yield number, ValidationError("row_shape", N_("Not a JSON object."))
            continue
        if not isinstance(row, dict):
            yield number, ValidationError("row_shape", N_("Not a JSON object."))
            continue
        unknown = [k for k in row if k not in FIELDS]
        if unknown:
            yield (
                number,
                ValidationError(
                    "row_fields",
                    N_("Unknown fields: {fields}."),
                    fields=", ".join(map(str, unknown)),
                ),
            )
            continue
        yield number, row


def draft_from_row(row: dict[str, Any]) -> VisitDraft:
    """A draft from one row; raises ValidationError for a value of the wrong shape."""
    at = _time(row.get("time"))
    health = _text(row.get("health_code")).lower() or "unknown"
    return VisitDraft(
        direction=_text(row.get("direction")).lower() or "in",
        name=_text(row.get("name")),
        id_number=_text(row.get("id_number")),
        phone=_text(row.get("phone")),
        plate=_text(row.get("plate")),
        passengers=_int(row.get("passengers")),
        temperature=_text(row.get("temperature")),
        health_code=health,
        travel_risk=_bool(row.get("travel_risk")),
        nat_at=_nat_at(row.get("nat_at")),
        purpose=_text(row.get("purpose")),
        destination=_text(row.get("destination")),
        household=_text(row.get("household")),
        note=_text(row.get("note")),
        source="import",
        at=at,
    )


def import_visits(
    engine: Engine,
    path: Path,
    *,
    station_id: uuid.UUID,
    rules: ScreeningRules,
    clock: Clock = utc_now,
) -> Iterator[ImportOutcome]:
    """Import ``path`` row by row; each outcome is yielded after its row is durable."""
    entries: dict[str, str] = {}  # the file's vehicle labels → their entry ids
    for line, row in read_rows(path):
        if isinstance(row, ValidationError):
            yield ImportOutcome(line, error=row.translated())
            continue
        try:
            draft = draft_from_row(row)
            label = _text(row.get("vehicle_entry"))
            existing = _already_imported(engine, draft)
            if label and existing is not None and existing.vehicle_entry:
                entries.setdefault(label, existing.vehicle_entry)
            if label:
                draft.vehicle_entry = entries.setdefault(label, new_entry_id())
            if existing is not None:
                yield ImportOutcome(
                    line,
                    existing.id,
                    existing.verdict,
                    tuple(existing.reasons or ()),
                    duplicate=True,
                )
                continue
            done = register_visit(
                engine, draft, station_id=station_id, shift_id=None, rules=rules, clock=clock
            )
        except ValidationError as exc:
            yield ImportOutcome(line, error=exc.translated())
            continue
        yield ImportOutcome(
            line, done.visit_id, done.verdict.decision.value, tuple(done.verdict.reason_codes)
        )


def _already_imported(engine: Engine, draft: VisitDraft) -> Visit | None:
    clean = clean_draft(draft)
    assert draft.at is not None
    vault = vault_of(engine)
    with Session(engine) as session:
        person: Person | None = None
        if clean.id_number:
            person = session.exec(select(Person).where(id_is(vault, clean.id_number))).first()
        elif clean.phone and clean.name:
            person = session.exec(
                select(Person).where(phone_is(vault, clean.phone), Person.name == clean.name)
            ).first()
        if person is None:
            return None
        return session.exec(
            select(Visit).where(
                Visit.person_id == person.id,
                Visit.at == as_utc(draft.at),
                Visit.direction == draft.direction,
                Visit.source == "import",
            )
        ).first()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value).strip()


def _int(value: Any) -> int:
    text = _text(value)
    if not text:
        return 0
    try:
        return int(text)
    except ValueError as exc:
        raise ValidationError("passengers_range", N_("passengers must be a whole number.")) from exc


def _bool(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text == "":
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError("travel_risk_invalid", N_("travel_risk must be true or false."))


def _time(value: Any) -> datetime:
    text = _text(value)
    if not text:
        raise ValidationError(
            "time_missing", N_("time is missing (ISO 8601, e.g. 2026-11-28T08:30).")
        )
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValidationError(
            "time_format", N_("time {value} is not ISO 8601 (2026-11-28T08:30)."), value=text
        ) from exc
    return check_moment(parsed, "time")  # no offset: local time


def _nat_at(value: Any) -> datetime | None:
    text = _text(value)
    if not text:
        return None
    try:
        if len(text) == 10:
            parsed = datetime.combine(date.fromisoformat(text), time(0))
        else:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValidationError(
            "nat_at_format", N_("nat_at {value} is not a date (2026-11-27)."), value=text
        ) from exc
    return check_moment(parsed, "nat_at")
