"""``pass issue`` and ``pass revoke``: printable passes signed by this station."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.codes.card import write_card_pdf, write_card_png
from checkpoint_desk.codes.schemes.passes import KINDS
from checkpoint_desk.i18n import gettext
from checkpoint_desk.services.passes import issue_pass, pass_card, revoke_pass


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
        "--out",
        required=True,
        metavar="FILE",
        help="FILE.png or FILE.pdf writes that one; any other name writes FILE.png and FILE.pdf",
    )
    issue.set_defaults(func=run_issue)
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
        issued = issue_pass(
            engine,
            ctx.data_dir,
            name=args.name,
            id_number=args.id_number,
            kind=args.kind,
            days=args.days,
            address=args.address,
        )
        card = pass_card(engine, ctx.data_dir, issued)
    written = []
    for path in card_paths(args.out):
        writer = write_card_pdf if path.suffix.lower() == ".pdf" else write_card_png
        written.append(str(writer(card, path)))
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


def run_revoke(args: argparse.Namespace) -> int:
    with CommandContext.from_args(args) as ctx:
        row = revoke_pass(ctx.engine(), args.pass_id, approval=ctx.approval("pass revoke"))
    ctx.emit(
        {"pass_id": row.id, "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None},
        gettext("Pass {pass_id} revoked.").format(pass_id=row.id),
    )
    return 0
