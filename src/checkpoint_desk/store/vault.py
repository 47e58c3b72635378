"""Encryption at rest: ID numbers and phones sealed with AES-GCM, found by keyed hash.

The station passphrase (set at ``init``) is stretched with scrypt into a master key
(salt, cost parameters and a verifier kept in ``keys/vault.json``, mode 0600); HKDF
splits it into an AES-256-GCM key, an HMAC-SHA256 key for look-ups, and the
verifier that tells a wrong passphrase from a right one without decrypting data.
Keys live only in memory, in the :class:`Vault` bound to an engine (:func:`bind`).

A sealed value is ``v1:`` + base64url(nonce ‖ ciphertext ‖ tag) with a random 96-bit
nonce and the column's name as associated data, so a value copied into another
column does not decrypt. A look-up hash is HMAC-SHA256 over the column name and the
normalised value: equal values match, but without the key the hash says nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import weakref
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Engine

from checkpoint_desk.errors import CheckpointError, DataDirError
from checkpoint_desk.i18n import N_

VAULT_FILE = "vault.json"
ENV_PASSPHRASE = "CHECKPOINT_DESK_PASSPHRASE"
# The passphrase of every --demo station (documented in README): demo data is made up.
DEMO_PASSPHRASE = "checkpoint-desk-demo"
PASSPHRASE_MAX_BYTES = 1024
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
# The least ``scrypt_n`` create_vault takes: for throwaway stations made in bulk (the
# test suite's templates); a station kept for real data uses SCRYPT_N.
SCRYPT_N_MIN = 2**10
_PREFIX = "v1:"
_NONCE = 12
_HKDF_INFO = b"checkpoint-desk vault v1"


class PassphraseError(CheckpointError):
    """The passphrase is empty, too long, not text, or not this station's."""

    exit_code = 2


class StationLockedError(CheckpointError):
    """Secrets were needed but no passphrase has unlocked the station."""

    exit_code = 2


class SealedValueError(CheckpointError):
    """A stored secret does not decrypt with this station's key (damaged or foreign)."""

    exit_code = 4


def check_passphrase(value: str | bytes) -> str:
    """The passphrase as text, or a PassphraseError saying what is wrong with it."""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise PassphraseError(N_("The passphrase is not valid UTF-8 text.")) from None
    try:
        encoded = value.encode("utf-8")
    except UnicodeEncodeError:  # surrogates: bytes that were not UTF-8 (os.environ)
        raise PassphraseError(N_("The passphrase is not valid UTF-8 text.")) from None
    if not value.strip():
        raise PassphraseError(N_("The passphrase is empty."))
    if len(encoded) > PASSPHRASE_MAX_BYTES:
        raise PassphraseError(
            N_("The passphrase is too long (at most {limit} bytes)."), limit=PASSPHRASE_MAX_BYTES
        )
    return value


class Vault:
    """The unlocked keys of one station: seal, open and hash secrets."""

    __slots__ = ("__weakref__", "_aead", "_mac_key")

    def __init__(self, aes_key: bytes, mac_key: bytes) -> None:
        self._aead = AESGCM(aes_key)
        self._mac_key = mac_key

    def __repr__(self) -> str:  # never print keys
        return "Vault(<unlocked>)"

    def encrypt(self, text: str, *, column: str) -> str:
        """Seal ``text`` for ``column`` (e.g. ``person.id_number``)."""
        nonce = secrets.token_bytes(_NONCE)
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), column.encode("ascii"))
        return _PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def decrypt(self, token: str, *, column: str) -> str:
        """Open a value sealed for ``column``; SealedValueError when it does not open."""
        try:
            if not token.startswith(_PREFIX):
                raise ValueError(token[:3])
            raw = base64.urlsafe_b64decode(token[len(_PREFIX) :].encode("ascii"))
            plain = self._aead.decrypt(raw[:_NONCE], raw[_NONCE:], column.encode("ascii"))
            return plain.decode("utf-8")
        except (ValueError, InvalidTag, UnicodeError):
            raise SealedValueError(
                N_(
                    "A stored {column} does not decrypt with this station's key "
                    "(damaged, or from another station)."
                ),
                column=column,
            ) from None

    def decrypt_optional(self, token: str | None, *, column: str) -> str | None:
        return self.decrypt(token, column=column) if token else None

    def lookup_hash(self, text: str, *, column: str) -> str:
        """HMAC-SHA256 hex of the (already normalised) ``text`` for look-ups in ``column``."""
        message = column.encode("ascii") + b"\x00" + text.encode("utf-8")
        return hmac.new(self._mac_key, message, hashlib.sha256).hexdigest()


def _derive(passphrase: str, params: dict[str, Any]) -> tuple[bytes, bytes, bytes]:
    salt = base64.b64decode(params["salt"])
    master = hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=salt,
        n=int(params["n"]),
        r=int(params["r"]),
        p=int(params["p"]),
        maxmem=2**27,
        dklen=32,
    )
    okm = HKDF(algorithm=hashes.SHA256(), length=96, salt=salt, info=_HKDF_INFO).derive(master)
    return okm[:32], okm[32:64], okm[64:]


def passphrase_from_env() -> str | None:
    """``$CHECKPOINT_DESK_PASSPHRASE`` checked (as bytes: non-UTF-8 is refused), or None."""
    raw = os.environb.get(ENV_PASSPHRASE.encode("ascii")) if os.supports_bytes_environ else None
    if raw is None:
        text = os.environ.get(ENV_PASSPHRASE)
        return None if text is None else check_passphrase(text)
    return check_passphrase(raw)


def create_vault(
    keys_dir: Path, passphrase: str, *, demo: bool = False, scrypt_n: int = SCRYPT_N
) -> Vault:
    """Write a new ``vault.json`` for ``passphrase``; refuses to replace an existing one.

    A ``demo`` vault is marked so: it opens with ``DEMO_PASSPHRASE`` unasked.
    ``scrypt_n`` is the scrypt cost kept in the file (unlocking pays the same): the
    default for every real station; less (down to SCRYPT_N_MIN) only for throwaway
    stations made in bulk, such as the test suite's template stations.
    """
    passphrase = check_passphrase(passphrase)
    if not (SCRYPT_N_MIN <= scrypt_n <= SCRYPT_N and scrypt_n & (scrypt_n - 1) == 0):
        raise ValueError(f"scrypt_n must be a power of 2 in [{SCRYPT_N_MIN}, {SCRYPT_N}]")
    params: dict[str, Any] = {
        "version": 1,
        "demo": demo,
        "kdf": "scrypt",
        "n": scrypt_n,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(secrets.token_bytes(16)).decode("ascii"),
    }
    aes_key, mac_key, verifier = _derive(passphrase, params)
    params["verifier"] = base64.b64encode(verifier).decode("ascii")
    keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = keys_dir / VAULT_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise DataDirError(
            N_("{path} already exists; nothing was changed."), path=str(path)
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(params, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    vault = Vault(aes_key, mac_key)
    _seal_plain_station_key(keys_dir, vault)  # a station from before the vault
    return vault


def has_vault(keys_dir: Path) -> bool:
    return (keys_dir / VAULT_FILE).is_file()


def is_demo_vault(keys_dir: Path) -> bool:
    """Whether this station was made with ``--demo`` (its passphrase is public)."""
    try:
        return bool(json.loads((keys_dir / VAULT_FILE).read_text(encoding="utf-8")).get("demo"))
    except (OSError, ValueError, AttributeError):
        return False


def unlock_vault(keys_dir: Path, passphrase: str) -> Vault:
    """The station's vault for ``passphrase``; PassphraseError when it is not the one.

    A plain station key left in ``keys_dir`` is sealed with it and removed.
    """
    passphrase = check_passphrase(passphrase)
    path = keys_dir / VAULT_FILE
    try:
        params = json.loads(path.read_text(encoding="utf-8"))
        expected = base64.b64decode(params["verifier"])
        aes_key, mac_key, verifier = _derive(passphrase, params)
    except FileNotFoundError:
        raise DataDirError(
            N_("The station's key file {path} is missing: restore it from a backup of keys/."),
            path=str(path),
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataDirError(
            N_("The station's key file {path} is damaged: {reason}"),
            path=str(path),
            reason=type(exc).__name__,
        ) from None
    if not hmac.compare_digest(verifier, expected):
        raise PassphraseError(N_("Wrong passphrase for this station; nothing was changed."))
    vault = Vault(aes_key, mac_key)
    _seal_plain_station_key(keys_dir, vault)
    return vault


def _seal_plain_station_key(keys_dir: Path, vault: Vault) -> None:
    """A station key from before issue 14 (plain PKCS#8) is sealed at the first unlock."""
    from checkpoint_desk.store.station_key import seal_plain_station_key  # it imports Vault

    seal_plain_station_key(keys_dir, vault)


_bound: weakref.WeakKeyDictionary[Engine, Vault] = weakref.WeakKeyDictionary()


def bind(engine: Engine, vault: Vault) -> Engine:
    """Let services on ``engine`` seal and find secrets with ``vault``."""
    _bound[engine] = vault
    return engine


def vault_of(engine: Engine) -> Vault:
    """The vault bound to ``engine``; StationLockedError when the station is locked."""
    vault = _bound.get(engine)
    if vault is None:
        raise StationLockedError(N_("The station is locked: enter the passphrase."))
    return vault


def unbind(engine: Engine) -> None:
    """Forget the keys for ``engine`` (the desk locks)."""
    _bound.pop(engine, None)
