"""Issuing and revoking passes: the row, the audit trail, the card, and the desk's reading."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import Engine
from sqlmodel import Session, select

from checkpoint_desk.codes.card import write_card_pdf, write_card_png
from checkpoint_desk.codes.envelope import open_envelope, parse_claims
from checkpoint_desk.codes.id_key import IdKey
from checkpoint_desk.codes.reading import CodeStatus
from checkpoint_desk.codes.registry import read_code
from checkpoint_desk.codes.trust import TrustList
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.audit import verify_chain
from checkpoint_desk.services.codes import read_context
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.passes import issue_pass, pass_card, revoke_pass
from checkpoint_desk.services.roles import RoleError, approve
from checkpoint_desk.services.station import this_station
from checkpoint_desk.store.id_keys import keep_id_key
from checkpoint_desk.store.models import AuditEntry, IssuedPass
from checkpoint_desk.store.station_key import SEALED_KEY_FILE
from checkpoint_desk.store.vault import vault_of
from tests.conftest import FakeClock

ID = "11010519491231002X"


def test_init_gives_the_station_a_private_key_and_a_trusted_public_key(
    engine: Engine, data_dir: DataDir
) -> None:
    mode = stat.S_IMODE((data_dir.keys / SEALED_KEY_FILE).stat().st_mode)
    assert mode == 0o600
    entries = list(TrustList.load(data_dir.trust_list).entries.values())
    assert [(e.issuer, e.schemes, e.demo) for e in entries] == [("西门卡点", ("CKP1",), False)]


def test_issued_pass_reads_green_at_this_desk(
    engine: Engine, data_dir: DataDir, clock: FakeClock
) -> None:
    issued = issue_pass(
        engine, data_dir, name="张伟", id_number=ID, kind="resident", days=30,
        address="3号楼2单元", clock=clock,
    )  # fmt: skip
    with Session(engine) as session:
        row = session.get(IssuedPass, issued.id)
        assert row is not None and row.id_masked == "110105********002X"
        assert row.expires_at == issued.issued_at + timedelta(days=30)
        assert ID not in repr(row.model_dump())  # only the masked number and its hash
        audit = session.exec(select(AuditEntry)).all()
        assert [a.action for a in audit] == ["pass_issued"]
    card = pass_card(engine, data_dir, issued)
    reading = read_code(card.code_text, read_context(data_dir, clock()))
    assert reading.status is CodeStatus.GREEN
    assert reading.issuer == "西门卡点"
    assert reading.screening.pass_id == issued.id
    assert reading.subject.name == "张伟"
    # The same row gives the same code again (a reprinted card still works).
    assert pass_card(engine, data_dir, issued).code_text == card.code_text


def test_revoked_pass_is_refused_and_revocation_is_audited(
    engine: Engine, data_dir: DataDir, clock: FakeClock
) -> None:
    issued = issue_pass(
        engine, data_dir, name="李娜", id_number=ID, kind="visitor", days=1, clock=clock
    )
    text = pass_card(engine, data_dir, issued).code_text
    station = this_station(engine)
    boss = create_operator(engine, station.id, "刘主任", "supervisor", "2468", clock=clock)
    with pytest.raises(RoleError):
        revoke_pass(engine, issued.id, approval=None, clock=clock)
    approval = approve(engine, boss.id, "2468", clock=clock)
    revoked = revoke_pass(engine, issued.id, approval=approval, clock=clock)
    assert revoked.revoked_at == clock() and revoked.revision == 2
    again = revoke_pass(engine, issued.id, approval=approval, clock=clock)
    assert again.revision == 2  # twice: no change
    reading = read_code(text, read_context(data_dir, clock()))
    assert (reading.status, reading.reasons) == (CodeStatus.INVALID, ("revoked",))
    with Session(engine) as session:
        assert verify_chain(session).ok
        entries = list(session.exec(select(AuditEntry)))
    assert [a.action for a in entries if a.action.startswith("pass")] == [
        "pass_issued",
        "pass_revoked",
    ]
    assert entries[-1].operator_id == boss.id


def test_pass_expires_after_its_days(engine: Engine, data_dir: DataDir, clock: FakeClock) -> None:
    issued = issue_pass(
        engine, data_dir, name="王芳", id_number=ID, kind="worker", days=2, clock=clock
    )
    text = pass_card(engine, data_dir, issued).code_text
    clock.advance(days=2, minutes=10)
    reading = read_code(text, read_context(data_dir, clock()))
    assert (reading.status, reading.reasons) == (CodeStatus.EXPIRED, ("pass_expired",))


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"id_number": "110105194912310021"}, "id_checksum"),
        ({"name": "  "}, "pass_name"),
        ({"kind": "tourist"}, "pass_kind"),
        ({"days": 0}, "pass_days"),
    ],
)
def test_bad_pass_requests_are_refused(
    engine: Engine, data_dir: DataDir, changes: dict[str, object], code: str
) -> None:
    request: dict[str, object] = {"name": "张伟", "id_number": ID, "kind": "resident", "days": 3}
    request.update(changes)
    with pytest.raises(ValidationError) as info:
        issue_pass(engine, data_dir, **request)  # type: ignore[arg-type]
    assert info.value.code == code
    with Session(engine) as session:
        assert session.exec(select(IssuedPass)).all() == []


def test_unknown_pass_cannot_be_revoked(engine: Engine) -> None:
    boss = create_operator(engine, this_station(engine).id, "刘主任", "supervisor", "2468")
    with pytest.raises(ValidationError, match="No pass"):
        revoke_pass(engine, "PNOTHERE", approval=approve(engine, boss.id, "2468"))


def test_card_png_and_pdf_carry_the_code_and_the_holder(
    engine: Engine, data_dir: DataDir, clock: FakeClock, tmp_path: Path
) -> None:
    issued = issue_pass(
        engine, data_dir, name="张伟", id_number=ID, kind="resident", days=30,
        address="3号楼2单元", clock=clock,
    )  # fmt: skip
    card = pass_card(engine, data_dir, issued)
    png = write_card_png(card, tmp_path / "card.png")
    found = zxingcpp.read_barcodes(Image.open(png).convert("L"))
    assert [r.text for r in found] == [card.code_text]
    pdf = write_card_pdf(card, tmp_path / "card.pdf")
    text = PdfReader(pdf).pages[0].extract_text()
    for expected in ("张伟", "110105********002X", "3号楼2单元", issued.id, "西门卡点"):
        assert expected in text


def test_pdf_falls_back_to_the_cid_font(
    engine: Engine, data_dir: DataDir, clock: FakeClock, tmp_path: Path
) -> None:
    issued = issue_pass(
        engine, data_dir, name="张伟", id_number=ID, kind="resident", days=3, clock=clock
    )
    pdf = write_card_pdf(pass_card(engine, data_dir, issued), tmp_path / "c.pdf", fonts=())
    page = PdfReader(pdf).pages[0]
    fonts = page["/Resources"]["/Font"]
    assert "/STSong-Light" in {fonts[k].get_object()["/BaseFont"] for k in fonts}
    assert "张伟" in page.extract_text()


def test_a_pass_carries_the_keyed_id_hash_once_the_station_has_the_id_key(
    engine: Engine, data_dir: DataDir, clock: FakeClock
) -> None:
    def subject(issued: IssuedPass) -> dict[str, str]:
        text = pass_card(engine, data_dir, issued).code_text
        claims = parse_claims(open_envelope(text, "CKP1:").payload)
        return dict(claims["sub"])

    before = issue_pass(
        engine, data_dir, name="张伟", id_number=ID, kind="resident", days=3, clock=clock
    )
    assert subject(before) == {"name": "张伟", "idm": "110105********002X"}  # no key: nothing
    key = IdKey(b"\x07" * 32)
    with Session(engine) as session:
        keep_id_key(session, vault_of(engine), key, now=clock())
        session.commit()
    after = issue_pass(
        engine, data_dir, name="张伟", id_number=ID.lower(), kind="resident", days=3, clock=clock
    )
    assert subject(after)["idk"] == key.of(ID) != IdKey(b"\x08" * 32).of(ID)
