"""The vault: sealed values open only with the right key and column; bad passphrases."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from checkpoint_desk.errors import DataDirError
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.station import init_station
from checkpoint_desk.store.vault import (
    PASSPHRASE_MAX_BYTES,
    SCRYPT_N,
    PassphraseError,
    SealedValueError,
    StationLockedError,
    bind,
    check_passphrase,
    create_vault,
    unlock_vault,
    vault_of,
)
from tests.support.stations import TEMPLATE_SCRYPT_N


def test_sealed_values_round_trip_and_never_repeat(tmp_path: Path) -> None:
    vault = create_vault(tmp_path, "西门卡点 2026")
    one = vault.encrypt("11010519491231002X", column="person.id_number")
    two = vault.encrypt("11010519491231002X", column="person.id_number")
    assert one != two and "1101051949" not in one  # a fresh nonce every time
    assert vault.decrypt(one, column="person.id_number") == "11010519491231002X"
    with pytest.raises(SealedValueError):  # copied into another column: refused
        vault.decrypt(one, column="person.phone")
    tampered = one[:-6] + ("A" if one[-6] != "A" else "B") + one[-5:]
    with pytest.raises(SealedValueError):
        vault.decrypt(tampered, column="person.id_number")
    with pytest.raises(SealedValueError):
        vault.decrypt("11010519491231002X", column="person.id_number")


def test_lookup_hash_is_keyed_and_per_column(tmp_path: Path) -> None:
    vault = create_vault(tmp_path / "a", "passphrase one")
    other = create_vault(tmp_path / "b", "passphrase one")  # same words, other salt
    same = vault.lookup_hash("13812345678", column="person.phone")
    assert same == vault.lookup_hash("13812345678", column="person.phone")
    assert same != vault.lookup_hash("13812345678", column="person.id_number")
    assert same != other.lookup_hash("13812345678", column="person.phone")


def test_unlock_with_the_right_passphrase_only(tmp_path: Path) -> None:
    sealed = create_vault(tmp_path, "correct horse").encrypt("x", column="c")
    assert stat.S_IMODE((tmp_path / "vault.json").stat().st_mode) == 0o600
    assert unlock_vault(tmp_path, "correct horse").decrypt(sealed, column="c") == "x"
    before = (tmp_path / "vault.json").read_bytes()
    with pytest.raises(PassphraseError, match="Wrong passphrase"):
        unlock_vault(tmp_path, "correct horse!")
    assert (tmp_path / "vault.json").read_bytes() == before
    with pytest.raises(DataDirError, match="already exists"):
        create_vault(tmp_path, "another")
    with pytest.raises(DataDirError, match="missing"):
        unlock_vault(tmp_path / "nowhere", "correct horse")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * (PASSPHRASE_MAX_BYTES + 1), "too long"),
        ("口" * 342, "too long"),  # 1026 bytes in UTF-8
        (b"\xff\xfepass", "UTF-8"),
        ("pass\udcff", "UTF-8"),  # how os.environ carries bytes that were not UTF-8
    ],
)
def test_bad_passphrases_are_refused_in_words(value: str | bytes, message: str) -> None:
    with pytest.raises(PassphraseError, match=message) as caught:
        check_passphrase(value)
    assert caught.value.exit_code == 2


def test_a_locked_engine_says_so(tmp_path: Path) -> None:
    engine = create_engine("sqlite://")
    with pytest.raises(StationLockedError, match="locked"):
        vault_of(engine)
    vault = create_vault(tmp_path, "pass")
    assert vault_of(bind(engine, vault)) is vault
    assert "pass" not in repr(vault)


def test_a_station_keeps_the_real_scrypt_cost_unless_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``init_station`` writes SCRYPT_N into vault.json; the test suite's templates
    (``scrypt_n=TEMPLATE_SCRYPT_N``) are the only cheaper ones, and they still unlock
    only with their passphrase, at the cost they recorded."""
    monkeypatch.setenv("CHECKPOINT_DESK_PASSPHRASE", "real cost 真实成本")
    real, _ = init_station(DataDir(tmp_path / "real"), "西门")
    real.dispose()
    assert json.loads((tmp_path / "real" / "keys" / "vault.json").read_text())["n"] == SCRYPT_N
    assert SCRYPT_N == 2**15
    cheap = create_vault(tmp_path / "cheap", "pass", scrypt_n=TEMPLATE_SCRYPT_N)
    assert json.loads((tmp_path / "cheap" / "vault.json").read_text())["n"] == 2**10
    sealed = cheap.encrypt("x", column="c")
    assert unlock_vault(tmp_path / "cheap", "pass").decrypt(sealed, column="c") == "x"
    with pytest.raises(PassphraseError):
        unlock_vault(tmp_path / "cheap", "pass!")
    for refused in (2**9, 2**16, 3 * 2**10):
        with pytest.raises(ValueError, match="power of 2"):
            create_vault(tmp_path / f"refused-{refused}", "pass", scrypt_n=refused)
