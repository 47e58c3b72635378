"""Dialogs over the desk's window that give the keyboard back when they close.

With no window manager (a kiosk session, Xvfb) nothing re-activates the window when a
dialog over it closes: the F-keys then do nothing and a scanner's burst reaches no
window. Every dialog the volunteer opens over the window goes through here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget


def run_modal(dialog: QDialog, window: QWidget | None) -> int:
    """``dialog.exec()``, then the window (if there is one) has the keyboard again."""
    try:
        return dialog.exec()
    finally:
        if window is not None:
            window.activateWindow()


def open_over(dialog: QDialog, window: QWidget) -> None:
    """``dialog.open()`` (window-modal, the desk's timers run on); when it finishes the
    window has the keyboard again."""
    dialog.finished.connect(lambda _result: window.activateWindow())
    dialog.open()
