"""Telling a handheld USB scanner (a "keyboard wedge") from a person typing.

A wedge scanner types the code's text as key presses a few milliseconds apart and
ends with Enter; nobody types that fast. The UI feeds every key to
:meth:`WedgeDetector.feed` and does what the returned :class:`Decision` says:

- ``PASS_THROUGH``: let the key reach the focused field as usual;
- ``HOLD``: swallow it for now (it may be the start of a scan);
- ``BURST_COMPLETE``: a scan: send ``text`` to the scanner path, nothing to the field;
- ``RELEASE``: it was typing after all: type ``text`` (the held keys, and this one)
  into the field.

The UI also calls :meth:`WedgeDetector.poll` from a timer (every ~20 ms) so held
keys are released once a pause shows they were typed by a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

ENTER_KEYS = frozenset({"\r", "\n"})


class WedgeAction(StrEnum):
    PASS_THROUGH = "pass_through"
    HOLD = "hold"
    BURST_COMPLETE = "burst_complete"
    RELEASE = "release"
    NOTHING = "nothing"  # poll(): nothing to do


@dataclass(frozen=True)
class Decision:
    action: WedgeAction
    text: str = ""


NOTHING = Decision(WedgeAction.NOTHING)


class WedgeDetector:
    """Holds keys while they arrive faster than ``max_gap_s`` apart.

    Args:
        max_gap_s: the longest pause between two keys of one scan. Scanners send a
            key every 1–20 ms; people, even fast typists, 60 ms and more (only key
            roll-over puts two of a person's keys closer).
        min_length: a burst shorter than this ending in Enter is typing (a person
            typing ``365`` and Enter quickly is not a scan).
        terminators: keys a scanner ends a code with (Enter; add ``"\\t"`` for
            scanners set to send Tab).
    """

    def __init__(
        self,
        *,
        max_gap_s: float = 0.05,
        min_length: int = 8,
        terminators: frozenset[str] = ENTER_KEYS,
    ) -> None:
        self.max_gap_s = max_gap_s
        self.min_length = min_length
        self.terminators = terminators
        self._held: list[str] = []
        self._last_t = 0.0

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def feed(self, char: str, t: float) -> Decision:
        """What to do with key ``char`` pressed at time ``t`` (seconds, monotonic)."""
        fast = bool(self._held) and t - self._last_t <= self.max_gap_s
        if self._held and not fast:
            # The pause shows the held keys were typed; this key goes with them.
            return self._release(extra=char)
        if char in self.terminators:
            if not self._held:
                return Decision(WedgeAction.PASS_THROUGH)
            if len(self._held) >= self.min_length:
                text = "".join(self._held)
                self._held.clear()
                return Decision(WedgeAction.BURST_COMPLETE, text)
            return self._release(extra=char)
        if len(char) != 1 or not char.isprintable():
            # Backspace, arrows, shortcuts: never part of a scan.
            return self._release(extra=char) if self._held else Decision(WedgeAction.PASS_THROUGH)
        self._held.append(char)
        self._last_t = t
        return Decision(WedgeAction.HOLD)

    def poll(self, t: float) -> Decision:
        """Called from a timer: release held keys once a pause shows a person typed them."""
        if self._held and t - self._last_t > self.max_gap_s:
            return self._release()
        return NOTHING

    def _release(self, extra: str = "") -> Decision:
        text = "".join(self._held) + extra
        self._held.clear()
        return Decision(WedgeAction.RELEASE, text)
