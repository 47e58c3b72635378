"""The small manifest beside each export, and checking an export against it.

``NAME.manifest.json`` records what the ledger covers (station, day, shift, rows, first
and last visit) and the SHA-256 of the file, so the office can tell a complete,
unaltered ledger from an edited one. When the station has its Ed25519 key the manifest
is also signed (``kid`` + ``signature``): the hash alone catches edits and truncation,
the signature (checked against the station's public key) also catches a forger who
rewrites the manifest.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from checkpoint_desk.codes.keys import kid_for_public_key
from checkpoint_desk.export.csv_ledger import count_csv_rows
from checkpoint_desk.export.errors import ExportError
from checkpoint_desk.export.ledger_rows import Ledger
from checkpoint_desk.export.xlsx_ledger import count_xlsx_rows
from checkpoint_desk.i18n import N_, gettext

MANIFEST_SUFFIX = ".manifest.json"
MANIFEST_VERSION = 1
FORMATS = ("csv", "xlsx", "pdf")


def manifest_path(export: Path) -> Path:
    """Where the manifest of ``export`` lives."""
    return export.with_name(export.name + MANIFEST_SUFFIX)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Manifest:
    file: str
    format: str
    station: str
    station_id: str
    day: str | None
    shift_id: str | None
    rows: int
    first_visit: str | None
    last_visit: str | None
    masked: bool
    lang: str
    created_at: str
    sha256: str
    version: int = MANIFEST_VERSION
    kid: str | None = None  # hex key id of the station key that signed it
    signature: str | None = None  # base64 Ed25519 over ``signed_bytes()``

    @classmethod
    def for_export(cls, ledger: Ledger, *, file: str, fmt: str, data: bytes) -> Manifest:
        return cls(
            file=file,
            format=fmt,
            station=ledger.station,
            station_id=str(ledger.station_id),
            day=ledger.day.isoformat() if ledger.day else None,
            shift_id=str(ledger.shift.id) if ledger.shift else None,
            rows=len(ledger.rows),
            first_visit=ledger.first_at.isoformat() if ledger.first_at else None,
            last_visit=ledger.last_at.isoformat() if ledger.last_at else None,
            masked=not ledger.unmasked,
            lang=ledger.lang,
            created_at=ledger.generated_at.isoformat(),
            sha256=sha256_hex(data),
        )

    def signed_bytes(self) -> bytes:
        """The canonical bytes the signature covers (every field but the signature)."""
        body = {k: v for k, v in asdict(self).items() if k != "signature"}
        return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

    def signed_with(self, key: Ed25519PrivateKey) -> Manifest:
        """This manifest signed with the station's key."""
        unsigned = replace(self, kid=kid_for_public_key(key.public_key()).hex(), signature=None)
        signature = base64.b64encode(key.sign(unsigned.signed_bytes())).decode("ascii")
        return replace(unsigned, signature=signature)

    def signature_valid(self, public_key: Ed25519PublicKey) -> bool:
        if not self.signature:
            return False
        try:
            public_key.verify(base64.b64decode(self.signature), self.signed_bytes())
        except (InvalidSignature, ValueError):
            return False
        return True

    def to_bytes(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        raw: Any = json.loads(data.decode("utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not an object")
        fields = cls.__dataclass_fields__
        values = {k: v for k, v in raw.items() if k in fields}
        manifest = cls(**values)
        if not isinstance(manifest.rows, int) or not isinstance(manifest.sha256, str):
            raise ValueError("bad field types")
        return manifest


# Problem codes (stable, for --json) and their sentences.
PROBLEM_TEXT: dict[str, str] = {
    "file_missing": N_("The export file is missing."),
    "manifest_missing": N_("The manifest beside the file is missing."),
    "manifest_unreadable": N_("The manifest cannot be read."),
    "name_mismatch": N_("The manifest belongs to another file."),
    "hash_mismatch": N_("The file was changed after it was exported (SHA-256 differs)."),
    "row_count_mismatch": N_("The file holds {found} visit rows; the manifest says {expected}."),
    "file_unreadable": N_("The file cannot be read as a ledger."),
    "unsigned": N_("The manifest is not signed, so it cannot be checked against the key."),
    "signature_invalid": N_("The manifest's signature does not match the station's key."),
}


@dataclass(frozen=True)
class VerifyResult:
    path: Path
    problems: tuple[str, ...]
    manifest: Manifest | None
    rows_found: int | None = None
    signature: str = "unsigned"  # valid | invalid | unchecked (no key given) | unsigned

    @property
    def ok(self) -> bool:
        return not self.problems

    def messages(self, lang: str | None = None) -> list[str]:
        """The problems as sentences in ``lang``."""
        expected = self.manifest.rows if self.manifest else None
        return [
            gettext(PROBLEM_TEXT[p], lang).format(found=self.rows_found, expected=expected)
            for p in self.problems
        ]


def _count_rows(fmt: str, data: bytes) -> int | None:
    if fmt == "csv":
        return count_csv_rows(data)
    if fmt == "xlsx":
        return count_xlsx_rows(data)
    return None


def verify_export(path: Path, public_key: Ed25519PublicKey | None = None) -> VerifyResult:
    """Check ``path`` (an export or its manifest) against its manifest.

    With the station's ``public_key`` the manifest's signature is checked too.
    """
    if path.name.endswith(MANIFEST_SUFFIX):
        path = path.with_name(path.name[: -len(MANIFEST_SUFFIX)])
    if not path.is_file():
        return VerifyResult(path, ("file_missing",), None)
    mpath = manifest_path(path)
    if not mpath.is_file():
        return VerifyResult(path, ("manifest_missing",), None)
    try:
        manifest = Manifest.from_bytes(mpath.read_bytes())
    except (OSError, ValueError, TypeError):
        return VerifyResult(path, ("manifest_unreadable",), None)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExportError(
            N_("Cannot read {path}: {reason}"), path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    problems: list[str] = []
    if manifest.file != path.name:
        problems.append("name_mismatch")
    if sha256_hex(data) != manifest.sha256:
        problems.append("hash_mismatch")
    found: int | None = None
    try:
        found = _count_rows(manifest.format, data)
    except (ValueError, KeyError, UnicodeDecodeError, OSError):
        problems.append("file_unreadable")
    if found is not None and found != manifest.rows:
        problems.append("row_count_mismatch")
    signature = "unchecked" if manifest.signature else "unsigned"
    if public_key is not None:
        if not manifest.signature:
            problems.append("unsigned")
        elif manifest.signature_valid(public_key):
            signature = "valid"
        else:
            signature = "invalid"
            problems.append("signature_invalid")
    return VerifyResult(path, tuple(problems), manifest, found, signature)
