"""Demo mode: a station, a signed-in volunteer, the demo trust list and codes.

A new user sees the whole loop with no camera and no set-up (``--demo``). The demo
issuer's keys are trusted in demo mode only (``ReadContext.for_desk(demo=True)``).
"""

from __future__ import annotations

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.shift_session import ShiftSession
from checkpoint_desk.services.station import init_station
from checkpoint_desk.settings import Settings

DEMO_PIN = "1234"
DEMO_STATION = N_("Demo checkpoint")
DEMO_COMMUNITY = N_("Demo community")
DEMO_OPERATOR = N_("Demo volunteer")
DEMO_SUPERVISOR = N_("Demo supervisor")


def prepare_demo(data_dir: DataDir, clock: Clock = utc_now, *, scrypt_n: int | None = None) -> None:
    """Initialise ``data_dir`` as a demo station when it is empty; open a shift.

    A station already there is left as it is (the desk opens its database next).
    ``scrypt_n``: the vault's scrypt cost (``init_station``; None, the default, for a
    real demo)."""
    if not data_dir.is_initialised():
        engine, station = init_station(
            data_dir,
            gettext(DEMO_STATION),
            gettext(DEMO_COMMUNITY),
            demo=True,
            clock=clock,
            scrypt_n=scrypt_n,
        )
        settings = Settings(data_dir.settings_file)  # a new station: the defaults
        shifts = ShiftSession(engine, data_dir, station, settings=settings, clock=clock)
        volunteer = shifts.create_operator(gettext(DEMO_OPERATOR), DEMO_PIN, "volunteer")
        shifts.create_operator(gettext(DEMO_SUPERVISOR), "4321", "supervisor")
        shifts.open_shift(volunteer.id)
        engine.dispose()


def demo_texts(clock: Clock = utc_now) -> list[str]:
    """The texts the demo feed cycles through."""
    from checkpoint_desk.codes.demo import demo_codes  # only in demo mode

    return [code.text for code in demo_codes(clock())]
