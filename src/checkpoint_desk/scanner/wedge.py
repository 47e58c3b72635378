"""Telling a handheld USB scanner (a "keyboard wedge") from a person typing.

A wedge scanner types the code's text as key presses 2–40 ms apart — with Shift (or
AltGr) pressed and released around capitals, which the UI does not feed here — and
ends with Enter, Tab, CR LF or nothing at all; nobody types that fast for long. The UI
feeds every character key to :meth:`WedgeDetector.feed` and does what the returned
:class:`Decision` says:

- ``PASS_THROUGH``: let the key reach the focused widget as usual;
- ``HOLD``: swallow it for now (it may be the start of a scan);
- ``BURST_COMPLETE``: a scan: send ``text`` to the scanner path, nothing to the field;
- ``SWALLOW``: the second half of a scan's suffix (LF after CR, Enter after Tab);
- ``RELEASE``: it was typing after all: give the held keys (and this one) back;
- ``READING``: a keyboard thermometer's burst ("36.5⏎", "98.1F⏎"; only with
  ``temperatures=True``): ``text`` goes to the temperature field, nothing to the
  focused one. Its shape (``scanner/thermometer.py: keyed_reading``) tells it from a
  code (a prefix, 20 characters and more) and from an ID number (18 characters, no
  point); its speed tells it from a volunteer typing the same digits.

The UI also calls :meth:`WedgeDetector.poll` from a timer (every ~20 ms): a pause
ends a burst — a scan when the held text looks like a code (a known prefix, a URL,
Base45 text of a code's length), typing otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from checkpoint_desk.domain.enrolment_code import CODE_PREFIX as ENROLMENT_PREFIX
from checkpoint_desk.scanner.thermometer import keyed_reading

ENTER_KEYS = frozenset({"\r", "\n"})
SUFFIX_KEYS = frozenset({"\r", "\n", "\t"})
# What the codes at a checkpoint start with (codes/schemes, and the hub's enrolment
# code a desk is connected with); URLs of provincial codes.
CODE_PREFIXES = ("HC1:", "CKH1:", "CKT1:", "CKP1:", ENROLMENT_PREFIX + ".")
URL_PREFIXES = ("http://", "https://", "HTTP://", "HTTPS://")
BASE45_ALPHABET = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
MIN_CODE_LENGTH = 20  # the shortest code a checkpoint sees


class WedgeAction(StrEnum):
    PASS_THROUGH = "pass_through"
    HOLD = "hold"
    BURST_COMPLETE = "burst_complete"
    SWALLOW = "swallow"
    RELEASE = "release"
    READING = "reading"  # a keyboard thermometer's reading
    NOTHING = "nothing"  # poll(): nothing to do


@dataclass(frozen=True)
class Decision:
    """``then``: when a pause ended a scan without a suffix, what to do with the key
    that came after it (``HOLD`` or ``PASS_THROUGH``)."""

    action: WedgeAction
    text: str = ""
    then: WedgeAction | None = None


NOTHING = Decision(WedgeAction.NOTHING)


def looks_like_code(text: str) -> bool:
    """Text a person would not type: a known code prefix, a URL, or Base45 of a
    code's length (what timing alone cannot tell)."""
    if text.startswith(CODE_PREFIXES) or text.startswith(URL_PREFIXES):
        return len(text) >= MIN_CODE_LENGTH
    return len(text) >= MIN_CODE_LENGTH and all(c in BASE45_ALPHABET for c in text)


def _code_so_far(text: str) -> bool:
    """The held keys already start like a code (a scanner's hiccup is no pause)."""
    return any(p.startswith(text) or text.startswith(p) for p in CODE_PREFIXES) and len(text) >= 4


class WedgeDetector:
    """Holds keys while they arrive faster than ``max_gap_s`` apart.

    Args:
        max_gap_s: the longest pause between two keys of one scan. Scanners send a
            key every 2–40 ms; people, even fast typists, 60 ms and more (only key
            roll-over puts two of a person's keys closer, never eight in a row).
        code_gap_s: the longest pause once the held text starts with a code prefix
            (``HC1:``…): a slow scanner's jitter, not a person.
        min_length: a burst shorter than this ending in a suffix key is typing (a
            person typing ``365`` and Enter quickly is not a scan).
        terminators: the keys a scanner may end a code with.
        temperatures: a keyboard thermometer is plugged in (setting ``thermometer``):
            a short burst shaped like a reading is ``READING``, not typing.
    """

    def __init__(
        self,
        *,
        max_gap_s: float = 0.05,
        code_gap_s: float = 0.12,
        min_length: int = 8,
        terminators: frozenset[str] = SUFFIX_KEYS,
        temperatures: bool = False,
    ) -> None:
        self.temperatures = temperatures
        self.max_gap_s = max_gap_s
        self.code_gap_s = code_gap_s
        self.min_length = min_length
        self.terminators = terminators
        self._held: list[str] = []
        self._last_t = 0.0
        self._scan_ended_t: float | None = None

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def _gap(self) -> float:
        return self.code_gap_s if _code_so_far("".join(self._held)) else self.max_gap_s

    def feed(self, char: str, t: float) -> Decision:
        """What to do with key ``char`` pressed at time ``t`` (seconds, monotonic)."""
        ended, self._scan_ended_t = self._scan_ended_t, None
        if self._held and t - self._last_t > self._gap():
            # The pause shows the held keys were typed (or a suffix-less scan ended).
            done = self._end_by_pause()
            if done.action in (WedgeAction.BURST_COMPLETE, WedgeAction.READING):
                following = self.feed(char, t)  # the key after it starts afresh
                return Decision(done.action, done.text, following.action)
            return Decision(WedgeAction.RELEASE, done.text + char)
        if char in self.terminators:
            if not self._held:
                if ended is not None and t - ended <= self.max_gap_s:
                    self._scan_ended_t = t  # CR LF, Tab Enter: one suffix
                    return Decision(WedgeAction.SWALLOW)
                return Decision(WedgeAction.PASS_THROUGH)
            if len(self._held) >= self.min_length:
                text = "".join(self._held)
                self._held.clear()
                self._scan_ended_t = t
                return Decision(WedgeAction.BURST_COMPLETE, text)
            reading = self._reading()
            if reading is not None:
                self._scan_ended_t = t
                return reading
            return self._release(extra=char)
        if len(char) != 1 or not char.isprintable():
            # Backspace, arrows, shortcuts: never part of a scan.
            return self._release(extra=char) if self._held else Decision(WedgeAction.PASS_THROUGH)
        self._held.append(char)
        self._last_t = t
        return Decision(WedgeAction.HOLD)

    def poll(self, t: float) -> Decision:
        """From a timer: a pause ends the burst (a scan without a suffix, or typing)."""
        if self._held and t - self._last_t > self._gap():
            return self._end_by_pause()
        return NOTHING

    def _end_by_pause(self) -> Decision:
        text = "".join(self._held)
        if len(text) >= self.min_length and looks_like_code(text):
            self._held.clear()
            self._scan_ended_t = self._last_t
            return Decision(WedgeAction.BURST_COMPLETE, text)
        reading = self._reading()
        if reading is not None:
            self._scan_ended_t = self._last_t
            return reading
        return self._release()

    def _reading(self) -> Decision | None:
        """The held burst as a thermometer's reading (then no longer held), or None."""
        if not self.temperatures or len(self._held) < 4:
            return None
        text = keyed_reading("".join(self._held))
        if text is None:
            return None
        self._held.clear()
        return Decision(WedgeAction.READING, text)

    def _release(self, extra: str = "") -> Decision:
        text = "".join(self._held) + extra
        self._held.clear()
        return Decision(WedgeAction.RELEASE, text)
