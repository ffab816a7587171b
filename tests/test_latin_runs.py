"""Every Latin letter or digit an English kit prints is set in Liberation Sans
(issue 6 §5): read back run by run from the PDFs' content streams (Form
XObjects included), not from the code that drew them.  A Japanese kit sets its
text in BIZ UDGothic and never uses Liberation Sans (test_english_fonts)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from lessonkit.build import DOCUMENTS
from lessonkit.check import check_file
from lessonkit.render.options import BuildOptions

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
ENGLISH = sorted((LESSONS / "en").glob("*.yaml"))
LATIN = re.compile(r"[A-Za-z0-9]")


def _to_unicode(font) -> dict[int, str]:
    """A simple font's code -> text, from its /ToUnicode CMap (bfchar and bfrange)."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    table: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int(uni, 16)
            for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                table[code] = chr(first + k)
    return table


def text_runs(data: bytes) -> list[tuple[int, str, str]]:
    """(page number, font base name, decoded string) for every text-showing
    operator (Tj, TJ, ', ") on every page, following Form XObjects."""
    reader = PdfReader(io.BytesIO(data))
    runs: list[tuple[int, str, str]] = []
    tables: dict[int, dict[int, str]] = {}

    def walk(number: int, contents, resources) -> None:
        fonts = resources.get("/Font", {}) if resources else {}
        xobjects = resources.get("/XObject", {}) if resources else {}
        font = None
        for operands, op in ContentStream(contents, reader).operations:
            if op == b"Tf":
                font = fonts[operands[0]].get_object()
            elif op in (b"Tj", b"'", b'"', b"TJ"):
                pieces = operands[0] if op == b"TJ" else [operands[-1]]
                raw = b"".join(p.original_bytes for p in pieces if hasattr(p, "original_bytes"))
                table = tables.setdefault(id(font), _to_unicode(font))
                text = "".join(table.get(b, "\ufffd") for b in raw)
                runs.append((number, str(font["/BaseFont"]).split("+")[-1], text))
            elif op == b"Do":
                xobject = xobjects[operands[0]].get_object()
                if xobject.get("/Subtype") == "/Form":
                    walk(number, xobject, xobject.get("/Resources", resources))

    for number, page in enumerate(reader.pages, 1):
        walk(number, page.get_contents(), page["/Resources"])
    return runs


def zlib_free(data: bytes) -> bytes:
    """The first page's content stream, uncompressed."""
    return PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()


def fixed_width_latin(data: bytes) -> list[str]:
    return [
        f"p{number}: {text!r} in {font}"
        for number, font, text in text_runs(data)
        if LATIN.search(text) and not font.startswith("LiberationSans")
    ]


@pytest.fixture(scope="module")
def kits():
    return {path.stem: check_file(path).checked for path in ENGLISH}


def test_the_reader_sees_the_runs_it_checks(kits):
    """The reader decodes what was drawn: an English board's title, a Japanese
    board's letters in BIZ UDGothic (so the check below can fail)."""
    english = text_runs(DOCUMENTS["board.pdf"](kits["robot-gardener-loops"], BuildOptions()).data)
    assert any(font == "LiberationSans-Bold" and "hallway" in text for _, font, text in english), english[:5]
    japanese = check_file(LESSONS / "ja" / "g3-repeat.yaml").checked
    found = fixed_width_latin(DOCUMENTS["board.pdf"](japanese, BuildOptions()).data)
    assert any("'A' in BIZUDGothic-Bold" in f for f in found), found[:5]


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
@pytest.mark.parametrize("lesson", [p.stem for p in ENGLISH])
def test_english_latin_text_is_proportional(kits, lesson, document):
    found = fixed_width_latin(DOCUMENTS[document](kits[lesson], BuildOptions()).data)
    assert not found, f"{lesson}/{document}: {len(found)} Latin runs in the fixed-width face, e.g. " + "; ".join(found[:6])


def test_draw_string_outside_english_is_reportlab_itself():
    """A Japanese kit's bytes do not change: draw_string is drawString /
    drawCentredString / drawRightString when latin_text() is off."""
    from lessonkit.render.fonts import draw_string, font_name

    def stream(draw) -> bytes:
        from reportlab.pdfgen.canvas import Canvas

        c = Canvas(io.BytesIO(), invariant=1)
        c.setFont(font_name(True), 12)
        draw(c)
        return c.getpdfdata()

    for anchor, method in (("left", "drawString"), ("centre", "drawCentredString"), ("right", "drawRightString")):
        ours = stream(lambda c: draw_string(c, 100, 200, "A1 あ", anchor=anchor))
        theirs = stream(lambda c: getattr(c, method)(100, 200, "A1 あ"))
        assert ours == theirs, anchor


def test_draw_string_centres_on_the_latin_width():
    """In an English kit a centred string is centred on what it measures in
    the faces it is set in, and the canvas keeps its face after."""
    from reportlab.pdfgen.canvas import Canvas

    from lessonkit.render.fonts import BOLD, draw_string, font_name, latin_text, string_width, text_width

    c = Canvas(io.BytesIO(), invariant=1)
    c.setFont(font_name(True), 20)
    with latin_text():
        width = text_width("Wall", 20, True)
        draw_string(c, 300, 100, "Wall", anchor="centre")
    assert c._fontname == BOLD and c._fontsize == 20
    c.showPage()
    data = c.getpdfdata()
    assert text_runs(data) == [(1, "LiberationSans-Bold", "Wall")]
    assert abs(width - string_width("Wall", 20, True)) > 1  # the faces differ here, so centring on the wrong one shows
    x = float(re.search(rb"BT 1 0 0 1 ([\d.]+) ", zlib_free(data)).group(1))
    assert abs(x - (300 - width / 2)) < 0.01, x


def test_card_label_layout_is_cached_per_face():
    """A card label laid out for a Japanese kit is not reused for an English
    one in the same process (a build of both lessons in one run)."""
    from lessonkit.render.cards import _fit
    from lessonkit.render.fonts import latin_text
    from lessonkit.render.text import block_width

    japanese = block_width(_fit("Turn right", 300.0, 20.0, 1, False)[1])
    with latin_text():
        english = block_width(_fit("Turn right", 300.0, 20.0, 1, False)[1])
    assert english < japanese - 5, (english, japanese)
