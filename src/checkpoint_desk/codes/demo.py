"""Sample codes from the demo issuer: one for every path the desk can take.

``demo_codes(now)`` signs them afresh relative to ``now`` (so they never go stale);
``write_demo_codes(out, now)`` also draws each as a PNG and writes ``manifest.json``.
They read as the manifest says in a context made with ``ReadContext.for_desk(...,
demo=True)``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from checkpoint_desk.codes.card import qr_image
from checkpoint_desk.codes.demo_reference import DemoReference
from checkpoint_desk.codes.id_key import DEMO_ID_KEY
from checkpoint_desk.codes.issue import SigningKey, issue_code, sign_cose, wrap
from checkpoint_desk.codes.keys import kid_for_public_key
from checkpoint_desk.codes.passes import PassClaims, pass_code
from checkpoint_desk.codes.trust import dcc_kid
from checkpoint_desk.domain.masking import mask_id_number, mask_phone
from checkpoint_desk.resources import resource_path

DEMO_ID = "11010519491231002X"  # the checksum-valid example of GB 11643
DEMO_PHONE = "13800138000"
DEMO_ISSUER = "演示社区 Demo community"


@dataclass(frozen=True)
class DemoCode:
    """One sample code and what reading it must give."""

    name: str
    text: str
    scheme: str
    expected_status: str
    expected_reasons: tuple[str, ...] = ()
    description: str = ""

    def to_json(self, file: str | None = None) -> dict[str, Any]:
        return {
            "file": file,
            "name": self.name,
            "scheme": self.scheme,
            "text": self.text,
            "expected_status": self.expected_status,
            "expected_reasons": list(self.expected_reasons),
            "description": self.description,
        }


@dataclass(frozen=True)
class DemoKeys:
    health: Ed25519PrivateKey
    travel: Ed25519PrivateKey
    passes: Ed25519PrivateKey
    dcc: ec.EllipticCurvePrivateKey
    dcc_certificate: bytes

    @classmethod
    def load(cls) -> DemoKeys:
        folder = resource_path("demo", "keys")

        def key(name: str) -> Any:
            return serialization.load_pem_private_key((folder / name).read_bytes(), None)

        cert = x509.load_pem_x509_certificate((folder / "dcc-es256.crt.pem").read_bytes())
        return cls(
            health=key("health-ed25519.pem"),
            travel=key("travel-ed25519.pem"),
            passes=key("pass-ed25519.pem"),
            dcc=key("dcc-es256.pem"),
            dcc_certificate=cert.public_bytes(serialization.Encoding.DER),
        )


def _epoch(when: datetime) -> int:
    return int(when.timestamp())


def _person(name: str) -> dict[str, str]:
    return {"name": name, "idm": mask_id_number(DEMO_ID), "idk": DEMO_ID_KEY.of(DEMO_ID)}


def health_code(
    key: SigningKey,
    now: datetime,
    *,
    colour: str,
    name: str = "张伟",
    nat_age: timedelta | None = timedelta(hours=20),
    kid: bytes | None = None,
) -> str:
    """A ``CKH1:`` health code valid for a day from ``now``."""
    claims: dict[str, Any] = {
        "iss": "演示健康码 Demo health code",
        "iat": _epoch(now - timedelta(hours=1)),
        "exp": _epoch(now + timedelta(days=1)),
        "sub": _person(name),
        "color": colour,
        "vac": {"doses": 3, "last": "2022-03-01"},
    }
    if nat_age is not None:
        claims["nat"] = {"result": "negative", "at": _epoch(now - nat_age)}
    return issue_code("CKH1:", claims, key, kid)


def travel_code(key: SigningKey, now: datetime, *, cities: list[dict[str, str]]) -> str:
    """A ``CKT1:`` travel code over the last 14 days."""
    claims = {
        "iss": "演示行程码 Demo travel code",
        "iat": _epoch(now - timedelta(minutes=10)),
        "exp": _epoch(now + timedelta(hours=12)),
        "sub": {"phm": mask_phone(DEMO_PHONE)},
        "cities": cities,
        "star": False,
    }
    return issue_code("CKT1:", claims, key)


def demo_pass(key: SigningKey, now: datetime, *, pass_id: str, start: int, days: int) -> str:
    """A ``CKP1:`` resident pass issued ``start`` days from ``now`` for ``days`` days."""
    issued = (now + timedelta(days=start)).replace(microsecond=0)
    return pass_code(
        PassClaims(
            pass_id=pass_id,
            issuer=DEMO_ISSUER,
            name="王芳",
            id_masked=mask_id_number(DEMO_ID),
            id_key=DEMO_ID_KEY.of(DEMO_ID),
            kind="resident",
            address="3号楼2单元",
            issued_at=issued,
            expires_at=issued + timedelta(days=days),
        ),
        key,
    )


def dcc_code(keys: DemoKeys, now: datetime) -> str:
    """An EU-DCC-shaped ``HC1:`` vaccination certificate from the demo signer."""
    hcert = {
        "ver": "1.3.0",
        "nam": {"fn": "Zhang", "fnt": "ZHANG", "gn": "Wei", "gnt": "WEI"},
        "dob": "1990-01-01",
        "v": [
            {
                "tg": "840539006",
                "vp": "1119349007",
                "mp": "EU/1/20/1528",
                "ma": "ORG-100030215",
                "dn": 2,
                "sd": 2,
                "dt": "2022-03-01",
                "co": "XX",
                "is": "Demo issuer",
                "ci": "URN:UVCI:01:XX:DEMO0000000000000001#0",
            }
        ],
    }
    claims = {
        1: "XX",
        6: _epoch(now - timedelta(days=1)),
        4: _epoch(now + timedelta(days=365)),
        -260: {1: hcert},
    }
    return wrap(sign_cose(claims, keys.dcc, dcc_kid(keys.dcc_certificate)), "HC1:")


def forged(text_key: SigningKey, kid: bytes, now: datetime) -> str:
    """A green health code claiming the demo issuer's kid, signed by another key."""
    return health_code(text_key, now, colour="green", name="赵六", kid=kid)


def _stranger_key(label: str) -> Ed25519PrivateKey:
    """A fixed key nobody trusts (derived from ``label``, so the demo is repeatable)."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label.encode()).digest())


def demo_codes(now: datetime) -> list[DemoCode]:
    """Every sample code, signed relative to ``now``."""
    keys = DemoKeys.load()
    revoked = sorted(DemoReference.load().revoked_passes)[0]
    risk_area = sorted(DemoReference.load().risk_areas)[0]
    day = now.date()
    clear = [
        {"code": "110105", "name": "北京市朝阳区", "from": str(day - timedelta(days=10))},
        {"code": "370105", "name": "济南市天桥区", "from": str(day - timedelta(days=3))},
    ]
    risky = [*clear, {"code": risk_area + "01", "name": "演示风险区 Demo risk area"}]
    health_kid = kid_for_public_key(keys.health.public_key())
    return [
        DemoCode("health-green", health_code(keys.health, now, colour="green"), "CKH1",
                 "green", (), "Green health code, test 20 hours old"),
        DemoCode("health-yellow", health_code(keys.health, now, colour="yellow", name="李娜"),
                 "CKH1", "yellow", (), "Yellow health code"),
        DemoCode("health-red", health_code(keys.health, now, colour="red", name="刘洋"),
                 "CKH1", "red", (), "Red health code"),
        DemoCode("test-fresh", health_code(keys.health, now, colour="green", name="陈静",
                 nat_age=timedelta(hours=6)), "CKH1", "green", (),
                 "Nucleic-acid test 6 hours old"),
        DemoCode("test-stale", health_code(keys.health, now, colour="green", name="杨磊",
                 nat_age=timedelta(days=8)), "CKH1", "green", (),
                 "Nucleic-acid test 8 days old: the screening rules stop it (nat_stale)"),
        DemoCode("travel-clear", travel_code(keys.travel, now, cities=clear), "CKT1", "green",
                 (), "Travel code without a risk area"),
        DemoCode("travel-risk", travel_code(keys.travel, now, cities=risky), "CKT1", "yellow",
                 (), "Travel code through the demo risk area (screening: travel_risk)"),
        DemoCode("pass-valid", demo_pass(keys.passes, now, pass_id="PDEMOVALID", start=-1,
                 days=30), "CKP1", "green", (), "Resident pass, valid"),
        DemoCode("pass-expired", demo_pass(keys.passes, now, pass_id="PDEMOEXPIRED",
                 start=-40, days=30), "CKP1", "expired", ("pass_expired",),
                 "Resident pass that expired 10 days ago"),
        DemoCode("pass-revoked", demo_pass(keys.passes, now, pass_id=revoked, start=-1,
                 days=30), "CKP1", "invalid", ("revoked",), "Resident pass that was revoked"),
        DemoCode("forged", forged(_stranger_key("forger"), health_kid, now), "CKH1",
                 "invalid", ("signature_invalid",),
                 "Green health code with the demo issuer's kid but a forged signature"),
        DemoCode("unknown-kid", health_code(_stranger_key("stranger"), now, colour="green",
                 name="孙强"), "CKH1", "invalid", ("unknown_kid",),
                 "Health code signed by a key not in the trust list"),
        DemoCode("provincial-url", "https://jkm.example.gov.cn/h5/qr?code=DEMO-3708-0001",
                 "unverified", "unverified", (),
                 "URL-style provincial code: confirm the colour shown (G / Y / R)"),
        DemoCode("eu-dcc", dcc_code(keys, now), "HC1", "green", (),
                 "EU Digital COVID Certificate (vaccination) from the demo signer"),
    ]  # fmt: skip


def write_demo_codes(out: Path, now: datetime) -> Path:
    """PNG per code (``NN-name.png``) and ``manifest.json``; returns the manifest path."""
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for number, code in enumerate(demo_codes(now), start=1):
        file = f"{number:02d}-{code.name}.png"
        qr_image(code.text, size=600).save(out / file, "PNG")
        entries.append(code.to_json(file))
    manifest = out / "manifest.json"
    manifest.write_text(
        json.dumps(
            {"generated_at": now.isoformat(), "demo": True, "codes": entries},
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return manifest
