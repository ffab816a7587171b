"""Canvases that give the same bytes for the same inputs, and safe writes.

Reproducible output lets a school diff two kits, cache them, and trust that
re-running lessonkit did not change a printed page.
"""

from __future__ import annotations

import os
from typing import BinaryIO

from reportlab.lib.pagesizes import A3, A4, letter
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from lessonkit import __version__
from lessonkit.render.fonts import REGULAR, register_fonts

PAPER: dict[str, tuple[float, float]] = {
    "a4": A4,
    "b4": (257 * mm, 364 * mm),  # JIS B4, not ISO B4 (250 x 353 mm)
    "a3": A3,
    "letter": letter,
}

# 2000-01-01T00:00:00Z: the date written when SOURCE_DATE_EPOCH is not set.
FIXED_EPOCH = 946684800


def source_date_epoch() -> int:
    """Seconds since 1970 to stamp into PDFs: $SOURCE_DATE_EPOCH or FIXED_EPOCH."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return FIXED_EPOCH
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(
            f"SOURCE_DATE_EPOCH must be whole seconds since 1970, found {raw!r}"
        ) from None
    if value < 0:
        raise ValueError(f"SOURCE_DATE_EPOCH must not be negative, found {raw!r}")
    return value


def make_canvas(
    buffer: BinaryIO | str,
    pagesize: tuple[float, float],
    *,
    title: str,
    subject: str,
    lang: str,
    author: str = "lessonkit",
) -> Canvas:
    """A reportlab canvas whose output is byte-identical for identical drawing.

    Invariant mode fixes the document ID and dates; the date is taken from
    SOURCE_DATE_EPOCH (reproducible-builds convention) or FIXED_EPOCH.  The
    initial font is the embedded gothic, so no standard-14 font is ever
    referenced.  ``lang`` becomes the catalog's /Lang (e.g. "ja", "en").
    """
    source_date_epoch()
    register_fonts()
    # reportlab's invariant mode reads SOURCE_DATE_EPOCH itself and falls back
    # to 2000-01-01 (== FIXED_EPOCH); validating first turns a malformed value
    # into a clear error instead of a traceback from inside reportlab.
    canvas = Canvas(
        buffer,
        pagesize=pagesize,
        invariant=1,
        pageCompression=1,
        initialFontName=REGULAR,
        initialFontSize=10,
        initialLeading=12,
        lang=lang,
    )
    canvas.setTitle(title)
    canvas.setSubject(subject)
    canvas.setAuthor(author)
    canvas.setCreator(f"lessonkit {__version__}")
    canvas.setFont(REGULAR, 10)
    return canvas


