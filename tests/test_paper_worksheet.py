"""The graph-paper worksheet as data: the sheet the group draws on is the
target's size, the program area holds every worked answer as laid (nested
where it repeats), and the card counts are asked where repeat shortens it."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import pytest

from lessonkit.check import check_file
from lessonkit.render.options import BuildOptions
from lessonkit.render.page import frame_for
from lessonkit.render.programs import program_rows
from lessonkit.render.worksheet import paper_scale, sizes_for
from lessonkit.render.worlds import paper as drawing

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
PAPER = [LESSONS / "ja" / "g3-dot-picture.yaml", LESSONS / "en" / "graph-paper-programming.yaml"]


@lru_cache(maxsize=None)
def checked(path: Path):
    result = check_file(path)
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.checked


def _laid(program) -> int:
    from lessonkit.worlds.base import end_cards

    return len(program) + end_cards(program.card_counts())


@pytest.mark.parametrize("path", PAPER, ids=lambda p: p.stem)
@pytest.mark.parametrize("size", [(300.0, 200.0), (520.0, 240.0), (700.0, 330.0)])
def test_the_sheet_to_draw_on_is_the_targets_size_beside_it(path, size):
    w, h = size
    for puzzle in checked(path).puzzles:
        plan = drawing.worksheet_board(puzzle.world, 10.0, 20.0, w, h, max_cell=48.0)
        if puzzle.world.decode:
            assert plan.twin is None and plan.filled == frozenset()  # the board is the sheet to draw on
            continue
        twin = plan.twin
        assert plan.filled == puzzle.world.target and twin.filled == frozenset()
        assert (twin.rows, twin.cols, twin.cell, twin.y, twin.height) == (plan.rows, plan.cols, plan.cell, plan.y, plan.height)
        assert twin.pen == puzzle.world.pen
        assert plan.x + plan.width < twin.x and twin.x + twin.width <= 10.0 + w + 1e-6


def _work_items(path: Path, index: int, paper: str = "a4"):
    c = checked(path)
    frame = frame_for(paper)
    sz = sizes_for(c.lesson.grades, paper_scale(frame.body.w))
    build = drawing.work_area(c, index, c.puzzles[index], sz, BuildOptions(paper=paper))
    items, _ = build(0.0, 0.0, frame.body.w)
    return items


@pytest.mark.parametrize("paper", ["a4", "b4"])
@pytest.mark.parametrize("path", PAPER, ids=lambda p: p.stem)
def test_every_worked_answer_fits_the_program_area(path, paper):
    c = checked(path)
    lang = c.lesson.language
    for index, puzzle in enumerate(c.puzzles):
        if puzzle.world.decode:
            continue
        items = _work_items(path, index, paper)
        slots = [i for i in items if getattr(i, "role", "") == "slot"]
        answers = [puzzle.solution] + [p for p, _ in puzzle.alternatives]
        nests = any("repeat" in p.card_counts() for p in answers)
        guides = [i for i in items if getattr(i, "role", "") == "indent-guide"]
        assert bool(guides) == nests, puzzle.spec.id  # written nested where an answer repeats
        if not nests:
            assert len(slots) >= max(_laid(p) for p in answers)
            continue
        # The nested area's lines: numbered, each with the same number of slots.
        numbers = [i for i in items if getattr(i, "role", "") == "slot-number"]
        per_line = len(slots) // len(numbers)
        assert per_line * len(numbers) == len(slots)
        for program in answers:
            rows = program_rows(program, c.family, lang)
            need = sum(math.ceil(len(row.cards) / per_line) for row in rows)
            assert len(numbers) >= need, (puzzle.spec.id, len(numbers), need)


@pytest.mark.parametrize("path", PAPER, ids=lambda p: p.stem)
def test_the_counts_are_asked_where_repeat_shortens_the_drawing(path):
    c = checked(path)
    asked = 0
    for index, puzzle in enumerate(c.puzzles):
        if puzzle.world.decode:
            continue
        boxes = [i for i in _work_items(path, index) if getattr(i, "role", "") == "count-box"]
        found = puzzle.analysis
        on_repeat = any("repeat" in p.card_counts() for p in [puzzle.solution] + [p for p, _ in puzzle.alternatives])
        shortens = on_repeat and "repeat" in puzzle.palette and found.looped_cards < len(found.plain)
        assert len(boxes) == (2 if shortens else 0), puzzle.spec.id
        asked += bool(boxes)
    assert asked  # each paper lesson asks for them somewhere


@pytest.mark.parametrize("path", PAPER, ids=lambda p: p.stem)
def test_the_with_repeat_count_is_never_beaten_by_the_lessons_own_answer(path):
    """The answer key's 'with repeat' program fits a group's kit whenever one
    of the lesson's own answers does, and is no longer than any that fits (the
    English checkerboard's 26-card solution fits; the 25-card packing the
    search found needs 6 'up' against a kit of 3)."""
    c = checked(path)
    for puzzle in c.puzzles:
        found = puzzle.analysis
        if found is None:
            continue
        kit = puzzle.palette
        answers = [puzzle.solution] + [p for p, t in puzzle.alternatives if t.reached_goal]
        fitting = [p for p in answers if not p.functions and all(n <= kit.get(card, 0) for card, n in p.card_counts().items())]
        if fitting:
            assert not found.kit_short, puzzle.spec.id
            assert found.looped_cards <= min(_laid(p) for p in fitting), puzzle.spec.id
        if not found.kit_short:
            assert all(n <= kit.get(card, 0) for card, n in found.looped.card_counts().items()), puzzle.spec.id


@pytest.mark.parametrize("path", PAPER, ids=lambda p: p.stem)
def test_the_key_says_whose_the_with_repeat_program_is(path):
    c = checked(path)
    lang = c.lesson.language
    for puzzle in c.puzzles:
        found = puzzle.analysis
        if found is None:
            continue
        notes = drawing.answer_notes(c, puzzle, lang)
        own = [n for n in notes if n == drawing._w("looped_own", lang, m=found.looped_cards)]
        assert bool(own) == (found.own_answer and not found.kit_short), (puzzle.spec.id, notes)
        if found.own_answer:
            answers = [puzzle.solution] + [p for p, _ in puzzle.alternatives]
            assert any(str(found.looped.main) == str(p.main) for p in answers), puzzle.spec.id


def test_the_english_checkerboard_key_gives_the_lessons_own_26_cards():
    c = checked(PAPER[1])
    board = next(p for p in c.puzzles if p.spec.id == "checkerboard")
    assert board.analysis.own_answer and not board.analysis.kit_short
    assert board.analysis.looped_cards == _laid(board.solution) == 26
