"""``read TEXT``: what a code's text means (DESIGN §9)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.clock import as_utc, utc_now
from checkpoint_desk.codes.reading import CodeReading
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.trust import load_trust_source
from checkpoint_desk.domain.verdict import Reason
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.services.codes import read_context

STATUS_TEXT = {
    "green": N_("green"),
    "yellow": N_("yellow"),
    "red": N_("red"),
    "unverified": N_("unverified (confirm the colour shown)"),
    "invalid": N_("invalid"),
    "expired": N_("expired"),
}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    read = sub.add_parser("read", parents=[common], help="what a code's text means")
    read.add_argument("text", metavar="TEXT")
    add_reading_options(read)
    read.set_defaults(func=run_read)


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    """``--at``, ``--trust`` and ``--demo``, shared with ``scan``."""
    parser.add_argument("--at", metavar="ISO-TIME", default=None, help="read as of this time")
    parser.add_argument(
        "--trust",
        metavar="FILE",
        default=None,
        help="trust only this trust list or X.509 certificate (PEM, DER or base64 DER)",
    )
    parser.add_argument("--demo", action="store_true", default=False, help="trust the demo issuer")


def parse_at(value: str | None) -> datetime:
    """``--at`` as an aware UTC time (local time when it has no offset)."""
    if not value:
        return utc_now()
    try:
        return as_utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except ValueError as exc:
        raise ValidationError(
            "at_time", N_("--at: {value} is not an ISO 8601 time."), value=value
        ) from exc


def run_read(args: argparse.Namespace) -> int:
    ctx = CommandContext.from_args(args)
    trust = load_trust_source(Path(args.trust)) if args.trust else None
    demo = bool(getattr(args, "demo", False))
    context = read_context(
        ctx.data_dir, parse_at(args.at), demo=demo, trust=trust, check_clock=not args.at
    )
    reading = read_code(args.text, context)
    ctx.emit(reading.to_json(), describe(reading, trusted_keys=len(context.trust)))
    return 0


def describe(reading: CodeReading, *, trusted_keys: int | None = None) -> str:
    """The reading in words, one fact a line."""
    yes, no = gettext("yes"), gettext("no")
    lines = [
        gettext("Status: {status}").format(status=gettext(STATUS_TEXT[reading.status.value])),
        gettext("Scheme: {scheme}").format(scheme=reading.scheme),
        gettext("Issuer: {issuer}").format(issuer=reading.issuer or gettext("unknown")),
        gettext("Verified: {answer}").format(answer=yes if reading.verified else no),
    ]
    for code in reading.reasons:
        lines.append(gettext("Reason: {reason}").format(reason=Reason.of(code).text()))
    if reading.subject.name or reading.subject.id_masked:
        who = " ".join(p for p in (reading.subject.name, reading.subject.id_masked) if p)
        lines.append(gettext("Subject: {subject}").format(subject=who))
    if trusted_keys == 0 and reading.scheme != "unverified":
        lines.append(gettext("The trust list is empty: no signer is known."))
    elif reading.trust_list_age_s is not None:
        hours = f"{reading.trust_list_age_s / 3600:.1f}"
        lines.append(gettext("Trust list updated {hours} hours ago").format(hours=hours))
    return "\n".join(lines)
