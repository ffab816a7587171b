"""The grid robot: a robot on squares, walls, a goal and items to pick up.

Boards are text pictures: ``S`` start, ``G`` goal, ``#`` wall, ``.`` floor,
``*`` an item, ``X`` an obstacle (a cone: ruled like a wall, drawn as a cone,
for maze levels converted from games that have them).  Turns do not move.
Walking into a wall, a cone or off the board is a crash.  The goal is to end the program on ``G`` with every item picked up.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Mapping, NamedTuple

from lessonkit.worlds.base import CardInfo, Failure, Family, World, WorldError


class Facing(enum.IntEnum):
    NORTH = 0
    EAST = 1
    SOUTH = 2
    WEST = 3

    @property
    def delta(self) -> tuple[int, int]:
        return ((-1, 0), (0, 1), (1, 0), (0, -1))[self]

    def left(self) -> "Facing":
        return Facing((self - 1) % 4)

    def right(self) -> "Facing":
        return Facing((self + 1) % 4)

    def back(self) -> "Facing":
        return Facing((self + 2) % 4)


FACING_NAMES = {
    "north": Facing.NORTH, "east": Facing.EAST, "south": Facing.SOUTH, "west": Facing.WEST,
    "up": Facing.NORTH, "right": Facing.EAST, "down": Facing.SOUTH, "left": Facing.WEST,
    "うえ": Facing.NORTH, "みぎ": Facing.EAST, "した": Facing.SOUTH, "ひだり": Facing.WEST,
    # Japanese compass and board words: each names one direction only.
    "北": Facing.NORTH, "東": Facing.EAST, "南": Facing.SOUTH, "西": Facing.WEST,
    "きた": Facing.NORTH, "ひがし": Facing.EAST, "みなみ": Facing.SOUTH, "にし": Facing.WEST,
    "上": Facing.NORTH, "右": Facing.EAST, "下": Facing.SOUTH, "左": Facing.WEST,
    "うえむき": Facing.NORTH, "みぎむき": Facing.EAST, "したむき": Facing.SOUTH, "ひだりむき": Facing.WEST,
    "上向き": Facing.NORTH, "右向き": Facing.EAST, "下向き": Facing.SOUTH, "左向き": Facing.WEST,
}
# Directions as a teacher names them on the board (up is north).
FACING_JA = {Facing.NORTH: "上向き", Facing.EAST: "右向き", Facing.SOUTH: "下向き", Facing.WEST: "左向き"}
# As pupils read the board in a run (kana): up is the top of the sheet.
FACING_KANA = {Facing.NORTH: "うえ", Facing.EAST: "みぎ", Facing.SOUTH: "した", Facing.WEST: "ひだり"}
ARROWS = {Facing.NORTH: "^", Facing.EAST: ">", Facing.SOUTH: "v", Facing.WEST: "<"}

WALL, FLOOR, START, GOAL, ITEM, OBSTACLE = "#", ".", "S", "G", "*", "X"
BOARD_CHARS = {WALL: "wall", FLOOR: "floor", START: "start", GOAL: "goal", ITEM: "item", OBSTACLE: "obstacle"}
BLOCKED = (WALL, OBSTACLE)
MAX_SIDE = 30


def _plural(noun: str, n: int) -> str:
    if n == 1 or noun.endswith("s"):
        return noun
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"  # berry -> berries
    return noun + "s"


# Columns for pupils who do not read Latin letters yet (grades 1-2): kana, in
# the order of the syllabary, as Japanese worksheets label their columns.
KANA_COLUMNS = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ"


def column_label(col: int, kana: bool = False) -> str:
    """Columns are lettered on the printed board: A, B, … Z, AA, AB, … or,
    with ``kana`` (grades 1-2), あ, い, … while the syllabary lasts."""
    if kana and col < len(KANA_COLUMNS):
        return KANA_COLUMNS[col]
    return chr(ord("A") + col) if col < 26 else f"A{chr(ord('A') + col - 26)}"


def square_name(row: int, col: int, kana: bool = False) -> str:
    """The name pupils read off the printed board: 'C2' is column C, row 2
    ('う2' on a board whose columns are kana)."""
    return f"{column_label(col, kana)}{row + 1}"


class GridState(NamedTuple):
    """Immutable and hashable; a tuple so the solver's sets hash it in C."""

    row: int
    col: int
    facing: Facing
    items: frozenset[tuple[int, int]]  # items still on the board


@dataclass(frozen=True)
class Board:
    rows: tuple[str, ...]
    start: tuple[int, int]
    goal: tuple[int, int]
    items: frozenset[tuple[int, int]]

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return len(self.rows[0])

    def inside(self, r: int, c: int) -> bool:
        return 0 <= r < self.height and 0 <= c < self.width

    def is_wall(self, r: int, c: int) -> bool:
        """Blocked: a wall or an obstacle (the rules treat them alike)."""
        return self.rows[r][c] in BLOCKED

    def open(self, r: int, c: int) -> bool:
        return self.inside(r, c) and not self.is_wall(r, c)


def parse_board(text: str) -> Board:
    """Read a board picture; raise WorldError("board", offset, …) when malformed."""
    raw_lines = text.split("\n")
    while raw_lines and raw_lines[-1].strip() == "":
        raw_lines.pop()
    rows: list[str] = []
    offsets: list[int] = []
    offset = 0
    for line in raw_lines:
        stripped = line.rstrip(" ")
        rows.append(stripped)
        offsets.append(offset)
        offset += len(line) + 1
    if not rows or all(not r for r in rows):
        raise WorldError("board", 0, "board is empty; expected rows of '#', '.', 'S', 'G', '*', 'X'")
    width = len(rows[0])
    start = goal = None
    items = set()
    for r, row in enumerate(rows):
        if len(row) != width:
            raise WorldError(
                "board",
                offsets[r] + min(len(row), width),
                f"board row {r + 1} has {len(row)} squares, row 1 has {width}; every row must be as long",
            )
        for c, ch in enumerate(row):
            if ch not in BOARD_CHARS:
                hint = ""
                if ch in "＃．":
                    hint = f"; full-width '{ch}', write '{'#' if ch == '＃' else '.'}'"
                elif ch == " ":
                    hint = "; use '.' for floor"
                elif ch in "xＸ×":
                    hint = "; write a capital 'X' for an obstacle"
                raise WorldError(
                    "board",
                    offsets[r] + c,
                    f"unknown board square {ch!r}; expected '#' wall, '.' floor, 'S' start, 'G' goal, '*' item or 'X' obstacle{hint}",
                )
            if ch == START:
                if start is not None:
                    raise WorldError("board", offsets[r] + c, f"second start 'S' (first at row {start[0] + 1}, column {start[1] + 1}); a board has one start")
                start = (r, c)
            elif ch == GOAL:
                if goal is not None:
                    raise WorldError("board", offsets[r] + c, f"second goal 'G' (first at row {goal[0] + 1}, column {goal[1] + 1}); a board has one goal")
                goal = (r, c)
            elif ch == ITEM:
                items.add((r, c))
    if len(rows) > MAX_SIDE or width > MAX_SIDE:
        raise WorldError("board", 0, f"board is {width}×{len(rows)}; at most {MAX_SIDE}×{MAX_SIDE} squares fit a printed page")
    if start is None:
        raise WorldError("board", 0, "board has no start 'S'")
    if goal is None:
        raise WorldError("board", 0, "board has no goal 'G'")
    return Board(tuple(rows), start, goal, frozenset(items))


class GridWorld(World[GridState]):
    def __init__(self, board: Board, facing: Facing):
        self.board = board
        self.facing = facing

    def initial(self) -> GridState:
        r, c = self.board.start
        return GridState(r, c, self.facing, self.board.items)

    def _move(self, state: GridState, direction: Facing) -> GridState | Failure:
        dr, dc = direction.delta
        r, c = state.row + dr, state.col + dc
        if not self.board.inside(r, c):
            return Failure("fell off the board", "ボードの そとに でた")
        if self.board.rows[r][c] == OBSTACLE:
            return Failure("bumped into a cone", "コーンに ぶつかった")
        if self.board.is_wall(r, c):
            return Failure("bumped into a wall", "かべに ぶつかった")
        return GridState(r, c, state.facing, state.items)

    def act(self, state: GridState, card: str) -> GridState | Failure:
        if card == "forward":
            return self._move(state, state.facing)
        if card == "back":
            return self._move(state, state.facing.back())
        if card == "turn_left":
            return GridState(state.row, state.col, state.facing.left(), state.items)
        if card == "turn_right":
            return GridState(state.row, state.col, state.facing.right(), state.items)
        if card == "pick_up":
            here = (state.row, state.col)
            if here not in state.items:
                return Failure("nothing to pick up here", "ここには ひろう ものが ない")
            return GridState(state.row, state.col, state.facing, state.items - {here})
        raise KeyError(card)

    def sense(self, state: GridState, condition: str) -> bool:
        if condition == "path_ahead":
            d = state.facing
        elif condition == "path_left":
            d = state.facing.left()
        elif condition == "path_right":
            d = state.facing.right()
        elif condition == "at_goal":
            return (state.row, state.col) == self.board.goal
        elif condition == "on_item":
            return (state.row, state.col) in state.items
        else:
            raise KeyError(condition)
        dr, dc = d.delta
        return self.board.open(state.row + dr, state.col + dc)

    def suggested_max_steps(self) -> int:
        # A wall-follower may walk each open square from several sides and turn
        # on it: eight steps a square is plenty, and 200 covers small boards.
        open_squares = sum(ch not in BLOCKED for row in self.board.rows for ch in row)
        return min(10_000, max(200, 8 * open_squares * (1 + len(self.board.items))))

    def is_goal(self, state: GridState) -> bool:
        return (state.row, state.col) == self.board.goal and not state.items

    def why_not_goal(self, state: GridState, lang: str = "en", item: str = "", kana: bool = False) -> str:
        """What is missing, in ``lang``; ``kana``: squares named as a board
        with kana columns names them (grades 1-2)."""
        n = len(state.items)
        at_goal = (state.row, state.col) == self.board.goal
        if lang == "ja":
            thing = item or "アイテム"
            if not at_goal:
                where = f"{square_name(state.row, state.col, kana)}で{FACING_JA[state.facing]}のまま止まり、ゴールに着いていない"
                return where + (f"（{thing}も{n}つ残っている）" if n else "")
            return f"ゴールに着いたが、{thing}が{n}つ残っている"
        thing = item or "item"
        if not at_goal:
            left = f" ({n} {_plural(thing, n)} still to pick up)" if n else ""
            return f"stopped at {square_name(state.row, state.col, kana)}, facing {state.facing.name.lower()}, not on the goal{left}"
        return f"on the goal with {n} {_plural(thing, n)} left to pick up"

    def describe(self, state: GridState) -> str:
        return f"{square_name(state.row, state.col)}, facing {state.facing.name.lower()}"

    def describe_ja(self, state: GridState) -> str:
        # As pupils read the board: up is the top of the sheet.
        return f"{square_name(state.row, state.col)} {FACING_KANA[state.facing]}むき"

    def picture(self, state: GridState) -> str:
        """The board as text, lettered and numbered like the printed one."""
        width = len(str(self.board.height))
        out = [" " * (width + 1) + " ".join(column_label(c)[-1] for c in range(self.board.width))]
        for r, row in enumerate(self.board.rows):
            line = []
            for c, ch in enumerate(row):
                if (r, c) == (state.row, state.col):
                    line.append(ARROWS[state.facing])
                elif ch == ITEM and (r, c) not in state.items:
                    line.append(FLOOR)
                elif ch == START:
                    line.append(FLOOR)
                else:
                    line.append(ch)
            out.append(f"{r + 1:>{width}} " + " ".join(line))
        return "\n".join(out)


class Grid(Family):
    name = "grid"
    title = {"ja": "ロボットを動かす（マス目）", "en": "Grid robot"}
    order = 0
    cards = (
        CardInfo(
            "forward", "まえ", "Forward", "まえに すすむ", "forward", "action", ("すすむ", "まえにすすむ", "前", "前に進む", "進む"),
            "moves one square the way the robot faces; a wall or the board's edge is a crash",
            "ロボットが むいて いる ほうへ 1マス すすむ（かべや ボードの そとは ぶつかる）",
        ),
        CardInfo(
            "turn_left", "ひだり", "Turn left", "ひだりを むく", "turn_left", "action", ("left", "ひだりをむく", "左", "左を向く", "ひだりにまがる", "左に曲がる"),
            "turns a quarter turn to the robot's left without moving",
            "その ばで ロボットから みて ひだりを むく（うごかない）",
        ),
        CardInfo(
            "turn_right", "みぎ", "Turn right", "みぎを むく", "turn_right", "action", ("right", "みぎをむく", "右", "右を向く", "みぎにまがる", "右に曲がる"),
            "turns a quarter turn to the robot's right without moving",
            "その ばで ロボットから みて みぎを むく（うごかない）",
        ),
        CardInfo(
            "back", "うしろ", "Back", "うしろに さがる", "back", "action", ("backward", "さがる", "後ろ", "後ろに下がる", "下がる"),
            "moves one square backwards, still facing the same way",
            "むきを かえずに 1マス うしろへ さがる",
        ),
        CardInfo(
            "pick_up", "ひろう", "Pick up", "ひろう", "pick_up", "action", ("pickup", "take", "拾う"),
            "picks up the item on the robot's square; on an empty square it is a mistake",
            "いる マスの アイテムを ひろう（なにも ない マスでは まちがい）",
        ),
        CardInfo(
            "path_ahead", "まえにすすめる", "Path ahead", "まえに すすめる", "path_ahead", "condition", ("まえがあいている", "まえにみち", "前に進める"),
            "yes when the square in front is open (not a wall, not off the board)",
            "まえの マスが あいて いれば（かべでも そとでも なければ）「はい」",
        ),
        CardInfo(
            "path_left", "ひだりにすすめる", "Path on the left", "ひだりに すすめる", "path_left", "condition", ("ひだりがあいている", "ひだりにみち", "左に進める"),
            "yes when the square on the robot's left is open",
            "ロボットの ひだりの マスが あいて いれば「はい」",
        ),
        CardInfo(
            "path_right", "みぎにすすめる", "Path on the right", "みぎに すすめる", "path_right", "condition", ("みぎがあいている", "みぎにみち", "右に進める"),
            "yes when the square on the robot's right is open",
            "ロボットの みぎの マスが あいて いれば「はい」",
        ),
        CardInfo(
            "at_goal", "ゴール", "At the goal", "ゴールに つく", "at_goal", "condition", ("goal", "ゴールについた", "ゴールに着いた", "ゴールについた？"),
            "yes when the robot stands on the goal",
            "ロボットが ゴールの マスに いれば「はい」",
        ),
        CardInfo(
            "on_item", "アイテム", "On an item", "アイテムの うえに いる", "on_item", "condition", ("item", "アイテムのうえ", "アイテムの上", "アイテムのうえ？"),
            "yes when an item not yet picked up lies on the robot's square",
            "ロボットの いる マスに まだ ひろって いない アイテムが あれば「はい」",
        ),
    )
    puzzle_keys = {"board": "the board picture: S start, G goal, # wall, . floor, * item, X obstacle (a cone)", "facing": "the robot's facing at the start"}

    @classmethod
    def assumed(cls, puzzle: Mapping[str, Any]) -> list[str]:
        if "facing" in puzzle:
            return []
        return ["puzzle has no 'facing', so the robot starts facing east (to the right on the board); say which way it faces, e.g. 'facing: east'"]

    @classmethod
    def build(cls, puzzle: Mapping[str, Any]) -> GridWorld:
        board_text = puzzle.get("board")
        if not isinstance(board_text, str):
            raise WorldError("board", None, "a grid puzzle needs 'board': a picture of rows like '#S..G#'")
        board = parse_board(board_text)
        facing_name = puzzle.get("facing", "east")
        if not isinstance(facing_name, str) or facing_name.lower() not in FACING_NAMES:
            from lessonkit.diagnostics import did_you_mean, quote

            raise WorldError(
                "facing",
                None,
                f"unknown facing {quote(facing_name)}; expected 'north', 'east', 'south' or 'west'"
                + did_you_mean(str(facing_name), ["north", "east", "south", "west"]),
            )
        return GridWorld(board, FACING_NAMES[facing_name.lower()])
