"""missing_glyphs agrees with reportlab's own reading of the bundled font."""

import random
import struct
import time

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from lessonkit import glyphs
from lessonkit.glyphs import can_draw, missing_glyphs


@pytest.fixture(scope="module")
def reportlab_cmap():
    return TTFont("LK-Test-Gothic", str(glyphs.REGULAR_FONT)).face.charToGlyph


def test_drawable_everyday_characters():
    assert missing_glyphs("漢あA→①ロボット、。「」ー０９ａｚ") == []


def test_missing_characters_reported_in_order_once():
    # U+20000 (CJK ext-B) and U+1F600 (emoji) are absent from BIZ UDGothic;
    # U+20B9F (𠮟, a JIS X 0213 character) is present.
    text = "\U0001F600あ\U00020000\U0001F600\U00020B9F"
    assert missing_glyphs(text) == ["\U0001F600", "\U00020000"]


def test_whitespace_ignored():
    assert missing_glyphs(" \t\n\r") == []
    assert missing_glyphs("") == []


def test_agrees_with_reportlab_on_a_sample(reportlab_cmap):
    rng = random.Random(20240401)
    sample = set(rng.sample(range(0x20, 0x30000), 20000))
    sample |= set(reportlab_cmap)  # every code point the font claims
    for cp in sample:
        if 0xD800 <= cp <= 0xDFFF:
            continue
        assert can_draw(chr(cp)) == (reportlab_cmap.get(cp, 0) != 0), hex(cp)


def test_format4_and_format12_agree_on_the_bmp():
    with open(glyphs.REGULAR_FONT, "rb") as f:
        offset, length = glyphs._table_offset(f, b"cmap")
        table = glyphs._read(f, offset, length)
    subtables = {}
    for i in range(struct.unpack_from(">H", table, 2)[0]):
        _p, _e, off = struct.unpack_from(">HHI", table, 4 + 8 * i)
        subtables.setdefault(struct.unpack_from(">H", table, off)[0], off)

    def expand(ranges):
        return {cp for a, b in ranges for cp in range(a, b + 1)}

    bmp4 = expand(glyphs._ranges_format4(table, subtables[4]))
    all12 = expand(glyphs._ranges_format12(table, subtables[12]))
    assert bmp4 == {cp for cp in all12 if cp < 0x10000}


def test_fast_after_first_call():
    missing_glyphs("あ")
    text = "{今日|きょう}はロボットを動かす手順を考えます。" * 50
    start = time.perf_counter()
    for _ in range(100):
        missing_glyphs(text)
    assert (time.perf_counter() - start) / 100 < 0.005


def test_glyphs_does_not_import_reportlab():
    import subprocess
    import sys

    code = "import sys, lessonkit.glyphs as g; g.missing_glyphs('あ'); print('reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
