"""``import-visits FILE``: enter a paper ledger, one durable row at a time."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.i18n import gettext
from checkpoint_desk.services.importing import FIELDS, import_visits
from checkpoint_desk.services.station import this_station


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    cmd = sub.add_parser(
        "import-visits",
        parents=[common],
        help="enter visits written on paper (.csv or .jsonl)",
        description="Fields (CSV header or JSON keys): " + ", ".join(FIELDS),
    )
    cmd.add_argument("file", metavar="FILE", type=Path)
    cmd.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    """One JSON line per input row, printed (and flushed) once the row is on disk."""
    with CommandContext.from_args(args) as ctx:
        taken = refused = 0
        engine = ctx.engine()
        station = this_station(engine)
        rules = ScreeningRules.from_settings(ctx.settings())
        for outcome in import_visits(engine, args.file, station_id=station.id, rules=rules):
            if outcome.error is None:
                taken += 1
            else:
                refused += 1
            sys.stdout.write(json.dumps(outcome.to_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
    if refused:
        print(
            "checkpoint-desk: "
            + gettext("{refused} of {total} rows refused; {taken} imported.").format(
                refused=refused, total=taken + refused, taken=taken
            ),
            file=sys.stderr,
        )
        return 2
    return 0
