"""Thermometers: a keyboard one's burst is a reading; a serial one is read through a pty."""

from __future__ import annotations

import contextlib
import os
import random
import threading
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.scanner.thermometer import (
    PortState,
    SerialThermometer,
    ThermometerKind,
    keyed_reading,
    line_reading,
    parse_choice,
)
from checkpoint_desk.scanner.wedge import WedgeAction, WedgeDetector
from tests.scanner.conftest import wait_for
from tests.scanner.test_wedge import CODE_TEXT


def _type(
    detector: WedgeDetector, keys: str, gaps: list[float]
) -> tuple[str, list[str], list[str]]:
    """Feed keys and poll every 20 ms like the UI; (field text, scans, readings)."""
    field, scans, readings = "", [], []
    times = [100.0]
    for gap in gaps:
        times.append(times[-1] + gap)

    def take(action: WedgeAction, text: str) -> None:
        nonlocal field
        if action is WedgeAction.RELEASE:
            field += text
        elif action is WedgeAction.BURST_COMPLETE:
            scans.append(text)
        elif action is WedgeAction.READING:
            readings.append(text)

    previous = times[0]
    for key, t in zip(keys, times, strict=True):
        tick = previous
        while tick + 0.02 < t:
            tick += 0.02
            polled = detector.poll(tick)
            take(polled.action, polled.text)
        previous = t
        decision = detector.feed(key, t)
        if decision.action is WedgeAction.PASS_THROUGH or decision.then is WedgeAction.PASS_THROUGH:
            field += key
        take(decision.action, decision.text)
    final = detector.poll(previous + 1.0)
    take(final.action, final.text)
    return field, scans, readings


def _fast(keys: str, seed: int = 1) -> list[float]:
    rng = random.Random(seed)
    return [rng.uniform(0.002, 0.012) for _ in keys[1:]]


@pytest.mark.parametrize(
    ("keys", "reading"),
    [
        ("36.5\r", "36.5"),
        ("36.5\t", "36.5"),
        ("98.1F\r", "98.1F"),
        ("37.0C\r\n", "37.0"),
        ("36.6", "36.6"),
    ],
)
def test_a_keyboard_thermometers_burst_is_a_reading_and_types_nothing(
    keys: str, reading: str
) -> None:
    field, scans, readings = _type(WedgeDetector(temperatures=True), keys, _fast(keys))
    assert readings == [reading]
    assert scans == [] and field == ""


def test_a_volunteer_typing_the_same_digits_types_them() -> None:
    keys = "36.5\r"
    field, _scans, readings = _type(WedgeDetector(temperatures=True), keys, [0.11, 0.09, 0.14, 0.2])
    assert readings == [] and field == keys


def test_an_id_number_burst_stays_an_id_not_a_temperature() -> None:
    keys = "370811199001011234\r"
    field, scans, readings = _type(WedgeDetector(temperatures=True), keys, _fast(keys))
    assert readings == [] and scans == ["370811199001011234"] and field == ""


def test_without_a_keyboard_thermometer_a_short_burst_is_typing() -> None:
    field, scans, readings = _type(WedgeDetector(), "36.5\r", _fast("36.5\r"))
    assert readings == [] and scans == [] and field == "36.5\r"


@pytest.mark.parametrize("text", ["365", "3.65", "1234.5", "12.5", "36.55", "CKP1", "45.5"])
def test_what_is_not_a_thermometers_reading(text: str) -> None:
    assert keyed_reading(text) is None


@pytest.mark.parametrize(
    ("line", "reading"),
    [
        ("36.5", "36.5"),
        ("T=36.5C", "36.5"),
        ("Body 36.5 C", "36.5"),
        ("TEMP:098.1F", "98.1F"),
        ("  37.8 °C", "37.8"),
        ("Surface 33.1C", None),
        ("T=25.0C", None),  # a wall, not a person
        ("OK", None),
        ("", None),
    ],
)
def test_serial_line_protocols(line: str, reading: str | None) -> None:
    assert line_reading(line) == reading


def test_the_setting_names_a_thermometer() -> None:
    assert parse_choice("none").kind is ThermometerKind.NONE
    assert parse_choice("keyboard").kind is ThermometerKind.KEYBOARD
    serial = parse_choice("serial:/dev/ttyUSB0")
    assert (serial.kind, serial.port, serial.baud) == (ThermometerKind.SERIAL, "/dev/ttyUSB0", 9600)
    assert parse_choice("serial:COM3@19200").baud == 19200
    for bad in ("usb", "serial:", "serial:/dev/ttyUSB0@123", "serial:/dev/x@abc"):
        with pytest.raises(ValidationError):
            parse_choice(bad)


# -- the serial path through a real pty -----------------------------------------------
class Heard:
    def __init__(self) -> None:
        self.readings: list[str] = []
        self.states: list[tuple[PortState, str]] = []
        self.lock = threading.Lock()

    def reading(self, text: str) -> None:
        with self.lock:
            self.readings.append(text)

    def state(self, state: PortState, detail: str) -> None:
        with self.lock:
            self.states.append((state, detail))


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    master, slave = os.openpty()
    tty.setraw(slave)
    path = os.ttyname(slave)
    yield master, path
    for fd in (master, slave):
        with contextlib.suppress(OSError):
            os.close(fd)


def test_a_serial_thermometers_lines_become_readings(pty_pair: tuple[int, str]) -> None:
    master, path = pty_pair
    heard = Heard()
    reader = SerialThermometer(path, heard.reading, heard.state, retry_s=0.05)
    reader.start()
    try:
        assert wait_for(lambda: (PortState.CONNECTED, "") in heard.states)
        os.write(master, b"T=36.5C\r\nBody 37.9 C\r\nnoise\r\nTEMP:0")
        os.write(master, b"98.1F\r\n")
        assert wait_for(lambda: len(heard.readings) == 3)
        assert heard.readings == ["36.5", "37.9", "98.1F"]
    finally:
        reader.stop()


def test_a_missing_port_is_reported_and_retried() -> None:
    heard = Heard()
    reader = SerialThermometer("/dev/ttyCHECKPOINT-none", heard.reading, heard.state, retry_s=0.05)
    reader.start()
    try:
        assert wait_for(lambda: len(heard.states) >= 2)  # tried again after the first failure
        assert all(state is PortState.MISSING for state, _ in heard.states)
        assert "ttyCHECKPOINT-none" in heard.states[0][1]
    finally:
        reader.stop()


def test_an_unplugged_port_reconnects_when_it_is_back(tmp_path: Path) -> None:
    """The port's name is a link (like /dev/serial/by-id/…) to a pty; pulling the cable
    hangs the pty up and removes the name; plugging it in again gives a new pty."""
    port = tmp_path / "ttyUSB0"
    master, slave = os.openpty()
    tty.setraw(slave)
    port.symlink_to(os.ttyname(slave))
    heard = Heard()
    reader = SerialThermometer(str(port), heard.reading, heard.state, retry_s=0.05)
    reader.start()
    try:
        assert wait_for(lambda: (PortState.CONNECTED, "") in heard.states)
        os.write(master, b"36.4\r\n")
        assert wait_for(lambda: heard.readings == ["36.4"])
        port.unlink()
        os.close(master)
        os.close(slave)
        assert wait_for(lambda: heard.states[-1][0] is PortState.MISSING)
        master, slave = os.openpty()
        tty.setraw(slave)
        port.symlink_to(os.ttyname(slave))
        assert wait_for(lambda: heard.states[-1] == (PortState.CONNECTED, ""))
        os.write(master, b"T=36.8C\r\n")
        assert wait_for(lambda: heard.readings == ["36.4", "36.8"])
    finally:
        reader.stop()
        for fd in (master, slave):
            with contextlib.suppress(OSError):
                os.close(fd)


@given(code=CODE_TEXT, slowest=st.floats(0.002, 0.040), seed=st.integers())
def test_with_a_keyboard_thermometer_every_code_is_still_one_scan(
    code: str, slowest: float, seed: int
) -> None:
    rng = random.Random(seed)
    keys = code + "\r"
    gaps = [rng.uniform(0.002, slowest) for _ in keys[1:]]
    field, scans, readings = _type(WedgeDetector(temperatures=True), keys, gaps)
    assert (field, scans, readings) == ("", [code], [])


@given(
    text=st.text(alphabet="0123456789.CF 张伟", min_size=1, max_size=12),
    seed=st.integers(),
)
def test_with_a_keyboard_thermometer_a_person_typing_is_still_a_person(
    text: str, seed: int
) -> None:
    rng = random.Random(seed)
    keys = text + "\r"
    field, scans, readings = _type(
        WedgeDetector(temperatures=True), keys, [rng.uniform(0.06, 0.4) for _ in keys[1:]]
    )
    assert (field, scans, readings) == (keys, [], [])


@pytest.mark.parametrize(
    ("typed", "kind", "port"),
    [
        ("无", ThermometerKind.NONE, None),
        ("键盘", ThermometerKind.KEYBOARD, None),
        ("串口:/dev/ttyUSB0@9600", ThermometerKind.SERIAL, "/dev/ttyUSB0"),
        ("串口：/dev/ttyS1", ThermometerKind.SERIAL, "/dev/ttyS1"),
    ],
)
def test_the_setting_may_be_typed_in_chinese_and_is_stored_in_its_english_words(
    typed: str, kind: ThermometerKind, port: str | None
) -> None:
    """The zh_CN settings dialog names the choices 无 / 键盘 / 串口: (the test that no English
    is left in the Chinese desk found "none, keyboard or serial" in its label)."""
    from checkpoint_desk.settings import DeskSettings

    stored = DeskSettings(thermometer=typed).thermometer
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in stored)
    choice = parse_choice(stored)
    assert choice.kind is kind and parse_choice(typed) == choice
    if port is not None:
        assert choice.port == port
