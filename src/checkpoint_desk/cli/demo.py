"""``demo-codes --out DIR``: sample codes from the demo issuer, with a manifest."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.cli.reading import parse_at
from checkpoint_desk.codes.demo import write_demo_codes
from checkpoint_desk.i18n import gettext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    demo = sub.add_parser(
        "demo-codes", parents=[common], help="write sample codes and manifest.json"
    )
    demo.add_argument("--out", required=True, metavar="DIR")
    demo.add_argument(
        "--at", metavar="ISO-TIME", default=None, help="sign relative to this time (default: now)"
    )
    demo.set_defaults(func=run_demo_codes)


def run_demo_codes(args: argparse.Namespace) -> int:
    ctx = CommandContext.from_args(args)
    manifest = write_demo_codes(Path(args.out), parse_at(args.at))
    ctx.emit(
        {"manifest": str(manifest)},
        gettext("Demo codes written to {path}").format(path=manifest.parent),
    )
    return 0
