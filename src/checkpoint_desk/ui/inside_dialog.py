"""Who is inside now (场内): the list, and the evacuation roll call as CSV or PDF."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkpoint_desk.clock import to_local
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.services.desk_session import DeskSession
from checkpoint_desk.services.inside import InsidePerson

AnyIndex = QModelIndex | QPersistentModelIndex


class InsideModel(QAbstractTableModel):
    """People inside: name, masked ID number (or phone), since, direction."""

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people: list[InsidePerson] = []

    def show_people(self, people: list[InsidePerson]) -> None:
        self.beginResetModel()
        self.people = list(people)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        person = self.people[index.row()]
        column = index.column()
        if column == 0:
            return person.name or "—"
        if column == 1:
            return person.id_masked or person.phone_masked or "—"
        if column == 2:
            return to_local(person.since).strftime("%m-%d %H:%M")
        return self.tr("In") if person.direction == "in" else self.tr("Out")

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        heads = (self.tr("Name"), self.tr("ID number"), self.tr("Since"), self.tr("Direction"))
        return heads[section] if 0 <= section < len(heads) else None


class InsideDialog(QDialog):
    """The list of who is inside, with the roll call written to the export folder."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Who is inside"))
        self.count = QLabel(self)
        self.count.setObjectName("insideTotal")
        self.model = InsideModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.csv_button = QPushButton(self.tr("Roll call as CSV"), self)
        self.pdf_button = QPushButton(self.tr("Printable roll call (PDF)"), self)
        self.csv_button.clicked.connect(self._on_csv)
        self.pdf_button.clicked.connect(self._on_pdf)
        self.written = QLabel(self)
        self.written.setObjectName("rollCallWritten")
        self.written.setWordWrap(True)
        self.written.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close (Esc)"))
        buttons.addButton(self.csv_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.count, self.table, self.written, buttons):
            layout.addWidget(widget)
        self.resize(720, 480)
        self.refresh()

    def refresh(self) -> None:
        """Read who is inside now."""
        self.model.show_people(self.session.inside_people())
        self.count.setText(self.tr("Inside now: {count}").format(count=len(self.model.people)))

    def _write(self, fmt: str) -> None:
        try:
            path = self.session.write_roll_call(self.model.people, fmt)
        except CheckpointError as exc:
            self.written.setText(exc.translated())
            return
        self.written.setText(self.tr("Roll call written to {path}").format(path=path))

    @Slot()
    def _on_csv(self) -> None:
        self._write("csv")

    @Slot()
    def _on_pdf(self) -> None:
        self._write("pdf")
