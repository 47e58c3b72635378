"""The settings owner's change notification as a Qt signal.

``Settings.subscribe`` calls back on whatever thread made the change (the sync worker
takes the office's policy values); the signal is delivered on the receiver's thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from checkpoint_desk.settings import Settings


class SettingsSignal(QObject):
    """Emits ``changed(keys)`` (a frozenset of setting names) after each change."""

    changed = Signal(object)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = settings.subscribe(self.changed.emit)
        self.destroyed.connect(self._unsubscribe)
