"""The main window: lays out the widgets, holds the shortcuts, switches pages.

Pages: sign-in (start of shift) → the desk → end of shift. The desk itself is the
camera preview, the verdict banner with the disposition panel, the visit form,
recent visits and the status bar (DESIGN §2).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from checkpoint_desk import __version__
from checkpoint_desk.clock import to_local
from checkpoint_desk.ui.camera_worker import PipelineFactory
from checkpoint_desk.ui.hub_dialog import HUB_KEY
from checkpoint_desk.ui.modal import open_over, run_modal
from checkpoint_desk.ui.opening import OpenedStation, OpeningPage
from checkpoint_desk.ui.status_counts import StatusCounter
from checkpoint_desk.ui.theme import Theme
from checkpoint_desk.ui.verdict_flash import VerdictFlash

if TYPE_CHECKING:
    # The desk's own widgets bring the database layers with them: they are imported
    # when the station is open (``import_desk_widgets``), after the first paint.
    from checkpoint_desk.services.desk_opening import StationGlance
    from checkpoint_desk.services.desk_session import DeskSession
    from checkpoint_desk.services.shift_session import (
        OperatorInfo,
        ShiftInfo,
        ShiftReport,
        ShiftSession,
    )
    from checkpoint_desk.services.today import VisitRow
    from checkpoint_desk.ui.camera_worker import CameraWorker
    from checkpoint_desk.ui.disposition_panel import DispositionPanel
    from checkpoint_desk.ui.preview import CameraPreview
    from checkpoint_desk.ui.recent_visits import RecentVisits
    from checkpoint_desk.ui.registration import RegistrationLoop
    from checkpoint_desk.ui.shift_panel import ShiftClosePanel, SignInPanel
    from checkpoint_desk.ui.sounds import Sounds
    from checkpoint_desk.ui.status_bar import DeskStatusBar, StatusFacts
    from checkpoint_desk.ui.verdict_banner import VerdictBanner
    from checkpoint_desk.ui.visit_edit_dialog import VisitEditDialog
    from checkpoint_desk.ui.visit_form import VisitForm
    from checkpoint_desk.ui.voice import Voice

log = logging.getLogger(__name__)

CameraChooser = Callable[[str], PipelineFactory | None]
"""Given what the volunteer typed (index, path), the pipeline for that camera."""

# The header's actions, for gloves: the key is shown on each button.
HEADER_KEYS = {"language": "F5", "theme": "F6", "settings": "F7", "end_shift": "F8"}
INSIDE_KEY = "F10"  # who is inside now: the list and the evacuation roll call


def import_desk_widgets() -> None:
    """Import the desk's widget modules and the database layers under them (the
    opener does it on its worker thread, so building the desk finds them loaded)."""
    import checkpoint_desk.ui.disposition_panel
    import checkpoint_desk.ui.preview
    import checkpoint_desk.ui.recent_visits
    import checkpoint_desk.ui.registration
    import checkpoint_desk.ui.shift_panel
    import checkpoint_desk.ui.status_bar
    import checkpoint_desk.ui.verdict_banner
    import checkpoint_desk.ui.visit_edit_dialog
    import checkpoint_desk.ui.visit_form
    import checkpoint_desk.ui.voice  # noqa: F401


class DeskSplitter(QSplitter):
    """The preview beside the banner, stop panel and form, as tall as their wrapped
    text needs at the width they have (QSplitter asks only a width-less hint: at font
    scale 1.5 the form and the stop panel were squeezed and the list got the rest)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        shown = (self.widget(i) for i in range(self.count()))
        needed = [
            w.heightForWidth(w.width())
            for w in shown
            if w is not None and w.hasHeightForWidth() and w.width() > 0
        ]
        return QSize(hint.width(), max([hint.height(), *needed]))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometry()  # a new width: the height it needs changes


class MainWindow(QMainWindow):
    """One screen for the whole shift. Emits ``language_requested(lang)``,
    ``theme_requested(name)``, ``settings_requested`` and ``hub_requested`` (F11,
    ``ui.hub_dialog``) for the application."""

    language_requested = Signal(str)
    theme_requested = Signal(str)
    settings_requested = Signal()
    hub_requested = Signal()

    session: DeskSession
    shifts: ShiftSession
    camera: CameraWorker
    preview: CameraPreview
    banner: VerdictBanner
    voice: Voice
    disposition: DispositionPanel
    form: VisitForm
    recent: RecentVisits
    status: DeskStatusBar
    loop: RegistrationLoop
    sign_in: SignInPanel
    close_panel: ShiftClosePanel
    desk: QWidget
    refresh_timer: QTimer
    idle_timer: QTimer
    counts_timer: QTimer
    counter: StatusCounter
    clock_timer: QTimer

    first_painted = Signal()
    """Once, after the window's first paint (the station opens after it)."""

    def __init__(
        self,
        theme: Theme,
        *,
        glance: StationGlance | None = None,
        demo: bool = False,
        lang: str = "en",
    ) -> None:
        """The window as it is drawn at once: the header and the opening page.

        The desk itself is built by ``open_station`` once the station is open.
        """
        super().__init__()
        self.theme = theme
        self.lang = lang
        self.demo = demo
        self.glance = glance
        self.station_open = False
        self.setProperty("stationOpen", False)
        self._painted = False
        self._choose_camera: CameraChooser | None = None
        self._list_cameras: Callable[[], list[tuple[str, str]]] | None = None
        self.flash = VerdictFlash(theme, self)
        self.header = QLabel(self.flash)
        self.header.setObjectName("header")
        # A clock set back (``services.clock_guard``): said plainly, above everything.
        self.clock_line = QLabel(self)
        self.clock_line.setObjectName("clockBehind")
        self.clock_line.setWordWrap(True)
        self.clock_line.setVisible(False)
        self.clock_behind_s = 0.0
        self.language_button = QPushButton(self)
        self.theme_button = QPushButton(self)
        self.settings_button = QPushButton(self)
        self.end_shift_button = QPushButton(self)
        for button in self._header_buttons():
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setEnabled(False)  # until the station is open
        self.pages = QStackedWidget(self)
        self.opening = OpeningPage(glance, self)
        self.pages.addWidget(self.opening)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 2, 4, 0)
        layout.setSpacing(2)
        # The header row is the full-width flash: it takes the verdict's colour.
        top = QHBoxLayout(self.flash)
        top.setContentsMargins(8, 0, 0, 0)
        top.addWidget(self.header, 1)
        for button in self._header_buttons():
            top.addWidget(button)
        layout.addWidget(self.flash)
        layout.addWidget(self.clock_line)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._asked_to_close = False
        self.close_question: QMessageBox | None = None
        self.resize(1366, 768)
        self.retranslate()
        self.opening.focus_first()

    def _header_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.language_button,
            self.theme_button,
            self.settings_button,
            self.end_shift_button,
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # after the children's paint
        return super().event(event)

    def open_station(
        self,
        opened: OpenedStation,
        camera: CameraWorker,
        sounds: Sounds,
        *,
        choose_camera: CameraChooser | None = None,
        list_cameras: Callable[[], list[tuple[str, str]]] | None = None,
    ) -> None:
        """Build the desk on the open station and go to its first page; what was typed
        on the opening page is signed in with (``SignInPanel.take_over``)."""
        from checkpoint_desk.ui.disposition_panel import DispositionPanel
        from checkpoint_desk.ui.preview import CameraPreview
        from checkpoint_desk.ui.recent_visits import RecentVisits
        from checkpoint_desk.ui.registration import RegistrationLoop
        from checkpoint_desk.ui.shift_panel import ShiftClosePanel, SignInPanel
        from checkpoint_desk.ui.status_bar import DeskStatusBar
        from checkpoint_desk.ui.verdict_banner import VerdictBanner
        from checkpoint_desk.ui.visit_form import VisitForm
        from checkpoint_desk.ui.voice import Voice

        session, shifts, theme = opened.session, opened.shifts, self.theme
        self.session = session
        self.shifts = shifts
        self.camera = camera
        self._choose_camera = choose_camera
        self._list_cameras = list_cameras
        self.preview = CameraPreview(self)
        self.banner = VerdictBanner(theme, self)
        self.voice = Voice(self.banner, sounds, session.settings.values.voice)
        self.disposition = DispositionPanel(self)
        self.form = VisitForm(session.check_field, self)
        self.form.default_direction = session.settings.values.lane_direction
        self.form.set_direction(self.form.default_direction)
        self.form.show_household(session.settings.values.household_exit_quota > 0)
        self.recent = RecentVisits(self)
        self.recent.model.stop_colour = QColor(theme.error)
        self.recent.unmask_requested.connect(self._on_unmask_requested)
        self.recent.edit_requested.connect(self._on_edit_requested)
        self.visit_editor: VisitEditDialog | None = None
        self.status = DeskStatusBar(self)
        # The preview's own state line says it, larger, under the picture: at font
        # scale 1.5 the status bar was wider than a 1366-pixel screen.
        self.status.camera.setVisible(False)
        self.setStatusBar(self.status)
        self.loop = RegistrationLoop(
            session, shifts, self.form, self.banner, self.disposition, self.recent, sounds, self
        )
        self.sign_in = SignInPanel(shifts, self)
        self.close_panel = ShiftClosePanel(shifts, self)
        self.desk = self._build_desk()
        self.pages.addWidget(self.sign_in)
        self.pages.addWidget(self.desk)
        self.pages.addWidget(self.close_panel)
        self._connect()
        self.banner.state_changed.connect(self._on_banner_state_changed)
        self.status.inside_requested.connect(self._on_inside_requested)
        self.pages.currentChanged.connect(self._on_page_changed)
        self._shortcuts()
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(30_000)
        self.refresh_timer.timeout.connect(self._on_refresh_due)
        self.refresh_timer.start()
        self._counting = False
        self._count_again = False
        self.counter = StatusCounter(session, self)
        self.counter.counted.connect(self._on_counts_ready)
        # Locks itself (the sign-in page, the shift stays open) after idle_lock_min.
        self.last_input = time.monotonic()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(15_000)
        self.idle_timer.timeout.connect(self._on_idle_check)
        self.idle_timer.start()
        # Counts are refreshed just after a commit, not inside it: the banner comes first.
        self.counts_timer = QTimer(self)
        self.counts_timer.setSingleShot(True)
        self.counts_timer.setInterval(100)
        self.counts_timer.timeout.connect(self._on_refresh_due)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(60_000)
        self.clock_timer.timeout.connect(self._on_clock_check)
        self.clock_timer.start()
        self.station_open = True
        self.setProperty("stationOpen", True)
        for button in self._header_buttons():
            button.setEnabled(True)
        self.fit_to_font()
        self.retranslate()
        self._on_clock_check()
        typed = self.opening.typed()
        self._start_page()
        self.pages.removeWidget(self.opening)
        self.opening.deleteLater()
        if self.pages.currentWidget() is self.sign_in:
            self.sign_in.take_over(typed)

    def _build_desk(self) -> QWidget:
        desk = QWidget(self)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(2)
        right.addWidget(self.banner)
        right.addWidget(self.disposition)
        right.addWidget(self.form, 1)
        right_box = QWidget(desk)
        right_box.setLayout(right)
        upper = DeskSplitter(Qt.Orientation.Horizontal, desk)
        upper.addWidget(self.preview)
        upper.addWidget(right_box)
        upper.setStretchFactor(0, 2)
        upper.setStretchFactor(1, 3)
        upper.setSizes([480, 860])
        layout = QVBoxLayout(desk)
        layout.setContentsMargins(0, 0, 0, 0)
        # Not a splitter: the banner, the stop panel and the form get the height their
        # wrapped text needs (a splitter squeezed a two-line CHECK), the list the rest.
        layout.addWidget(upper)
        layout.addWidget(self.recent, 1)
        layout.setSpacing(2)
        return desk

    def _connect(self) -> None:
        self.camera.code_scanned.connect(self.loop.camera_scanned)
        self.camera.frame_ready.connect(self.preview._on_frame_ready)
        self.camera.camera_state_changed.connect(self.preview._on_camera_state_changed)
        self.camera.camera_state_changed.connect(self._on_camera_state_changed)
        self.preview.view.frame_drawn.connect(self.camera.frame_taken)
        self.preview.choose_camera_requested.connect(self._on_choose_camera)
        self.loop.visit_committed.connect(self._on_visit_committed)
        self.loop.form_cleared.connect(self.camera.forget_codes)
        self.loop.disposition_recorded.connect(self._on_visit_committed)
        self.sign_in.shift_opened.connect(self._on_shift_opened)
        self.close_panel.shift_closed.connect(self._on_shift_closed)
        self.close_panel.cancelled.connect(self._on_back_to_desk)
        self.language_button.clicked.connect(self._on_language_clicked)
        self.theme_button.clicked.connect(self._on_theme_clicked)
        self.settings_button.clicked.connect(self.settings_requested)
        self.end_shift_button.clicked.connect(self._on_end_shift_clicked)

    def _shortcuts(self) -> None:
        def bind(keys: str, slot: Callable[[], None]) -> QShortcut:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            return shortcut

        bind("F2", lambda: self.form.set_direction("in"))
        bind("F3", lambda: self.form.set_direction("out"))
        bind("Esc", self._on_escape)
        bind("Ctrl+F", self.recent.focus_search)
        bind("Ctrl+N", self.loop.start_manual)
        bind("F4", self.loop.start_vehicle)
        bind("Alt+G", lambda: self.loop.confirm_colour("green"))
        bind("Alt+Y", lambda: self.loop.confirm_colour("yellow"))
        bind("Alt+R", lambda: self.loop.confirm_colour("red"))
        bind(HEADER_KEYS["language"], self.language_button.click)
        bind(HEADER_KEYS["theme"], self.theme_button.click)
        bind(HEADER_KEYS["settings"], self.settings_button.click)
        bind(HEADER_KEYS["end_shift"], self.end_shift_button.click)
        bind(INSIDE_KEY, self.status.inside.click)
        bind(HUB_KEY, self.hub_requested.emit)

    # -- pages ---------------------------------------------------------------------------
    def _start_page(self) -> None:
        shift = self.shifts.current_shift()
        if shift is not None:
            operator = next((o for o in self.shifts.operators() if o.id == shift.operator_id), None)
            if operator is not None:
                self._on_shift_opened(operator, shift)
                return
        self.sign_in.refresh()
        self.pages.setCurrentWidget(self.sign_in)
        self._update_header()

    @Slot(object, object)
    def _on_shift_opened(self, operator: OperatorInfo, shift: ShiftInfo) -> None:
        # Unlocking after the idle lock resumes the visitor that was being typed.
        before = self.loop.operator
        resumed = self.sign_in.locked and before is not None and before.id == operator.id
        self.loop.set_shift(operator, shift)
        self.pages.setCurrentWidget(self.desk)
        rows = self.session.today_rows()
        self.recent.model.set_rows(rows)
        self.refresh_status()
        if not resumed:
            self.banner.show_idle()
            self.form.clear()
            self.loop.resume(rows[0] if rows else None)
        # After the first paint: opening a camera (and importing OpenCV) takes a while.
        QTimer.singleShot(0, self._on_camera_due)
        QTimer.singleShot(50, self.session.warm_up)

    @Slot()
    def _on_camera_due(self) -> None:
        # Only while someone is on duty: the window may have locked or closed since.
        if self.loop.shift is not None and self.pages.currentWidget() is self.desk:
            self.camera.start()

    def pending_stops(self) -> list[VisitRow]:
        """Today's stops that have no disposition yet, oldest first."""
        rows = self.session.today_rows()
        return [r for r in reversed(rows) if r.verdict == "stop" and r.disposition is None]

    def pending_text(self, pending: list[VisitRow]) -> str:
        listed = ", ".join(
            f"{to_local(row.at).strftime('%H:%M')} {row.name or '—'}" for row in pending
        )
        return self.tr("Stops without a disposition: {list}").format(list=listed)

    @Slot(str)
    def _on_banner_state_changed(self, state: str) -> None:
        if self.pages.currentWidget() is self.desk:
            self.flash.show_state(state)

    @Slot(int)
    def _on_page_changed(self, _index: int) -> None:
        # The colour belongs to the banner: on the shift pages the header is neutral.
        on_desk = self.pages.currentWidget() is self.desk
        self.flash.show_state(self.banner.state.value if on_desk else "idle", flash=False)

    @Slot()
    def _on_end_shift_clicked(self) -> None:
        if self.loop.shift is None:
            return
        pending = self.pending_stops()
        notes = [self.pending_text(pending) if pending else "", self.loop.open_vehicle_text()]
        self.close_panel.prepare(
            self.loop.shift, self.session.unsynced_count(), "\n".join(n for n in notes if n)
        )
        self.pages.setCurrentWidget(self.close_panel)
        self._update_header()

    @Slot(object)
    def _on_shift_closed(self, report: ShiftReport) -> None:
        self.loop.shift_closed()
        self.loop.set_shift(None, None)
        self.camera.stop()
        self.sign_in.refresh()
        self.sign_in.notice.setText(self.close_panel.report_text(report))
        self.pages.setCurrentWidget(self.sign_in)
        self.refresh_status()

    @Slot()
    def _on_inside_requested(self) -> None:
        from checkpoint_desk.ui.inside_dialog import InsideDialog

        if self.pages.currentWidget() is not self.desk:
            return  # names are shown to whoever is on duty, not on a locked window
        dialog = InsideDialog(self.session, self)
        run_modal(dialog, self)
        dialog.deleteLater()

    @Slot(object)
    def _on_unmask_requested(self, visit_id: uuid.UUID) -> None:
        from checkpoint_desk.ui.unmask_dialog import UnmaskDialog

        dialog = UnmaskDialog(self.session, self.shifts, visit_id, self)
        run_modal(dialog, self)
        dialog.deleteLater()

    @Slot(object)
    def _on_edit_requested(self, row: VisitRow) -> None:
        if self.pages.currentWidget() is not self.desk:
            return
        if self.loop.stop_pending:  # the STOP on screen is answered first
            self.disposition.set_problem(
                lambda: self.tr("First choose what was done for the stop, then correct visits.")
            )
            return
        from checkpoint_desk.ui.visit_edit_dialog import VisitEditDialog

        if self.visit_editor is not None:
            self.visit_editor.deleteLater()
        self.visit_editor = VisitEditDialog(self.session, self.shifts, row, self)
        self.visit_editor.finished.connect(self._on_visit_edited)
        open_over(self.visit_editor, self)  # window-modal; the desk's timers keep running

    @Slot(int)
    def _on_visit_edited(self, _result: int) -> None:
        if self.visit_editor is not None and self.visit_editor.changed:
            self.recent.model.set_rows(self.session.today_rows())
            self.refresh_status()
        self.form.focus("name")

    @Slot()
    def _on_back_to_desk(self) -> None:
        self.pages.setCurrentWidget(self.desk)
        self._update_header()
        self.form.edits["name"].setFocus()

    # -- keys ------------------------------------------------------------------------------
    @Slot()
    def _on_escape(self) -> None:
        if self.recent.search.hasFocus():
            self.recent.search.clear()
            self.form.edits["name"].setFocus()
            return
        if self.pages.currentWidget() is self.desk:
            self.loop.clear()

    # -- status ----------------------------------------------------------------------------
    def refresh_status(self) -> None:
        """Recount today's visits and the outbox off the GUI thread (read-only queries;
        with a million unsynced visits the outbox count takes a noticeable moment):
        ``StatusCounter``."""
        loop = self.loop
        known = replace(
            self.status.facts,
            operator=loop.operator.name if loop.operator else "",
            shift_opened=loop.shift.opened_at if loop.shift else None,
            camera=self.preview.state,
            demo=self.demo,
        )
        self.status.show_facts(known)
        self._update_header()
        if self._counting:
            self._count_again = True
            return
        self._counting = self.counter.count(known)

    @Slot(object)
    def _on_counts_ready(self, facts: StatusFacts) -> None:
        self._counting = False
        self.status.show_facts(
            replace(
                facts,
                camera=self.preview.state,
                operator=self.status.facts.operator,
                sync_detail=self.status.facts.sync_detail,
            )
        )
        if self._count_again:
            self._count_again = False
            self.refresh_status()

    @Slot()
    def _on_clock_check(self) -> None:
        try:
            status = self.session.clock_status()
        except Exception:  # a check that failed is tried again in a minute
            log.exception("clock check failed")
            return
        self.clock_behind_s = status.behind_s if status.behind else 0.0
        self._show_clock_line()

    def _show_clock_line(self) -> None:
        minutes = round(self.clock_behind_s / 60)
        self.clock_line.setText(
            self.tr(
                "This clock is {minutes} minutes behind times already seen: "
                "no reading will show a green code"
            ).format(minutes=minutes)
        )
        self.clock_line.setStyleSheet(
            f"QLabel#clockBehind {{ background: {self.theme.stop_bg}; "
            f"color: {self.theme.stop_fg}; font-weight: bold; padding: 2px 8px; }}"
        )
        self.clock_line.setVisible(self.clock_behind_s > 0)

    def _update_header(self) -> None:
        if self.station_open:
            station = self.session.station
            names = (station.community, station.name)
        else:  # what the peek read (nothing yet for a demo station being made)
            names = (self.glance.community, self.glance.name) if self.glance else ("", "")
        place = " · ".join(p for p in names if p)
        if self.demo:
            place += " · " + self.tr("DEMO")
        self.header.setText(place)

    @Slot(object)
    def _on_visit_committed(self, _visit_id: object) -> None:
        self.counts_timer.start()

    @Slot()
    def _on_refresh_due(self) -> None:
        if self.pages.currentWidget() is self.desk:
            self.refresh_status()

    @Slot(str, str)
    def _on_camera_state_changed(self, state: str, _detail: str) -> None:
        self.status.show_camera(state)

    @Slot()
    def _on_choose_camera(self) -> None:
        if self._choose_camera is None:
            return
        found = self._list_cameras() if self._list_cameras is not None else []
        items = [f"{spec} — {name}" for spec, name in found]
        text, ok = QInputDialog.getItem(
            self,
            self.tr("Choose camera"),
            self.tr("Camera number (0, 1, …) or video file path:"),
            items,
            0,
            True,
        )
        self.activateWindow()  # no window manager gives the keyboard back (ui/modal.py)
        spec = text.split(" — ")[0].strip()
        if not ok or not spec:
            return
        factory = self._choose_camera(spec)
        if factory is not None:
            self.camera.restart(factory)

    # -- language and theme -----------------------------------------------------------------
    @Slot()
    def _on_language_clicked(self) -> None:
        self.language_requested.emit("en" if self.lang == "zh_CN" else "zh_CN")

    @Slot()
    def _on_theme_clicked(self) -> None:
        self.theme_requested.emit("light" if self.theme.name == "dark" else "dark")

    def fit_to_font(self) -> None:
        """Row heights and the recent-visits list follow the font scale: the list
        keeps at least five rows on screen."""
        box = self.recent.layout()
        if box is not None:
            box.setSpacing(2)
        # Rows as tall as the text and a little air; less air at large scales
        # (1.5: five rows, the search box and the form fit 768 pixels).
        text = self.fontMetrics().height()
        rows = text + (4 if text < 30 else 2)
        table = self.recent.table
        table.verticalHeader().setMinimumSectionSize(rows)  # the style's floor has more air
        table.verticalHeader().setDefaultSectionSize(rows)
        header = table.horizontalHeader().sizeHint().height()
        table.setMinimumHeight(header + 5 * rows + 2 * table.frameWidth())

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.flash.set_theme(theme)
        if not self.station_open:
            self.retranslate()
            return
        self.fit_to_font()
        self.banner.set_theme(theme)
        self.recent.model.stop_colour = QColor(theme.error)
        self.recent.model.retranslate()  # repaint the rows in the new colour
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Checkpoint Desk") + f" {__version__}")
        keys = HEADER_KEYS
        # The language button names the language it switches to, in that language.
        language = "English" if self.lang == "zh_CN" else "中文"
        self.language_button.setText(f"{language} ({keys['language']})")
        theme = self.tr("Light theme") if self.theme.name == "dark" else self.tr("Dark theme")
        self.theme_button.setText(f"{theme} ({keys['theme']})")
        self.settings_button.setText(self.tr("Settings…") + f" ({keys['settings']})")
        self.end_shift_button.setText(self.tr("End shift…") + f" ({keys['end_shift']})")
        self._update_header()
        self._show_clock_line()
        if self.station_open and self.pages.currentWidget() is self.desk:
            self.refresh_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.last_input = time.monotonic()
        return False

    @Slot()
    def _on_idle_check(self) -> None:
        minutes = self.session.settings.values.idle_lock_min
        if time.monotonic() - self.last_input >= minutes * 60:
            self.lock()

    def lock(self) -> None:
        """Show the sign-in page for the volunteer on duty; the shift stays open and
        the form keeps what was typed (and a stop its pending disposition)."""
        if self.pages.currentWidget() is not self.desk or self.loop.operator is None:
            return
        self.camera.stop()
        self.loop.set_shift(self.loop.operator, None)
        self.sign_in.refresh(locked_for=self.loop.operator.id)
        self.pages.setCurrentWidget(self.sign_in)

    def unfinished_work(self) -> list[str]:
        """What closing now would leave undone: a visitor typed in, a stop pending."""
        found: list[str] = []
        if not self.station_open:
            return found
        if self.disposition.visit_id is not None:
            found.append(self.tr("A stopped visitor waits for a disposition."))
        draft = self.form.values()
        typed = any(e.text().strip() for e in self.form.edits.values()) or draft.readings
        if self.pages.currentWidget() is self.desk and typed:
            found.append(self.tr("A visitor is typed in but not registered."))
        return found

    def ask_to_close(self, unfinished: list[str]) -> None:
        """Ask before closing (window-modal, the event loop keeps running); Enter,
        Space and Esc all keep the desk open, only "Close anyway" closes it."""
        if self.close_question is not None:
            self.close_question.raise_()
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Close the desk?"), "", parent=self)
        box.setText("\n".join(unfinished))
        stay = box.addButton(self.tr("Stay at the desk (Esc)"), QMessageBox.ButtonRole.RejectRole)
        leave = box.addButton(self.tr("Close anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        self.close_question = box

        def answered() -> None:
            self.close_question = None
            box.deleteLater()
            if box.clickedButton() is leave:
                self.shut_down()

        box.finished.connect(answered)
        open_over(box, self)

    def shut_down(self) -> None:
        """Close without asking (the application is ending: ``Desk.close``)."""
        self._asked_to_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.station_open and self.close_panel.busy:  # the shift closes on its worker
            event.ignore()
            return
        unfinished = [] if self._asked_to_close else self.unfinished_work()
        if unfinished:
            event.ignore()
            self.ask_to_close(unfinished)
            return
        self._asked_to_close = True
        if not self.station_open:
            super().closeEvent(event)
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.idle_timer.stop()
        self.refresh_timer.stop()
        self.loop.set_shift(self.loop.operator, None)  # scans still in the queue are ignored
        self.counts_timer.stop()
        self.camera.stop()
        self.counter.drain()  # before the station's database closes (``Desk.close``)
        super().closeEvent(event)
