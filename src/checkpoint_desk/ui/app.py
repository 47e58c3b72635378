"""Starting the desk: the application, language, theme, demo mode, the main window.

``build_desk()`` is the composition root (tests, screenshots and the benchmark use
it too); ``run_desk(args)`` is what ``checkpoint-desk`` calls.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.desk_lock import DataDirLock
from checkpoint_desk.i18n import LANGUAGES, system_language
from checkpoint_desk.paths import DataDir, resolve_data_dir
from checkpoint_desk.services.desk_opening import glance
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
from checkpoint_desk.ui.main_window import MainWindow, import_desk_widgets
from checkpoint_desk.ui.opening import OpenedStation, StationOpener
from checkpoint_desk.ui.theme import Theme, apply_theme, theme_named
from checkpoint_desk.ui.translator import LanguageSwitch
from checkpoint_desk.ui.unlock import ask_passphrase
from checkpoint_desk.ui_state import UiState, load_ui_state, remember

if TYPE_CHECKING:
    # The rest of the desk: imported once the station is open (``Desk._on_opened``).
    from checkpoint_desk.services.desk_session import DeskSession
    from checkpoint_desk.services.shift_session import ShiftSession
    from checkpoint_desk.settings import Settings
    from checkpoint_desk.ui.sounds import Sounds
    from checkpoint_desk.ui.sync_status import SyncStatus
    from checkpoint_desk.ui.thermometer_link import ThermometerLink
    from checkpoint_desk.ui.wedge_filter import WedgeFilter

MODULES_AT_FIRST_PAINT = "CHECKPOINT_DESK_MODULES_AT_FIRST_PAINT"
"""Set (to anything): the desk prints the modules it has imported when its window is
first painted, one a line, and quits (tests check that no database layer is there)."""


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


def choose_language(requested: str | None, setting: str, remembered: str = "") -> str:
    """``--lang``, else the language last chosen at the desk (``ui-state.json``), else
    the setting, else zh_CN on a Chinese system, else English."""
    for lang in (requested, remembered, setting):
        if lang in LANGUAGES:
            return str(lang)
    return system_language()


@dataclass(frozen=True)
class Look:
    """The language, theme and font scale the desk is shown in."""

    language: str
    theme: Theme
    font_scale: float


def desk_look(
    lang: str | None, theme: str | None, remembered: UiState, settings: Settings | None
) -> Look:
    """``--lang`` / ``--theme``, else what was last chosen at the desk, else the
    settings. Before the settings are read (``None``: the first page is drawn without
    pydantic), their defaults and the font scale the desk last ran with."""
    values = settings.values if settings is not None else None
    setting_lang = values.language if values is not None else ""
    setting_theme = values.theme if values is not None else "light"
    scale = values.font_scale if values is not None else remembered.font_scale or 1.0
    return Look(
        choose_language(lang, setting_lang, remembered.language),
        theme_named(theme or remembered.theme or setting_theme),
        scale,
    )


@dataclass
class DeskParts:
    """What the desk is made of once the station is open."""

    session: DeskSession
    shifts: ShiftSession
    camera: CameraWorker
    sounds: Sounds
    wedge: WedgeFilter
    controller: DeskController
    sync: SyncStatus
    thermometer: ThermometerLink


class Desk:
    """Everything the running desk is made of (what ``build_desk`` and ``open_desk``
    return). The window exists at once; the rest (``parts``) once the station is open.
    """

    def __init__(
        self,
        app: QApplication,
        data_dir: DataDir,
        window: MainWindow,
        language: LanguageSwitch,
        lock: DataDirLock,
        opener: StationOpener,
        *,
        look: Look,
        asked: tuple[str | None, str | None],
        remembered: UiState,
        camera: PipelineFactory | None,
        clock: Clock,
        demo: bool,
    ) -> None:
        self.app = app
        self.data_dir = data_dir
        self._settings: Settings | None = None
        self.look = look
        self.asked = asked
        """``--lang`` and ``--theme``, as given."""
        self.remembered = remembered
        self.window = window
        self.language = language
        self.lock = lock
        self.opener = opener
        self.camera_factory = camera
        self.clock = clock
        self.demo = demo
        self.parts: DeskParts | None = None
        self.failure: Exception | None = None
        """Why the station did not open (raised by ``run_desk`` once the loop ends)."""
        self.temp: tempfile.TemporaryDirectory[str] | None = None
        self.closed = False
        opener.settings_loaded.connect(self._on_settings_loaded)
        opener.opened.connect(self._on_opened)
        opener.failed.connect(self._on_failed)

    @property
    def is_open(self) -> bool:
        return self.parts is not None

    def _open_parts(self) -> DeskParts:
        if self.parts is None:
            raise RuntimeError("the station is not open yet")
        return self.parts

    @property
    def settings(self) -> Settings:
        """The one owner of the settings (read once, as the station opens)."""
        if self._settings is None:
            raise RuntimeError("the settings are not read yet")
        return self._settings

    @property
    def session(self) -> DeskSession:
        return self._open_parts().session

    @property
    def shifts(self) -> ShiftSession:
        return self._open_parts().shifts

    @property
    def camera(self) -> CameraWorker:
        return self._open_parts().camera

    @property
    def sounds(self) -> Sounds:
        return self._open_parts().sounds

    @property
    def wedge(self) -> WedgeFilter:
        return self._open_parts().wedge

    @property
    def controller(self) -> DeskController:
        return self._open_parts().controller

    @property
    def sync(self) -> SyncStatus:
        return self._open_parts().sync

    @property
    def thermometer(self) -> ThermometerLink:
        return self._open_parts().thermometer

    def _on_settings_loaded(self, settings: Settings) -> None:
        """The settings are read: the language, theme and font scale they ask for
        replace the first page's guesses where these differ (a first start)."""
        self._settings = settings
        lang, theme = self.asked
        look = desk_look(lang, theme, self.remembered, settings)
        if look.language != self.look.language:
            self.window.lang = self.language.apply(look.language)
            self.window.retranslate()
        if look.theme != self.look.theme or look.font_scale != self.look.font_scale:
            apply_theme(self.app, look.theme, look.font_scale)
            self.window.set_theme(look.theme)
        self.look = look

    def _on_failed(self, exc: Exception) -> None:
        self.failure = exc
        self.app.exit(1)

    def _on_opened(self, opened: OpenedStation) -> None:
        """Build the desk on the open station (the window is already on screen)."""
        from checkpoint_desk.ui.hub_dialog import open_hub_dialog, sync_after_enrolment
        from checkpoint_desk.ui.sounds import Sounds
        from checkpoint_desk.ui.sync_status import SyncStatus
        from checkpoint_desk.ui.thermometer_link import ThermometerLink
        from checkpoint_desk.ui.wedge_filter import WedgeFilter

        self.opener.claim()
        if self.closed:
            opened.session.close()
            return
        session, shifts, window = opened.session, opened.shifts, self.window
        camera = self.camera_factory
        if camera is None:
            from checkpoint_desk.ui.demo import demo_texts

            texts = demo_texts(self.clock) if self.demo else None
            camera = camera_factory_for(self.settings.values.camera or None, texts)
        worker = CameraWorker(camera)
        sounds = Sounds(self.settings.values.sound)
        window.open_station(
            opened, worker, sounds, choose_camera=camera_factory_for, list_cameras=camera_list
        )
        wedge = WedgeFilter(window)
        wedge.burst_scanned.connect(window.loop.wedge_scanned)
        wedge.disposition_key.connect(window.loop.choose_by_key)
        wedge.digits_typed.connect(window.loop.digits_typed)
        wedge.digits_choose = lambda: window.loop.stop_pending
        self.app.installEventFilter(wedge)
        thermometer = ThermometerLink(self.settings, wedge, window)
        thermometer.temperature_read.connect(window.loop.thermometer_read)
        thermometer.state_changed.connect(window.status.show_thermometer)
        thermometer.start()
        controller = DeskController(
            self.app, self.language, self.settings, shifts, self.data_dir.ui_state_file
        )
        controller.attach(window)
        sync = SyncStatus(window)
        sync.sync_state_changed.connect(window.status.show_sync)
        window.hub_requested.connect(
            lambda: open_hub_dialog(
                window,
                shifts,
                window.loop,
                worker,
                wedge,
                lambda: sync_after_enrolment(sync, session),
            )
        )
        if not self.demo:  # a demo station never talks to a hub
            QTimer.singleShot(1500, lambda: sync.start(session))
        self.parts = DeskParts(
            session, shifts, worker, sounds, wedge, controller, sync, thermometer
        )

    def close(self) -> None:
        """Stop the camera and sync, remove the filter, close the window and database.

        The window's geometry is remembered in ``ui-state.json`` for the next start.
        A station still opening is waited for, then closed.
        """
        self.closed = True
        geometry = bytes(self.window.saveGeometry().data()).hex()
        with contextlib.suppress(OSError):  # read-only data directory: it just forgets
            remember(
                self.data_dir.ui_state_file,
                window_geometry=geometry,
                font_scale=self.look.font_scale,
            )
        self.opener.cancel()
        unclaimed = self.opener.claim()
        if unclaimed is not None:
            unclaimed.session.close()
        parts = self.parts
        if parts is not None:
            parts.sync.stop()
            parts.camera.stop()
            parts.thermometer.stop()
            self.app.removeEventFilter(parts.wedge)
        self.window.shut_down()
        self.language.uninstall()
        if parts is not None:
            self.window.counter.drain()  # the window may have refused to close
            parts.session.close()
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
        from checkpoint_desk.ui.settings_signal import SettingsSignal

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
        from checkpoint_desk.ui.modal import run_modal
        from checkpoint_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.shifts, self.window)
        run_modal(dialog, self.window)
        dialog.deleteLater()
        if dialog.hub_wanted and self.window is not None:
            self.window.hub_requested.emit()

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
    """Open the station in ``data_dir`` and build the window (not shown), all before
    returning (tests, screenshots; ``open_desk`` opens the station behind the window).

    The data directory's lock is taken first (``desk_lock``): a second desk on the
    same directory gets DeskBusyError naming the first, before any prompt.
    """
    desk = start_desk(data_dir, demo=demo, camera=camera, clock=clock, lang=lang, theme=theme)
    try:
        desk.opener.start()  # synchronous: it was made without a worker
        if desk.failure is not None:
            raise desk.failure
    except BaseException:
        desk.close()
        raise
    return desk


def start_desk(
    data_dir: DataDir,
    *,
    demo: bool = False,
    camera: PipelineFactory | None = None,
    clock: Clock = utc_now,
    lang: str | None = None,
    theme: str | None = None,
    threaded: bool = False,
) -> Desk:
    """The locked data directory, the language and theme and the window's first page
    (from ``ui-state.json`` and a peek at the database): what the desk shows before
    ``desk.opener`` reads the settings and opens the station (on a worker thread
    when ``threaded``)."""
    if not demo:
        data_dir.require_initialised()
    lock = DataDirLock(data_dir, "desk").acquire()
    try:
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        language = LanguageSwitch(app)
        remembered = load_ui_state(data_dir.ui_state_file)
        look = desk_look(lang, theme, remembered, None)
        chosen = language.apply(look.language)
        look = replace(look, language=chosen)
        apply_theme(app, look.theme, look.font_scale)
        seen = glance(data_dir) if data_dir.is_initialised() else None
        window = MainWindow(look.theme, glance=seen, demo=demo, lang=chosen)
        if remembered.window_geometry:
            window.restoreGeometry(QByteArray(bytes.fromhex(remembered.window_geometry)))
        opener = StationOpener(
            data_dir,
            lambda problem, first_time: ask_passphrase(window, problem, first_time),
            clock=clock,
            demo=demo,
            warm=import_desk_widgets,
            threaded=threaded,
            parent=window,
        )
    except BaseException:
        lock.release()
        raise
    return Desk(
        app,
        data_dir,
        window,
        language,
        lock,
        opener,
        look=look,
        asked=(lang, theme),
        remembered=remembered,
        camera=camera,
        clock=clock,
        demo=demo,
    )


def open_desk(args: argparse.Namespace) -> Desk:
    """The desk for the command line's options, shown at once; the station opens on a
    worker thread after the first paint (``--demo`` without ``--data-dir`` works in a
    temporary directory that ``Desk.close()`` removes)."""
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
        desk = start_desk(
            data_dir, demo=demo, camera=camera, lang=getattr(args, "lang", None), threaded=True
        )
    except BaseException:
        if temp is not None:
            temp.cleanup()
        raise
    desk.temp = temp
    window = desk.window
    if os.environ.get(MODULES_AT_FIRST_PAINT):
        window.first_painted.connect(lambda: _print_modules_and_quit(app))
    else:
        window.first_painted.connect(desk.opener.start)
        # A window that is never painted (minimised at start) opens the station anyway.
        QTimer.singleShot(1000, desk.opener, desk.opener.start)
    # Maximized on the screen's available area: under a window manager a 1366×768
    # window at 1366×768 put the status bar under the panel, off screen.
    window.showMaximized()
    # Ask for the keyboard: without a window manager (a kiosk session) nobody gives the
    # window focus, and then the F-keys (window shortcuts) do nothing while typing works.
    window.activateWindow()
    return desk


def _print_modules_and_quit(app: QApplication) -> None:
    print("\n".join(sorted(sys.modules)), flush=True)
    app.exit(0)


def _let_threads_finish(timeout_s: float = 5.0) -> None:
    """Give daemon threads a moment to end before Python finalises: one still inside
    native code then (a scan thread in OpenCV's first call, when the desk is closed
    just after its camera started) aborts the process ("terminate called without an
    active exception"). A capture thread hung in a driver is left after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    for thread in threading.enumerate():
        if thread.daemon and thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))


def run_desk(args: argparse.Namespace) -> int:
    """Create the application and window, run the event loop, return its exit code
    (the station's failure to open, a wrong passphrase say, is raised)."""
    desk = open_desk(args)
    try:
        code = int(desk.app.exec())
    finally:
        desk.close()
        _let_threads_finish()
    if desk.failure is not None:
        raise desk.failure
    return code
