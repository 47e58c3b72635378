"""Office users: scrypt-hashed passwords, roles, and the lock-out of a guesser."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from checkpoint_desk.domain.pin_hash import pin_matches
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.hub.cli import main
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.office.tables import office_user
from checkpoint_desk.hub.office.users import _NOBODY, LoginRefused, add_user, log_in
from checkpoint_desk.hub.office_audit import office_audit
from tests.conftest import FakeClock


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'hub' / 'hub.db'}"


@pytest.fixture
def hub_engine(db_url: str) -> Iterator[Engine]:
    engine = open_hub_database(db_url)
    yield engine
    engine.dispose()


def test_a_user_logs_in_with_the_password_kept_only_as_a_hash(hub_engine: Engine) -> None:
    add_user(hub_engine, "李敏", "manager", "correct horse")
    with hub_engine.connect() as conn:
        stored = conn.execute(sa.select(office_user.c.password_hash)).scalar_one()
    assert stored.startswith("scrypt$") and "correct horse" not in stored
    user = log_in(hub_engine, "李敏", "correct horse", "10.0.0.1")
    assert (user.name, user.manager) == ("李敏", True)
    with pytest.raises(LoginRefused, match="Wrong user name or password"):
        log_in(hub_engine, "李敏", "correct horsE", "10.0.0.1")
    with pytest.raises(LoginRefused, match="Wrong user name or password"):
        log_in(hub_engine, "nobody", "correct horse", "10.0.0.1")


@pytest.mark.parametrize(
    ("name", "role", "password", "code"),
    [
        ("", "viewer", "long enough", "user_name"),
        ("x\x00y", "viewer", "long enough", "user_name"),
        ("ok", "admin", "long enough", "user_role"),
        ("ok", "viewer", "short", "user_password"),
    ],
)
def test_bad_users_are_refused(
    hub_engine: Engine, name: str, role: str, password: str, code: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        add_user(hub_engine, name, role, password)
    assert refused.value.code == code


def test_five_wrong_passwords_lock_the_name_then_it_opens_again(
    hub_engine: Engine, clock: FakeClock
) -> None:
    add_user(hub_engine, "wu", "viewer", "right password")
    for n in range(5):
        with pytest.raises(LoginRefused, match="Wrong"):
            log_in(hub_engine, "wu", f"guess {n}", f"10.0.0.{n}", clock=clock)  # new address each
    with pytest.raises(LoginRefused, match="try again in 15 minutes"):
        log_in(hub_engine, "wu", "right password", "10.9.9.9", clock=clock)
    clock.advance(minutes=15, seconds=1)
    assert log_in(hub_engine, "wu", "right password", "10.9.9.9", clock=clock).name == "wu"


def test_one_address_guessing_many_names_is_locked_out(
    hub_engine: Engine, clock: FakeClock
) -> None:
    add_user(hub_engine, "zhao", "viewer", "right password")
    for n in range(5):
        with pytest.raises(LoginRefused, match="Wrong"):
            log_in(hub_engine, f"name{n}", "guess", "192.0.2.7", clock=clock)
    with pytest.raises(LoginRefused, match="Too many failed logins"):
        log_in(hub_engine, "zhao", "right password", "192.0.2.7", clock=clock)
    assert log_in(hub_engine, "zhao", "right password", "192.0.2.8", clock=clock).name == "zhao"


def test_add_user_takes_the_password_from_the_environment_and_is_audited(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHECKPOINT_HUB_PASSWORD", "office password")
    assert main(["add-user", "陈红", "--role", "viewer", "--db", db_url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"user": "陈红", "role": "viewer"}
    assert main(["add-user", "陈红", "--role", "viewer", "--db", db_url]) == 2
    assert "exists already" in capsys.readouterr().err
    engine = open_hub_database(db_url)
    try:
        assert log_in(engine, "陈红", "office password", "127.0.0.1").role == "viewer"
        with engine.connect() as conn:
            actions = conn.execute(sa.select(office_audit.c.action)).scalars().all()
        assert actions == ["office_user_added"]
    finally:
        engine.dispose()


def test_an_unknown_name_costs_the_same_scrypt_as_a_real_user_and_matches_nothing(
    hub_engine: Engine,
) -> None:
    # The stand-in hash is made without running scrypt (not at every hub start), but it
    # must cost what a real user's costs to check, or the answer's time tells names apart.
    add_user(hub_engine, "李敏", "manager", "correct horse")
    with hub_engine.connect() as conn:
        stored = conn.execute(sa.select(office_user.c.password_hash)).scalar_one()
    assert _NOBODY.split("$")[:4] == stored.split("$")[:4]
    assert not pin_matches("", _NOBODY) and not pin_matches("correct horse", _NOBODY)
    with pytest.raises(LoginRefused):
        log_in(hub_engine, "nobody", "correct horse", "10.0.0.1")
