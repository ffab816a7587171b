"""The solver: shortest card sequences and how many there are, checked by counts."""

from __future__ import annotations

import importlib
from collections import deque
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.program import Action, Program
from lessonkit.simulate import Outcome, run
from lessonkit.solve import solve
from lessonkit.worlds.grid import Grid

from conftest import boards
from test_grid import Model

solve_module = importlib.import_module("lessonkit.solve")  # the module, not the function lessonkit re-exports

ALL = ("forward", "turn_left", "turn_right", "back", "pick_up")
BASIC = ("forward", "turn_left", "turn_right")


def model_after(rows, heading, cards):
    """The reference model's state after ``cards``, or None if one crashes."""
    model = Model(rows, heading)
    for card in cards:
        if model.act(card) == "crash":
            return None
    return model


def model_bfs(rows, heading, actions) -> int | None:
    model = Model(rows, heading)
    start = model.state
    seen, queue = {start}, deque([(start, 0)])
    while queue:
        state, depth = queue.popleft()
        model.state = state
        if model.is_goal():
            return depth
        for card in actions:
            model.state = state
            if model.act(card) is None and model.state not in seen:
                seen.add(model.state)
                queue.append((model.state, depth + 1))
    return None


def brute_counts(rows, heading, actions, length) -> list[int]:
    counts = []
    for k in range(length + 1):
        n = 0
        for cards in product(actions, repeat=k):
            model = model_after(rows, heading, cards)
            n += model is not None and model.is_goal()
        counts.append(n)
    return counts


def world_of(rows, heading="east"):
    return Grid.build({"board": "\n".join(rows), "facing": heading})


HEADINGS = st.sampled_from(["north", "east", "south", "west"])


@settings(max_examples=150, deadline=None)
@given(boards(max_side=5, squares="....##*"), HEADINGS, st.sampled_from([BASIC, ALL, ("forward", "turn_right")]))
def test_shortest_matches_the_reference_bfs(rows, heading, actions):
    world = world_of(rows, heading)
    found = solve(world, actions, examples=3)
    assert found.shortest == model_bfs(rows, heading, actions)
    assert found.complete
    if found.shortest is None:
        assert found.examples == () and found.counts == ()
        return
    # Every sequence of the shortest length is a shortest path: the examples are drawn from all of them.
    assert len(found.examples) == min(3, found.counts[found.shortest])
    assert list(found.examples) == sorted(set(found.examples))
    assert found.counts[found.shortest] >= len(found.examples)
    assert all(c == 0 for c in found.counts[: found.shortest])
    for cards in found.examples:
        trace = run(world, Program(tuple(Action(c) for c in cards)), frozenset(actions), frozenset())
        assert trace.outcome is Outcome.GOAL
        assert len(trace.steps) == found.shortest


@settings(max_examples=100, deadline=None)
@given(boards(max_side=3), HEADINGS, st.integers(0, 4))
def test_counts_match_brute_force(rows, heading, length):
    found = solve(world_of(rows, heading), ALL, max_length=length)
    brute = brute_counts(rows, heading, ALL, length)
    if found.shortest is None:
        assert found.counts == () and not any(brute)
    else:
        assert list(found.counts[: length + 1]) == brute
        assert list(found.counts) == model_counts(rows, heading, ALL, len(found.counts) - 1)
        assert found.total == sum(found.counts)


# --- fixed boards, pinned by count ------------------------------------------------------

MAZE_12 = [
    "S..#........",
    ".#.#.######.",
    ".#...#....#.",
    ".####.##.##.",
    "......#..#..",
    "#.###.#.##.#",
    "..#...#....#",
    ".##.###.##.#",
    "....#...#..#",
    ".####.#.#.##",
    "......#...#.",
    "#####.###..G",
]


def model_counts(rows, heading, actions, length) -> list[int]:
    """Sequences of each length ending on the goal, counted layer by layer on the model."""
    model = Model(rows, heading)
    layer = {model.state: 1}
    counts = []
    for k in range(length + 1):
        if k:
            nxt: dict = {}
            for state, n in layer.items():
                for card in actions:
                    model.state = state
                    if model.act(card) is None:
                        nxt[model.state] = nxt.get(model.state, 0) + n
            layer = nxt
        total = 0
        for state, n in layer.items():
            model.state = state
            total += n if model.is_goal() else 0
        counts.append(total)
    return counts


def test_12x12_maze():
    world = world_of(MAZE_12)
    found = solve(world, BASIC, max_length=42)
    assert found.shortest == model_bfs(MAZE_12, "east", BASIC) == 40
    assert found.counts[40:] == (2, 4, 168)
    assert list(found.counts) == model_counts(MAZE_12, "east", BASIC, 42)
    letters = {"forward": "F", "turn_left": "L", "turn_right": "R"}
    assert ["".join(letters[c] for c in seq) for seq in found.examples] == [
        "FFRFFLFFLFFRFFFFFFFRFFFFRFLFFFFRFLFFFLFF",
        "RFFFFLFRFFRFLFFFFLFFFFFLFFRFFRFFLFFRFLFF",
    ]
    for cards in found.examples:
        trace = run(world, Program(tuple(Action(c) for c in cards)), frozenset(BASIC), frozenset())
        assert trace.outcome is Outcome.GOAL and len(trace.steps) == 40


def test_corridor_counts():
    # S..G facing east: 3 forwards; with turns, each extra pair of cards adds ways.
    found = solve(world_of(["S..G"]), BASIC, max_length=5)
    assert found.shortest == 3
    assert found.examples == (("forward", "forward", "forward"),)
    assert found.counts == (0, 0, 0, 1, 2, 10)


def test_items_must_be_picked_up_on_the_way():
    found = solve(Grid.build({"board": "S*G"}), ALL, max_length=4)
    assert found.shortest == 3
    assert found.examples == (("forward", "pick_up", "forward"),)
    assert found.counts == (0, 0, 0, 1, 2)


def test_unsolvable_without_turns():
    found = solve(world_of(["S.", ".G"]), ("forward",))
    assert (found.shortest, found.examples, found.counts, found.complete) == (None, (), (), True)


def test_state_cap_marks_the_search_incomplete(monkeypatch):
    monkeypatch.setattr(solve_module, "MAX_STATES", 10)
    found = solve(world_of(MAZE_12), BASIC)
    assert found.shortest is None and not found.complete
    # Every sequence up to ``depth`` cards was tried, and none reaches the goal.
    assert 0 < found.depth < 40
    assert model_counts(MAZE_12, "east", BASIC, found.depth) == [0] * (found.depth + 1)


def test_again_derives_examples_and_counts_without_a_new_search():
    world = world_of(MAZE_12)
    first = solve(world, BASIC)
    again = first.again(max_length=42, examples=1)
    assert again.examples == first.examples[:1]
    assert again.counts == solve(world, BASIC, max_length=42).counts
    assert first.again().examples == first.examples and first.again().counts == first.counts
