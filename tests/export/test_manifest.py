"""Manifests beside each export, and ``verify_export`` telling intact from edited."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from checkpoint_desk.export.manifest import manifest_path, sha256_hex, verify_export
from checkpoint_desk.services.ledger_export import ExportResult, export_day
from tests.export.conftest import DAY, Day


def _export(busy_day: Day, tmp_path: Path, fmt: str) -> ExportResult:
    return export_day(busy_day.engine, day=DAY, fmt=fmt, out_dir=tmp_path, lang="zh_CN")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_manifest_describes_the_file(busy_day: Day, tmp_path: Path, fmt: str) -> None:
    result = _export(busy_day, tmp_path, fmt)
    assert result.manifest_path == manifest_path(result.path)
    assert result.manifest_path.name == result.path.name + ".manifest.json"
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    assert manifest["file"] == result.path.name
    assert manifest["format"] == fmt
    assert manifest["station"] == "西门卡点"
    assert manifest["day"] == "2026-11-28" and manifest["shift_id"] is None
    assert manifest["rows"] == 6 == result.rows
    assert manifest["first_visit"].startswith("2026-11-28T08:05")
    assert manifest["last_visit"].startswith("2026-11-28T23:59")
    assert manifest["masked"] is True
    assert manifest["sha256"] == sha256_hex(result.path.read_bytes())
    assert manifest["created_at"]
    assert verify_export(result.path).ok
    assert verify_export(result.manifest_path).ok  # either file may be named


def test_one_changed_byte_fails(busy_day: Day, tmp_path: Path) -> None:
    result = _export(busy_day, tmp_path, "pdf")
    data = bytearray(result.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    result.path.write_bytes(bytes(data))
    check = verify_export(result.path)
    assert not check.ok and check.problems == ("hash_mismatch",)


def test_an_edited_csv_row_fails_on_hash_and_count(busy_day: Day, tmp_path: Path) -> None:
    result = _export(busy_day, tmp_path, "csv")
    lines = result.path.read_bytes().split(b"\r\n")
    del lines[2]  # a stopped visitor quietly removed
    result.path.write_bytes(b"\r\n".join(lines))
    check = verify_export(result.path)
    assert set(check.problems) == {"hash_mismatch", "row_count_mismatch"}
    assert "5" in " ".join(check.messages("en")) and "6" in " ".join(check.messages("en"))


def test_an_xlsx_resaved_without_a_row_fails(busy_day: Day, tmp_path: Path) -> None:
    result = _export(busy_day, tmp_path, "xlsx")
    book = openpyxl.load_workbook(result.path)
    book.worksheets[0].delete_rows(3)
    out = io.BytesIO()
    book.save(out)
    result.path.write_bytes(out.getvalue())
    check = verify_export(result.path)
    assert "row_count_mismatch" in check.problems and check.rows_found == 5


def test_missing_or_damaged_manifest(busy_day: Day, tmp_path: Path) -> None:
    result = _export(busy_day, tmp_path, "csv")
    result.manifest_path.write_text("{not json", encoding="utf-8")
    assert verify_export(result.path).problems == ("manifest_unreadable",)
    result.manifest_path.unlink()
    assert verify_export(result.path).problems == ("manifest_missing",)
    assert verify_export(tmp_path / "nothing.csv").problems == ("file_missing",)


def test_a_manifest_copied_to_another_file_fails(busy_day: Day, tmp_path: Path) -> None:
    result = _export(busy_day, tmp_path, "csv")
    other = tmp_path / "other.csv"
    other.write_bytes(result.path.read_bytes())
    manifest_path(other).write_bytes(result.manifest_path.read_bytes())
    assert verify_export(other).problems == ("name_mismatch",)


def test_empty_day_manifest_has_zero_rows(busy_day: Day, tmp_path: Path) -> None:
    from datetime import date

    for fmt in ("csv", "xlsx", "pdf"):
        result = export_day(
            busy_day.engine, day=date(2027, 1, 1), fmt=fmt, out_dir=tmp_path, lang="en"
        )
        manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
        assert (manifest["rows"], manifest["first_visit"], manifest["last_visit"]) == (
            0,
            None,
            None,
        )
        assert verify_export(result.path).ok


def _forge(result: ExportResult) -> None:
    """Drop a row and rewrite the manifest to match, as a careful forger would."""
    lines = result.path.read_bytes().split(b"\r\n")
    del lines[2]
    data = b"\r\n".join(lines)
    result.path.write_bytes(data)
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    manifest["sha256"] = sha256_hex(data)
    manifest["rows"] = 5
    result.manifest_path.write_text(json.dumps(manifest), encoding="utf-8")


def test_signed_manifest_catches_a_rewritten_manifest(busy_day: Day, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    result = export_day(busy_day.engine, day=DAY, fmt="csv", out_dir=tmp_path, signing_key=key)
    check = verify_export(result.path, key.public_key())
    assert check.ok and check.signature == "valid"
    assert verify_export(result.path).signature == "unchecked"
    _forge(result)
    assert verify_export(result.path).ok  # the hash alone cannot tell
    forged = verify_export(result.path, key.public_key())
    assert forged.problems == ("signature_invalid",) and forged.signature == "invalid"


def test_unsigned_manifest_fails_when_a_key_is_given(busy_day: Day, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    result = _export(busy_day, tmp_path, "csv")
    check = verify_export(result.path, Ed25519PrivateKey.generate().public_key())
    assert check.problems == ("unsigned",)
