"""Printable pass cards: the QR, who it is for, where and until when — PNG and PDF."""

from __future__ import annotations

import glob
import io
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

from checkpoint_desk.clock import to_local
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_
from checkpoint_desk.private_files import write_private

# Noto Sans CJK draws the PNG; PDFs need TrueType outlines (reportlab cannot embed the
# CFF outlines of Noto's .ttc), so they embed one of these or use the CID font.
PNG_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")
FONT_ENV = "CHECKPOINT_DESK_PDF_FONT"  # set by the packaged app to its bundled font
PDF_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "C:/Windows/Fonts/simhei.ttf",
)
KIND_LABEL = {"resident": "居民 Resident", "visitor": "访客 Visitor", "worker": "工作人员 Worker"}


class FontMissing(CheckpointError):
    """No font that can draw Chinese is installed."""


@dataclass(frozen=True)
class CardContent:
    """Everything printed on a card."""

    pass_id: str
    code_text: str
    name: str
    id_masked: str
    kind: str
    address: str
    valid_from: datetime
    valid_until: datetime
    station: str

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) rows, labels in Chinese and English."""
        day = "%Y-%m-%d %H:%M"
        return [
            ("姓名 Name", self.name),
            ("身份证 ID", self.id_masked),
            ("类别 Kind", KIND_LABEL.get(self.kind, self.kind)),
            ("住址 Address", self.address or "—"),
            (
                "有效期 Valid",
                f"{to_local(self.valid_from):{day}} – {to_local(self.valid_until):{day}}",
            ),
            ("签发 Issued by", self.station),
            ("编号 Pass", self.pass_id),
        ]


def find_cjk_font(
    candidates: tuple[str, ...] = PNG_FONTS, search: tuple[str, ...] = FONT_DIRS
) -> Path:
    """A font file that draws Chinese, or FontMissing naming the package to install."""
    for name in candidates:
        if Path(name).is_file():
            return Path(name)
    for folder in search:
        found = sorted(glob.glob(f"{folder}/**/NotoSansCJK*", recursive=True))
        if found:
            return Path(found[0])
    # The packaged app carries a TrueType CJK font and names it here (the PDF
    # ledger reads the same variable); Pillow draws TrueType fonts as well.
    for name in (os.environ.get(FONT_ENV, ""), *PDF_FONTS):
        if name and Path(name).is_file():
            return Path(name)
    raise FontMissing(
        N_("No Chinese font found for the pass card. Install it with: {command}"),
        command="sudo apt-get install fonts-noto-cjk",
    )


def _png_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """The Simplified Chinese face of a collection (Noto's .ttc holds JP, KR, SC …)."""
    for index in range(8):
        try:
            font = ImageFont.truetype(str(path), size, index=index)
        except OSError:
            break
        if "SC" in " ".join(part or "" for part in font.getname()):
            return font
    return ImageFont.truetype(str(path), size)


def qr_image(text: str, size: int = 520) -> Image.Image:
    """The QR code of ``text`` (error correction M, quiet zone 4), whole pixels per
    module and at most ``size`` pixels wide."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=1, border=4)
    code.add_data(text)
    code.make(fit=True)
    code.box_size = max(1, size // (code.modules_count + 8))
    image: Image.Image = code.make_image(fill_color="black", back_color="white").get_image()
    return image.convert("RGB")


def write_card_png(card: CardContent, path: Path, font_path: Path | None = None) -> Path:
    """A card 1200 px wide: title, QR on the left, the rows on the right."""
    font_file = font_path or find_cjk_font()
    title, body = _png_font(font_file, 44), _png_font(font_file, 30)
    qr = qr_image(card.code_text)
    image = Image.new("RGB", (1200, 680), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 24), f"通行证 · Pass — {card.station}", fill="black", font=title)
    image.paste(qr, (20 + (520 - qr.width) // 2, 110 + (520 - qr.height) // 2))
    y = 120
    for label, value in card.lines():
        draw.text((570, y), label, fill=(90, 90, 90), font=body)
        draw.text((570, y + 34), value, fill="black", font=body)
        y += 72
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return write_private(path, buffer.getvalue())  # a card names its holder: 0600


def write_card_pdf(card: CardContent, path: Path, fonts: tuple[str, ...] = PDF_FONTS) -> Path:
    """The same card on an A6 page, with an embedded TrueType CJK font when there is one."""
    from reportlab.lib.pagesizes import A6, landscape
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font = _pdf_font(fonts)
    width, height = landscape(A6)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(f"Pass {card.pass_id}")
    pdf.setFont(font, 13)
    pdf.drawString(8 * mm, height - 11 * mm, f"通行证 · Pass — {card.station}")
    size = 62 * mm
    pdf.drawImage(
        ImageReader(qr_image(card.code_text)), 4 * mm, height - 16 * mm - size, size, size
    )
    y = height - 20 * mm
    for label, value in card.lines():
        pdf.setFont(font, 7)
        pdf.drawString(70 * mm, y, label)
        pdf.setFont(font, 9)
        pdf.drawString(70 * mm, y - 4 * mm, value)
        y -= 10 * mm
    pdf.showPage()
    pdf.save()
    return write_private(path, buffer.getvalue())


def _pdf_font(fonts: tuple[str, ...]) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for name in fonts:
        if Path(name).is_file():
            try:
                pdfmetrics.registerFont(TTFont("CardCJK", name, subfontIndex=0))
            except TTFError:
                continue
            return "CardCJK"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"
