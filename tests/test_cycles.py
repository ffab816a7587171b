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

from conftest import conds, programs

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


# --- the guide and `run` tell the same endless loop ----------------------------------------

import re

from hypothesis import example

from lessonkit.program import Action, Call, Program, Repeat, RepeatUntil, If
from lessonkit.render.guide import endless_from, where_it_goes_wrong
from lessonkit.render.words import word


CYCLES = {"en": 0, "ja": 0}  # endless runs the property test met, by language (see the test after it)


def _claims(world, program, lang: str):
    """What the answer key says (its why-line) and what `lessonkit run` says
    (its reason) about one run, as printed."""
    from lessonkit.cli import _run_outcome

    plain = run(world, program, ACTIONS, CONDITIONS, LIMIT)
    _, why = where_it_goes_wrong(plain, Grid, lang, LIMIT, world, "", program)
    told = run(world, program, ACTIONS, CONDITIONS, LIMIT, detect_cycle=True)
    said = _run_outcome(told, world, {}, lang == "ja", LIMIT, False)
    return plain, why, told, said


def _looping():
    """Programs that often go round for ever: the main program inside a
    repeat-until, small repeats, ifs and a function call inside (random
    programs mostly crash, stop or run out of steps in a long repeat)."""
    leaf = st.builds(Action, st.sampled_from(["forward", "turn_left", "turn_right", "back"])) | st.just(Call("spin"))

    def extend(inner):
        body = st.lists(inner, min_size=1, max_size=3).map(tuple)
        return st.builds(Repeat, st.integers(1, 3), body) | st.builds(If, conds(unknown=False), body, st.none() | body) | st.builds(RepeatUntil, conds(unknown=False), body)

    body = st.lists(st.recursive(leaf, extend, max_leaves=6), min_size=1, max_size=3).map(tuple)
    spin = st.lists(st.builds(Action, st.sampled_from(["forward", "turn_left", "turn_right"])), min_size=1, max_size=3).map(tuple)
    return st.builds(lambda cond, main, f: Program((RepeatUntil(cond, main),), (("spin", f),)), conds(unknown=False), body, spin)


LOOPS = [
    "repeat until at_goal [ repeat 2 [ turn_left ] ]",  # a counted repeat inside: the old guide gave up
    "def spin [ turn_right turn_right ] repeat until at_goal [ forward spin forward spin ]",  # a function
]


@settings(max_examples=150, deadline=None)
@given(_looping() | _looping() | programs(unknown=False), st.sampled_from(BOARDS + ["S...\n....\n...G"]), st.sampled_from(["north", "east", "south", "west"]), st.sampled_from(["en", "ja"]))
@example(parse(LOOPS[0], Grid.names()), BOARDS[0], "east", "en")
@example(parse(LOOPS[0], Grid.names()), BOARDS[0], "east", "ja")
@example(parse(LOOPS[1], Grid.names()), BOARDS[0], "east", "en")
@example(parse(LOOPS[1], Grid.names()), BOARDS[0], "east", "ja")
def test_the_guide_and_run_tell_the_same_endless_loop(program, board, facing, lang):
    """Any program, repeats and functions too: the answer key calls a run
    endless exactly when `run` does, from the same step and with the same
    round, and the two steps it names are one step twice in the plain run."""
    world = Grid.build({"board": board, "facing": facing})
    plain, why, told, said = _claims(world, program, lang)
    if plain.outcome is not Outcome.STEP_LIMIT:
        assert told.cycle is None
        return
    pattern = re.escape(word("why_cycle", lang, a="@A@", b="@B@")).replace("@A@", "(?P<a>\\d+)").replace("@B@", "(?P<b>\\d+)")
    m = re.search(pattern, why)
    run_says = re.match(r"from step (\d+) the robot|(\d+)ステップめ から", said) if told.cycle else None
    assert (m is not None) == (told.cycle is not None) == (run_says is not None)
    if m is None:
        return
    a, b = int(m["a"]), int(m["b"])
    CYCLES[lang] += 1
    first, length = told.cycle
    assert int(run_says.group(1) or run_says.group(2)) == first
    assert b - a == length and a == max(first - 1, 1)
    # Independently of the cycle bookkeeping: step b is step a again in the plain run.
    if b <= len(plain.steps):
        one, again = plain.steps[a - 1], plain.steps[b - 1]
        assert (one.card, one.where, one.state) == (again.card, again.where, again.state)


def test_the_property_met_endless_loops_in_both_languages():
    # Run after the property test (file order): it must have compared real cycles, not only finite runs.
    assert CYCLES["en"] >= 2 and CYCLES["ja"] >= 2, CYCLES


def test_an_endless_loop_inside_a_repeat_is_told_in_the_guide_too():
    """The guide's old detector gave up on any repeat or function: a loop that
    only turns on the spot inside a counted repeat, inside an endless
    repeat-until, is endless, and the guide says from where as run does."""
    world = Grid.build({"board": "#####\n#S..G\n#####", "facing": "east"})
    program = parse("repeat until at_goal [ repeat 2 [ turn_left ] ]", Grid.names())
    assert endless_from(world, program, Grid, LIMIT) == (1, 5)
    _, why, told, said = _claims(world, program, "en")
    assert told.cycle == (2, 4)  # after step 1 the run is where it is again after step 5
    assert why == "Why: " + word("why_cycle", "en", a=1, b=5)
    assert said.startswith("from step 2 the robot repeats the same 4 positions: an endless loop")
