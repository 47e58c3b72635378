"""What a sub-command works with: data directory, settings, database, output."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from checkpoint_desk.cli.passphrase import ask_passphrase, ask_pin
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.paths import DataDir, resolve_data_dir
from checkpoint_desk.services.backup import seal_old_backups
from checkpoint_desk.services.roles import SupervisorApproval, approve_by_name
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.engine import (
    check_database_file,
    open_database,
    stores_plain_secrets,
)
from checkpoint_desk.store.vault import (
    Vault,
    create_vault,
    has_vault,
    is_demo_vault,
    unlock_vault,
)


@dataclass
class CommandContext:
    """Built once per command from its parsed arguments."""

    args: argparse.Namespace
    data_dir: DataDir
    json: bool = False
    _engine: Engine | None = field(default=None, repr=False)
    _settings: Settings | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CommandContext:
        return cls(
            args=args,
            data_dir=resolve_data_dir(getattr(args, "data_dir", None)),
            json=bool(getattr(args, "json", False)),
        )

    def settings(self) -> Settings:
        """The settings, read once per command (every caller then shares the owner)."""
        if self._settings is None:
            self._settings = Settings.load(self.data_dir.settings_file)
        return self._settings

    def engine(self, *, unlock: bool = True) -> Engine:
        """The station database; the data directory must be initialised.

        With ``unlock`` (the default) the passphrase is asked (``cli/passphrase.py``)
        and the vault bound, so services can seal and find ID numbers and phones;
        backups from before encryption are sealed on the way (``seal_old_backups``).
        """
        if self._engine is None:
            self.data_dir.require_initialised()
            check_database_file(self.data_dir.database)  # a damaged file before a prompt
            vault = self.vault() if unlock else None
            self._engine = open_database(self.data_dir.database, vault=vault)
            if vault is not None:
                seal_old_backups(self.data_dir.backups, vault)
        return self._engine

    def approval(self, act: str) -> SupervisorApproval:
        """``--supervisor NAME`` with their PIN (``$CHECKPOINT_DESK_PIN`` or a prompt)."""
        name = getattr(self.args, "supervisor", None)
        if not name:
            raise ValidationError(
                "supervisor_needed", N_("{act} needs --supervisor NAME (and their PIN)."), act=act
            )
        engine = self.engine()
        return approve_by_name(engine, name, ask_pin(name))

    def vault(self) -> Vault:
        """The station's keys, unlocked with the passphrase.

        A station from before encryption has no vault yet: its passphrase is chosen
        now (asked twice) and its ID numbers are sealed as the database opens.
        """
        keys = self.data_dir.keys
        demo = bool(getattr(self.args, "demo", False)) or is_demo_vault(keys)
        if not has_vault(keys) and stores_plain_secrets(self.data_dir.database):
            return create_vault(keys, ask_passphrase(confirm=True, demo=demo), demo=demo)
        return unlock_vault(keys, ask_passphrase(demo=demo))

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
