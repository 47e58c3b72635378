"""Issue 14, failure 1: nothing a pass or the published reference data carries lets
anyone find the holder's ID number by trying every number of a region and birth years.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from checkpoint_desk.cli import main
from checkpoint_desk.codes.envelope import open_envelope, parse_claims
from checkpoint_desk.domain.idnumber import check_character
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.reference import current, publish

HOLDER = "370811198703151239"  # the region and the last four are printed on the card
REGION, LAST4 = HOLDER[:6], HOLDER[-4:]


def candidates(first_year: int = 1930, last_year: int = 2010) -> Iterator[str]:
    """Every valid ID number of the region whose serial and check match the masked one."""
    day, end = date(first_year, 1, 1), date(last_year, 12, 31)
    while day <= end:
        first17 = f"{REGION}{day:%Y%m%d}{LAST4[:3]}"
        if check_character(first17) == LAST4[3]:
            yield first17 + LAST4[3]
        day += timedelta(days=1)


def strings_in(value: Any) -> Iterator[str]:
    """Every text and bytes value (as hex and text) anywhere in ``value``."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from strings_in(k)
            yield from strings_in(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from strings_in(v)
    elif isinstance(value, bytes):
        yield value.hex()
        yield value.decode("latin-1")
    elif isinstance(value, str):
        yield value


def recovered(published: list[str], keys: list[bytes]) -> list[str]:
    """The numbers an attacker confirms: plain, or SHA-256 / SHA-1 / MD5 / HMAC under
    every key-like value they hold, as hex, matching any published string."""
    found = set(published)
    lowered = {s.lower() for s in found}
    hits = []
    for number in candidates():
        data = number.encode("ascii")
        digests = [number] + [hashlib.new(h, data).hexdigest() for h in ("sha256", "sha1", "md5")]
        digests += [hmac.new(k, data, hashlib.sha256).hexdigest() for k in keys]
        if any(d in found or d.lower() in lowered for d in digests) or any(
            number in s for s in found
        ):
            hits.append(number)
    return hits


def test_the_attack_finds_an_unkeyed_hash() -> None:
    """The attack works: a published SHA-256 of the number gives it away."""
    leaked = hashlib.sha256(HOLDER.encode("ascii")).hexdigest()
    assert recovered([leaked, "noise"], keys=[]) == [HOLDER]
    assert HOLDER in set(candidates())


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "desk"
    assert main(["init", "--station", "西门", "--data-dir", str(home)]) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "2468")
    args = ["operator", "add", "刘主任", "--role", "supervisor", "--data-dir", str(home)]
    assert main(args) == 0
    return home


def test_a_pass_png_and_text_give_away_no_id_number(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "card"
    issue = ["pass", "issue", "--name", "张伟", "--id", HOLDER, "--kind", "resident"]
    issue += ["--days", "30", "--out", str(out), "--json", "--data-dir", str(desk)]
    capsys.readouterr()
    assert main(issue) == 0
    text = json.loads(capsys.readouterr().out)["text"]
    found = zxingcpp.read_barcodes(Image.open(out.with_name("card.png")).convert("L"))
    assert [r.text for r in found] == [text]  # the photo of the card says the same
    envelope = open_envelope(text, "CKP1:")
    claims = parse_claims(envelope.payload)
    published = [*strings_in(claims), *strings_in(envelope.protected)]
    assert f"{REGION}********{LAST4}" in published  # what the volunteer checks
    key_like = [s.encode("utf-8") for s in published]
    assert recovered(published, keys=key_like) == []


def test_the_published_deny_list_gives_away_no_id_number(tmp_path: Path) -> None:
    hub = open_hub_database(f"sqlite:///{tmp_path / 'hub.db'}")
    publish(hub, "deny_list", {"id_numbers": [HOLDER, "11010519491231002X"]})
    served = {kind: current(hub, kind) for kind in ("deny_list", "trust_list", "risk_areas")}
    assert served["deny_list"] is not None
    assert HOLDER not in json.dumps(served["deny_list"].payload)
    published = [s for ref in served.values() if ref for s in strings_in(ref.payload)]
    assert recovered(published, keys=[s.encode("utf-8") for s in published]) == []
    assert "id_numbers" not in json.dumps([r.model_dump(mode="json") for r in served.values() if r])


def test_a_deny_list_of_unkeyed_hashes_is_refused_with_the_way_forward(tmp_path: Path) -> None:
    """Today's format (SHA-256 of the number) is what the attack above breaks."""
    hub = open_hub_database(f"sqlite:///{tmp_path / 'hub.db'}")
    leaked = hashlib.sha256(HOLDER.encode("ascii")).hexdigest()
    with pytest.raises(ValidationError, match="id_numbers"):
        publish(hub, "deny_list", {"id_hashes": [leaked]})
    assert current(hub, "deny_list") is None
