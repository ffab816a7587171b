"""Puzzle keys for converted maze levels: ``cards``, ``max_cards``, ``goal_rule``, obstacles ``X``.

The exact messages are pinned by golden files (puzzle-cards-*, max-cards,
goal-rule-*, board-obstacle); here the rules are checked against the
interpreter and the reference model.
"""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import Result, check_bytes
from lessonkit.program import Action, Program
from lessonkit.simulate import Outcome, run
from lessonkit.solve import solve
from lessonkit.spec.load import Report
from lessonkit.worlds.grid import Grid

from conftest import LESSON, boards, edit, programs
from test_grid import Model

ACTIONS = frozenset(Grid.actions())
CONDITIONS = frozenset(Grid.conditions())
HEADINGS = st.sampled_from(["north", "east", "south", "west"])


def checked(text: str) -> Result:
    return check_bytes(text.encode("utf-8"), Report("l.yaml"))


def world_of(rows, heading="east"):
    return Grid.build({"board": "\n".join(rows), "facing": heading})


# --- obstacles ---------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(boards(max_side=5, squares="..#X*"), HEADINGS, programs(unknown=False, max_functions=1))
def test_an_obstacle_rules_like_a_wall(rows, heading, program):
    """Every program runs the same on a board and on that board with its X drawn as #."""
    with_x = run(world_of(rows, heading), program, ACTIONS, CONDITIONS, 300)
    walls = run(world_of([r.replace("X", "#") for r in rows], heading), program, ACTIONS, CONDITIONS, 300)
    assert with_x.outcome is walls.outcome
    assert [s.state for s in with_x.steps] == [s.state for s in walls.steps]
    assert [c.value for s in with_x.steps for c in s.checks] == [c.value for s in walls.steps for c in s.checks]
    if with_x.outcome is Outcome.CRASH and with_x.reason != walls.reason:
        # Only the words differ, and only when the robot walked into an X.
        step = with_x.steps[-1]
        assert (with_x.reason, walls.reason) == ("bumped into a cone", "bumped into a wall")
        assert step.card in ("forward", "back")


def test_an_obstacle_crash_says_obstacle_and_prints_as_x():
    world = world_of(["S.XG"])
    trace = run(world, Program((Action("forward"), Action("forward"))), ACTIONS, CONDITIONS)
    assert (trace.outcome, trace.reason, len(trace.steps)) == (Outcome.CRASH, "bumped into a cone", 2)
    assert trace.steps[-1].error.reason_ja == "コーンに ぶつかった"
    assert world.picture(world.initial()).splitlines()[1] == "1 > . X G"
    assert not world.sense(trace.final, "path_ahead")


# --- goal_rule: stop -----------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(boards(max_side=4, squares="...#*"), HEADINGS, programs(unknown=False, max_functions=1))
def test_stop_rule_ends_the_run_where_the_goal_is_first_reached(rows, heading, program):
    world = world_of(rows, heading)
    ends = run(world, program, ACTIONS, CONDITIONS, 200)
    stops = run(world, program, ACTIONS, CONDITIONS, 200, stop_at_goal=True)
    first = next((i for i, s in enumerate(ends.steps) if s.error is None and world.is_goal(s.state)), None)
    if first is None:  # never on the goal: both rules agree
        assert stops.outcome is ends.outcome and stops.steps == ends.steps
    else:
        assert stops.outcome is Outcome.GOAL
        assert stops.steps == ends.steps[: first + 1]


def brute_stop_counts(rows, heading, actions, length):
    """Sequences of each length whose run, stopping at the goal, uses every card and ends on it."""
    counts = []
    for k in range(length + 1):
        n = 0
        for cards in product(actions, repeat=k):
            model = Model(rows, heading)
            ok = model.is_goal() if k == 0 else True
            for i, card in enumerate(cards):
                if model.is_goal() or model.act(card) == "crash":  # stopped early, or crashed
                    ok = False
                    break
            n += ok and model.is_goal()
        counts.append(n)
    return counts


@settings(max_examples=80, deadline=None)
@given(boards(max_side=3), HEADINGS, st.integers(0, 4))
def test_stop_rule_counts_match_brute_force(rows, heading, length):
    actions = ("forward", "turn_left", "turn_right", "pick_up")
    found = solve(world_of(rows, heading), actions, max_length=length, stop_at_goal=True)
    brute = brute_stop_counts(rows, heading, actions, length)
    if found.shortest is None:
        assert not any(brute)
    else:
        assert list(found.counts[: length + 1]) == brute


# --- the lesson checks use them ------------------------------------------------------------


def test_goal_rule_stop_lets_a_longer_program_end_on_the_goal():
    lesson = edit("    board: |\n", "    goal_rule: stop\n    board: |\n")
    lesson = edit("      - forward forward forward\n", "      - forward forward forward forward\n", lesson)
    lesson = edit("      - program: forward forward forward forward\n        outcome: crash\n        step: 4\n",
                  "      - program: forward forward turn_left forward\n        outcome: crash\n        step: 4\n", lesson)
    result = checked(lesson)
    assert [d.message for d in result.diagnostics] == []
    alt = result.checked.puzzles[0].alternatives[0][1]
    assert alt.outcome is Outcome.GOAL and len(alt.steps) == 3


def test_puzzle_cards_narrow_what_the_solver_uses():
    lesson = edit("    board: |\n", "    cards: {forward: 3, repeat: 1}\n    board: |\n")
    result = checked(lesson)
    assert [d.message for d in result.diagnostics] == []
    puzzle = result.checked.puzzles[0]
    assert puzzle.actions == ("forward",)
    assert puzzle.palette == {"forward": 3, "repeat": 1}


def test_puzzle_card_list_takes_the_kit_counts():
    lesson = edit("    board: |\n", "    cards: [まえ, repeat]\n    board: |\n")
    puzzle = checked(lesson).checked.puzzles[0]
    assert puzzle.palette == {"forward": 6, "repeat": 2}


def test_max_cards_counts_end_cards():
    ok = checked(edit("    board: |\n", "    max_cards: 3\n    board: |\n"))
    assert not [d for d in ok.diagnostics if d.is_error]  # repeat, forward, End: 3 cards


def test_run_command_follows_the_goal_rule(cli, write_lesson, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_lesson(edit("    board: |\n", "    goal_rule: stop\n    board: |\n").replace("        step: 4\n        hint", "        hint").replace("outcome: crash", "outcome: stopped").replace("program: forward forward forward forward", "program: forward forward"), "stop.yaml")
    result = cli("run", "stop.yaml", "1", "forward forward forward forward forward")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "outcome: goal: reached the goal"
    assert sum(line.startswith("step ") for line in result.stdout.splitlines()) == 3


def test_an_obstacle_is_drawn_as_a_cone_and_named_in_the_legend(cli, tmp_path):
    from lessonkit.render.worlds.grid import plan_board

    from conftest import pdf_lines

    world = world_of(["S.X.", "...G"])
    kinds = [sq.kind for sq in plan_board(world, 0, 0, 200, 100).squares]
    assert kinds.count("obstacle") == 1 and kinds.count("wall") == 0
    lesson = edit("      #####\n      #S..G\n      #####\n", "      #####\n      #S..G\n      ##X##\n")
    (tmp_path / "cone.yaml").write_text(lesson, encoding="utf-8")
    result = cli("build", tmp_path / "cone.yaml", "-o", tmp_path / "kits")
    assert result.exit_code == 0, result.output
    lines = [line for page in pdf_lines((tmp_path / "kits" / "robot-maze-1" / "board.pdf").read_bytes()) for line in page]
    assert "StartGoalWallCone" in lines  # the legend, read back from the page
