"""Qt translation from the same ``.ts`` catalogue the CLI reads (no compiled .qm files)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from checkpoint_desk.i18n import catalogue, set_language


class CatalogueTranslator(QTranslator):
    """Answers ``tr()`` look-ups from ``checkpoint_desk.i18n.catalogue(lang)``.

    The catalogue is one namespace, so the Qt context is ignored.
    """

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self._table = catalogue(lang)

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # None (a null QString) tells Qt "not translated here": it shows the source.
        return self._table.get(source_text)

    def isEmpty(self) -> bool:
        return not self._table


class LanguageSwitch:
    """Installs one CatalogueTranslator at a time; Qt then sends LanguageChange events."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translator: CatalogueTranslator | None = None
        self._qt: QTranslator | None = None

    @property
    def lang(self) -> str:
        return self._translator.lang if self._translator else "en"

    def uninstall(self) -> None:
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        if self._qt is not None:
            self._app.removeTranslator(self._qt)
            self._qt = None

    def apply(self, lang: str) -> str:
        """Make ``lang`` the language of the UI and of gettext(); returns it."""
        chosen = set_language(lang)
        self.uninstall()
        self._qt = qt_translator(chosen)
        if self._qt is not None:  # installed first: our catalogue is asked before it
            self._app.installTranslator(self._qt)
        translator = CatalogueTranslator(chosen)
        self._app.installTranslator(translator)
        self._translator = translator
        return chosen


def qt_translator(lang: str) -> QTranslator | None:
    """Qt's own strings ("Close", "OK", "Cancel" of standard buttons, line-edit menus)
    from the ``qtbase_<lang>.qm`` PySide6 ships; None for English or when missing."""
    if lang == "en":
        return None
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(f"qtbase_{lang}", folder) else None
