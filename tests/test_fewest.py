"""The fewest-cards search against brute force: every program up to a size, run by the interpreter.

The brute force knows nothing of the search's pruning: it builds every card
program of each size the palette allows (ifs in the main program, repeat 1,
empty blocks and all), runs each, and takes the smallest size that reaches the
goal.  The search must agree, and what it shows must run to the goal.
"""

from __future__ import annotations

from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.fewest import cards_laid, fewest
from lessonkit.program import Action, Call, Cond, If, Program, Repeat, RepeatUntil
from lessonkit.simulate import run
from lessonkit.solve import solve
from lessonkit.worlds.grid import Grid

from conftest import boards

ACTIONS = Grid.actions()
CONDITIONS = Grid.conditions()
HEADINGS = st.sampled_from(["north", "east", "south", "west"])
MAX_STEPS = 40
COUNTS = range(1, 9)  # repeat counts the brute force tries: past a 2x3 board's rounds that matter


def world_of(rows, heading):
    return Grid.build({"board": "\n".join(rows), "facing": heading})


@lru_cache(maxsize=None)
def brute_bodies(size: int, actions: tuple, conds: tuple, call: bool) -> tuple:
    """Every body of exactly ``size`` cards (End cards counted), unpruned."""
    if size == 0:
        return ((),)
    out = []
    for first in range(1, size + 1):
        for node in brute_nodes(first, actions, conds, call):
            for rest in brute_bodies(size - first, actions, conds, call):
                out.append((node,) + rest)
    return tuple(out)


@lru_cache(maxsize=None)
def brute_nodes(size: int, actions: tuple, conds: tuple, call: bool) -> tuple:
    out = []
    if size == 1:
        out += [Action(a) for a in actions] + ([Call("g")] if call else [])
    if size >= 2:
        out += [Repeat(n, b) for b in brute_bodies(size - 2, actions, conds, call) for n in COUNTS]
    for cond in conds:
        inner = size - 3 - cond.negated
        if inner >= 0:
            out += [RepeatUntil(cond, b) for b in brute_bodies(inner, actions, conds, call)]
            out += [If(cond, b) for b in brute_bodies(inner, actions, conds, call)]
        for t in range(0, inner):
            for then in brute_bodies(t, actions, conds, call):
                out += [If(cond, then, e) for e in brute_bodies(inner - 1 - t, actions, conds, call)]
    return tuple(out)


def brute_fewest(world, palette: dict, up_to: int, stop: bool) -> int | None:
    actions = tuple(a for a in ACTIONS if a in palette)
    conds = tuple(Cond(c, neg) for c in CONDITIONS if c in palette for neg in ((False, True) if "not" in palette else (False,)))
    function = palette.get("function", 0) > 0 and palette.get("call", 0) > 0
    for size in range(up_to + 1):
        candidates = [Program(b) for b in brute_bodies(size, actions, conds, False)]
        if function:
            for d in range(0, size - 2):
                for fbody in brute_bodies(d, actions, conds, False):
                    candidates += [Program(m, (("g", fbody),)) for m in brute_bodies(size - 2 - d, actions, conds, True)]
        for program in candidates:
            assert cards_laid(program) == size
            if any(n > palette.get(card, 0) for card, n in program.card_counts().items()):
                continue
            if run(world, program, frozenset(ACTIONS), frozenset(CONDITIONS), MAX_STEPS, stop_at_goal=stop).reached_goal:
                return size
    return None


PALETTES = st.sampled_from([
    {"forward": 2, "turn_right": 1, "repeat": 1},
    {"forward": 1, "turn_left": 1, "repeat": 2},
    {"forward": 1, "turn_left": 1, "turn_right": 1, "repeat_until": 1, "at_goal": 1},
    {"forward": 1, "turn_right": 1, "if": 1, "else": 1, "repeat_until": 1, "path_ahead": 1, "at_goal": 1},
    {"forward": 1, "turn_left": 1, "pick_up": 1, "function": 1, "call": 2},
    {"forward": 2, "turn_right": 1, "if": 1, "not": 1, "path_ahead": 1, "repeat": 1},
])


@settings(max_examples=60, deadline=None)
@given(boards(max_side=3, squares="...#*"), HEADINGS, PALETTES, st.booleans())
def test_fewest_matches_brute_force(rows, heading, palette, stop):
    world = world_of(rows, heading)
    up_to = 5
    found = fewest(world, palette, ACTIONS, CONDITIONS, stop_at_goal=stop, max_steps=MAX_STEPS, up_to=up_to)
    assert found.complete or found.searched == up_to
    brute = brute_fewest(world, palette, up_to, stop)
    assert found.cards == brute
    if found.program is not None:
        assert cards_laid(found.program) == found.cards
        assert all(n <= palette.get(card, 0) for card, n in found.program.card_counts().items())
        trace = run(world, found.program, frozenset(ACTIONS), frozenset(CONDITIONS), MAX_STEPS, stop_at_goal=stop)
        assert trace.reached_goal


@settings(max_examples=60, deadline=None)
@given(boards(max_side=4, squares="...#*"), HEADINGS)
def test_without_block_cards_the_fewest_is_the_shortest_row(rows, heading):
    palette = {"forward": 9, "turn_left": 9, "turn_right": 9, "pick_up": 9}
    world = world_of(rows, heading)
    row = solve(world, tuple(palette))
    found = fewest(world, palette, ACTIONS, CONDITIONS, max_steps=MAX_STEPS, up_to=9)
    if row.shortest is not None and row.shortest <= 9:
        assert found.cards == row.shortest
    else:
        assert found.cards is None


def test_max_cards_bounds_the_search_and_the_claim():
    world = world_of(["S....G"], "east")
    palette = {"forward": 5, "repeat": 1}
    assert fewest(world, palette, ACTIONS, CONDITIONS).cards == 3  # repeat 5 [ forward ]
    capped = fewest(world, palette, ACTIONS, CONDITIONS, max_cards=2)
    assert (capped.cards, capped.complete, capped.searched, capped.limit) == (None, True, 2, 2)


def test_the_kit_limits_each_card():
    world = world_of(["S...G"], "east")
    assert fewest(world, {"forward": 3}, ACTIONS, CONDITIONS).cards is None
    found = fewest(world, {"forward": 4}, ACTIONS, CONDITIONS)
    assert found.cards == 4 and found.complete


def test_a_budget_stops_with_an_honest_claim():
    world = world_of(["S.#.", "..#.", "...G"], "east")
    palette = {"forward": 6, "turn_left": 3, "turn_right": 3, "repeat": 3, "if": 2, "path_ahead": 1}
    cut = fewest(world, palette, ACTIONS, CONDITIONS, budget=200)
    assert not cut.complete and cut.cards is None and cut.work > 200
    full = fewest(world, palette, ACTIONS, CONDITIONS)
    assert full.cards is not None and full.cards > cut.searched


def test_a_function_called_three_times_is_the_fewest():
    # Six forwards and three pick-ups from a kit of four and two: only a function lays it.
    world = world_of(["S*.*.*G"], "east")
    palette = {"forward": 4, "pick_up": 2, "function": 1, "call": 3}
    found = fewest(world, palette, ACTIONS, CONDITIONS)
    assert found.cards == 8 and found.complete  # function, its 3 cards, End, 3 calls
    assert found.program == Program((Call("f"),) * 3, (("f", (Action("forward"), Action("pick_up"), Action("forward"))),))


def test_the_lint_leaves_a_function_solution_alone():
    from lessonkit.check import check_bytes
    from lessonkit.spec.load import Report

    from conftest import LESSON, edit

    lesson = edit("  repeat: 2\n", "  repeat: 2\n  function: 1\n  call: 3\n")
    row = edit("    solution: repeat 3 [ forward ]\n", "    solution: forward forward forward forward forward forward\n", lesson)
    row = row.replace("#S..G", "#S.....G").replace("#####", "########").replace("      - forward forward forward\n", "").replace("    alternatives:\n", "")
    function = row.replace("    solution: forward forward forward forward forward forward\n", "    solution: def f [ forward forward ] f f f\n")
    said = [d.message for d in check_bytes(row.encode(), Report("l.yaml")).diagnostics]
    assert "solution lays 6 cards; 3 are enough (3 fewer, End cards counted): repeat 6 [ forward ]" in said
    quiet = [d.message for d in check_bytes(function.encode(), Report("l.yaml")).diagnostics]
    assert not any("are enough" in m for m in quiet), quiet
