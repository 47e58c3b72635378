"""The app's icon and desktop identity, so the window, taskbar and menu entry match.

``apply_desktop_identity(app)`` sets the window icon (every PNG size from
``resources/icons`` plus the SVG) and the desktop file name, which Wayland
compositors use to pair the window with the installed
``org.checkpointdesk.CheckpointDesk.desktop`` entry and its icon.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QIcon

from checkpoint_desk.resources import resource_path

APP_ID = "org.checkpointdesk.CheckpointDesk"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The Checkpoint Desk icon at every size shipped."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"checkpoint-desk-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    svg = resource_path("icons", "checkpoint-desk.svg")
    if svg.is_file():
        icon.addFile(str(svg))
    return icon


def apply_desktop_identity(app: QGuiApplication) -> None:
    """Give ``app`` the icon and the desktop entry's name."""
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(APP_ID)
