"""PDF plumbing: embedded fonts only, reproducible bytes, metadata, safe writes."""

import io
import os

import pypdf
import pytest

from lessonkit.render import pdf
from lessonkit.render.fonts import BOLD, REGULAR, string_width
from lessonkit.fileio import write_bytes_atomic as write_atomic
from lessonkit.render.pdf import PAPER, make_canvas


def render(title="きょうの{じゅぎょう}", lang="ja", pagesize=PAPER["a4"]):
    buf = io.BytesIO()
    c = make_canvas(buf, pagesize, title=title, subject="テスト", lang=lang)
    c.drawString(72, 720, "ロボットを動かそう <b>&amp; 1<2")
    c.setFont(BOLD, 14)
    c.drawString(72, 700, "まえ みぎ ひだり")
    c.showPage()
    c.save()
    return buf.getvalue()


def fonts_of(data):
    reader = pypdf.PdfReader(io.BytesIO(data))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            yield font.get_object()


def test_paper_sizes_in_points():
    mm = 72 / 25.4
    expected = {"a4": (210, 297), "b4": (257, 364), "a3": (297, 420), "letter": (215.9, 279.4)}
    for name, (w, h) in expected.items():
        assert PAPER[name] == pytest.approx((w * mm, h * mm), abs=0.5)


def test_every_font_is_embedded_and_ours():
    fonts = list(fonts_of(render()))
    assert len(fonts) == 2
    for font in fonts:
        assert "BIZUDGothic" in font["/BaseFont"]
        assert "Helvetica" not in font["/BaseFont"]
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor


def test_page_with_no_text_has_no_font():
    buf = io.BytesIO()
    c = make_canvas(buf, PAPER["a4"], title="t", subject="s", lang="en")
    c.rect(10, 10, 100, 100)
    c.showPage()
    c.save()
    page = pypdf.PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    resources = page.get("/Resources", {})
    fonts = resources.get("/Font", {}) if resources else {}
    for font in fonts.values():
        assert "/FontFile2" in font.get_object()["/FontDescriptor"].get_object()


def test_text_is_drawn_literally():
    text = pypdf.PdfReader(io.BytesIO(render())).pages[0].extract_text()
    assert "<b>&amp; 1<2" in text


def test_same_inputs_same_bytes():
    assert render() == render()


def test_different_title_different_bytes():
    assert render(title="a") != render(title="b")


def test_metadata_read_back():
    reader = pypdf.PdfReader(io.BytesIO(render(title="1<2 & <b>", lang="en")))
    meta = reader.metadata
    assert meta.title == "1<2 & <b>"
    assert meta.subject == "テスト"
    assert meta.author == "lessonkit"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert meta["/CreationDate"].startswith("D:20000101000000")


def test_source_date_epoch_honoured(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1712000000")  # 2024-04-01T19:33:20Z
    data = render()
    meta = pypdf.PdfReader(io.BytesIO(data)).metadata
    assert meta["/CreationDate"].startswith("D:20240401193320")
    assert meta["/ModDate"] == meta["/CreationDate"]
    assert data == render()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert data != render()


@pytest.mark.parametrize("bad", ["yesterday", "1.5", "-3"])
def test_bad_source_date_epoch_is_a_clear_error(monkeypatch, bad):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", bad)
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        render()


def test_string_width():
    assert string_width("あ", 10) == pytest.approx(10)
    assert string_width("AB", 10) == pytest.approx(10)
    assert string_width("", 10) == 0
    assert REGULAR != BOLD


def test_write_atomic_replaces_whole_file(tmp_path):
    target = tmp_path / "kit.pdf"
    target.write_bytes(b"old")
    write_atomic(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert os.listdir(tmp_path) == ["kit.pdf"]


def test_write_atomic_cleans_up_on_error(tmp_path, monkeypatch):
    target = tmp_path / "kit.pdf"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(pdf.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["kit.pdf"]
