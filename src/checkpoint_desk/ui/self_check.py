"""The window part of ``checkpoint-desk --self-test``: open the desk, then close it.

It starts the desk exactly as a user does (``run_desk``), waits until the main window
is shown and its station open, reads its title and closes it, so the event loop ends
the way it ends when a volunteer closes the window (workers stopped, state saved).
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_

POLL_MS = 100
GIVE_UP_AFTER_POLLS = 600  # a minute on a slow, shared machine


class WindowCheckError(CheckpointError):
    exit_code = 1


def open_and_close_desk(args: argparse.Namespace) -> str:
    """Run the desk until its main window is shown, close it; describe what was shown."""
    from checkpoint_desk.ui.app import run_desk

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    seen: list[str] = []
    polls = [0]

    def close_when_shown() -> None:
        for widget in app.topLevelWidgets():
            # Shown at once; open once its station is (``MainWindow.station_open``).
            if (
                isinstance(widget, QMainWindow)
                and widget.isVisible()
                and widget.property("stationOpen") is not False
            ):
                size = widget.size()
                seen.append(f"{widget.windowTitle()!r} {size.width()}×{size.height()}")
                widget.close()
                return
        polls[0] += 1
        if polls[0] >= GIVE_UP_AFTER_POLLS:
            app.exit(3)
            return
        QTimer.singleShot(POLL_MS, close_when_shown)

    QTimer.singleShot(0, close_when_shown)
    code = run_desk(args)
    if not seen:
        raise WindowCheckError(N_("The main window was not shown."))
    if code != 0:
        raise WindowCheckError(
            N_("The desk exited with code {code} after its window closed."), code=code
        )
    return f"{seen[0]}, {app.platformName()}"
