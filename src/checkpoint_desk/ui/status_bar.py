"""The status bar: operator and shift, today's counts, unsynced records, trust list, camera."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from checkpoint_desk.clock import to_local
from checkpoint_desk.services.today import DayCounts
from checkpoint_desk.ui.camera_worker import CameraState, camera_state_text
from checkpoint_desk.ui.fitting_label import FittingLabel


@dataclass(frozen=True)
class StatusFacts:
    operator: str = ""
    shift_opened: datetime | None = None
    counts: DayCounts = field(default_factory=DayCounts)
    unsynced: int = 0
    trust_age: timedelta | None = None
    camera: str = CameraState.NONE
    sync_detail: str = ""
    demo: bool = False
    inside: int | None = None  # people inside now (None: not counted yet)
    pace: float | None = None  # visitors per minute over the last hour


class DeskStatusBar(QStatusBar):
    """Facts a volunteer glances at; refreshed after every visit and on a timer.

    ``inside_requested``: the "Inside 123" count was clicked (the list and roll call).
    """

    inside_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = StatusFacts()
        self.operator = FittingLabel(self)
        self.inside = QPushButton(self)
        self.inside.setObjectName("insideCount")
        self.inside.setFlat(True)
        self.inside.clicked.connect(self.inside_requested)
        self.addWidget(self.inside)
        self.pace = QLabel(self)
        self.pace.setObjectName("lanePace")
        self.counts = QLabel(self)
        self.counts.setObjectName("todayCounts")
        self.unsynced = QLabel(self)
        self.trust = FittingLabel(self)
        self.camera = QLabel(self)
        self.thermometer = QLabel(self)  # a serial thermometer's state (ui/thermometer_link)
        self.thermometer.setObjectName("thermometerState")
        self.thermometer.setVisible(False)
        for label in (self.operator, self.counts, self.pace, self.unsynced, self.trust):
            label.setContentsMargins(4, 0, 8, 0)
            self.addWidget(label)
        self.addPermanentWidget(self.thermometer)
        self.addPermanentWidget(self.camera)
        # When the bar is full (font scale 1.5) the operator and the trust list's age
        # take their short wordings, the long ones in their tooltips: the window never
        # grows past a 1366-pixel screen, and no text is cut.
        self.show_facts(self.facts)

    def show_facts(self, facts: StatusFacts) -> None:
        self.facts = facts
        if facts.operator:
            since = to_local(facts.shift_opened).strftime("%H:%M") if facts.shift_opened else ""
            self.operator.set_wordings(
                self.tr("On duty: {name} (since {time})").format(name=facts.operator, time=since),
                self.tr("{name} ({time})").format(name=facts.operator, time=since),
            )
        else:
            self.operator.set_wordings(self.tr("Nobody signed in"))
        c = facts.counts
        self.counts.setText(
            self.tr("Today: in {entered} · out {left} · stopped {stopped} · fever {fever}").format(
                entered=c.entered, left=c.left, stopped=c.stopped, fever=c.fever
            )
        )
        self.inside.setText(
            self.tr("Inside {count}").format(count="…" if facts.inside is None else facts.inside)
        )
        self.inside.setToolTip(self.tr("Who is inside now, and the evacuation roll call (F10)"))
        # The rate alone on the bar, the hour's count in its tooltip: at font scale 1.5
        # the long form pushed the window past a 1366-pixel screen.
        if facts.pace is None:
            self.pace.setText("")
            self.pace.setToolTip("")
        else:
            self.pace.setText(self.tr("Lane {rate:.1f}/min").format(rate=facts.pace))
            self.pace.setToolTip(
                self.tr("Lane {rate:.1f}/min ({count} in the last hour)").format(
                    rate=facts.pace, count=round(facts.pace * 60)
                )
            )
        count = self.tr("Unsynced: {count}").format(count=facts.unsynced)
        text = count + (" · " + facts.sync_detail if facts.sync_detail else "")
        self.unsynced.setText(text)
        self.unsynced.setToolTip(text)
        # A long sync detail (a failure's reason) gives way like the trust list's age;
        # the count itself stays readable.
        margins = self.unsynced.contentsMargins()
        self.unsynced.setMinimumWidth(
            self.unsynced.fontMetrics().horizontalAdvance(count) + margins.left() + margins.right()
        )
        if facts.demo and facts.trust_age is None:
            self.trust.set_wordings(self.tr("Trust list: demo issuer"), self.tr("Trust list: demo"))
        else:
            self.trust.set_wordings(*self._trust_wordings(facts.trust_age))
        self.show_camera(facts.camera)

    def show_sync(self, state: object) -> None:
        """Words for the hub sync's state (a ``SyncState``)."""
        syncing = getattr(state, "syncing", False)
        error = getattr(state, "last_error", None)
        last = getattr(state, "last_sync_at", None)
        if syncing:
            text = self.tr("syncing…")
        elif error is not None:
            reason = error.translated() if hasattr(error, "translated") else str(error)
            text = self.tr("sync failed: {reason}").format(reason=reason)
        elif last is not None:
            text = self.tr("last sync {time}").format(time=to_local(last).strftime("%H:%M"))
        else:
            text = ""
        report = getattr(state, "last_report", None)
        refused = getattr(report, "rejected", 0)
        if refused and not syncing:  # kept waiting at the desk; `checkpoint-desk sync` lists them
            text += self.tr(" · {count} refused by the hub").format(count=refused)
        self.show_facts(replace(self.facts, sync_detail=text))

    def show_thermometer(self, text: str) -> None:
        """The thermometer's state in words (already translated); empty hides it."""
        self.thermometer.setText(text)
        self.thermometer.setToolTip(text)
        self.thermometer.setVisible(bool(text))

    def show_camera(self, state: str) -> None:
        self.facts = replace(self.facts, camera=state)
        text = camera_state_text(state)
        self.camera.setText(self.tr("Camera: {state}").format(state=text))

    def _trust_wordings(self, age: timedelta | None) -> tuple[str, str]:
        """The trust list's age, long and short."""
        if age is None:
            return self.tr("Trust list: none"), self.tr("Trust list: none")
        hours = int(age.total_seconds() // 3600)
        if hours < 1:
            return self.tr("Trust list: updated within the hour"), self.tr("Trust list <1 h")
        if hours < 48:
            return (
                self.tr("Trust list: {hours} h old").format(hours=hours),
                self.tr("Trust list {hours} h").format(hours=hours),
            )
        days = hours // 24
        return (
            self.tr("Trust list: {days} days old").format(days=days),
            self.tr("Trust list {days} d").format(days=days),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.show_facts(self.facts)
        super().changeEvent(event)
