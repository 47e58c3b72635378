"""Settings (the declared ones), for supervisors only: a PIN opens the form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import gettext
from checkpoint_desk.services.roles import SupervisorApproval
from checkpoint_desk.services.shift_session import ShiftSession
from checkpoint_desk.settings import DECLARED, Setting, Settings
from checkpoint_desk.ui.hub_dialog import HUB_KEY
from checkpoint_desk.ui.pin_field import PinField

Editor = QCheckBox | QComboBox | QDoubleSpinBox | QSpinBox | QLineEdit


class WheelOnlyWithFocus(QObject):
    """The mouse wheel over a number or a choice scrolls the form instead of changing
    the value, unless the field has the keyboard focus (a click or Tab gives it):
    scrolling over Settings once changed the fever threshold and duplicate window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            event.ignore()  # ignored: Qt hands it to the parent, the scroll area
            return True
        return False


class SettingsDialog(QDialog):
    """Locked until a supervisor's PIN is typed; then one row per declared setting."""

    def __init__(
        self, settings: Settings, shifts: ShiftSession, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.shifts = shifts
        self.supervisor: SupervisorApproval | None = None
        self.changed: dict[str, Any] = {}
        self.setWindowTitle(self.tr("Settings"))
        self.resize(720, 600)
        self.pin = PinField(self)
        self.pin.setObjectName("settingsPin")
        self.pin.setPlaceholderText(self.tr("Supervisor PIN"))
        self.pin.returnPressed.connect(self._on_unlock)
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.problem = QLabel(self)
        self.problem.setProperty("role", "problem")
        self.unlocked = QLabel(self)
        self.problem.hide()  # shown with something to say: no blank lines above the settings
        self.unlocked.hide()
        self.editors: dict[str, Editor] = {}
        self._wheel_guard = WheelOnlyWithFocus(self)
        form_box = QWidget(self)
        form = QFormLayout(form_box)
        for setting in DECLARED:
            editor = self._editor(setting)
            editor.setObjectName(f"setting_{setting.key}")
            if isinstance(editor, QComboBox | QDoubleSpinBox | QSpinBox):
                editor.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # not by the wheel
                editor.installEventFilter(self._wheel_guard)
            self.editors[setting.key] = editor
            label = QLabel(gettext(setting.description), form_box)
            label.setWordWrap(True)
            form.addRow(label, editor)
        self.settings_area = QScrollArea(self)
        self.settings_area.setWidget(form_box)
        self.settings_area.setWidgetResizable(True)
        self.settings_area.setEnabled(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        # The hub is configured in its own dialog (F11); from here too, for whoever looks
        # for it among the settings. Settings close first: unsaved changes are dropped.
        self.hub_wanted = False
        self.hub_button = QPushButton(
            self.tr("Connect to the hub… ({key})").format(key=HUB_KEY), self
        )
        self.hub_button.setAutoDefault(False)  # Enter in the PIN unlocks, never this
        self.hub_button.setObjectName("settingsHub")
        self.hub_button.clicked.connect(self._on_hub)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Only a supervisor can change settings."), self))
        layout.addWidget(self.pin)
        layout.addWidget(self.unlock_button)
        layout.addWidget(self.problem)
        layout.addWidget(self.unlocked)
        layout.addWidget(self.settings_area, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.hub_button)  # apart from Save / Cancel: it leaves the settings
        foot.addStretch(1)
        foot.addWidget(self.buttons)
        layout.addLayout(foot)

    @Slot()
    def _on_hub(self) -> None:
        self.hub_wanted = True
        self.reject()

    def _editor(self, setting: Setting) -> Editor:
        value = self.settings.get(setting.key)
        if setting.type is bool:
            box = QCheckBox(self)
            box.setChecked(bool(value))
            return box
        if setting.choices:
            combo = QComboBox(self)
            names = {
                "": self.tr("(system)"),
                "zh_CN": "中文",
                "en": "English",
                "light": self.tr("Light"),
                "dark": self.tr("Dark"),
                "in": self.tr("In"),
                "out": self.tr("Out"),
            }
            for choice in setting.choices:
                combo.addItem(names.get(str(choice), str(choice)), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if setting.type is float:
            spin = QDoubleSpinBox(self)
            spin.setDecimals(1)
            spin.setSingleStep(0.1)
            spin.setRange(setting.minimum or 0.0, setting.maximum or 1e6)
            spin.setValue(float(value))
            return spin
        if setting.type is int:
            ispin = QSpinBox(self)
            ispin.setRange(int(setting.minimum or 0), int(setting.maximum or 1_000_000))
            ispin.setValue(int(value))
            return ispin
        edit = QLineEdit(str(value), self)
        return edit

    @staticmethod
    def _value(editor: Editor) -> Any:
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QDoubleSpinBox | QSpinBox):
            return editor.value()
        return editor.text().strip()

    @Slot()
    def _on_unlock(self) -> None:
        try:
            self.supervisor = self.shifts.approve_supervisor(self.pin.text().strip())
        except CheckpointError as exc:
            self.pin.clear()
            self._say_problem(exc.translated())
            return
        self._say_problem("")
        self.unlocked.setText(self.tr("Unlocked by {name}.").format(name=self.supervisor.name))
        self.unlocked.show()
        self.settings_area.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    @Slot()
    def _on_save(self) -> None:
        if self.supervisor is None:
            return
        wanted: dict[str, Any] = {}
        for key, editor in self.editors.items():
            value = self._value(editor)
            if value != self.settings.get(key):
                wanted[key] = value
        try:  # checked, saved and audited by the service, as the approving supervisor
            self.changed = self.shifts.change_settings(self.settings, wanted, self.supervisor)
        except CheckpointError as exc:
            self._say_problem(exc.translated())
            return
        self.accept()

    def _say_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
