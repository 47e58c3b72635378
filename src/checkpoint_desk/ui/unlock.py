"""Asking for the station's passphrase at start, when nobody gave it.

``ui.opening.StationOpener`` asks (``services.unlocking`` decides whether it must: the
environment, a demo station), in a password field over the opening window; a wrong
passphrase is said and asked again (``TRIES``). The keys then live in the engine's vault
for as long as the desk runs; the idle lock asks only for the operator's PIN.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from checkpoint_desk.i18n import N_, gettext

TRIES = 3


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
