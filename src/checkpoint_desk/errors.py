"""Errors that reach the user: each carries a translatable one-line message."""

from __future__ import annotations


class CheckpointError(Exception):
    """Base of every error meant for the user; ``str(err)`` is the English message.

    ``message`` is the untranslated text (marked with ``N_``) and ``args_`` fill its
    ``{placeholders}`` after translation; ``exit_code`` is what the CLI returns.
    """

    exit_code = 1

    def __init__(self, message: str, **args_: object) -> None:
        self.message = message
        self.args_ = args_
        super().__init__(message.format(**args_) if args_ else message)

    def translated(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language)."""
        from checkpoint_desk.i18n import gettext

        text = gettext(self.message, lang)
        return text.format(**self.args_) if self.args_ else text


class DataDirError(CheckpointError):
    """The data directory is missing, unwritable or not initialised."""

    exit_code = 3


class DatabaseError(CheckpointError):
    """The database is corrupt, too new, or cannot be opened."""

    exit_code = 4


class ValidationError(CheckpointError, ValueError):
    """A value typed or imported by a person is not acceptable.

    ``code`` is a stable machine-readable reason such as ``id_checksum``.
    """

    exit_code = 2

    def __init__(self, code: str, message: str, **args_: object) -> None:
        self.code = code
        super().__init__(message, **args_)
