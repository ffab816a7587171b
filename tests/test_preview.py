"""lessonkit preview: PNG pictures of the very PDFs build writes.

The pictures are checked against poppler's own rasterisation of the same page
(an independent renderer), the PNG against its specification, and the bytes
against a second run.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from lessonkit import preview as pv
from lessonkit.build import DOCUMENTS
from lessonkit.check import check_file
from lessonkit.render.options import BuildOptions
from tests.conftest import LESSON, edit, pdf_lines

TWO_PUZZLES = LESSON + """\
  - id: second
    title: Round the corner
    board: |
      S.#
      #.#
      #.G
    facing: east
    solution: forward turn_right forward forward turn_left forward
"""


def read_png(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, channels, pixels) of an 8-bit grey or RGB PNG, every
    chunk's CRC checked; only filter type 0 is expected (what we write)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, header, tags = 8, b"", None, []
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        tag, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(tag + body) & 0xFFFFFFFF, tag
        tags.append(tag)
        if tag == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif tag == b"IDAT":
            idat += body
        at += 12 + length
    assert tags[0] == b"IHDR" and tags[-1] == b"IEND" and b"tIME" not in tags
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (0, 2) and interlace == 0
    channels = 1 if colour == 0 else 3
    raw = zlib.decompress(idat)
    row = width * channels + 1
    assert len(raw) == row * height
    assert all(raw[y * row] == 0 for y in range(height))
    return width, height, channels, b"".join(raw[y * row + 1 : (y + 1) * row] for y in range(height))


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    magic, width, height, maxval, rest = data.split(maxsplit=4)
    assert magic == b"P5" and maxval == b"255"
    return int(width), int(height), rest[: int(width) * int(height)]


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """The small lesson's checked form and its rendered documents."""
    path = tmp_path_factory.mktemp("preview") / "lesson.yaml"
    path.write_text(TWO_PUZZLES, encoding="utf-8")
    checked = check_file(path).checked
    assert checked is not None
    options = BuildOptions()
    return path, checked, {name: render(checked, options).data for name, render in DOCUMENTS.items()}


def test_png_is_well_formed_and_deterministic(kit):
    _, _, docs = kit
    board = docs[pv.board_document()]
    first = pv.rasterise(board, [0], dpi=50)[0]
    again = pv.rasterise(board, [0], dpi=50)[0]
    png = first.png(50)
    assert png == again.png(50)
    width, height, channels, pixels = read_png(png)
    assert (width, height, channels) == (first.width, first.height, first.channels)
    assert pixels == first.pixels
    assert channels == 1  # a black-and-white kit is written as grey


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_pictures_agree_with_poppler(kit, tmp_path):
    """pdfium's picture of each document's first page matches poppler's:
    same size in pixels, and nearly the same pixels (anti-aliasing differs)."""
    _, _, docs = kit
    for name, data in docs.items():
        pdf = tmp_path / name
        pdf.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "40", "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "ref")], check=True)
        ref = next(tmp_path.glob("ref*.pgm"))
        w, h, theirs = read_pgm(ref)
        ref.unlink()
        ours = pv.rasterise(data, [0], dpi=40)[0]
        assert ours.channels == 1
        assert abs(ours.width - w) <= 1 and abs(ours.height - h) <= 1, name
        if (ours.width, ours.height) == (w, h):
            mean = sum(abs(a - b) for a, b in zip(ours.pixels, theirs)) / len(theirs)
            assert mean < 12, f"{name}: mean difference {mean:.1f} of 255"
        dark = sum(1 for v in ours.pixels if v < 128)
        assert dark > len(ours.pixels) * 0.002, f"{name}: the page is blank"


def test_colour_kits_stay_in_colour(kit):
    _, checked, _ = kit
    options = BuildOptions(color=True)
    channels = {pv.rasterise(render(checked, options).data, [0], dpi=30)[0].channels for render in DOCUMENTS.values()}
    assert 3 in channels


def test_contact_sheet_puts_each_document_on_its_own_rows():
    grey = lambda w, h, v: pv.Raster(w, h, 1, bytes([v]) * (w * h))  # noqa: E731
    docs = [[grey(10, 14, 255)] * 3, [grey(14, 10, 0)]]
    sheet = pv.contact_sheet(docs, columns=2, gap=4)
    # rows: [10,10] [10] [14]; a row is as wide as its frames and gaps
    assert sheet.width == 4 + 2 * (10 + 2 + 4)
    assert sheet.height == 4 + (14 + 2 + 4) * 2 + (10 + 2 + 4)
    px = lambda x, y: sheet.pixels[y * sheet.width + x]  # noqa: E731
    assert px(0, 0) == pv.SHEET_BACKGROUND
    assert px(4, 4) == pv.SHEET_BORDER and px(5, 5) == 255
    top_last = 4 + 2 * (14 + 2 + 4)
    assert px(5, top_last + 1) == 0  # the last document starts its own row


def test_cli_writes_every_page_and_same_bytes_twice(cli, kit, tmp_path):
    path, _, docs = kit
    result = cli("preview", path, "-o", tmp_path / "a", "--dpi", "20")
    assert result.exit_code == 0, result.output
    expected = {pv.file_name(name, i + 1, pv.page_count(data)) for name, data in docs.items() for i in range(pv.page_count(data))}
    assert {p.name for p in (tmp_path / "a").iterdir()} == expected
    cli("preview", path, "-o", tmp_path / "b", "--dpi", "20")
    for name in expected:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_cli_first_pages_and_contact_sheet(cli, kit, tmp_path):
    path, _, docs = kit
    result = cli("preview", path, "-o", tmp_path, "--first", "--contact-sheet", "--dpi", "20")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["contact-sheet.png"] + [pv.file_name(n, 1, pv.page_count(d)) for n, d in docs.items()])
    width, height, _, _ = read_png((tmp_path / "contact-sheet.png").read_bytes())
    assert height == pv.SHEET_GAP + len(docs) * (pv.THUMB_HEIGHT + 2 + pv.SHEET_GAP)
    assert "contact-sheet.png: " in result.output


def test_cli_puzzle_board_pages_follow_tiling(cli, kit, tmp_path):
    """--puzzle shows that puzzle's sheets of the board document, tiled or not;
    each picture is the page that prints that puzzle's title."""
    path, _, _ = kit
    board = pv.board_document()
    for extra, out in (([], tmp_path / "plain"), (["--board-size", "a2"], tmp_path / "tiled")):
        result = cli("preview", path, "-o", out, "--puzzle", "second", "--dpi", "10", *extra)
        assert result.exit_code == 0, result.output
        path_ = out
        written = sorted(p.name for p in path_.iterdir())
        checked = check_file(path).checked
        options = BuildOptions(board_size="a2" if extra else None)
        data = DOCUMENTS[board](checked, options).data
        pages = pdf_lines(data)
        showing = [i for i, lines in enumerate(pages) if any("Round the corner" in line for line in lines)]
        assert showing, "the puzzle's title is on its board page"
        expected = [pv.file_name(board, i + 1, len(pages)) for i in pv.board_pages(checked, options)[1]]
        assert written == expected
        assert set(showing) <= set(pv.board_pages(checked, options)[1])
    assert len(list((tmp_path / "tiled").iterdir())) > 1


def test_cli_errors_name_the_option(cli, kit, tmp_path):
    path, _, _ = kit
    result = cli("preview", path, "-o", tmp_path, "--document", "boards")
    assert result.exit_code == 2
    assert "no document 'boards' in a kit; expected one of" in result.output and "did you mean 'board'?" in result.output
    result = cli("preview", path, "-o", tmp_path, "--no-pages")
    assert result.exit_code == 2 and "--no-pages writes nothing without --contact-sheet" in result.output
    result = cli("preview", path, "-o", tmp_path, "--puzzle", "third")
    assert result.exit_code == 2 and "no puzzle 'third' in this lesson" in result.output
    assert not list(tmp_path.iterdir())


def test_cli_bad_lesson_is_reported_not_drawn(cli, write_lesson, tmp_path):
    bad = write_lesson(edit("grade: 3", "grade: 9"))
    result = cli("preview", bad, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "the lesson has errors" in result.output
    assert not (tmp_path / "out").exists()
