"""Opening the station for the desk, in two steps that start fast.

``glance`` reads what the first page shows (the station's name, its operators, an
open shift) with a plain ``sqlite3`` peek, before SQLAlchemy is imported;
``open_station`` then unlocks the keys and opens (and migrates) the database once,
with the keys bound. Its imports are the slow part of the desk's start, so they are
made here, when it is called (the desk calls it on a worker thread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.paths import DataDir
from checkpoint_desk.store.peek import StationGlance, station_glance

if TYPE_CHECKING:
    from checkpoint_desk.services.desk_session import DeskSession
    from checkpoint_desk.services.shift_session import ShiftSession
    from checkpoint_desk.settings import Settings

__all__ = ["StationGlance", "glance", "open_station"]


def glance(data_dir: DataDir) -> StationGlance | None:
    """The first page's facts, or None when there is no readable database yet."""
    return station_glance(data_dir.database)


def open_station(
    data_dir: DataDir,
    passphrase: str,
    settings: Settings,
    *,
    first_time: bool,
    clock: Clock = utc_now,
    demo: bool = False,
) -> tuple[DeskSession, ShiftSession]:
    """Unlock the keys (scrypt; PassphraseError when wrong) and open the database."""
    from checkpoint_desk.services.desk_session import open_sessions
    from checkpoint_desk.services.unlocking import unlock_keys

    vault = unlock_keys(data_dir, passphrase, first_time=first_time)
    return open_sessions(data_dir, vault, settings, clock=clock, demo=demo)
