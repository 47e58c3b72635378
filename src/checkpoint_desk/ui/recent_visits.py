"""Recent visits: a table model over today's visits, and a search box (Ctrl+F)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checkpoint_desk.clock import to_local
from checkpoint_desk.domain.verdict import REASON_TEXT, Reason
from checkpoint_desk.i18n import gettext
from checkpoint_desk.services.today import VisitRow

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("time", "direction", "name", "id", "temperature", "verdict")


class VisitTableModel(QAbstractTableModel):
    """Today's visits, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[VisitRow] = []
        self.stop_colour = QColor("#B3001B")  # the theme's error colour (light or dark)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def row_at(self, row: int) -> VisitRow:
        return self._rows[row]

    def set_rows(self, rows: list[VisitRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def add_or_update(self, row: VisitRow) -> None:
        """Put a new visit on top, or refresh one already shown."""
        for number, existing in enumerate(self._rows):
            if existing.visit_id == row.visit_id:
                self._rows[number] = row
                self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))
                return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, row)
        self.endInsertRows()

    def find(self, visit_id: uuid.UUID) -> int | None:
        for number, row in enumerate(self._rows):
            if row.visit_id == visit_id:
                return number
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return [
            self.tr("Time"),
            self.tr("In/Out"),
            self.tr("Name"),
            self.tr("ID number"),
            self.tr("Temp ℃"),
            self.tr("Result"),
        ][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "verdict":
            return self.stop_colour if row.verdict == "stop" else None
        if role == Qt.ItemDataRole.ToolTipRole and column == "verdict":
            return self._verdict_text(row)
        return None

    def _display(self, row: VisitRow, column: str) -> str:
        if column == "time":
            return to_local(row.at).strftime("%H:%M")
        if column == "direction":
            return self.tr("In") if row.direction == "in" else self.tr("Out")
        if column == "name":
            return row.name
        if column == "id":
            return row.id_masked
        if column == "temperature":
            text = f"{row.temperature_c:.1f}" if row.temperature_c is not None else ""
            if row.retest_temperature_c is not None:
                text += f" → {row.retest_temperature_c:.1f}"
            return text
        return self._verdict_text(row)

    def _verdict_text(self, row: VisitRow) -> str:
        if row.verdict != "stop":
            return self.tr("Pass")
        parts = [self.tr("Stopped")]
        parts += [self._reason_text(code) for code in row.reasons][:2]
        if row.disposition:
            parts.append(disposition_text(self, row.disposition))
        return " · ".join(parts)

    def _reason_text(self, code: str) -> str:
        # Stored reasons are codes without their values: name the ones that need values.
        short = {"fever": self.tr("fever"), "nat_stale": self.tr("test too old")}
        if code in short:
            return short[code]
        return Reason(code).text() if code in REASON_TEXT else gettext(code)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            )


def disposition_text(owner: QObject, code: str) -> str:
    return {
        "denied": owner.tr("denied entry"),
        "remeasured": owner.tr("re-measured"),
        "referred": owner.tr("referred to medical staff"),
        "allowed_by_supervisor": owner.tr("allowed by supervisor"),
    }.get(code, code)


class VisitSearchProxy(QSortFilterProxyModel):
    """Keeps rows whose ID, phone, plate, name or pinyin initials contain the query."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._query = query.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._query:
            return True
        model = self.sourceModel()
        if not isinstance(model, VisitTableModel):
            return True
        return self._query in model.row_at(source_row).search_text


class RecentVisits(QWidget):
    """The table of today's visits with its search box.

    Double-clicking a row asks to show its full numbers (``unmask_requested``), which
    needs a supervisor's PIN (``UnmaskDialog``). F9 or the row's menu asks to
    correct or delete the selected visit, the newest when none is (``edit_requested``,
    ``VisitEditDialog``).
    """

    unmask_requested = Signal(object)  # the visit's id
    edit_requested = Signal(object)  # the visit's row (VisitRow)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = VisitTableModel(self)
        self.proxy = VisitSearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.title = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_query_changed)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.table.doubleClicked.connect(self._on_row_activated)
        self.table.verticalHeader().setVisible(False)
        self.edit_action = QAction(self)
        self.edit_action.setShortcut(QKeySequence("F9"))
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.edit_action.triggered.connect(self._on_edit_triggered)
        self.unmask_action = QAction(self)
        self.unmask_action.triggered.connect(self._on_unmask_triggered)
        self.addAction(self.edit_action)  # the shortcut works wherever the cursor is
        self.table.addActions([self.edit_action, self.unmask_action])
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Recent visits"))
        self.edit_action.setText(self.tr("Correct or delete… (F9)"))
        self.unmask_action.setText(self.tr("Show full numbers…"))
        self.search.setPlaceholderText(
            self.tr("Search (Ctrl+F): ID, phone, plate, name or pinyin initials")
        )
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot(str)
    def _on_query_changed(self, text: str) -> None:
        self.proxy.set_query(text)

    def selected_row(self) -> VisitRow | None:
        """The row the cursor is on, else the newest shown."""
        current = self.table.currentIndex()
        source = self.proxy.mapToSource(current) if current.isValid() else QModelIndex()
        if not source.isValid():
            first = self.proxy.index(0, 0)
            source = self.proxy.mapToSource(first) if first.isValid() else QModelIndex()
        return self.model.row_at(source.row()) if source.isValid() else None

    @Slot(QModelIndex)
    def _on_row_activated(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        if source.isValid():
            self.unmask_requested.emit(self.model.row_at(source.row()).visit_id)

    @Slot()
    def _on_edit_triggered(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.edit_requested.emit(row)

    @Slot()
    def _on_unmask_triggered(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.unmask_requested.emit(row.visit_id)
