"""Which characters the bundled font can draw.

The validator asks this of every lesson text, so it must be cheap and must
not pull in reportlab: only the font's ``cmap`` table is read (with
``struct``), once, and kept as a sorted list of code point ranges.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).with_name("fonts")
REGULAR_FONT = FONT_DIR / "BIZUDGothic-Regular.ttf"

# Layout handles these itself; they are never drawn as glyphs.
_IGNORED = frozenset(" \t\n\r")


class FontFormatError(ValueError):
    """The font file is not a TrueType/OpenType font with a usable cmap."""


def _read(f, offset: int, size: int) -> bytes:
    f.seek(offset)
    data = f.read(size)
    if len(data) != size:
        raise FontFormatError(f"font truncated at byte {offset}")
    return data


def _table_offset(f, tag: bytes) -> tuple[int, int]:
    num_tables = struct.unpack(">H", _read(f, 4, 2))[0]
    directory = _read(f, 12, 16 * num_tables)
    for i in range(num_tables):
        t, _checksum, offset, length = struct.unpack_from(">4sIII", directory, 16 * i)
        if t == tag:
            return offset, length
    raise FontFormatError(f"font has no {tag.decode()!r} table")


def _ranges_format12(table: bytes, at: int) -> list[tuple[int, int]]:
    n_groups = struct.unpack_from(">I", table, at + 12)[0]
    ranges = []
    for i in range(n_groups):
        start, end, glyph = struct.unpack_from(">III", table, at + 16 + 12 * i)
        if glyph == 0:  # a group that maps to .notdef draws nothing useful
            start += 1
        if start <= end:
            ranges.append((start, end))
    return ranges


def _ranges_format4(table: bytes, at: int) -> list[tuple[int, int]]:
    seg_x2 = struct.unpack_from(">H", table, at + 6)[0]
    segs = seg_x2 // 2
    ends_at = at + 14
    starts_at = ends_at + seg_x2 + 2
    deltas_at = starts_at + seg_x2
    offsets_at = deltas_at + seg_x2
    ranges = []
    for s in range(segs):
        end = struct.unpack_from(">H", table, ends_at + 2 * s)[0]
        start = struct.unpack_from(">H", table, starts_at + 2 * s)[0]
        delta = struct.unpack_from(">h", table, deltas_at + 2 * s)[0]
        range_offset = struct.unpack_from(">H", table, offsets_at + 2 * s)[0]
        if start == 0xFFFF:
            continue
        for cp in range(start, end + 1):
            if range_offset == 0:
                glyph = (cp + delta) & 0xFFFF
            else:
                pos = offsets_at + 2 * s + range_offset + 2 * (cp - start)
                glyph = struct.unpack_from(">H", table, pos)[0]
                if glyph:
                    glyph = (glyph + delta) & 0xFFFF
            if glyph:
                if ranges and ranges[-1][1] == cp - 1:
                    ranges[-1] = (ranges[-1][0], cp)
                else:
                    ranges.append((cp, cp))
    return ranges


def read_cmap_ranges(path: Path | str) -> tuple[tuple[int, int], ...]:
    """Inclusive code point ranges the font maps to a real glyph, sorted.

    Prefers the full-Unicode subtable (format 12) and falls back to the BMP
    one (format 4).
    """
    with open(path, "rb") as f:
        cmap_offset, cmap_length = _table_offset(f, b"cmap")
        table = _read(f, cmap_offset, cmap_length)
    _version, n_sub = struct.unpack_from(">HH", table, 0)
    found: dict[int, int] = {}
    for i in range(n_sub):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * i)
        fmt = struct.unpack_from(">H", table, offset)[0]
        unicode_sub = platform == 0 or (platform == 3 and encoding in (1, 10))
        if unicode_sub and fmt in (4, 12):
            found.setdefault(fmt, offset)
    if 12 in found:
        ranges = _ranges_format12(table, found[12])
    elif 4 in found:
        ranges = _ranges_format4(table, found[4])
    else:
        raise FontFormatError(f"{path}: no Unicode cmap subtable of format 4 or 12")
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


@lru_cache(maxsize=None)
def _coverage() -> tuple[tuple[int, ...], tuple[int, ...]]:
    ranges = read_cmap_ranges(REGULAR_FONT)
    return tuple(r[0] for r in ranges), tuple(r[1] for r in ranges)


@lru_cache(maxsize=8192)
def can_draw(ch: str) -> bool:
    """True when the bundled font has a glyph for the single character ``ch``."""
    starts, ends = _coverage()
    cp = ord(ch)
    i = bisect_right(starts, cp) - 1
    return i >= 0 and cp <= ends[i]


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` the bundled font cannot draw, in order of first
    appearance, each once; spaces, tabs and line breaks are not counted."""
    missing: list[str] = []
    seen: set[str] = set()
    for ch in text:
        if ch in seen or ch in _IGNORED:
            continue
        seen.add(ch)
        if not can_draw(ch):
            missing.append(ch)
    return missing
