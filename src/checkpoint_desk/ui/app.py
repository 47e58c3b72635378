"""Starting the desk: the application, language, theme, demo mode, the main window.

``build_desk()`` is the composition root (tests, screenshots and the benchmark use
it too); ``run_desk(args)`` is what ``checkpoint-desk`` calls.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.desk_lock import DataDirLock
from checkpoint_desk.i18n import LANGUAGES, system_language
from checkpoint_desk.logging_setup import configure_logging
from checkpoint_desk.paths import DataDir, resolve_data_dir
from checkpoint_desk.services.desk_session import DeskSession, open_sessions
from checkpoint_desk.services.shift_session import ShiftSession
from checkpoint_desk.settings import Settings
from checkpoint_desk.ui.app_icon import apply_desktop_identity
from checkpoint_desk.ui.camera_worker import (
    CameraState,
    CameraWorker,
    OnCode,
    OnFrame,
    OnState,
    PipelineFactory,
    ScanPipeline,
)
from checkpoint_desk.ui.demo import demo_texts, prepare_demo
from checkpoint_desk.ui.main_window import MainWindow
from checkpoint_desk.ui.settings_dialog import SettingsDialog
from checkpoint_desk.ui.settings_signal import SettingsSignal
from checkpoint_desk.ui.sounds import Sounds
from checkpoint_desk.ui.sync_status import SyncStatus
from checkpoint_desk.ui.theme import apply_theme, theme_named
from checkpoint_desk.ui.thermometer_link import ThermometerLink
from checkpoint_desk.ui.translator import LanguageSwitch
from checkpoint_desk.ui.unlock import unlock_station
from checkpoint_desk.ui.wedge_filter import WedgeFilter
from checkpoint_desk.ui_state import load_ui_state, remember


class NoCamera:
    """The pipeline when no camera is configured: it only says so."""

    def __init__(self, on_state: OnState) -> None:
        self._on_state = on_state

    def start(self) -> None:
        self._on_state(CameraState.NONE, "")

    def stop(self) -> None:
        return None


def no_camera_factory(on_code: OnCode, on_frame: OnFrame, on_state: OnState) -> ScanPipeline:
    return NoCamera(on_state)


def camera_factory_for(spec: str | None, texts: Sequence[str] | None = None) -> PipelineFactory:
    """The pipeline for a camera index, device path, video file or image folder (the
    demo feed showing ``texts``). The scanner layer (numpy, OpenCV) is imported
    when the camera starts, which is after the first paint."""

    def make(on_code: OnCode, on_frame: OnFrame, on_state: OnState) -> ScanPipeline:
        from checkpoint_desk.ui.scanner_bridge import scanner_factory

        return scanner_factory(spec, demo_texts=texts)(on_code, on_frame, on_state)

    return make


def camera_list() -> list[tuple[str, str]]:
    """(spec, name) of the cameras on this machine, for "Choose camera…"."""
    from checkpoint_desk.ui.scanner_bridge import camera_choices

    return camera_choices()


def choose_language(requested: str | None, settings: Settings, remembered: str = "") -> str:
    """``--lang``, else the language last chosen at the desk (``ui-state.json``), else
    the setting, else zh_CN on a Chinese system, else English."""
    for lang in (requested, remembered, settings.values.language):
        if lang in LANGUAGES:
            return str(lang)
    return system_language()


@dataclass
class Desk:
    """Everything the running desk is made of (what ``build_desk`` returns)."""

    app: QApplication
    data_dir: DataDir
    settings: Settings
    backend: DeskSession
    shifts: ShiftSession
    camera: CameraWorker
    sounds: Sounds
    window: MainWindow
    wedge: WedgeFilter
    language: LanguageSwitch
    controller: DeskController
    sync: SyncStatus
    lock: DataDirLock
    temp: tempfile.TemporaryDirectory[str] | None = None
    thermometer: ThermometerLink | None = None

    def close(self) -> None:
        """Stop the camera and sync, remove the filter, close the window and database.

        The window's geometry is remembered in ``ui-state.json`` for the next start.
        """
        geometry = bytes(self.window.saveGeometry().data()).hex()
        with contextlib.suppress(OSError):  # read-only data directory: it just forgets
            remember(self.data_dir.ui_state_file, window_geometry=geometry)
        self.sync.stop()
        self.camera.stop()
        if self.thermometer is not None:
            self.thermometer.stop()
        self.app.removeEventFilter(self.wedge)
        self.window.shut_down()
        self.language.uninstall()
        self.backend.close()
        self.lock.release()
        if self.temp is not None:
            self.temp.cleanup()
            self.temp = None


class DeskController(QObject):
    """Application-level reactions: language, theme and settings."""

    def __init__(
        self,
        app: QApplication,
        language: LanguageSwitch,
        settings: Settings,
        shifts: ShiftSession,
        ui_state_file: Path | None = None,
    ) -> None:
        super().__init__(app)
        self.app = app
        self.ui_state_file = ui_state_file
        self.language = language
        self.settings = settings
        self.shifts = shifts
        self.window: MainWindow | None = None
        self.settings_signal = SettingsSignal(settings, self)
        self.settings_signal.changed.connect(self._on_settings_changed)

    def attach(self, window: MainWindow) -> None:
        self.window = window
        window.language_requested.connect(self._on_language_requested)
        window.theme_requested.connect(self._on_theme_requested)
        window.settings_requested.connect(self._on_settings_requested)

    @Slot(str)
    def _on_language_requested(self, lang: str) -> None:
        chosen = self.language.apply(lang)
        if self.window is not None:
            self.window.lang = chosen
            self.window.retranslate()
        self._remember(language=chosen)

    def _remember(self, **changed: str) -> None:
        """The header toggles are remembered for the next start (not settings)."""
        if self.ui_state_file is None:
            return
        with contextlib.suppress(OSError):  # read-only data directory: it just forgets
            remember(self.ui_state_file, **changed)

    @Slot(str)
    def _on_theme_requested(self, name: str) -> None:
        theme = theme_named(name)
        apply_theme(self.app, theme, self.settings.values.font_scale)
        if self.window is not None:
            self.window.set_theme(theme)
        self._remember(theme=theme.name)

    @Slot()
    def _on_settings_requested(self) -> None:
        dialog = SettingsDialog(self.settings, self.shifts, self.window)
        dialog.exec()
        dialog.deleteLater()

    @Slot(object)
    def _on_settings_changed(self, keys: frozenset[str]) -> None:
        self.apply_settings(keys)

    def apply_settings(self, keys: Iterable[str]) -> None:
        """Apply what changed to the running desk (from the dialog or the hub)."""
        keys = frozenset(keys)
        values = self.settings.values
        if "theme" in keys or "font_scale" in keys:
            self._on_theme_requested(values.theme)
        if "language" in keys and values.language:
            self._on_language_requested(values.language)
        if self.window is not None:
            self.window.loop.sounds.enabled = values.sound
            self.window.voice.enabled = values.voice
            form = self.window.form
            form.default_direction = values.lane_direction
            form.show_household(values.household_exit_quota > 0)
            if "lane_direction" in keys and not form.values().name:
                form.set_direction(form.default_direction)


def build_desk(
    data_dir: DataDir,
    *,
    demo: bool = False,
    camera: PipelineFactory | None = None,
    clock: Clock = utc_now,
    lang: str | None = None,
    theme: str | None = None,
) -> Desk:
    """Open the station in ``data_dir`` and build the window (not shown).

    The data directory's lock is taken first (``desk_lock``): a second desk on the
    same directory gets DeskBusyError naming the first, before any prompt.
    """
    if not demo:
        data_dir.require_initialised()
    lock = DataDirLock(data_dir, "desk").acquire()
    try:
        return _build_locked(data_dir, lock, demo, camera, clock, lang, theme)
    except BaseException:
        lock.release()
        raise


def _build_locked(
    data_dir: DataDir,
    lock: DataDirLock,
    demo: bool,
    camera: PipelineFactory | None,
    clock: Clock,
    lang: str | None,
    theme: str | None,
) -> Desk:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    language = LanguageSwitch(app)
    remembered = load_ui_state(data_dir.ui_state_file)
    first_settings = Settings.load(data_dir.settings_file)
    chosen = language.apply(choose_language(lang, first_settings, remembered.language))
    if demo:
        prepare_demo(data_dir, clock)
    data_dir.require_initialised()
    settings = Settings.load(data_dir.settings_file)
    look = theme_named(theme or remembered.theme or settings.values.theme)
    apply_theme(app, look, settings.values.font_scale)
    configure_logging(data_dir)
    vault = unlock_station(data_dir, demo=demo)
    backend, shifts = open_sessions(data_dir, vault, settings, clock=clock, demo=demo)
    if camera is None:
        texts = demo_texts(clock) if demo else None
        camera = camera_factory_for(settings.values.camera or None, texts)
    worker = CameraWorker(camera)
    sounds = Sounds(settings.values.sound)
    window = MainWindow(
        backend,
        shifts,
        worker,
        sounds,
        look,
        choose_camera=camera_factory_for,
        list_cameras=camera_list,
        lang=chosen,
    )
    geometry = load_ui_state(data_dir.ui_state_file).window_geometry
    if geometry:
        window.restoreGeometry(QByteArray(bytes.fromhex(geometry)))
    wedge = WedgeFilter(window)
    wedge.burst_scanned.connect(window.loop.wedge_scanned)
    wedge.disposition_key.connect(window.loop.choose_by_key)
    wedge.digits_choose = lambda: window.loop.stop_pending
    app.installEventFilter(wedge)
    thermometer = ThermometerLink(settings, wedge, window)
    thermometer.temperature_read.connect(window.loop.thermometer_read)
    thermometer.state_changed.connect(window.status.show_thermometer)
    thermometer.start()
    controller = DeskController(app, language, settings, shifts, data_dir.ui_state_file)
    controller.attach(window)
    sync = SyncStatus(window)
    sync.sync_state_changed.connect(window.status.show_sync)
    if not demo:  # a demo station never talks to a hub
        QTimer.singleShot(1500, lambda: sync.start(backend))
    return Desk(
        app,
        data_dir,
        settings,
        backend,
        shifts,
        worker,
        sounds,
        window,
        wedge,
        language,
        controller,
        sync,
        lock,
        thermometer=thermometer,
    )


def open_desk(args: argparse.Namespace) -> Desk:
    """The desk for the command line's options, shown (``--demo`` without
    ``--data-dir`` works in a temporary directory that ``Desk.close()`` removes)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("checkpoint-desk")
    apply_desktop_identity(app)
    temp: tempfile.TemporaryDirectory[str] | None = None
    demo = bool(getattr(args, "demo", False))
    given = getattr(args, "data_dir", None)
    if demo and not given:
        temp = tempfile.TemporaryDirectory(prefix="checkpoint-demo-")
        data_dir = DataDir(Path(temp.name) / "desk")
    else:
        data_dir = resolve_data_dir(given)
    camera: PipelineFactory | None = None
    if getattr(args, "camera", None):
        camera = camera_factory_for(str(args.camera))
    try:
        desk = build_desk(data_dir, demo=demo, camera=camera, lang=getattr(args, "lang", None))
    except BaseException:
        if temp is not None:
            temp.cleanup()
        raise
    desk.temp = temp
    # Maximized on the screen's available area: under a window manager a 1366×768
    # window at 1366×768 put the status bar under the panel, off screen.
    desk.window.showMaximized()
    return desk


def run_desk(args: argparse.Namespace) -> int:
    """Create the application and window, run the event loop, return its exit code."""
    desk = open_desk(args)
    try:
        return int(desk.app.exec())
    finally:
        desk.close()
