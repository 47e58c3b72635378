"""Opening the desk window from the command line."""

from __future__ import annotations

import argparse
import os
import sys

from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_


class NoDisplayError(CheckpointError):
    exit_code = 5


def check_display() -> None:
    """Raise a clear error when no screen is available for a window."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "vnc", "eglfs", "linuxfb")):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        raise NoDisplayError(
            N_(
                "No display found (DISPLAY is not set): the desk needs a screen. "
                "Run it on the laptop's desktop, or under Xvfb for testing."
            )
        )


def open_desk(args: argparse.Namespace) -> int:
    """Open the main window; returns when it is closed."""
    check_display()
    from checkpoint_desk.ui.app import run_desk

    return run_desk(args)
