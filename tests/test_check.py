"""Lesson checks: solutions, alternatives, bug exercises, kit counts and lints."""

from __future__ import annotations

import pytest

from lessonkit.check import Result, check_bytes, check_file, describe_failure
from lessonkit.program import Action, Program, Repeat
from lessonkit.simulate import Outcome
from lessonkit.spec.load import Report
from lessonkit.worlds.grid import Grid

from conftest import LESSON, edit

SOL = "    solution: repeat 3 [ forward ]"


def check(text: str) -> Result:
    return check_bytes(text.encode("utf-8"), Report("l.yaml"))


def lines(text: str) -> list[str]:
    return [str(d) for d in check(text).diagnostics]


def test_valid_lesson_is_checked_into_data():
    result = check(LESSON)
    assert result.ok and result.diagnostics == []
    checked = result.checked
    assert checked.family is Grid and checked.lesson.id == "robot-maze-1"
    (puzzle,) = checked.puzzles
    assert puzzle.solution == Program((Repeat(3, (Action("forward"),)),))
    assert puzzle.trace.outcome is Outcome.GOAL and len(puzzle.trace.steps) == 3
    ((alt, alt_trace),) = puzzle.alternatives
    assert alt == Program((Action("forward"),) * 3) and alt_trace.reached_goal
    (bug,) = puzzle.bugs
    assert bug.trace.outcome is Outcome.CRASH and bug.trace.failed_at == 4
    assert puzzle.solved.shortest == 3 and puzzle.solved.examples == (("forward",) * 3,)


def test_missing_file(tmp_path):
    result = check_file(tmp_path / "nope.yaml", display="nope.yaml")
    assert [str(d) for d in result.diagnostics] == ["nope.yaml:1:1: error: cannot read the file: No such file or directory"]
    assert result.checked is None and not result.ok


# --- bug exercises -----------------------------------------------------------------------

BUG = """\
      - program: forward forward forward forward
        outcome: crash
        step: 4
        hint: count the squares
        handout: true
"""


def with_bug(program: str, outcome: str, step: str | None) -> str:
    text = f"      - program: {program}\n        outcome: {outcome}\n" + (f"        step: {step}\n" if step else "") + "        hint: h\n        handout: true\n"
    return edit(BUG, text)


@pytest.mark.parametrize(
    "program, outcome, step, expected",
    [
        ("forward forward forward forward", "crash", "4", []),
        ("forward forward forward forward", "crash", None, []),
        ("forward forward forward forward", "crash", "2",
         ["l.yaml:38:15: error: bug exercise goes wrong at step 4, not step 2 (crashed at step 4 (forward): fell off the board)"]),
        ("forward forward forward forward", "step_limit", "4",
         ["l.yaml:37:18: error: bug exercise ends in 'crash' (crashed at step 4 (forward): fell off the board), not 'step_limit'"]),
        ("forward forward", "stopped", "2", []),
        ("forward forward", "stopped", "3",
         ["l.yaml:38:15: error: bug exercise goes wrong at step 2, not step 3 (ended after 2 steps, stopped at D2, facing east, not on the goal)"]),
        ("forward forward turn_left turn_left turn_left turn_left", "stopped", "6", []),
        ("forward fowrard", "unknown_card", "2", []),
        ("repeat until at_goal [ turn_left ]", "step_limit", None, []),
        ("repeat until at_goal [ turn_left ]", "step_limit", "1",
         ["l.yaml:38:15: error: bug exercise ends in 'step_limit', which has no single wrong step; remove 'step: 1' (ran past the step limit: still running after 200 steps; an endless loop?)"]),
        ("forward forward forward", "crash", "3",
         ["l.yaml:36:18: error: bug exercise reaches the goal; expected it to end in 'crash'"]),
    ],
)
def test_bug_exercises(program, outcome, step, expected):
    assert lines(with_bug(program, outcome, step)) == expected


# --- solutions and alternatives ---------------------------------------------------------------


def test_alternative_that_fails_is_named_by_number():
    text = edit("      - forward forward forward\n", "      - forward forward forward\n      - forward forward\n")
    assert lines(text) == ["l.yaml:35:9: error: alternative 2 does not reach the goal: ended after 2 steps, stopped at D2, facing east, not on the goal"]


def test_solution_hitting_the_step_limit():
    text = edit(SOL, "    max_steps: 5\n    solution: repeat until at_goal [ turn_left ]", edit("  repeat: 2\n", "  repeat: 2\n  repeat_until: 1\n"))
    assert lines(text)[0] == "l.yaml:34:15: error: solution does not reach the goal: ran past the step limit: still running after 5 steps; an endless loop?; if the program is right, give the puzzle a larger 'max_steps'"


def test_long_solution_warns():
    text = edit(SOL, "    solution: repeat 4 [ turn_left ] forward forward forward")
    assert lines(text) == ["l.yaml:32:15: warning: solution takes 7 steps; the shortest takes 3"]


def test_a_repeat_that_saves_no_cards_warns():
    # repeat 2 [ turn_left ]: 3 cards with its End; written out, 2.
    text = edit(SOL, "    solution: repeat 2 [ turn_left ] repeat 2 [ turn_left ] forward forward forward")
    assert lines(text)[1:] == ["l.yaml:32:15: warning: solution's 'repeat 2' takes 3 cards (with its End card); written out, its cards take 2: here repeat saves nothing"] * 2
    # Two cards twice: four either way, still nothing saved.
    text = edit(SOL, "    solution: repeat 2 [ turn_left turn_right ] forward forward forward")
    assert lines(text)[1:] == ["l.yaml:32:15: warning: solution's 'repeat 2' takes 4 cards (with its End card); written out, its cards take 4: here repeat saves nothing"]
    # One card three times is the usual first repeat: no warning.
    assert lines(edit(SOL, "    solution: repeat 3 [ forward ]")) == []


# --- kit counts --------------------------------------------------------------------------------


def test_kit_counts_count_cards_not_steps():
    # repeat 3 [ forward ] is one repeat card and one forward card.
    assert lines(edit("  forward: 6", "  forward: 3")) == []
    assert lines(edit("  forward: 6", "  forward: 2")) == ["l.yaml:34:9: error: alternative 1 needs 3 'forward' cards; a group's kit holds 2"]


def test_control_cards_need_kit_cards_too():
    assert lines(edit("  repeat: 2\n", "")) == ["l.yaml:31:15: error: solution uses 'repeat', which is not among the lesson's cards"]


def test_one_card_under_two_spellings_in_the_kit_is_an_error():
    # Counted together (nothing else cascades), but never silently.
    text = edit("  forward: 6\n", "  forward: 1\n  まえ: 2\n")
    assert lines(text) == ["l.yaml:22:3: error: 'まえ' and 'forward' are the same card (forward); list it once, as 'forward: 3'"]


def test_kanji_and_phrase_spellings_of_cards_are_accepted():
    text = edit("  forward: 6\n", "  前: 6\n", edit("solution: repeat 3 [ forward ]", "solution: repeat 3 [ 前に進む ]"))
    assert lines(text) == []


def test_an_unknown_kit_card_is_reported_once():
    # The kit's repeat card is misspelt: what needs it is not reported again.
    assert lines(edit("  repeat: 2", "  repaet: 2")) == ["l.yaml:24:3: error: unknown card 'repaet' for the grid world; did you mean 'repeat' (くりかえす)?"]


def test_a_bug_laid_out_from_the_kit_must_fit_it():
    text = edit("        handout: true\n", "", edit("  forward: 6", "  forward: 3"))
    assert lines(text) == [
        "l.yaml:36:18: warning: bug exercise 1 needs 4 'forward' cards; a group's kit holds 3; "
        "or give it 'handout: true' to print it on the worksheet"
    ]


def test_bad_card_count():
    assert lines(edit("  turn_left: 2", "  turn_left: 0")) == [
        "l.yaml:22:14: error: card count for 'turn_left' is 0; expected how many one group's kit holds (1 or more)"
    ]


def test_no_action_cards_means_unsolvable():
    text = edit("  forward: 6\n  turn_left: 2\n  turn_right: 2\n", "  turn_left: 2\n")
    assert lines(text)[0] == "l.yaml:26:12: error: puzzle 'first' cannot be solved with the lesson's action cards (turn_left)"


# --- lints ------------------------------------------------------------------------------------


def test_flow_without_a_phase():
    text = edit("  - phase: summary\n    minutes: 10\n    activity: Share programs\n", "", edit("    minutes: 25", "    minutes: 35"))
    assert lines(text) == ["l.yaml:10:3: warning: flow has no 'summary' phase"]


@pytest.mark.parametrize(
    "concept, expected",
    [
        ("branching", "concept 'branching' is listed, but no solution uses an if card"),
        ("functions", "concept 'functions' is listed, but no solution uses a function"),
    ],
)
def test_concepts_no_solution_uses(concept, expected):
    assert lines(edit("concepts: [sequence, repetition]", f"concepts: [sequence, repetition, {concept}]")) == [f"l.yaml:6:34: warning: {expected}"]


def test_debugging_needs_a_bug_exercise():
    text = edit(BUG, "", edit("    bugs:\n", "", edit("concepts: [sequence, repetition]", "concepts: [debugging, repetition]")))
    assert lines(text) == ["l.yaml:6:12: warning: concept 'debugging' is listed, but no puzzle has a bug exercise"]


def test_concepts_count_alternatives_too():
    text = edit(SOL, "    solution: forward forward forward", edit("      - forward forward forward", "      - repeat 3 [ forward ]"))
    assert lines(text) == []


# --- prose ------------------------------------------------------------------------------------


def test_furigana_is_checked_in_prose_only():
    text = edit("    activity: Meet the robot", "    activity: 'ロボットに {会|あ}う'")
    assert lines(text) == []
    assert lines(edit("    activity: Meet the robot", "    activity: '{ロボット に あう'")) == [
        "l.yaml:12:16: error: furigana '{' is not closed; expected '{base|reading}'"
    ]


def test_missing_glyph_in_a_reading_is_found():
    text = edit("title: Robot maze", "title: '{迷路|\U0001F600}'")
    assert lines(text) == ["l.yaml:2:13: error: character '😀' (U+1F600) cannot be printed: the bundled font has no glyph for it"]


def test_unknown_role():
    assert lines(edit("world: grid", "roles: [programer, tester]\nworld: grid")) == [
        "l.yaml:19:9: error: unknown role 'programer'; expected programmer, tester, robot, recorder or {name, does}; did you mean 'programmer'?"
    ]


# --- describe_failure -------------------------------------------------------------------------


def test_describe_failure_for_each_outcome():
    result = check(edit("    solution: repeat 3 [ forward ]", "    solution: forward forward forward"))
    trace = result.checked.puzzles[0].trace
    assert describe_failure(trace) == "reached the goal"
    bug = result.checked.puzzles[0].bugs[0].trace
    assert describe_failure(bug) == "crashed at step 4 (forward): fell off the board"


def test_yes_no_flags_take_true_or_false_only():
    text = edit("    title: First steps", "    title: First steps\n    extension: 1")
    assert lines(text) == ["l.yaml:28:16: error: 'extension' is the number 1; expected true or false"]


def test_a_list_form_condition_may_be_the_printed_label():
    text = edit(SOL, "    solution:\n      - until: ゴールに ついた？\n        do: [forward]", edit("  repeat: 2\n", "  repeat: 2\n  repeat_until: 1\n  at_goal: 1\n"))
    assert lines(text) == []


# --- what the lesson says matches what the kit holds ----------------------------------------------


def test_a_flow_that_hands_out_programs_needs_a_handout():
    text = LESSON.replace("        handout: true\n", "").replace("activity: Program the robot", "activity: Debug the handout")
    assert lines(text) == ["l.yaml:15:15: warning: the flow hands something out ('handout'), but no bug exercise has 'handout: true', so no worksheet carries a program to hand out; mark the bug exercises pupils get on paper, or change the flow"]
    assert lines(LESSON.replace("activity: Program the robot", "activity: Debug the handout")) == []


def test_a_handout_pupils_lay_out_must_fit_the_kit():
    text = LESSON.replace("        handout: true\n", "        handout: lay\n").replace("  forward: 6\n", "  forward: 3\n")
    assert lines(text) == [
        "l.yaml:36:18: error: handout bug exercise 1 needs 4 'forward' cards; a group's kit holds 3, so a group cannot lay it out to run and fix it ('handout: lay')"
    ]
    # Only read on paper: it need not fit.
    assert lines(LESSON.replace("  forward: 6\n", "  forward: 3\n")) == []


JA_QUOTES = """\
id: q
title: q
language: ja
grade: 4
concepts: [branching]
objectives: [x]
flow:
  - {phase: introduction, minutes: 10, activity: 「まえ」と「ゴールまで くりかえす」と「もし まえが あいて いたら」}
  - {phase: development, minutes: 25, activity: 「もし まえに すすめる なら」「ゴールに つく」まで くりかえす「もしを使った」「…まで くりかえす」}
  - {phase: summary, minutes: 10, activity: 「まえに すすむ」「ゴールに ついた？」}
world: grid
cards: {まえ: 3, みぎ: 2, もし: 1, ちがったら: 1, までくりかえす: 1, まえにすすめる: 1, ゴール: 1}
puzzles:
  - id: p
    title: p
    board: |
      S..G
    facing: east
    solution: ゴール まで くりかえす [ もし まえにすすめる [ まえ ] ちがったら [ みぎ ] ]
"""


def test_a_card_quoted_in_other_words_than_its_label_warns():
    found = lines(JA_QUOTES)
    assert found == [
        "l.yaml:8:56: warning: 「ゴールまで くりかえす」 quotes the 'repeat_until' card in other words than it prints; the card 「…まで くりかえす」 with a condition card (「まえに すすめる」、「ゴールに つく」)",
        "l.yaml:8:70: warning: 「もし まえが あいて いたら」 quotes the 'if' card in other words than it prints; the card 「もし … なら」 with a condition card (「まえに すすめる」、「ゴールに つく」)",
        "l.yaml:10:55: warning: 「ゴールに ついた？」 quotes the 'at_goal' card in other words than it prints; its card reads 「ゴールに つく」",
    ], found


def test_condition_labels_read_after_if_and_before_until():
    labels = {c.name: c.label_ja for c in Grid.cards if c.category == "condition"}
    for label in labels.values():
        assert not label.endswith(("？", "?")), label
        # A plain form: it ends in a verb's dictionary form (u-row kana).
        assert label[-1] in "うくぐすつぬぶむるる", label
    names = Grid.names()
    assert names["ゴールについた？"] == names["ゴールにつく"] == "at_goal"  # old spellings still read


def test_a_unit_plan_marks_one_lesson():
    unit = "unit:\n  name: u\n  plan:\n    - {title: a}\n    - {title: b}\n"
    text = LESSON.replace("language: en\n", unit + "language: en\n")
    assert lines(text) == ["l.yaml:6:5: error: the unit's plan does not say which lesson this is; give this lesson's row 'this: true'"]
    text = LESSON.replace("language: en\n", unit.replace("{title: a}", "{title: a, this: true}").replace("{title: b}", "{title: b, this: true}") + "language: en\n")
    assert lines(text) == ["l.yaml:7:24: error: the unit's plan marks lesson 1 as this lesson already; only one row has 'this: true'"]
    ok = LESSON.replace("language: en\n", unit.replace("{title: b}", "{title: b, this: true}") + "language: en\n")
    assert lines(ok) == []


def test_a_bug_another_puzzle_lists_as_an_alternative_is_a_warning_at_the_bug():
    """The guide would print it as another right answer there and wrong here."""
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "lessons" / "ja" / "g3-make-tea.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    solution: もし からっぽ [ みず ] わかす ちゃば そそぐ\n  - id: kettle-empty",
        "    solution: もし からっぽ [ みず ] わかす ちゃば そそぐ\n    alternatives:\n      - わかす ちゃば そそぐ\n  - id: kettle-empty",
    )
    result = check_bytes(text.encode(), Report("tea.yaml"))
    line = text.splitlines().index("      - program: わかす ちゃば そそぐ") + 1
    assert [str(d) for d in result.diagnostics] == [
        f"tea.yaml:{line}:18: warning: bug exercise 2 is alternative 1 of puzzle 'kettle-full': the guide lists it as another right answer there and as wrong here; drop it from one of them"
    ]
