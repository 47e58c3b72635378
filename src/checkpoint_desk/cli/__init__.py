"""``checkpoint-desk``: the desk (GUI) by default, sub-commands for admin work.

Each command group lives in its own module here with a ``register(subparsers,
common)`` function; ``COMMANDS`` below names the group of every top-level command,
so a command loads its own group only (``--version`` and the desk load none, and
``read`` never imports the database or OpenCV). Commands return an exit code; a
``CheckpointError`` becomes a one-line message on stderr (DESIGN §9).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from checkpoint_desk import __version__
from checkpoint_desk.errors import CheckpointError

if TYPE_CHECKING:
    from checkpoint_desk.command_line import CommandGroup

log = logging.getLogger("checkpoint_desk.cli")


# One function per command group: a plain import, so PyInstaller's analysis sees
# every command module, and importing it waits until the command is asked for.
def _station() -> CommandGroup:
    from checkpoint_desk.cli import station

    return station.register


def _exporting() -> CommandGroup:
    from checkpoint_desk.cli import exporting

    return exporting.register


def _syncing() -> CommandGroup:
    from checkpoint_desk.cli import syncing

    return syncing.register


def _reading() -> CommandGroup:
    from checkpoint_desk.cli import reading

    return reading.register


def _trust() -> CommandGroup:
    from checkpoint_desk.cli import trust

    return trust.register


def _passes() -> CommandGroup:
    from checkpoint_desk.cli import passes

    return passes.register


def _demo() -> CommandGroup:
    from checkpoint_desk.cli import demo

    return demo.register


def _database() -> CommandGroup:
    from checkpoint_desk.cli import database

    return database.register


def _operators() -> CommandGroup:
    from checkpoint_desk.cli import operators

    return operators.register


def _importing() -> CommandGroup:
    from checkpoint_desk.cli import importing

    return importing.register


def _privacy() -> CommandGroup:
    from checkpoint_desk.cli import privacy

    return privacy.register


def _scanning() -> CommandGroup:
    from checkpoint_desk.cli import scanning

    return scanning.register


def _insight() -> CommandGroup:
    from checkpoint_desk.cli import insight

    return insight.register


COMMANDS: dict[str, Callable[[], CommandGroup]] = {
    "init": _station,
    "export": _exporting,
    "sync": _syncing,
    "bundle": _syncing,
    "read": _reading,
    "trust": _trust,
    "pass": _passes,
    "demo-codes": _demo,
    "db": _database,
    "operator": _operators,
    "import-visits": _importing,
    "audit": _privacy,
    "purge": _privacy,
    "scan": _scanning,
    "cameras": _scanning,
    "inside": _insight,
    "trace": _insight,
    "stats": _insight,
}
"""Every top-level command and the group that registers it (``--help`` lists them in
this order)."""


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


def _desk_options(parser: argparse.ArgumentParser) -> None:
    """The options before a command (or of the desk itself)."""
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


class _Unclear(Exception):
    """The command line does not parse: let the whole parser say why."""


class _Peek(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Unclear(message)


def groups_for(argv: Sequence[str]) -> list[CommandGroup]:
    """The command groups ``argv`` needs: the one its command belongs to; none for the
    desk or ``--version``; all for ``--help`` or anything the parser must explain."""
    peek = _Peek(add_help=False)
    _desk_options(peek)
    try:
        _, rest = peek.parse_known_args(argv)
    except _Unclear:
        rest = ["?"]
    words = [arg for arg in rest if not arg.startswith("-")]
    if words and words[0] in COMMANDS:
        return [COMMANDS[words[0]]()]
    if words or {"-h", "--help"} & set(rest):
        return list(dict.fromkeys(load() for load in COMMANDS.values()))
    return []


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv`` (default: every command)."""
    parser = argparse.ArgumentParser(
        prog="checkpoint-desk",
        description="Checkpoint Desk (卡点登记台): registration desk for entry checkpoints.",
    )
    parser.add_argument("--version", action="version", version=f"checkpoint-desk {__version__}")
    _desk_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options()
    for register in groups_for(["--help"] if argv is None else argv):
        register(sub, common)
    return parser


def _start_logging(args: argparse.Namespace) -> None:
    """Log to the data directory once it exists (never create it just to log).

    A data directory that is read-only or full gets no log, not a crash: the command
    still runs, and one that has to write says so in one line.
    """
    from checkpoint_desk.logging_setup import configure_logging
    from checkpoint_desk.paths import resolve_data_dir

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    if data_dir.root.is_dir():
        try:
            configure_logging(data_dir)
        except OSError:
            return


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(arguments).parse_args(arguments)  # --version ends here
    from checkpoint_desk.command_line import run_command
    from checkpoint_desk.i18n import set_language

    set_language(args.lang)
    return run_command("checkpoint-desk", lambda: _run(args), name=args.command)


def _run(args: argparse.Namespace) -> int:
    try:
        return _dispatch(args)
    except CheckpointError:
        raise
    except Exception as exc:  # a storage fault below the services: one line, not a traceback
        from checkpoint_desk.cli.faults import storage_fault

        fault = storage_fault(exc)
        if fault is None:
            raise
        log.warning("command %s failed: %s", args.command, exc)
        raise fault from exc


def _dispatch(args: argparse.Namespace) -> int:
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


if __name__ == "__main__":
    sys.exit(main())
