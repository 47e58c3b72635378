"""What a sub-command works with: data directory, settings, database, output."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from checkpoint_desk.paths import DataDir, resolve_data_dir
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.engine import open_database


@dataclass
class CommandContext:
    """Built once per command from its parsed arguments."""

    args: argparse.Namespace
    data_dir: DataDir
    json: bool = False
    _engine: Engine | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CommandContext:
        return cls(
            args=args,
            data_dir=resolve_data_dir(getattr(args, "data_dir", None)),
            json=bool(getattr(args, "json", False)),
        )

    def settings(self) -> Settings:
        return Settings.load(self.data_dir.settings_file)

    def engine(self) -> Engine:
        """The station database; the data directory must be initialised."""
        if self._engine is None:
            self.data_dir.require_initialised()
            self._engine = open_database(self.data_dir.database)
        return self._engine

    def close(self) -> None:
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
