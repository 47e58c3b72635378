"""Creating and finding the station that owns a data directory."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.codes.id_key import DEMO_ID_KEY
from checkpoint_desk.codes.trust import register_station_key
from checkpoint_desk.errors import DataDirError, ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.paths import DataDir
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.engine import open_database
from checkpoint_desk.store.id_keys import keep_id_key
from checkpoint_desk.store.models import Station
from checkpoint_desk.store.station_key import ensure_station_key
from checkpoint_desk.store.vault import (
    DEMO_PASSPHRASE,
    ENV_PASSPHRASE,
    SCRYPT_N,
    PassphraseError,
    check_passphrase,
    create_vault,
    has_vault,
    passphrase_from_env,
    unlock_vault,
)


def init_station(
    data_dir: DataDir,
    name: str,
    community: str = "",
    *,
    demo: bool = False,
    clock: Clock = utc_now,
    passphrase: str | None = None,
    scrypt_n: int | None = None,
) -> tuple[Engine, Station]:
    """Create the data directory, its database, the station record and signing key.

    ``passphrase`` seals the station's ID numbers and phones (``keys/vault.json``);
    when None it is ``$CHECKPOINT_DESK_PASSPHRASE``, or for a ``demo`` station the
    public ``DEMO_PASSPHRASE``. The returned engine has the vault bound.

    The station's Ed25519 key (sealed with the vault) signs the passes it issues; its
    public key goes into the trust list as the ``CKP1`` signer named after the station.
    ``scrypt_n`` is the vault's scrypt cost (``create_vault``; None: its default, which
    every real station keeps).

    Refuses a directory that already holds a station (nothing is overwritten).
    """
    name = name.strip()
    if not name:
        raise ValidationError("station_name", N_("The station needs a name."))
    if data_dir.is_initialised() and data_dir.database.stat().st_size == 0:
        raise DataDirError(
            N_(
                "The database {path} is empty (0 bytes): its records are lost. "
                "Run: checkpoint-desk db restore (or move the file away to start over)."
            ),
            path=str(data_dir.database),
        )
    if data_dir.is_initialised():
        raise DataDirError(
            N_("{path} already holds a station; nothing was changed."), path=str(data_dir.root)
        )
    if passphrase is None:
        passphrase = passphrase_from_env() or (DEMO_PASSPHRASE if demo else None)
    if passphrase is None:
        raise PassphraseError(
            N_("A new station needs a passphrase (set {env} or type it at the prompt)."),
            env=ENV_PASSPHRASE,
        )
    passphrase = check_passphrase(passphrase)
    data_dir.ensure()
    if has_vault(data_dir.keys):  # left by an init that failed before the database
        vault = unlock_vault(data_dir.keys, passphrase)
    else:
        cost = SCRYPT_N if scrypt_n is None else scrypt_n
        vault = create_vault(data_dir.keys, passphrase, demo=demo, scrypt_n=cost)
    engine = open_database(data_dir.database, create=True, vault=vault)
    now = clock()
    station = Station(name=name, community=community.strip(), created_at=now, updated_at=now)
    with Session(engine) as session:
        session.add(station)
        if demo:  # the hub issues the community's ID key; a demo has its own
            keep_id_key(session, vault, DEMO_ID_KEY, now=now)
        session.commit()
        session.refresh(station)
    key = ensure_station_key(data_dir.keys, vault)
    register_station_key(data_dir.trust_list, key.public_key(), name, now=now)
    settings = Settings.load(data_dir.settings_file)
    settings.set("station", name)
    settings.set("community", community.strip())
    settings.save()
    return engine, station


def this_station(engine: Engine) -> Station:
    """The station record of this database."""
    with Session(engine) as session:
        station = session.exec(select(Station).order_by(col(Station.created_at))).first()
    if station is None:
        raise DataDirError(N_("The database has no station. Run: checkpoint-desk init"))
    return station
