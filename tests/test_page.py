"""Page plans as data: the frame, flowing text, and tables that split cleanly."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lessonkit.render.page import (
    BoxItem,
    Flow,
    LayoutError,
    Para,
    Row,
    TableStyle,
    TextItem,
    add_furniture,
    add_table,
    add_text,
    draw_pages,
    frame_for,
    measure_row,
    new_page,
    split_row,
    stack,
)
from lessonkit.render.pdf import PAPER


def _texts(page, role=None):
    return [it for it in page.items if isinstance(it, TextItem) and (role is None or it.role == role)]


@pytest.mark.parametrize("paper", ["a4", "b4", "a3", "letter"])
def test_frame_body_sits_inside_the_printable_area(paper):
    frame = frame_for(paper)
    w, h = PAPER[paper]
    assert (frame.width, frame.height) == (w, h)
    assert frame.printable.contains(frame.body)
    assert frame.printable.x >= 30 and frame.printable.y >= 30  # clear of a printer's edge


def test_furniture_holds_school_title_document_and_page_number():
    frame = frame_for("a4")
    page = new_page(frame)
    add_furniture(page, frame, school="さくら小学校", title="{迷路|めいろ}のロボット", document="学習指導案", number="2 / 5")
    header = [t.text for t in _texts(page, "header")]
    assert header == ["さくら小学校", "迷路のロボット", "学習指導案"]  # bases only in the running head
    assert [t.text for t in _texts(page, "footer")] == ["2 / 5", "lessonkit"]
    assert page.overflowing() == []
    for item in page.items:
        assert not frame.body.overlaps(item.rect) or item.rect.h == 0


def test_a_long_header_title_is_shortened_not_wrapped():
    frame = frame_for("a4")
    page = new_page(frame)
    add_furniture(page, frame, school="", title="とても" * 80, document="ワークシート", number="1 / 1")
    title = _texts(page, "header")[0]
    assert len(title.lines) == 1 and title.text.endswith("…")
    assert page.overflowing() == []


def test_flowing_text_breaks_pages_and_stays_in_the_body():
    frame = frame_for("a4")
    flow = Flow(frame)
    for k in range(120):
        add_text(flow, f"{k}: ロボットを ゴールまで うごかす てじゅんを かんがえる。" * 2, 10, bullet="・")
    assert len(flow.pages) > 1
    for page in flow.pages:
        assert page.overflowing() == []
        for item in page.items:
            assert frame.body.contains(item.rect)


def test_text_is_data_not_markup():
    frame = frame_for("a4")
    flow = Flow(frame)
    add_text(flow, "<b>bold?</b> & 1<2", 10)
    assert [t.text for t in _texts(flow.page)] == ["<b>bold?</b> & 1<2"]


def test_stack_measures_what_it_places():
    items, h = stack([Para("一行目", size=12), Para("{漢字|かんじ}の 行", size=12, bullet="・")], 50, 500, 200)
    bottom = min(it.rect.y for it in items)
    assert 500 - bottom == pytest.approx(h)


def _table(flow, rows=40, header=True, **style):
    widths = (200.0, 40.0, 140.0, flow.width - 380.0)
    head = Row(("学習活動", "時間", "指導上の留意点", "評価")) if header else None
    body = []
    for k in range(rows):
        if k % 10 == 0:
            body.append(Row((Para(f"段階 {k // 10}", bold=True),), band=True, keep_with_next=True))
        body.append(Row(([Para(f"活動 {k}"), Para("反応", bullet="・")], "5分", "留意点" * (k % 7 + 1), "")))
    return add_table(flow, widths, head, body, TableStyle(**style))


def test_table_splits_between_rows_and_repeats_its_header():
    frame = frame_for("a4")
    flow = Flow(frame)
    add_text(flow, "前置き", 10)
    placed = _table(flow)
    pages = flow.pages
    assert len(pages) > 1
    for page in pages:
        rects = [r for p, r in placed if p is page]
        # The header row comes first on every page.
        header = _texts(page, "table-header")
        assert header and max(t.y_top for t in header) == pytest.approx(max(r.top for r in rects) - TableStyle().padding)
        for i, a in enumerate(rects):
            assert frame.body.contains(a)
            for b in rects[i + 1:]:
                assert not a.overlaps(b)
        assert page.overflowing() == []
        # A band never ends a page: its first row follows it.
        bands = [t for t in _texts(page, "band")]
        lowest = min(r.y for r in rects)
        for band in bands:
            assert band.rect.y > lowest + 1


def test_a_row_taller_than_a_page_splits_between_lines():
    frame = frame_for("a4")
    flow = Flow(frame)
    huge = "長い説明の文です。" * 600
    placed = add_table(flow, (200.0, flow.width - 200.0), Row(("a", "b")), [Row((huge, "短い"))], TableStyle())
    assert len(flow.pages) >= 3
    for page in flow.pages:
        assert page.overflowing() == []
    text = "".join(t.text for p in flow.pages for t in _texts(p, "cell"))
    assert text.replace("短い", "") == huge
    assert all(frame.body.contains(r) for _, r in placed)


def test_split_row_keeps_every_line_once():
    style = TableStyle()
    row = measure_row(Row(("一 二 三 四 五 六 七 八 九 十 " * 30, "x")), (80.0, 80.0), style)
    head, tail = split_row(row, row.height / 2)
    assert tail is not None
    assert head.height <= row.height / 2 + 0.01
    assert len(head.cells[0]) + len(tail.cells[0]) == len(row.cells[0])


def test_rows_must_have_a_cell_per_column():
    with pytest.raises(ValueError, match="row has 1 cells; expected 2"):
        measure_row(Row(("only",)), (50.0, 50.0), TableStyle())


def test_draw_pages_is_reproducible_and_uses_only_embedded_fonts():
    def build():
        frame = frame_for("b4")
        flow = Flow(frame)
        add_text(flow, "{迷路|めいろ}のロボット <b>&", 12)
        _table(flow, rows=8)
        return draw_pages(flow.pages, "b4", title="t", subject="s", lang="ja")

    a, b = build(), build()
    assert a == b
    reader = PdfReader(io.BytesIO(a.data))
    assert a.pages == len(reader.pages)
    assert [float(x) for x in reader.pages[0].mediabox[2:]] == pytest.approx(list(PAPER["b4"]))
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_every_printed_string_has_both_languages():
    from lessonkit.render.words import LANGS, WORDS, word

    for key, table in WORDS.items():
        assert set(table) == set(LANGS), key
        assert all(text.strip() for text in table.values()), key
    assert word("phase_band", "ja", phase="導入", n=10) == "導入（10分）"
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        word("guide", "fr")


def test_a_plan_reaching_off_the_page_is_refused_not_drawn():
    frame = frame_for("a4")
    pages = [new_page(frame), new_page(frame)]
    p = frame.printable
    pages[1].add(BoxItem(p.x, p.y - 20 * 72 / 25.4, 20, 30, role="step"))
    pages[1].add(TextItem(p.x, p.y + 5, tuple(), 10, role="footer"))
    with pytest.raises(LayoutError) as info:
        draw_pages(pages, "a4", title="t", subject="s", lang="ja")
    assert str(info.value) == "page 2 overflows the printable area: step box reaches 20 mm below the bottom edge"
