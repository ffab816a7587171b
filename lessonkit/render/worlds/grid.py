"""Drawing grid boards: empty for pupils, or with a run's path for the answer key.

``plan_board`` computes the picture as data (squares, symbols, path marks);
``draw_board`` paints a plan.  Squares are told apart by shape, never by
colour alone: walls are hatched, the goal is a flag, items are stars, the
start is a robot marker pointing the way it faces.  Columns are lettered and
rows numbered so a group can say "B3".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lessonkit.render import icons
from lessonkit.render.fonts import draw_string, font_name, text_width
from lessonkit.simulate import Trace
from lessonkit.worlds import grid as grid_world
from lessonkit.worlds.grid import FLOOR, GOAL, ITEM, OBSTACLE, START, WALL, Facing, GridWorld, column_label, square_name

FACING_WORDS = {Facing.NORTH: "up", Facing.EAST: "right", Facing.SOUTH: "down", Facing.WEST: "left"}


@dataclass(frozen=True)
class Square:
    row: int
    col: int
    x: float
    y: float  # bottom-left corner
    size: float
    kind: str  # "wall", "floor", "start", "goal", "item", "obstacle"


Box = tuple[float, float, float, float]  # x, y (bottom left), w, h

LABEL_BAND = 0.3  # of a square: the strip along its bottom where step numbers go
MIN_LABEL = 6.0  # points: the smallest step number printed (a stencil keeps it)
MIN_COORD = 10.0  # points: column letters and row numbers, readable across a desk
KANA_COLUMNS = grid_world.KANA_COLUMNS  # the engine names squares the same way (answer-key text)


def column_mark(col: int, kana: bool = False) -> str:
    """A column's label on a printed board: A, B, … or あ, い, …"""
    return column_label(col, kana)
MAX_LABEL = 9.0
RUN = 3  # more step numbers than this in one square are listed beside the board
LISTED = "*"  # marks a square whose step numbers are listed beside the board


@dataclass(frozen=True)
class PathMark:
    """Step numbers written in a square (several may share one), as printed:
    ``text`` at ``size`` in a rounded ``box`` inside the square's bottom band.
    ``listed``: not all of them fit, so the square shows its first number
    and LISTED (or LISTED alone) and the answer key lists them all beside
    the board (:meth:`BoardPlan.listed_steps`)."""

    row: int
    col: int
    numbers: tuple[int, ...]
    text: str = ""
    size: float = 0.0
    box: Box | None = None
    listed: bool = False


def _fit_label(numbers: tuple[int, ...], cx: float, bottom: float, cell: float) -> tuple[str, float, Box, bool]:
    """The step numbers as they fit the square: all of them (up to RUN),
    shrinking to MIN_LABEL; else the first and LISTED; else LISTED alone.
    The last item says whether the numbers are listed beside the board."""
    room = cell * 0.94
    every = ",".join(str(n) for n in numbers)
    texts = ([every] if len(numbers) <= RUN else []) + [f"{numbers[0]}{LISTED}", LISTED]
    top_size = max(MIN_LABEL, min(cell * 0.23, MAX_LABEL))
    for text in texts:
        size = top_size
        while True:
            w = max(size * 1.3, text_width(text, size, True) + size * 0.5)
            if w <= room + 1e-6:
                h = size * 1.3
                return text, size, (cx - w / 2, bottom + cell * 0.03, w, h), text != every
            if size <= MIN_LABEL:
                break
            size = max(MIN_LABEL, size - 0.25)
    size = MIN_LABEL
    w = min(room, max(size * 1.3, text_width(LISTED, size, True) + size * 0.5))
    return LISTED, size, (cx - w / 2, bottom + cell * 0.03, w, size * 1.3), True


@dataclass
class BoardPlan:
    x: float
    y: float
    cell: float
    rows: int
    cols: int
    facing: Facing
    squares: list[Square] = field(default_factory=list)
    labels: list[tuple[float, float, str]] = field(default_factory=list)  # (x, y baseline, text)
    label_size: float = 8.0
    path: list[tuple[float, float]] = field(default_factory=list)  # square centres along the run
    marks: list[PathMark] = field(default_factory=list)
    crash: tuple[int, int] | None = None
    crash_box: Box | None = None  # where the ✕ is drawn: never over a step number
    kana: bool = False  # columns named あ, い, … (the listed squares are named the same way)

    def listed_steps(self) -> list[tuple[str, tuple[int, ...]]]:
        """(square name, every step number) for each square marked LISTED,
        in the order of its first step: the answer key prints these beside
        the board, so no step number is lost or shrunk below MIN_LABEL."""
        listed = sorted((m for m in self.marks if m.listed), key=lambda m: m.numbers[0])
        return [(square_name(m.row, m.col, self.kana), m.numbers) for m in listed]

    def band(self) -> float:
        """Height of a square's bottom band, kept for step numbers."""
        tallest = max((m.box[3] for m in self.marks if m.box), default=0.0)
        return max(self.cell * LABEL_BAND, tallest + self.cell * 0.06)

    def icon_box(self, sq: Square) -> Box:
        """Where a square's symbol is drawn: the whole square, or above the
        band when step numbers are written in it."""
        inset = sq.size * 0.12
        marked = any((m.row, m.col) == (sq.row, sq.col) for m in self.marks)
        if not marked:
            return (sq.x + inset, sq.y + inset, sq.size - 2 * inset, sq.size - 2 * inset)
        band = self.band()
        side = max(1.0, sq.size - band - inset)
        return (sq.x + (sq.size - side) / 2, sq.y + band, side, side)

    @property
    def width(self) -> float:
        return self.cell * self.cols

    @property
    def height(self) -> float:
        return self.cell * self.rows

    def centre(self, row: int, col: int) -> tuple[float, float]:
        return (self.x + (col + 0.5) * self.cell, self.y + (self.rows - row - 0.5) * self.cell)


def plan_board(world: GridWorld, x: float, y: float, w: float, h: float, *, trace: Trace | None = None, labels: bool = True, max_cell: float | None = None, kana: bool = False) -> BoardPlan:
    """Fit the board, square cells, centred in the box (x, y, w, h).

    Coordinates are at least MIN_COORD points (smaller only when a square is
    narrower than that); ``kana`` labels the columns あ, い, … for pupils who
    do not read Latin letters yet."""
    board = world.board
    rows, cols = board.height, board.width
    margin = 0.0
    if labels:
        margin = min(w / (cols + 1), h / (rows + 1)) * 0.6
        margin = max(MIN_COORD / 0.6, min(margin, 22.0))
    cell = min((w - margin) / cols, (h - margin) / rows)
    if max_cell:
        cell = min(cell, max_cell)
    bw, bh = cell * cols, cell * rows
    bx = x + margin + (w - margin - bw) / 2
    by = y + (h - margin - bh) / 2
    plan = BoardPlan(bx, by, cell, rows, cols, world.facing, kana=kana)
    kinds = {WALL: "wall", FLOOR: "floor", START: "start", GOAL: "goal", ITEM: "item", OBSTACLE: "obstacle"}
    for r, line in enumerate(board.rows):
        for c, ch in enumerate(line):
            plan.squares.append(Square(r, c, bx + c * cell, by + (rows - r - 1) * cell, cell, kinds[ch]))
    if labels:
        size = max(MIN_COORD, min(margin * 0.6, cell * 0.4, 14.0))
        widest = max(text_width(column_mark(c, kana), 1.0, True) for c in range(cols))
        size = min(size, cell * 0.92 / widest)  # neighbouring labels never touch
        plan.label_size = size
        for c in range(cols):
            text = column_mark(c, kana)
            plan.labels.append((bx + (c + 0.5) * cell - text_width(text, size, True) / 2, by + bh + margin * 0.3, text))
        for r in range(rows):
            text = str(r + 1)
            plan.labels.append((bx - margin * 0.2 - text_width(text, size, True), by + (rows - r - 0.5) * cell - size * 0.35, text))
    if trace is not None:
        _plan_path(plan, trace)
    return plan


def _plan_path(plan: BoardPlan, trace: Trace) -> None:
    start = trace.start
    plan.path.append(plan.centre(start.row, start.col))
    numbers: dict[tuple[int, int], list[int]] = {}
    last = (start.row, start.col)
    for step in trace.steps:
        if step.error is not None:
            dr, dc = step.state.facing.delta
            if step.card == "back":
                dr, dc = -dr, -dc
            plan.crash = (step.state.row + dr, step.state.col + dc) if step.card in ("forward", "back") else (step.state.row, step.state.col)
            numbers.setdefault(last, []).append(step.number)
            continue
        here = (step.state.row, step.state.col)
        if here != last:
            plan.path.append(plan.centre(*here))
            last = here
        # Every step is numbered where the robot stands after it, turns too.
        numbers.setdefault(here, []).append(step.number)
    marks = []
    for (r, c), ns in sorted(numbers.items()):
        cx, _ = plan.centre(r, c)
        bottom = plan.y + (plan.rows - r - 1) * plan.cell
        text, size, box, listed = _fit_label(tuple(ns), cx, bottom, plan.cell)
        marks.append(PathMark(r, c, tuple(ns), text, size, box, listed))
    plan.marks = marks
    if plan.crash is not None:
        plan.crash_box = _crash_box(plan, *plan.crash)


def _crash_box(plan: BoardPlan, row: int, col: int) -> Box:
    """The ✕: in the upper part of a square on the board (step numbers keep
    the bottom band); off the board, on the edge the robot went over, level
    with the upper part of its square, or just under the board's bottom edge."""
    s = plan.cell * 0.2
    cell = plan.cell
    cx = plan.x + (col + 0.5) * cell
    bottom = plan.y + (plan.rows - row - 1) * cell
    upper = max(bottom + cell * 0.68, bottom + plan.band() + s)  # clear of the step numbers
    # Off the board to the left or top, the ✕ sits just inside the edge:
    # the row numbers and column letters are printed past those edges.
    if 0 <= row < plan.rows and 0 <= col < plan.cols:
        x, y = cx, upper
    elif col < 0:
        x, y = plan.x + s, upper
    elif col >= plan.cols:
        x, y = plan.x + plan.width, upper
    elif row < 0:
        x, y = cx, plan.y + plan.height - s
    else:
        x, y = cx, plan.y - s * 1.1
    return (x - s, y - s, 2 * s, 2 * s)


LIGHT_WALLS = 0.5  # a board more than half wall gets the lighter hatching


def light_walls(plan: "BoardPlan") -> bool:
    walls = sum(1 for sq in plan.squares if sq.kind == "wall")
    return walls > LIGHT_WALLS * max(1, len(plan.squares))


def _wall_form(c, color: bool, light: bool = False) -> str:
    """The hatched wall square, drawn once per PDF as a form and placed per
    square: a maze of a hundred walls costs one drawing, not a hundred."""
    forms = c.__dict__.setdefault("_lessonkit_forms", {})
    name = forms.get(("wall", color, light))
    if name is None:
        name = forms[("wall", color, light)] = f"lkwall{int(color)}{'l' if light else ''}"
        c.beginForm(name, 0, 0, 100, 100)
        icons.ICONS["wall"](c, 0, 0, 100, color=color, light=light)
        c.endForm()
    return name



def draw_lines_and_labels(c, plan) -> None:
    """Grid lines over the squares, a heavy outline, then the coordinates: one
    drawing for every family whose board is squares (grid, graph paper)."""
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(max(0.6, plan.cell * 0.015))
    for r in range(plan.rows + 1):
        c.line(plan.x, plan.y + r * plan.cell, plan.x + plan.width, plan.y + r * plan.cell)
    for col in range(plan.cols + 1):
        c.line(plan.x + col * plan.cell, plan.y, plan.x + col * plan.cell, plan.y + plan.height)
    c.setLineWidth(max(1.5, plan.cell * 0.04))
    c.rect(plan.x, plan.y, plan.width, plan.height, stroke=1, fill=0)
    if plan.labels:
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font_name(True), plan.label_size)
        for x, y, text in plan.labels:
            draw_string(c, x, y, text)

def draw_board(canvas, plan: BoardPlan, *, color: bool = False) -> None:
    c = canvas
    c.saveState()
    wall = _wall_form(c, color, light_walls(plan)) if any(sq.kind == "wall" for sq in plan.squares) else None
    for sq in plan.squares:
        if sq.kind == "wall":
            c.saveState()
            c.translate(sq.x, sq.y)
            c.scale(sq.size / 100, sq.size / 100)
            c.doForm(wall)
            c.restoreState()
        ix, iy, side, _ = plan.icon_box(sq)
        if sq.kind == "goal":
            icons.ICONS["goal"](c, ix, iy, side, color=color)
        elif sq.kind == "obstacle":
            icons.ICONS["obstacle"](c, ix, iy, side, color=color)
        elif sq.kind == "item":
            pad = side * 0.07
            icons.ICONS["item"](c, ix + pad, iy + pad, side - 2 * pad, color=color)
        elif sq.kind == "start":
            icons.draw_start(c, ix, iy, side, facing=FACING_WORDS[plan.facing], color=color)
    draw_lines_and_labels(c, plan)
    if plan.path:
        _draw_path(c, plan, color)
    c.restoreState()


def _draw_path(c, plan: BoardPlan, color: bool) -> None:
    c.saveState()
    if color:
        c.setStrokeColorRGB(0.85, 0.1, 0.1)
    else:
        c.setStrokeColorRGB(0.35, 0.35, 0.35)
    c.setLineWidth(max(1.0, plan.cell * 0.05))
    c.setDash(plan.cell * 0.12, plan.cell * 0.08)
    p = c.beginPath()
    x0, y0 = plan.path[0]
    p.moveTo(x0, y0)
    for x, y in plan.path[1:]:
        p.lineTo(x, y)
    c.drawPath(p, stroke=1, fill=0)
    c.setDash()
    for mark in plan.marks:
        if mark.box is None:
            continue
        bx, by, w, h = mark.box
        c.setFillColorRGB(1, 1, 1)
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.7)
        c.roundRect(bx, by, w, h, h / 2, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font_name(True), mark.size)
        draw_string(c, bx + w / 2, by + h * 0.25, mark.text, anchor="centre")
    if plan.crash_box is not None:
        x, y, w, _ = plan.crash_box
        s = w / 2
        cx, cy = x + s, y + s
        width = max(1.5, plan.cell * 0.07)
        # A white halo first, so the cross reads on a hatched wall square.
        for colour, lw in (((1, 1, 1), width * 2.6), ((0, 0, 0), width)):
            c.setStrokeColorRGB(*colour)
            c.setLineWidth(lw)
            c.line(cx - s, cy - s, cx + s, cy + s)
            c.line(cx - s, cy + s, cx + s, cy - s)
    c.restoreState()


# The faces of the grid family's cards (the kit protocol's ICONS): drawn by
# lessonkit.render.icons, which also holds the shared control cards' faces.
ICONS = {name: icons.ICONS[name] for name in ("forward", "back", "turn_left", "turn_right", "pick_up", "path_ahead", "path_left", "path_right", "at_goal", "on_item")}


def stop_rule(checked, puzzle, lang: str, pupils: bool) -> str:
    """``goal_rule: stop`` in the grid's words: the run ends on the goal
    square, once every item is picked up (the goal is both)."""
    from lessonkit.render.words import tidy_text

    items = bool(puzzle.world.board.items)
    thing = tidy_text(checked.lesson.item)
    if lang == "ja":
        thing = thing or "アイテム"
        if pupils:
            return f"{thing}を ぜんぶ ひろって ゴールに ついたら そこで おしまい" if items else "ゴールに ついたら そこで おしまい"
        return f"{thing}をすべて拾ってゴールに着いた時点で実行を終える" if items else "ゴールに着いた時点で実行を終える"
    thing = grid_world._plural(thing or "item", 2)
    head = "The run stops as soon as you reach the goal" if pupils else "the run stops as soon as the robot reaches the goal"
    return head + (f" with all the {thing} picked up" if items else "")
