"""The window icon comes from the committed icon files, at every size."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from checkpoint_desk.ui.app_icon import APP_ID, ICON_SIZES, app_icon, apply_desktop_identity


def test_icon_has_every_size(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    available = {size.width() for size in icon.availableSizes()}
    assert set(ICON_SIZES) <= available
    assert icon.pixmap(QSize(48, 48)).width() == 48


def test_desktop_identity_matches_the_menu_entry(qapp: QApplication) -> None:
    before = (qapp.windowIcon(), qapp.desktopFileName())
    try:
        apply_desktop_identity(qapp)
        assert qapp.desktopFileName() == APP_ID
        assert not qapp.windowIcon().isNull()
    finally:
        qapp.setWindowIcon(before[0])
        qapp.setDesktopFileName(before[1])
