"""The desk unlocks the station before its window opens; a wrong passphrase does not."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from checkpoint_desk.paths import DataDir
from checkpoint_desk.store.models import Station
from checkpoint_desk.store.vault import ENV_PASSPHRASE, PassphraseError
from checkpoint_desk.ui.unlock import unlock_station
from tests.conftest import TEST_PASSPHRASE


def test_the_station_unlocks_with_its_passphrase_only(
    station_env: tuple[Engine, Station], data_dir: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = unlock_station(data_dir, demo=False)
    sealed = vault.encrypt("13812345678", column="person.phone")
    monkeypatch.setenv(ENV_PASSPHRASE, TEST_PASSPHRASE + " ")
    with pytest.raises(PassphraseError, match="Wrong passphrase"):
        unlock_station(data_dir, demo=False)
    monkeypatch.setenv(ENV_PASSPHRASE, TEST_PASSPHRASE)
    again = unlock_station(data_dir, demo=False)
    assert again.decrypt(sealed, column="person.phone") == "13812345678"
