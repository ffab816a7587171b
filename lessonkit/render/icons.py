"""Card and board icons as vector paths, and card frames by category.

Icons are paths, never font glyphs: they stay crisp on a stencil printer,
hold no text a PDF reader could pick up, and need no glyph coverage.  Each
icon draws centred in the square ``(x, y)``–``(x + size, y + size)`` (lower
left corner and side, in points).  Internally an icon is drawn on a 100×100
grid; line widths scale with it, so shapes stay bold at any size.

Meaning is carried by shape.  ``color=True`` only adds a tint: a page printed
in black and white says the same thing.
"""

from __future__ import annotations

import math
from typing import Callable

from reportlab.lib.colors import Color, black, white

BLACK = black
WHITE = white

# Tints used only when colour printing is asked for; each is dark enough to
# read as a solid grey on a monochrome copy of a colour print.
TINTS = {
    "action": Color(0.10, 0.35, 0.75),
    "control": Color(0.80, 0.40, 0.05),
    "condition": Color(0.55, 0.15, 0.60),
    "function": Color(0.10, 0.50, 0.25),
    "role": Color(0.60, 0.10, 0.15),
    "board": Color(0.15, 0.15, 0.15),
}
# Light versions for card backgrounds.
PALE = {
    k: Color(1 - (1 - c.red) * 0.18, 1 - (1 - c.green) * 0.18, 1 - (1 - c.blue) * 0.18)
    for k, c in TINTS.items()
}

CATEGORIES = ("action", "control", "condition", "function", "role")

STROKE = 9  # the standard bold line, in grid units (9% of the icon size)


# -- helpers ----------------------------------------------------------------


class _Grid:
    """A canvas state translated and scaled to a 100×100 grid for one icon."""

    def __init__(self, canvas, x: float, y: float, size: float):
        self.c = canvas
        self.x, self.y, self.scale = x, y, size / 100.0

    def __enter__(self):
        c = self.c
        c.saveState()
        c.translate(self.x, self.y)
        c.scale(self.scale, self.scale)
        c.setLineJoin(1)
        c.setLineCap(1)
        c.setStrokeColor(BLACK)
        c.setFillColor(BLACK)
        c.setLineWidth(STROKE)
        c.setDash()
        return c

    def __exit__(self, *exc):
        self.c.restoreState()
        return False


def _ink(color: bool, category: str):
    return TINTS[category] if color else BLACK


def _polygon(c, points, *, stroke=0, fill=1):
    p = c.beginPath()
    p.moveTo(*points[0])
    for pt in points[1:]:
        p.lineTo(*pt)
    p.close()
    c.drawPath(p, stroke=stroke, fill=fill)


def _rotate_points(points, cx, cy, degrees):
    a = math.radians(degrees)
    ca, sa = math.cos(a), math.sin(a)
    return [(cx + (px - cx) * ca - (py - cy) * sa, cy + (px - cx) * sa + (py - cy) * ca) for px, py in points]


def _block_arrow(c, *, direction=90, hollow=False, ink=BLACK, cx=50, cy=50, length=84, shaft=26, head=56, head_len=38):
    """A fat straight arrow centred on (cx, cy) pointing at ``direction`` degrees."""
    half = length / 2
    # Pointing right, then rotated.
    pts = [
        (cx - half, cy - shaft / 2),
        (cx + half - head_len, cy - shaft / 2),
        (cx + half - head_len, cy - head / 2),
        (cx + half, cy),
        (cx + half - head_len, cy + head / 2),
        (cx + half - head_len, cy + shaft / 2),
        (cx - half, cy + shaft / 2),
    ]
    pts = _rotate_points(pts, cx, cy, direction)
    if hollow:
        c.setFillColor(WHITE)
        c.setStrokeColor(ink)
        c.setLineWidth(6)
        _polygon(c, pts, stroke=1, fill=1)
    else:
        c.setFillColor(ink)
        _polygon(c, pts, stroke=0, fill=1)


def _head_points(tip, angle_deg, *, length, width):
    tx, ty = tip
    a = math.radians(angle_deg)
    bx, by = tx - length * math.cos(a), ty - length * math.sin(a)
    nx, ny = -math.sin(a) * width / 2, math.cos(a) * width / 2
    return [(tx, ty), (bx + nx, by + ny), (bx - nx, by - ny)]


def _arrow_head(c, tip, angle_deg, *, length=30, width=34, ink=BLACK):
    """A filled triangular head whose tip is at ``tip`` pointing at ``angle_deg``."""
    c.setFillColor(ink)
    _polygon(c, _head_points(tip, angle_deg, length=length, width=width))


def _arc_arrow(c, cx, cy, r, start, extent, *, ink=BLACK, width=STROKE + 3, head=30):
    """A stroked arc (degrees, anticlockwise from +x) ending in a head on the circle."""
    sign = 1 if extent > 0 else -1
    head_deg = math.degrees(head / r)
    base_deg = start + extent - sign * head_deg
    c.setStrokeColor(ink)
    c.setLineWidth(width)
    c.setLineCap(0)
    p = c.beginPath()
    p.arc(cx - r, cy - r, cx + r, cy + r, start, extent - sign * head_deg * 0.9)
    c.drawPath(p, stroke=1, fill=0)
    c.setLineCap(1)
    end = math.radians(start + extent)
    tip = (cx + r * math.cos(end), cy + r * math.sin(end))
    b = math.radians(base_deg)
    base = (cx + r * math.cos(b), cy + r * math.sin(b))
    angle = math.degrees(math.atan2(tip[1] - base[1], tip[0] - base[0]))
    _arrow_head(c, tip, angle, length=math.dist(tip, base), width=width * 2.3, ink=ink)


def _star(c, cx, cy, r, *, ink=BLACK, stroke=False, fill=True):
    pts = []
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.45
        a = math.radians(90 + 36 * k)
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    c.setFillColor(ink if fill else WHITE)
    c.setStrokeColor(BLACK)
    _polygon(c, pts, stroke=1 if stroke else 0, fill=1)


def _flag(c, x, y, h, *, ink=BLACK, checkered=True):
    """A flag on a pole whose foot is at (x, y)."""
    c.setStrokeColor(BLACK)
    c.setLineWidth(6)
    c.line(x, y, x, y + h)
    fw, fh = h * 0.62, h * 0.42
    top = y + h
    c.setLineWidth(4)
    c.setFillColor(WHITE)
    c.rect(x, top - fh, fw, fh, stroke=1, fill=1)
    if checkered:
        c.setFillColor(ink)
        cols, rows = 4, 3
        cw, ch = fw / cols, fh / rows
        for i in range(cols):
            for j in range(rows):
                if (i + j) % 2 == 0:
                    c.rect(x + i * cw, top - fh + j * ch, cw, ch, stroke=0, fill=1)
        c.setFillColor(WHITE)
        c.rect(x, top - fh, fw, fh, stroke=1, fill=0)
    else:
        c.setFillColor(ink)
        c.rect(x, top - fh, fw, fh, stroke=1, fill=1)
    c.setFillColor(BLACK)
    c.circle(x, y + h + 2, 4, stroke=0, fill=1)


def _robot(c, cx, cy, r, *, facing=90, ink=BLACK):
    """The robot marker: a rounded triangle pointing at ``facing`` degrees, with an eye."""
    pts = [
        (cx + r, cy),
        (cx - r * 0.7, cy + r * 0.8),
        (cx - r * 0.45, cy),
        (cx - r * 0.7, cy - r * 0.8),
    ]
    pts = _rotate_points(pts, cx, cy, facing)
    c.setFillColor(ink)
    c.setStrokeColor(BLACK)
    c.setLineWidth(4)
    _polygon(c, pts, stroke=1, fill=1)


def _question_mark(c, cx, cy, h, *, ink=BLACK, width=9):
    """A '?' drawn as strokes (not a glyph), ``h`` tall, centred at (cx, cy)."""
    r = h * 0.24
    top_cy = cy + h / 2 - r
    c.setStrokeColor(ink)
    c.setLineWidth(width)
    c.setLineCap(1)
    p = c.beginPath()
    p.arc(cx - r, top_cy - r, cx + r, top_cy + r, 160, -220)
    x_end = cx + r * math.cos(math.radians(-60))
    y_end = top_cy + r * math.sin(math.radians(-60))
    p.moveTo(x_end, y_end)
    p.lineTo(cx, top_cy - r - h * 0.08)
    p.lineTo(cx, cy - h / 2 + h * 0.26)
    c.drawPath(p, stroke=1, fill=0)
    c.setFillColor(ink)
    c.circle(cx, cy - h / 2 + width * 0.6, width * 0.7, stroke=0, fill=1)


def _cell(c, x, y, s, *, kind):
    """A mini board cell for condition icons: 'open' (dashed), 'wall' (hatched)."""
    if kind == "open":
        c.setStrokeColor(BLACK)
        c.setLineWidth(4)
        c.setDash(6, 5)
        c.setFillColor(WHITE)
        c.rect(x, y, s, s, stroke=1, fill=1)
        c.setDash()
    else:
        _hatched_block(c, x, y, s, s)


def _hatched_block(c, x, y, w, h, *, ink=BLACK, line=4, gap=11):
    c.saveState()
    c.setFillColor(WHITE)
    c.setStrokeColor(ink)
    c.rect(x, y, w, h, stroke=0, fill=1)
    p = c.beginPath()
    p.rect(x, y, w, h)
    c.clipPath(p, stroke=0, fill=0)
    c.setLineWidth(line)
    c.setLineCap(0)
    k = -h
    while k < w:
        c.line(x + k, y, x + k + h, y + h)
        k += gap
    c.restoreState()
    c.setStrokeColor(ink)
    c.setLineWidth(5)
    c.rect(x, y, w, h, stroke=1, fill=0)


# -- action cards -----------------------------------------------------------


def forward(canvas, x, y, size, *, color=False):
    """Move forward: a solid bold arrow pointing up."""
    with _Grid(canvas, x, y, size) as c:
        _block_arrow(c, direction=90, ink=_ink(color, "action"))


def back(canvas, x, y, size, *, color=False):
    """Move back: a hollow arrow pointing down (told apart from forward by fill)."""
    with _Grid(canvas, x, y, size) as c:
        _block_arrow(c, direction=-90, hollow=True, ink=_ink(color, "action"), length=80, shaft=26, head=58)


def _turn(canvas, x, y, size, color, left: bool):
    with _Grid(canvas, x, y, size) as c:
        ink = _ink(color, "action")
        # A thick stem rising from the bottom that bends over into a head.
        c.setStrokeColor(ink)
        c.setLineWidth(20)
        c.setLineCap(0)
        c.setLineJoin(1)
        sx = 66 if left else 34
        r = 24
        cx = sx - r if left else sx + r
        p = c.beginPath()
        p.moveTo(sx, 8)
        p.lineTo(sx, 50)
        if left:
            p.arcTo(cx - r, 50 - r, cx + r, 50 + r, 0, 90)
        else:
            p.arcTo(cx - r, 50 - r, cx + r, 50 + r, 180, -90)
        c.drawPath(p, stroke=1, fill=0)
        tip_x = 6 if left else 94
        _arrow_head(c, (tip_x, 50 + r), 180 if left else 0, length=34, width=50, ink=ink)


def turn_left(canvas, x, y, size, *, color=False):
    """Turn left (on the spot): a curved arrow bending left."""
    _turn(canvas, x, y, size, color, left=True)


def turn_right(canvas, x, y, size, *, color=False):
    """Turn right (on the spot): a curved arrow bending right."""
    _turn(canvas, x, y, size, color, left=False)


def pick_up(canvas, x, y, size, *, color=False):
    """Pick up: a star going down into an open box."""
    with _Grid(canvas, x, y, size) as c:
        ink = _ink(color, "action")
        # Open box (a tray) at the bottom.
        c.setStrokeColor(BLACK)
        c.setLineWidth(STROKE)
        c.setLineJoin(0)
        p = c.beginPath()
        p.moveTo(12, 44)
        p.lineTo(20, 8)
        p.lineTo(80, 8)
        p.lineTo(88, 44)
        c.drawPath(p, stroke=1, fill=0)
        c.setLineJoin(1)
        _star(c, 50, 66, 28, ink=ink)
        # Motion marks from the star into the box.
        c.setLineWidth(5)
        c.setStrokeColor(BLACK)
        for dx in (-24, 24):
            c.line(50 + dx, 48, 50 + dx * 0.8, 30)
        _arrow_head(c, (50, 16), -90, length=16, width=20)
        c.setLineWidth(6)
        c.line(50, 36, 50, 28)


# -- control cards ----------------------------------------------------------


def repeat(canvas, x, y, size, *, color=False):
    """Repeat: two arrows chasing each other round a circle."""
    with _Grid(canvas, x, y, size) as c:
        ink = _ink(color, "control")
        _arc_arrow(c, 50, 50, 33, 105, 150, ink=ink, width=13, head=28)
        _arc_arrow(c, 50, 50, 33, 285, 150, ink=ink, width=13, head=28)


def repeat_until(canvas, x, y, size, *, color=False):
    """Repeat until: a circular arrow with a finish flag inside."""
    with _Grid(canvas, x, y, size) as c:
        ink = _ink(color, "control")
        _arc_arrow(c, 48, 48, 34, 95, 290, ink=ink, width=12, head=32)
        _flag(c, 38, 28, 40, ink=BLACK)


def if_(canvas, x, y, size, *, color=False):
    """If: a diamond (the flow-chart decision) holding a '?'."""
    with _Grid(canvas, x, y, size) as c:
        ink = _ink(color, "control")
        c.setStrokeColor(ink)
        c.setLineWidth(STROKE)
        c.setFillColor(WHITE)
        _polygon(c, [(50, 95), (95, 50), (50, 5), (5, 50)], stroke=1, fill=1)
        _question_mark(c, 50, 50, 46, ink=BLACK, width=9)


def else_(canvas, x, y, size, *, color=False):
    """Else: a path that splits in two; the taken branch solid, the other dashed."""
    with _Grid(canvas, x, y, size) as c:
        ink = _ink(color, "control")
        c.setStrokeColor(ink)
        c.setLineWidth(13)
        c.setLineCap(0)
        junction = (50, 38)
        c.line(50, 4, *junction)
        for tip, dashed in (((10, 92), True), ((90, 92), False)):
            angle = math.atan2(tip[1] - junction[1], tip[0] - junction[0])
            head = 28
            back_off = head * (1.05 if dashed else 0.8)
            end_pt = (tip[0] - back_off * math.cos(angle), tip[1] - back_off * math.sin(angle))
            if dashed:
                # The branch not taken ("if" was false): dashed and hollow-headed.
                c.setDash(7, 6)
                c.setLineWidth(10)
            c.line(*junction, *end_pt)
            c.setDash()
            c.setLineWidth(13)
            if dashed:
                c.setLineWidth(5)
                c.setFillColor(WHITE)
                a = math.degrees(angle)
                pts = _head_points(tip, a, length=head, width=32)
                _polygon(c, pts, stroke=1, fill=1)
            else:
                _arrow_head(c, tip, math.degrees(angle), length=head, width=36, ink=ink)
        c.setFillColor(ink)
        c.circle(*junction, 8, stroke=0, fill=1)


def end(canvas, x, y, size, *, color=False):
    """End of a block: a thick closing bracket ']'."""
    with _Grid(canvas, x, y, size) as c:
        ink = _ink(color, "control")
        c.setStrokeColor(ink)
        c.setLineWidth(16)
        c.setLineCap(0)
        c.setLineJoin(0)
        p = c.beginPath()
        p.moveTo(32, 86)
        p.lineTo(64, 86)
        p.lineTo(64, 14)
        p.lineTo(32, 14)
        c.drawPath(p, stroke=1, fill=0)


# -- function cards ---------------------------------------------------------


def _procedure_box(c, x0, y0, w, h, ink):
    """A box with a tab on top and step lines inside: 'a named list of steps'."""
    c.setStrokeColor(BLACK)
    c.setLineWidth(7)
    c.setFillColor(WHITE)
    tab_w, tab_h = w * 0.45, h * 0.16
    p = c.beginPath()
    p.moveTo(x0, y0)
    p.lineTo(x0 + w, y0)
    p.lineTo(x0 + w, y0 + h)
    p.lineTo(x0 + tab_w + tab_h, y0 + h)
    p.lineTo(x0 + tab_w, y0 + h + tab_h)
    p.lineTo(x0, y0 + h + tab_h)
    p.close()
    c.drawPath(p, stroke=1, fill=1)
    c.setFillColor(ink)
    c.rect(x0, y0 + h, tab_w, tab_h, stroke=0, fill=1)
    c.setStrokeColor(ink)
    c.setLineWidth(7)
    c.setLineCap(1)
    step = h / 4
    for k in range(1, 4):
        yy = y0 + h - k * step
        c.line(x0 + w * 0.18, yy, x0 + w * 0.82, yy)


def define(canvas, x, y, size, *, color=False):
    """Define a function: a tabbed box of steps inside a brace."""
    with _Grid(canvas, x, y, size) as c:
        ink = _ink(color, "function")
        _procedure_box(c, 28, 14, 62, 62, ink)
        # A curly brace on the left: "these steps together".
        c.setStrokeColor(BLACK)
        c.setLineWidth(7)
        p = c.beginPath()
        p.moveTo(22, 88)
        p.curveTo(10, 88, 14, 62, 14, 56)
        p.curveTo(14, 50, 12, 48, 5, 48)
        p.curveTo(12, 48, 14, 46, 14, 40)
        p.curveTo(14, 34, 10, 10, 22, 10)
        c.drawPath(p, stroke=1, fill=0)


def call(canvas, x, y, size, *, color=False):
    """Call a function: an arrow going into the tabbed box of steps."""
    with _Grid(canvas, x, y, size) as c:
        ink = _ink(color, "function")
        _procedure_box(c, 40, 16, 54, 58, ink)
        c.setStrokeColor(ink)
        c.setLineWidth(13)
        c.setLineCap(0)
        c.line(4, 45, 34, 45)
        _arrow_head(c, (56, 45), 0, length=26, width=34, ink=ink)


# -- condition cards --------------------------------------------------------


def _path_condition(canvas, x, y, size, color, where):
    with _Grid(canvas, x, y, size) as c:
        ink = _ink(color, "condition")
        s = 30
        robot_cell = (35, 14) if where == "ahead" else (35, 30)
        bx, by = robot_cell
        rx, ry = {"ahead": (35, 60), "left": (3, 30), "right": (67, 30)}[where]
        _cell(c, rx, ry, s, kind="open")
        c.setStrokeColor(BLACK)
        c.setLineWidth(5)
        c.setFillColor(WHITE)
        c.rect(bx, by, s, s, stroke=1, fill=1)
        _robot(c, bx + s / 2, by + s / 2, 11, facing=90, ink=ink)
        # An arrow from the robot's cell into the open cell.
        mx, my = bx + s / 2, by + s / 2
        tx, ty = rx + s / 2, ry + s / 2
        a = math.atan2(ty - my, tx - mx)
        tail = (mx + 12 * math.cos(a), my + 12 * math.sin(a))
        tip = (tx + 6 * math.cos(a), ty + 6 * math.sin(a))
        c.setStrokeColor(ink)
        c.setLineWidth(8)
        c.setLineCap(0)
        c.line(tail[0] + 6 * math.cos(a), tail[1] + 6 * math.sin(a), tip[0] - 14 * math.cos(a), tip[1] - 14 * math.sin(a))
        _arrow_head(c, tip, math.degrees(a), length=18, width=24, ink=ink)
        qx, qy = (82, 74) if where == "ahead" else (50, 80)
        _question_mark(c, qx, qy, 30, ink=BLACK, width=6)


def path_ahead(canvas, x, y, size, *, color=False):
    """Is there a path ahead? The cell in front is open (dashed)."""
    _path_condition(canvas, x, y, size, color, "ahead")


def path_left(canvas, x, y, size, *, color=False):
    """Is there a path to the left?"""
    _path_condition(canvas, x, y, size, color, "left")


def path_right(canvas, x, y, size, *, color=False):
    """Is there a path to the right?"""
    _path_condition(canvas, x, y, size, color, "right")


def at_goal(canvas, x, y, size, *, color=False):
    """Am I at the goal? The robot standing at the foot of the goal flag."""
    with _Grid(canvas, x, y, size) as c:
        ink = _ink(color, "condition")
        _flag(c, 22, 30, 60, ink=BLACK)
        _robot(c, 46, 24, 16, facing=90, ink=ink)
        _question_mark(c, 84, 34, 30, width=6)


def on_item(canvas, x, y, size, *, color=False):
    """Am I on an item? The robot standing inside a big star."""
    with _Grid(canvas, x, y, size) as c:
        c.setLineWidth(7)
        _star(c, 42, 50, 42, stroke=True, fill=False)
        _robot(c, 42, 47, 11, facing=90, ink=_ink(color, "condition"))
        _question_mark(c, 86, 78, 30, width=6)


# -- board symbols ----------------------------------------------------------


def draw_start(canvas, x, y, size, *, facing: str | float = "up", color=False):
    """The robot's start: a pointed marker facing up/down/left/right (or degrees)."""
    angle = {"right": 0, "up": 90, "left": 180, "down": 270}.get(facing, facing)
    if not isinstance(angle, (int, float)):
        raise ValueError(f"facing must be up, down, left, right or degrees, found {facing!r}")
    with _Grid(canvas, x, y, size) as c:
        c.setStrokeColor(BLACK)
        c.setLineWidth(5)
        c.circle(50, 50, 44, stroke=1, fill=0)
        _robot(c, 50, 50, 34, facing=angle, ink=_ink(color, "board"))


def start(canvas, x, y, size, *, color=False):
    """Board start, facing up."""
    draw_start(canvas, x, y, size, facing="up", color=color)


def goal(canvas, x, y, size, *, color=False):
    """Board goal: a chequered flag."""
    with _Grid(canvas, x, y, size) as c:
        _flag(c, 28, 8, 80, ink=_ink(color, "board"))


def wall(canvas, x, y, size, *, color=False, light=False):
    """Board wall: a hatched block filling the square.  ``light``: thinner,
    sparser hatching, for a board that is mostly wall (a stencil printer
    smears a page of dense ink)."""
    with _Grid(canvas, x, y, size) as c:
        _hatched_block(c, 4, 4, 92, 92, ink=_ink(color, "board"), line=4 if light else 5, gap=30 if light else 22)


def item(canvas, x, y, size, *, color=False):
    """Board item: a solid star."""
    with _Grid(canvas, x, y, size) as c:
        _star(c, 50, 46, 46, ink=_ink(color, "board"))


def obstacle(canvas, x, y, size, *, color=False):
    """Board obstacle ('X'): a traffic cone, solid with two white bands on a
    base, unlike the hatched wall, the flag or the star in black and white."""
    ink = _ink(color, "board")
    with _Grid(canvas, x, y, size) as c:
        c.setFillColor(ink)
        _polygon(c, [(8, 6), (92, 6), (92, 16), (8, 16)])  # the base
        _polygon(c, [(24, 16), (76, 16), (56, 94), (44, 94)])  # the cone
        c.setFillColor(WHITE)
        for low, high in ((34, 46), (60, 70)):  # bands across the cone
            def edge(h):
                return 24 + (44 - 24) * (h - 16) / 78, 76 - (76 - 56) * (h - 16) / 78

            (l0, r0), (l1, r1) = edge(low), edge(high)
            _polygon(c, [(l0 - 1, low), (r0 + 1, low), (r1 + 1, high), (l1 - 1, high)])


ICONS: dict[str, Callable[..., None]] = {
    "forward": forward,
    "back": back,
    "turn_left": turn_left,
    "turn_right": turn_right,
    "pick_up": pick_up,
    "repeat": repeat,
    "repeat_until": repeat_until,
    "if": if_,
    "else": else_,
    "end": end,
    "define": define,
    "call": call,
    "path_ahead": path_ahead,
    "path_left": path_left,
    "path_right": path_right,
    "at_goal": at_goal,
    "on_item": on_item,
    "start": start,
    "goal": goal,
    "wall": wall,
    "item": item,
    "obstacle": obstacle,
}


def draw_icon(canvas, icon_id: str, x: float, y: float, size: float, *, color: bool = False) -> None:
    """Draw the icon named ``icon_id``; unknown names are a ValueError."""
    try:
        fn = ICONS[icon_id]
    except KeyError:
        raise ValueError(f"unknown icon {icon_id!r}; expected one of {', '.join(sorted(ICONS))}") from None
    fn(canvas, x, y, size, color=color)


# -- card frames ------------------------------------------------------------


def _rounded_rect_path(c, x, y, w, h, r):
    p = c.beginPath()
    p.roundRect(x, y, w, h, r)
    return p


def draw_card_frame(canvas, x: float, y: float, w: float, h: float, category: str, *, color: bool = False) -> None:
    """Outline a card of ``category`` so the kind reads without colour.

    action: plain square corners, one heavy line.  control: rounded double
    outline.  condition: notched (cut) corners with a dotted inner line.
    function: thin outline with heavy corner brackets.  role: rounded with a
    hatched badge band across the top.
    """
    if category not in CATEGORIES:
        raise ValueError(f"unknown card category {category!r}; expected one of {', '.join(CATEGORIES)}")
    c = canvas
    u = min(w, h) / 100.0  # frame unit: 1% of the short side
    c.saveState()
    c.setDash()
    c.setLineJoin(0)
    c.setLineCap(0)
    c.setStrokeColor(BLACK)
    bg = PALE[category] if color else None
    if category == "action":
        lw = max(2.0, 3.2 * u)
        c.setLineWidth(lw)
        if bg:
            c.setFillColor(bg)
        c.rect(x + lw / 2, y + lw / 2, w - lw, h - lw, stroke=1, fill=1 if bg else 0)
    elif category == "control":
        lw = max(1.6, 2.6 * u)
        r = 10 * u
        c.setLineWidth(lw)
        if bg:
            c.setFillColor(bg)
        c.drawPath(_rounded_rect_path(c, x + lw / 2, y + lw / 2, w - lw, h - lw, r), stroke=1, fill=1 if bg else 0)
        inset = lw + 3.5 * u
        c.setLineWidth(lw * 0.6)
        c.drawPath(_rounded_rect_path(c, x + inset, y + inset, w - 2 * inset, h - 2 * inset, max(r - inset / 2, 1)), stroke=1, fill=0)
    elif category == "condition":
        lw = max(1.8, 3.0 * u)
        n = 12 * u
        c.setLineWidth(lw)
        c.setLineJoin(0)
        if bg:
            c.setFillColor(bg)
        o = lw / 2
        _polygon(c, _notched(x + o, y + o, w - 2 * o, h - 2 * o, n), stroke=1, fill=1 if bg else 0)
        inset = lw + 4 * u
        c.setLineWidth(max(1.0, 1.6 * u))
        c.setLineCap(1)
        c.setDash(0.1, max(3.0, 4.5 * u))
        _polygon(c, _notched(x + inset, y + inset, w - 2 * inset, h - 2 * inset, n * 0.7), stroke=1, fill=0)
        c.setDash()
    elif category == "function":
        lw = max(0.8, 1.2 * u)
        c.setLineWidth(lw)
        if bg:
            c.setFillColor(bg)
        c.rect(x + lw / 2, y + lw / 2, w - lw, h - lw, stroke=1, fill=1 if bg else 0)
        heavy = max(3.0, 5.5 * u)
        arm = 18 * u
        c.setLineWidth(heavy)
        o = heavy / 2
        for cx, cy, sx, sy in ((x, y, 1, 1), (x + w, y, -1, 1), (x, y + h, 1, -1), (x + w, y + h, -1, -1)):
            p = c.beginPath()
            p.moveTo(cx + sx * o, cy + sy * (o + arm))
            p.lineTo(cx + sx * o, cy + sy * o)
            p.lineTo(cx + sx * (o + arm), cy + sy * o)
            c.drawPath(p, stroke=1, fill=0)
    else:  # role
        lw = max(1.6, 2.6 * u)
        r = 14 * u
        c.setLineWidth(lw)
        outline = _rounded_rect_path(c, x + lw / 2, y + lw / 2, w - lw, h - lw, r)
        if bg:
            c.setFillColor(bg)
            c.drawPath(outline, stroke=0, fill=1)
        band = max(10.0, 16 * u)
        c.saveState()
        c.clipPath(_rounded_rect_path(c, x + lw / 2, y + lw / 2, w - lw, h - lw, r), stroke=0, fill=0)
        top = y + h - band
        c.setStrokeColor(TINTS["role"] if color else BLACK)
        c.setLineWidth(max(0.8, 1.4 * u))
        k = -band
        while k < w:
            c.line(x + k, top, x + k + band, top + band)
            k += max(3.0, 4 * u)
        c.restoreState()
        c.setLineWidth(lw * 0.8)
        c.line(x, top, x + w, top)
        c.setLineWidth(lw)
        c.drawPath(_rounded_rect_path(c, x + lw / 2, y + lw / 2, w - lw, h - lw, r), stroke=1, fill=0)
    c.restoreState()


def _notched(x, y, w, h, n):
    return [
        (x + n, y),
        (x + w - n, y),
        (x + w, y + n),
        (x + w, y + h - n),
        (x + w - n, y + h),
        (x + n, y + h),
        (x, y + h - n),
        (x, y + n),
    ]


def frame_inner_box(x: float, y: float, w: float, h: float, category: str) -> tuple[float, float, float, float]:
    """The area inside a card frame that content may use (x, y, w, h)."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown card category {category!r}; expected one of {', '.join(CATEGORIES)}")
    u = min(w, h) / 100.0
    # A condition card's dotted inner line cuts its corners (about 7 u in,
    # notched 8.4 u): 12 u keeps the box's corners inside it, dots included.
    pad = 12 * u if category == "condition" else 10 * u
    top_pad = pad + (max(10.0, 16 * u) if category == "role" else 0.0)
    return (x + pad, y + pad, w - 2 * pad, h - pad - top_pad)
