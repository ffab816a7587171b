"""The command line, through click's runner: exact output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lessonkit import __version__
from lessonkit.cli import main

from conftest import LESSON, edit

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def lesson(write_lesson, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_lesson(LESSON, "lesson.yaml")
    return "lesson.yaml"


# --- validate ---------------------------------------------------------------------------------


def test_validate_clean(cli, lesson):
    result = cli("validate", lesson)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "checked 1 lesson: 0 errors, 0 warnings\n", "")


def test_validate_errors_exit_1(cli, write_lesson, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_lesson(edit("world: grid", "world: gird"), "bad.yaml")
    result = cli("validate", "bad.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "bad.yaml:19:8: error: unknown world 'gird'; expected 'binary', 'conditionals', 'grid', 'paper', 'procedure' or 'sorting-network'; did you mean 'grid'?\n"
        "    world: gird\n"
        "           ^\n"
        "checked 1 lesson: 1 error, 0 warnings\n"
    )


def test_warnings_pass_unless_strict(cli, write_lesson, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_lesson(edit("    minutes: 25", "    minutes: 20"), "warn.yaml")
    expected = (
        "warn.yaml:10:3: warning: flow minutes add up to 40 (10 + 20 + 10), but the lesson is 45 minutes\n"
        "  - phase: introduction\n"
        "  ^\n"
    ).replace("\n  ", "\n      ", 1).replace("\n  ^", "\n      ^")
    result = cli("validate", "warn.yaml")
    assert (result.exit_code, result.stdout) == (0, expected + "checked 1 lesson: 0 errors, 1 warning\n")
    result = cli("validate", "--strict", "warn.yaml")
    assert (result.exit_code, result.stdout) == (1, expected + "checked 1 lesson: 0 errors, 1 warning\n")


def test_validate_a_folder_reports_every_file(cli, write_lesson, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_lesson(LESSON, "lessons/a.yaml")
    write_lesson(edit("id: robot-maze-1", "id: Bad"), "lessons/sub/b.yml")
    write_lesson("not a lesson", "lessons/notes.txt")
    result = cli("validate", "lessons")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("lessons/sub/b.yml:1:5: error: id 'Bad' is not a slug")
    assert result.stdout.endswith("checked 2 lessons: 1 error, 0 warnings\n")


def test_validate_missing_path_is_usage_error(cli, lesson):
    result = cli("validate", lesson, "nope.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith("Error: Invalid value for PATH: 'nope.yaml' does not exist\n")


def test_validate_without_arguments_is_usage_error(cli):
    result = cli("validate")
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: lessonkit validate [OPTIONS] PATHS...\n"
        "Try 'lessonkit validate --help' for help.\n"
        "\n"
        "Error: Missing argument 'PATHS...'.\n"
    )


def test_validate_empty_folder_is_usage_error(cli, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    result = cli("validate", "empty")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: no lesson files (*.yaml, *.yml) found in empty\n")


def test_caret_under_wide_characters(cli, write_lesson, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_lesson(edit("title: Robot maze", "title: ロボット{迷路"), "ja.yaml")
    result = cli("validate", "ja.yaml")
    assert result.stdout.splitlines()[:3] == [
        "ja.yaml:2:12: error: furigana '{' is not closed; expected '{base|reading}'",
        "    title: ロボット{迷路",
        "                   ^",
    ]


# --- run --------------------------------------------------------------------------------------

HEAD = """\
puzzle first: First steps
program: {program}
start: B2, facing east
      A B C D E
    1 # # # # #
    2 # > . . G
    3 # # # # #
"""


def test_run_to_the_goal(cli, lesson):
    result = cli("run", lesson, "first", "forward repeat 2 [ forward ]")
    assert result.exit_code == 0
    assert result.stdout == HEAD.format(program="forward repeat 2 [ forward ]") + (
        "step   1  forward      card 1                     C2, facing east\n"
        "step   2  forward      card 2 > 1 (round 1)       D2, facing east\n"
        "step   3  forward      card 2 > 1 (round 2)       E2, facing east\n"
        "outcome: goal: reached the goal\n"
    )


def test_run_crash_shows_the_wrong_step(cli, lesson):
    result = cli("run", lesson, "1", "forward forward forward forward")
    assert result.exit_code == 1
    assert result.stdout == HEAD.format(program="forward forward forward forward") + (
        "step   1  forward      card 1                     C2, facing east\n"
        "step   2  forward      card 2                     D2, facing east\n"
        "step   3  forward      card 3                     E2, facing east\n"
        "step   4  forward      card 4                     WRONG: fell off the board\n"
        "the board when it stopped:\n"
        "      A B C D E\n"
        "    1 # # # # #\n"
        "    2 # . . . >\n"
        "    3 # # # # #\n"
        "outcome: crash: crashed at step 4 (forward): fell off the board\n"
        "note: the robot was on the goal after step 3 and kept going; the program should end there\n"
    )


def test_run_japanese_program_shows_checks(cli, lesson):
    result = cli("run", lesson, "first", "くりかえす まで ゴール [ もし まえがあいている [ まえ ] ]")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == "program: repeat until at_goal [ if path_ahead [ forward ] ]"
    assert lines[7] == "step   1  forward      card 1 > 1 > then 1 (round 1) C2, facing east  [at_goal? no]  [path_ahead? yes]"
    assert lines[-1] == "outcome: goal: reached the goal"


def test_run_stopped_short(cli, lesson):
    result = cli("run", lesson, "first", "forward")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "outcome: stopped: ended after 1 step, stopped at C2, facing east, not on the goal"


def test_run_unknown_card(cli, lesson):
    result = cli("run", lesson, "first", "fowrard")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "outcome: unknown_card: stopped at step 1: unknown card 'fowrard'"
    assert result.stderr.splitlines() == [
        "program:1:1: warning: unknown card 'fowrard' in the program; did you mean 'forward' (まえ)?",
        "    fowrard",
        "    ^",
    ]


def test_run_accepts_what_the_printed_card_says(cli, lesson):
    result = cli("run", lesson, "first", "くりかえす まで ゴールについた？ [ まえに すすむ ]".replace("まえに すすむ", "まえにすすむ"))
    assert result.exit_code == 0, result.stdout


def test_run_endless_loop_with_max_steps(cli, lesson):
    result = cli("run", lesson, "first", "--max-steps", "2", "repeat until at_goal [ turn_left ]")
    assert result.exit_code == 1
    # Two steps are not enough to see the robot come round again: not called endless.
    assert result.stdout.splitlines()[-1] == (
        "outcome: step_limit: stopped after the step limit of 2 steps (--max-steps); the program had not ended, "
        "and no position had come round again, so this is not known to be an endless loop"
    )


def test_run_notation_error_has_a_caret(cli, lesson):
    result = cli("run", lesson, "first", "repeat 3 [ forward")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "program:1:19: error: '[' is not closed; expected ']'\n"
        "    repeat 3 [ forward\n"
        "                      ^\n"
    )


def test_run_notation_error_caret_under_japanese(cli, lesson):
    result = cli("run", lesson, "first", "まえ くりかえす ３ [ まえ ]")
    assert result.exit_code == 2
    assert result.stderr == (
        "program:1:10: error: full-width digits '３'; write 3 with half-width digits\n"
        "    まえ くりかえす ３ [ まえ ]\n"
        "                    ^\n"
    )


def test_run_unknown_puzzle(cli, lesson):
    result = cli("run", lesson, "frist", "forward")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for PUZZLE: no puzzle 'frist' in this lesson; expected one of first or 1-1; did you mean 'first'?\n"
    )


def test_run_on_a_broken_lesson(cli, write_lesson, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_lesson(edit("title: Robot maze", "titel: Robot maze"), "bad.yaml")
    result = cli("run", "bad.yaml", "first", "forward")
    assert result.exit_code == 1
    assert result.stdout.startswith("bad.yaml:2:1: error: unknown key 'titel'; did you mean 'title'?\n")
    assert result.stderr == "bad.yaml: the lesson has errors; fix them first (lessonkit validate bad.yaml)\n"


def test_run_missing_lesson_is_usage_error(cli, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = cli("run", "nope.yaml", "1", "forward")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Invalid value for LESSON: 'nope.yaml' is not a file\n")


# --- solve ------------------------------------------------------------------------------------


def test_solve(cli, lesson):
    result = cli("solve", lesson)
    assert result.exit_code == 0
    assert result.stdout == (
        "puzzle first: First steps\n"
        "  fewest cards: 3, End cards counted; no program of fewer cards reaches the goal\n"
        "    forward forward forward\n"
        "  shortest: 3 steps (one card a step, no repeat); 1 sequence of that length\n"
        "    forward forward forward\n"
        "(fewest cards: the search tries repeat, repeat until, if/else and one function called from the main program, where the cards allow)\n"
    )


def test_solve_with_counts(cli, lesson):
    result = cli("solve", lesson, "first", "--max-length", "5", "--examples", "0")
    assert result.exit_code == 0
    assert result.stdout == (
        "puzzle first: First steps\n"
        "  fewest cards: 3, End cards counted; no program of fewer cards reaches the goal\n"
        "    forward forward forward\n"
        "  shortest: 3 steps (one card a step, no repeat); 1 sequence of that length\n"
        "  4 steps: 2 sequences\n"
        "  5 steps: 10 sequences\n"
        "  up to 5 steps: 13 sequences in all\n"
        "(fewest cards: the search tries repeat, repeat until, if/else and one function called from the main program, where the cards allow)\n"
    )


def test_solve_unsolvable(cli, write_lesson, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_lesson(edit("      #S..G", "      #S.#G"), "wall.yaml")
    result = cli("solve", "wall.yaml")
    assert result.exit_code == 0
    assert result.stdout == (
        "puzzle first: First steps\n"
        "  fewest cards: none; no program reaches the goal, since no row of these action cards does\n"
        "  no sequence of forward, turn_left, turn_right cards reaches the goal\n"
        "(fewest cards: the search tries repeat, repeat until, if/else and one function called from the main program, where the cards allow)\n"
    )


def test_solve_says_when_its_search_gave_up(cli, write_lesson, monkeypatch, tmp_path):
    import importlib

    monkeypatch.setattr(importlib.import_module("lessonkit.solve"), "MAX_STATES", 3)
    monkeypatch.chdir(tmp_path)
    write_lesson(edit("solution: repeat 3 [ forward ]", "solution: forward forward forward"), "cut.yaml")
    result = cli("solve", "cut.yaml")
    assert result.stdout == (
        "puzzle first: First steps\n"
        "  fewest cards: 3, End cards counted; no program of fewer cards reaches the goal\n"
        "    forward forward forward\n"
        "  no sequence of up to 1 step (forward, turn_left, turn_right cards) reaches the goal;"
        " the search gave up after 4 positions, so longer sequences were not tried\n"
        "(fewest cards: the search tries repeat, repeat until, if/else and one function called from the main program, where the cards allow)\n"
    )


def test_solve_searches_each_puzzle_once(cli, lesson, monkeypatch):
    import lessonkit.check

    calls = []
    real = lessonkit.check.solve
    monkeypatch.setattr(lessonkit.check, "solve", lambda *a, **k: calls.append(1) or real(*a, **k))
    result = cli("solve", lesson, "--max-length", "5")
    assert result.exit_code == 0 and len(calls) == 1


def test_solve_says_when_a_kit_cannot_lay_a_row(cli, write_lesson, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_lesson(edit("  forward: 6", "  forward: 2"), "short.yaml")
    result = cli("solve", "short.yaml")
    lines = result.stdout.splitlines()
    assert lines[1:3] == ["  fewest cards: 3, End cards counted; no program of fewer cards reaches the goal", "    repeat 3 [ forward ]"]
    assert lines[4] == "    forward forward forward  (needs 3 forward (kit: 2))"


# --- schema, version, help ----------------------------------------------------------------------


def test_schema_is_the_committed_one(cli):
    result = cli("schema")
    assert result.exit_code == 0
    committed = (ROOT / "schema" / "lesson.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.stdout) == json.loads(committed)
    assert result.stdout == committed


def test_schema_to_a_file(cli, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = cli("schema", "-o", "out/s.json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "wrote out/s.json\n")
    assert json.loads((tmp_path / "out" / "s.json").read_text(encoding="utf-8"))["description"].startswith("lessonkit lesson")


def test_version(cli):
    result = cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"lessonkit, version {__version__}\n")


def test_main_help_lists_every_command(cli):
    result = cli("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: lessonkit [OPTIONS] COMMAND [ARGS]...\n")
    for name in main.commands:
        assert f"  {name} " in result.stdout


@pytest.mark.parametrize("name", sorted(main.commands))
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_help(cli, name, flag):
    result = cli(name, flag)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: lessonkit {name} [OPTIONS]")
    summary = main.commands[name].help.strip().splitlines()[0]
    assert summary in " ".join(result.stdout.split())  # help text is re-wrapped


def test_unknown_command_suggests(cli):
    result = cli("valdate")
    assert result.exit_code == 2
    assert "Error: No such command 'valdate'." in result.stderr
    assert "Did you mean 'validate'?" in result.stderr


def test_validate_reports_a_lesson_id_used_twice(cli, tmp_path):
    from conftest import LESSON

    (tmp_path / "a.yaml").write_text(LESSON, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(LESSON, encoding="utf-8")
    result = cli("validate", str(tmp_path))
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{tmp_path / 'b.yaml'}:1:5: error: lesson id ")
    assert first.endswith(f"is also the id of {tmp_path / 'a.yaml'}; each lesson needs its own id (it names the kit's folder)")


def test_japanese_lesson_shows_japanese_card_names(cli):
    g1 = str(Path(__file__).resolve().parent.parent / "lessons" / "ja" / "g1-robot-sequence.yaml")
    solved = cli("solve", g1, "3")
    assert solved.stdout.splitlines()[2] == "    まえ まえ ひだり まえ まえ まえ みぎ まえ まえ"
    ran = cli("run", g1, "2", "まえ まえ ひだり まえ")
    assert ran.stdout.splitlines()[1:3] == ["プログラム: forward forward turn_left forward", "            まえ まえ ひだり まえ"]


def test_public_names_load_on_first_use_and_help_stays_light():
    import subprocess
    import sys

    code = "import sys, lessonkit.cli; print(sorted(m for m in ('pydantic', 'reportlab', 'yaml') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"
    import lessonkit

    for name in lessonkit.__all__:
        assert getattr(lessonkit, name) is not None
