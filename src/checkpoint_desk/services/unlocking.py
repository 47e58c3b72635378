"""Unlocking the station's keys when the desk starts (the UI only asks for the text).

The passphrase comes from ``$CHECKPOINT_DESK_PASSPHRASE``, the public demo passphrase
for a demo station, or the volunteer. A station from before the vault seals its ID
numbers and phones on the first unlock, with the passphrase chosen then.
"""

from __future__ import annotations

from checkpoint_desk.paths import DataDir
from checkpoint_desk.store.engine import stores_plain_secrets
from checkpoint_desk.store.vault import (
    DEMO_PASSPHRASE,
    PassphraseError,
    Vault,
    create_vault,
    has_vault,
    is_demo_vault,
    passphrase_from_env,
    unlock_vault,
)

__all__ = ["PassphraseError", "Vault", "first_unlock", "given_passphrase", "unlock_keys"]


def given_passphrase(data_dir: DataDir, *, demo: bool) -> str | None:
    """The passphrase nobody has to type: the environment's, else a demo station's."""
    given = passphrase_from_env()
    if given is None and (demo or is_demo_vault(data_dir.keys)):
        given = DEMO_PASSPHRASE
    return given


def first_unlock(data_dir: DataDir) -> bool:
    """Whether this unlock chooses the passphrase (no vault yet, plain secrets stored)."""
    return not has_vault(data_dir.keys) and stores_plain_secrets(data_dir.database)


def unlock_keys(data_dir: DataDir, passphrase: str, *, first_time: bool) -> Vault:
    """The station's vault; PassphraseError for a wrong (or unusable) passphrase."""
    if first_time:
        return create_vault(data_dir.keys, passphrase)
    return unlock_vault(data_dir.keys, passphrase)
