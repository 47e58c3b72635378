"""The vault: sealed values open only with the right key and column; bad passphrases."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from checkpoint_desk.errors import DataDirError
from checkpoint_desk.store.vault import (
    PASSPHRASE_MAX_BYTES,
    PassphraseError,
    SealedValueError,
    StationLockedError,
    bind,
    check_passphrase,
    create_vault,
    unlock_vault,
    vault_of,
)


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
