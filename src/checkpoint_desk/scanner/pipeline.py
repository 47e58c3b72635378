"""The live pipeline: capture thread → latest frame only → decode thread → debounce.

Threads and callbacks::

    capture thread: source.read() → the one-frame slot (an unread frame there is
                    replaced and counted as dropped: frames are never queued)
    decode thread:  slot → Cascade → Debouncer → on_code(ScanReport)
                                              → on_frame(frame, corners) (throttled)
    either thread:  on_state(state, detail) when the state changes

Callbacks run on the pipeline's threads: keep them short and thread-safe (the UI
turns them into Qt signals), and do not call ``stop()`` from one. ``stop()`` never
waits on a blocked ``read()``: the capture thread is a daemon and is abandoned after
the timeout; it closes the source itself when (if) ``read()`` returns.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_
from checkpoint_desk.scanner.cascade import Cascade
from checkpoint_desk.scanner.debounce import Debouncer
from checkpoint_desk.scanner.decoded import Corners
from checkpoint_desk.scanner.frames import Frame, FrameSource, SourceState


@dataclass(frozen=True)
class ScanReport:
    """A code accepted by the debouncer: what ``on_code`` receives."""

    text: str
    corners: Corners
    decoder: str
    frame_index: int
    timestamp: float  # capture time of the frame (the source's monotonic clock)
    frame_size: tuple[int, int]  # (width, height), to scale corners onto the preview


@dataclass(frozen=True)
class PipelineStats:
    frames_captured: int = 0
    frames_decoded: int = 0
    frames_dropped: int = 0
    codes_reported: int = 0
    last_decode_ms: float = 0.0


OnCode = Callable[[ScanReport], None]
OnFrame = Callable[[Frame, tuple[Corners, ...]], None]
OnState = Callable[[SourceState, str], None]

_log = logging.getLogger(__name__)

IDLE_SLEEP_S = 0.01
"""Pause after a read gave no frame (a camera reconnecting): the caller must not spin."""


def _ignore(*_: object) -> None:
    return None


class ScanPipeline:
    """Scan frames from ``source`` until stopped (or until a file source ends).

    Args:
        source: where frames come from; the pipeline opens and closes it.
        cascade: the decoder cascade (``Cascade(available_decoders()[0])``).
        on_code: called once per accepted code.
        on_frame: called with frames for the preview and the corners found in them,
            at most every ``preview_interval_s``.
        on_state: called when the state changes (``live``, ``lost-reconnecting``,
            ``demo``, ``none``, ``ended``); ``detail`` is an English message marked
            for translation (show it with ``gettext``), or "".
        debouncer: decides what is reported (default: ``Debouncer()``: 10 s window,
            signed codes on the first read, other texts on two agreeing frames; pass
            ``Debouncer(settings.values.duplicate_window_s)``, and ``confirmations=1``
            for a folder of unrelated stills).
        stall_s: a live source giving no frame for this long is reported
            ``lost-reconnecting`` ("no picture") until frames come again.
        recent_s: a code seen this recently guides the cascade's crop pass.
    """

    def __init__(
        self,
        source: FrameSource,
        cascade: Cascade,
        *,
        on_code: OnCode,
        on_frame: OnFrame | None = None,
        on_state: OnState | None = None,
        debouncer: Debouncer | None = None,
        preview_interval_s: float = 1 / 15,
        stall_s: float = 2.0,
        recent_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.source = source
        self.cascade = cascade
        self._on_code = on_code
        self._on_frame: OnFrame = on_frame or _ignore
        self._on_state: OnState = on_state or _ignore
        self.debouncer = debouncer or Debouncer()
        self._preview_interval = preview_interval_s
        self._stall_s = stall_s
        self._recent_s = recent_s
        self._clock = clock
        self._lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._slot_ready = threading.Condition(self._lock)
        self._slot: Frame | None = None
        self._stopping = threading.Event()
        self._capture_done = threading.Event()
        self._forget = threading.Event()
        self._stats = PipelineStats()
        self._state = SourceState.NONE
        self._detail = ""
        self._last_frame_at = 0.0
        self._threads: list[threading.Thread] = []

    # -- public -------------------------------------------------------------------

    @property
    def state(self) -> SourceState:
        with self._lock:
            return self._state

    @property
    def stats(self) -> PipelineStats:
        with self._lock:
            return self._stats

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def start(self) -> None:
        """Start the capture and decode threads (returns at once)."""
        if self._threads:
            raise RuntimeError("a pipeline starts once; make a new one to scan again")
        self._threads = [
            threading.Thread(target=self._capture_loop, name="scan-capture", daemon=True),
            threading.Thread(target=self._decode_loop, name="scan-decode", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 0.5) -> bool:
        """Stop both threads; True when they ended within ``timeout`` seconds.

        A capture thread blocked in the source's ``read()`` is abandoned (it is a
        daemon and closes the source when the read returns); the decode thread ends
        after the frame it is decoding.
        """
        deadline = time.monotonic() + timeout
        self._stopping.set()
        with self._slot_ready:
            self._slot_ready.notify_all()
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not self.running

    def forget_codes(self) -> None:
        """Let codes already reported be reported again (e.g. the volunteer cleared the
        form and asks for the same phone again). Safe from any thread."""
        self._forget.set()

    def wait(self, timeout: float | None = None) -> bool:
        """For file sources: wait until every frame was decoded; True when done."""
        decode = self._threads[1] if len(self._threads) > 1 else None
        if decode is None:
            return True
        decode.join(timeout)
        return not decode.is_alive()

    # -- state --------------------------------------------------------------------

    def _set_state(self, state: SourceState, detail: str) -> None:
        # Both threads change the state; one lock around change and callback keeps the
        # callbacks in the order the changes happened.
        with self._state_lock:
            with self._lock:
                if (state, detail) == (self._state, self._detail):
                    return
                self._state, self._detail = state, detail
            self._on_state(state, detail)

    def _count(self, **changes: float) -> None:
        with self._lock:
            stats = self._stats
            updated = {
                k: getattr(stats, k) + v for k, v in changes.items() if k != "last_decode_ms"
            }
            if "last_decode_ms" in changes:
                updated["last_decode_ms"] = changes["last_decode_ms"]
            self._stats = replace(stats, **updated)

    # -- capture thread ----------------------------------------------------------

    def _capture_loop(self) -> None:
        source = self.source
        try:
            try:
                source.open()
            except CheckpointError as exc:
                self._set_state(SourceState.NONE, str(exc))
                return
            except Exception as exc:  # a broken driver must not take the app down
                self._set_state(SourceState.NONE, f"{source.describe()}: {exc}")
                return
            self._last_frame_at = self._clock()
            self._set_state(source.state, source.detail)
            while not self._stopping.is_set():
                try:
                    frame = source.read()
                except Exception as exc:
                    self._set_state(SourceState.NONE, f"{source.describe()}: {exc}")
                    return
                if frame is None:
                    if source.state in (SourceState.ENDED, SourceState.NONE):
                        self._set_state(source.state, source.detail)
                        return
                    self._report_source_state()
                    self._stopping.wait(IDLE_SLEEP_S)
                    continue
                self._last_frame_at = self._clock()
                self._set_state(source.state, source.detail)
                self._offer(frame)
        finally:
            self._capture_done.set()
            with self._slot_ready:
                self._slot_ready.notify_all()
            # Closing a dead camera may fail too; there is nothing more to do then.
            with contextlib.suppress(Exception):
                source.close()

    def _report_source_state(self) -> None:
        if self.source.state is not SourceState.LIVE:
            self._set_state(self.source.state, self.source.detail)

    def _offer(self, frame: Frame) -> None:
        with self._slot_ready:
            if not self.source.live:
                # Files: every frame is decoded, so wait for the slot to be free.
                while self._slot is not None and not self._stopping.is_set():
                    self._slot_ready.wait(0.1)
            dropped = self._slot is not None
            self._slot = frame
            self._slot_ready.notify_all()
        self._count(frames_captured=1, frames_dropped=int(dropped))

    # -- decode thread -----------------------------------------------------------

    def _take(self) -> Frame | None:
        """The frame in the slot, waiting up to 0.1 s; None if there is none yet."""
        with self._slot_ready:
            if self._slot is None and not self._stopping.is_set():
                self._slot_ready.wait(0.1)
            frame, self._slot = self._slot, None
            if frame is not None:
                self._slot_ready.notify_all()
            return frame

    def _check_stall(self) -> None:
        """A live source silent for ``stall_s``: say so (once, until frames come again)."""
        if not self.source.live or self.state is not SourceState.LIVE:
            return
        if self._clock() - self._last_frame_at >= self._stall_s:
            self._set_state(SourceState.RECONNECTING, N_("No picture from the camera"))

    @staticmethod
    def _deliver(callback: Callable[..., None], *args: object) -> None:
        """Call back; a failing callback is logged and scanning goes on."""
        try:
            callback(*args)
        except Exception:
            _log.exception("scanner callback %r failed", callback)

    def _decode_loop(self) -> None:
        last_corners: Corners | None = None
        last_seen_at = -1e9
        next_preview = 0.0
        while not self._stopping.is_set():
            frame = self._take()
            if frame is None:
                if self._capture_done.is_set() and self._slot is None:
                    return
                self._check_stall()
                continue
            near = last_corners if frame.timestamp - last_seen_at <= self._recent_s else None
            try:
                result = self.cascade.decode(frame.gray(), near=near)
            except Exception:  # one odd frame must not end scanning
                _log.exception("decoding frame %d failed", frame.index)
                continue
            self._count(frames_decoded=1, last_decode_ms=result.ms)
            if result.codes:
                last_corners, last_seen_at = result.codes[0].corners, frame.timestamp
            if self._forget.is_set():
                self._forget.clear()
                self.debouncer.reset()
            accepted = self.debouncer.observe((c.text for c in result.codes), frame.timestamp)
            for code in result.codes:
                if code.text in accepted:
                    self._count(codes_reported=1)
                    self._deliver(
                        self._on_code,
                        ScanReport(
                            code.text,
                            code.corners,
                            code.decoder,
                            frame.index,
                            frame.timestamp,
                            frame.size,
                        ),
                    )
            now = self._clock()
            if now >= next_preview:
                next_preview = now + self._preview_interval
                self._deliver(self._on_frame, frame, tuple(c.corners for c in result.codes))
