"""Where the desk keeps its files: one data directory per station."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from checkpoint_desk.errors import DataDirError
from checkpoint_desk.i18n import N_

ENV_HOME = "CHECKPOINT_DESK_HOME"


@dataclass(frozen=True)
class DataDir:
    """The layout of a data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "checkpoint.db"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def ui_state_file(self) -> Path:
        return self.root / "ui-state.json"

    @property
    def lock_file(self) -> Path:
        """Held while a desk (or a writing command) uses this directory (``desk_lock``)."""
        return self.root / "desk.lock"

    @property
    def open_vehicle_file(self) -> Path:
        """The vehicle being registered, so a restart shows it (``services/vehicle_entries``)."""
        return self.root / "open-vehicle.json"

    @property
    def trust_list(self) -> Path:
        return self.root / "trust-list.json"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def reference(self) -> Path:
        return self.root / "reference"

    def is_initialised(self) -> bool:
        return self.database.is_file()

    def ensure(self) -> DataDir:
        """Create the directory tree owner-only; raise a clear error when impossible."""
        try:
            self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
            for sub in (self.keys, self.logs, self.backups, self.exports, self.reference):
                sub.mkdir(exist_ok=True, mode=0o700)
        except OSError as exc:
            raise DataDirError(
                N_("Cannot create the data directory {path}: {reason}"),
                path=str(self.root),
                reason=exc.strerror or str(exc),
            ) from exc
        self.check_writable()
        return self

    def check_writable(self) -> None:
        """Raise unless a file can be created in the data directory."""
        if not self.root.is_dir():
            raise DataDirError(N_("The data directory {path} does not exist."), path=str(self.root))
        try:
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".write-test-"):
                pass
        except OSError as exc:
            raise DataDirError(
                N_("The data directory {path} is not writable: {reason}"),
                path=str(self.root),
                reason=exc.strerror or str(exc),
            ) from exc

    def require_initialised(self) -> DataDir:
        """Raise unless ``checkpoint-desk init`` has been run here."""
        if not self.is_initialised():
            raise DataDirError(
                N_("No station in {path}. Run: checkpoint-desk init --station NAME"),
                path=str(self.root),
            )
        return self


def resolve_data_dir(option: str | os.PathLike[str] | None = None) -> DataDir:
    """``--data-dir``, else ``$CHECKPOINT_DESK_HOME``, else the user data directory."""
    if option:
        return DataDir(Path(option).expanduser().absolute())
    env = os.environ.get(ENV_HOME)
    if env:
        return DataDir(Path(env).expanduser().absolute())
    return DataDir(Path(platformdirs.user_data_dir("checkpoint-desk", appauthor=False)))
