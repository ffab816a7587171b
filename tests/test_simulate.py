"""The interpreter: every program ends in exactly one Outcome, as data."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.program import Cond, parse
from lessonkit.simulate import DEFAULT_MAX_STEPS, Check, Outcome, run
from lessonkit.worlds import Failure
from lessonkit.worlds.grid import Grid

from conftest import boards, programs

ACTIONS = frozenset(Grid.actions())
CONDITIONS = frozenset(Grid.conditions())
CORRIDOR = "#####\n#S..G\n#####"  # start facing east, goal three squares ahead


def go(text: str, board: str = CORRIDOR, max_steps: int = DEFAULT_MAX_STEPS, facing: str = "east"):
    world = Grid.build({"board": board, "facing": facing})
    return world, run(world, parse(text, Grid.names()), ACTIONS, CONDITIONS, max_steps)


# --- each outcome ----------------------------------------------------------------------


def test_goal():
    world, trace = go("forward repeat 2 [ forward ]")
    assert trace.outcome is Outcome.GOAL and trace.reached_goal
    assert trace.reason == "reached the goal"
    assert [(s.number, s.card, s.where) for s in trace.steps] == [
        (1, "forward", ("main", 0)),
        (2, "forward", ("main", 1, "body", 0)),
        (3, "forward", ("main", 1, "body", 0)),
    ]
    assert trace.final == trace.steps[-1].state and world.is_goal(trace.final)
    assert trace.start == world.initial()
    assert trace.failed_at is None and trace.unknown is None


def test_crash_records_the_failing_step():
    world, trace = go("forward turn_left forward forward")
    assert trace.outcome is Outcome.CRASH
    assert trace.reason == "bumped into a wall"
    assert trace.failed_at == 3
    last = trace.steps[-1]
    assert (last.number, last.card, last.error) == (3, "forward", Failure("bumped into a wall", "かべに ぶつかった"))
    # The robot stays where it was; the fourth card is never run.
    assert len(trace.steps) == 3 and last.state == trace.final == trace.steps[1].state


def test_fell_off_the_board():
    _, trace = go("repeat 4 [ forward ]")
    assert (trace.outcome, trace.reason, trace.failed_at) == (Outcome.CRASH, "fell off the board", 4)


def test_stopped_short():
    _, trace = go("forward")
    assert trace.outcome is Outcome.STOPPED
    assert trace.reason == "stopped at C2, facing east, not on the goal"
    assert trace.failed_at == 1


def test_empty_program_stops_at_the_start():
    _, trace = go("")
    assert (trace.outcome, trace.steps, trace.failed_at) == (Outcome.STOPPED, (), 0)


def test_unknown_action():
    _, trace = go("forward fowrard forward")
    assert (trace.outcome, trace.reason, trace.unknown) == (Outcome.UNKNOWN_CARD, "unknown card 'fowrard'", "fowrard")
    assert len(trace.steps) == 1 and trace.failed_at == 2


def test_unknown_condition():
    _, trace = go("forward repeat until at_gaol [ forward ]")
    assert (trace.outcome, trace.reason, trace.unknown, trace.failed_at) == (Outcome.UNKNOWN_CARD, "unknown condition 'at_gaol'", "at_gaol", 2)


def test_unknown_card_is_found_only_when_reached():
    _, trace = go("forward forward forward if path_ahead [ jump ]")
    assert trace.outcome is Outcome.GOAL


def test_card_of_the_world_not_in_the_given_palette_is_unknown():
    world = Grid.build({"board": CORRIDOR})
    trace = run(world, parse("turn_left"), frozenset({"forward"}), CONDITIONS)
    assert (trace.outcome, trace.unknown) == (Outcome.UNKNOWN_CARD, "turn_left")


# --- the step limit ------------------------------------------------------------------------


def test_empty_endless_loop_hits_the_limit():
    _, trace = go("repeat until at_goal [ ]")
    assert trace.outcome is Outcome.STEP_LIMIT
    assert trace.steps == ()
    assert trace.reason == f"still running after {DEFAULT_MAX_STEPS * 20} card checks; an endless loop?"
    assert trace.failed_at is None


def test_endless_turning_hits_the_step_limit():
    _, trace = go("repeat until at_goal [ turn_left ]", max_steps=7)
    assert trace.outcome is Outcome.STEP_LIMIT
    assert trace.reason == "still running after 7 steps; an endless loop?"
    assert len(trace.steps) == 7


def test_exactly_max_steps_is_allowed():
    _, trace = go("repeat 3 [ forward ]", max_steps=3)
    assert trace.outcome is Outcome.GOAL
    _, trace = go("repeat 3 [ forward ]", max_steps=2)
    assert trace.outcome is Outcome.STEP_LIMIT and len(trace.steps) == 2


@pytest.mark.parametrize("text", ["def f [ f ] f", "def f [ f f ] f", "def f [ turn_left f ] f", "def f [ repeat 99 [ f ] ] f"])
def test_recursion_ends_in_step_limit_not_recursion_error(text):
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # a recursive interpreter would fail here
    try:
        _, trace = go(text, max_steps=DEFAULT_MAX_STEPS)
    finally:
        sys.setrecursionlimit(limit)
    assert trace.outcome is Outcome.STEP_LIMIT


def test_huge_nested_repeats_end_quickly():
    _, trace = go("repeat 99 [ repeat 99 [ repeat 99 [ repeat 99 [ ] ] ] ]")
    assert trace.outcome is Outcome.STEP_LIMIT


def test_nested_empty_repeat_finishes():
    _, trace = go("repeat 3 [ repeat 2 [ ] ] forward forward forward")
    assert trace.outcome is Outcome.GOAL


# --- control flow and checks ----------------------------------------------------------------


def test_checks_are_recorded_on_the_next_step():
    board = "#####\n#S.G#\n#####"
    _, trace = go("repeat until at_goal [ if path_ahead [ forward ] else [ turn_left ] ]", board)
    assert trace.outcome is Outcome.GOAL
    first, second = trace.steps
    assert first.checks == (
        Check(Cond("at_goal"), ("main", 0), False),
        Check(Cond("path_ahead"), ("main", 0, "body", 0), True),
    )
    assert first.where == ("main", 0, "body", 0, "then", 0)
    assert second.checks == (
        Check(Cond("at_goal"), ("main", 0), False),
        Check(Cond("path_ahead"), ("main", 0, "body", 0), True),
    )


def test_not_inverts_a_condition():
    _, trace = go("if not path_ahead [ turn_left ] else [ forward ]")
    assert [s.card for s in trace.steps] == ["forward"]
    assert trace.steps[0].checks == (Check(Cond("path_ahead", True), ("main", 0), False),)


def test_if_without_else_does_nothing_when_false():
    _, trace = go("if at_goal [ turn_left ] forward")
    assert [s.card for s in trace.steps] == ["forward"]


def test_repeat_until_checks_before_each_round():
    board = "SG"
    _, trace = go("forward repeat until at_goal [ turn_left ]", board)
    assert [s.card for s in trace.steps] == ["forward"]


def test_functions_run_where_called():
    _, trace = go("def two [ forward forward ] two forward")
    assert trace.outcome is Outcome.GOAL
    assert [s.where for s in trace.steps] == [("def", "two", 0), ("def", "two", 1), ("main", 1)]


def test_pick_up_everything_then_goal():
    _, trace = go("forward pick_up forward", "S*G")
    assert trace.outcome is Outcome.GOAL
    _, trace = go("forward forward", "S*G")
    assert (trace.outcome, trace.reason) == (Outcome.STOPPED, "on the goal with 1 item left to pick up")


def test_outcome_words():
    assert {o.value: o.words for o in Outcome} == {
        "goal": "reached the goal",
        "crash": "crashed",
        "stopped": "stopped without reaching the goal",
        "step_limit": "ran past the step limit (an endless loop?)",
        "unknown_card": "used a card this world does not know",
    }


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(boards(max_side=5), st.sampled_from(["north", "east", "south", "west"]), programs(), st.integers(1, 60))
def test_interpreter_never_raises(rows, facing, program, max_steps):
    world = Grid.build({"board": "\n".join(rows), "facing": facing})
    trace = run(world, program, ACTIONS, CONDITIONS, max_steps)
    assert isinstance(trace.outcome, Outcome)
    assert [s.number for s in trace.steps] == list(range(1, len(trace.steps) + 1))
    assert len(trace.steps) <= max_steps
    assert trace.start == world.initial()
    errors = [s for s in trace.steps if s.error is not None]
    if trace.outcome is Outcome.CRASH:
        assert errors == [trace.steps[-1]] and trace.failed_at == len(trace.steps)
    else:
        assert errors == []
    if trace.outcome is Outcome.GOAL:
        assert world.is_goal(trace.final)
    if trace.outcome is Outcome.STOPPED:
        assert not world.is_goal(trace.final)
    if trace.outcome is Outcome.UNKNOWN_CARD:
        assert trace.unknown and trace.unknown not in ACTIONS | CONDITIONS
    if trace.steps and trace.outcome is not Outcome.CRASH:
        assert trace.final == trace.steps[-1].state
    # Each step's state follows from the one before by that card.
    state = trace.start
    for step in trace.steps:
        result = world.act(state, step.card)
        if step.error:
            assert result == step.error and step.state == state
        else:
            assert result == step.state
            state = result


@settings(max_examples=200, deadline=None)
@given(boards(max_side=5), st.lists(st.sampled_from(sorted(ACTIONS)), max_size=12))
def test_straight_line_program_is_a_fold_of_act(rows, cards):
    world = Grid.build({"board": "\n".join(rows)})
    trace = run(world, parse(" ".join(cards)), ACTIONS, CONDITIONS)
    state, done = world.initial(), 0
    for card in cards:
        result = world.act(state, card)
        done += 1
        if isinstance(result, Failure):
            assert trace.outcome is Outcome.CRASH and len(trace.steps) == done
            return
        state = result
    assert trace.final == state and len(trace.steps) == len(cards)
    assert trace.outcome is (Outcome.GOAL if world.is_goal(state) else Outcome.STOPPED)


def test_each_step_knows_which_round_of_each_loop_it_is_in():
    world = Grid.build({"board": "S....G", "facing": "east"})
    names = Grid.names()
    trace = run(world, parse("repeat 2 [ repeat 2 [ forward ] ] forward", names), set(Grid.actions()), set(Grid.conditions()))
    assert [s.rounds for s in trace.steps] == [(1, 1), (1, 2), (2, 1), (2, 2), ()]
    until = run(world, parse("repeat until at_goal [ forward ]", names), set(Grid.actions()), set(Grid.conditions()))
    assert [s.rounds for s in until.steps] == [(1,), (2,), (3,), (4,), (5,)]
