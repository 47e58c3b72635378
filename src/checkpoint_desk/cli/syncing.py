"""``sync`` and ``bundle export|receipt``: records to the hub, online or by USB."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.services import sync as sync_service


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    sync = sub.add_parser("sync", parents=[common], help="one sync round with the hub")
    sync.add_argument("--hub", metavar="URL", default=None, help="hub address (remembered)")
    sync.add_argument(
        "--enrol",
        metavar="CODE",
        default=None,
        help="the enrolment code from checkpoint-hub add-station (needs --supervisor)",
    )
    sync.add_argument("--token", metavar="TOKEN", default=None, help=argparse.SUPPRESS)
    sync.add_argument(
        "--supervisor",
        metavar="NAME",
        default=None,
        help="the supervisor approving a new hub (PIN from $CHECKPOINT_DESK_PIN or a prompt)",
    )
    sync.set_defaults(func=run_sync)

    bundle = sub.add_parser("bundle", help="USB bundles for a hub without network")
    actions = bundle.add_subparsers(dest="bundle_action", metavar="ACTION", required=True)
    export = actions.add_parser("export", parents=[common], help="write unsynced records")
    export.add_argument("--out", required=True, metavar="FILE")
    export.set_defaults(func=run_bundle_export)
    receipt = actions.add_parser("receipt", parents=[common], help="apply the hub's receipt")
    receipt.add_argument("file", metavar="FILE")
    receipt.set_defaults(func=run_bundle_receipt)


def run_sync(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        engine = ctx.engine()
        settings = ctx.settings()
        if args.token:
            raise ValidationError(
                "sync_options",
                N_("A bare token is no longer enough: use --enrol CODE from the office."),
            )
        if args.hub or args.enrol:
            if not args.enrol:
                raise ValidationError(
                    "sync_options",
                    N_("Changing the hub needs both --hub URL and --enrol CODE."),
                )
            sync_service.configure_hub(
                engine,
                ctx.data_dir,
                settings,
                args.hub,
                args.enrol,
                approval=ctx.approval("--enrol"),
            )
        if args.enrol and not args.hub and not settings.values.hub_url:
            ctx.emit({"enrolled": True}, gettext("Enrolled for USB bundles."))
            return 0
        report = sync_service.sync_now(engine, ctx.data_dir, settings)
    ctx.emit(
        report.as_json(),
        gettext(
            "Pushed {pushed}, acknowledged {acknowledged}, refused {rejected}, "
            "still waiting {waiting}; reference data updated: {pulled}"
        ).format(
            pushed=report.pushed,
            acknowledged=report.acknowledged,
            rejected=report.rejected,
            waiting=report.waiting,
            pulled=", ".join(report.pulled_kinds) or "-",
        ),
    )
    if not ctx.json:
        for rejection in report.rejections[:5]:
            print(f"  {rejection.kind} {rejection.uuid or rejection.index}: {rejection.reason}")
    if not report.ok:
        one_line = " ".join(report.errors[0].translated().split())
        print(f"checkpoint-desk: {one_line}", file=sys.stderr)
        return report.errors[0].exit_code
    return 0


def run_bundle_export(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        written = sync_service.write_bundle(ctx.engine(), ctx.data_dir, Path(args.out))
    ctx.emit(
        {"file": str(written.path), "counts": written.counts},
        gettext("Bundle written to {path}: {visits} visits").format(
            path=written.path, visits=written.counts.get("visits", 0)
        ),
    )
    return 0


def run_bundle_receipt(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        applied = sync_service.import_receipt(ctx.engine(), ctx.data_dir, Path(args.file))
    ctx.emit(
        {
            "acknowledged": applied.acknowledged,
            "marked": applied.marked,
            "rejected": applied.rejected,
        },
        gettext(
            "Receipt applied: {marked} records marked synced, {rejected} refused by the hub"
        ).format(marked=applied.marked, rejected=applied.rejected),
    )
    return 0
