"""Asking for the station passphrase (and a supervisor's PIN) on the command line.

Order: ``$CHECKPOINT_DESK_PASSPHRASE`` (scripts and tests), the public demo
passphrase for a ``--demo`` station, a hidden prompt on a terminal, else one line
read from standard input. Every way is checked alike: empty, longer than 1024
bytes or not UTF-8 is refused with a one-line message (exit 2).
"""

from __future__ import annotations

import getpass
import os
import sys

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.services.operators import check_pin_format
from checkpoint_desk.store.vault import (
    DEMO_PASSPHRASE,
    ENV_PASSPHRASE,
    PassphraseError,
    check_passphrase,
    passphrase_from_env,
)

ENV_PIN = "CHECKPOINT_DESK_PIN"
_LINE_MAX = 4096


def ask_passphrase(*, confirm: bool = False, demo: bool = False) -> str:
    """The station passphrase; ``confirm`` asks twice at a prompt (for ``init``)."""
    from_env = passphrase_from_env()
    if from_env is not None:
        return from_env
    if demo:
        return DEMO_PASSPHRASE
    if not sys.stdin.isatty():
        return check_passphrase(_stdin_line(ENV_PASSPHRASE))
    first = check_passphrase(_prompt(gettext("Station passphrase: ")))
    if confirm and _prompt(gettext("Type it again: ")) != first:
        raise PassphraseError(N_("The two passphrases differ; nothing was changed."))
    return first


def ask_pin(name: str) -> str:
    """A supervisor's PIN: ``$CHECKPOINT_DESK_PIN``, a hidden prompt, or a stdin line."""
    raw = os.environb.get(ENV_PIN.encode("ascii")) if os.supports_bytes_environ else None
    if raw is None and ENV_PIN in os.environ:
        raw = os.environ[ENV_PIN].encode("utf-8", "surrogateescape")
    if raw is None:
        if sys.stdin.isatty():
            return check_pin_format(_prompt(gettext("PIN of {name}: ").format(name=name)))
        raw = _stdin_line(ENV_PIN)
    try:
        pin = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise ValidationError("pin_format", N_("The PIN is not valid UTF-8 text.")) from None
    return check_pin_format(pin)


def _prompt(text: str) -> str:
    try:
        return getpass.getpass(text)
    except UnicodeDecodeError:
        raise PassphraseError(N_("The passphrase is not valid UTF-8 text.")) from None
    except EOFError:
        raise PassphraseError(N_("The passphrase is empty.")) from None


def _stdin_line(env: str) -> bytes:
    try:
        line = sys.stdin.buffer.readline(_LINE_MAX + 1)
    except (OSError, ValueError, AttributeError):
        line = b""
    if not line:
        raise PassphraseError(
            N_("Nothing was typed: set {env}, or run in a terminal to be asked."), env=env
        )
    return line.rstrip(b"\r\n")
