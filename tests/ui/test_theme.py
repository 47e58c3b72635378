"""Readable at night: every text and every field's edge at WCAG contrast, both themes."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.theme import DARK, LIGHT, Theme, apply_theme, style_sheet

TEXT = 4.5  # WCAG 2.1 AA, normal text
EDGE = 3.0  # WCAG 2.1 non-text contrast (a field's border, the focus ring)


def luminance(colour: str) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    c = QColor(colour)
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def field_rule(sheet: str) -> str:
    """The style sheet's rule for QLineEdit (and the other fields) when not focused."""
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        names = [s.strip() for s in selectors.split(",")]
        if "QLineEdit" in names:
            return body
    raise AssertionError("no rule for QLineEdit")


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_text_and_field_edges_meet_wcag(qtbot: QtBot, theme: Theme) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    palette = app.palette()
    role = QPalette.ColorRole
    colour = {r: palette.color(r).name() for r in role if r != role.NColorRoles}
    for fg, bg in (
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.ButtonText, role.Button),
        (role.PlaceholderText, role.Base),
        (role.HighlightedText, role.Highlight),
    ):
        assert contrast(colour[fg], colour[bg]) >= TEXT, (theme.name, fg, bg)
    for fg in (theme.muted, theme.error):
        assert contrast(fg, theme.window) >= TEXT, (theme.name, fg)
    for fg, bg in (
        (theme.pass_fg, theme.pass_bg),
        (theme.stop_fg, theme.stop_bg),
        (theme.check_fg, theme.check_bg),
        (theme.idle_fg, theme.idle_bg),
    ):
        assert contrast(fg, bg) >= TEXT, (theme.name, fg, bg)
    rule = field_rule(style_sheet(theme))
    border = re.search(r"border:\s*\d+px solid (#[0-9A-Fa-f]{6})", rule)
    background = re.search(r"background:\s*(#[0-9A-Fa-f]{6})", rule)
    assert border and background, rule
    for surface in (background.group(1), theme.window):
        assert contrast(border.group(1), surface) >= EDGE, (theme.name, "field edge", surface)
        assert contrast(theme.highlight, surface) >= EDGE, (theme.name, "focus ring", surface)


def test_the_full_width_flash_takes_the_verdict_colour_on_the_desk_only(
    desk: Desk, qtbot: QtBot
) -> None:
    window = desk.window
    window.form.edits["name"].setText("陈静")
    window.form.edits["temperature"].setText("385")
    window.loop.commit()
    assert window.flash.colour == window.theme.stop_bg
    assert window.flash.width() >= window.centralWidget().width() - 16, "across the window"
    window.end_shift_button.click()
    assert window.flash.colour == window.theme.window, "no verdict colour on the shift page"
