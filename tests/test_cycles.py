"""An endless loop is called endless only when the run truly comes round again.

The run with ``detect_cycle`` is checked against the plain run (an independent
reference: no cycle bookkeeping) on random programs: the steps it shows are the
plain run's, a reported cycle repeats in the plain run to its step limit, and
without a cycle both runs are the same.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.program import parse
from lessonkit.simulate import Outcome, run
from lessonkit.worlds.grid import Grid

from conftest import programs

ACTIONS = frozenset(Grid.actions())
CONDITIONS = frozenset(Grid.conditions())
BOARDS = ["#####\n#S..G\n#####", "S.*.\n.#..\n..#G", "S..\n.#.\n..G"]
LIMIT = 120


@settings(max_examples=200, deadline=None)
@given(programs(unknown=False), st.sampled_from(BOARDS), st.sampled_from(["north", "east", "south", "west"]))
def test_a_reported_cycle_is_real(program, board, facing):
    world = Grid.build({"board": board, "facing": facing})
    seen = run(world, program, ACTIONS, CONDITIONS, LIMIT, detect_cycle=True)
    plain = run(world, program, ACTIONS, CONDITIONS, LIMIT)
    assert plain.steps[: len(seen.steps)] == seen.steps
    if seen.cycle is None:
        assert seen == plain
        return
    first, length = seen.cycle
    assert seen.outcome is Outcome.STEP_LIMIT and len(seen.steps) == first + length - 1
    assert plain.outcome is Outcome.STEP_LIMIT  # it never ends
    states = [step.state for step in plain.steps]
    for i in range(first - 1, len(states) - length):
        assert states[i] == states[i + length]


def test_a_function_called_twice_is_not_a_cycle():
    # The same card at the same square and facing, but from another call: not endless.
    world = Grid.build({"board": "#####\n#S..G\n#####", "facing": "east"})
    program = parse("def spin [ turn_left turn_left turn_left turn_left ] spin spin forward forward forward", Grid.names())
    trace = run(world, program, ACTIONS, CONDITIONS, LIMIT, detect_cycle=True)
    assert trace.cycle is None and trace.outcome is Outcome.GOAL


def test_a_long_repeat_is_not_a_cycle():
    world = Grid.build({"board": "#####\n#S..G\n#####", "facing": "east"})
    program = parse("repeat 40 [ turn_left ] forward forward forward", Grid.names())
    trace = run(world, program, ACTIONS, CONDITIONS, LIMIT, detect_cycle=True)
    assert trace.cycle is None and trace.outcome is Outcome.GOAL and len(trace.steps) == 43
