"""Rotating log files in the data directory, with secrets masked as a safety net.

``configure_logging(data_dir)`` sends the ``checkpoint_desk`` loggers to
``logs/checkpoint-desk.log`` (1 MB × 5 files, owner-only). Code never logs an ID
number, phone, passphrase or PIN on purpose; the ``SecretMaskFilter`` is a net
under that rule: anything in a record that looks like a mainland ID number (15 or
18 characters) or a mobile number (11 digits from 1[3-9]) is masked before it is
written, in the message and in its arguments and traceback.
"""

from __future__ import annotations

import io
import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from checkpoint_desk.domain.masking import mask_id_number, mask_phone
from checkpoint_desk.paths import DataDir

LOG_FILE = "checkpoint-desk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# An ID number (18 with a check character, or the legacy 15 digits) or a mobile
# number, not inside a longer run of digits (a UUID's hex or a timestamp).
_SECRET = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15}|1[3-9]\d{9})(?![0-9A-Za-z])")


def mask_secrets(text: str) -> str:
    """``text`` with every ID-number-like or mobile-like run masked."""

    def _mask(match: re.Match[str]) -> str:
        found = match.group(0)
        return mask_phone(found) if len(found) == 11 else mask_id_number(found)

    return _SECRET.sub(_mask, text)


class SecretMaskFilter(logging.Filter):
    """Masks ID and mobile numbers in a record before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_secrets(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = mask_secrets(formatted)
            record.exc_info = None
        if record.stack_info:
            record.stack_info = mask_secrets(record.stack_info)
        return True


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating file whose every generation is created 0600, whatever the umask
    (the desk's log and the hub's, ``hub/logs.py``)."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)
        return open(fd, "a", encoding=self.encoding)


def configure_logging(data_dir: DataDir, *, level: int = logging.INFO) -> Path:
    """Log ``checkpoint_desk.*`` to the data directory's rotating file; returns its path.

    Calling it again for the same file changes nothing (no duplicate handlers); for
    another data directory, the previous file is closed (one station per process).
    """
    data_dir.logs.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = data_dir.logs / LOG_FILE
    logger = logging.getLogger("checkpoint_desk")
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingFileHandler):
            if Path(handler.baseFilename) == path:
                return path
            logger.removeHandler(handler)
            handler.close()
    handler = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(SecretMaskFilter())
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def close_logging() -> None:
    """Detach and close the file handlers (tests, and the desk at exit)."""
    logger = logging.getLogger("checkpoint_desk")
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()
