"""Icons and card frames draw as paths: no text, never blank, every id known."""

import io
import subprocess
import shutil

import pypdf
import pytest
from pypdf.generic import ContentStream

from lessonkit.render.icons import (
    CATEGORIES,
    ICONS,
    draw_card_frame,
    draw_icon,
    draw_start,
    frame_inner_box,
)
from lessonkit.render.pdf import PAPER, make_canvas

REQUIRED = {
    "forward", "back", "turn_left", "turn_right", "pick_up",
    "repeat", "repeat_until", "if", "else", "end", "define", "call",
    "path_ahead", "path_left", "path_right", "at_goal", "on_item",
    "start", "goal", "wall", "item",
}
PAINT = {b"f", b"f*", b"F", b"S", b"s", b"B", b"B*", b"b", b"b*"}


def _one_page(draw):
    buf = io.BytesIO()
    c = make_canvas(buf, PAPER["a4"], title="icons", subject="test", lang="ja")
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _page(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    (page,) = reader.pages
    return reader, page


def _operators(reader, page):
    content = ContentStream(page.get_contents(), reader)
    return [op for _operands, op in content.operations]


def test_registry_has_every_icon():
    assert REQUIRED <= set(ICONS)


@pytest.mark.parametrize("icon_id", sorted(ICONS))
@pytest.mark.parametrize("color", [False, True])
def test_icon_draws_paths_and_no_text(icon_id, color):
    data = _one_page(lambda c: draw_icon(c, icon_id, 100, 400, 120, color=color))
    reader, page = _page(data)
    assert page.extract_text().strip() == ""
    ops = _operators(reader, page)
    assert b"BT" not in ops and b"Tj" not in ops
    assert PAINT & set(ops), f"{icon_id} painted nothing"
    resources = page.get("/Resources") or {}
    fonts = resources.get("/Font")
    assert not (fonts.get_object() if fonts is not None else {}), "an icon page needs no font"


@pytest.mark.parametrize("icon_id", sorted(ICONS))
def test_icon_restores_graphics_state(icon_id):
    data = _one_page(lambda c: draw_icon(c, icon_id, 0, 0, 50))
    reader, page = _page(data)
    ops = _operators(reader, page)
    assert ops.count(b"q") == ops.count(b"Q")


def test_unknown_icon_is_an_error():
    with pytest.raises(ValueError, match="unknown icon 'jump'"):
        draw_icon(None, "jump", 0, 0, 10)


@pytest.mark.parametrize("facing", ["up", "down", "left", "right", 45])
def test_start_faces_any_way(facing):
    data = _one_page(lambda c: draw_start(c, 0, 0, 50, facing=facing))
    reader, page = _page(data)
    assert PAINT & set(_operators(reader, page))


def test_bad_facing_is_an_error():
    with pytest.raises(ValueError, match="facing"):
        _one_page(lambda c: draw_start(c, 0, 0, 50, facing="north"))


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("color", [False, True])
def test_card_frames_draw_without_text(category, color):
    data = _one_page(lambda c: draw_card_frame(c, 50, 50, 160, 230, category, color=color))
    reader, page = _page(data)
    assert page.extract_text().strip() == ""
    assert PAINT & set(_operators(reader, page))


def test_card_frames_differ_in_monochrome():
    streams = set()
    for category in CATEGORIES:
        data = _one_page(lambda c: draw_card_frame(c, 50, 50, 160, 230, category))
        reader, page = _page(data)
        streams.add(page.get_contents().get_data())
    assert len(streams) == len(CATEGORIES)


def test_monochrome_frames_and_icons_use_no_colour():
    def draw(c):
        for k, icon_id in enumerate(sorted(ICONS)):
            draw_icon(c, icon_id, 30 + (k % 5) * 100, 30 + (k // 5) * 100, 80)
        for k, category in enumerate(CATEGORIES):
            draw_card_frame(c, 30 + k * 100, 650, 90, 130, category)

    reader, page = _page(_one_page(draw))
    content = ContentStream(page.get_contents(), reader)
    for operands, op in content.operations:
        if op in (b"rg", b"RG"):
            r, g, b = (float(v) for v in operands)
            assert r == g == b, f"colour {operands} in a monochrome drawing"


def test_unknown_category_is_an_error():
    with pytest.raises(ValueError, match="unknown card category 'magic'"):
        draw_card_frame(None, 0, 0, 10, 10, "magic")


@pytest.mark.parametrize("category", CATEGORIES)
def test_inner_box_is_inside_the_card(category):
    x, y, w, h = frame_inner_box(10, 20, 160, 230, category)
    assert 10 < x and 20 < y and x + w < 170 and y + h < 250


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_icons_are_not_blank_when_rasterised(tmp_path):
    # Each icon in its own square; every square must hold a fair amount of ink.
    size, cols = 100, 5
    ids = sorted(ICONS)

    def draw(c):
        for k, icon_id in enumerate(ids):
            draw_icon(c, icon_id, (k % cols) * size, 842 - (k // cols + 1) * size, size)

    pdf = tmp_path / "icons.pdf"
    pdf.write_bytes(_one_page(draw))
    subprocess.run(["pdftoppm", "-r", "36", "-gray", str(pdf), str(tmp_path / "p")], check=True)
    (pgm,) = tmp_path.glob("p*.pgm")
    raw = pgm.read_bytes()
    # Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
    parts = raw.split(b"\n", 3)
    width, _height = (int(v) for v in parts[1].split())
    pixels = parts[3]
    cell = size * 36 // 72
    for k, icon_id in enumerate(ids):
        x0, y0 = (k % cols) * cell, (k // cols) * cell
        dark = sum(
            1
            for yy in range(y0, y0 + cell)
            for xx in range(x0, x0 + cell)
            if pixels[yy * width + xx] < 128
        )
        assert dark > cell * cell * 0.08, f"{icon_id} is nearly blank ({dark} dark pixels)"
