"""``checkpoint-hub inside | trace | stats``: the office's questions at the command line.

Times are printed in the hub's local time (ISO 8601 with the offset in JSON); ID
numbers and phones are masked. ``trace`` is an office user's act on a person: it is
an entry in the hub's own audit trail (``office_audit.py``) with the person's masked
number, never the whole one.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from checkpoint_desk.clock import day_bounds, to_local, utc_now
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_, gettext

MAX_WINDOW_MINUTES = 24 * 60
DEFAULT_TRACE_DAYS = 14


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    inside = sub.add_parser("inside", parents=[common], help="who is inside now, all stations")
    inside.add_argument("--community", default=None, help="only stations of this community")
    inside.set_defaults(func=run_inside)

    trace = sub.add_parser(
        "trace", parents=[common], help="who was at the same station as a person (audited)"
    )
    who = trace.add_mutually_exclusive_group(required=True)
    who.add_argument("--id", dest="id_number", metavar="ID", help="the person's ID number")
    who.add_argument("--phone", metavar="P", help="the person's phone number")
    trace.add_argument("--from", dest="start", metavar="YYYY-MM-DD", default=None)
    trace.add_argument("--to", dest="end", metavar="YYYY-MM-DD", default=None)
    trace.add_argument("--window", type=int, default=30, metavar="MIN", help="± minutes (30)")
    trace.add_argument("--format", choices=("csv", "xlsx"), default=None)
    trace.add_argument("--out", default=None, metavar="DIR")
    trace.set_defaults(func=run_trace)

    stats = sub.add_parser("stats", parents=[common], help="per station and hour: lane speed")
    stats.add_argument("--day", required=True, metavar="YYYY-MM-DD")
    stats.set_defaults(func=run_stats)


def _time(value: datetime) -> str:
    return to_local(value).isoformat(timespec="seconds")


def _clock(value: datetime) -> str:
    return to_local(value).strftime("%m-%d %H:%M")


def run_inside(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.cli import HubContext
    from checkpoint_desk.hub.insight import inside_now

    with HubContext(args) as ctx:
        people = inside_now(ctx.engine(), community=args.community)
    # Tens of thousands at a big hub: each time made local once, and only the form asked
    # for is built (``since`` is aware UTC, so ``astimezone()`` is ``to_local``).
    if ctx.json:
        ctx.emit(
            [
                {
                    "name": p.name,
                    "id_masked": p.id_masked,
                    "since": p.since.astimezone().isoformat(timespec="seconds"),
                    "station": p.station,
                }
                for p in people
            ]
        )
        return 0
    lines = [gettext(N_("Inside now: {count}")).format(count=len(people))]
    lines += [
        f"{p.since.astimezone():%m-%d %H:%M}\t{p.station}\t{p.name}\t{p.id_masked or '-'}"
        for p in people
    ]
    ctx.emit(None, "\n".join(lines))
    return 0


def _day(text: str | None, default: date) -> date:
    from checkpoint_desk.clock import parse_day

    return default if text is None else parse_day(text)


def trace_range(args: argparse.Namespace, today: date) -> tuple[datetime, datetime]:
    """``--from``/``--to`` (local days, both included; the last 14 days by default)."""
    end_day = _day(args.end, today)
    start_day = _day(args.start, end_day - timedelta(days=DEFAULT_TRACE_DAYS - 1))
    if start_day > end_day:
        raise ValidationError(
            "trace_range",
            N_("--from {start} is after --to {end}."),
            start=start_day.isoformat(),
            end=end_day.isoformat(),
        )
    return day_bounds(start_day)[0], day_bounds(end_day)[1]


def run_trace(args: argparse.Namespace) -> int:
    from checkpoint_desk.domain.idnumber import normalise_id_text
    from checkpoint_desk.domain.masking import mask_id_number, mask_phone
    from checkpoint_desk.hub.cli import HubContext, office_record
    from checkpoint_desk.hub.insight import trace
    from checkpoint_desk.hub.person_keys import community_key, key_for_id_number, key_for_phone

    if not 1 <= args.window <= MAX_WINDOW_MINUTES:
        raise ValidationError(
            "trace_window",
            N_("--window is minutes from 1 to {most}."),
            most=MAX_WINDOW_MINUTES,
        )
    if args.out and not args.format:
        raise ValidationError("trace_format", N_("--out needs --format csv or xlsx."))
    now = utc_now()
    start, end = trace_range(args, to_local(now).date())
    with HubContext(args) as ctx:
        key = community_key(ctx.engine())
        if args.id_number is not None:
            person = key_for_id_number(key, args.id_number)
            named = {"id_masked": mask_id_number(normalise_id_text(args.id_number))}
        else:
            person = key_for_phone(key, args.phone)
            named = {"phone_masked": mask_phone("".join(c for c in args.phone if c.isdigit()))}
        contacts = trace(
            ctx.engine(), person, start=start, end=end, window=timedelta(minutes=args.window)
        )
        written = None
        if args.format:
            from checkpoint_desk.hub.database import hub_home
            from checkpoint_desk.hub.trace_export import write_trace
            from checkpoint_desk.i18n import current_language

            out_dir = Path(args.out) if args.out else hub_home() / "exports"
            written = write_trace(
                contacts, args.format, out_dir, lang=current_language(), made_at=now
            )
        detail: dict[str, Any] = {
            **named,
            "from": _time(start),
            "to": _time(end),
            "window_min": args.window,
            "contacts": len(contacts),
        }
        if written is not None:
            detail["file"] = written.name
        office_record(ctx.engine(), "trace", detail)
    payload = [
        {
            "name": c.name,
            "id_masked": c.id_masked,
            "phone_masked": c.phone_masked,
            "at": _time(c.at),
            "station": c.station,
            "overlap_with": _time(c.overlap_with),
        }
        for c in contacts
    ]
    lines = [gettext(N_("Contacts: {count}")).format(count=len(contacts))]
    lines += [
        f"{_clock(c.at)}\t{c.station}\t{c.name}\t{c.id_masked or '-'}\t{c.phone_masked or '-'}"
        for c in contacts
    ]
    if written is not None:
        lines.append(gettext(N_("Written to {path}")).format(path=written))
    ctx.emit(payload, "\n".join(lines))
    return 0


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def run_stats(args: argparse.Namespace) -> int:
    from checkpoint_desk.clock import parse_day
    from checkpoint_desk.hub.cli import HubContext
    from checkpoint_desk.hub.insight import station_stats

    day = parse_day(args.day)
    with HubContext(args) as ctx:
        hours = station_stats(ctx.engine(), day)
    payload = [
        {
            "station": h.station,
            "hour": h.hour.isoformat(timespec="minutes"),
            "visits": h.visits,
            "stops": h.stops,
            "timed": h.timed,
            "median_s": h.median_s,
            "p90_s": h.p90_s,
        }
        for h in hours
    ]
    lines = [
        gettext(N_("Station\tHour\tVisits\tStops\tMedian s\tp90 s")),
        *(
            f"{h.station}\t{h.hour:%H:00}\t{h.visits}\t{h.stops}\t"
            f"{_seconds(h.median_s)}\t{_seconds(h.p90_s)}"
            for h in hours
        ),
    ]
    ctx.emit(payload, "\n".join(lines))
    return 0
