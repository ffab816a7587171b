"""Stencil-friendly pages: no hairlines, light hatching on wall-heavy boards,
the crash ✕ clear of the coordinates, step numbers a stencil keeps."""

from functools import lru_cache
from pathlib import Path

import pytest

from lessonkit.check import check_file
from lessonkit.render.options import BuildOptions
from lessonkit.render.page import RULE_MIN, BoxItem, LineItem
from lessonkit.render.worksheet import plan_slips, plan_worksheet
from lessonkit.render.worlds import grid as grid_drawing
from lessonkit.render.fonts import string_width

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
BUNDLED = sorted(LESSONS.glob("*/*.yaml"))


@lru_cache(maxsize=None)
def lesson(path):
    return check_file(path).checked


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_no_hairlines_on_pupils_pages(path):
    checked = lesson(path)
    options = BuildOptions(groups=1)
    for page in plan_worksheet(checked, options) + plan_slips(checked, options):
        for item in page.items:
            if isinstance(item, LineItem):
                assert item.width >= RULE_MIN, item
            if isinstance(item, BoxItem) and item.stroke:
                assert item.stroke >= RULE_MIN, item
    assert RULE_MIN >= 0.5


def test_a_board_mostly_wall_is_hatched_lighter():
    g3 = lesson(LESSONS / "ja" / "g3-repeat.yaml")
    hallway = grid_drawing.plan_board(g3.puzzles[0].world, 0, 0, 400, 300)
    assert grid_drawing.light_walls(hallway)
    g1 = lesson(LESSONS / "ja" / "g1-robot-sequence.yaml")
    assert not grid_drawing.light_walls(grid_drawing.plan_board(g1.puzzles[1].world, 0, 0, 400, 300))


def _label_boxes(plan):
    for x, y, text in plan.labels:
        yield (x, y - plan.label_size * 0.2, string_width(text, plan.label_size, True), plan.label_size * 1.1)


def _overlap(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


GRID_BUNDLED = [p for p in BUNDLED if "\nworld: grid\n" in p.read_text(encoding="utf-8")]  # grid boards' own ✕


@pytest.mark.parametrize("box", [(150.0, 150.0, 22.0), (300.0, 300.0, None), (500.0, 400.0, 60.0)])
@pytest.mark.parametrize("path", GRID_BUNDLED, ids=lambda p: p.name)
def test_the_crash_cross_never_covers_a_coordinate(path, box):
    w, h, max_cell = box
    checked = lesson(path)
    crashes = off_edge = 0
    for puzzle in checked.puzzles:
        for bug in puzzle.bugs:
            plan = grid_drawing.plan_board(puzzle.world, 0.0, 0.0, w, h, trace=bug.trace, max_cell=max_cell)
            if plan.crash_box is None:
                continue
            crashes += 1
            assert not any(_overlap(plan.crash_box, label) for label in _label_boxes(plan)), (path.name, plan.crash, plan.crash_box)
            assert all(mark.size >= 6.0 for mark in plan.marks)
            if plan.crash[0] < 0 or plan.crash[1] < 0:  # off the labelled edges: just inside them
                x, y, cw, ch = plan.crash_box
                assert plan.x - 0.01 <= x and y + ch <= plan.y + plan.height + 0.01
                off_edge += 1
    assert grid_drawing.MIN_LABEL >= 6.0
    if path.name == "g2-find-the-bug.yaml":
        assert off_edge  # three-acorns' bug walks off the top edge, under the column letters
