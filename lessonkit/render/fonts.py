"""The bundled BIZ UDGothic, registered with reportlab once and embedded.

Only these two fonts ever reach a PDF: reportlab's TTFont embeds a subset of
each (FontFile2), so a school PC without Japanese fonts prints the same page.
Never use the standard-14 fonts (Helvetica…): they are not embedded.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from lessonkit.glyphs import FONT_DIR

REGULAR = "LK-Gothic"
BOLD = "LK-Gothic-Bold"

_FILES = {
    REGULAR: FONT_DIR / "BIZUDGothic-Regular.ttf",
    BOLD: FONT_DIR / "BIZUDGothic-Bold.ttf",
}

# Ascent and descent as fractions of the font size (BIZ UDGothic's hhea
# values, 880/-120 per 1000); layout places baselines with them.
ASCENT = 0.88
DESCENT = 0.12


@lru_cache(maxsize=None)
def register_fonts() -> tuple[str, str]:
    """Register both faces with reportlab (idempotent); return their names."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, path in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    return REGULAR, BOLD


def font_name(bold: bool = False) -> str:
    """The registered name of the regular or bold face."""
    register_fonts()
    return BOLD if bold else REGULAR


@lru_cache(maxsize=65536)  # the same few characters at the same sizes, over and over
def string_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points when set in the bundled font at ``size``."""
    return pdfmetrics.stringWidth(text, font_name(bold), size)
