"""``checkpoint-desk``: the desk (GUI) by default, sub-commands for admin work.

Each command group lives in its own module here with a ``register(subparsers,
common)`` function; add its name to ``COMMAND_MODULES``. Commands return an exit
code; a ``CheckpointError`` becomes a one-line message on stderr (DESIGN §9).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from checkpoint_desk import __version__
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import gettext, set_language

COMMAND_MODULES: tuple[str, ...] = (
    "station",
    "exporting",
    "reading",
    "trust",
    "passes",
    "demo",
    "database",
    "operators",
    "importing",
    "privacy",
)


def common_options() -> argparse.ArgumentParser:
    """Options every sub-command takes (after its name too)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data directory (default: $CHECKPOINT_DESK_HOME or the user data directory)",
    )
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print JSON only on stdout",
    )
    common.add_argument(
        "--lang",
        choices=("zh_CN", "en"),
        default=argparse.SUPPRESS,
        help="language of messages",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="checkpoint-desk",
        description="Checkpoint Desk (卡点登记台): registration desk for entry checkpoints.",
    )
    parser.add_argument("--version", action="version", version=f"checkpoint-desk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", default=None)
    parser.add_argument("--json", action="store_true", default=False)
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=None)
    parser.add_argument("--demo", action="store_true", help="open the desk in demo mode")
    parser.add_argument(
        "--camera",
        metavar="INDEX|PATH",
        default=None,
        help="camera index, device path or video file",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options()
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"checkpoint_desk.cli.{name}")
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang)
    try:
        if args.command is None:
            from checkpoint_desk.cli.desk import open_desk

            return open_desk(args)
        code: int = args.func(args)
        return code
    except CheckpointError as exc:
        print(f"checkpoint-desk: {exc.translated()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("checkpoint-desk: " + gettext("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
