"""The hub's log: a rotating owner-only file in the hub's home and stderr, both masked.

A failed statement's SQL parameters are whole ID numbers and phones; the engine
hides them (``hide_parameters``) and the desk's ``SecretMaskFilter`` masks anything
ID- or mobile-like that still reaches a record (issue 13, failure 9). uvicorn's own
loggers are routed here too (``uvicorn.run(log_config=None)``).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from checkpoint_desk.logging_setup import (
    BACKUP_COUNT,
    FORMAT,
    MAX_BYTES,
    PrivateRotatingFileHandler,
    SecretMaskFilter,
)

LOG_FILE = "checkpoint-hub.log"


def configure_hub_logging(home: Path, *, level: int = logging.INFO) -> Path:
    """Send every logger (the hub's, uvicorn's, SQLAlchemy's) to the masked outputs."""
    logs = home / "logs"
    logs.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(logs, 0o700)
    path = logs / LOG_FILE
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    handlers: list[logging.Handler] = [
        PrivateRotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        ),
        logging.StreamHandler(sys.stderr),
    ]
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(SecretMaskFilter())
        root.addHandler(handler)
    root.setLevel(level)
    return path
