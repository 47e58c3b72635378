"""Finding a Chinese font that reportlab can embed in the PDF report.

reportlab embeds TrueType-outline fonts only: the Noto CJK ``.ttc`` files that most
Linux desktops have are OpenType/CFF and are refused. So we look for a TrueType CJK
font (WenQuanYi Zen Hei from ``fonts-wqy-zenhei`` first, which also has Latin
letters and digits); when none is found the report falls back to the standard CID
font STSong-Light, which is not embedded (viewers substitute a Song typeface) and
the export says so, naming the package that fixes it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from checkpoint_desk.i18n import N_

FONT_PACKAGE = "fonts-wqy-zenhei"
ENV_FONT = "CHECKPOINT_DESK_PDF_FONT"
CID_FALLBACK = "STSong-Light"
NOT_EMBEDDED_NOTE = N_(
    "No Chinese TrueType font was found, so the PDF uses the non-embedded font "
    "{font}; install the package {package} to embed one."
)


@dataclass(frozen=True)
class FontCandidate:
    path: Path
    subfont: int = 0
    package: str = ""


CANDIDATES: tuple[FontCandidate, ...] = (
    FontCandidate(Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0, "fonts-wqy-zenhei"),
    FontCandidate(Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0, "fonts-wqy-microhei"),
    FontCandidate(Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0, "fonts-arphic-uming"),
    FontCandidate(Path("C:/Windows/Fonts/simhei.ttf")),
    FontCandidate(Path("C:/Windows/Fonts/simsun.ttc")),
    FontCandidate(Path("/Library/Fonts/Arial Unicode.ttf")),
    FontCandidate(Path("/System/Library/Fonts/Supplemental/Arial Unicode.ttf")),
)


@dataclass(frozen=True)
class ReportFont:
    """The font the report is set in."""

    name: str  # registered reportlab font name
    path: Path | None  # None: the CID fallback
    embedded: bool


def _register_ttf(candidate: FontCandidate) -> ReportFont | None:
    name = f"CKD-{candidate.path.stem}-{candidate.subfont}"
    if name in pdfmetrics.getRegisteredFontNames():
        return ReportFont(name, candidate.path, True)
    try:
        font = TTFont(name, str(candidate.path), subfontIndex=candidate.subfont)
    except (TTFError, OSError, ValueError, KeyError):
        return None  # e.g. CFF outlines, a damaged file
    pdfmetrics.registerFont(font)
    return ReportFont(name, candidate.path, True)


def find_report_font(candidates: tuple[FontCandidate, ...] | None = None) -> ReportFont:
    """The first usable TrueType CJK font (``$CHECKPOINT_DESK_PDF_FONT`` first), else the
    STSong-Light CID font (not embedded)."""
    pool = list(CANDIDATES if candidates is None else candidates)
    override = os.environ.get(ENV_FONT)
    if override:
        pool.insert(0, FontCandidate(Path(override)))
    for candidate in pool:
        if candidate.path.is_file():
            found = _register_ttf(candidate)
            if found is not None:
                return found
    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return ReportFont(CID_FALLBACK, None, False)
