"""The printable report: its text (pypdf), its font, and a rendering (pdftoppm)."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from checkpoint_desk.export.ledger_rows import build_ledger
from checkpoint_desk.export.pdf_font import CID_FALLBACK, find_report_font
from checkpoint_desk.export.pdf_ledger import render_pdf
from tests.export.conftest import DAY, Day


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_report_text_in_chinese(busy_day: Day) -> None:
    font = find_report_font()
    assert font.embedded, "no TrueType CJK font: install fonts-wqy-zenhei (make test does)"
    data = render_pdf(build_ledger(busy_day.engine, day=DAY, lang="zh_CN"), font)
    text = _text(data)
    for expected in ("西门卡点", "台账", "2026-11-28", "王芳", "李强", "统计", "拦截记录及处置"):
        assert expected in text, expected
    assert "李娜" in text and "转医护" in text and "劝返" in text  # the stops, disposed
    assert "370802********2281" in text and "370802199202022281" not in text
    assert "交班人" in text and "接班人" in text
    assert "每小时登记人次" in text


def test_report_totals_in_english(busy_day: Day) -> None:
    data = render_pdf(build_ledger(busy_day.engine, day=DAY, lang="en"), find_report_font())
    lines = [line.strip() for line in _text(data).splitlines()]
    at = lines.index("Number of visits")
    assert lines[at : at + 5] == ["Number of visits", "In", "Out", "Stopped", "Fever"]
    assert lines[at + 5 : at + 10] == ["6", "5", "1", "2", "1"]


def test_empty_day_report_says_no_visits(busy_day: Day) -> None:
    data = render_pdf(
        build_ledger(busy_day.engine, day=date(2027, 1, 1), lang="en"), find_report_font()
    )
    text = _text(data)
    assert "No visits on this day." in text and "No one was stopped." in text


def test_font_is_embedded_when_found(busy_day: Day) -> None:
    font = find_report_font()
    data = render_pdf(build_ledger(busy_day.engine, day=DAY, lang="zh_CN"), font)
    fonts = {
        str(f["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert any("WenQuanYi" in name for name in fonts), fonts


def test_without_a_truetype_cjk_font_the_cid_font_is_used(tmp_path: Path) -> None:
    from checkpoint_desk.export.pdf_font import FontCandidate

    not_a_font = tmp_path / "broken.ttf"
    not_a_font.write_bytes(b"not a font")
    font = find_report_font((FontCandidate(tmp_path / "missing.ttc"), FontCandidate(not_a_font)))
    assert (font.name, font.embedded, font.path) == (CID_FALLBACK, False, None)


def _render_png(pdf: Path, out: Path) -> Image.Image:
    if shutil.which("pdftoppm") is None:
        pytest.fail(
            "pdftoppm is missing: install the Debian package poppler-utils (make test does)"
        )
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(out)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return Image.open(out.with_suffix(".png")).convert("L")


def _ink(image: Image.Image, box: tuple[float, float, float, float]) -> float:
    """Share of dark pixels in ``box`` given as fractions of the page."""
    w, h = image.size
    crop = image.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    histogram = crop.histogram()
    return sum(histogram[:200]) / sum(histogram)


def test_report_renders_with_ink_where_the_tables_are(busy_day: Day, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(
        render_pdf(build_ledger(busy_day.engine, day=DAY, lang="zh_CN"), find_report_font())
    )
    image = _render_png(pdf, tmp_path / "page")
    assert image.size[0] > 300
    assert _ink(image, (0.0, 0.0, 1.0, 0.02)) == 0, "ink in the top margin"
    assert _ink(image, (0.05, 0.03, 0.95, 0.10)) > 0.01, "title missing"
    assert _ink(image, (0.05, 0.08, 0.95, 0.30)) > 0.01, "header and counts tables missing"
    assert _ink(image, (0.05, 0.40, 0.95, 0.50)) > 0.01, "hourly chart missing"
    assert _ink(image, (0.05, 0.70, 0.95, 0.85)) > 0.01, "stops and signature missing"
