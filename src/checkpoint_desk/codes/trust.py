"""The trust list: which keys may sign which codes (DESIGN §5).

A versioned JSON file in the data directory (``DataDir.trust_list``)::

    {"format": "checkpoint-desk/trust-list", "version": 3,
     "updated_at": "2026-11-28T08:00:00+00:00",
     "keys": {"<kid, base64>": {"public_key": "<SPKI DER, base64, or PEM>",
                               "certificate": "<X.509 DER, base64, or PEM>",
                               "schemes": ["CKP1"], "issuer": "西门卡点",
                               "valid_from": null, "valid_until": null,
                               "demo": false}}}

An entry has a public key or a certificate (whose key is used). Entries marked
``demo`` are honoured only in demo mode.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes

from checkpoint_desk.atomic_write import OWNER_ONLY, write_atomic
from checkpoint_desk.codes.keys import kid_for_public_key
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_

FORMAT = "checkpoint-desk/trust-list"


class TrustListError(CheckpointError):
    """A trust-list file or certificate cannot be used."""

    exit_code = 2


@dataclass(frozen=True)
class TrustEntry:
    """One trusted signing key."""

    kid: bytes
    public_key: PublicKeyTypes
    issuer: str = ""
    schemes: tuple[str, ...] = ()  # empty: any scheme
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    demo: bool = False
    certificate: bytes | None = None  # X.509 DER when the key came in a certificate

    def serves(self, scheme: str) -> bool:
        return not self.schemes or scheme in self.schemes

    def valid_at(self, when: datetime) -> bool:
        if self.valid_from is not None and when < self.valid_from:
            return False
        return self.valid_until is None or when <= self.valid_until

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "issuer": self.issuer,
            "schemes": list(self.schemes),
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "demo": self.demo,
        }
        if self.certificate is not None:
            body["certificate"] = base64.b64encode(self.certificate).decode("ascii")
        else:
            body["public_key"] = base64.b64encode(_spki(self.public_key)).decode("ascii")
        return body

    @classmethod
    def from_json(cls, kid_b64: str, body: dict[str, Any]) -> TrustEntry:
        kid = base64.b64decode(kid_b64, validate=True)
        cert_text = body.get("certificate")
        certificate: bytes | None = None
        key: PublicKeyTypes
        if cert_text:
            cert = _load_certificate(_text_to_der(cert_text))
            certificate = cert.public_bytes(serialization.Encoding.DER)
            key = cert.public_key()
        else:
            key = _load_public_key(_text_to_der(str(body["public_key"])))
        return cls(
            kid=kid,
            public_key=key,
            issuer=str(body.get("issuer", "")),
            schemes=tuple(str(s) for s in body.get("schemes", ())),
            valid_from=_parse_time(body.get("valid_from")),
            valid_until=_parse_time(body.get("valid_until")),
            demo=bool(body.get("demo", False)),
            certificate=certificate,
        )


@dataclass
class TrustList:
    """Trusted keys by kid, with the list's version and when it was last updated."""

    entries: dict[bytes, TrustEntry] = field(default_factory=dict)
    version: int = 0
    updated_at: datetime | None = None
    path: Path | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, kid: bytes | None) -> TrustEntry | None:
        """The entry for ``kid`` (demo or not: the caller decides what demo means)."""
        return self.entries.get(kid) if kid else None

    def age_s(self, now: datetime) -> float | None:
        """Seconds since the list was last updated; None for an empty list."""
        if self.updated_at is None:
            return None
        return max(0.0, (now - self.updated_at).total_seconds())

    def add(self, entry: TrustEntry, *, now: datetime | None = None) -> None:
        """Add or replace ``entry``; bumps the version."""
        self.entries[entry.kid] = entry
        self.version += 1
        self.updated_at = now or datetime.now(UTC)

    def merged(self, other: TrustList) -> TrustList:
        """A new list with ``other``'s entries added (others win on the same kid)."""
        return TrustList(
            {**self.entries, **other.entries}, self.version, self.updated_at, self.path
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "keys": {
                base64.b64encode(kid).decode("ascii"): entry.to_json()
                for kid, entry in sorted(self.entries.items())
            },
        }

    def save(self, path: Path | None = None) -> Path:
        """Write atomically (temp file + rename) to ``path`` or where it was loaded."""
        target = path or self.path
        if target is None:
            raise ValueError("a trust list needs a path to be saved")
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=2)
        write_atomic(target, (text + "\n").encode("utf-8"), mode=OWNER_ONLY)
        self.path = target
        return target

    @classmethod
    def from_json(cls, data: Any, path: Path | None = None) -> TrustList:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise TrustListError(N_("{path} is not a trust list."), path=str(path or "?"))
        try:
            entries = {}
            for kid_b64, body in dict(data.get("keys", {})).items():
                entry = TrustEntry.from_json(kid_b64, body)
                entries[entry.kid] = entry
            return cls(
                entries, int(data.get("version", 0)), _parse_time(data.get("updated_at")), path
            )
        except (AttributeError, KeyError, TypeError, ValueError, binascii.Error) as exc:
            raise TrustListError(
                N_("The trust list {path} is damaged: {reason}"),
                path=str(path or "?"),
                reason=str(exc),
            ) from exc

    @classmethod
    def load(cls, path: Path) -> TrustList:
        """The list in ``path`` (empty when there is none); parsed once per change."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            return cls(path=path)
        key = (stat.st_mtime_ns, stat.st_size)
        cached = _CACHE.get(path)
        if cached is None or cached[0] != key:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise TrustListError(
                    N_("The trust list {path} is damaged: {reason}"),
                    path=str(path),
                    reason=str(exc),
                ) from exc
            cached = (key, cls.from_json(data, path))
            _CACHE[path] = cached
        parsed = cached[1]
        return TrustList(dict(parsed.entries), parsed.version, parsed.updated_at, path)


# path → ((mtime_ns, size), parsed list). Copies are handed out, so it is never mutated.
_CACHE: dict[Path, tuple[tuple[int, int], TrustList]] = {}


def dcc_kid(certificate_der: bytes) -> bytes:
    """The EU DCC key id: first 8 bytes of the SHA-256 of the certificate DER."""
    return hashlib.sha256(certificate_der).digest()[:8]


def entry_for_certificate(
    der: bytes, *, schemes: tuple[str, ...] = (), demo: bool = False
) -> TrustEntry:
    """A trust entry for an X.509 signer certificate (DCC kid, the cert's validity)."""
    cert = _load_certificate(der)
    return TrustEntry(
        kid=dcc_kid(der),
        public_key=cert.public_key(),
        issuer=cert.subject.rfc4514_string(),
        schemes=schemes,
        valid_from=cert.not_valid_before_utc,
        valid_until=cert.not_valid_after_utc,
        demo=demo,
        certificate=der,
    )


def entry_for_public_key(
    key: PublicKeyTypes, issuer: str, *, schemes: tuple[str, ...] = (), demo: bool = False
) -> TrustEntry:
    """A trust entry for a bare public key (DESIGN §5 kid)."""
    return TrustEntry(
        kid=kid_for_public_key(key), public_key=key, issuer=issuer, schemes=schemes, demo=demo
    )


def load_trust_source(path: Path) -> TrustList:
    """A trust-list file, or a single X.509 certificate (PEM, DER or base64 DER)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TrustListError(
            N_("Cannot read {path}: {reason}"), path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    stripped = raw.strip()
    if stripped.startswith(b"{"):
        try:
            data = json.loads(stripped.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise TrustListError(
                N_("The trust list {path} is damaged: {reason}"), path=str(path), reason=str(exc)
            ) from exc
        trust = TrustList.from_json(data, path)
        trust.path = None  # a source, not the station's own file
        return trust
    try:
        der = _text_to_der(stripped.decode("ascii")) if _is_text(stripped) else raw
        entry = entry_for_certificate(der)
    except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
        raise TrustListError(
            N_("{path} is neither a trust list nor an X.509 certificate."), path=str(path)
        ) from exc
    trust = TrustList()
    trust.add(entry, now=datetime.fromtimestamp(path.stat().st_mtime, UTC))
    return trust


def register_station_key(
    path: Path, key: PublicKeyTypes, issuer: str, *, now: datetime | None = None
) -> TrustEntry:
    """Add a station's pass-signing key to the trust list in ``path`` (scheme CKP1)."""
    trust = TrustList.load(path)
    entry = entry_for_public_key(key, issuer, schemes=("CKP1",))
    trust.add(entry, now=now)
    trust.save(path)
    return entry


def _is_text(raw: bytes) -> bool:
    try:
        raw.decode("ascii")
    except UnicodeDecodeError:
        return False
    return True


def _text_to_der(text: str) -> bytes:
    """DER bytes from PEM or base64 text."""
    text = text.strip()
    if text.startswith("-----BEGIN"):
        lines = [ln for ln in text.splitlines() if ln and not ln.startswith("-----")]
        text = "".join(lines)
    return base64.b64decode("".join(text.split()), validate=True)


def _load_certificate(der: bytes) -> x509.Certificate:
    return x509.load_der_x509_certificate(der)


def _load_public_key(der: bytes) -> PublicKeyTypes:
    return serialization.load_der_public_key(der)


def _spki(key: PublicKeyTypes) -> bytes:
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _parse_time(value: Any) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
