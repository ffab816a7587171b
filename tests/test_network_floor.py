"""floor.pdf: a sorting network laid out on the floor (``floor: true``),
checked as data (every circle on one sheet, at the place the plan gives;
marks where the tape joins) and through pypdf."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import pypdf
import pytest

from lessonkit.build import DOCUMENTS, documents_for
from lessonkit.check import check_file
from lessonkit.render.guide import preparation
from lessonkit.render.options import BuildOptions
from lessonkit.render.pdf import PAPER
from lessonkit.render.worlds import network_floor as nf

from conftest import pdf_lines

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
G3 = LESSONS / "ja" / "g3-sorting-network.yaml"
G5 = LESSONS / "ja" / "g5-sorting-network-design.yaml"
CM = 72 / 2.54


@lru_cache(maxsize=None)
def checked(path: Path):
    result = check_file(path)
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.checked


def test_only_a_lesson_that_walks_the_floor_gets_floor_pdf():
    assert nf.floor_puzzles(checked(G3)) == [1]  # the six-lane network, walked by pairs of groups
    assert list(documents_for(checked(G3))) == list(DOCUMENTS) + ["floor.pdf"]
    assert nf.floor_puzzles(checked(G5)) == []
    assert documents_for(checked(G5)) == DOCUMENTS


@pytest.mark.parametrize("paper", ["a4", "b4", "a3"])
def test_every_circle_has_one_sheet_at_the_place_the_network_puts_it(paper):
    c = checked(G3)
    layout = nf.floor_layout(c, 1, paper)
    network = c.puzzles[1].analysis.network
    n = network.lanes
    # inputs and outputs on every lane, each comparator's two circles on its two lanes
    assert sorted((s.kind, s.lane) for s in layout.spots if s.kind != "comparator") == sorted([("in", i) for i in range(n)] + [("out", i) for i in range(n)])
    ends = {}
    for s in layout.spots:
        if s.kind == "comparator":
            ends.setdefault(s.number, []).append(s)
    assert sorted(ends) == list(range(1, network.size + 1))  # every comparator appears
    for number, comp in enumerate(network.comparators, 1):
        a, b = ends[number]
        assert {a.lane, b.lane} == set(comp.lanes) and a.y_cm == b.y_cm  # one row, its two lanes
        assert {s.lane for s in (a, b) if s.small} == {comp.small}  # the smaller value's lane, as the check walks it
        assert {a.other, b.other} == set(comp.lanes)
    # walking order down the floor: a comparator is below every earlier one that shares a lane
    for i, x in enumerate(network.comparators):
        for j, y in enumerate(network.comparators[i + 1:], i + 1):
            if set(x.lanes) & set(y.lanes):
                assert ends[i + 1][0].y_cm < ends[j + 1][0].y_cm
    # the measures: lanes LANE_CM apart, rows ROW_CM apart, outputs last
    assert {s.x_cm for s in layout.spots} == {i * nf.LANE_CM for i in range(n)}
    assert all(s.y_cm == s.row * nf.ROW_CM for s in layout.spots)
    assert all(s.row == layout.rows - 1 for s in layout.spots if s.kind == "out")
    # one sheet per circle, its window the paper at full size centred on the circle
    pw, ph = PAPER[paper][0] / CM, PAPER[paper][1] / CM
    assert [sh.spot for sh in layout.sheets] == list(layout.spots)
    assert [sh.number for sh in layout.sheets] == list(range(1, len(layout.spots) + 1))
    for sh in layout.sheets:
        x, y, w, h = sh.window
        assert (w, h) == pytest.approx((pw, ph))
        assert (x + w / 2, y + h / 2) == pytest.approx((sh.spot.x_cm, sh.spot.y_cm))
        assert layout.circle_cm <= min(pw, ph) - 5  # the circle fits its sheet, words round it
    # sheets never overlap: the tape between them is plain floor
    for i, a in enumerate(layout.sheets):
        for b in layout.sheets[i + 1:]:
            ax, ay, aw, ah = a.window
            bx, by, bw, bh = b.window
            assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay
    # bigger paper, bigger circles (whole cm)
    assert layout.circle_cm == {"a4": 15, "b4": 20, "a3": 24}[paper]


def test_each_sheet_marks_where_the_tape_joins_and_fits_the_page():
    c = checked(G3)
    layout = nf.floor_layout(c, 1, "a4")
    pages = nf.plan_floor(c, BuildOptions(groups=8))
    plan_pages = len(pages) - len(layout.sheets)
    assert plan_pages >= 1
    for page, sheet in zip(pages[plan_pages:], layout.sheets):
        assert not page.overflowing()
        marks = page.find("align-mark")
        lanes = page.find("tape-lane")
        bars = page.find("tape-bar")
        circles = page.find("floor-circle")
        assert len(circles) == 1
        kind = sheet.spot.kind
        assert len(lanes) == (1 if kind in ("in", "out") else 2)  # inputs: out only; outputs: in only
        assert len(bars) == (1 if kind == "comparator" else 0)
        assert len(marks) == len(lanes) + len(bars)  # every tape line's end is marked
        cx = circles[0].rect.x + circles[0].rect.w / 2
        for bar in bars:  # the bar runs towards the partner's lane
            assert (bar.x2 > cx) == (sheet.spot.other > sheet.spot.lane)
        assert circles[0].rect.w == pytest.approx(layout.circle_cm * CM)
    for page in pages[:plan_pages]:
        assert not page.overflowing()


def test_floor_pdf_text_names_every_circle_and_its_place():
    c = checked(G3)
    data = nf.render_floor(c, BuildOptions(groups=8)).data
    reader = pypdf.PdfReader(io.BytesIO(data))
    layout = nf.floor_layout(c, 1, "a4")
    lines = pdf_lines(data)
    plan_pages = len(lines) - len(layout.sheets)
    assert len(reader.pages) == plan_pages + len(layout.sheets)
    plan = "\n".join("\n".join(p) for p in lines[:plan_pages])
    assert "レーン（線）の間 60 cm、丸の列の間 80 cm、丸の直径 15 cm（A4に1つ）" in plan
    assert f"丸のシート {len(layout.sheets)}枚" in plan
    for sheet in layout.sheets:
        s = sheet.spot
        assert f"{sheet.number}{nf._spot_name(s, 'ja')}{s.lane + 1}本目{nf._num(s.x_cm)} cm{nf._num(s.y_cm)} cm" in plan  # a table row, cells joined
    for page, sheet in zip(lines[plan_pages:], layout.sheets):
        text = "\n".join(page)
        s = sheet.spot
        assert f"シート {sheet.number}/{len(layout.sheets)}" in text
        assert f"パズル2・{s.lane + 1}本目・左から {nf._num(s.x_cm)} cm・スタートから {nf._num(s.y_cm)} cm" in text
        if s.kind == "comparator":
            assert f"くらべる丸 {s.number}" in text and f"{s.other + 1}本目の 丸の 人と くらべる" in text
            assert ("小さい 数の 人が" if s.small else "大きい 数の 人が") in text
        else:
            assert ("入口 " if s.kind == "in" else "出口 ") + str(s.number) in text


def test_the_guide_lists_floor_pdf_with_its_counts():
    c = checked(G3)
    layout = nf.floor_layout(c, 1, "a4")
    lines = preparation(c, BuildOptions())
    floor = [line for line in lines if "floor.pdf" in line]
    plan_pages = len(nf.plan_floor(c, BuildOptions())) - len(layout.sheets)
    assert floor == [f"ゆか用（floor.pdf、1部）：パズル2の配置図{plan_pages}ページと、丸のシート{len(layout.sheets)}枚（入口・くらべる丸・出口。レーンの間 60 cm、全体 {nf._metres(layout.width_cm)} m × {nf._metres(layout.length_cm)} m）。ビニールテープ（またはチョーク）で線を結ぶ"]
    assert not any("floor.pdf" in line for line in preparation(checked(G5), BuildOptions()))


def test_floor_must_be_true_or_false(tmp_path):
    from test_network import LESSON

    path = tmp_path / "net.yaml"
    path.write_text(LESSON.replace("    lanes: 4\n", "    lanes: 4\n    floor: yes please\n"), encoding="utf-8")
    result = check_file(path)
    assert not result.ok
    assert any("'floor' is 'yes please'; expected true (the class walks this network on the floor) or false" in str(d) for d in result.diagnostics)
