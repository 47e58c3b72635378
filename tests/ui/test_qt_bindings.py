"""The Qt bindings keep Python's reference counts (PySide6 6.12 on Python 3.11 did not).

With a broken binding every ``setVisible()``/``setText()`` call, and every override
answering ``None`` to Qt, drops a reference to ``None``; the desk dies with
"deallocating None" after a few thousand repaints. pyproject.toml keeps PySide6 below
6.12 for this; these tests say so if an upgrade brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from checkpoint_desk.ui.recent_visits import VisitTableModel
from checkpoint_desk.ui.translator import CatalogueTranslator

CALLS = 2000


def test_void_calls_keep_the_reference_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(CALLS):
        label.setVisible(bool(number % 2))
        label.setText("x")
    assert sys.getrefcount(None) - before > -CALLS // 10


def test_overrides_answering_none_keep_the_reference(qtbot: QtBot) -> None:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(VisitTableModel())
    translator = CatalogueTranslator("zh_CN")
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            proxy.headerData(99, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            QCoreApplication.translate("ctx", "no such source text")
        assert sys.getrefcount(None) - before > -CALLS // 10
    finally:
        app.removeTranslator(translator)
