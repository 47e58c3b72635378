"""``python -m checkpoint_desk.ui.screenshots --out docs/screenshots``

Renders the desk's main states to PNG files with the offscreen platform, in a
temporary demo station: idle, pass, stop with its disposition panel, start of
shift, search, who is inside, a vehicle in progress, connecting to the hub (F11), in
Chinese and English, light and
dark. Then every state of the loop (idle, pass, stop, check) at 1366×768 in zh_CN and
English, light and dark,
font scale 1.0 and 1.5: ``<state>-<lang>-<theme>-<scale>.png``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import numpy as np
import qrcode
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
from PySide6.QtWidgets import QApplication

from checkpoint_desk.clock import utc_now
from checkpoint_desk.domain.idnumber import check_character
from checkpoint_desk.paths import DataDir
from checkpoint_desk.ui.app import Desk, build_desk
from checkpoint_desk.ui.camera_worker import OnCode, OnFrame, OnState, ScanPipeline

# (demo code, name if the code has none, ID number's region and birth date, phone, ℃)
VISITORS = {
    "resident": ("pass-valid", "", "44030519781120", "", "362"),
    "green": ("health-green", "", "37081119850312", "13812345678", "365"),
    "fever": ("test-fresh", "", "11010119900307", "13900001111", "378"),
    "travel": ("travel-clear", "Zhao Lei", "32010219920101", "13700002222", "364"),
}


class StillCamera:
    """Shows one QR code, outlined, as a camera would."""

    def __init__(self, text: str) -> None:
        image = qrcode.make(text, box_size=6, border=2).get_image().convert("RGB")
        qr = np.asarray(image, dtype=np.uint8)[:, :, ::-1]
        self.frame = np.full((480, 640, 3), 70, dtype=np.uint8)
        height, width = qr.shape[:2]
        top, left = (480 - height) // 2, (640 - width) // 2
        self.frame[top : top + height, left : left + width] = qr
        pad = 12.0
        self.corners = (
            (left + pad, top + pad),
            (left + width - pad, top + pad),
            (left + width - pad, top + height - pad),
            (left + pad, top + height - pad),
        )
        self.on_frame: OnFrame | None = None
        self.on_state: OnState | None = None

    def factory(self, on_code: OnCode, on_frame: OnFrame, on_state: OnState) -> ScanPipeline:
        self.on_frame, self.on_state = on_frame, on_state
        return self

    def start(self) -> None:
        assert self.on_frame is not None and self.on_state is not None
        self.on_state("live", "")
        self.on_frame(self.frame, self.corners)

    def stop(self) -> None:
        return None


def full_id(region_and_birth: str) -> str:
    """A valid ID number from its region and birth date (sequence 123)."""
    first17 = region_and_birth + "123"
    return first17 + check_character(first17)


def settle(desk: Desk) -> None:
    for _ in range(5):
        if desk.window.station_open:
            desk.window.counter.wait()  # the status bar's counts
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        desk.app.processEvents()


def register(desk: Desk, visitor: str, codes: dict[str, str]) -> None:
    """One visitor through the loop: scan, details, temperature, Enter."""
    loop = desk.window.loop
    code, name, id14, phone, temperature = VISITORS[visitor]
    if desk.window.disposition.visit_id is None:
        loop.clear()  # Esc: the last verdict gives way, the scan is this visitor's
    loop.scan(codes[code], "camera")
    if desk.window.form.waiting_for_colour:
        loop.confirm_colour("green")
    form = desk.window.form
    form.fill({"name": name, "id_number": full_id(id14), "phone": phone})
    form.edits["temperature"].setText(temperature)
    loop.commit()


def vehicle_in_progress(desk: Desk, codes: dict[str, str]) -> None:
    """A car at the gate: its plate, one occupant registered, the next one scanned."""
    window = desk.window
    loop = window.loop
    ready(desk)
    loop.model.queued = ()  # a code the scenes before left for "the next visitor"
    window.form.edits["plate"].setText("鲁H12345")
    loop.start_vehicle()
    loop.scan(codes["eu-dcc"], "camera")
    window.form.edits["temperature"].setText("364")
    loop.commit()
    loop.model.reset_form(loop.now())  # the PASS has given way to the next occupant
    loop.scan(codes["health-yellow"], "camera")
    window.form.edits["temperature"].setText("366")
    loop.render()


def shoot(desk: Desk, out: Path, name: str) -> Path:
    if desk.window.pages.currentWidget() is desk.window.desk:
        desk.window.refresh_status()
    settle(desk)
    path = out / f"{name}.png"
    desk.window.grab().save(str(path))
    return path


def shoot_inside(desk: Desk, out: Path, name: str) -> Path:
    """The list of who is inside (F9), at the window's size."""
    from checkpoint_desk.ui.inside_dialog import InsideDialog

    dialog = InsideDialog(desk.session, desk.window)
    dialog.resize(1366, 768)
    dialog.show()
    settle(desk)
    path = out / f"{name}.png"
    dialog.grab().save(str(path))
    dialog.close()
    dialog.deleteLater()
    return path


def example_enrolment_code() -> str:
    """A code shaped as the office's Stations page shows it (random keys, no hub)."""
    from checkpoint_desk.sync.hub_pin import HubPin, enrolment_code

    return enrolment_code(
        "ckst_" + secrets.token_urlsafe(32), HubPin(os.urandom(32), os.urandom(32))
    )


def shoot_hub(desk: Desk, out: Path, name: str) -> Path:
    """F11 after the office's QR was scanned at the form: the banner says it is an
    enrolment code; the dialog over the window has it in its code field."""
    from PySide6.QtGui import QPainter

    from checkpoint_desk.ui.hub_dialog import HubDialog

    code = example_enrolment_code()
    ready(desk)
    desk.window.loop.model.queued = ()  # a code the scenes before left for "the next visitor"
    desk.window.loop.scan(code, "wedge")
    dialog = HubDialog(desk.shifts, desk.window)
    dialog.address.setText("https://hub.jiyang.example.org")
    dialog.show()
    dialog.take_scan(code)
    settle(desk)
    shot = desk.window.grab()
    painter = QPainter(shot)
    face = dialog.grab()
    left, top = (shot.width() - face.width()) // 2, 290
    painter.drawPixmap(left, top, face)
    painter.drawRect(left - 1, top - 1, face.width() + 1, face.height() + 1)
    painter.end()
    path = out / f"{name}.png"
    shot.save(str(path))
    dialog.close()
    dialog.deleteLater()
    desk.window.loop.clear()
    return path


def ready(desk: Desk) -> None:
    """Back to READY as a volunteer gets there: a pending stop answered, then Esc."""
    window = desk.window
    if window.disposition.visit_id is not None:
        window.disposition.denied_button.click()
    window.loop.clear()


MATRIX = [
    (lang, theme, scale)
    for lang in ("zh_CN", "en")
    for theme in ("light", "dark")
    for scale in (1.0, 1.5)
]
LOOP_STATES = ("idle", "pass", "stop", "check")


def render_matrix(desk: Desk, codes: dict[str, str], out: Path) -> list[Path]:
    """Each loop state in every language, theme and font scale."""
    window = desk.window
    written: list[Path] = []
    desk.settings.set("duplicate_window_s", 0)  # the same sample codes, again and again
    for lang, theme, scale in MATRIX:
        desk.controller._on_language_requested(lang)
        desk.settings.set("theme", theme)
        desk.settings.set("font_scale", scale)
        desk.controller.apply_settings({"theme": theme, "font_scale": scale})
        window.resize(1366, 768)
        suffix = f"{lang}-{theme}-{scale:.1f}"
        ready(desk)
        written.append(shoot(desk, out, f"idle-{suffix}"))
        register(desk, "green", codes)
        written.append(shoot(desk, out, f"pass-{suffix}"))
        register(desk, "fever", codes)
        window.disposition.retest.setText("37.6")
        written.append(shoot(desk, out, f"stop-{suffix}"))
        ready(desk)
        window.loop.scan(codes["provincial-url"], "camera")
        written.append(shoot(desk, out, f"check-{suffix}"))
        window.loop.clear()
    return written


def render(out: Path) -> list[Path]:
    """Render every state into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    written: list[Path] = []
    from checkpoint_desk.codes.demo import demo_codes

    codes = {code.name: code.text for code in demo_codes(utc_now())}
    with tempfile.TemporaryDirectory(prefix="desk-shots-") as tmp:
        camera = StillCamera(codes["health-green"])
        desk = build_desk(
            DataDir(Path(tmp) / "desk"), demo=True, camera=camera.factory, lang="zh_CN"
        )
        window = desk.window
        window.show()
        settle(desk)
        written.append(shoot(desk, out, "idle-zh_CN"))
        register(desk, "resident", codes)
        register(desk, "green", codes)
        written.append(shoot(desk, out, "pass-zh_CN"))
        written.append(shoot_inside(desk, out, "inside-zh_CN"))
        written.append(shoot_hub(desk, out, "hub-zh_CN"))
        register(desk, "fever", codes)
        window.disposition.retest.setText("37.6")
        written.append(shoot(desk, out, "stop-disposition-zh_CN"))
        desk.controller._on_theme_requested("dark")
        written.append(shoot(desk, out, "stop-dark-zh_CN"))
        desk.controller._on_theme_requested("light")
        desk.controller._on_language_requested("en")
        window.disposition.denied_button.click()  # answered, as a volunteer would
        window.loop.scan(codes["provincial-url"], "camera")
        written.append(shoot(desk, out, "check-en"))
        window.loop.clear()
        register(desk, "travel", codes)
        written.append(shoot(desk, out, "pass-en"))
        window.recent.focus_search()
        window.recent.search.setText("zw")
        written.append(shoot(desk, out, "search-en"))
        window.recent.search.clear()
        written.append(shoot_hub(desk, out, "hub-en"))
        desk.controller._on_language_requested("zh_CN")
        vehicle_in_progress(desk, codes)
        written.append(shoot(desk, out, "vehicle-zh_CN"))
        window.loop.clear()  # Esc: the occupant in progress …
        window.loop.clear()  # … then the vehicle, with its one occupant
        shift = window.loop.shift
        assert shift is not None
        window._on_end_shift_clicked()
        window.close_panel.note.setPlainText("2 号门扫码枪电量低，已充电。陈静发热，已转医护。")
        written.append(shoot(desk, out, "shift-end-zh_CN"))
        closed = QEventLoop()
        window.close_panel.shift_closed.connect(closed.quit)
        window.close_panel.close_button.click()  # the close runs on a worker thread
        closed.exec()
        window.sign_in.notice.clear()
        written.append(shoot(desk, out, "shift-start-zh_CN"))
        window.sign_in.pin.setText("1234")  # the demo volunteer opens the next shift
        window.sign_in._on_sign_in()
        written += render_matrix(desk, codes, out)
        desk.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    for path in render(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
