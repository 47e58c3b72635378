"""Starting the Qt application and the main window."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from checkpoint_desk import __version__


def run_desk(args: argparse.Namespace) -> int:
    """Create the application and window, run the event loop, return its exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle(f"卡点登记台 Checkpoint Desk {__version__}")
    window.setCentralWidget(QLabel("卡点登记台 Checkpoint Desk"))
    window.resize(1366, 768)
    window.show()
    return int(app.exec())
