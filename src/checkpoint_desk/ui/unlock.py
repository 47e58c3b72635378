"""Unlocking the station at start: the passphrase from the environment, the demo, or asked.

The desk asks once, in a password field, before the window opens; a wrong passphrase
is said and asked again (three tries). The keys then live in the engine's vault
for as long as the desk runs; the idle lock asks only for the operator's PIN.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.paths import DataDir
from checkpoint_desk.store.engine import stores_plain_secrets
from checkpoint_desk.store.vault import (
    DEMO_PASSPHRASE,
    PassphraseError,
    Vault,
    check_passphrase,
    create_vault,
    has_vault,
    is_demo_vault,
    passphrase_from_env,
    unlock_vault,
)

TRIES = 3


def unlock_station(data_dir: DataDir, *, demo: bool, parent: QWidget | None = None) -> Vault:
    """The station's vault; PassphraseError when no right passphrase was given."""
    keys = data_dir.keys
    given = passphrase_from_env()
    if given is None and (demo or is_demo_vault(keys)):
        given = DEMO_PASSPHRASE
    first_time = not has_vault(keys) and stores_plain_secrets(data_dir.database)
    if given is not None:
        return create_vault(keys, given) if first_time else unlock_vault(keys, given)
    problem = ""
    for _ in range(TRIES):
        typed = _ask(parent, problem, first_time)
        if typed is None:
            break
        try:
            passphrase = check_passphrase(typed)
            return create_vault(keys, passphrase) if first_time else unlock_vault(keys, passphrase)
        except PassphraseError as exc:
            problem = exc.translated()
    raise PassphraseError(N_("The station is locked: enter the passphrase."))


def _ask(parent: QWidget | None, problem: str, first_time: bool) -> str | None:
    prompt = gettext(
        N_("Choose the station passphrase (it seals ID numbers and phones):")
        if first_time
        else N_("Station passphrase:")
    )
    text, accepted = QInputDialog.getText(
        parent,
        gettext(N_("Unlock the station")),
        f"{problem}\n{prompt}" if problem else prompt,
        QLineEdit.EchoMode.Password,
    )
    return text if accepted else None
