"""The verdict banner: huge colour, word and icon, and the reasons in plain words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkpoint_desk.domain.verdict import Reason, Verdict
from checkpoint_desk.ui.theme import LIGHT, Theme

Phrase = Callable[[], str]
"""A text worded when shown (``lambda: self.tr(…)``), so it follows a language switch."""

Part = Reason | Phrase | str
"""One part of the banner's lines: a reason, a phrase, or fixed text (a name)."""

Detail = str | Sequence[Part]
"""A line under the reasons: text, or parts whose reasons are translated when shown."""


def worded(part: Part) -> str:
    """The part in the current language."""
    if isinstance(part, str):
        return part
    return part.text() if isinstance(part, Reason) else part()


class BannerState(StrEnum):
    IDLE = "idle"
    PASS = "pass"
    STOP = "stop"
    CHECK = "check"
    DUPLICATE = "duplicate"


class VerdictIcon(QWidget):
    """A drawn icon (tick, cross, exclamation mark, dot) so no font is needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = BannerState.IDLE
        self.colour = QColor("#FFFFFF")
        self.setFixedSize(QSize(84, 84))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.colour, 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.scale(self.width() / 96, self.height() / 96)
        box = QRectF(8, 8, 80, 80)
        painter.drawEllipse(box)
        if self.state is BannerState.PASS:
            painter.drawPolyline(QPolygonF([QPointF(28, 50), QPointF(42, 64), QPointF(68, 34)]))
        elif self.state is BannerState.STOP:
            painter.drawLine(QPointF(32, 32), QPointF(64, 64))
            painter.drawLine(QPointF(64, 32), QPointF(32, 64))
        elif self.state in (BannerState.CHECK, BannerState.DUPLICATE):
            painter.drawLine(QPointF(48, 26), QPointF(48, 54))
            painter.drawPoint(QPointF(48, 68))
        else:
            painter.drawPoint(QPointF(48, 48))
        painter.end()


class VerdictBanner(QWidget):
    """Shows what the desk says about the visitor in front of the volunteer.

    Emits ``colour_confirmed("green"|"yellow"|"red")`` when the volunteer confirms
    the colour an unverified code shows (buttons G / Y / R, visible only then).
    """

    colour_confirmed = Signal(str)
    state_changed = Signal(str)  # the full-width flash follows it (verdict_flash.py)

    def __init__(self, theme: Theme = LIGHT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.theme = theme
        self.state = BannerState.IDLE
        self._reasons: list[Part] = []
        self._notice: Part = ""
        self._detail: Detail = ""
        self.icon = VerdictIcon(self)
        self.word = QLabel(self)
        self.word.setObjectName("verdictWord")
        self.second_word = QLabel(self)
        self.reasons = QLabel(self)
        self.reasons.setObjectName("verdictReasons")
        self.reasons.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setObjectName("verdictNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self._apply_fonts()
        self.green_button = QPushButton(self)
        self.yellow_button = QPushButton(self)
        self.red_button = QPushButton(self)
        for button, colour in (
            (self.green_button, "green"),
            (self.yellow_button, "yellow"),
            (self.red_button, "red"),
        ):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, c=colour: self.colour_confirmed.emit(c))
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addSpacing(12)
        top.addWidget(self.word)
        top.addSpacing(12)
        top.addWidget(self.second_word, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)  # the words stay together on the left; the notice hidden
        top.addSpacing(24)
        # The notice ("next visitor scanned") beside the word, wrapped within its height:
        # a line of its own under the reasons cost the form its fields' height at font
        # scale 1.5 when the stop panel also said what was wrong.
        top.addWidget(self.notice, 100)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        colours = QHBoxLayout()
        colours.addWidget(self.green_button)
        colours.addWidget(self.yellow_button)
        colours.addWidget(self.red_button)
        colours.addStretch(1)
        layout = QVBoxLayout(self)
        # Less air than 6 and 4: at font scale 1.5 they squeezed the form below its fields.
        layout.setContentsMargins(16, 4, 16, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.reasons)
        layout.addLayout(colours)
        self.setMinimumHeight(120)
        self.show_colour_buttons(False)
        self._render()

    # -- what to show --------------------------------------------------------------
    def show_idle(self, detail: Detail = "") -> None:
        self._set(BannerState.IDLE, [], detail)

    def show_waiting(self, reasons: Sequence[Part], detail: Detail = "") -> None:
        """Yellow CHECK: the desk waits for the volunteer (colour, temperature)."""
        self._set(BannerState.CHECK, list(reasons), detail)

    def show_verdict(self, verdict: Verdict, detail: Detail = "") -> None:
        state = BannerState.PASS if verdict.passed else BannerState.STOP
        self._set(state, list(verdict.reasons), detail)

    def show_duplicate(self, detail: Detail = "") -> None:
        self._set(BannerState.DUPLICATE, [], detail)

    def set_notice(self, text: Part) -> None:
        """A line under the reasons that stays across states ("next visitor scanned")."""
        self._notice = text
        if worded(text) != self.notice.text():
            self._render()

    def show_colour_buttons(self, visible: bool) -> None:
        for button in (self.green_button, self.yellow_button, self.red_button):
            button.setVisible(visible)

    def set_theme(self, theme: Theme) -> None:
        """A new theme (or font scale): colours and sizes follow."""
        self.theme = theme
        self._apply_fonts()
        self._render()

    def _apply_fonts(self) -> None:
        base = QApplication.font()
        # Above 14 pt (font scale 1.25 and up) the word grows less, above 15 pt (1.5) the
        # reasons too, so the banner, the stop panel and the form still fit 768 pixels
        # with five recent visits.
        size = base.pointSizeF()
        word = 3.0 if size <= 14 else (2.6 if size <= 15 else 2.2)
        reasons = 1.35 if size <= 15 else 1.2
        # The notice ("next visitor scanned") is second to the verdict: at 1.5 it is the
        # body size (bold), or with a stop panel's problem the form's fields were squeezed.
        notice = reasons if size <= 15 else 1.0
        labels = ((self.word, word), (self.second_word, 1.6), (self.reasons, reasons))
        for label, factor in (*labels, (self.notice, notice)):
            font = QFont(base)
            font.setPointSizeF(size * factor)
            font.setBold(True)
            label.setFont(font)
        # The icon is as tall as the word, never taller: it stays clear of the reasons.
        side = min(84, self.word.fontMetrics().height())
        self.icon.setFixedSize(QSize(side, side))

    def reason_codes(self) -> list[str]:
        """The shown reasons' codes (``fever`` …), for the spoken verdict."""
        return [r.code for r in self._reasons if isinstance(r, Reason)]

    def reason_texts(self) -> list[str]:
        return [worded(r) for r in self._reasons]

    def _set(self, state: BannerState, reasons: list[Part], detail: Detail) -> None:
        self.state = state
        self._reasons = reasons
        self._detail = detail
        self._render()
        self.state_changed.emit(state.value)

    # -- drawing ---------------------------------------------------------------------
    def _words(self) -> tuple[str, str]:
        english = {
            BannerState.IDLE: "READY",
            BannerState.PASS: "PASS",
            BannerState.STOP: "STOP",
            BannerState.CHECK: "CHECK",
            BannerState.DUPLICATE: "ALREADY REGISTERED",
        }[self.state]
        translated = {
            BannerState.IDLE: self.tr("READY"),
            BannerState.PASS: self.tr("PASS"),
            BannerState.STOP: self.tr("STOP"),
            BannerState.CHECK: self.tr("CHECK"),
            BannerState.DUPLICATE: self.tr("ALREADY REGISTERED"),
        }[self.state]
        return translated, ("" if translated == english else english)

    def _render(self) -> None:
        theme = self.theme
        bg, fg = {
            BannerState.IDLE: (theme.idle_bg, theme.idle_fg),
            BannerState.PASS: (theme.pass_bg, theme.pass_fg),
            BannerState.STOP: (theme.stop_bg, theme.stop_fg),
            BannerState.CHECK: (theme.check_bg, theme.check_fg),
            BannerState.DUPLICATE: (theme.check_bg, theme.check_fg),
        }[self.state]
        style = (
            f"#verdictBanner {{ background: {bg}; border-radius: 6px; }}"
            f"#verdictBanner QLabel {{ color: {fg}; background: transparent; }}"
        )
        if style != self.styleSheet():  # restyling is slow; the banner renders per key
            self.setStyleSheet(style)
        self.icon.state = self.state
        self.icon.colour = QColor(fg)
        self.icon.update()
        word, second = self._words()
        self.word.setText(word)
        self.second_word.setText(second)
        lines = self.reason_texts()
        parts = [self._detail] if isinstance(self._detail, str) else self._detail
        lines += [text for text in map(worded, parts) if text]
        if not lines and self.state is BannerState.IDLE:
            lines = [self.tr("Scan a code, or type the details and the temperature.")]
        self.reasons.setText(" · ".join(lines))
        notice = worded(self._notice)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))
        self.setAccessibleName(" ".join([word, second, *lines, self.notice.text()]).strip())
        self.green_button.setText(self.tr("Green (G)"))
        self.yellow_button.setText(self.tr("Yellow (Y)"))
        self.red_button.setText(self.tr("Red (R)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
