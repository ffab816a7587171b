"""The grid world against a small reference model written here from the rules.

The model keeps its own board as a dict of squares and its own compass table,
so a slip in Facing's arithmetic or in a card's rule shows as a disagreement.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from lessonkit.worlds import Failure, WorldError, find_family
from lessonkit.worlds.grid import Facing, Grid, GridState, parse_board

from conftest import boards

# --- the reference model ---------------------------------------------------------

STEP = {"north": (-1, 0), "east": (0, 1), "south": (1, 0), "west": (0, -1)}
LEFT_OF = {"north": "west", "west": "south", "south": "east", "east": "north"}
RIGHT_OF = {v: k for k, v in LEFT_OF.items()}
OPPOSITE = {"north": "south", "south": "north", "east": "west", "west": "east"}
CARDS = ("forward", "back", "turn_left", "turn_right", "pick_up")
CONDITIONS = ("path_ahead", "path_left", "path_right", "at_goal", "on_item")


class Model:
    """(row, col, heading, items) as a plain tuple; squares as a dict."""

    def __init__(self, rows: list[str], heading: str):
        self.squares = {(r, c): ch for r, row in enumerate(rows) for c, ch in enumerate(row)}
        self.start = next(k for k, v in self.squares.items() if v == "S")
        self.goal = next(k for k, v in self.squares.items() if v == "G")
        self.state = (*self.start, heading, frozenset(k for k, v in self.squares.items() if v == "*"))

    def free(self, square) -> bool:
        return square in self.squares and self.squares[square] != "#"

    def ahead(self, heading: str):
        r, c, _, _ = self.state
        dr, dc = STEP[heading]
        return (r + dr, c + dc)

    def act(self, card: str) -> str | None:
        """Apply a card; return 'crash' (state unchanged) or None."""
        r, c, heading, items = self.state
        if card in ("forward", "back"):
            target = self.ahead(heading if card == "forward" else OPPOSITE[heading])
            if not self.free(target):
                return "crash"
            self.state = (*target, heading, items)
        elif card == "turn_left":
            self.state = (r, c, LEFT_OF[heading], items)
        elif card == "turn_right":
            self.state = (r, c, RIGHT_OF[heading], items)
        elif card == "pick_up":
            if (r, c) not in items:
                return "crash"
            self.state = (r, c, heading, items - {(r, c)})
        return None

    def sense(self, condition: str) -> bool:
        r, c, heading, items = self.state
        if condition == "at_goal":
            return (r, c) == self.goal
        if condition == "on_item":
            return (r, c) in items
        turn = {"path_ahead": heading, "path_left": LEFT_OF[heading], "path_right": RIGHT_OF[heading]}[condition]
        return self.free(self.ahead(turn))

    def is_goal(self) -> bool:
        return self.state[:2] == self.goal and not self.state[3]


def as_model_state(state: GridState) -> tuple:
    return (state.row, state.col, state.facing.name.lower(), state.items)


# --- random boards -----------------------------------------------------------------


HEADINGS = st.sampled_from(["north", "east", "south", "west"])


class GridAgainstModel(RuleBasedStateMachine):
    @initialize(rows=boards(), heading=HEADINGS)
    def setup(self, rows, heading):
        self.world = Grid.build({"board": "\n".join(rows) + "\n", "facing": heading})
        self.state = self.world.initial()
        self.model = Model(rows, heading)

    @rule(card=st.sampled_from(CARDS))
    def act(self, card):
        result = self.world.act(self.state, card)
        expected = self.model.act(card)
        if expected == "crash":
            assert isinstance(result, Failure), (card, self.state)
        else:
            assert isinstance(result, GridState), (card, self.state, result)
            self.state = result

    @invariant()
    def same_state(self):
        if hasattr(self, "model"):
            assert as_model_state(self.state) == self.model.state

    @invariant()
    def same_senses(self):
        if hasattr(self, "model"):
            for condition in CONDITIONS:
                assert self.world.sense(self.state, condition) == self.model.sense(condition), condition
            assert self.world.is_goal(self.state) == self.model.is_goal()

    @invariant()
    def states_are_hashable_values(self):
        if hasattr(self, "model"):
            copy = GridState(self.state.row, self.state.col, self.state.facing, frozenset(self.state.items))
            assert copy == self.state and hash(copy) == hash(self.state)


TestGridAgainstModel = GridAgainstModel.TestCase
TestGridAgainstModel.settings = settings(max_examples=150, stateful_step_count=30, deadline=None)


# --- unit tests --------------------------------------------------------------------


def test_facing_turns():
    assert [f.left() for f in Facing] == [Facing.WEST, Facing.NORTH, Facing.EAST, Facing.SOUTH]
    assert [f.right() for f in Facing] == [Facing.EAST, Facing.SOUTH, Facing.WEST, Facing.NORTH]
    assert [f.back() for f in Facing] == [Facing.SOUTH, Facing.WEST, Facing.NORTH, Facing.EAST]


def test_family_is_registered():
    assert find_family("grid") is Grid
    assert Grid.actions() == ("forward", "turn_left", "turn_right", "back", "pick_up")
    assert Grid.conditions() == CONDITIONS
    names = Grid.names()
    assert names["まえ"] == "forward" and names["left"] == "turn_left" and names["ゴール"] == "at_goal"


@given(boards(), HEADINGS)
def test_board_parses_back(rows, heading):
    board = parse_board("\n".join(rows))
    assert board.rows == tuple(rows)
    assert rows[board.start[0]][board.start[1]] == "S"
    assert rows[board.goal[0]][board.goal[1]] == "G"
    assert board.items == {(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == "*"}


def test_trailing_spaces_and_blank_lines_are_ignored():
    assert parse_board("S.G  \n\n\n").rows == ("S.G",)


@pytest.mark.parametrize(
    "text, offset, message",
    [
        ("", 0, "board is empty; expected rows of '#', '.', 'S', 'G', '*', 'X'"),
        ("S.G\n.#", 6, "board row 2 has 2 squares, row 1 has 3; every row must be as long"),
        ("S.G\n.#..", 7, "board row 2 has 4 squares, row 1 has 3; every row must be as long"),
        ("S.S\n..G", 2, "second start 'S' (first at row 1, column 1); a board has one start"),
        ("SGG", 2, "second goal 'G' (first at row 1, column 2); a board has one goal"),
        ("S..", 0, "board has no goal 'G'"),
        ("..G", 0, "board has no start 'S'"),
        ("S x G", 1, "unknown board square ' '; expected '#' wall, '.' floor, 'S' start, 'G' goal, '*' item or 'X' obstacle; use '.' for floor"),
        ("S.．G", 2, "unknown board square '．'; expected '#' wall, '.' floor, 'S' start, 'G' goal, '*' item or 'X' obstacle; full-width '．', write '.'"),
        ("S" + "." * 30 + "G", 0, "board is 32×1; at most 30×30 squares fit a printed page"),
    ],
)
def test_bad_boards(text, offset, message):
    with pytest.raises(WorldError) as info:
        parse_board(text)
    assert (info.value.key, info.value.offset, info.value.message) == ("board", offset, message)


def test_build_needs_a_board_and_a_known_facing():
    with pytest.raises(WorldError) as info:
        Grid.build({})
    assert (info.value.key, info.value.message) == ("board", "a grid puzzle needs 'board': a picture of rows like '#S..G#'")
    with pytest.raises(WorldError) as info:
        Grid.build({"board": "SG", "facing": "nroth"})
    assert (info.value.key, info.value.message) == ("facing", "unknown facing 'nroth'; expected 'north', 'east', 'south' or 'west'; did you mean 'north'?")
    assert Grid.build({"board": "SG", "facing": "ひだり"}).initial().facing is Facing.WEST
    assert Grid.build({"board": "SG", "facing": "Up"}).initial().facing is Facing.NORTH
    assert Grid.build({"board": "SG"}).initial().facing is Facing.EAST


def test_failures_say_why():
    world = Grid.build({"board": "#S*G", "facing": "east"})
    s = world.initial()
    assert world.act(s, "back") == Failure("bumped into a wall", "かべに ぶつかった")
    assert world.act(s, "pick_up") == Failure("nothing to pick up here", "ここには ひろう ものが ない")
    s = world.act(world.act(world.act(s, "forward"), "pick_up"), "forward")
    assert world.act(s, "forward") == Failure("fell off the board", "ボードの そとに でた")
    assert world.is_goal(s)


def test_goal_needs_every_item():
    world = Grid.build({"board": "S*G"})
    s = world.act(world.act(world.initial(), "forward"), "forward")
    assert not world.is_goal(s)
    assert world.why_not_goal(s) == "on the goal with 1 item left to pick up"
    assert world.why_not_goal(world.initial()) == "stopped at A1, facing east, not on the goal (1 item still to pick up)"
    assert world.why_not_goal(s, "ja", "どんぐり") == "ゴールに着いたが、どんぐりが1つ残っている"
    assert world.why_not_goal(world.initial(), "ja") == "A1で右向きのまま止まり、ゴールに着いていない（アイテムも1つ残っている）"
    assert world.why_not_goal(s, "en", "berry") == "on the goal with 1 berry left to pick up"


def test_picture_shows_the_robot_and_picked_items():
    world = Grid.build({"board": "#S*\n..G", "facing": "south"})
    s = world.act(world.act(world.act(world.initial(), "turn_left"), "forward"), "pick_up")
    assert world.picture(world.initial()) == "  A B C\n1 # v *\n2 . . G"
    assert world.picture(s) == "  A B C\n1 # . >\n2 . . G"
