"""The hub's own keys: Ed25519 to sign acknowledgements and receipts, X25519 to open
what stations seal for it (pushes and USB bundles).

Both live in the hub's data directory (``$CHECKPOINT_HUB_HOME/keys``), created on first
use, owner-only (0600). Every hub process behind one database must share them (copy
the folder): the desks pin these keys at enrolment (``sync/hub_pin.py``).
"""

from __future__ import annotations

import base64
import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from checkpoint_desk.errors import DataDirError
from checkpoint_desk.i18n import N_
from checkpoint_desk.sync.hub_pin import HubPin
from checkpoint_desk.sync.sealing import open_sealed
from checkpoint_desk.sync.wire import canonical_json

SIGN_FILE = "hub-ed25519.pem"
SEAL_FILE = "hub-x25519.pem"


@dataclass(frozen=True)
class HubIdentity:
    signing_key: Ed25519PrivateKey
    sealing_key: X25519PrivateKey

    @property
    def pin(self) -> HubPin:
        """The public half, as desks pin it."""
        return HubPin(
            self.signing_key.public_key().public_bytes_raw(),
            self.sealing_key.public_key().public_bytes_raw(),
        )

    def sign(self, context: bytes, content: Any) -> str:
        return base64.b64encode(self.signing_key.sign(context + canonical_json(content))).decode(
            "ascii"
        )

    def open(self, sealed: bytes, context: bytes) -> bytes:
        return open_sealed(self.sealing_key, sealed, context)


def _write_new(path: Path, pem: bytes) -> None:
    """Write a complete key file under a temporary name, then link it into place:
    another hub process starting at the same moment sees no file or the whole one,
    and FileExistsError tells the loser to use the winner's key."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _pem(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def load_identity(home: Path) -> HubIdentity:
    """The hub's keys in ``home/keys``, created (0600) when there are none yet."""
    keys = home / "keys"
    sign_path, seal_path = keys / SIGN_FILE, keys / SEAL_FILE
    try:
        keys.mkdir(parents=True, exist_ok=True, mode=0o700)
        for path, make in ((sign_path, Ed25519PrivateKey), (seal_path, X25519PrivateKey)):
            if not path.exists():
                with contextlib.suppress(FileExistsError):  # another hub process made it
                    _write_new(path, _pem(make.generate()))
        signing = serialization.load_pem_private_key(sign_path.read_bytes(), None)
        sealing = serialization.load_pem_private_key(seal_path.read_bytes(), None)
    except (OSError, ValueError) as exc:
        raise DataDirError(
            N_("Cannot read or create the hub's keys in {path}: {reason}"),
            path=str(keys),
            reason=getattr(exc, "strerror", None) or str(exc),
        ) from exc
    if not isinstance(signing, Ed25519PrivateKey) or not isinstance(sealing, X25519PrivateKey):
        raise DataDirError(N_("The hub's keys in {path} are of the wrong kind."), path=str(keys))
    return HubIdentity(signing, sealing)
