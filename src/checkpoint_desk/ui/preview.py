"""The camera preview: the latest frame, the code outlined, the camera's state."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from checkpoint_desk.ui.camera_worker import CameraState, camera_state_text


class FrameView(QWidget):
    """Draws the last frame scaled to fit, with the code's corners in green."""

    frame_drawn = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._corners: list[tuple[float, float]] = []
        self.message = ""
        self.setMinimumSize(QSize(320, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_frame(self, image: QImage, corners: list[tuple[float, float]]) -> None:
        self._image = image
        self._corners = corners
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#101214"))
        if self._image is not None and not self._image.isNull():
            size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = (self.width() - size.width()) / 2
            y = (self.height() - size.height()) / 2
            target = QRectF(x, y, size.width(), size.height())
            painter.drawImage(target, self._image)
            if len(self._corners) >= 3:
                sx = size.width() / self._image.width()
                sy = size.height() / self._image.height()
                polygon = QPolygonF([QPointF(x + cx * sx, y + cy * sy) for cx, cy in self._corners])
                painter.setPen(QPen(QColor("#22DD55"), 4))
                painter.drawPolygon(polygon)
        if self.message:
            painter.setPen(QColor("#FFFFFF"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message)
        painter.end()
        self.frame_drawn.emit()


class CameraPreview(QWidget):
    """Preview plus a state line (live / lost / demo / none) and "Choose camera…"."""

    choose_camera_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = FrameView(self)
        self.state = CameraState.NONE
        self.detail = ""
        self.state_label = QLabel(self)
        self.state_label.setObjectName("cameraState")
        self.state_label.setWordWrap(True)  # a narrow column at a large font scale
        self.choose_button = QPushButton(self)
        self.choose_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.choose_button.clicked.connect(self.choose_camera_requested)
        row = QHBoxLayout()
        row.addWidget(self.state_label, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.retranslate()

    def state_text(self) -> str:
        return camera_state_text(self.state)

    def retranslate(self) -> None:
        self.state_label.setText(self.tr("Camera: {state}").format(state=self.state_text()))
        self.choose_button.setText(self.tr("Choose camera…"))
        message = ""
        if self.state == CameraState.NONE:
            message = self.tr("No camera — use the handheld scanner or type the details")
        elif self.state == CameraState.LOST:
            message = self.tr("Camera lost — reconnecting…")
        self.view.message = "\n".join(part for part in (message, self.detail) if part)
        self.view.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot(QImage, list)
    def _on_frame_ready(self, image: QImage, corners: list[tuple[float, float]]) -> None:
        self.view.set_frame(image, corners)

    @Slot(str, str)
    def _on_camera_state_changed(self, state: str, detail: str) -> None:
        self.state = state
        self.detail = detail if state in (CameraState.NONE, CameraState.LOST) else ""
        self.retranslate()
