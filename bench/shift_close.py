"""Shift close: how long it takes, and how long the window's event loop stands still.

    .venv/bin/python -m bench.shift_close [--visits 500]

A demo station (offscreen) gets ``--visits`` registrations in the open shift, then the
shift is closed from the end-of-shift page (backup, retention purge, the XLSX and PDF
shift ledgers). A 10 ms timer runs meanwhile; the longest gap between its ticks is
the longest the window could not paint or take a key. For comparison the same close
is also run the old way, on the GUI thread (``ShiftSession.close_shift`` called
directly), on a second station; the runs alternate, two of each.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from itertools import pairwise
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
os.environ.setdefault("CHECKPOINT_DESK_PASSPHRASE", "bench shift close passphrase")


def run(visits: int, on_worker: bool) -> tuple[float, float]:
    """(seconds the close took, longest event-loop gap in seconds)."""
    from PySide6.QtCore import QEventLoop, QTimer

    from checkpoint_desk.paths import DataDir
    from checkpoint_desk.services.drafts import VisitDraft
    from checkpoint_desk.ui.app import build_desk, no_camera_factory

    root = Path(tempfile.mkdtemp(prefix="bench-shift-close-")) / "desk"
    desk = build_desk(DataDir(root), demo=True, camera=no_camera_factory, lang="zh_CN")
    window = desk.window
    window.show()
    shift = window.loop.shift
    assert shift is not None
    for n in range(visits):
        draft = VisitDraft(name=f"访客{n}", phone=f"138{n:08d}", temperature="36.5")
        desk.session.register(draft, shift_id=shift.id)
    window.end_shift_button.click()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    desk.app.processEvents()
    began = time.perf_counter()
    ticks.append(began)
    if on_worker:
        closed = QEventLoop()
        window.close_panel.shift_closed.connect(closed.quit)
        window.close_panel.close_button.click()
        closed.exec()
    else:
        desk.shifts.close_shift(shift.id, "")
        desk.app.processEvents()
    ended = time.perf_counter()
    ticks.append(ended)
    timer.stop()
    gap = max(b - a for a, b in pairwise(ticks))
    desk.close()
    return ended - began, gap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=500)
    args = parser.parse_args()
    # Alternating, twice each: the first close of the process also imports the ledgers.
    for label, on_worker in [("GUI thread (before)", False), ("worker (now)", True)] * 2:
        took, gap = run(args.visits, on_worker)
        print(f"{label:20} close {took:6.2f} s   longest event-loop gap {gap * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
