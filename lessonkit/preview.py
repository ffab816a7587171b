"""PNG pictures of a kit's pages, drawn from the very PDFs ``build`` writes.

pypdfium2 rasterises (wheels for Windows, macOS and Linux: no system poppler);
the PNG is encoded here with zlib, with no timestamp or other varying chunk,
so the same PDF gives the same PNG bytes.  A page without colour (every kit
printed in black and white) is written as greyscale, a third of the size.

A contact sheet is one PNG with many pages as thumbnails of one height, each
document starting a new row, for a quick look at a whole kit.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Iterable, Sequence

DEFAULT_DPI = 100
MIN_DPI, MAX_DPI = 10, 600
THUMB_HEIGHT = 180  # a contact sheet's thumbnails, in pixels
SHEET_COLUMNS = 8
SHEET_GAP = 12
SHEET_BACKGROUND = 0xD8  # light grey: white pages stand out
SHEET_BORDER = 0x70
PNG_LEVEL = 6  # zlib level: 9 is much slower for a few per cent


@dataclass(frozen=True)
class Raster:
    """A picture: ``channels`` is 1 (grey) or 3 (RGB); rows packed, top first."""

    width: int
    height: int
    channels: int
    pixels: bytes

    def png(self, dpi: float | None = None) -> bytes:
        return encode_png(self, dpi)


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def rasterise(pdf: bytes, pages: Iterable[int] | None = None, *, dpi: float = DEFAULT_DPI, height: int | None = None) -> list[Raster]:
    """Pictures of ``pages`` (0-based; default every page) of the PDF ``pdf``.

    At ``dpi``, or, with ``height``, scaled so each page is ``height`` pixels
    tall (thumbnails).  Raises IndexError for a page the PDF does not have.
    """
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        wanted = range(len(doc)) if pages is None else list(pages)
        out = []
        for index in wanted:
            if not 0 <= index < len(doc):
                raise IndexError(f"page {index + 1} of a {len(doc)}-page PDF")
            page = doc[index]
            try:
                scale = height / page.get_size()[1] if height else dpi / 72
                bitmap = page.render(scale=scale, rev_byteorder=True, may_draw_forms=False)
                out.append(_packed(bitmap))
            finally:
                page.close()
        return out
    finally:
        doc.close()


def _packed(bitmap) -> Raster:
    """The bitmap's pixels without row padding, and grey when it has no colour."""
    w, h, n, stride = bitmap.width, bitmap.height, bitmap.n_channels, bitmap.stride
    raw = bytes(bitmap.buffer)
    row = w * n
    if stride != row:
        raw = b"".join(raw[y * stride : y * stride + row] for y in range(h))
    if n != 3:  # pdfium renders an opaque page as 3-channel RGB (rev_byteorder)
        raise ValueError(f"unexpected {n}-channel bitmap")
    return _grey_if_colourless(Raster(w, h, n, raw))


def _grey_if_colourless(raster: Raster) -> Raster:
    if raster.channels == 3:
        r, g, b = raster.pixels[0::3], raster.pixels[1::3], raster.pixels[2::3]
        if r == g == b:
            return Raster(raster.width, raster.height, 1, r)
    return raster


def encode_png(raster: Raster, dpi: float | None = None) -> bytes:
    """PNG bytes for ``raster``: 8 bits a channel, no interlace, no time chunk."""
    row = raster.width * raster.channels
    pixels = raster.pixels
    data = b"".join(b"\x00" + pixels[y * row : (y + 1) * row] for y in range(raster.height))
    colour = 0 if raster.channels == 1 else 2
    chunks = [_chunk(b"IHDR", struct.pack(">IIBBBBB", raster.width, raster.height, 8, colour, 0, 0, 0))]
    if dpi:
        per_metre = round(dpi / 0.0254)
        chunks.append(_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    chunks.append(_chunk(b"IDAT", zlib.compress(data, PNG_LEVEL)))
    chunks.append(_chunk(b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def _chunk(tag: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)


def contact_sheet(documents: Sequence[Sequence[Raster]], columns: int = SHEET_COLUMNS, gap: int = SHEET_GAP) -> Raster:
    """Thumbnails laid out left to right, at most ``columns`` a row; each
    document starts a new row.  Each thumbnail has a thin dark frame, on a
    light grey ground; a row is as tall as its tallest thumbnail.
    """
    thumbs = [t for doc in documents for t in doc]
    if not thumbs:
        raise ValueError("a contact sheet needs at least one page")
    channels = 3 if any(t.channels == 3 for t in thumbs) else 1
    rows: list[list[Raster]] = []
    for doc in documents:
        for start in range(0, len(doc), columns):
            rows.append(list(doc[start : start + columns]))
    width = gap + max(sum(t.width + 2 + gap for t in row) for row in rows)
    heights = [max(t.height for t in row) + 2 for row in rows]
    height = gap + sum(h + gap for h in heights)
    canvas = bytearray([SHEET_BACKGROUND]) * (width * height * channels)
    top = gap
    for row, row_h in zip(rows, heights):
        left = gap
        for thumb in row:
            _frame(canvas, width, channels, left, top, thumb.width + 2, thumb.height + 2)
            _paste(canvas, width, channels, _as_channels(thumb, channels), left + 1, top + 1)
            left += thumb.width + 2 + gap
        top += row_h + gap
    return Raster(width, height, channels, bytes(canvas))


def _as_channels(thumb: Raster, channels: int) -> Raster:
    if thumb.channels == channels:
        return thumb
    rgb = bytes(v for v in thumb.pixels for _ in range(3))
    return Raster(thumb.width, thumb.height, 3, rgb)


def _paste(canvas: bytearray, width: int, channels: int, thumb: Raster, x: int, y: int) -> None:
    row = thumb.width * channels
    for dy in range(thumb.height):
        at = ((y + dy) * width + x) * channels
        canvas[at : at + row] = thumb.pixels[dy * row : (dy + 1) * row]


def _frame(canvas: bytearray, width: int, channels: int, x: int, y: int, w: int, h: int) -> None:
    line = bytes([SHEET_BORDER]) * (w * channels)
    for yy in (y, y + h - 1):
        at = (yy * width + x) * channels
        canvas[at : at + w * channels] = line
    dot = bytes([SHEET_BORDER]) * channels
    for yy in range(y, y + h):
        for xx in (x, x + w - 1):
            at = (yy * width + xx) * channels
            canvas[at : at + channels] = dot


def file_name(document: str, page: int, pages: int) -> str:
    """'worksheet-07.png' for page 7 of worksheet.pdf (numbers padded to sort)."""
    stem = document[:-4] if document.lower().endswith(".pdf") else document
    digits = max(2, len(str(pages)))
    return f"{stem}-{page:0{digits}d}.png"


def board_document() -> str:
    """The name build gives the boards' document (found by its renderer)."""
    from lessonkit.build import DOCUMENTS
    from lessonkit.render.board import render_board

    return next(name for name, render in DOCUMENTS.items() if render is render_board)


def board_pages(checked, options) -> list[list[int]]:
    """For each puzzle, its pages (0-based) in the boards' document: one, or
    several when a large board is tiled over sheets."""
    from lessonkit.render.board import plan_board_pages

    pages: list[list[int]] = [[] for _ in checked.puzzles]
    for number, sheet in enumerate(plan_board_pages(checked, options)):
        pages[sheet.puzzle].append(number)
    return pages
