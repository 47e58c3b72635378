"""The spin boxes (passengers, the settings' numbers) draw real arrows, not dashes,
in the light and dark themes.

Once the theme's style sheet styles a QSpinBox, Qt draws its arrows as short dashes;
the theme gives them images (resources/themes/<theme>/spin-*.svg) in its colours.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from checkpoint_desk.resources import resource_path
from checkpoint_desk.ui.theme import THEMES, Theme, apply_theme


def themed(name: str) -> Theme:
    """The theme ``name`` applied to the application at font scale 1.5."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme = THEMES[name]
    apply_theme(app, theme, 1.5)
    return theme


def grabbed(qtbot: QtBot, widget: QWidget, width: int) -> QImage:
    """The widget shown at ``width`` × 40 and painted."""
    qtbot.addWidget(widget)
    widget.resize(width, 40)
    widget.show()
    qtbot.waitExposed(widget)
    return widget.grab().toImage()


def ink_widths(image: QImage, theme: Theme, rect: tuple[int, int, int, int]) -> list[int]:
    """Per row of ``rect``: how many pixels are close to the theme's text colour."""
    x0, y0, w, h = rect
    ink = QColor(theme.text)
    widths = []
    for y in range(y0, y0 + h):
        count = 0
        for x in range(x0, x0 + w):
            c = image.pixelColor(x, y)
            near = (
                abs(c.red() - ink.red()) + abs(c.green() - ink.green()) + abs(c.blue() - ink.blue())
            )
            count += near < 120
        widths.append(count)
    return [n for n in widths if n]


@pytest.mark.parametrize("kind", [QSpinBox, QDoubleSpinBox])  # passengers; fever threshold
@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_spin_box_arrows_are_triangles(
    qtbot: QtBot, name: str, kind: type[QSpinBox | QDoubleSpinBox]
) -> None:
    theme = themed(name)
    box = kind()
    box.setRange(0, 9)
    box.setValue(2)
    image = grabbed(qtbot, box, 200)
    option = QStyleOptionSpinBox()
    box.initStyleOption(option)
    for control in (QStyle.SubControl.SC_SpinBoxUp, QStyle.SubControl.SC_SpinBoxDown):
        r = box.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, control, box)
        widths = ink_widths(image, theme, (r.x(), r.y(), r.width(), r.height()))
        assert len(widths) >= 3, f"{control}: no arrow drawn ({widths})"
        assert max(widths) >= 3 * min(widths), f"{control}: a dash, not an arrow ({widths})"


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_combo_box_arrow_is_a_triangle(qtbot: QtBot, name: str) -> None:
    """The In/Out choice of the correction dialog (F9)."""
    theme = themed(name)
    box = QComboBox()
    box.addItems(["In", "Out"])
    image = grabbed(qtbot, box, 200)
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    r = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, box
    )
    widths = ink_widths(image, theme, (r.x(), r.y(), r.width(), r.height()))
    assert len(widths) >= 3, f"no arrow drawn ({widths})"
    assert max(widths) >= 3 * min(widths), f"a dash, not an arrow ({widths})"


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_arrow_images_are_in_the_themes_colours(name: str) -> None:
    theme = THEMES[name]
    for arrow in ("up", "down"):
        for state, colour in (("", theme.text), ("-disabled", theme.muted)):
            svg = resource_path("themes", name, f"spin-{arrow}{state}.svg").read_text()
            assert re.findall(r'fill="(#[0-9A-Fa-f]{6})"', svg) == [colour]


@pytest.mark.parametrize("name", ["light", "dark"])
def test_a_check_box_is_a_visible_square_with_a_real_tick(qtbot: QtBot, name: str) -> None:
    """The settings' yes/no rows: on the dark theme the square was dark on dark."""
    theme = themed(name)
    found: dict[bool, tuple[int, int]] = {}
    for checked in (False, True):
        box = QCheckBox()
        box.setChecked(checked)
        image = grabbed(qtbot, box, 60)
        option = QStyleOptionButton()
        box.initStyleOption(option)
        r = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        edge = QColor(theme.field_border)
        edges = sum(
            abs(c.red() - edge.red()) + abs(c.green() - edge.green()) + abs(c.blue() - edge.blue())
            < 60
            for c in (
                image.pixelColor(x, y)
                for x in range(r.x(), r.x() + r.width())
                for y in range(r.y(), r.y() + r.height())
            )
        )
        found[checked] = (
            edges,
            sum(ink_widths(image, theme, (r.x(), r.y(), r.width(), r.height()))),
        )
        assert r.width() >= 18, "the square grows with the font (1.5: a gloved finger's target)"
    side = r.width()
    assert found[False][0] >= 2 * side, f"the square's edge shows: {found}"
    assert found[False][1] == 0 and found[True][1] >= side, f"a tick only when checked: {found}"
