"""Handheld (keyboard-wedge) scanners: catch their key bursts before any field does.

A USB scanner "types" a code a few milliseconds per character and ends with Enter.
An application-wide event filter feeds every key press to the scanner layer's
``WedgeDetector`` and does what it says: printable keys are held while they come
faster than a person types; a fast run ending in Enter is a scan and goes to the
scan path, nothing reaching the focused field; anything else is released, in order,
to the widget it was meant for.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from checkpoint_desk.scanner.wedge import WedgeAction, WedgeDetector

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class WedgeFilter(QObject):
    """Install on the QApplication; emits ``burst_scanned(text)`` for each scan."""

    burst_scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        detector: WedgeDetector | None = None,
    ) -> None:
        super().__init__(parent)
        self.key_clock = clock
        self.detector = detector or WedgeDetector()
        self._held: list[tuple[QWidget, QKeyEvent]] = []
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._on_poll)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QWidget):
            return False
        focus = QApplication.focusWidget()
        if watched is not (focus or watched.window()):
            return False  # the same event seen again while it propagates to parents
        mods = event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        char = "\r" if event.key() in ENTER_KEYS else event.text()
        if mods != Qt.KeyboardModifier.NoModifier or not char:
            # Shortcuts, F-keys, arrows: never part of a scan; what was held was typed.
            if self._held:
                self._release()
            return False
        decision = self.detector.feed(char, self.key_clock())
        if decision.action is WedgeAction.PASS_THROUGH:
            return False
        if decision.action is WedgeAction.BURST_COMPLETE:
            self._held.clear()
            self._timer.stop()
            self.burst_scanned.emit(decision.text)
            return True
        self._hold(watched, event)
        if decision.action is WedgeAction.RELEASE:
            self._release()
        elif not self._timer.isActive():
            self._timer.start()
        return True

    def _hold(self, target: QWidget, event: QKeyEvent) -> None:
        copy = QKeyEvent(
            QEvent.Type.KeyPress,
            event.key(),
            event.modifiers(),
            event.text(),
            event.isAutoRepeat(),
            event.count(),
        )
        self._held.append((target, copy))

    def _release(self) -> None:
        """Give the held keys to the widgets they were meant for, in order."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for target, event in held:
                QApplication.sendEvent(target, event)
        finally:
            self._replaying = False

    @Slot()
    def _on_poll(self) -> None:
        # A pause shows the held keys were typed by a person.
        if self.detector.poll(self.key_clock()).action is WedgeAction.RELEASE:
            self._release()
        elif not self._held:
            self._timer.stop()
