"""The evacuation roll call (点名表): who is inside now, as CSV or a printable PDF.

Masked like a ledger (names, masked ID numbers and phones, since when), written
atomically into the export folder, and an audit entry ``roll_call_export``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.clock import Clock, to_local, utc_now
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.export.atomic import write_file_atomic
from checkpoint_desk.export.pdf_font import find_report_font
from checkpoint_desk.export.people_list import PeopleList, render_list_csv, render_list_pdf
from checkpoint_desk.i18n import N_, current_language, gettext
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.inside import InsidePerson
from checkpoint_desk.services.ledger_export import safe_name
from checkpoint_desk.services.station import this_station

ROLL_CALL_FORMATS = ("csv", "pdf")


def roll_call(
    people: Sequence[InsidePerson], *, station: str, lang: str, clock: Clock = utc_now
) -> PeopleList:
    """The roll call's title, lines and table in ``lang``."""
    now = to_local(clock())
    return PeopleList(
        title=gettext(N_("Evacuation roll call"), lang) + f" · {station}",
        lines=(
            gettext(N_("Inside now: {count}"), lang).format(count=len(people)),
            gettext(N_("As of {time}"), lang).format(time=now.strftime("%Y-%m-%d %H:%M")),
        ),
        head=tuple(
            gettext(h, lang)
            for h in (N_("No."), N_("Name"), N_("ID number"), N_("Phone"), N_("Since"))
        ),
        rows=tuple(
            (
                str(i),
                p.name,
                p.id_masked,
                p.phone_masked,
                to_local(p.since).strftime("%m-%d %H:%M"),
            )
            for i, p in enumerate(people, start=1)
        ),
        tick=gettext(N_("Present"), lang),
    )


def write_roll_call(
    engine: Engine,
    people: Sequence[InsidePerson],
    *,
    fmt: str,
    out_dir: Path,
    lang: str | None = None,
    clock: Clock = utc_now,
) -> Path:
    """Write the roll call of ``people`` into ``out_dir``; returns the file's path.

    Raises ExportFolderError for a missing, read-only or full folder (nothing left).
    """
    if fmt not in ROLL_CALL_FORMATS:
        raise ValidationError(
            "roll_call_format", N_("Unknown format {format}: choose csv or pdf."), format=fmt
        )
    station = this_station(engine)
    listed = roll_call(people, station=station.name, lang=lang or current_language(), clock=clock)
    data = render_list_csv(listed) if fmt == "csv" else render_list_pdf(listed, find_report_font())
    stamp = to_local(clock()).strftime("%Y-%m-%d-%H%M")
    target = out_dir / f"{safe_name(station.name)}-roll-call-{stamp}.{fmt}"
    with Session(engine) as session:
        record(
            session,
            "roll_call_export",
            {"file": str(target), "format": fmt, "people": len(people)},
            station_id=station.id,
            clock=clock,
        )
        write_file_atomic(target, data)
        session.commit()
    return target
