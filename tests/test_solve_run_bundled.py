"""`lessonkit solve` and `lessonkit run` on every family's bundled lessons:
a clean exit and text that is true of the runs, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit.check import check_file
from lessonkit.program import format_program

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
OWNED = ("ja/g3-sorting-network", "ja/g5-sorting-network-design", "ja/g4-binary-dot-cards", "ja/g5-binary-algorithm", "en/binary-dot-cards", "ja/g3-card-rules", "ja/g5-nested-rules")
# One lesson of each family that runs a program on one board (their solve has its own tests).
ONE_BOARD = ("ja/g3-repeat", "en/graph-paper-programming", "ja/g3-make-tea")


@pytest.mark.parametrize("name", OWNED + ONE_BOARD)
def test_solve_exits_cleanly(cli, name):
    result = cli("solve", LESSONS / f"{name}.yaml")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    checked = check_file(LESSONS / f"{name}.yaml").checked
    for puzzle in checked.puzzles:
        assert f"puzzle {puzzle.spec.id}:" in result.output
    if checked.family.owns_check:
        # no claim from a search over one board the puzzle is not
        assert "fewest cards:" not in result.output.replace("(fewest cards: not searched", "")


@pytest.mark.parametrize("name", [n for n in OWNED if "sorting" not in n] + list(ONE_BOARD))
def test_run_of_each_solution_reaches_every_goal_and_each_bug_fails(cli, name):
    checked = check_file(LESSONS / f"{name}.yaml").checked
    for puzzle in checked.puzzles:
        result = cli("run", LESSONS / f"{name}.yaml", puzzle.spec.id, format_program(puzzle.solution))
        assert result.exit_code == 0, result.output
        if checked.family.run_cases(puzzle) is not None:
            assert "every one reached its goal" in result.output or "どれも できた" in result.output
        for bug in puzzle.bugs:
            result = cli("run", LESSONS / f"{name}.yaml", puzzle.spec.id, format_program(bug.program))
            assert result.exit_code == 1, result.output
            assert "internal error" not in result.output
