"""``audit verify``: check the audit chain; ``purge``: apply the retention period."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from sqlmodel import Session

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.clock import utc_now
from checkpoint_desk.desk_lock import WAIT_HELP, DataDirLock
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.services.anchors import hub_head, station_public_key
from checkpoint_desk.services.audit import check_head, verify_chain
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
    retention.add_argument("--wait", type=float, default=0.0, metavar="SECONDS", help=WAIT_HELP)
    retention.set_defaults(func=run_purge)


PROBLEM_TEXT = {
    "entry_broken": N_(
        "The audit trail is broken at entry {seq}: it was changed, removed or forged "
        "after it was written."
    ),
    "tail_deleted": N_(
        "The audit trail ends before entry {seq}, which a signed anchor covered: "
        "its last entries were deleted."
    ),
    "rewritten": N_(
        "The audit trail was rewritten: entry {seq} is not the one a signed anchor covered."
    ),
    "anchor_invalid": N_(
        "An anchor of the audit trail (at entry {seq}) is not signed by this station's key."
    ),
    "time_backwards": N_(
        "Audit entry {seq} is dated before the previous one and the desk never noticed "
        "its clock going back."
    ),
}


def run_audit_verify(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        public_key = station_public_key(ctx.data_dir.keys)
        with Session(ctx.engine()) as session:
            check = verify_chain(session, public_key)
            hub = hub_head(ctx.data_dir, ctx.settings())
            outside = check_head(session, hub.seq, hub.hash or "") if hub.seq is not None else None
        if outside is not None and (check.first_broken_seq or outside[0] + 1) > outside[0]:
            check = replace(check, first_broken_seq=outside[0], problem=outside[1])
    text = gettext("Audit trail intact: {entries} entries.").format(entries=check.entries)
    if check.anchored_seq is not None:
        text += " " + gettext("Signed up to entry {seq}.").format(seq=check.anchored_seq)
    if check.clock_behind_seqs:
        text += " " + gettext("The clock went back at entries {seqs}.").format(
            seqs=", ".join(str(s) for s in check.clock_behind_seqs)
        )
    if hub.error:
        text += " " + gettext("The hub was not asked: {reason}").format(reason=hub.error)
    ctx.emit(
        {
            "ok": check.ok,
            "hub_checked": hub.checked,
            "entries": check.entries,
            "first_broken_seq": check.first_broken_seq,
            "problem": check.problem,
            "anchored_seq": check.anchored_seq,
            "clock_behind": list(check.clock_behind_seqs),
        },
        text if check.ok else None,
    )
    if not check.ok:
        raise AuditBrokenError(
            PROBLEM_TEXT.get(check.problem or "", PROBLEM_TEXT["entry_broken"]),
            seq=check.first_broken_seq,
        )
    return 0


def run_purge(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        days = args.days if args.days is not None else ctx.settings().values.retention_days
        ctx.data_dir.require_initialised()
        # Not under a running desk: it shows (and may be disposing of) the rows purged.
        with DataDirLock(ctx.data_dir, "purge").acquire(args.wait):
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
