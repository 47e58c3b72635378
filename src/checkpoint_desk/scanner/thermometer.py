"""Thermometers that type (a keyboard wedge) or talk (a serial port), without Qt.

An IR thermometer on USB either types its reading like a keyboard ("36.5⏎",
"98.1F⏎", as fast as a code scanner) — ``keyed_reading`` tells that shape from a
code or an ID number — or sends ASCII lines on a serial port (CH340 and its kin,
9600 8N1): "36.5", "T=36.5C", "Body 36.5 C", "TEMP:098.1F" — ``line_reading``.
``SerialThermometer`` reads a port on its own thread, reconnects when the port is
missing or unplugged, and reports readings and its state through callbacks (the UI
turns them into queued signals).

The setting ``thermometer`` (its pattern in ``settings.py``) names one: ``none``, ``keyboard`` or
``serial:/dev/ttyUSB0[@9600]`` (``parse_choice``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from checkpoint_desk.domain.temperature import parse_temperature
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.settings import THERMOMETER_PATTERN, thermometer_setting

if TYPE_CHECKING:
    from serial import Serial

DEFAULT_BAUD = 9600

# What a thermometer types: 2–3 digits, one decimal, maybe a unit (no code, no ID
# number, no phone has this shape).
_KEYED = re.compile(r"(?P<number>[0-9]{2,3}\.[0-9]) ?(?:°?(?P<unit>[CF])|℃)?", re.IGNORECASE)
# A number with one or two decimals anywhere in a line, maybe followed by a unit.
_IN_LINE = re.compile(
    r"(?<![0-9.])(?P<number>[0-9]{2,3}\.[0-9]{1,2})(?![0-9.])\s*(?:°|度)?\s*(?P<unit>[CF]\b)?",
    re.IGNORECASE,
)
# Lines some models send besides the body reading: not a person's temperature.
_NOT_BODY = re.compile(r"\b(?:sur|surface|amb|ambient|room|env|obj)\b", re.IGNORECASE)


def _plausible(number: str, unit: str) -> str | None:
    """The reading as the temperature field shows it ("36.5", "98.1F"), or None when
    it is outside the body range (a wall, a cup of tea)."""
    text = number.lstrip("0") + ("F" if unit.upper() == "F" else "")
    try:
        parse_temperature(text)
    except ValidationError:
        return None
    return text


def keyed_reading(text: str) -> str | None:
    """The reading a keyboard thermometer typed, or None when ``text`` is not one."""
    found = _KEYED.fullmatch(text.strip())
    return None if found is None else _plausible(found.group("number"), found.group("unit") or "")


def line_reading(line: str) -> str | None:
    """The body temperature in one line a serial thermometer sent, or None."""
    if _NOT_BODY.search(line):
        return None
    found = _IN_LINE.search(line)
    if found is None:
        return None
    return _plausible(found.group("number"), found.group("unit") or "")


class ThermometerKind(StrEnum):
    NONE = "none"
    KEYBOARD = "keyboard"
    SERIAL = "serial"


@dataclass(frozen=True)
class ThermometerChoice:
    """What the setting ``thermometer`` names."""

    kind: ThermometerKind
    port: str = ""
    baud: int = DEFAULT_BAUD


def parse_choice(value: str) -> ThermometerChoice:
    """``none`` | ``keyboard`` | ``serial:PORT[@BAUD]``; a ValidationError otherwise."""
    text = thermometer_setting(value) or "none"
    if re.fullmatch(THERMOMETER_PATTERN, text) is None:
        raise ValidationError(
            "thermometer_setting",
            N_(
                "Thermometer: none, keyboard or serial:/dev/ttyUSB0[@9600] "
                "(1200 … 115200 baud), not {value!r}."
            ),
            value=value,
        )
    if text in ("none", "keyboard"):
        return ThermometerChoice(ThermometerKind(text))
    port, _, baud = text.removeprefix("serial:").partition("@")
    return ThermometerChoice(ThermometerKind.SERIAL, port, int(baud) if baud else DEFAULT_BAUD)


class PortState(StrEnum):
    CONNECTED = "connected"
    MISSING = "missing"  # not there, unplugged or refused: retrying


OnReading = Callable[[str], None]
OnState = Callable[[PortState, str], None]


class SerialThermometer:
    """Reads lines from a serial port on a thread of its own; reconnects every
    ``retry_s`` while the port is missing. ``stop()`` ends and joins the thread."""

    def __init__(
        self,
        port: str,
        on_reading: OnReading,
        on_state: OnState,
        *,
        baud: int = DEFAULT_BAUD,
        retry_s: float = 2.0,
    ) -> None:
        self.port = port
        self.baud = baud
        self.retry_s = retry_s
        self._on_reading = on_reading
        self._on_state = on_state
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="thermometer", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        import serial  # pyserial: loaded only when a serial thermometer is set

        while not self._stop.is_set():
            try:
                with serial.Serial(
                    self.port,
                    self.baud,
                    bytesize=serial.EIGHTBITS,
                    parity=serial.PARITY_NONE,
                    stopbits=serial.STOPBITS_ONE,
                    timeout=0.2,
                ) as port:
                    self._on_state(PortState.CONNECTED, "")
                    self._read(port)
            except (serial.SerialException, OSError, ValueError) as exc:
                self._on_state(PortState.MISSING, _reason(exc))
            self._stop.wait(self.retry_s)

    def _read(self, port: Serial) -> None:
        """Lines until the port fails (raises) or ``stop()``."""
        pending = b""
        while not self._stop.is_set():
            chunk = port.read(256)
            if not chunk:
                continue
            pending += chunk
            *lines, pending = re.split(rb"[\r\n]", pending)
            pending = pending[-256:]  # a line that never ends is noise
            for raw in lines:
                reading = line_reading(raw.decode("ascii", "replace"))
                if reading is not None:
                    self._on_reading(reading)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
