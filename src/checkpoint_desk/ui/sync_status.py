"""The hub sync worker (``services.sync``) as the desk sees it: a queued signal.

The worker runs rounds on its own thread (pushing the outbox, pulling reference
data) and reports each new ``SyncState``; this QObject carries it to the GUI
thread, where the status bar shows it in words.
Without a hub address and token (``checkpoint-desk sync --hub URL --token T``) the
desk does not sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from checkpoint_desk.services.desk_session import DeskSession
    from checkpoint_desk.sync.worker import SyncState, SyncWorker


class SyncStatus(QObject):
    """Owns the sync worker; emits ``sync_state_changed(SyncState)``."""

    sync_state_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker: SyncWorker | None = None
        self._stopped = False

    def start(self, session: DeskSession) -> bool:
        """Start syncing when a hub is set up (address and token); True if started."""
        if self._stopped or self.worker is not None:
            return False
        settings, data_dir = session.settings, session.data_dir
        if not settings.values.hub_url.strip():
            return False
        # The hub client (httpx, the wire schemas) loads only for a desk with a hub.
        from checkpoint_desk.services.sync import load_hub_token, make_sync_worker

        if not load_hub_token(data_dir):
            return False
        self.worker = make_sync_worker(
            session.engine, data_dir, settings, on_change=self._on_change, clock=session.clock
        )
        self.worker.start()
        return True

    def stop(self) -> None:
        """Ask the worker to end; a round in flight is left to finish on its own."""
        self._stopped = True
        if self.worker is not None:
            self.worker.stop(timeout=1.0)
            self.worker = None

    def _on_change(self, state: SyncState) -> None:
        # On the worker's thread: only emit (queued to the GUI thread).
        self.sync_state_changed.emit(state)
