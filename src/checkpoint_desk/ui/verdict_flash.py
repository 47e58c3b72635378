"""The window's header row in the verdict's colour, across the whole window.

The banner sits in the right-hand column; a volunteer looking at the visitor (or at
the queue) sees the colour change from the corner of an eye across the whole screen.
The header row itself is the strip (no extra height at 1366×768), its text in the
verdict's own foreground colour.
A new PASS / STOP / CHECK flashes three times, then the strip stays in that colour
while the verdict holds; READY is the window's own colour.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QWidget

from checkpoint_desk.ui.theme import Theme
from checkpoint_desk.ui.verdict_banner import BannerState

FLASHES = 3
FLASH_MS = 160


class VerdictFlash(QWidget):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictFlash")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.theme = theme
        self.state = BannerState.IDLE
        self.colour = theme.window
        self._blinks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(FLASH_MS)
        self._timer.timeout.connect(self._on_blink)
        self.foreground = theme.text
        self._paint(self.colour)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.show_state(self.state.value, flash=False)

    @Slot(str)
    def show_state(self, state: str, flash: bool = True) -> None:
        self.state = BannerState(state)
        theme = self.theme
        self.colour, self.foreground = {
            BannerState.PASS: (theme.pass_bg, theme.pass_fg),
            BannerState.STOP: (theme.stop_bg, theme.stop_fg),
            BannerState.CHECK: (theme.check_bg, theme.check_fg),
            BannerState.DUPLICATE: (theme.check_bg, theme.check_fg),
        }.get(self.state, (theme.window, theme.text))
        self._paint(self.colour)
        self._timer.stop()
        if flash and self.state is not BannerState.IDLE:
            self._blinks = FLASHES * 2
            self._timer.start()

    @Slot()
    def _on_blink(self) -> None:
        self._blinks -= 1
        off = self._blinks % 2
        self._paint(self.theme.window if off else self.colour, self.theme.text if off else None)
        if self._blinks <= 0:
            self._timer.stop()
            self._paint(self.colour)

    def _paint(self, colour: str, foreground: str | None = None) -> None:
        self.setStyleSheet(
            f"#verdictFlash {{ background: {colour}; border-radius: 4px; }}"
            f"#verdictFlash > QLabel {{ color: {foreground or self.foreground};"
            " font-weight: bold; }"
        )
