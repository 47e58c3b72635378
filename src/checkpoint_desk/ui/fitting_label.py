"""A label said in a long and a short wording: it shows the longest that fits its width.

The status bar at font scale 1.5 has no room for every fact in full ("Trust list:
updated within the hour" got 50 pixels in English): the label asks for its long
wording's width, shows the short one when that is what it gets, and elides the
shortest only when even that does not fit. The tooltip always holds the long wording.
An ``elastic`` label asks for no width at all (a field's problem under the field: the
column is the field's; the banner says the problem in full).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class FittingLabel(QLabel):
    """``set_wordings(long, short, …)``: longest first."""

    def __init__(self, parent: QWidget | None = None, *, elastic: bool = False) -> None:
        super().__init__(parent)
        self.wordings: tuple[str, ...] = ()
        self.elastic = elastic

    def set_wordings(self, *wordings: str) -> None:
        self.wordings = tuple(w for w in wordings if w)
        self.setToolTip(self.wordings[0] if self.wordings else "")
        self._fit()
        self.updateGeometry()

    def _width_of(self, text: str) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.elastic:
            hint.setWidth(self._width_of(""))
        elif self.wordings:
            hint.setWidth(self._width_of(self.wordings[0]))
        return hint

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self.elastic:
            hint.setWidth(self._width_of(""))
        elif self.wordings:
            hint.setWidth(self._width_of(self.wordings[-1]))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width()
        metrics = self.fontMetrics()
        for wording in self.wordings:
            if metrics.horizontalAdvance(wording) <= room:
                self.setText(wording)
                return
        last = self.wordings[-1] if self.wordings else ""
        self.setText(metrics.elidedText(last, Qt.TextElideMode.ElideRight, room))
