"""One phone held up is one registration: accept a code once, then ignore it a while.

Plain Python, no threads, time passed in: the pipeline calls :meth:`Debouncer.observe`
with the texts read in each frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

DEFAULT_WINDOW_S = 10.0
"""Same as the ``duplicate_window_s`` setting's default."""

SIGNED_PREFIXES = ("HC1:", "CKH1:", "CKT1:", "CKP1:")
"""Codes in the signed envelope (DESIGN §5): a misread one fails its signature."""


def reads_needed(text: str) -> int:
    """Consistent reads before a code is reported: 1 for signed codes, else 2.

    Measured (docs/benchmarks.md): one report in about 33,000 decoded frames of the
    demo feed was a text no code showed. A signed code read wrongly fails verification and is
    never shown green, so it is reported at once (each extra read costs a frame,
    33 ms of the 0.3 s budget); a URL or plain text has no such check, so it waits
    for a second frame that agrees.
    """
    return 1 if text.startswith(SIGNED_PREFIXES) else 2


class Debouncer:
    """Accept a text after ``confirmations`` reads, then ignore it while it stays in
    view and for ``window_s`` seconds after it was last seen.

    ``confirmations`` is a number or a function of the text (default
    :func:`reads_needed`); the reads must fall within ``confirm_within_s`` of each
    other (frames where the code was not read in between are allowed: a hand moves).
    """

    def __init__(
        self,
        window_s: float = DEFAULT_WINDOW_S,
        *,
        confirmations: int | Callable[[str], int] = reads_needed,
        confirm_within_s: float = 1.0,
    ) -> None:
        if isinstance(confirmations, int) and confirmations < 1:
            raise ValueError("confirmations must be at least 1")
        self.window_s = window_s
        self.confirmations = confirmations
        self.confirm_within_s = confirm_within_s
        self._last_seen: dict[str, float] = {}  # accepted text → last time seen
        self._pending: dict[str, tuple[int, float]] = {}  # text → (reads, last read)

    def observe(self, texts: Iterable[str], now: float) -> list[str]:
        """The texts among ``texts`` (read at ``now``) to report; each at most once."""
        self._forget(now)
        accepted: list[str] = []
        for text in dict.fromkeys(texts):
            if text in self._last_seen:
                self._last_seen[text] = now  # still in view: the window restarts
                continue
            reads, _ = self._pending.get(text, (0, now))
            reads += 1
            needed = (
                self.confirmations
                if isinstance(self.confirmations, int)
                else self.confirmations(text)
            )
            if reads >= needed:
                self._pending.pop(text, None)
                self._last_seen[text] = now
                accepted.append(text)
            else:
                self._pending[text] = (reads, now)
        return accepted

    def _forget(self, now: float) -> None:
        """Drop texts out of their window and stale partial confirmations (memory stays flat)."""
        for text in [t for t, seen in self._last_seen.items() if now - seen >= self.window_s]:
            del self._last_seen[text]
        stale = [t for t, (_, at) in self._pending.items() if now - at > self.confirm_within_s]
        for text in stale:
            del self._pending[text]

    def reset(self) -> None:
        """Forget everything (a new shift, or the operator asked to scan again)."""
        self._last_seen.clear()
        self._pending.clear()
