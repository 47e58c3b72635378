"""The combined ledger of every station for a day, written with the desk's ledger code.

The rows are the hub's visits turned into the same ``LedgerRow`` the desk's export
makes (``checkpoint_desk.export``), so the CSV and XLSX look the same; the
"Registered by" column names the station too (``西门卡点 · 王芳``), since the combined
ledger mixes stations. A manifest (unsigned: the hub has no key) is written beside it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from checkpoint_desk.clock import Clock, day_bounds, utc_now
from checkpoint_desk.domain.screening import DEFAULT_FEVER_THRESHOLD_C, DEFAULT_NAT_VALIDITY_DAYS
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.export.atomic import write_file_atomic
from checkpoint_desk.export.csv_ledger import render_csv
from checkpoint_desk.export.ledger_rows import (
    Ledger,
    ledger_rows_of,  # visits → LedgerRows (vehicles grouped); shared with the desk export
    summarise,
)
from checkpoint_desk.export.manifest import Manifest, manifest_path
from checkpoint_desk.export.wording import Wording
from checkpoint_desk.export.xlsx_ledger import render_xlsx
from checkpoint_desk.hub.tables import operator, shift, station, visit
from checkpoint_desk.i18n import N_, gettext

HUB_FORMATS = ("csv", "xlsx")
ALL_STATIONS_ID = uuid.UUID(int=0)


@dataclass(frozen=True)
class HubExport:
    path: Path
    manifest_path: Path
    rows: int


def _query(engine: Engine, day: date, owner_id: uuid.UUID | None = None) -> list[Any]:
    start, end = day_bounds(day)
    who = sa.func.coalesce(station.c.name, "?")
    query = (
        sa.select(
            visit.c.vehicle_entry,
            visit.c.at,
            visit.c.direction,
            visit.c.temperature_c,
            visit.c.retest_temperature_c,
            visit.c.health_code,
            visit.c.travel_risk,
            visit.c.nat_result,
            visit.c.nat_at,
            visit.c.vaccine_doses,
            visit.c.vaccine_last,
            visit.c.purpose,
            visit.c.destination,
            visit.c.household,
            visit.c.passengers,
            visit.c.verdict,
            visit.c.reasons,
            visit.c.disposition,
            visit.c.note,
            visit.c.name,
            visit.c.id_number,
            visit.c.phone,
            visit.c.plate,
            who.label("station"),
            operator.c.name.label("operator"),
        )
        .select_from(
            visit.outerjoin(station, station.c.id == visit.c.owner_id)
            .outerjoin(shift, shift.c.id == visit.c.shift_id)
            .outerjoin(operator, operator.c.id == shift.c.operator_id)
        )
        .where(visit.c.at >= start, visit.c.at < end, visit.c.deleted_at.is_(None))
        .order_by(visit.c.at, visit.c.id)
    )
    if owner_id is not None:  # one station's ledger (the office's ledgers page)
        query = query.where(visit.c.owner_id == owner_id)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [(r[0], (*r[1:-2], f"{r[-2]} · {r[-1]}" if r[-1] else r[-2])) for r in rows]


def build_hub_ledger(
    engine: Engine,
    day: date,
    *,
    lang: str,
    unmasked: bool = False,
    clock: Clock = utc_now,
    only: tuple[uuid.UUID, str] | None = None,
) -> Ledger:
    """The day's ledger of every station, or ``only`` one (its hub id and name)."""
    words = Wording(lang, DEFAULT_FEVER_THRESHOLD_C, DEFAULT_NAT_VALIDITY_DAYS)
    rows = ledger_rows_of(_query(engine, day, only[0] if only else None), words, unmasked)
    return Ledger(
        station=only[1] if only else gettext(N_("All stations"), lang),
        station_id=only[0] if only else ALL_STATIONS_ID,
        community="",
        day=day,
        shift=None,
        operators=tuple(dict.fromkeys(r.operator for r in rows if r.operator)),
        rows=rows,
        summary=summarise(rows, words),
        lang=lang,
        unmasked=unmasked,
        fever_threshold_c=DEFAULT_FEVER_THRESHOLD_C,
        generated_at=clock().astimezone(UTC),
    )


def export_hub_day(
    engine: Engine,
    day: date,
    fmt: str,
    out_dir: Path,
    *,
    lang: str,
    unmasked: bool = False,
    clock: Clock = utc_now,
) -> HubExport:
    """Write the combined ledger of ``day`` as ``hub-ledger-DAY.FMT`` in ``out_dir``."""
    if fmt not in HUB_FORMATS:
        raise ValidationError(
            "export_format", N_("The hub exports csv or xlsx, not {format}."), format=fmt
        )
    ledger = build_hub_ledger(engine, day, lang=lang, unmasked=unmasked, clock=clock)
    data = render_csv(ledger) if fmt == "csv" else render_xlsx(ledger)
    suffix = "-unmasked" if unmasked else ""
    target = out_dir / f"hub-ledger-{day.isoformat()}{suffix}.{fmt}"
    out_dir.mkdir(parents=True, exist_ok=True)
    write_file_atomic(target, data)
    manifest = Manifest.for_export(ledger, file=target.name, fmt=fmt, data=data)
    mpath = manifest_path(target)
    write_file_atomic(mpath, manifest.to_bytes())
    return HubExport(target, mpath, len(ledger.rows))
