"""Graph-paper drawing: a pen on squares, moved by fixed directions, that fills.

The target picture is a text picture: ``#`` a square to fill, ``.`` one to
leave empty.  The pen starts on the square ``pen`` names (``A1`` is the top
left: columns are letters, rows numbers, as on the grid robot's board).  The
cards move the pen one square up, down, left or right (fixed directions: the
pen has no facing) and ``fill`` colours the square it is on.  Moving off the
paper is a crash; filling a square the picture leaves empty is a mistake,
reported at that step.  The goal: the filled squares are exactly the
picture's.

A puzzle with ``decode: true`` goes the other way: pupils get the program and
draw what it makes; the check runs the program and it must draw the picture.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any, ClassVar, Mapping, NamedTuple

from lessonkit.worlds.base import CardInfo, Failure, Family, Problem, World, WorldError
from lessonkit.worlds.grid import column_label, square_name

FILLED, EMPTY = "#", "."
MIN_SIDE, MAX_SIDE = 4, 16
MOVES = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}
SEARCH_BUDGET = 5_000  # search nodes for the shortest plain program: an 8×8 picture is proven well within it (the heart: under 5,000); a 12×12 one stops at it in about a second


class PaperState(NamedTuple):
    row: int
    col: int
    filled: frozenset[tuple[int, int]]


@dataclass(frozen=True)
class Picture:
    rows: tuple[str, ...]
    target: frozenset[tuple[int, int]]

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return len(self.rows[0])


def parse_picture(text: str) -> Picture:
    """Read a picture; raise WorldError("picture", offset, …) when malformed."""
    lines = text.split("\n")
    while lines and lines[-1].strip() == "":
        lines.pop()
    rows: list[str] = []
    offsets: list[int] = []
    offset = 0
    for line in lines:
        rows.append(line.rstrip(" "))
        offsets.append(offset)
        offset += len(line) + 1
    if not rows or all(not r for r in rows):
        raise WorldError("picture", 0, "picture is empty; expected rows of '#' (fill) and '.' (leave empty)")
    width = len(rows[0])
    target = set()
    for r, row in enumerate(rows):
        if len(row) != width:
            raise WorldError(
                "picture",
                offsets[r] + min(len(row), width),
                f"picture row {r + 1} has {len(row)} squares, row 1 has {width}; every row must be as long",
            )
        for c, ch in enumerate(row):
            if ch == FILLED:
                target.add((r, c))
            elif ch != EMPTY:
                hint = ""
                if ch in "＃．":
                    hint = f"; full-width '{ch}', write '{'#' if ch == '＃' else '.'}'"
                elif ch == " ":
                    hint = "; use '.' for an empty square"
                elif ch in "SsGg":
                    hint = "; the pen's start is the puzzle's 'pen' key (e.g. pen: A1)"
                raise WorldError("picture", offsets[r] + c, f"unknown picture square {ch!r}; expected '#' (fill) or '.' (leave empty){hint}")
    h = len(rows)
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise WorldError("picture", 0, f"picture is {width}×{h} squares; graph paper is {MIN_SIDE}×{MIN_SIDE} up to {MAX_SIDE}×{MAX_SIDE}")
    if not target:
        raise WorldError("picture", 0, "picture has no '#' square to fill")
    return Picture(tuple(rows), frozenset(target))


def parse_square(text: str, height: int, width: int) -> tuple[int, int]:
    """'C3' -> (row 2, column 2); raise WorldError("pen", …) when it is not on the paper."""
    last = column_label(width - 1)
    where = f"columns run A–{last}, rows 1–{height}"
    raw = text.strip()
    letters = raw[:1].upper()
    digits = raw[1:]
    if len(raw) < 2 or not ("A" <= letters <= "Z") or not digits.isascii() or not digits.isdecimal():
        raise WorldError("pen", None, f"pen start '{text}' is not a square; expected a column letter and a row number like 'A1' ({where})")
    col, row = ord(letters) - ord("A"), int(digits) - 1
    if not (0 <= row < height and 0 <= col < width):
        raise WorldError("pen", None, f"pen start '{text}' is outside the {width}×{height} paper; {where}")
    return row, col


class PaperWorld(World[PaperState]):
    def __init__(self, picture: Picture, pen: tuple[int, int], decode: bool = False, kana: bool = False):
        self.picture_spec = picture
        self.pen = pen
        self.decode = decode
        self.kana = kana  # squares named as a sheet with kana columns names them (あ1: grades 1-2)

    def square(self, row: int, col: int) -> str:
        return square_name(row, col, self.kana)

    @property
    def height(self) -> int:
        return self.picture_spec.height

    @property
    def width(self) -> int:
        return self.picture_spec.width

    @property
    def target(self) -> frozenset[tuple[int, int]]:
        return self.picture_spec.target

    def initial(self) -> PaperState:
        return PaperState(self.pen[0], self.pen[1], frozenset())

    def act(self, state: PaperState, card: str) -> PaperState | Failure:
        if card in MOVES:
            dr, dc = MOVES[card]
            r, c = state.row + dr, state.col + dc
            if not (0 <= r < self.height and 0 <= c < self.width):
                return Failure("went off the paper", "マスの そとに でた")
            return PaperState(r, c, state.filled)
        if card == "fill":
            here = (state.row, state.col)
            if here not in self.target:
                name = self.square(*here)
                return Failure(f"{name} should stay empty", f"{name}は ぬらない マス")
            return PaperState(state.row, state.col, state.filled | {here})
        raise KeyError(card)

    def sense(self, state: PaperState, condition: str) -> bool:
        if condition == "filled":
            return (state.row, state.col) in state.filled
        edges = {"edge_up": state.row == 0, "edge_down": state.row == self.height - 1, "edge_left": state.col == 0, "edge_right": state.col == self.width - 1}
        if condition in edges:
            return edges[condition]
        raise KeyError(condition)

    def is_goal(self, state: PaperState) -> bool:
        return state.filled == self.target

    def why_not_goal(self, state: PaperState, lang: str = "en", item: str = "", kana: bool = False) -> str:
        """What is still to fill, in ``lang``; squares named with kana
        columns for grades 1-2 (the lesson's world, or ``kana``)."""
        left = sorted(self.target - state.filled)
        kana = kana or self.kana
        if lang == "ja":
            names = "、".join(square_name(r, c, kana) for r, c in left[:4]) + ("…" if len(left) > 4 else "")
            return f"まだ ぬって いない マスが {len(left)}こ ある（{names}）"
        names = ", ".join(square_name(r, c, kana) for r, c in left[:4]) + (", …" if len(left) > 4 else "")
        return f"{len(left)} square{'s' if len(left) != 1 else ''} still to fill ({names})"

    def reached(self, state: PaperState, lang: str = "en") -> str:
        """The picture drawn: every square of it filled, no other."""
        n = len(state.filled)
        if lang == "ja":
            return f"え が かけた（{n}マス ぬった）"
        return f"the picture is drawn ({n} square{'s' if n != 1 else ''} filled)"

    def describe(self, state: PaperState) -> str:
        n = len(state.filled)
        return f"pen on {self.square(state.row, state.col)}, {n} filled"

    def describe_ja(self, state: PaperState) -> str:
        return f"ペンは {self.square(state.row, state.col)}、ぬった マス {len(state.filled)}"

    def suggested_max_steps(self) -> int:
        return max(200, 8 * self.height * self.width)

    def picture(self, state: PaperState) -> str:
        """The paper as text: '#' filled, '+' the pen, '.' empty."""
        width = len(str(self.height))
        if self.kana:  # a kana is two columns wide in a terminal: the width of a square and its space
            head = "".join(m if len(m) == 1 and ord(m) > 0x3000 else m[-1] + " " for m in (column_label(c, True) for c in range(self.width)))
            out = [(" " * (width + 1) + head).rstrip()]
        else:
            out = [" " * (width + 1) + " ".join(column_label(c)[-1] for c in range(self.width))]
        for r in range(self.height):
            line = []
            for c in range(self.width):
                if (r, c) == (state.row, state.col):
                    line.append("@" if (r, c) in state.filled else "+")
                else:
                    line.append(FILLED if (r, c) in state.filled else EMPTY)
            out.append(f"{r + 1:>{width}} " + " ".join(line))
        return "\n".join(out)


# -- the solver ---------------------------------------------------------------


@dataclass(frozen=True)
class PaperSolution:
    """The shortest plain program (no repeat cards) and a short one with repeat.

    ``plain`` is proven shortest when ``proven``; otherwise it is the shortest
    found and ``lower`` is a bound no program can beat.  ``looped`` is the
    shortest program with repeat cards the search found (counted with its End
    cards, as a group lays it out), among compressions of several drawing
    orders; every program here was run and draws the picture.
    """

    plain: tuple[str, ...]
    proven: bool
    lower: int
    looped: Any  # lessonkit.program.Program
    looped_cards: int
    rows_tried: int = 0  # the drawing orders (card rows) packed into repeat blocks
    packings: tuple = ()  # (cards, program) of every row packed, each run to the picture
    kit_short: bool = False  # no packing fits the kit's card counts: ``looped`` needs more cards than a group holds
    own_answer: bool = False  # ``looped`` is the lesson's own answer: no packing the search found that fits the kit is shorter


def _dist(a: tuple[int, int], b: tuple[int, int]) -> int:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


class _Board:
    """The picture's squares as bits of one integer (row-major, a spare column
    so a shift never wraps a row), for a fast search."""

    def __init__(self, world: "PaperWorld"):
        self.h, self.w = world.height, world.width
        self.stride = self.w + 1
        self.cells = sorted(world.target)
        self.bit = {cell: 1 << (cell[0] * self.stride + cell[1]) for cell in self.cells}
        self.cell_of = {b.bit_length() - 1: cell for cell, b in self.bit.items()}
        row = (1 << self.w) - 1
        self.inside = sum(row << (r * self.stride) for r in range(self.h))
        self._rects: dict[tuple[int, int], dict[tuple[int, int], int]] = {}
        self._near: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._joins: dict[int, tuple[int, int]] = {}

    def mask(self, cells) -> int:
        out = 0
        for cell in cells:
            out |= self.bit[cell]
        return out

    def each(self, mask: int):
        while mask:
            low = mask & -mask
            yield self.cell_of[low.bit_length() - 1]
            mask ^= low

    def rects(self, cur: tuple[int, int]) -> dict[tuple[int, int], int]:
        """For each target: the other targets inside the rectangle from ``cur`` to it."""
        found = self._rects.get(cur)
        if found is None:
            found = {}
            for t in self.cells:
                r0, r1 = sorted((cur[0], t[0]))
                c0, c1 = sorted((cur[1], t[1]))
                found[t] = self.mask(x for x in self.cells if x != t and r0 <= x[0] <= r1 and c0 <= x[1] <= c1)
            self._rects[cur] = found
        return found

    def nearest(self, cur: tuple[int, int], mask: int) -> int:
        order = self._near.get(cur)
        if order is None:
            order = self._near[cur] = sorted(self.cells, key=lambda t: _dist(cur, t))
        for t in order:
            if mask & self.bit[t]:
                return _dist(cur, t)
        return 0

    def _grow(self, seed: int) -> int:
        s = self.stride
        return (seed | seed << 1 | seed >> 1 | seed << s | seed >> s) & self.inside

    def pieces(self, mask: int) -> list[int]:
        """The picture's pieces still to fill (4-connected), as masks."""
        out = []
        while mask:
            seed = mask & -mask
            while True:
                grown = self._grow(seed) & mask
                if grown == seed:
                    break
                seed = grown
            mask ^= seed
            out.append(seed)
        return out

    def joining(self, mask: int) -> tuple[int, int]:
        """(pieces, the least total length of jumps joining them all): Prim's
        tree over the pieces, each jump's length found by growing the tree
        one square at a time (Manhattan distance, as the pen moves)."""
        found = self._joins.get(mask)
        if found is None:
            pieces = self.pieces(mask)
            tree, rest, total = pieces[0], pieces[1:], 0
            while rest:
                reach, d = tree, 0
                while True:
                    d += 1
                    reach = self._grow(reach)
                    hit = next((p for p in rest if p & reach), None)
                    if hit is not None:
                        break
                total += d
                tree |= hit
                rest.remove(hit)
            found = self._joins[mask] = (len(pieces), total)
        return found

    def bound(self, cur: tuple[int, int], mask: int, size: int) -> int:
        """Moves still needed, at least: to the nearest square left, one a
        square within each piece, and the jumps of a tree joining the pieces
        (any walk through all of them is at least that long)."""
        if not mask:
            return 0
        pieces, jumps = self.joining(mask)
        return self.nearest(cur, mask) + size - pieces + jumps


def _walk(a: tuple[int, int], b: tuple[int, int], across_first: bool = True) -> list[str]:
    dr, dc = b[0] - a[0], b[1] - a[1]
    across = ["right" if dc > 0 else "left"] * abs(dc)
    down = ["down" if dr > 0 else "up"] * abs(dr)
    return across + down if across_first else down + across


def _can_step(a: tuple[int, int], b: tuple[int, int], moves: frozenset[str]) -> bool:
    """Whether the pen can go from ``a`` to ``b`` with only these move cards
    (on open paper the way is then the Manhattan one, never longer)."""
    return not _needs(a, b) - moves


def _needs(a: tuple[int, int], b: tuple[int, int]) -> frozenset[str]:
    """The move cards any way from ``a`` to ``b`` must use."""
    dr, dc = b[0] - a[0], b[1] - a[1]
    return frozenset(name for name, hit in (("down", dr > 0), ("up", dr < 0), ("right", dc > 0), ("left", dc < 0)) if hit)


def _monotone_order(start: tuple[int, int], targets, moves: frozenset[str]) -> list[tuple[int, int]] | None:
    """An order that fills every target with only ``moves``, or None when
    none does.  Exact: along an axis with both directions the pen goes
    freely; with one it can only go that way, so every order must be sorted
    along it; with none it cannot leave its line.  Sorting by the one-way
    axes gives the only candidate (up to ties a free axis resolves)."""

    def key(t):
        out = []
        for minus, plus, coord in (("up", "down", t[0]), ("left", "right", t[1])):
            if (minus in moves) == (plus in moves):
                out.append(0 if minus in moves else coord)
            else:
                out.append(coord if plus in moves else -coord)
        return tuple(out)

    order = sorted(targets, key=lambda t: (key(t), t))
    cur = start
    for t in order:
        if not _can_step(cur, t, moves):
            return None
        cur = t
    return order


def cannot_draw(world: "PaperWorld", actions) -> str | None:
    """Why no program of these cards draws the picture (a reason that holds
    for every order of filling), or None when some program does."""
    moves = frozenset(actions) & frozenset(MOVES)
    if "fill" not in actions:
        return "no square can be coloured without a 'fill' card"
    if _monotone_order(world.pen, world.target, moves) is not None:
        return None
    pen = world.square(*world.pen)
    for t in sorted(world.target):
        missing = _needs(world.pen, t) - moves
        if missing:
            return f"the pen starts on {pen}, and reaching {world.square(*t)} needs {_cards(missing)}"
    cells = sorted(world.target)
    for i, a in enumerate(cells):
        for b in cells[i + 1 :]:
            there, back = _needs(a, b) - moves, _needs(b, a) - moves
            if there and back:
                na, nb = world.square(*a), world.square(*b)
                return f"no order fills both {na} and {nb}: going from {na} to {nb} needs {_cards(there)}, and from {nb} to {na} {_cards(back)}"
    raise AssertionError("every square reachable in turn, yet no order")  # _monotone_order is exact


def _cards(cards: frozenset[str]) -> str:
    names = [f"'{c}'" for c in MOVES if c in cards]
    return "the " + " and ".join(names) + (" cards" if len(names) > 1 else " card")


def shortest_order(world: PaperWorld, budget: int = SEARCH_BUDGET, moves: frozenset[str] = frozenset(MOVES)) -> tuple[list[tuple[int, int]], bool, int] | None:
    """The order to fill the squares in that moves the pen least, with only
    the move cards ``moves``; None when no order can (``cannot_draw`` says why).

    A* over (pen square, squares still to fill), with the admissible bound
    of ``_Board.bound`` (a walk with fewer kinds of move is never shorter).
    From a square only the targets "first in line" are tried: a target with
    another unfilled target on some shortest way to it is reached no sooner
    than by filling that one first (and when the way there is allowed, so is
    the way through it).  Returns (order, proven, lower bound on moves);
    after ``budget`` expansions the best order found by completing the most
    promising partial orders is returned, unproven, with the best lower bound.
    """
    moves = frozenset(moves)
    fallback = _monotone_order(world.pen, world.target, moves)
    if fallback is None:
        return None
    board = _Board(world)
    full = board.mask(board.cells)
    start = world.pen
    root_h = board.bound(start, full, len(board.cells))
    heap = [(root_h, 0, start, full, len(board.cells), ())]
    seen: dict[tuple[tuple[int, int], int], int] = {}
    expanded = 0
    lower = root_h
    free = len(moves) == 4
    while heap and expanded < budget:
        f, neg_g, cur, left, size, order = heapq.heappop(heap)
        g = -neg_g
        if not left:
            return list(order), True, g
        if seen.get((cur, left), 1 << 30) <= g:
            continue
        seen[(cur, left)] = g
        lower = max(lower, f)
        expanded += 1
        rects = board.rects(cur)
        for t in board.each(left):
            if rects[t] & left:
                continue  # another target lies on a shortest way there: fill it first
            if not free and not _can_step(cur, t, moves):
                continue
            rest = left ^ board.bit[t]
            ng = g + _dist(cur, t)
            heapq.heappush(heap, (ng + board.bound(t, rest, size - 1), -ng, t, rest, size - 1, order + (t,)))
    if not heap:
        raise AssertionError("the search missed an order _monotone_order found")
    # Out of budget: finish the most promising partial orders greedily, keep the best.
    best = (sum(_dist(a, b) for a, b in zip([start] + fallback, fallback)), fallback)
    for f, neg_g, cur, left, size, order in [(0, 0, start, full, len(board.cells), ())] + heapq.nsmallest(64, heap):
        rest = list(board.each(left))
        for tail in (_greedy(cur, rest, moves), _monotone_order(cur, rest, moves)):
            if tail is None:
                continue
            full_order = list(order) + tail
            used = sum(_dist(a, b) for a, b in zip([start] + full_order, full_order))
            if used < best[0]:
                best = (used, full_order)
    used, order = best
    return order, used == lower, lower


def _greedy(start: tuple[int, int], targets: list[tuple[int, int]], moves: frozenset[str] = frozenset(MOVES)) -> list[tuple[int, int]] | None:
    """Nearest first; None when it strands the pen (too few kinds of move card)."""
    left = list(targets)
    order = []
    cur = start
    while left:
        reach = [t for t in left if _can_step(cur, t, moves)]
        if not reach:
            return None
        nxt = min(reach, key=lambda t: (_dist(cur, t), t))
        left.remove(nxt)
        order.append(nxt)
        cur = nxt
    return order


def cards_for_order(start: tuple[int, int], order: list[tuple[int, int]], across_first: bool = True) -> list[str]:
    cards: list[str] = []
    cur = start
    for t in order:
        cards += _walk(cur, t, across_first)
        cards.append("fill")
        cur = t
    return cards


def _sweeps(world: PaperWorld) -> list[list[str]]:
    """Drawing orders a person would use, row by row or column by column,
    each way round: long runs compress well with repeat."""
    cells = world.target
    r0, r1 = min(r for r, _ in cells), max(r for r, _ in cells)
    c0, c1 = min(c for _, c in cells), max(c for _, c in cells)
    out = []
    for by_rows in (True, False):
        lines = range(r0, r1 + 1) if by_rows else range(c0, c1 + 1)
        lo, hi = (c0, c1) if by_rows else (r0, r1)
        for snake in (False, True):
            for tail in (False, True):
                cards: list[str] = []
                cur = world.pen
                for k, line in enumerate(lines):
                    forward = not snake or k % 2 == 0
                    span = range(lo, hi + 1) if forward else range(hi, lo - 1, -1)
                    squares = [(line, x) if by_rows else (x, line) for x in span]
                    for sq in squares:
                        cards += _walk(cur, sq, by_rows)
                        cur = sq
                        if sq in cells:
                            cards.append("fill")
                    if tail or k < len(lines) - 1:
                        # Back to the line's start (a raster) and on to the next line.
                        back = squares[0] if not snake else squares[-1]
                        nxt_line = line + 1
                        nxt = (nxt_line, back[1]) if by_rows else (back[0], nxt_line)
                        if 0 <= nxt[0] < world.height and 0 <= nxt[1] < world.width:
                            cards += _walk(cur, back, by_rows) + _walk(back, nxt, by_rows)
                            cur = nxt
                out.append(cards)
    return out


def compress(cards: list[str], window: int = 24):
    """The fewest cards (repeat and End cards counted) that lay out ``cards``
    with repeat blocks, nested as needed: an interval dynamic programme,
    bodies up to ``window`` cards.  Returns (card count, Program)."""
    from lessonkit.program import MAX_REPEAT, Action, Program, Repeat

    n = len(cards)
    if n == 0:
        return 0, Program(())
    seq = cards
    # run[p][i]: how far from i the sequence keeps period p.
    run = {}
    for p in range(1, min(window, n) + 1):
        r = [0] * (n + 1)
        for i in range(n - p - 1, -1, -1):
            r[i] = r[i + 1] + 1 if seq[i] == seq[i + p] else 0
        run[p] = r

    def periodic(i: int, length: int, p: int) -> bool:
        return run[p][i] >= length - p

    cost: dict[tuple[int, int], tuple[int, Any]] = {}
    for length in range(1, min(window, n) + 1):
        for i in range(0, n - length + 1):
            j = i + length
            if length == 1:
                cost[i, j] = (1, (Action(seq[i]),))
                continue
            best = None
            for k in range(i + 1, j):
                a, b = cost[i, k], cost[k, j]
                if best is None or a[0] + b[0] < best[0]:
                    best = (a[0] + b[0], a[1] + b[1])
            for p in range(1, length // 2 + 1):
                if length % p == 0 and length // p <= MAX_REPEAT and periodic(i, length, p):
                    body = cost[i, i + p]
                    c = 2 + body[0]
                    if c < best[0]:
                        best = (c, (Repeat(length // p, body[1]),))
            cost[i, j] = best
    # The whole: a row of pieces, each an interval or a long repeat of a short body.
    best_at = [(0, ())] + [None] * n
    for j in range(1, n + 1):
        best = None
        for i in range(max(0, j - window), j):
            a = best_at[i]
            c = a[0] + cost[i, j][0]
            if best is None or c < best[0]:
                best = (c, a[1] + cost[i, j][1])
        for p in range(1, min(window, j) + 1):
            for times in range(2, min(MAX_REPEAT, j // p) + 1):
                i = j - times * p
                if not periodic(i, times * p, p):
                    break
                if times * p <= window:
                    continue  # an interval, done above
                c = best_at[i][0] + 2 + cost[i, i + p][0]
                if c < best[0]:
                    best = (c, best_at[i][1] + (Repeat(times, cost[i, i + p][1]),))
        best_at[j] = best
    total, body = best_at[n]
    return total, Program(tuple(body))


def solve_paper(world: PaperWorld, actions: tuple[str, ...], budget: int = SEARCH_BUDGET) -> PaperSolution | None:
    """The shortest plain program and a short one with repeat, both run to
    make sure they draw the picture; None when the cards cannot draw it.
    Remembered on the world: the check's solver and its analysis share it."""
    key = (tuple(sorted(actions)), budget)
    memo = world.__dict__.setdefault("_solved", {})
    if key not in memo:
        memo[key] = _solve_paper(world, actions, budget)
    return memo[key]


def _solve_paper(world: PaperWorld, actions: tuple[str, ...], budget: int) -> PaperSolution | None:
    from lessonkit.program import Action, Program
    from lessonkit.simulate import run

    usable = set(actions)
    if "fill" not in usable:
        return None
    found = shortest_order(world, budget, frozenset(usable) & frozenset(MOVES))
    if found is None:
        return None
    order, proven, lower_moves = found
    # The order's walks use only the kit's moves, across first or down first.
    candidates_plain = [cards_for_order(world.pen, order, True), cards_for_order(world.pen, order, False)]
    plain = candidates_plain[0]
    lower = lower_moves + len(world.target)
    conditions = frozenset(("filled", "edge_up", "edge_down", "edge_left", "edge_right"))
    best = None
    packings: list[tuple[int, Any]] = []
    rows = [cards for cards in candidates_plain + _sweeps(world) if set(cards) <= usable]
    rows = [cards for k, cards in enumerate(rows) if cards not in rows[:k]]
    for cards in rows:
        n, program = compress(cards)
        trace = run(world, program, frozenset(MOVES) | {"fill"}, conditions, max_steps=len(cards) + 1)
        if trace.reached_goal:
            packings.append((n, program))
            if best is None or n < best[0]:
                best = (n, program)
    assert best is not None  # the plain program itself compresses to something that runs
    trace = run(world, Program(tuple(Action(c) for c in plain)), frozenset(actions), conditions, max_steps=len(plain) + 1)
    assert trace.reached_goal
    return PaperSolution(tuple(plain), proven, lower, best[1], best[0], len(rows), tuple(packings))


def _laid(program) -> int:
    return len(program) + program.card_counts().get("repeat", 0)


def _unrolled(body: tuple, target: int, seen: list[int]) -> tuple:
    """``body`` with its ``target``-th repeat block (depth first) written out."""
    from lessonkit.program import Repeat

    out: list = []
    for node in body:
        if isinstance(node, Repeat):
            k = seen[0]
            seen[0] += 1
            if k == target:
                out += list(node.body) * node.times
                continue
            out.append(Repeat(node.times, _unrolled(node.body, target, seen)))
        else:
            out.append(node)
    return tuple(out)


def fit_kit(found: PaperSolution, kit: Mapping[str, int], worked: tuple = ()) -> PaperSolution:
    """The packing a group can lay from its kit: each packing with repeat
    blocks written out, cheapest first, until its cards are no more than the
    kit holds of each; the fewest cards of those (``kit_short`` when none
    fits: then the fewest cards of all, as found).  ``worked`` are the
    lesson's own programs that were run and draw the picture (its solution
    and alternatives): one that fits the kit as it is counts too, so the kit
    never says no packing fits when the lesson's own answer does."""
    from dataclasses import replace

    from lessonkit.program import Program

    def fits(program) -> bool:
        return all(n <= kit.get(card, 0) for card, n in program.card_counts().items())

    best = None
    own = False
    for _, program in found.packings:
        while not fits(program):
            blocks = program.card_counts().get("repeat", 0)
            if blocks == 0:
                break  # written out in full and still more cards than the kit holds
            options = [Program(_unrolled(program.main, k, [0])) for k in range(blocks)]
            program = min(options, key=lambda p: (_laid(p), str(p.main)))
        if fits(program) and (best is None or _laid(program) < _laid(best)):
            best = program
    plain = {"up", "down", "left", "right", "fill", "repeat"}  # what _laid counts rightly
    for program in worked:
        if not program.functions and set(program.card_counts()) <= plain and fits(program) and (best is None or _laid(program) < _laid(best)):
            best, own = program, True
    if best is None:
        return replace(found, kit_short=True)
    return replace(found, looped=best, looped_cards=_laid(best), own_answer=own)


class Paper(Family):
    name = "paper"
    title = {"ja": "方眼紙プログラミング", "en": "Graph paper programming"}
    order = 1
    cards = (
        CardInfo("up", "うえ", "Up", "うえへ", "arrow_up", "action", ("うえへ", "↑"), "moves the pen one square up the paper", "ペンを 1マス うえへ うごかす"),
        CardInfo("down", "した", "Down", "したへ", "arrow_down", "action", ("したへ", "↓"), "moves the pen one square down the paper", "ペンを 1マス したへ うごかす"),
        CardInfo("left", "ひだり", "Left", "ひだりへ", "arrow_left", "action", ("ひだりへ", "←"), "moves the pen one square left", "ペンを 1マス ひだりへ うごかす"),
        CardInfo("right", "みぎ", "Right", "みぎへ", "arrow_right", "action", ("みぎへ", "→"), "moves the pen one square right", "ペンを 1マス みぎへ うごかす"),
        CardInfo("fill", "ぬる", "Fill", "ぬる", "fill", "action", ("ぬりつぶす", "paint"), "colours the square the pen is on", "ペンの ある マスを ぬる"),
        CardInfo("filled", "ぬってある", "Filled?", "ぬって ある？", "filled_here", "condition", ("ぬってある？",), "true when the pen's square is already coloured", "ペンの マスが もう ぬって あるか"),
        CardInfo("edge_up", "うえがはし", "Top edge?", "うえが はし？", "edge_up", "condition", (), "true on the top row", "いちばん うえの だんに いるか"),
        CardInfo("edge_down", "したがはし", "Bottom edge?", "したが はし？", "edge_down", "condition", (), "true on the bottom row", "いちばん したの だんに いるか"),
        CardInfo("edge_left", "ひだりがはし", "Left edge?", "ひだりが はし？", "edge_left", "condition", (), "true in the left column", "いちばん ひだりの れつに いるか"),
        CardInfo("edge_right", "みぎがはし", "Right edge?", "みぎが はし？", "edge_right", "condition", (), "true in the right column", "いちばん みぎの れつに いるか"),
    )
    puzzle_keys = {
        "picture": "the picture to draw: rows of '#' (fill) and '.' (leave empty)",
        "pen": "the square the pen starts on, e.g. 'A1' (column letter, row number)",
        "decode": "true: pupils are given the program and draw the picture it makes",
    }
    puzzle_key_schema = {"decode": {"type": "boolean", "description": "paper: pupils are given the program and draw the picture it makes"}}
    main_key = "picture"

    @classmethod
    def build(cls, puzzle: Mapping[str, Any]) -> PaperWorld:
        text = puzzle.get("picture")
        if not isinstance(text, str):
            raise WorldError("picture", None, "a paper puzzle needs 'picture': rows of '#' (fill) and '.' (leave empty)")
        picture = parse_picture(text)
        pen = puzzle.get("pen", "A1")
        if not isinstance(pen, str):
            raise WorldError("pen", None, f"pen start is {pen!r}; expected a square like 'A1'")
        decode = puzzle.get("decode", False)
        if not isinstance(decode, bool):
            raise WorldError("decode", None, f"'decode' is {decode!r}; expected true or false")
        return PaperWorld(picture, parse_square(pen, picture.height, picture.width), decode, cls.kana)

    # Grades 1-2 read no Latin letters yet: their sheets label columns あ い う
    # (lessonkit.render.options.latin_ok), and the runs name squares the same way.
    kana: ClassVar[bool] = False

    @classmethod
    def for_lesson(cls, lesson: Any) -> tuple[type[Family], list[Problem]]:
        family, problems = super().for_lesson(lesson)
        if lesson.language == "ja" and min(lesson.grades) < 3 and not family.kana:
            family = type(family.__name__, (family,), {"kana": True, "__module__": family.__module__})
        return family, problems

    @classmethod
    def laid_out(cls, puzzle: Mapping[str, Any]) -> bool:
        return puzzle.get("decode") is not True  # a decode puzzle's program is printed for pupils to read

    @classmethod
    def solve(cls, world: PaperWorld, actions: tuple[str, ...], stop_at_goal: bool = False):
        """The proven (or best found) shortest plain program as a Solution."""
        from lessonkit.solve import Solution

        found = solve_paper(world, actions)
        if found is None:
            return Solution(None, (), (), 0, True)
        return Solution(len(found.plain), (found.plain,), (), 0, found.proven)

    @classmethod
    def unsolvable(cls, puzzle_id: str, actions: tuple[str, ...], world: World) -> str:
        return f"puzzle '{puzzle_id}' cannot be drawn with the lesson's action cards ({', '.join(actions) or 'none'}): {cannot_draw(world, actions)}"

    # The repeat search above answers "could fewer cards do?" for this family.
    searches_repeats = True

    @classmethod
    def fewest_text(cls, checked: Any, target: Any) -> str | None:
        """The check's own search, told as far as it goes: the fewest cards
        with repeat it found (bounded: packings of a few drawing orders, not
        every program), and whether a group's kit holds them."""
        from collections import Counter

        from lessonkit.program import format_program

        found = target.analysis
        palette = target.palette
        if found is None or set(palette) & {"repeat_until", "if", "function"}:
            return None  # no drawing, or cards this search does not try: the shared search
        ja = checked.lesson.language == "ja"
        names = {c.name: c.ja for c in cls.cards} if ja else {}
        n = len(found.plain)
        if "repeat" not in palette:
            told = "the shortest row, proven" if found.proven else f"the shortest row found; none is shorter than {found.lower}"
            return f"  fewest cards: {n} (the kit has no repeat card: {told})"
        shown = format_program(found.looped, names, lang=checked.lesson.language)
        counts = Counter(found.looped.card_counts())
        short = ", ".join(f"{k} {names.get(card, card)} (kit: {palette.get(card, 0)})" for card, k in sorted(counts.items()) if k > palette.get(card, 0))
        lines = [
            f"  fewest cards found: {found.looped_cards}, End cards counted (a bounded search: {found.rows_tried} drawing orders,"
            f" the shortest row and row-by-row and column-by-column ones, each packed into repeat blocks"
            f"{', and the lesson' + chr(39) + 's own answers: this is one of them' if found.own_answer else ''}"
            f"{'' if found.kit_short else ', blocks written out where a group holds too few cards'}; a program of fewer cards may exist)",
            f"    {shown}" + (f"  (needs {short})" if short else ""),
        ]
        if found.looped_cards < n:
            lines.append(f"  repeat shortens it: {n} cards → {found.looped_cards} cards")
        return "\n".join(lines)

    @classmethod
    def analyse(cls, world: PaperWorld, puzzle: Any, checked: Any) -> tuple[Any, list[Problem]]:
        actions = tuple(a for a in cls.actions() if a in checked["palette"])
        found = solve_paper(world, actions)
        if found is not None:
            found = fit_kit(found, checked["palette"], checked.get("worked", ()))  # the packing a group can lay
        problems = []
        laid = checked.get("laid")
        if found is not None and laid and checked["trace"].reached_goal and not world.decode:
            if laid >= max(found.looped_cards * 1.5, found.looped_cards + 3):
                from lessonkit.program import format_program

                names = {c.name: c.ja for c in cls.cards} if checked.get("lang") == "ja" else {}
                shown = format_program(found.looped, names, lang=checked.get("lang", "en"))
                problems.append(Problem(("solution",), f"solution lays {laid} cards; {found.looped_cards} are enough ({laid - found.looped_cards} fewer, End cards counted): {shown}", warning=True))
        return found, problems
