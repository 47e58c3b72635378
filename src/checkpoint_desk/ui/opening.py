"""The desk's first seconds: a sign-in page at once, the station opened behind it.

``OpeningPage`` is what the window shows before the database layers are loaded: the
station's operators as a plain ``sqlite3`` peek reads them (``services.desk_opening``),
a PIN field that takes what is typed, and "Opening the station…". ``StationOpener``
imports SQLAlchemy and the rest, unlocks the keys and opens the database on a worker
thread, asking for the passphrase (if nobody gave it) on the GUI thread; ``opened``
hands the sessions to the window, which builds the desk and signs in with what was
typed meanwhile (``TypedSignIn``).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from checkpoint_desk.clock import Clock
from checkpoint_desk.i18n import N_
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.desk_opening import StationGlance, open_station
from checkpoint_desk.ui.unlock import TRIES

if TYPE_CHECKING:
    from checkpoint_desk.services.desk_session import DeskSession
    from checkpoint_desk.services.shift_session import ShiftSession
    from checkpoint_desk.settings import Settings


@dataclass(frozen=True)
class TypedSignIn:
    """What the volunteer typed on the opening page, for the real sign-in page."""

    operator_id: str
    """The chosen operator's id as stored ("" when none was listed)."""
    name: str
    """A new station's first supervisor's name."""
    pin: str
    submitted: bool
    """Enter was pressed: sign in as soon as the station is open."""


class OpeningPage(QWidget):
    """The sign-in page while the station opens: nothing typed here is lost."""

    def __init__(self, glance: StationGlance | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openingPage")
        self.glance = glance
        self.submitted = False
        self.title = QLabel(self)
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        self.state = QLabel(self)
        self.state.setObjectName("openingState")
        self.state.setWordWrap(True)
        self.operator = QComboBox(self)
        self.operator.setObjectName("openingOperator")
        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("openingNewName")
        self.pin = QLineEdit(self)
        self.pin.setObjectName("openingPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.pin.returnPressed.connect(self._on_submitted)
        self.name_label = QLabel(self)
        self.pin_label = QLabel(self)
        asks = glance is not None and not glance.shift_open
        operators = glance.operators if glance is not None else ()
        for op_id, name in operators:
            self.operator.addItem(name, op_id)
        form = QFormLayout()
        form.addRow(self.name_label, self.operator)
        form.addRow("", self.new_name)
        form.addRow(self.pin_label, self.pin)
        for widget in (self.name_label, self.pin_label, self.pin):
            widget.setVisible(asks)
        self.operator.setVisible(asks and bool(operators))
        self.new_name.setVisible(asks and not operators)
        box = QVBoxLayout()
        box.addWidget(self.title)
        box.addLayout(form)
        box.addWidget(self.state)
        box.addStretch(1)
        inner = QWidget(self)
        inner.setLayout(box)
        inner.setMaximumWidth(620)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(inner, 3)
        outer.addStretch(1)
        self.retranslate()

    def focus_first(self) -> None:
        """Focus where the volunteer types first: the PIN (a new station: the name)."""
        if self.pin.isVisibleTo(self):
            (self.pin if self.operator.count() else self.new_name).setFocus()

    def typed(self) -> TypedSignIn:
        chosen = self.operator.currentData()
        return TypedSignIn(
            operator_id=str(chosen) if chosen is not None else "",
            name=self.new_name.text(),
            pin=self.pin.text(),
            submitted=self.submitted,
        )

    @Slot()
    def _on_submitted(self) -> None:
        self.submitted = True
        self.retranslate()

    def retranslate(self) -> None:
        first_run = self.operator.count() == 0
        if self.glance is None or self.glance.shift_open:
            self.title.setText(self.tr("Opening the station…"))
        elif first_run:
            self.title.setText(self.tr("New station: who is the first supervisor?"))
        else:
            self.title.setText(self.tr("Start of shift: who is on duty?"))
        self.name_label.setText(self.tr("Name"))
        self.pin_label.setText(self.tr("PIN"))
        self.new_name.setPlaceholderText(self.tr("Your name"))
        self.pin.setPlaceholderText(
            self.tr("Choose a PIN (4–12 digits)") if first_run else self.tr("Your PIN")
        )
        if self.submitted:
            self.state.setText(self.tr("Opening the station… you are signed in when it is open."))
        else:
            self.state.setText(self.tr("Opening the station…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


@dataclass(frozen=True)
class OpenedStation:
    """The station's sessions, opened with its keys (what the window is built on)."""

    session: DeskSession
    shifts: ShiftSession


AskPassphrase = Callable[[str, bool], str | None]
"""(problem, first_time) → the passphrase typed, or None when the volunteer gave up."""


@dataclass(frozen=True)
class PreparedStation:
    """The station's settings (read once, here) and how its keys will be unlocked."""

    settings: Settings
    given: str | None
    """The passphrase nobody has to type (environment, demo), or None: ask."""
    first_time: bool


def prepare_station(data_dir: DataDir, *, demo: bool, clock: Clock) -> PreparedStation:
    """Make a demo station if asked, start the log, read the settings (pydantic) and
    see how to unlock (SQLAlchemy is imported here): the opener's first step, on its
    worker thread."""
    from checkpoint_desk.logging_setup import configure_logging
    from checkpoint_desk.services.unlocking import first_unlock, given_passphrase
    from checkpoint_desk.settings import Settings
    from checkpoint_desk.ui.demo import prepare_demo

    if demo:
        prepare_demo(data_dir, clock)
    data_dir.require_initialised()
    configure_logging(data_dir)
    settings = Settings.load(data_dir.settings_file)
    return PreparedStation(settings, given_passphrase(data_dir, demo=demo), first_unlock(data_dir))


class StationOpener(QObject):
    """Opens the station off the GUI thread: ``opened(OpenedStation)`` or
    ``failed(exception)``, delivered on the GUI thread (``settings_loaded(Settings)``
    before them, once the settings are read). Unthreaded, every step runs before
    ``start`` returns."""

    settings_loaded = Signal(object)
    opened = Signal(object)
    failed = Signal(object)
    _step_done = Signal(object, object)

    def __init__(
        self,
        data_dir: DataDir,
        ask: AskPassphrase,
        *,
        clock: Clock,
        demo: bool,
        warm: Callable[[], None] = lambda: None,
        threaded: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.settings: Settings | None = None
        self.ask = ask
        self.clock = clock
        self.demo = demo
        self.warm = warm
        self.threaded = threaded
        self.tries_left = TRIES
        self.first_time = False
        self.asked = False
        self.started = False
        self.cancelled = False
        self.unclaimed: OpenedStation | None = None
        """Opened but not yet handed over (``claim``): the desk closes it if it ends first."""
        self._thread: threading.Thread | None = None
        self._step_done.connect(self._on_step_done)

    def start(self) -> None:
        if self.started or self.cancelled:
            return
        self.started = True
        self._run(self._prepare, self._on_prepared)

    def cancel(self) -> None:
        """The desk is closing: no further step starts; wait for the one running
        (what it opened stays ``unclaimed`` for the desk to close)."""
        self.cancelled = True
        if self._thread is not None:
            self._thread.join()

    def claim(self) -> OpenedStation | None:
        found, self.unclaimed = self.unclaimed, None
        return found

    def _run(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        def run() -> None:
            try:
                result: Any = work()
            except Exception as exc:  # delivered to the GUI thread, said there
                result = exc
            with contextlib.suppress(RuntimeError):  # the window is gone already
                self._step_done.emit(then, result)

        if not self.threaded:  # tests, screenshots: every step before start() returns
            run()
            return
        self._thread = threading.Thread(target=run, name="station-opener", daemon=True)
        self._thread.start()

    @Slot(object, object)
    def _on_step_done(self, then: Callable[[Any], None], result: Any) -> None:
        if not self.cancelled:
            then(result)

    def _prepare(self) -> PreparedStation:
        return prepare_station(self.data_dir, demo=self.demo, clock=self.clock)

    def _on_prepared(self, result: PreparedStation | Exception) -> None:
        if isinstance(result, Exception):
            self.failed.emit(result)
            return
        self.settings, given, self.first_time = result.settings, result.given, result.first_time
        self.settings_loaded.emit(result.settings)
        if given is not None:
            self._open(given)
        else:
            self._ask_and_open("")

    def _ask_and_open(self, problem: str) -> None:
        from checkpoint_desk.services.unlocking import PassphraseError

        typed = self.ask(problem, self.first_time) if self.tries_left > 0 else None
        self.tries_left -= 1
        self.asked = True
        if typed is None:
            self.failed.emit(PassphraseError(N_("The station is locked: enter the passphrase.")))
            return
        self._open(typed)

    def _open(self, passphrase: str) -> None:
        settings = self.settings
        assert settings is not None

        def work() -> OpenedStation:
            session, shifts = open_station(
                self.data_dir,
                passphrase,
                settings,
                first_time=self.first_time,
                clock=self.clock,
                demo=self.demo,
            )
            opened = OpenedStation(session, shifts)
            self.unclaimed = opened
            self.warm()  # the desk's widget modules, off the GUI thread too
            return opened

        self._run(work, self._on_opened)

    def _on_opened(self, result: OpenedStation | Exception) -> None:
        from checkpoint_desk.services.unlocking import PassphraseError

        if isinstance(result, PassphraseError) and self.asked:
            self._ask_and_open(result.translated())
        elif isinstance(result, Exception):
            self.failed.emit(result)
        else:
            self.opened.emit(result)
