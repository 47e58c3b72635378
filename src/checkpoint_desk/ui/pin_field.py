"""A PIN field for gloves: Enter confirms the PIN and goes no further.

A QLineEdit passes Return on to its dialog after ``returnPressed``; the dialog then
clicked its default button, so Enter in a PIN prompt closed the dialog (the unmask
dialog closed before it showed the numbers it had just audited). Here Enter stops
at the field: what the field's ``returnPressed`` does is all that happens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PinField(QLineEdit):
    """Password echo, at most 12 characters; Enter emits ``returnPressed`` only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMaxLength(12)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in ENTER_KEYS:
            event.accept()
