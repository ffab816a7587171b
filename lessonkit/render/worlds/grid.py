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
from lessonkit.render.fonts import font_name, string_width
from lessonkit.simulate import Trace
from lessonkit.worlds.grid import FLOOR, GOAL, ITEM, START, WALL, Facing, GridWorld, column_label

FACING_WORDS = {Facing.NORTH: "up", Facing.EAST: "right", Facing.SOUTH: "down", Facing.WEST: "left"}


@dataclass(frozen=True)
class Square:
    row: int
    col: int
    x: float
    y: float  # bottom-left corner
    size: float
    kind: str  # "wall", "floor", "start", "goal", "item"


@dataclass(frozen=True)
class PathMark:
    """A step number written in a square (several numbers may share one)."""

    row: int
    col: int
    numbers: tuple[int, ...]


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

    @property
    def width(self) -> float:
        return self.cell * self.cols

    @property
    def height(self) -> float:
        return self.cell * self.rows

    def centre(self, row: int, col: int) -> tuple[float, float]:
        return (self.x + (col + 0.5) * self.cell, self.y + (self.rows - row - 0.5) * self.cell)


def plan_board(world: GridWorld, x: float, y: float, w: float, h: float, *, trace: Trace | None = None, labels: bool = True, max_cell: float | None = None) -> BoardPlan:
    """Fit the board, square cells, centred in the box (x, y, w, h)."""
    board = world.board
    rows, cols = board.height, board.width
    margin = 0.0
    if labels:
        margin = min(w / (cols + 1), h / (rows + 1)) * 0.6
        margin = max(8.0, min(margin, 22.0))
    cell = min((w - margin) / cols, (h - margin) / rows)
    if max_cell:
        cell = min(cell, max_cell)
    bw, bh = cell * cols, cell * rows
    bx = x + margin + (w - margin - bw) / 2
    by = y + (h - margin - bh) / 2
    plan = BoardPlan(bx, by, cell, rows, cols, world.facing)
    kinds = {WALL: "wall", FLOOR: "floor", START: "start", GOAL: "goal", ITEM: "item"}
    for r, line in enumerate(board.rows):
        for c, ch in enumerate(line):
            plan.squares.append(Square(r, c, bx + c * cell, by + (rows - r - 1) * cell, cell, kinds[ch]))
    if labels:
        size = max(6.0, min(margin * 0.6, cell * 0.4, 14.0))
        plan.label_size = size
        for c in range(cols):
            text = column_label(c)
            plan.labels.append((bx + (c + 0.5) * cell - string_width(text, size, True) / 2, by + bh + margin * 0.3, text))
        for r in range(rows):
            text = str(r + 1)
            plan.labels.append((bx - margin * 0.2 - string_width(text, size, True), by + (rows - r - 0.5) * cell - size * 0.35, text))
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
    plan.marks = [PathMark(r, c, tuple(ns)) for (r, c), ns in sorted(numbers.items())]


def draw_board(canvas, plan: BoardPlan, *, color: bool = False) -> None:
    c = canvas
    c.saveState()
    for sq in plan.squares:
        if sq.kind == "wall":
            icons.ICONS["wall"](c, sq.x, sq.y, sq.size, color=color)
        inset = sq.size * 0.12
        if sq.kind == "goal":
            icons.ICONS["goal"](c, sq.x + inset, sq.y + inset, sq.size - 2 * inset, color=color)
        elif sq.kind == "item":
            icons.ICONS["item"](c, sq.x + inset * 1.5, sq.y + inset * 1.5, sq.size - 3 * inset, color=color)
        elif sq.kind == "start":
            icons.draw_start(c, sq.x + inset, sq.y + inset, sq.size - 2 * inset, facing=FACING_WORDS[plan.facing], color=color)
    # Grid lines over the squares, then a heavy outline.
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
            c.drawString(x, y, text)
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
    size = max(5.0, plan.cell * 0.26)
    for mark in plan.marks:
        text = ",".join(str(n) for n in mark.numbers)
        if len(text) > 8:
            text = f"{mark.numbers[0]}…{mark.numbers[-1]}"
        cx, cy = plan.centre(mark.row, mark.col)
        tw = string_width(text, size, True)
        w = max(size * 1.3, tw + size * 0.5)
        h = size * 1.3
        bx, by = cx - w / 2, cy - plan.cell * 0.46
        c.setFillColorRGB(1, 1, 1)
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.8)
        c.roundRect(bx, by, w, h, h / 2, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font_name(True), size)
        c.drawString(cx - tw / 2, by + h * 0.25, text)
    if plan.crash is not None:
        r, col = plan.crash
        cx, cy = plan.centre(r, col)
        # Off the board: mark the edge the robot went over, not outside the picture.
        cx = min(max(cx, plan.x), plan.x + plan.width)
        cy = min(max(cy, plan.y), plan.y + plan.height)
        s = plan.cell * 0.3
        width = max(1.5, plan.cell * 0.07)
        # A white halo first, so the cross reads on a hatched wall square.
        for colour, w in (((1, 1, 1), width * 2.6), ((0, 0, 0), width)):
            c.setStrokeColorRGB(*colour)
            c.setLineWidth(w)
            c.line(cx - s, cy - s, cx + s, cy + s)
            c.line(cx - s, cy + s, cx + s, cy - s)
    c.restoreState()
