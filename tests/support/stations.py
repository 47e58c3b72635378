"""Stations made once per test session and copied for each test (issue 15: suite speed).

Making a station runs every Alembic migration and scrypt (the vault; a demo station
also hashes two operators' PINs): seconds per test on the shared machine. A template
is made once, with the inputs the tests gave their own stations (the fake clock's
start, the test passphrase, English names), and each test gets a copy of its files,
so tests stay as independent as before.

The templates' vaults are made at the least scrypt cost ``create_vault`` takes
(``TEMPLATE_SCRYPT_N``): every test on a copy that unlocks it with the passphrase
(each desk window, each CLI command) pays 2**10 instead of 2**15. What is tested
there is the desk, not key derivation; stations made by ``init_station`` itself
(tests/store/test_vault.py, the sync desks, ``checkpoint-desk init`` in a
subprocess) keep the real cost, and tests/store/test_vault.py checks it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from checkpoint_desk.clock import Clock
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.station import init_station
from checkpoint_desk.store.engine import open_database
from checkpoint_desk.store.vault import SCRYPT_N_MIN, Vault, vault_of

STATION, COMMUNITY = "西门卡点", "济阳街道"
TEMPLATE_SCRYPT_N = SCRYPT_N_MIN


@dataclass(frozen=True)
class StationTemplate:
    """A data directory to copy, and its keys unlocked (for engines on a copy)."""

    root: Path
    vault: Vault

    def copy_to(self, data_dir: DataDir) -> None:
        """The station's files at ``data_dir`` (modes kept: keys 0600, folders 0700)."""
        shutil.copytree(self.root, data_dir.root)

    def open(self, data_dir: DataDir) -> Engine:
        """A copy at ``data_dir``, opened and unlocked as ``init_station`` returns it."""
        self.copy_to(data_dir)
        return open_database(data_dir.database, vault=self.vault)


def station_template(
    root: Path, clock: Clock, passphrase: str, name: str = STATION, community: str = COMMUNITY
) -> StationTemplate:
    """What ``init_station`` makes (for ``station_env``; ``checkpoint-desk init`` for
    ``cli_home``)."""
    data_dir = DataDir(root)
    engine, _ = init_station(
        data_dir, name, community, clock=clock, passphrase=passphrase, scrypt_n=TEMPLATE_SCRYPT_N
    )
    vault = vault_of(engine)
    engine.dispose()  # the WAL is folded back: the copy is one file
    return StationTemplate(data_dir.root, vault)
