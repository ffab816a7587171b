"""Every step number of every answer-key diagram is printed, at 6 pt or more:
in its square when they all fit, else in the list beside the board (issue 6
§4: no 'first…').  Checked on the planned pages as data and on the PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lessonkit.check import check_file
from lessonkit.render.answer_key import plan_answer_key, render_answer_key
from lessonkit.render.guide import step_ranges, wrap_tokens
from lessonkit.render.options import BuildOptions
from lessonkit.render.page import DrawItem, TextItem
from lessonkit.render.worlds import grid as grid_drawing
from lessonkit.worlds.grid import square_name

from conftest import pdf_lines

ROOT = Path(__file__).resolve().parent.parent
GRID_LESSONS = [p for p in sorted(ROOT.glob("lessons/*/*.yaml")) if "\nworld: grid" in p.read_text(encoding="utf-8")]
G4 = ROOT / "lessons" / "ja" / "g4-branching-maze.yaml"

_ROW = re.compile(r"^([A-Zぁ-ん]{1,2}\d+)[：:] ?(.*)$")  # "う5：…", "E5: …"


def _expand(text: str) -> list[int]:
    """'5〜7、9' or '5–7, 9' -> [5, 6, 7, 9]."""
    out: list[int] = []
    for part in re.split(r"[、,]\s*", text.strip().rstrip("、,")):
        if not part:
            continue
        m = re.fullmatch(r"(\d+)[〜–](\d+)", part)
        out += list(range(int(m.group(1)), int(m.group(2)) + 1)) if m else [int(part)]
    return out


def _listed_rows(lines: list[str]) -> list[tuple[str, list[int]]]:
    """The list's rows as printed: a row starts with a square's name and a
    colon; a line without one continues the row above."""
    rows: list[tuple[str, str]] = []
    for line in lines:
        for piece in re.split(r"\u3000|; ", line):  # squares sharing a line
            m = _ROW.match(piece)
            if m:
                rows.append((m.group(1), m.group(2)))
            else:
                rows[-1] = (rows[-1][0], rows[-1][1] + piece)
    return [(name, _expand(text)) for name, text in rows]


def _boards(page):
    for item in page.items:
        if isinstance(item, DrawItem) and item.role == "board" and item.paint.__defaults__:
            plan = item.paint.__defaults__[0]
            if isinstance(plan, grid_drawing.BoardPlan) and plan.marks:
                yield plan


def test_step_ranges_keep_every_number():
    assert step_ranges((1, 2, 3, 5, 7, 8, 9, 10, 12, 13), "ja") == ["1〜3", "5", "7〜10", "12", "13"]
    assert step_ranges((4,), "en") == ["4"]
    assert _expand("、".join(step_ranges((1, 2, 3, 5, 7, 8, 9, 10, 12, 13), "ja"))) == [1, 2, 3, 5, 7, 8, 9, 10, 12, 13]


def test_the_list_breaks_only_after_a_separator():
    from lessonkit.render.fonts import text_width

    tokens = step_ranges(tuple(range(5, 200, 2)) + (201, 202, 203), "ja")
    text = wrap_tokens("え5：", tokens, "、", 8.0, 120.0)
    lines = text.split("\n")
    assert len(lines) > 3 and all(text_width(line, 8.0, False) <= 120.0 for line in lines)
    assert all(line.endswith("、") for line in lines[:-1]) and lines[-1].endswith("201〜203")
    assert _expand(text.split("：", 1)[1].replace("\n", "")) == list(range(5, 200, 2)) + [201, 202, 203]


@pytest.mark.parametrize("paper", ["a4", "b4", "letter"])
@pytest.mark.parametrize("path", GRID_LESSONS, ids=lambda p: p.name)
def test_every_step_number_is_printed_at_6pt_or_more(path, paper):
    """Layout as data: on each answer-key page, the numbers in the squares and
    the list beside the boards together hold every step of every run drawn,
    each once, nothing under 6 pt; a square shows its numbers only when all
    of them fit, and is marked for the list otherwise."""
    checked = check_file(path).checked
    pages = plan_answer_key(checked, BuildOptions(paper=paper))
    boards = 0
    for page in pages:
        expected: list[tuple[str, list[int]]] = []
        for plan in _boards(page):
            boards += 1
            shown: list[int] = []
            for mark in plan.marks:
                assert mark.size >= 6.0
                if mark.listed:
                    assert mark.text in (f"{mark.numbers[0]}{grid_drawing.LISTED}", grid_drawing.LISTED)
                    expected.append((square_name(mark.row, mark.col, plan.kana), list(mark.numbers)))
                else:
                    assert mark.text == ",".join(map(str, mark.numbers))
                shown += mark.numbers
            assert sorted(shown) == list(range(1, max(shown) + 1))  # every step numbered, once
        listed = [item for item in page.items if isinstance(item, TextItem) and item.role == "steps-listed"]
        assert all(item.size >= 6.0 for item in listed)
        heads = [item for item in listed if item.bold]
        body = [item.text for item in listed if not item.bold]
        assert len(heads) == len({id(p) for p in _boards(page) if p.listed_steps()})
        rows = _listed_rows(body)
        assert sorted(rows) == sorted(expected)
    assert boards


def test_the_g4_key_lists_its_endless_runs_through_pypdf():
    """The g4 key's endless loops (200 steps round one corridor) are listed
    square by square in the PDF's text, every step there, no '…'."""
    checked = check_file(G4).checked
    options = BuildOptions()
    lines = [line for page in pdf_lines(render_answer_key(checked, options).data) for line in page]
    assert not any(re.search(r"\d…", line) for line in lines)
    heads = [k for k, line in enumerate(lines) if line == "*のますのステップ番号"]
    printed: list[tuple[str, list[int]]] = []
    for k in heads:  # a list: its heading, then rows (a row may go on over lines)
        block = []
        for line in lines[k + 1 :]:
            if not (_ROW.match(line) or re.fullmatch(r"[\d〜、]+", line)):
                break
            block.append(line)
        printed += _listed_rows(block)
    planned = [(square_name(m.row, m.col, plan.kana), list(m.numbers)) for page in plan_answer_key(checked, options) for plan in _boards(page) for m in plan.marks if m.listed]
    assert sorted(printed) == sorted(planned)
    assert sum(len(numbers) for _, numbers in printed) >= 2 * 190  # two endless runs of 200 steps, nearly all listed


def test_a_list_longer_than_a_page_flows_on_after_its_block(tmp_path):
    """A 29×29 spiral walked by a conditional loop: the cells are too small
    for any step number and the list beside the board would be taller than
    a page.  The block keeps the board and the text; the list follows it
    over the pages, every step still there, nothing off the page."""
    from test_worksheet import big_lesson

    from lessonkit.render.page import check_pages

    source = tmp_path / "big.yaml"
    source.write_text(big_lesson(29), encoding="utf-8")
    checked = check_file(source).checked
    options = BuildOptions()
    pages = plan_answer_key(checked, options)
    check_pages(pages)  # raises LayoutError for anything off the page
    plans = [plan for page in pages for plan in _boards(page)]
    assert len(plans) == 1
    planned = [(square_name(m.row, m.col, plan.kana), list(m.numbers)) for plan in plans for m in plan.marks if m.listed]
    body = [item.text for page in pages for item in page.items if isinstance(item, TextItem) and item.role == "steps-listed" and not item.bold]
    pages_with_list = {k for k, page in enumerate(pages) for item in page.items if isinstance(item, TextItem) and item.role == "steps-listed"}
    assert len(pages_with_list) > 1
    assert sorted(_listed_rows(body)) == sorted(planned)
    assert all(item.size >= 6.0 for page in pages for item in page.items if isinstance(item, TextItem) and item.role == "steps-listed")
