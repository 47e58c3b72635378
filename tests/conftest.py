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

from checkpoint_desk.i18n import set_language
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.station import init_station
from checkpoint_desk.store.models import Station

# Shared, noisy machines: no per-example deadline; CI runs the same examples.
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
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


@pytest.fixture
def station_env(data_dir: DataDir, clock: FakeClock) -> Iterator[tuple[Engine, Station]]:
    """An initialised station: its engine and Station row."""
    engine, station = init_station(
        data_dir, "西门卡点", "济阳街道", clock=clock, passphrase=TEST_PASSPHRASE
    )
    yield engine, station
    engine.dispose()


@pytest.fixture
def engine(station_env: tuple[Engine, Station]) -> Engine:
    return station_env[0]


@pytest.fixture
def shared_data() -> Path:
    """``../shared/data`` (read-only); tests skip nothing: it must be there."""
    assert SHARED_DATA.is_dir(), f"shared test data missing at {SHARED_DATA}"
    return SHARED_DATA
