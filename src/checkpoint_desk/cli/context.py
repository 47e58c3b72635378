"""What a sub-command works with: data directory, settings, database, output.

``with CommandContext.from_args(args) as ctx:`` — the database is opened (and the
station unlocked) once, on first use, and closed however the command ends. The
database layers are imported only by ``engine()``, so commands that never open the
database (``read``, ``demo-codes``, ``trust``) start without them.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from checkpoint_desk.command_line import Context
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.paths import DataDir, resolve_data_dir
from checkpoint_desk.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from checkpoint_desk.services.roles import SupervisorApproval
    from checkpoint_desk.store.vault import Vault


class CommandContext(Context):
    """Built once per command from its parsed arguments."""

    def __init__(self, args: argparse.Namespace, data_dir: DataDir) -> None:
        super().__init__(args)
        self.data_dir = data_dir
        self._settings: Settings | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CommandContext:
        return cls(args, resolve_data_dir(getattr(args, "data_dir", None)))

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
            from checkpoint_desk.services.backup import seal_old_backups
            from checkpoint_desk.store.engine import check_database_file, open_database

            self.data_dir.require_initialised()
            check_database_file(self.data_dir.database)  # a damaged file before a prompt
            vault = self.vault() if unlock else None
            self._engine = open_database(self.data_dir.database, vault=vault)
            if vault is not None:
                seal_old_backups(self.data_dir.backups, vault)
        return self._engine

    def approval(self, act: str) -> SupervisorApproval:
        """``--supervisor NAME`` with their PIN (``$CHECKPOINT_DESK_PIN`` or a prompt)."""
        from checkpoint_desk.cli.passphrase import ask_pin
        from checkpoint_desk.services.roles import approve_by_name

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
        from checkpoint_desk.cli.passphrase import ask_passphrase
        from checkpoint_desk.store.engine import stores_plain_secrets
        from checkpoint_desk.store.vault import (
            create_vault,
            has_vault,
            is_demo_vault,
            unlock_vault,
        )

        keys = self.data_dir.keys
        demo = bool(getattr(self.args, "demo", False)) or is_demo_vault(keys)
        if not has_vault(keys) and stores_plain_secrets(self.data_dir.database):
            return create_vault(keys, ask_passphrase(confirm=True, demo=demo), demo=demo)
        return unlock_vault(keys, ask_passphrase(demo=demo))
