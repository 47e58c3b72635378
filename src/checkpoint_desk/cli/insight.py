"""``inside``, ``trace`` and ``stats``: who is inside, who was here with whom, the lane.

``inside`` and ``trace`` print one JSON object per person (per line) with ``--json``,
else a plain table; ``stats`` prints one JSON object for the day. ``trace`` is a
supervisor's act (``--supervisor NAME``, PIN from ``$CHECKPOINT_DESK_PIN`` or a
prompt) and an audit entry. ``inside --format`` writes the evacuation roll call,
``trace --format`` the contacts, into ``--out`` (default: the export folder).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.clock import to_local, utc_now
from checkpoint_desk.command_line import optional_day as _day
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_, gettext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    inside = sub.add_parser(
        "inside",
        parents=[common],
        help="who is inside now (last registration here is an entry); the roll call",
        description="checkpoint-desk inside [--json] [--format csv|pdf [--out DIR]]",
    )
    inside.add_argument(
        "--format", choices=("csv", "pdf"), dest="fmt", help="write the roll call as a file"
    )
    inside.add_argument("--out", metavar="DIR", help="folder (default: the export folder)")
    inside.set_defaults(func=run_inside)

    trace = sub.add_parser(
        "trace",
        parents=[common],
        help="who was here with a person (±window around each visit); supervisor, audited",
        description=(
            "checkpoint-desk trace (--id ID | --phone P) [--from DATE --to DATE] "
            "[--window MIN] [--json] [--format csv|xlsx --out DIR] --supervisor NAME"
        ),
    )
    who = trace.add_mutually_exclusive_group()
    who.add_argument("--id", metavar="ID", dest="id_number", help="the person's ID number")
    who.add_argument("--phone", metavar="P", help="the person's phone")
    trace.add_argument("--from", metavar="YYYY-MM-DD", dest="first", help="first day")
    trace.add_argument("--to", metavar="YYYY-MM-DD", dest="last", help="last day (default today)")
    trace.add_argument(
        "--window", type=int, default=30, metavar="MIN", help="minutes each side (default 30)"
    )
    trace.add_argument("--format", choices=("csv", "xlsx"), dest="fmt", help="write a file")
    trace.add_argument("--out", metavar="DIR", help="folder (default: the export folder)")
    trace.add_argument(
        "--supervisor", metavar="NAME", help="the supervisor asking (PIN: $CHECKPOINT_DESK_PIN)"
    )
    trace.set_defaults(func=run_trace)

    stats = sub.add_parser(
        "stats",
        parents=[common],
        help="a day's lane: visits, median and p90 seconds per visitor, stops",
        description="checkpoint-desk stats --day YYYY-MM-DD [--json]",
    )
    stats.add_argument("--day", metavar="YYYY-MM-DD", help="local day (default today)")
    stats.set_defaults(func=run_stats)


def _stamp(moment: Any) -> str:
    return str(to_local(moment).strftime("%Y-%m-%d %H:%M"))


def _table(head: list[str], rows: list[list[str]]) -> str:
    """Columns padded to their widest cell (a CJK character counts two)."""
    from checkpoint_desk.export.xlsx_ledger import text_width

    widths = [max(text_width(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [
        "  ".join(cell + " " * (w - text_width(cell)) for cell, w in zip(r, widths, strict=True))
        for r in [head, *rows]
    ]
    return "\n".join(line.rstrip() for line in lines)


def _folder(ctx: CommandContext, out: str | None) -> Path:
    from checkpoint_desk.services.ledger_export import export_folder

    return Path(out).expanduser() if out else export_folder(ctx.data_dir, ctx.settings())


def run_inside(args: argparse.Namespace) -> int:
    from checkpoint_desk.services.inside import inside_now
    from checkpoint_desk.services.roll_call import write_roll_call
    from checkpoint_desk.services.station import this_station

    with CommandContext.from_args(args) as ctx:
        engine = ctx.engine()
        station = this_station(engine)
        people = inside_now(engine, station.id)
        written = (
            write_roll_call(engine, people, fmt=args.fmt, out_dir=_folder(ctx, args.out))
            if args.fmt
            else None
        )
    if ctx.json:
        for person in people:
            ctx.emit(person.as_json())
    else:
        head = [gettext("Name"), gettext("ID number"), gettext("Since"), gettext("Station")]
        rows = [[p.name or "—", p.id_masked or p.phone_masked, _stamp(p.since), p.station]
                for p in people]  # fmt: skip
        text = gettext("Inside now: {count}").format(count=len(people))
        ctx.emit(None, text + ("\n" + _table(head, rows) if rows else ""))
    if written is not None:
        note = gettext("Roll call written to {path}").format(path=written)
        print(f"checkpoint-desk: {note}", file=sys.stderr)
    return 0


def run_trace(args: argparse.Namespace) -> int:
    from checkpoint_desk.services.trace import trace_contacts, write_contacts

    if args.id_number is None and args.phone is None:
        raise ValidationError("trace_who", N_("Say whose contacts: --id ID or --phone P."))
    first, last = _day(args.first), _day(args.last)
    with CommandContext.from_args(args) as ctx:
        approval = ctx.approval("trace")
        engine = ctx.engine()
        trace = trace_contacts(
            engine,
            id_number=args.id_number,
            phone=args.phone,
            first_day=first,
            last_day=last,
            window_min=args.window,
            approval=approval,
            clock=utc_now,
        )
        written = (
            write_contacts(
                engine, trace, fmt=args.fmt, out_dir=_folder(ctx, args.out), approval=approval
            )
            if args.fmt
            else None
        )
    if ctx.json:
        for contact in trace.contacts:
            ctx.emit(contact.as_json())
    else:
        head = [
            gettext("Name"),
            gettext("ID number"),
            gettext("Phone"),
            gettext("Time"),
            gettext("Station"),
            gettext("Near their visit at"),
        ]
        rows = [
            [c.name or "—", c.id_masked, c.phone_masked, _stamp(c.at), c.station,
             _stamp(c.overlap_with)]
            for c in trace.contacts
        ]  # fmt: skip
        text = gettext(
            "{asked}: {visits} visits from {first} to {last}, {count} people within "
            "±{window} minutes."
        ).format(
            asked=trace.asked,
            visits=len(trace.visits),
            first=trace.first_day,
            last=trace.last_day,
            count=len(trace.contacts),
            window=trace.window_min,
        )
        ctx.emit(None, text + ("\n" + _table(head, rows) if rows else ""))
    if written is not None:
        note = gettext("Contacts written to {path}").format(path=written)
        print(f"checkpoint-desk: {note}", file=sys.stderr)
    return 0


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def run_stats(args: argparse.Namespace) -> int:
    from checkpoint_desk.services.lane_stats import lane_stats
    from checkpoint_desk.services.station import this_station

    day = _day(args.day) or to_local(utc_now()).date()
    with CommandContext.from_args(args) as ctx:
        engine = ctx.engine()
        stats = lane_stats(engine, day, this_station(engine).id)
    head = [
        "",
        gettext("Visitors"),
        gettext("Median s"),
        gettext("p90 s"),
        gettext("Stops"),
    ]

    def line(label: str, row: Any) -> list[str]:
        return [label, str(row.visits), _seconds(row.median_s), _seconds(row.p90_s), str(row.stops)]

    hours = [line(f"{r.hour:02d}:00", r) for r in stats.hours]
    people = [line(r.operator or "—", r) for r in stats.operators]
    text = "\n\n".join(
        [
            gettext("Lane on {day}").format(day=day.isoformat()),
            _table([gettext("Hour"), *head[1:]], hours or [line("—", stats.total)]),
            _table([gettext("Operator"), *head[1:]], people or [line("—", stats.total)]),
            _table([gettext("Day"), *head[1:]], [line(day.isoformat(), stats.total)]),
        ]
    )
    ctx.emit(stats.as_json(), text)
    return 0
