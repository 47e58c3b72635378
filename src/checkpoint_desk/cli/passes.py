"""``pass issue`` and ``pass revoke``: printable passes signed by this station."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.codes.card import CardContent, write_card_pdf, write_card_png
from checkpoint_desk.codes.schemes.passes import KINDS
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.services.passes import issue_pass, pass_card, reprint_pass, revoke_pass


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    passes = sub.add_parser("pass", parents=[common], help="issue or revoke passes")
    actions = passes.add_subparsers(dest="pass_command", metavar="ACTION", required=True)
    issue = actions.add_parser("issue", parents=[common], help="issue a pass and write its card")
    issue.add_argument("--name", required=True, metavar="NAME")
    issue.add_argument("--id", required=True, metavar="IDNUMBER", dest="id_number")
    issue.add_argument("--kind", required=True, choices=KINDS)
    issue.add_argument("--days", required=True, type=int, metavar="N")
    issue.add_argument("--address", default="", metavar="TEXT")
    issue.add_argument(
        "--supervisor",
        metavar="NAME",
        help="the supervisor approving a pass longer than pass_max_days (PIN as for revoke)",
    )
    issue.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="FILE.png or FILE.pdf writes that one; any other name writes FILE.png and FILE.pdf",
    )
    issue.set_defaults(func=run_issue)
    reprint = actions.add_parser(
        "reprint", parents=[common], help="write a pass's card again (replaces an old card)"
    )
    reprint.add_argument("pass_id", metavar="PASSID")
    reprint.add_argument("--out", required=True, metavar="FILE", help="as for issue")
    reprint.set_defaults(func=run_reprint)
    revoke = actions.add_parser("revoke", parents=[common], help="revoke a pass")
    revoke.add_argument("pass_id", metavar="PASSID")
    revoke.add_argument(
        "--supervisor",
        metavar="NAME",
        help="the supervisor revoking (PIN from $CHECKPOINT_DESK_PIN or a prompt)",
    )
    revoke.set_defaults(func=run_revoke)


def card_paths(out: str) -> list[Path]:
    """Where the card goes: by suffix, or both formats beside each other."""
    path = Path(out)
    if path.suffix.lower() in (".png", ".pdf"):
        return [path]
    return [path.with_name(path.name + ".png"), path.with_name(path.name + ".pdf")]


def run_issue(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        engine = ctx.engine()
        max_days = ctx.settings().values.pass_max_days
        if args.days > max_days and not args.supervisor:
            raise ValidationError(
                "supervisor_needed",
                N_("A pass longer than {days} days needs --supervisor NAME (and their PIN)."),
                days=max_days,
            )
        issued = issue_pass(
            engine,
            ctx.data_dir,
            name=args.name,
            id_number=args.id_number,
            kind=args.kind,
            days=args.days,
            address=args.address,
            max_days=max_days,
            approval=ctx.approval("pass issue") if args.days > max_days else None,
        )
        card = pass_card(engine, ctx.data_dir, issued)
    written = write_cards(card, args.out)
    ctx.emit(
        {
            "pass_id": issued.id,
            "expires_at": issued.expires_at.isoformat(),
            "files": written,
            "text": card.code_text,
        },
        gettext("Pass {pass_id} valid until {until}: {files}").format(
            pass_id=issued.id, until=issued.expires_at.date().isoformat(), files=", ".join(written)
        ),
    )
    return 0


def write_cards(card: CardContent, out: str) -> list[str]:
    written = []
    for path in card_paths(out):
        writer = write_card_pdf if path.suffix.lower() == ".pdf" else write_card_png
        written.append(str(writer(card, path)))
    return written


def run_reprint(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        card = reprint_pass(ctx.engine(), ctx.data_dir, args.pass_id)
    written = write_cards(card, args.out)
    ctx.emit(
        {"pass_id": card.pass_id, "files": written, "text": card.code_text},
        gettext("Pass {pass_id} valid until {until}: {files}").format(
            pass_id=card.pass_id,
            until=card.valid_until.date().isoformat(),
            files=", ".join(written),
        ),
    )
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        row = revoke_pass(ctx.engine(), args.pass_id, approval=ctx.approval("pass revoke"))
    ctx.emit(
        {"pass_id": row.id, "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None},
        gettext("Pass {pass_id} revoked.").format(pass_id=row.id),
    )
    return 0
