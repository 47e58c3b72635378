"""``trust import FILE`` and ``trust list``: the keys this desk trusts."""

from __future__ import annotations

import argparse
import base64
from pathlib import Path
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.clock import utc_now
from checkpoint_desk.codes.trust import TrustList, load_trust_source
from checkpoint_desk.i18n import gettext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    trust = sub.add_parser("trust", parents=[common], help="manage the trust list")
    actions = trust.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import", parents=[common], help="add a trust list or an X.509 certificate"
    )
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(func=run_import)
    lst = actions.add_parser("list", parents=[common], help="show the trusted keys")
    lst.set_defaults(func=run_list)


def run_import(args: argparse.Namespace) -> int:
    ctx = CommandContext.from_args(args)
    ctx.data_dir.ensure()
    source = load_trust_source(Path(args.file))
    trust = TrustList.load(ctx.data_dir.trust_list)
    now = utc_now()
    for entry in source.entries.values():
        trust.add(entry, now=now)
    trust.save(ctx.data_dir.trust_list)
    ctx.emit(
        {"imported": len(source), "keys": len(trust), "version": trust.version},
        gettext("Imported {count} keys; the trust list now holds {total}.").format(
            count=len(source), total=len(trust)
        ),
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    ctx = CommandContext.from_args(args)
    trust = TrustList.load(ctx.data_dir.trust_list)
    age = trust.age_s(utc_now())
    rows = [
        {"kid": base64.b64encode(kid).decode("ascii"), **entry.to_json()}
        for kid, entry in sorted(trust.entries.items())
    ]
    for row in rows:
        row.pop("public_key", None)
        row.pop("certificate", None)
    lines = [
        gettext("{count} keys, version {version}, updated {hours} hours ago").format(
            count=len(trust), version=trust.version, hours=f"{age / 3600:.1f}" if age else "-"
        )
    ]
    lines += [
        f"{row['kid']}  {','.join(row['schemes']) or '*'}  {row['issuer']}"
        + ("  [demo]" if row["demo"] else "")
        for row in rows
    ]
    ctx.emit(
        {"version": trust.version, "age_s": age, "keys": rows},
        "\n".join(lines),
    )
    return 0
