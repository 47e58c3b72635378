"""``checkpoint-desk``: the desk (GUI) by default, sub-commands for admin work.

Each command group lives in its own module here with a ``register(subparsers,
common)`` function; add its name to ``COMMAND_MODULES``. Commands return an exit
code; a ``CheckpointError`` becomes a one-line message on stderr (DESIGN §9).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from checkpoint_desk import __version__
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import gettext, set_language
from checkpoint_desk.logging_setup import configure_logging
from checkpoint_desk.paths import resolve_data_dir

log = logging.getLogger("checkpoint_desk.cli")

COMMAND_MODULES: tuple[str, ...] = (
    "station",
    "exporting",
    "syncing",
    "reading",
    "trust",
    "passes",
    "demo",
    "database",
    "operators",
    "importing",
    "privacy",
    "scanning",
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
        "--self-test",
        action="store_true",
        help="check that this installation works (decode, verify, register, export, window)",
    )
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


def _start_logging(args: argparse.Namespace) -> None:
    """Log to the data directory once it exists (never create it just to log).

    A data directory that is read-only or full gets no log, not a crash: the command
    still runs, and one that has to write says so in one line.
    """
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if data_dir.root.is_dir():
        try:
            configure_logging(data_dir)
        except OSError:
            return


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang)
    try:
        _start_logging(args)
        if args.self_test and args.command is None:
            from checkpoint_desk.cli.self_test import run_self_test

            return run_self_test(args)
        if args.command is None:
            from checkpoint_desk.cli.desk import open_desk

            return open_desk(args)
        log.info("command %s", args.command)
        code: int = args.func(args)
        _start_logging(args)  # init made the data directory just now
        log.info("command %s ended: %s", args.command, code)
        return code
    except CheckpointError as exc:
        log.warning("command %s refused: %s (%s)", args.command, exc, type(exc).__name__)
        print(f"checkpoint-desk: {exc.translated()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("checkpoint-desk: " + gettext("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a storage fault below the services: one line, not a traceback
        from checkpoint_desk.cli.faults import storage_fault

        fault = storage_fault(exc)
        if fault is None:
            raise
        log.warning("command %s failed: %s", args.command, exc)
        print(f"checkpoint-desk: {fault.translated()}", file=sys.stderr)
        return fault.exit_code


if __name__ == "__main__":
    sys.exit(main())
