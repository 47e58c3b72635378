"""Handheld (keyboard-wedge) scanners: catch their key bursts before any widget does.

A USB scanner "types" a code a few milliseconds per character, pressing and releasing
Shift (or AltGr) around capitals, and ends with Enter, Tab, CR LF or a pause. An
application-wide event filter feeds every character key to the scanner layer's
``WedgeDetector`` and does what it says: character keys — presses and their releases,
in order — are held while they come faster than a person types; a burst that is a
scan goes to the scan path and nothing of it reaches any widget (a field, a button,
a dialog); anything else is given back, in order, to the widget it was meant for.
Modifier keys alone neither end nor start a burst. With a keyboard thermometer
(``detector.temperatures``) a fast burst shaped like a reading ("36.5⏎") is
``temperature_read(text)``: it reaches no widget either, whatever has focus.

The filter also owns the keys a volunteer in gloves relies on: Enter on a focused
button presses it; Alt+1…4 (and a lone 1…4 while ``digits_choose()`` says a stop
waits, outside a text field) are ``disposition_key(n)``; no Alt+key that a shortcut
did not take is ever typed anywhere. A number of several digits typed there while a
stop waits is ``digits_typed(text)`` (the desk says why nothing was recorded).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from checkpoint_desk.scanner.wedge import Decision, WedgeAction, WedgeDetector

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
    }
)
DIGIT_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}
# Modifiers a scanner's characters may carry; anything else makes a key a shortcut.
TYPING_MODIFIERS = (
    Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.KeypadModifier
    | Qt.KeyboardModifier.GroupSwitchModifier
)
KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


def takes_text(widget: QWidget | None) -> bool:
    """A widget a digit would be typed into."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)


class WedgeFilter(QObject):
    """Install on the QApplication; emits ``burst_scanned(text)`` for each scan,
    ``temperature_read(text)`` for a keyboard thermometer's reading and
    ``disposition_key(n)`` for Alt+n (n = 1…4), ``digits_typed(text)`` for a number
    typed while a stop waits where no field takes it."""

    burst_scanned = Signal(str)
    temperature_read = Signal(str)
    disposition_key = Signal(int)
    digits_typed = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] | None = None,
        detector: WedgeDetector | None = None,
    ) -> None:
        super().__init__(parent)
        # None: the key events' own timestamps (the X server's), so a busy GUI thread
        # that delivers a person's keys late does not make them look like a scanner.
        self.key_clock = clock
        self.detector = detector or WedgeDetector()
        self.digits_choose: Callable[[], bool] = lambda: False
        self._held: list[tuple[QWidget, QKeyEvent]] = []
        self._swallow: set[int] = set()  # keys whose press was consumed: drop the release
        self._replaying = False
        self._last_event_t = 0.0
        self._last_mono = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._on_poll)

    # -- time -----------------------------------------------------------------------------
    def _key_time(self, event: QKeyEvent) -> float:
        if self.key_clock is not None:
            return self.key_clock()
        stamp = event.timestamp()
        now = time.monotonic()
        t = stamp / 1000 if stamp else now
        self._last_event_t, self._last_mono = t, now
        return t

    def _poll_time(self) -> float:
        if self.key_clock is not None:
            return self.key_clock()
        return self._last_event_t + (time.monotonic() - self._last_mono)

    # -- the filter -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() not in KEY_EVENTS:
            return False
        if not isinstance(event, QKeyEvent) or not isinstance(watched, QWidget):
            return False
        focus = QApplication.focusWidget()
        if watched is not (focus or watched.window()):
            return False  # the same event seen again while it propagates to parents
        if event.type() == QEvent.Type.KeyRelease:
            return self._on_release(watched, event)
        return self._on_press(watched, event, focus)

    def _on_press(self, watched: QWidget, event: QKeyEvent, focus: QWidget | None) -> bool:
        key = event.key()
        if key in MODIFIER_KEYS:
            return False  # a bare Shift press is part of a capital, not the end of a burst
        mods = event.modifiers() & ~TYPING_MODIFIERS
        if mods == Qt.KeyboardModifier.AltModifier and event.text().strip():
            # Alt+key that no shortcut took: a field would type it ("1365" as a name).
            self._release_held()
            self._swallow.add(key)
            if key in DIGIT_KEYS:
                self.disposition_key.emit(DIGIT_KEYS[Qt.Key(key)])
            return True
        char = "\r" if key in ENTER_KEYS else "\t" if key == Qt.Key.Key_Tab else event.text()
        if mods != Qt.KeyboardModifier.NoModifier or not char or event.isAutoRepeat():
            # Shortcuts, F-keys, arrows, a held-down key: never part of a scan.
            self._release_held()
            return False
        return self._decide(watched, event, focus, self.detector.feed(char, self._key_time(event)))

    def _decide(
        self, watched: QWidget, event: QKeyEvent, focus: QWidget | None, decision: Decision
    ) -> bool:
        """Do what the detector said about this key press; True when it is consumed."""
        action = decision.action
        if action in (WedgeAction.BURST_COMPLETE, WedgeAction.READING):
            self._burst_done(decision)
            action = decision.then or WedgeAction.SWALLOW
        if action is WedgeAction.SWALLOW:
            self._swallow.add(event.key())
            return True
        if action is WedgeAction.PASS_THROUGH:
            return self._enter_on_button(focus, event.key())
        self._hold(watched, event)
        if action is WedgeAction.RELEASE:
            self._release_held()
        elif not self._timer.isActive():
            self._timer.start()
        return True

    def _on_release(self, watched: QWidget, event: QKeyEvent) -> bool:
        key = event.key()
        if key in self._swallow and not event.isAutoRepeat():
            self._swallow.discard(key)
            return True
        if self._held and key not in MODIFIER_KEYS:
            self._hold(watched, event)  # a press/release pair is given back as a pair
            return True
        return False

    def _enter_on_button(self, focus: QWidget | None, key: int) -> bool:
        """Enter on a focused button presses it (Qt only does so in dialogs)."""
        if key in ENTER_KEYS and isinstance(focus, QAbstractButton) and focus.isEnabled():
            self._swallow.add(key)
            focus.animateClick()
            return True
        return False

    def _hold(self, target: QWidget, event: QKeyEvent) -> None:
        copy = QKeyEvent(
            event.type(),
            event.key(),
            event.modifiers(),
            event.text(),
            event.isAutoRepeat(),
            event.count(),
        )
        self._held.append((target, copy))

    def _release_held(self) -> None:
        """Give the held keys to the widgets they were meant for, in order."""
        self._timer.stop()
        held, self._held = self._held, []
        presses = [e for _, e in held if e.type() == QEvent.Type.KeyPress]
        if len(presses) == 1 and presses[0].key() in DIGIT_KEYS and self._digit_chooses():
            self.disposition_key.emit(DIGIT_KEYS[Qt.Key(presses[0].key())])
            return  # a lone 1…4 while a stop waits chooses its disposition
        digits = "".join(e.text() for e in presses)
        if len(presses) > 1 and digits.isascii() and digits.isdigit() and self._digit_chooses():
            self.digits_typed.emit(digits)
            return  # "385" typed fast while a stop waits: no field would take it
        self._replaying = True
        try:
            for target, event in held:
                QApplication.sendEvent(target, event)
        finally:
            self._replaying = False

    def _digit_chooses(self) -> bool:
        return not takes_text(QApplication.focusWidget()) and self.digits_choose()

    def _burst_done(self, decision: Decision) -> None:
        """A scan or a thermometer's reading: its keys reach no widget."""
        self._held.clear()
        self._timer.stop()
        if decision.action is WedgeAction.READING:
            self.temperature_read.emit(decision.text)
        else:
            self.burst_scanned.emit(decision.text)

    @Slot()
    def _on_poll(self) -> None:
        decision = self.detector.poll(self._poll_time())
        if decision.action in (WedgeAction.BURST_COMPLETE, WedgeAction.READING):
            self._burst_done(decision)
        elif decision.action is WedgeAction.RELEASE:
            self._release_held()
        elif not self._held:
            self._timer.stop()
