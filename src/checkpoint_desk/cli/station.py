"""``init``: create a station's data directory."""

from __future__ import annotations

import argparse
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.cli.passphrase import ask_passphrase
from checkpoint_desk.i18n import gettext
from checkpoint_desk.services.station import init_station


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    init = sub.add_parser("init", parents=[common], help="create station, keys, database")
    init.add_argument("--station", required=True, metavar="NAME")
    init.add_argument("--community", default="", metavar="TEXT")
    init.set_defaults(func=run_init)


def run_init(args: argparse.Namespace) -> int:
    ctx = CommandContext.from_args(args)
    demo = bool(getattr(args, "demo", False))
    if ctx.data_dir.is_initialised():  # refuse before asking for a passphrase
        init_station(ctx.data_dir, args.station, args.community, passphrase="-")
    passphrase = ask_passphrase(confirm=True, demo=demo)
    engine, station = init_station(
        ctx.data_dir, args.station, args.community, demo=demo, passphrase=passphrase
    )
    engine.dispose()
    ctx.emit(
        {"station": station.name, "id": str(station.id), "data_dir": str(ctx.data_dir.root)},
        gettext("Station {name} created in {path}").format(
            name=station.name, path=ctx.data_dir.root
        ),
    )
    return 0
