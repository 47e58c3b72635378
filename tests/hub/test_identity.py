"""The hub's own keys: made once, owner-only, the same for every hub process."""

from __future__ import annotations

import stat
from pathlib import Path

from checkpoint_desk.hub.identity import SEAL_FILE, SIGN_FILE, load_identity
from checkpoint_desk.sync.hub_pin import enrolment_code, parse_enrolment


def test_the_hub_keys_are_made_once_and_owner_only(tmp_path: Path) -> None:
    first = load_identity(tmp_path)
    again = load_identity(tmp_path)
    assert again.pin == first.pin
    for name in (SIGN_FILE, SEAL_FILE):
        assert stat.S_IMODE((tmp_path / "keys" / name).stat().st_mode) == 0o600
    assert [p.name for p in (tmp_path / "keys").iterdir() if p.name.startswith(".")] == []
    other = load_identity(tmp_path / "elsewhere")
    assert other.pin != first.pin


def test_an_enrolment_code_carries_the_token_and_the_hub_keys(tmp_path: Path) -> None:
    pin = load_identity(tmp_path).pin
    code = enrolment_code("ckst_abc-DEF_123", pin)
    read = parse_enrolment(f"  {code}\n")
    assert (read.token, read.pin) == ("ckst_abc-DEF_123", pin)
    assert len(pin.fingerprint) == 19  # four groups of four, read aloud to check
