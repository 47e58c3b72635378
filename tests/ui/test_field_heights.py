"""At font scale 1.5 a stop with everything on screen keeps the form's fields their height.

Seen under Xvfb: the banner's "next visitor scanned" line together with an error line
in the stop panel squeezed the fields from 36 to about 28 px (text cut at the bottom).
"""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.app import Desk
from tests.ui.test_layout import SCREEN, clipped, overlapping, recent_rows_visible

FOCUS_BORDER = 2  # theme.py: 2 px instead of 1, top and bottom


def squeezed(fields: list[QWidget]) -> list[str]:
    """Fields shorter than they ask to be (their size hint: the font's line and frame;
    the field with the cursor asks 2 px more for its thicker focus border, which the
    theme draws inside the same height)."""
    found = []
    for f in fields:
        needed = f.sizeHint().height() - (FOCUS_BORDER if f.hasFocus() else 0)
        if f.isVisible() and f.height() < needed:
            found.append(f"{f.objectName() or type(f).__name__}: {f.height()} px of {needed}")
    return found


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("household_rule", [False, True])
@pytest.mark.parametrize("problem", ["retest", "digits", "missing"])
def test_fields_keep_their_height_with_the_next_scan_and_a_stop_error_at_1_5(
    desk: Desk,
    qtbot: QtBot,
    demo_code: dict[str, str],
    lang: str,
    household_rule: bool,
    problem: str,
) -> None:
    window = desk.window
    if lang != "en":
        desk.controller._on_language_requested(lang)
    desk.settings.set("household_exit_quota", 2 if household_rule else 0)
    desk.settings.set("font_scale", 1.5)
    desk.controller.apply_settings({"font_scale": 1.5})
    window.resize(*SCREEN)
    form = window.form
    form.edits["name"].setText("陈静")
    form.edits["temperature"].setText("385")
    window.loop.commit()  # STOP: the disposition panel opens
    window.loop.scan(demo_code["health-green"], "camera")  # the next visitor's phone
    if problem == "retest":
        window.disposition.retest.setText("85")
        window.disposition.remeasure_button.click()  # refused: the panel's error line
    elif problem == "digits":  # "385" typed fast where no field takes it
        window.loop.digits_typed("385")
    else:  # 3 (re-measured) with no re-test typed yet
        window.loop.choose_by_key(3)
    assert window.banner.notice.isVisibleTo(window)
    assert window.disposition.problem.isVisibleTo(window)
    window.refresh_status()
    fields: list[QWidget] = [*form.findChildren(QLineEdit), form.passengers]
    fields += [window.disposition.retest, window.disposition.pin]

    def problems() -> list[str]:
        found = squeezed(fields) + clipped(window) + overlapping(window)
        if (window.width(), window.height()) != SCREEN:
            found.append(f"window grew to {window.width()}×{window.height()}")
        if recent_rows_visible(window) < 5:
            found.append(f"recent visits show {recent_rows_visible(window):.1f} rows")
        return found

    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: not problems(), timeout=3000)
    left = problems()
    assert not left, "\n".join(left)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_field_problem_is_one_line_that_fits_and_the_banner_has_it_all(
    desk: Desk, qtbot: QtBot, demo_code: dict[str, str], lang: str
) -> None:
    """Seen under Xvfb at 1.5: a plate typed without its province ("A12345") put a
    three-line problem under the plate field, cut after two lines."""
    window = desk.window
    if lang != "en":
        desk.controller._on_language_requested(lang)
    desk.settings.set("household_exit_quota", 2)
    desk.settings.set("font_scale", 1.5)
    desk.controller.apply_settings({"font_scale": 1.5})
    window.resize(*SCREEN)
    form = window.form
    window.loop.scan(demo_code["health-green"], "camera")
    form.edits["plate"].setText("A12345")
    window.loop.commit()  # refused: the plate's format, and no temperature
    problem = form.problem_labels["plate"]
    assert problem.isVisible()
    fields: list[QWidget] = [*form.findChildren(QLineEdit), form.passengers]

    def cut() -> list[str]:
        found = squeezed(fields)
        for name, label in form.problem_labels.items():
            needed = label.fontMetrics().horizontalAdvance(label.text())
            if label.isVisible() and needed > label.contentsRect().width():
                found.append(f"{name}'s problem needs {needed} px, has {label.width()}")
            if label.isVisible() and label.height() < label.fontMetrics().height():
                found.append(f"{name}'s problem is {label.height()} px high")
        return found

    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: not cut(), timeout=3000)
    assert not cut(), "\n".join(cut())
    full = problem.toolTip()
    assert "A12345" in full
    assert full in " ".join(window.banner.reason_texts()), "the banner says it in full"
