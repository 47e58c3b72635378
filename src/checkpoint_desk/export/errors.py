"""Errors of the ledger exports, each with a message for the user."""

from __future__ import annotations

from checkpoint_desk.errors import CheckpointError


class ExportError(CheckpointError):
    """A ledger cannot be made, written or checked."""

    exit_code = 6


class ExportFolderError(ExportError):
    """The export folder is missing, read-only or full."""
