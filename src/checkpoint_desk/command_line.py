"""What ``checkpoint-desk`` and ``checkpoint-hub`` share (DESIGN §9 is a contract).

- ``run_command``: a command's exit code; a ``CheckpointError`` becomes one line on
  stderr (``prog: reason``) and the error's code, Ctrl+C 130, a closed pipe 1.
- ``Context``: what one command works with. Used as ``with … as ctx:``, its database
  engine is disposed however the command ends; ``emit`` prints JSON only with
  ``--json``.

Nothing heavy is imported here: each command imports what it uses when it runs, so
``--version`` and ``read`` start in a fraction of a second (issue 15).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.i18n import N_

if TYPE_CHECKING:
    from sqlalchemy import Engine

CommandGroup = Callable[[Any, argparse.ArgumentParser], None]
"""A command group's ``register(subparsers, common)``: adds its commands, each with a
``func(args) -> int`` default."""

log = logging.getLogger("checkpoint_desk.command_line")
# A library logs into handlers its program sets up (the desk's log file); without
# them nothing may reach stderr, where a refusal is exactly one line.
logging.getLogger("checkpoint_desk").addHandler(logging.NullHandler())


def one_line(text: str) -> str:
    """``text`` on one line (driver messages span several)."""
    return " ".join(text.split())


def run_command(prog: str, command: Callable[[], int], *, name: str | None = None) -> int:
    """Run ``command`` and return the process exit code."""
    try:
        return command()
    except CheckpointError as exc:
        log.warning("%s %s refused: %s (%s)", prog, name or "-", exc, type(exc).__name__)
        print(f"{prog}: {one_line(exc.translated())}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        from checkpoint_desk.i18n import gettext

        print(f"{prog}: " + gettext("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1


class Context:
    """One command's arguments, output and (opened on first use) database engine."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.json = bool(getattr(args, "json", False))
        self._engine: Engine | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Dispose of the engine, if one was opened (done by ``with``)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def emit(self, payload: Any, text: str | None = None) -> None:
        """Print ``payload`` as one JSON line with ``--json``, else ``text``."""
        if self.json:
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")
        elif text is not None:
            sys.stdout.write(text + "\n")
        sys.stdout.flush()


def optional_day(text: str | None) -> date | None:
    """A ``--day``-like argument: None when not given, else a YYYY-MM-DD day."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(
            "day_format", N_("{value} is not a day; write it as YYYY-MM-DD."), value=text
        ) from exc
