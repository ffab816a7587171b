"""`run` and `solve` on a lesson whose puzzle has an error: the error is
reported where it is written and the command fails, never an empty success
or a "did you mean" naming the very puzzle asked for.  Exact texts."""

from __future__ import annotations

from conftest import LESSON, edit

# Two puzzles, 'one' clean and 'two' with a bad board square: 'two' does not check.
TWO = edit(
    "  - id: first\n",
    "  - id: one\n    title: One\n    facing: east\n    board: |\n      #S..G\n    solution: forward forward forward\n  - id: two\n",
    edit("      #S..G\n      #####", "      #S..Q\n      #####"),
)
ERROR = (
    "two.yaml:36:11: error: unknown board square 'Q'; expected '#' wall, '.' floor, 'S' start, 'G' goal, '*' item or 'X' obstacle\n"
    "          #S..Q\n"
    "              ^\n"
)
FOOTER = "(fewest cards: the search tries repeat, repeat until, if/else and one function called from the main program, where the cards allow)\n"


def _write(write_lesson, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_lesson(TWO, "two.yaml")


def test_solve_reports_a_puzzle_error_and_fails(cli, write_lesson, monkeypatch, tmp_path):
    _write(write_lesson, monkeypatch, tmp_path)
    result = cli("solve", "two.yaml")
    assert result.exit_code == 1
    assert result.stderr == ERROR + "two.yaml: the lesson has 1 error; 1 puzzle not solved; fix them first (lessonkit validate two.yaml)\n"
    assert result.stdout == (
        "puzzle one: One\n"
        "  fewest cards: 3, End cards counted; no program of fewer cards reaches the goal\n"
        "    forward forward forward\n"
        "  shortest: 3 steps (one card a step, no repeat); 1 sequence of that length\n"
        "    forward forward forward\n"
        "puzzle two: First steps\n"
        "  not solved: the puzzle has errors (listed before this)\n" + FOOTER
    )


def test_solve_a_puzzle_with_errors_by_id_or_number(cli, write_lesson, monkeypatch, tmp_path):
    _write(write_lesson, monkeypatch, tmp_path)
    for key in ("two", "2"):
        result = cli("solve", "two.yaml", key)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == ERROR + "two.yaml: puzzle 'two' has errors; fix them first (lessonkit validate two.yaml)\n"


def test_solve_a_clean_puzzle_of_a_lesson_with_errors_lists_them(cli, write_lesson, monkeypatch, tmp_path):
    _write(write_lesson, monkeypatch, tmp_path)
    result = cli("solve", "two.yaml", "one")
    assert result.exit_code == 0  # the puzzle asked for is solved; the other's error is listed
    assert result.stdout.startswith("puzzle one: One\n  fewest cards: 3")
    assert result.stderr == ERROR + "two.yaml: the lesson has 1 error; fix them first (lessonkit validate two.yaml)\n"


def test_run_a_puzzle_with_errors_names_them_not_itself(cli, write_lesson, monkeypatch, tmp_path):
    _write(write_lesson, monkeypatch, tmp_path)
    for key in ("two", "2"):
        result = cli("run", "two.yaml", key, "forward")
        assert result.exit_code == 1
        assert "did you mean" not in result.stderr
        assert result.stderr == ERROR + "two.yaml: puzzle 'two' has errors; fix them first (lessonkit validate two.yaml)\n"
    # A clean puzzle of the same lesson still runs.
    assert cli("run", "two.yaml", "one", "forward forward forward").exit_code == 0


def test_run_unknown_puzzle_still_suggests_the_near_one(cli, write_lesson, monkeypatch, tmp_path):
    _write(write_lesson, monkeypatch, tmp_path)
    result = cli("run", "two.yaml", "tow", "forward")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Invalid value for PUZZLE: no puzzle 'tow' in this lesson; expected one of one, two or 1-2; did you mean 'two'?\n")
