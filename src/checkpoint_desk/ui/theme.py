"""Light and dark themes, the verdict colours, and the font scale.

Verdict colours are chosen for contrast with white text and with each other for
colour-blind volunteers; the banner's word and icon carry the meaning as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from checkpoint_desk.resources import resource_path

BASE_POINT_SIZE = 11.0


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    base: str
    text: str
    muted: str
    button: str
    highlight: str
    error: str
    field_border: str  # the edge of every input field: ≥ 3:1 against base and window
    on_highlight: str  # text on the highlight (a checked In/Out button, a selection)
    pass_bg: str = "#0B6B2E"  # deep green: white text at > 6:1
    stop_bg: str = "#B3001B"  # deep red: white text at > 6:1
    check_bg: str = "#F2C200"  # amber: black text
    idle_bg: str = "#44505C"
    pass_fg: str = "#FFFFFF"
    stop_fg: str = "#FFFFFF"
    check_fg: str = "#000000"
    idle_fg: str = "#FFFFFF"


LIGHT = Theme(
    name="light",
    window="#F3F4F6",
    base="#FFFFFF",
    text="#111111",
    muted="#4B5563",
    button="#E5E7EB",
    highlight="#1D4ED8",
    error="#B3001B",
    field_border="#6B7280",
    on_highlight="#FFFFFF",
)
DARK = Theme(
    name="dark",
    window="#15181C",
    base="#1F2329",
    text="#F2F2F2",
    muted="#B6BDC6",
    button="#2C323A",
    highlight="#7DA6F5",
    error="#FF7A85",
    field_border="#8C96A3",
    on_highlight="#000000",
    idle_bg="#2C323A",
)
THEMES = {"light": LIGHT, "dark": DARK}


def theme_named(name: str) -> Theme:
    return THEMES.get(name, LIGHT)


def apply_theme(app: QApplication, theme: Theme, font_scale: float = 1.0) -> None:
    """Palette, base font size and the style sheet for large click targets.

    The style and the sheet are set only when they change: each costs a re-polish of
    every widget (20 and 65 ms here), and the desk applies the theme at every start of
    a window, the tests at every test."""
    style = app.style()
    if style is None or style.name().lower() != "fusion":
        app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(theme.window))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(theme.text))
    palette.setColor(QPalette.ColorRole.Base, QColor(theme.base))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(theme.window))
    palette.setColor(QPalette.ColorRole.Text, QColor(theme.text))
    palette.setColor(QPalette.ColorRole.Button, QColor(theme.button))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(theme.text))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(theme.highlight))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(theme.on_highlight))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor(theme.base))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(theme.text))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(theme.muted))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setFamilies(["Noto Sans CJK SC", "Noto Sans", "Microsoft YaHei", "PingFang SC"])
    font.setPointSizeF(BASE_POINT_SIZE * font_scale)
    font_changed = font != app.font()
    if font_changed:
        app.setFont(font)
    sheet = style_sheet(theme)
    if font_changed or app.styleSheet() != sheet:  # the sheet's em sizes follow the font
        app.setStyleSheet(sheet)


def style_sheet(theme: Theme) -> str:
    # The focus border is 1 px thicker and the padding 1 px thinner: a field keeps its
    # size when it takes the cursor (the re-test field asked 38 px of a 36 px row).
    return f"""
QPushButton {{ min-height: 32px; padding: 2px 10px; }}
QLineEdit, QSpinBox, QDoubleSpinBox, QComboBox, QPlainTextEdit {{
    min-height: 26px; background: {theme.base}; color: {theme.text};
    border: 1px solid {theme.field_border}; border-radius: 3px; padding: 0px 4px;
}}
QLineEdit:focus, QSpinBox:focus, QDoubleSpinBox:focus, QComboBox:focus,
QPlainTextEdit:focus {{ border: 2px solid {theme.highlight}; padding: -1px 3px; }}
{spin_arrows(theme)}
{check_boxes(theme)}
QLabel[role="problem"] {{ color: {theme.error}; }}
QLabel[role="muted"] {{ color: {theme.muted}; }}
QPushButton[role="primary"] {{ font-weight: bold; }}
QPushButton#insideCount {{ min-height: 0px; padding: 0px 6px; }}
QPushButton:checked {{
    background: {theme.highlight}; color: {theme.on_highlight}; font-weight: bold;
}}
"""


def _url(theme: Theme, name: str) -> str:
    """``url("…")`` of the theme's picture resources/themes/<theme>/<name>.svg."""
    return f'url("{resource_path("themes", theme.name, f"{name}.svg").as_posix()}")'


def check_boxes(theme: Theme) -> str:
    """A check box's square in the fields' border colour, sized with the font, and a
    real tick: the platform's was a dark square on the dark theme's dark window."""
    return "\n".join(
        (
            "QCheckBox::indicator { width: 0.8em; height: 0.8em; border-radius: 3px;"
            f" border: 2px solid {theme.field_border}; background: {theme.base}; }}",
            f"QCheckBox::indicator:focus {{ border-color: {theme.highlight}; }}",
            f"QCheckBox::indicator:checked {{ image: {_url(theme, 'check')}; }}",
            f"QCheckBox::indicator:disabled {{ background: {theme.window}; }}",
            f"QCheckBox::indicator:checked:disabled {{ image: {_url(theme, 'check-disabled')}; }}",
        )
    )


def spin_arrows(theme: Theme) -> str:
    """Real arrows on spin boxes (whole and decimal: QAbstractSpinBox) and combo boxes:
    once the sheet styles them, Qt draws dashes."""
    rules = [
        "QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {"
        f" subcontrol-origin: border; width: 24px; background: {theme.button};"
        f" border-left: 1px solid {theme.field_border}; }}",
        "QAbstractSpinBox::up-button { subcontrol-position: top right;"
        " border-top-right-radius: 3px; }",
        "QAbstractSpinBox::down-button { subcontrol-position: bottom right;"
        f" border-top: 1px solid {theme.field_border}; border-bottom-right-radius: 3px; }}",
    ]
    for arrow in ("up", "down"):
        rules.append(
            f"QAbstractSpinBox::{arrow}-arrow {{ image: {_url(theme, 'spin-' + arrow)};"
            " width: 12px; height: 12px; }"
        )
        rules.append(
            f"QAbstractSpinBox::{arrow}-arrow:disabled, QAbstractSpinBox::{arrow}-arrow:off"
            f" {{ image: {_url(theme, 'spin-' + arrow + '-disabled')}; }}"
        )
    # A combo box's drop-down (In/Out in the correction dialog) was a 4-pixel dash too.
    rules.append(
        "QComboBox::drop-down { subcontrol-origin: border; subcontrol-position: top right;"
        f" width: 24px; border-left: 1px solid {theme.field_border}; }}"
    )
    rules.append(f"QComboBox::down-arrow {{ image: {_url(theme, 'spin-down')}; width: 12px; }}")
    rules.append(
        f"QComboBox::down-arrow:disabled {{ image: {_url(theme, 'spin-down-disabled')}; }}"
    )
    return "\n".join(rules)
