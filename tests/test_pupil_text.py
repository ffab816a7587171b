"""Pupil text that suits the grade, checked as layout data on every bundled page.

Lines never break inside a word (分かち書き text at its spaces, other text
by kinsoku: no closing bracket or small kana starts a line, in the guide
too); readings follow the grade; no Latin letters before grade 3; and the
minimum printed sizes: pupil text 14 pt for grades 1-2 and 11 pt above,
board coordinates 10 pt, furigana 6.5 pt, card labels one size of 11 pt or
more.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path

import pypdf
import pytest

from lessonkit.check import check_file
from lessonkit.render import board as board_doc
from lessonkit.render.cards import card_grid, card_labels, card_layout, kit, role_badges, role_text, INSET
from lessonkit.render.guide import plan_guide
from lessonkit.render.icons import frame_inner_box
from lessonkit.render.options import BuildOptions, furigana_for, latin_ok
from lessonkit.render.page import TextItem
from lessonkit.render.text import NO_LINE_END, NO_LINE_START, LineEnd, is_spaced, layout_text, learned, ruby_size_for
from lessonkit.render.worksheet import plan_slips, plan_worksheet
from lessonkit.render.worlds import drawing_for

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
BUNDLED = sorted(LESSONS.glob("*/*.yaml"))
PHRASE_END = set("、。，．！？」』）】〕")
PHRASE_START = set("「『（【〔")
FURNITURE = ("header", "footer")


@lru_cache(maxsize=None)
def lesson(path: Path):
    return check_file(path).checked


@lru_cache(maxsize=None)
def worksheet(path: Path, paper: str = "a4"):
    return plan_worksheet(lesson(path), BuildOptions(groups=1, paper=paper))


def pupil_size(checked) -> float:
    return 14.0 if min(checked.lesson.grades) <= 2 else 11.0


def board_headings(checked, options):
    """Each board.pdf page's title and task lines, as drawn."""
    furigana = furigana_for(checked.lesson, options)
    out = []
    for sheet in board_doc.plan_board_pages(checked, options):
        title, task = board_doc._heading(sheet.puzzle, checked.puzzles[sheet.puzzle], *sheet.content, furigana, checked.lesson.language)
        s = board_doc._scale(*sheet.content)
        out += [(line, board_doc.TITLE_SIZE * s) for line in title] + [(line, board_doc.TASK_SIZE * s) for line in task]
    return out


def card_lines(checked, options):
    """Every card label's and role badge's lines, with their sizes."""
    out = [(line, label.size) for label in card_labels(checked, options).values() for line in label.lines]
    layout = card_layout(checked, options)  # badges on the set's grid, or packed apart on the paper's own
    grid = layout.grid if layout.roles_with_cards else card_grid(options.paper)
    _, _, iw, _ = frame_inner_box(0, 0, grid.w - 2 * INSET, grid.h - 2 * INSET, "role")
    for badge in role_badges(checked.lesson):
        for size, lines in role_text(badge, iw, furigana_for(checked.lesson, options), checked.lesson.grades):
            out += [(line, size) for line in lines]
    return out


def pupil_lines(path: Path, paper: str = "a4"):
    """(line, size, where) for every line of pupils' text in the kit."""
    checked = lesson(path)
    options = BuildOptions(groups=1, paper=paper)
    out = []
    for n, page in enumerate(worksheet(path, paper) + plan_slips(checked, options), 1):
        for item in page.items:
            if isinstance(item, TextItem) and item.role not in FURNITURE:
                out += [(line, item.size, f"worksheet p{n} {item.role}") for line in item.lines]
    out += [(line, size, "board") for line, size in board_headings(checked, options)]
    out += [(line, size, "cards") for line, size in card_lines(checked, options)]
    return out


def bad_break(line) -> str | None:
    """Why a line's end is a bad break, or None."""
    if line.end is LineEnd.FORCED:
        return "forced break"
    if line.end is not LineEnd.WRAP:
        return None
    if line.next_char in NO_LINE_START:
        return f"{line.next_char!r} starts the next line"
    if line.text and line.text[-1] in NO_LINE_END:
        return f"{line.text[-1]!r} ends the line"
    if line.spaced and not line.dropped and line.text[-1:] not in PHRASE_END and line.next_char not in PHRASE_START:
        return "a word broken in 分かち書き text"
    return None


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_pupils_lines_break_between_words(path):
    lines = pupil_lines(path)
    assert any(line.end is LineEnd.WRAP for line, _, _ in lines)  # the check has something to check
    bad = [(where, line.text + "／" + line.next_char, why) for line, _, where in lines if (why := bad_break(line))]
    assert bad == []


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_the_guides_lines_keep_kinsoku(path):
    bad = []
    for n, page in enumerate(plan_guide(lesson(path), BuildOptions()), 1):
        for item in page.items:
            if isinstance(item, TextItem):
                for line in item.lines:
                    why = bad_break(line)
                    if why and why != "a word broken in 分かち書き text":
                        bad.append((n, line.text + "／" + line.next_char, why))
    assert bad == []


def test_spaced_text_breaks_only_at_spaces():
    text = "ロボットが かべに ぶつからずに ゴールまで いけるか どうか、よそうしよう。"
    assert is_spaced(text)
    for width in range(100, 400, 7):  # from the longest word (よそうしよう。) up
        lines = layout_text(text, 14.0, max_width=width)
        words = [w for line in lines for w in line.text.split(" ")]
        assert all(bad_break(line) is None for line in lines), [line.text for line in lines]
        # No word is cut: the lines' words are the text's, 、 and 。 ending phrases.
        assert " ".join(line.text for line in lines).replace("、 ", "、") .replace(" ", "") == text.replace(" ", "")
        assert all(w for w in words)
    assert not is_spaced("プログラムを順番に並べる。ロボットが動く")
    assert is_spaced("カードを ならべる")  # one space is enough in a short text
    assert [line.text for line in layout_text("カードを ならべる", 14.0, max_width=14 * 7)] == ["カードを", "ならべる"]


def test_a_word_longer_than_the_line_still_breaks_by_kinsoku():
    (first, second) = layout_text("ぶつからずにすすめるかな？ よし", 14.0, max_width=14 * 8)[:2]
    assert first.end is LineEnd.WRAP and second.text[0] not in NO_LINE_START


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
@pytest.mark.parametrize("paper", ["a4", "b4"])
def test_minimum_sizes_on_every_page(path, paper):
    checked = lesson(path)
    least = pupil_size(checked)
    numbers = ("slot-number", "step-number", "handout-number")  # numbers in box corners: as coordinates
    small = [(where, line.text, size) for line, size, where in pupil_lines(path, paper) if where != "cards" and size < (10.0 if where.endswith(numbers) else least) - 1e-6]
    assert small == []
    rubies = [(where, size) for line, size, where in pupil_lines(path, paper) if line.has_ruby and ruby_size_for(size) < 6.5 - 1e-6]
    assert rubies == []
    # Card labels: one size across the set, 11 pt or more; role badges' words at the pupils' size or 11.
    labels = card_labels(checked, BuildOptions(paper=paper))
    assert bool(labels) == bool(kit(checked.lesson, checked.family))  # none only for a family without program cards (a network)
    if labels:
        assert len({label.size for label in labels.values()}) == 1 and min(label.size for label in labels.values()) >= 11.0
    assert min(size for _, size in card_lines(checked, BuildOptions(paper=paper))) >= 11.0
    # Board coordinates, on the worksheets' boards and board.pdf's.
    drawing = drawing_for(checked.family.name)
    options = BuildOptions(paper=paper)
    for sheet in board_doc.plan_board_pages(checked, options):
        box = board_doc._content_box(sheet.puzzle, checked.puzzles[sheet.puzzle], *sheet.content, furigana_for(checked.lesson, options), checked.lesson.language)
        assert drawing.plan_board(checked.puzzles[sheet.puzzle].world, *box).label_size >= 10.0
    for page in worksheet(path, paper):
        for item in page.find("board"):
            assert item.rect.h > 0
    from lessonkit.render.worksheet import _board_plan

    for puzzle in checked.puzzles:
        _, plan = _board_plan(drawing, puzzle, 0.0, 500.0, 400.0, 130.0)
        assert plan.label_size >= 10.0 or plan.cell < 10.0 / 0.92


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_readings_follow_the_grade(path):
    checked = lesson(path)
    grade = min(checked.lesson.grades)
    lines = pupil_lines(path)
    printed = [f for line, _, _ in lines for f in line.fragments if f.ruby]
    assert all(not learned(f.base, grade) for f in printed), [f.base for f in printed if learned(f.base, grade)]


def test_a_learned_kanji_drops_its_reading_unless_the_lesson_asks(tmp_path):
    from render_lessons import checked as checked_from

    text = (LESSONS / "ja" / "g3-repeat.yaml").read_text(encoding="utf-8")
    assert "{使|つか}" in text  # 使 is a grade-3 kanji
    g3 = checked_from(text, tmp_path, "a.yaml")
    assert furigana_for(g3.lesson, BuildOptions()) == 3
    readings = {f.base for page in plan_worksheet(g3, BuildOptions(groups=1)) + plan_slips(g3, BuildOptions(groups=1)) for it in page.items if isinstance(it, TextItem) for line in it.lines for f in line.fragments if f.ruby}
    assert "使" not in readings
    everything = checked_from(text.replace("\nworld:", "\nall_readings: true\nworld:", 1), tmp_path, "b.yaml")
    assert furigana_for(everything.lesson, BuildOptions()) is True
    readings = {f.base for page in plan_worksheet(everything, BuildOptions(groups=1)) + plan_slips(everything, BuildOptions(groups=1)) for it in page.items if isinstance(it, TextItem) for line in it.lines for f in line.fragments if f.ruby}
    assert "使" in readings
    assert furigana_for(everything.lesson, BuildOptions(furigana=False)) is False
    # A kanji beyond the grade keeps its reading: 「迷路」 is not taught in grade 3.
    assert not learned("迷路", 3) and learned("回数", 3)


LATIN = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize("path", [p for p in BUNDLED if not latin_ok(lesson(p).lesson)], ids=lambda p: p.name)
def test_no_latin_letters_before_grade_three(path):
    from lessonkit.build import documents_for

    checked = lesson(path)
    options = BuildOptions(groups=2)
    kit_documents = documents_for(checked)
    # what pupils read: every document but the teacher's two (a family's own, like floor.pdf, too)
    for name in [n for n in kit_documents if n not in ("teacher-guide.pdf", "answer-key.pdf")]:
        data = kit_documents[name](checked, options).data
        text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
        assert sorted(set(LATIN.findall(text))) == [], name
        if name == "worksheet.pdf":
            assert "1はん" in text and "2はん" in text
