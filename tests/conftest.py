"""Shared fixtures: offscreen Qt, temp data directories, a fake clock, the sample data."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false;*.debug=false")

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine

from checkpoint_desk.clock import utc_now
from checkpoint_desk.i18n import current_language, set_language
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.station import this_station
from checkpoint_desk.store.models import Station
from tests.support.stations import TEMPLATE_SCRYPT_N, StationTemplate
from tests.support.stations import station_template as station_template_at

# Shared, noisy machines: no per-example deadline; CI runs the same examples. No
# example database: derandomized, every run tries the same examples (a failure comes
# back by itself), and parallel workers (`make pytest`, pytest-xdist) would share it.
settings.register_profile(
    "ci",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    database=None,
)
settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
# The station passphrase of every test station (CHECKPOINT_DESK_PASSPHRASE).
TEST_PASSPHRASE = "test passphrase 测试口令"
# ``../shared/data`` from a checkout beside it; from a worktree in ``wt/<name>``, two up.
SHARED_DATA = next(
    (
        p / "shared" / "data"
        for p in (REPO.parent, REPO.parents[1])
        if (p / "shared" / "data").is_dir()
    ),
    REPO.parent / "shared" / "data",
)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 28, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(autouse=True)
def _english_and_isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests run in English with no user data directory leaking in."""
    monkeypatch.setenv("CHECKPOINT_DESK_HOME", str(tmp_path / "default-home"))
    monkeypatch.setenv("CHECKPOINT_HUB_HOME", str(tmp_path / "hub-home"))
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("CHECKPOINT_DESK_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.delenv("CHECKPOINT_DESK_PIN", raising=False)
    set_language("en")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> DataDir:
    """An empty, not yet initialised data directory."""
    return DataDir(tmp_path / "desk")


@pytest.fixture(scope="session")
def station_template(tmp_path_factory: pytest.TempPathFactory) -> StationTemplate:
    """One station made by ``init_station`` for the session (migrations, scrypt)."""
    root = tmp_path_factory.mktemp("template") / "desk"
    return station_template_at(root, FakeClock(), TEST_PASSPHRASE)


@pytest.fixture(scope="session")
def cli_station(tmp_path_factory: pytest.TempPathFactory) -> StationTemplate:
    """What ``checkpoint-desk init --station 西门`` makes, made once for the session."""
    root = tmp_path_factory.mktemp("cli-template") / "desk"
    return station_template_at(root, utc_now, TEST_PASSPHRASE, name="西门", community="")


@pytest.fixture
def cli_home(tmp_path: Path, cli_station: StationTemplate) -> Path:
    """A copy of ``cli_station`` at ``tmp_path / "desk"``, for commands to work on."""
    home = DataDir(tmp_path / "desk")
    cli_station.copy_to(home)
    return home.root


@pytest.fixture(scope="session")
def demo_station(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What ``build_desk(demo=True)`` makes of an empty folder in a test, made once
    (copy it to the test's data directory): the demo station, its two operators and
    the volunteer's shift, opened at the fake clock's start."""
    from checkpoint_desk.ui.demo import prepare_demo

    root = tmp_path_factory.mktemp("demo-template") / "desk"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CHECKPOINT_DESK_PASSPHRASE", TEST_PASSPHRASE)  # as in every test
        language = current_language()
        set_language("en")
        try:
            prepare_demo(DataDir(root), FakeClock(), scrypt_n=TEMPLATE_SCRYPT_N)
        finally:
            set_language(language)
    return root


@pytest.fixture
def station_env(
    data_dir: DataDir, clock: FakeClock, station_template: StationTemplate
) -> Iterator[tuple[Engine, Station]]:
    """An initialised station (a copy of the session's template): engine and Station row.

    The template was made at the fake clock's start, where ``clock`` still is.
    """
    assert clock() == FakeClock().now, "station_env copies a station made at the clock's start"
    engine = station_template.open(data_dir)
    yield engine, this_station(engine)
    engine.dispose()


@pytest.fixture
def engine(station_env: tuple[Engine, Station]) -> Engine:
    return station_env[0]


@pytest.fixture
def shared_data() -> Path:
    """``../shared/data`` (read-only); tests skip nothing: it must be there."""
    assert SHARED_DATA.is_dir(), f"shared test data missing at {SHARED_DATA}"
    return SHARED_DATA
