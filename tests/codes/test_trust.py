"""The trust list file: saved and loaded, cached until it changes, certificates as sources."""

from __future__ import annotations

import base64
import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from checkpoint_desk.codes.demo import DemoKeys
from checkpoint_desk.codes.trust import (
    TrustList,
    TrustListError,
    dcc_kid,
    entry_for_certificate,
    entry_for_public_key,
    load_trust_source,
)
from tests.codes.conftest import NOW


def test_saved_list_loads_back_with_every_field(tmp_path: Path) -> None:
    path = tmp_path / "trust-list.json"
    trust = TrustList.load(path)
    assert len(trust) == 0 and trust.age_s(NOW) is None
    key = Ed25519PrivateKey.generate().public_key()
    trust.add(entry_for_public_key(key, "西门卡点", schemes=("CKP1",)), now=NOW)
    keys = DemoKeys.load()
    trust.add(entry_for_certificate(keys.dcc_certificate, schemes=("HC1",), demo=True), now=NOW)
    trust.save()
    loaded = TrustList.load(path)
    assert loaded.version == 2
    assert loaded.age_s(NOW + timedelta(hours=2)) == 7200
    assert {e.issuer for e in loaded.entries.values()} == {
        "西门卡点",
        "CN=Checkpoint Desk demo DCC signer (not valid),C=XX",
    }
    dcc = loaded.lookup(dcc_kid(keys.dcc_certificate))
    assert dcc is not None and dcc.demo and dcc.certificate == keys.dcc_certificate
    assert dcc.valid_until is not None and dcc.valid_until.year == 2045


def test_load_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "trust-list.json"
    trust = TrustList.load(path)
    trust.add(entry_for_public_key(Ed25519PrivateKey.generate().public_key(), "a"), now=NOW)
    trust.save()
    first = TrustList.load(path)
    first.entries.clear()  # a caller's copy: the cache is not touched
    assert len(TrustList.load(path)) == 1
    trust.add(entry_for_public_key(Ed25519PrivateKey.generate().public_key(), "b"), now=NOW)
    trust.save()
    os.utime(path, ns=(1, 1))  # even a changed file with an old mtime differs in size
    assert len(TrustList.load(path)) == 2


@pytest.mark.parametrize("form", ["pem", "der", "base64"])
def test_a_single_certificate_is_a_trust_source(tmp_path: Path, form: str) -> None:
    der = DemoKeys.load().dcc_certificate
    data = {
        "pem": (
            b"-----BEGIN CERTIFICATE-----\n"
            + base64.encodebytes(der)
            + b"-----END CERTIFICATE-----\n"
        ),
        "der": der,
        "base64": base64.b64encode(der),
    }[form]
    path = tmp_path / f"signer.{form}"
    path.write_bytes(data)
    trust = load_trust_source(path)
    assert list(trust.entries) == [dcc_kid(der)]


def test_a_trust_list_file_is_a_trust_source(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    trust = TrustList()
    trust.add(entry_for_public_key(Ed25519PrivateKey.generate().public_key(), "x"), now=NOW)
    trust.save(path)
    assert len(load_trust_source(path)) == 1


@pytest.mark.parametrize(
    "content",
    [
        b"hello",
        b"{not json",
        json.dumps({"format": "other"}).encode(),
        json.dumps({"format": "checkpoint-desk/trust-list", "keys": {"AA==": 3}}).encode(),
        json.dumps({"format": "checkpoint-desk/trust-list", "keys": [1]}).encode(),
        b"\x00\x01\x02",
    ],
)
def test_what_is_not_a_trust_source_is_refused_in_words(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad"
    path.write_bytes(content)
    with pytest.raises(TrustListError):
        load_trust_source(path)


def test_damaged_entry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "trust-list.json"
    path.write_text(
        json.dumps({"format": "checkpoint-desk/trust-list", "keys": {"AAAA": {"public_key": "!!"}}})
    )
    with pytest.raises(TrustListError, match="damaged"):
        TrustList.load(path)


def test_public_key_may_be_pem(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate().public_key()
    pem = key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    entry = entry_for_public_key(key, "x")
    kid = base64.b64encode(entry.kid).decode()
    path = tmp_path / "t.json"
    path.write_text(
        json.dumps({"format": "checkpoint-desk/trust-list", "keys": {kid: {"public_key": pem}}})
    )
    loaded = TrustList.load(path).lookup(entry.kid)
    assert loaded is not None and loaded.public_key == key
