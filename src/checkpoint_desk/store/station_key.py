"""The station's Ed25519 signing key, sealed with the vault (issue 14).

The key file alone signs nothing: ``keys/station-ed25519.sealed`` holds the raw
private key sealed with the station's vault (AES-256-GCM under the passphrase), so
signing a pass, a manifest or a bundle needs the passphrase. A station from before
(a plain ``station-ed25519.pem``) has its key sealed at the first unlock and the
plain file removed (:func:`seal_plain_station_key`).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from checkpoint_desk.codes.keys import PRIVATE_KEY_FILE, PUBLIC_KEY_FILE
from checkpoint_desk.errors import DataDirError
from checkpoint_desk.i18n import N_
from checkpoint_desk.private_files import write_private
from checkpoint_desk.store.vault import Vault

SEALED_KEY_FILE = "station-ed25519.sealed"
KEY_COLUMN = "keys.station-ed25519"  # the associated data of the sealed key


def has_station_key(keys_dir: Path) -> bool:
    return (keys_dir / SEALED_KEY_FILE).is_file() or (keys_dir / PRIVATE_KEY_FILE).is_file()


def create_station_key(keys_dir: Path, vault: Vault) -> Ed25519PrivateKey:
    """Make a new key pair: the private key sealed, the public key as PEM."""
    if has_station_key(keys_dir):
        raise DataDirError(
            N_("{path} already exists; nothing was changed."), path=str(keys_dir / SEALED_KEY_FILE)
        )
    key = Ed25519PrivateKey.generate()
    _seal(keys_dir, vault, key)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    (keys_dir / PUBLIC_KEY_FILE).write_bytes(public)
    return key


def load_station_key(keys_dir: Path, vault: Vault) -> Ed25519PrivateKey:
    """The station's private key, opened with ``vault`` (a plain one is sealed first).

    DataDirError when the station has no key; SealedValueError when the file does
    not open with this vault (damaged, or another station's).
    """
    seal_plain_station_key(keys_dir, vault)
    path = keys_dir / SEALED_KEY_FILE
    try:
        token = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise DataDirError(
            N_("This station has no signing key in {path}: restore keys/ from a backup."),
            path=str(keys_dir),
        ) from None
    except (OSError, UnicodeError) as exc:
        raise DataDirError(
            N_("The station's key file {path} is damaged: {reason}"),
            path=str(path),
            reason=type(exc).__name__,
        ) from None
    raw = base64.b64decode(vault.decrypt(token, column=KEY_COLUMN))
    return Ed25519PrivateKey.from_private_bytes(raw)


def ensure_station_key(keys_dir: Path, vault: Vault) -> Ed25519PrivateKey:
    """The station's key, created when there is none yet (an interrupted init)."""
    if has_station_key(keys_dir):
        return load_station_key(keys_dir, vault)
    return create_station_key(keys_dir, vault)


def seal_plain_station_key(keys_dir: Path, vault: Vault) -> bool:
    """Seal a plain ``station-ed25519.pem`` with ``vault`` and remove it; True if one was."""
    plain = keys_dir / PRIVATE_KEY_FILE
    if not plain.is_file():
        return False
    try:
        key = serialization.load_pem_private_key(plain.read_bytes(), None)
    except (OSError, ValueError, TypeError) as exc:
        raise DataDirError(
            N_("The station's key file {path} is damaged: {reason}"),
            path=str(plain),
            reason=type(exc).__name__,
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise DataDirError(
            N_("The station's key file {path} is damaged: {reason}"),
            path=str(plain),
            reason="not an Ed25519 key",
        )
    if not (keys_dir / SEALED_KEY_FILE).is_file():
        _seal(keys_dir, vault, key)
    # Overwrite before unlinking: on most file systems the old blocks are reused.
    size = plain.stat().st_size
    with plain.open("r+b") as handle:
        handle.write(b"\0" * size)
        handle.flush()
        os.fsync(handle.fileno())
    plain.unlink()
    return True


def _seal(keys_dir: Path, vault: Vault, key: Ed25519PrivateKey) -> None:
    keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    token = vault.encrypt(base64.b64encode(raw).decode("ascii"), column=KEY_COLUMN)
    write_private(keys_dir / SEALED_KEY_FILE, token.encode("ascii"))
