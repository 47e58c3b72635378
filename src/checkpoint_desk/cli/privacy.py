"""``audit verify``: check the audit chain; ``purge``: apply the retention period."""

from __future__ import annotations

import argparse
from typing import Any

from sqlmodel import Session

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.clock import utc_now
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.services.audit import verify_chain
from checkpoint_desk.services.retention import purge


class AuditBrokenError(CheckpointError):
    """The audit chain does not hold (an entry was changed, removed or inserted)."""

    exit_code = 1


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    audit = sub.add_parser("audit", parents=[common], help="the audit trail")
    actions = audit.add_subparsers(dest="audit_command", metavar="verify", required=True)
    verify = actions.add_parser(
        "verify", parents=[common], help="check the hash chain; report the first broken entry"
    )
    verify.set_defaults(func=run_audit_verify)
    retention = sub.add_parser(
        "purge",
        parents=[common],
        help="remove synced visits older than the retention period (daily counts are kept)",
    )
    retention.add_argument(
        "--days", type=int, default=None, metavar="N", help="retention period (default: setting)"
    )
    retention.set_defaults(func=run_purge)


def run_audit_verify(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx, Session(ctx.engine(unlock=False)) as session:
        check = verify_chain(session)
    ctx.emit(
        {"ok": check.ok, "entries": check.entries, "first_broken_seq": check.first_broken_seq},
        gettext("Audit trail intact: {entries} entries.").format(entries=check.entries)
        if check.ok
        else None,
    )
    if not check.ok:
        raise AuditBrokenError(
            N_("The audit trail is broken at entry {seq}: it was changed after it was written."),
            seq=check.first_broken_seq,
        )
    return 0


def run_purge(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        days = args.days if args.days is not None else ctx.settings().values.retention_days
        result = purge(ctx.engine(), now=utc_now(), retention_days=days)
    text = gettext("{purged} visits older than {days} days purged; daily counts kept.").format(
        purged=result.purged, days=days
    )
    if result.held_back:
        text += "\n" + gettext(
            "{held} old visits are not synced yet and were kept: sync, then purge again."
        ).format(held=result.held_back)
    ctx.emit(
        {
            "purged": result.purged,
            "held_back": result.held_back,
            "people": result.people,
            "days": [d.isoformat() for d in result.days],
            "cutoff": result.cutoff.isoformat(),
        },
        text,
    )
    return 0
