"""The bundled fonts, registered with reportlab once and embedded.

BIZ UDGothic sets everything by default.  Its Latin letters are fixed-width
and read like code, so an English teacher's document sets Latin text in the
bundled Liberation Sans (proportional, SIL OFL 1.1) instead: inside
``latin_text()`` every character Liberation Sans has is measured and drawn
in it, anything else (Japanese, rare symbols) in BIZ UDGothic.

Only these fonts ever reach a PDF: reportlab's TTFont embeds a subset of
each (FontFile2), so a school PC without Japanese fonts prints the same page.
Never use the standard-14 fonts (Helvetica…): they are not embedded.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Iterator

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from lessonkit.glyphs import FONT_DIR

REGULAR = "LK-Gothic"
BOLD = "LK-Gothic-Bold"

LATIN = "LK-Latin"
LATIN_BOLD = "LK-Latin-Bold"

_FILES = {
    REGULAR: FONT_DIR / "BIZUDGothic-Regular.ttf",
    BOLD: FONT_DIR / "BIZUDGothic-Bold.ttf",
    LATIN: FONT_DIR / "LiberationSans-Regular.ttf",
    LATIN_BOLD: FONT_DIR / "LiberationSans-Bold.ttf",
}

_LATIN_ON: ContextVar[bool] = ContextVar("lessonkit_latin_text", default=False)

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


@contextmanager
def latin_text(on: bool = True) -> Iterator[None]:
    """Within: text laid out and drawn by ``lessonkit.render.text`` sets its
    Latin characters in the proportional face (an English teacher's document)."""
    register_fonts()
    token = _LATIN_ON.set(on)
    try:
        yield
    finally:
        _LATIN_ON.reset(token)


def latin_on() -> bool:
    return _LATIN_ON.get()


@lru_cache(maxsize=None)
def _latin_chars() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(LATIN).face.charToGlyph)


def _face(ch: str, bold: bool) -> str:
    if ch != " " and ord(ch) in _latin_chars() and ord(ch) < 0x2E80:
        return LATIN_BOLD if bold else LATIN
    if ch == " ":
        return LATIN_BOLD if bold else LATIN
    return BOLD if bold else REGULAR


def face_runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """``text`` cut into (font name, piece) runs, each in the face that sets it:
    the Latin face where ``latin_text()`` is on and it has the character."""
    if not _LATIN_ON.get():
        return [(BOLD if bold else REGULAR, text)]
    runs: list[tuple[str, str]] = []
    for ch in text:
        face = _face(ch, bold)
        if runs and runs[-1][0] == face:
            runs[-1] = (face, runs[-1][1] + ch)
        else:
            runs.append((face, ch))
    return runs


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` as ``lessonkit.render.text`` sets it (face by face)."""
    if not _LATIN_ON.get():
        return string_width(text, size, bold)
    return _latin_width(text, size, bold)


@lru_cache(maxsize=65536)
def _latin_width(text: str, size: float, bold: bool) -> float:
    return sum(pdfmetrics.stringWidth(piece, face, size) for face, piece in face_runs(text, bold))


_DRAW = {"left": "drawString", "centre": "drawCentredString", "right": "drawRightString"}


def draw_string(canvas, x: float, y: float, text: str, anchor: str = "left") -> None:
    """Draw one line of plain ``text`` in the canvas's current bundled face and
    size (set with ``canvas.setFont(font_name(bold), size)``), its left end,
    centre or right end (``anchor``) at ``x``.  Every string a drawing module
    draws without ``lessonkit.render.text`` goes through here: within
    ``latin_text()`` its Latin runs are set in the proportional face, as laid-out
    text is (``face_runs``), and the canvas's face is restored after; outside,
    it is exactly reportlab's drawString / drawCentredString / drawRightString."""
    if anchor not in _DRAW:
        raise ValueError(f"anchor must be 'left', 'centre' or 'right', found {anchor!r}")
    face, size, leading = canvas._fontname, canvas._fontsize, canvas._leading
    if not _LATIN_ON.get() or face not in (REGULAR, BOLD):
        getattr(canvas, _DRAW[anchor])(x, y, text)
        return
    bold = face == BOLD
    runs = face_runs(text, bold)
    if anchor != "left":
        width = text_width(text, size, bold)
        x -= width / 2 if anchor == "centre" else width
    for run_face, piece in runs:
        canvas.setFont(run_face, size, leading)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, run_face, size)
    canvas.setFont(face, size, leading)
