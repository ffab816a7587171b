"""Drawing graph paper: the target picture, an empty sheet, the pen's path.

Filled squares are a light pencil grey with a diagonal hatch (they read on a
stencil copy, and no page is a big black block); the pen's start is a ringed
dot.  With a trace (the answer key) each filled square carries the number of
the fill that coloured it, and a thin line follows the pen from square to
square.  Cards: straight arrows on a patch of graph paper — the paper's own
directions, told apart at a glance from the robot's curved turning arrows —
and a pencil filling a square.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lessonkit.render import icons
from lessonkit.render.fonts import draw_string, font_name, text_width
from lessonkit.simulate import Trace
from lessonkit.render.worlds.grid import MIN_COORD, column_mark, draw_lines_and_labels
from lessonkit.worlds.paper import PaperWorld

Box = tuple[float, float, float, float]


@dataclass
class PaperPlan:
    x: float
    y: float
    cell: float
    rows: int
    cols: int
    filled: frozenset[tuple[int, int]]  # squares shown filled
    pen: tuple[int, int] | None
    labels: list[tuple[float, float, str]] = field(default_factory=list)
    label_size: float = 8.0
    path: list[tuple[float, float]] = field(default_factory=list)
    numbers: list[tuple[int, int, str, float]] = field(default_factory=list)  # row, col, text, size
    crash: tuple[int, int] | None = None
    twin: "PaperPlan | None" = None  # the worksheet: the empty sheet beside the target, the same size

    @property
    def width(self) -> float:
        return self.cell * self.cols

    @property
    def height(self) -> float:
        return self.cell * self.rows

    def centre(self, row: int, col: int) -> tuple[float, float]:
        return (self.x + (col + 0.5) * self.cell, self.y + (self.rows - row - 0.5) * self.cell)


def plan_board(world: PaperWorld, x: float, y: float, w: float, h: float, *, trace: Trace | None = None, labels: bool = True, max_cell: float | None = None, empty: bool | None = None, kana: bool = False) -> PaperPlan:
    """The sheet fitted into (x, y, w, h).  Pupils see the target picture, or
    an empty sheet for a decode puzzle (``empty``, default: ``world.decode``);
    with ``trace``, the picture the run drew, fills numbered in order."""
    rows, cols = world.height, world.width
    margin = 0.0
    if labels:
        margin = max(MIN_COORD / 0.6, min(min(w / (cols + 1), h / (rows + 1)) * 0.6, 22.0))
    cell = min((w - margin) / cols, (h - margin) / rows)
    if max_cell:
        cell = min(cell, max_cell)
    bw, bh = cell * cols, cell * rows
    bx = x + margin + (w - margin - bw) / 2
    by = y + (h - margin - bh) / 2
    if empty is None:
        empty = world.decode and trace is None
    filled = frozenset() if empty else world.target
    plan = PaperPlan(bx, by, cell, rows, cols, filled, world.pen)
    if labels:
        # Coordinates as the grid's: at least MIN_COORD, neighbours never touching.
        size = max(MIN_COORD, min(margin * 0.6, cell * 0.4, 14.0))
        widest = max(text_width(column_mark(c, kana), 1.0, True) for c in range(cols))
        size = min(size, cell * 0.92 / widest)
        plan.label_size = size
        for c in range(cols):
            text = column_mark(c, kana)
            plan.labels.append((bx + (c + 0.5) * cell - text_width(text, size, True) / 2, by + bh + margin * 0.3, text))
        for r in range(rows):
            text = str(r + 1)
            plan.labels.append((bx - margin * 0.2 - text_width(text, size, True), by + (rows - r - 0.5) * cell - size * 0.35, text))
    if trace is not None:
        plan.filled = frozenset(trace.final.filled)
        plan.path.append(plan.centre(trace.start.row, trace.start.col))
        order = 0
        size = max(4.5, min(cell * 0.42, 11.0))
        for step in trace.steps:
            if step.error is not None:
                plan.crash = _crash_square(step)
                continue
            here = (step.state.row, step.state.col)
            if plan.centre(*here) != plan.path[-1]:
                plan.path.append(plan.centre(*here))
            if step.card == "fill":
                order += 1
                plan.numbers.append((here[0], here[1], str(order), size))
    return plan


def _crash_square(step) -> tuple[int, int]:
    from lessonkit.worlds.paper import MOVES

    dr, dc = MOVES.get(step.card, (0, 0))
    return (step.state.row + dr, step.state.col + dc)


def draw_board(canvas, plan: PaperPlan, *, color: bool = False) -> None:
    c = canvas
    c.saveState()
    for r, col in plan.filled:
        sx, sy = plan.x + col * plan.cell, plan.y + (plan.rows - r - 1) * plan.cell
        _filled_square(c, sx, sy, plan.cell, color)
    draw_lines_and_labels(c, plan)
    if plan.path and len(plan.path) > 1:
        c.setStrokeColorRGB(0.85, 0.1, 0.1) if color else c.setStrokeColorRGB(0.3, 0.3, 0.3)
        c.setLineWidth(max(0.8, plan.cell * 0.04))
        c.setDash(plan.cell * 0.1, plan.cell * 0.07)
        p = c.beginPath()
        p.moveTo(*plan.path[0])
        for x, y in plan.path[1:]:
            p.lineTo(x, y)
        c.drawPath(p, stroke=1, fill=0)
        c.setDash()
    for r, col, text, size in plan.numbers:
        cx, cy = plan.centre(r, col)
        w = max(size * 1.4, text_width(text, size, True) + size * 0.5)
        c.setFillColorRGB(1, 1, 1)
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(0.6)
        c.roundRect(cx - w / 2, cy - size * 0.65, w, size * 1.3, size * 0.5, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font_name(True), size)
        draw_string(c, cx, cy - size * 0.35, text, anchor="centre")
    if plan.pen is not None and plan.numbers:
        # The answer key: a ring round the start square's middle, clear of its number.
        cx, cy = plan.centre(*plan.pen)
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(max(1.0, plan.cell * 0.05))
        c.circle(cx, cy, plan.cell * 0.4, stroke=1, fill=0)
    elif plan.pen is not None:
        cx, cy = plan.centre(*plan.pen)
        _pen_mark(c, cx, cy, plan.cell)
    if plan.crash is not None:
        r, col = plan.crash
        cx, cy = plan.centre(r, col)
        s = plan.cell * 0.25
        for colour, lw in (((1, 1, 1), max(1.5, plan.cell * 0.07) * 2.6), ((0, 0, 0), max(1.5, plan.cell * 0.07))):
            c.setStrokeColorRGB(*colour)
            c.setLineWidth(lw)
            c.line(cx - s, cy - s, cx + s, cy + s)
            c.line(cx - s, cy + s, cx + s, cy - s)
    c.restoreState()
    if plan.twin is not None:
        draw_board(canvas, plan.twin, color=color)


def _filled_square(c, x: float, y: float, size: float, color: bool) -> None:
    c.saveState()
    if color:
        c.setFillColorRGB(0.55, 0.7, 0.95)
    else:
        c.setFillGray(0.72)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setStrokeGray(0.35)
    c.setLineWidth(max(0.5, size * 0.02))
    p = c.beginPath()
    p.rect(x, y, size, size)
    c.clipPath(p, stroke=0, fill=0)
    step = size / 4
    k = -size
    while k < size:
        c.line(x + k, y, x + k + size, y + size)
        k += step
    c.restoreState()


def _pen_mark(c, cx: float, cy: float, cell: float) -> None:
    """The pen's start: a ringed dot, white-haloed so it reads on a filled square."""
    r = cell * 0.22
    c.saveState()
    c.setFillColorRGB(1, 1, 1)
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(max(1.0, cell * 0.05))
    c.circle(cx, cy, r, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.circle(cx, cy, r * 0.45, stroke=0, fill=1)
    c.restoreState()


# -- card faces -------------------------------------------------------------


def _paper_patch(c) -> None:
    """A 3×3 patch of graph paper behind the card's arrow (grid units)."""
    c.setStrokeGray(0.55)
    c.setLineWidth(2)
    for k in range(4):
        v = 8 + k * 28
        c.line(8, v, 92, v)
        c.line(v, 8, v, 92)


def _straight(direction: int):
    def draw(canvas, x, y, size, *, color=False):
        with icons._Grid(canvas, x, y, size) as c:
            _paper_patch(c)
            icons._block_arrow(c, direction=direction, ink=icons._ink(color, "action"), length=78, shaft=18, head=46, head_len=30)

    return draw


def fill(canvas, x, y, size, *, color=False):
    """Fill: the middle square of a patch coloured in, a pencil tip on it."""
    with icons._Grid(canvas, x, y, size) as c:
        _paper_patch(c)
        ink = icons._ink(color, "action")
        c.setFillColor(ink)
        c.rect(36, 36, 28, 28, stroke=0, fill=1)
        # The pencil: a long hexagon body ending in a point at the square.
        icons._polygon(c, [(60, 60), (86, 86), (94, 78), (68, 52)], fill=1)
        c.setFillColorRGB(1, 1, 1)
        icons._polygon(c, [(64, 60), (84, 80), (88, 76), (68, 56)], fill=1)


def filled_here(canvas, x, y, size, *, color=False):
    """Filled?: a coloured square with a question mark."""
    with icons._Grid(canvas, x, y, size) as c:
        _paper_patch(c)
        c.setFillColor(icons._ink(color, "condition"))
        c.rect(36, 36, 28, 28, stroke=0, fill=1)
        icons._question_mark(c, 78, 76, 30, ink=icons._ink(color, "condition"))


def _edge(side: str):
    def draw(canvas, x, y, size, *, color=False):
        with icons._Grid(canvas, x, y, size) as c:
            _paper_patch(c)
            ink = icons._ink(color, "condition")
            c.setStrokeColor(ink)
            c.setLineWidth(12)
            ends = {"up": (8, 92, 92, 92), "down": (8, 8, 92, 8), "left": (8, 8, 8, 92), "right": (92, 8, 92, 92)}[side]
            c.line(*ends)
            icons._question_mark(c, 50, 50, 34, ink=ink)

    return draw


ICONS = {
    "arrow_up": _straight(90),
    "arrow_down": _straight(-90),
    "arrow_left": _straight(180),
    "arrow_right": _straight(0),
    "fill": fill,
    "filled_here": filled_here,
    "edge_up": _edge("up"),
    "edge_down": _edge("down"),
    "edge_left": _edge("left"),
    "edge_right": _edge("right"),
}


# -- the kit protocol's optional parts: worksheet and answer key --------------

WORDS = {
    "target": {"ja": "みほん", "en": "Target picture"},
    "draw_here": {"ja": "ここに かこう", "en": "Draw it here"},
    "count_plain": {"ja": "カードは くりかえしを つかわないと", "en": "Cards without repeat:"},
    "count_unit": {"ja": "まい", "en": ""},
    "count_looped": {"ja": "つかうと", "en": "with repeat:"},
    "draw_here_help": {"ja": "プログラムの とおりに ペンを うごかして ぬろう", "en": "Move the pen as the program says and fill the squares"},
    "given": {"ja": "プログラム", "en": "The program"},
    "given_help": {"ja": "1まいずつ よんで、ペンを うごかそう", "en": "Read one card at a time and move the pen"},
    "what": {"ja": "なんの えに なったかな？", "en": "What is the picture?"},
    "own": {"ja": "じぶんの えを かこう", "en": "Draw your own picture"},
    "own_help": {
        "ja": "マスを ぬって えを かき、その プログラムを かこう。ほかの はんに わたして、かいて もらおう。",
        "en": "Fill squares to make a picture, write its program, and give it to another group to draw.",
    },
    "own_program": {"ja": "プログラム", "en": "Its program"},
    "plain_proven": {"ja": "くりかえしを使わない最短のプログラム：{n}枚", "en": "Shortest program without repeat cards: {n} cards"},
    "plain_bound": {"ja": "くりかえしを使わないプログラム：見つかった最短は{n}枚（{lower}枚より短くはできない）", "en": "Without repeat cards: {n} cards found (none can be shorter than {lower})"},
    "looped": {"ja": "くりかえしを使うと：{m}枚（エンドカードを含む。班のカードで並べられるもので、探した中で最短）", "en": "With repeat cards: {m} cards, End cards included (the shortest the search found that a group's kit can lay)"},
    "looped_own": {"ja": "くりかえしを使うと：{m}枚（エンドカードを含む。この授業の解答で、班のカードで並べられるもののうち、探した中で最短）", "en": "With repeat cards: {m} cards, End cards included (the lesson's own answer: the shortest a group's kit can lay of those the search tried)"},
    "looped_short": {"ja": "くりかえしを使うと：{m}枚（エンドカードを含む。探した中で最短。班のカードでは足りない）", "en": "With repeat cards: {m} cards, End cards included (the shortest the search found; more cards than a group's kit holds)"},
    "shorter": {"ja": "くりかえしで {n}枚 → {m}枚", "en": "Repeat shortens it: {n} cards → {m} cards"},
    "decoded": {"ja": "読み取ると、左の絵になる（番号は塗る順）", "en": "Decoded, it draws the picture on the left (numbers: the order of the fills)"},
    "numbered": {"ja": "左の図の番号は塗る順、点線はペンの道すじ", "en": "In the drawing, numbers give the order of the fills; the dotted line is the pen's path"},
}


def _w(key: str, lang: str, **fields) -> str:
    return WORDS[key][lang].format(**fields)


def _furigana(checked, options):
    from lessonkit.render.options import furigana_for

    return furigana_for(checked.lesson, options)


def _kana(checked) -> bool:
    from lessonkit.render.options import latin_ok

    return not latin_ok(checked.lesson)


def work_area(checked, index: int, puzzle, sz, options):
    """Under the board (the target with the empty sheet beside it, where
    the pen draws as the program is read: the run's record): a caption
    under each, the program area (nested, a block's inside one step in,
    when a worked answer uses repeat), the card counts without and with
    repeat where repeat shortens the drawing, and what went wrong.  A
    decode puzzle (whose board is the empty sheet) prints the program to
    read instead."""
    from lessonkit.render.page import LineItem, TextItem
    from lessonkit.render.text import layout_text
    from lessonkit.render.words import word
    from lessonkit.render.worksheet import NUMBER_SIZE, SLOT_H, SLOT_W, WRITE_PITCH, NestedArea, _block_label, _heading, _nested_slots, _numbered_boxes, nested_area, slot_count

    lang = checked.lesson.language
    fur = _furigana(checked, options)

    def build(x: float, y_top: float, width: float):
        y = y_top
        if puzzle.world.decode:
            items, h = _given_program(checked, puzzle, sz, options, x, y, width)
            y -= h + 8
            head, hh = _heading(_w("what", lang), "", x, y, width, sz, fur)
            items += head
            y -= hh + 34
            items.append(LineItem(x, y, x + width, y, 0.8, role="write-line"))
            return items, y_top - y
        items = []
        half = (width - TWIN_GAP) / 2
        ch = 0.0
        for k, key in enumerate(("target", "draw_here")):
            lines = tuple(layout_text(_w(key, lang), sz.body, max_width=half, bold=k == 1, furigana=fur, leading=1.3))
            items.append(TextItem(x + k * (half + TWIN_GAP), y, lines, sz.body, k == 1, 1.3, align="center", width=half, role="sheet-caption"))
            ch = max(ch, sum(line.height for line in lines))
        y -= ch + 2
        help_lines = tuple(layout_text(_w("draw_here_help", lang), sz.small, max_width=half, furigana=fur, leading=1.3))
        items.append(TextItem(x + half + TWIN_GAP, y, help_lines, sz.small, False, 1.3, align="center", width=half, role="sheet-help"))
        y -= sum(line.height for line in help_lines) + 8
        area = nested_area(checked, puzzle)
        help_text = word("program_help_nested", lang, card=_block_label(checked, puzzle)) if area else word("program_help", lang)
        head, hh = _heading(word("program", lang), help_text, x, y, width, sz, fur)
        items += head
        y -= hh + 4
        if area:
            lines_needed, depth = _nested_lines(puzzle, checked.family, lang, width)
            boxes, bh = _nested_slots(NestedArea(lines_needed, depth), x, y, width)
        else:
            boxes, bh = _numbered_boxes(slot_count(puzzle), x, y, width, SLOT_W, SLOT_H, NUMBER_SIZE, role="slot", label_inside=True)
        items += boxes
        y -= bh + 8
        if _counts_asked(checked, puzzle):
            counts, cbh = _count_boxes(lang, x, y, width, sz, fur)
            items += counts
            y -= cbh + 8
        why = tuple(layout_text(word("wrong_why", lang), sz.small, max_width=width, furigana=fur, leading=1.3))
        ww = max(line.width for line in why)
        pitch = WRITE_PITCH * 0.9
        items.append(TextItem(x, y - (pitch - why[0].height) / 2, why, sz.small, False, 1.3, role="wrong-label"))
        items.append(LineItem(x + ww + 6, y - pitch * 0.8, x + width, y - pitch * 0.8, 0.8, role="wrong-line"))
        y -= pitch * 0.8
        return items, y_top - y

    return build


def _counts_asked(checked, puzzle) -> bool:
    """Whether the group counts the cards without and with repeat: a puzzle
    to draw (not decode) on repeat (a worked answer uses it), where the kit
    has repeat cards and they shorten the drawing."""
    found = puzzle.analysis
    on_repeat = any("repeat" in p.card_counts() for p in [puzzle.solution] + [p for p, _ in puzzle.alternatives])
    return not puzzle.world.decode and on_repeat and found is not None and "repeat" in puzzle.palette and found.looped_cards < len(found.plain)


def worksheet_board(world: PaperWorld, x: float, y: float, w: float, h: float, *, max_cell: float | None = None, kana: bool = False, **_) -> PaperPlan:
    """The worksheet's board: the target picture (みほん) on the left and,
    beside it at the very same size, the empty sheet the group draws on; a
    decode puzzle's board is its empty sheet alone."""
    if world.decode:
        return plan_board(world, x, y, w, h, max_cell=max_cell, kana=kana)
    half = (w - TWIN_GAP) / 2
    left = plan_board(world, x, y, half, h, max_cell=max_cell, kana=kana)
    right = plan_board(world, x + half + TWIN_GAP, y, half, h, max_cell=max_cell, empty=True, kana=kana)
    left.twin = right
    return left


TWIN_GAP = 24.0  # between the target and the sheet beside it


def _count_boxes(lang: str, x: float, y_top: float, width: float, sz, fur: bool):
    """"Cards without repeat [  ] → with repeat [  ]": what the group counts."""
    from lessonkit.render.page import BoxItem, TextItem
    from lessonkit.render.text import layout_text

    items = []
    box_w, box_h = 44.0, max(26.0, sz.body * 1.9)
    unit = _w("count_unit", lang)
    parts = [p for p in (_w("count_plain", lang), None, unit, "→", _w("count_looped", lang), None, unit) if p != ""]
    cx = x
    for part in parts:
        if part is None:
            items.append(BoxItem(cx, y_top - box_h, box_w, box_h, 1.0, role="count-box"))
            cx += box_w + 4
            continue
        lines = tuple(layout_text(part, sz.body, max_width=width, furigana=fur, leading=1.3))
        items.append(TextItem(cx, y_top - (box_h - lines[0].height) / 2, lines, sz.body, False, 1.3, role="count-label"))
        cx += max(line.width for line in lines) + 4
    return items, box_h


def _nested_lines(puzzle, family, lang: str, width: float) -> tuple[int, int]:
    """(lines, depth) of the nested program area that holds every worked
    answer as laid, each row wrapped onto as many lines as its cards need
    (at the area's width: worksheet._nested_slots puts as many slots on a
    line), and one line more."""
    import math

    from lessonkit.render.programs import program_rows
    from lessonkit.render.worksheet import GAP, INDENT, NESTED_SLOT_W, NUMBER_SIZE

    programs = [puzzle.solution] + [p for p, _ in puzzle.alternatives]
    layouts = [program_rows(program, family, lang) for program in programs]
    depth = max(1, max(row.depth for rows in layouts for row in rows))
    number_w = NUMBER_SIZE * 1.6
    start = number_w + depth * INDENT
    columns = max(1, min(3, int((width + 2 * GAP) // (start + 2 * (NESTED_SLOT_W + GAP) + 2 * GAP))))
    col_w = (width - (columns - 1) * 2 * GAP) / columns
    per_line = max(1, int((col_w - start + GAP) // (NESTED_SLOT_W + GAP)))
    need = max(sum(math.ceil(len(row.cards) / per_line) for row in rows) for rows in layouts)
    return need + 1, depth


def _given_program(checked, puzzle, sz, options, x: float, y_top: float, width: float):
    """The decode puzzle's program as numbered card boxes, read in order."""
    from lessonkit.render.page import BoxItem, DrawItem, Rect, TextItem
    from lessonkit.render.programs import paint_token
    from lessonkit.render.text import layout_text
    from lessonkit.render.worksheet import GAP, HANDOUT_ICON, NUMBER_SIZE, _card_name, _handout_lines, _heading

    lang = checked.lesson.language
    items, hh = _heading(_w("given", lang), _w("given_help", lang), x, y_top, width, sz, _furigana(checked, options))
    y = y_top - hh - 6
    lines, box_h = _handout_lines(puzzle.solution, checked.family, lang, width, sz)
    for line in lines:
        for card in line:
            bx, by = x + card.dx, y - box_h
            items.append(BoxItem(bx, by, card.w, box_h, 1.0, radius=3, role="given-card"))
            num = tuple(layout_text(str(card.number), NUMBER_SIZE, max_width=card.w, bold=True, furigana=False, leading=1.2))
            items.append(TextItem(bx + 3, y - 2, num, NUMBER_SIZE, True, 1.2, role="handout-number"))
            token = card.token
            iw = HANDOUT_ICON * (1.55 if token.badge else 1.0)
            ix, iy = bx + (card.w - iw) / 2, y - 4 - HANDOUT_ICON
            items.append(DrawItem(Rect(ix, iy, iw, HANDOUT_ICON), lambda c, t=token, ix=ix, iy=iy, iw=iw: paint_token(c, t, ix, iy, iw, HANDOUT_ICON, options.color), role="given-icon"))
            name_lines = tuple(layout_text(_card_name(token), sz.small, max_width=card.w, bold=True, furigana=False, leading=1.3))
            items.append(TextItem(bx, iy - 3, name_lines[:1], sz.small, True, 1.3, align="center", width=card.w, role="given-card-name"))
        y -= box_h + GAP
    return items, y_top - y


def extra_sections(checked, sz, options):
    """After the puzzles: "draw your own picture and write its program for
    another group" — an empty sheet as large as the lesson's largest, and
    lines to write the program on."""
    from lessonkit.render.page import DrawItem, LineItem, Rect
    from lessonkit.render.worksheet import WRITE_PITCH, _heading, paper_scale

    lang = checked.lesson.language
    fur = _furigana(checked, options)
    largest = max((p.world for p in checked.puzzles), key=lambda w: (w.height * w.width, w.height))

    def make(extra: float = 0.0):
        def build(x: float, y_top: float, width: float):
            items, hh = _heading(_w("own", lang), _w("own_help", lang), x, y_top, width, sz, fur)
            y = y_top - hh - 4
            # 22 pt squares; on a sheet with room to spare, larger (up to 40 pt on A4).
            cell = min(OWN_CELL + extra / largest.height, OWN_GROWN * paper_scale(width))
            side = min(width, largest.height * cell + 24)
            plan = plan_board(largest, x, y - side, width, side, max_cell=cell, empty=True, kana=_kana(checked))
            plan.pen = None
            items.append(DrawItem(Rect(x, y - side, width, side), lambda c, plan=plan: draw_board(c, plan, color=options.color), role="paper-sheet"))
            y -= side + 6
            head, h2 = _heading(_w("own_program", lang), "", x, y, width, sz, fur)
            items += head
            y -= h2
            for _ in range(4):
                y -= WRITE_PITCH
                items.append(LineItem(x, y, x + width, y, 0.7, dash=(1, 2.5), role="write-line"))
            return items, y_top - y

        build.grow = lambda more: make(extra + more)
        return build

    return [make()]


OWN_CELL, OWN_GROWN = 22.0, 40.0


def answer_notes(checked, puzzle, lang: str) -> list[str]:
    """What the solver proved about the puzzle, for the answer key."""
    found = puzzle.analysis
    out = []
    if puzzle.world.decode:
        out.append(_w("decoded", lang))
    else:
        out.append(_w("numbered", lang))
    if found is None:
        return out
    n = len(found.plain)
    out.append(_w("plain_proven", lang, n=n) if found.proven else _w("plain_bound", lang, n=n, lower=found.lower))
    out.append(_w("looped_short" if found.kit_short else "looped_own" if found.own_answer else "looped", lang, m=found.looped_cards))
    if found.looped_cards < n:
        out.append(_w("shorter", lang, n=n, m=found.looped_cards))
    return out
