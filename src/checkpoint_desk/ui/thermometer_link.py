"""The desk's thermometer (setting ``thermometer``) as Qt signals.

``keyboard``: the wedge filter tells a thermometer's fast "36.5⏎" from a code and
from typing (``scanner/wedge.py``). ``serial:PORT[@BAUD]``: ``SerialThermometer``
reads the port on its own thread; its callbacks only emit, so readings and the
port's state are delivered on the GUI thread. A missing or unplugged port is said in
the status bar and retried; the desk keeps working meanwhile. A change of the setting
takes effect at once.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal, Slot

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.scanner.thermometer import (
    PortState,
    SerialThermometer,
    ThermometerKind,
    parse_choice,
)
from checkpoint_desk.settings import Settings
from checkpoint_desk.ui.settings_signal import SettingsSignal
from checkpoint_desk.ui.wedge_filter import WedgeFilter


class ThermometerLink(QObject):
    """Signals ``temperature_read(text)`` ("36.5", "98.1F") and ``state_changed(text)``
    (words for the status bar; empty when there is nothing to say). ``stop()`` before
    the window goes away."""

    temperature_read = Signal(str)
    state_changed = Signal(str)
    _port_state = Signal(str, str)  # from the reader's thread: state, detail

    def __init__(
        self, settings: Settings, wedge: WedgeFilter, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.wedge = wedge
        self.reader: SerialThermometer | None = None
        self.port = ""
        self.retry_s = 2.0
        self._active = threading.Event()  # cleared by stop(): a late callback stays quiet
        wedge.temperature_read.connect(self.temperature_read)
        self._port_state.connect(self._on_port_state)
        self._settings_signal = SettingsSignal(settings, self)
        self._settings_signal.changed.connect(self._on_settings_changed)

    def start(self) -> None:
        """Use the thermometer the settings name."""
        self.stop()
        value = self.settings.values.thermometer
        try:
            choice = parse_choice(value)
        except ValidationError as exc:
            self.wedge.detector.temperatures = False
            self.state_changed.emit(exc.translated())
            return
        self.wedge.detector.temperatures = choice.kind is ThermometerKind.KEYBOARD
        if choice.kind is not ThermometerKind.SERIAL:
            self.state_changed.emit("")
            return
        self.port = choice.port
        self._active.set()
        self.state_changed.emit(self.tr("Thermometer {port}: connecting…").format(port=choice.port))
        self.reader = SerialThermometer(
            choice.port, self._reading, self._state, baud=choice.baud, retry_s=self.retry_s
        )
        self.reader.start()

    def stop(self) -> None:
        self._active.clear()
        if self.reader is not None:
            self.reader.stop()
            self.reader = None

    # Called on the reader's thread: only emit (queued to the GUI thread).
    def _reading(self, text: str) -> None:
        if self._active.is_set():
            self.temperature_read.emit(text)

    def _state(self, state: PortState, detail: str) -> None:
        if self._active.is_set():
            self._port_state.emit(state.value, detail)

    @Slot(str, str)
    def _on_port_state(self, state: str, detail: str) -> None:
        if not self._active.is_set():
            return
        if state == PortState.CONNECTED.value:
            text = self.tr("Thermometer {port}: connected").format(port=self.port)
        else:
            text = self.tr("Thermometer {port} not found ({reason}); retrying").format(
                port=self.port, reason=detail
            )
        self.state_changed.emit(text)

    @Slot(object)
    def _on_settings_changed(self, keys: frozenset[str]) -> None:
        if "thermometer" in keys:
            self.start()
