"""Handheld (keyboard-wedge) scanners: catch their key bursts before any field does.

A USB scanner "types" a code a few milliseconds per character and ends with Enter.
An application-wide event filter holds printable key presses briefly; a fast run
of at least ``min_length`` characters ending in Enter (or a pause) is a scan and is
routed to the scan path, nothing reaching the focused field. Anything else is
released, in order, to the widget it was meant for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class BurstDetector:
    """Pure timing logic (no Qt): is this run of characters a scanner burst?"""

    max_gap_s: float = 0.035
    min_length: int = 6
    chars: list[str] = field(default_factory=list)
    last_at: float = 0.0
    fast: bool = True

    def feed(self, char: str, at: float) -> None:
        if self.chars and at - self.last_at > self.max_gap_s:
            self.fast = False
        self.chars.append(char)
        self.last_at = at

    def is_burst(self, at: float) -> bool:
        """Would the run end as a scan if it ended now?"""
        return self.fast and len(self.chars) >= self.min_length and at - self.last_at <= 0.2

    def holding(self) -> bool:
        return bool(self.chars)

    def reset(self) -> str:
        text = "".join(self.chars)
        self.chars = []
        self.fast = True
        return text


class WedgeFilter(QObject):
    """Install on the QApplication; emits ``burst_scanned(text)`` for each scan."""

    burst_scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        detector: BurstDetector | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.detector = detector or BurstDetector()
        self._held: list[tuple[QWidget, QKeyEvent]] = []
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_pause)

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
        if mods != Qt.KeyboardModifier.NoModifier:
            return self._flush_then_pass()
        now = self._clock()
        if event.key() in ENTER_KEYS and self.detector.holding():
            if self.detector.is_burst(now):
                self._held.clear()
                self._timer.stop()
                self.burst_scanned.emit(self.detector.reset())
                return True
            self._hold(watched, event)
            self._release()
            return True
        text = event.text()
        if len(text) == 1 and text.isprintable():
            self.detector.feed(text, now)
            self._hold(watched, event)
            if not self.detector.fast:
                self._release()
            else:
                self._timer.start(int(self.detector.max_gap_s * 1000) + 25)
            return True
        return self._flush_then_pass()

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

    def _flush_then_pass(self) -> bool:
        if self._held:
            self._release()
        return False

    def _release(self) -> None:
        """Give the held keys to the widgets they were meant for, in order."""
        self._timer.stop()
        self.detector.reset()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for target, event in held:
                QApplication.sendEvent(target, event)
        finally:
            self._replaying = False

    def _on_pause(self) -> None:
        # A scanner without an Enter suffix: a long fast run then silence is a scan.
        if self.detector.is_burst(self._clock()) and len(self.detector.chars) >= 12:
            self._held.clear()
            self.burst_scanned.emit(self.detector.reset())
            return
        self._release()
