"""Unlocking the station at start: the passphrase from the environment, the demo, or asked.

The desk asks once, in a password field over the opening window; a wrong passphrase
is said and asked again (three tries). The keys then live in the engine's vault
for as long as the desk runs; the idle lock asks only for the operator's PIN.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.paths import DataDir

if TYPE_CHECKING:
    from checkpoint_desk.services.unlocking import Vault

TRIES = 3


def unlock_station(data_dir: DataDir, *, demo: bool, parent: QWidget | None = None) -> Vault:
    """The station's vault; PassphraseError when no right passphrase was given.

    Synchronous (tests, screenshots): the desk's own start asks the same questions
    from ``ui.opening.StationOpener`` while the station opens on a worker thread.
    """
    # SQLAlchemy and cryptography come with these: imported when unlocking, not
    # when the window that asks is drawn.
    from checkpoint_desk.services.unlocking import (
        PassphraseError,
        first_unlock,
        given_passphrase,
        unlock_keys,
    )

    given = given_passphrase(data_dir, demo=demo)
    first_time = first_unlock(data_dir)
    if given is not None:
        return unlock_keys(data_dir, given, first_time=first_time)
    problem = ""
    for _ in range(TRIES):
        typed = ask_passphrase(parent, problem, first_time)
        if typed is None:
            break
        try:
            return unlock_keys(data_dir, typed, first_time=first_time)
        except PassphraseError as exc:
            problem = exc.translated()
    raise PassphraseError(N_("The station is locked: enter the passphrase."))


def ask_passphrase(parent: QWidget | None, problem: str, first_time: bool) -> str | None:
    """The passphrase typed in a password field (``problem`` said above), or None."""
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
