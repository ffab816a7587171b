"""A sorting network's worksheet prints the group's own values in the input
circles, the same values as the group's cards and the answer key's row."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from lessonkit.check import check_file
from lessonkit.render.options import BuildOptions
from lessonkit.render.worksheet import plan_worksheet, render_worksheet
from lessonkit.render.worlds.network import group_cards, group_values

from conftest import pdf_lines

LESSONS = Path(__file__).resolve().parent.parent / "lessons"


@lru_cache(maxsize=None)
def checked(name: str):
    result = check_file(LESSONS / "ja" / f"{name}.yaml")
    assert result.ok
    return result.checked


@pytest.mark.parametrize("name", ["g3-sorting-network", "g5-sorting-network-design"])
def test_each_groups_worksheet_prints_its_own_inputs(name):
    c = checked(name)
    groups = 8
    options = BuildOptions(groups=groups)
    pages = pdf_lines(render_worksheet(c, options).data)
    planned = plan_worksheet(c, options)
    from lessonkit.render.options import group_marks

    pages = pages[:len(planned)]  # the reflection slips follow
    seen = set()
    for g, letter in enumerate(group_marks(groups, latin=True), 1):
        mine = [page for page, plan in zip(pages, planned) if plan.label == letter]
        assert mine
        lines = [line for page in mine for line in page]
        for puzzle in c.puzzles:
            shown = "".join(puzzle.world.show(v) for v in group_values(puzzle, g))
            assert shown in lines, (g, puzzle.spec.id, shown)  # the input circles, one line, lane order
            seen.add((puzzle.spec.id, shown))
        # the same values as the group's cards
        cards = [name.split("|", 1)[1] for name in group_cards(c, g)]
        assert "".join(cards) == "".join("".join(puzzle.world.show(v) for v in group_values(puzzle, g)) for puzzle in c.puzzles)
    # every group's are its own (the draw gives them different values)
    assert len(seen) == groups * len(c.puzzles)


def test_without_groups_values_the_circles_hold_lane_numbers():
    """The desk board (one master for every group) keeps lane numbers."""
    from lessonkit.render.board import render_board

    c = checked("g3-sorting-network")
    lines = [line for page in pdf_lines(render_board(c, BuildOptions(groups=8)).data) for line in page]
    assert "123456" in lines and "123" in lines


def test_a_design_puzzle_hands_out_lanes_with_room_to_draw_and_record():
    """Bare lanes a row per comparator long, and a box for each comparator the group will walk."""
    from lessonkit.render.worlds.network import plan_board, work_area
    from lessonkit.render.worksheet import sizes_for

    c = checked("g5-sorting-network-design")
    design = [p for p in c.puzzles if p.world.comparators and not p.world.network.stages]
    assert len(design) == 2  # 3-in-3 and 5-in-9; 4-in-5 hands out its broken network
    for puzzle in design:
        plan = plan_board(puzzle.world, 0, 0, 400, 2000)
        assert plan.bars == []
        assert plan.top - plan.bottom >= (puzzle.world.comparators + 1) * plan.cell - 1e-6
        items, _ = work_area(c, 0, puzzle, sizes_for(c.lesson.grades), BuildOptions())(0.0, 800.0, 480.0)
        boxes = [it for it in items if getattr(it, "role", "") == "write-box"]
        assert len(boxes) == puzzle.world.comparators + puzzle.world.lanes  # who met where, then the outputs
