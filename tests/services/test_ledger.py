"""The export service: audit entries, the shift-close export and the export folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from checkpoint_desk.errors import ValidationError
from checkpoint_desk.export.manifest import verify_export
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.audit import verify_chain
from checkpoint_desk.services.ledger_export import export_day, export_shift_on_close
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.roles import RoleError, approve
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import AuditEntry
from tests.conftest import FakeClock
from tests.export.conftest import DAY, Day
from tests.export.conftest import busy_day as busy_day


def _audit(engine: Engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))).all())


def test_every_export_is_audited(busy_day: Day, tmp_path: Path, clock: FakeClock) -> None:
    result = export_day(busy_day.engine, day=DAY, fmt="csv", out_dir=tmp_path, clock=clock)
    entries = _audit(busy_day.engine)
    assert [e.action for e in entries] == ["export"]
    assert entries[0].detail["file"] == str(result.path)
    assert entries[0].detail["masked"] is True and entries[0].detail["rows"] == 6
    assert entries[0].at == clock()


def test_unmasked_export_is_audited_with_the_operator(busy_day: Day, tmp_path: Path) -> None:
    boss = create_operator(busy_day.engine, busy_day.station.id, "刘主任", "supervisor", "2468")
    volunteer = create_operator(busy_day.engine, busy_day.station.id, "小王", "volunteer", "1357")
    with pytest.raises(RoleError):  # a volunteer's PIN approves nothing
        approve(busy_day.engine, volunteer.id, "1357")
    with pytest.raises(RoleError):  # nor does asking without a PIN
        export_day(busy_day.engine, day=DAY, fmt="xlsx", out_dir=tmp_path, unmasked=True)
    assert not list(tmp_path.glob("*.xlsx"))
    result = export_day(
        busy_day.engine,
        day=DAY,
        fmt="xlsx",
        out_dir=tmp_path,
        unmasked=True,
        approval=approve(busy_day.engine, boss.id, "2468"),
        operator_id=boss.id,
    )
    assert result.path.name.endswith("-unmasked.xlsx") and not result.masked
    entries = [e for e in _audit(busy_day.engine) if e.action.startswith("export")]
    assert [e.action for e in entries] == ["export_unmasked", "export"]
    assert all(e.operator_id == boss.id for e in entries)
    assert entries[0].detail["masked"] is False
    with Session(busy_day.engine) as session:
        assert verify_chain(session).ok


def test_a_failed_export_is_not_audited(busy_day: Day, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="does not exist"):
        export_day(busy_day.engine, day=DAY, fmt="csv", out_dir=tmp_path / "gone")
    assert _audit(busy_day.engine) == []


def test_unknown_format(busy_day: Day, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="Unknown format"):
        export_day(busy_day.engine, day=DAY, fmt="doc", out_dir=tmp_path)


def test_shift_close_writes_to_the_default_exports_folder(busy_day: Day, data_dir: DataDir) -> None:
    results = export_shift_on_close(busy_day.engine, data_dir, busy_day.evening.id, lang="en")
    assert [r.format for r in results] == ["xlsx", "pdf"]
    for result in results:
        assert result.path.parent == data_dir.exports
        assert "shift-" in result.path.name
        assert result.rows == 3  # the whole night shift, past midnight
        assert verify_export(result.path).ok


def test_shift_close_uses_the_configured_folder(
    busy_day: Day, data_dir: DataDir, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    settings = Settings.load(data_dir.settings_file)
    settings.set("export_folder", str(usb))
    settings.save()
    results = export_shift_on_close(
        busy_day.engine, data_dir, busy_day.morning.id, formats=("csv",)
    )
    assert results[0].path.parent == usb and results[0].rows == 4


def test_pdf_without_a_cjk_truetype_font_names_the_package(
    busy_day: Day, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checkpoint_desk.export.pdf_font.CANDIDATES", ())
    monkeypatch.delenv("CHECKPOINT_DESK_PDF_FONT", raising=False)
    result = export_day(busy_day.engine, day=DAY, fmt="pdf", out_dir=tmp_path, lang="zh_CN")
    assert result.font == "STSong-Light"
    assert len(result.notes) == 1 and "fonts-wqy-zenhei" in result.notes[0]
    assert verify_export(result.path).ok
