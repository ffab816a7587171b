"""Drawing everyday procedures: the numbered strip, step cards, the rule of order.

For pupils the "board" is a numbered strip: a slot per step card on the
table, large enough to lay a card in or write its words.  In the answer key
(with a trace) it is the rule that fixes the orders: each step of the
solution in a box, an arrow from each step to the ones that must come after
it (only the arrows nothing else implies), steps drawn in columns by how
early they can come.  Step cards carry a small bundled picture the lesson
names, or an empty box to draw one in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from lessonkit.render import icons
from lessonkit.render.fonts import draw_string, font_name, text_width
from lessonkit.simulate import Trace
from lessonkit.spec.ruby import plain_text
from lessonkit.worlds.procedure import ProcedureWorld, orders_of

Box = tuple[float, float, float, float]
SLOT_RATIO = 1.3  # a strip slot's height to its width: a card, upright, lies in it
# A step card is its words: read across a desk, so larger than the robot's
# one-word cards (cards.py: one size for the set, up to 20 pt on three lines,
# never under the grade's pupils' size).
CARD_LABEL = (20.0, 3)
# A step card is only its words, so the guide and answer key quote programs
# and name cards by the printed labels (「ふくを きがえる」), not the lesson's keys.
NAMES_ARE_LABELS = True


@dataclass
class StripPlan:
    """The numbered strip (no trace) or the order diagram (with a trace)."""

    x: float
    y: float
    width: float
    height: float
    cell: float  # a slot's (or node's) height: the plan's unit
    slots: list[Box] = field(default_factory=list)
    nodes: list[tuple[Box, str]] = field(default_factory=list)  # (box, label)
    arrows: list[tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=list)
    lines: list[tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=list)  # an arrow's way past rows it skips
    labels: list[tuple[float, float, str]] = field(default_factory=list)
    label_size: float = 8.0
    text_size: float = 9.0
    crossed: Box | None = None  # the step that could not be done


def plan_board(world: ProcedureWorld, x: float, y: float, w: float, h: float, *, trace: Trace | None = None, labels: bool = True, max_cell: float | None = None, kana: bool = False) -> StripPlan:
    if trace is not None and trace.reached_goal:
        return _plan_diagram(world, trace, x, y, w, h, max_cell)
    if trace is not None and trace.steps:
        return _plan_run(world, trace, x, y, w, h)
    # A slot for each card the longest right answer lays (control cards and
    # End cards counted); a world the check has not seen: one a step card.
    n = world.slots or len([s for s in world.table if not world.steps[s].distractor])
    # As many columns as keep slots at least a card wide; rows fill the height.
    best = None
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        gap = 6.0
        sw = (w - gap * (cols - 1)) / cols
        sh = sw * SLOT_RATIO
        if rows * sh + gap * (rows - 1) > h:
            sh = (h - gap * (rows - 1)) / rows
            sw = min(sw, sh / SLOT_RATIO)
        if max_cell:
            sh = min(sh, max_cell * 2.2)
            sw = min(sw, sh / SLOT_RATIO)
        if best is None or sh > best[0] + 1e-6:
            best = (sh, sw, cols, rows, gap)
    sh, sw, cols, rows, gap = best
    total_w = cols * sw + (cols - 1) * gap
    total_h = rows * sh + (rows - 1) * gap
    bx = x + (w - total_w) / 2
    top = y + (h + total_h) / 2
    plan = StripPlan(bx, top - total_h, total_w, total_h, sh, label_size=max(10.0, min(sh * 0.28, 16.0)))
    for k in range(n):
        r, c = divmod(k, cols)
        plan.slots.append((bx + c * (sw + gap), top - (r + 1) * sh - r * gap, sw, sh))
    return plan


def _plan_diagram(world: ProcedureWorld, trace: Trace, x: float, y: float, w: float, h: float, max_cell: float | None) -> StripPlan:
    """The rule of order, top to bottom: a row for each step's earliest place."""
    steps = tuple(s.card for s in trace.steps)
    orders = orders_of(world, steps)  # the check's count (one per puzzle), not a new one
    names = []
    for s in steps:
        if s not in names:
            names.append(s)
    before = {b: [a for a, bb in orders.before if bb == b] for b in names}
    level: dict[str, int] = {}
    for s in names:  # the solution's order is a valid one: what must come first is placed first
        level[s] = max([level[a] + 1 for a in before[s]], default=0)
    rows: dict[int, list] = {}
    for s in names:
        rows.setdefault(level[s], []).append(s)
    # An arrow that skips rows passes each of them at a point of its own (a
    # waypoint placed like a step, but narrow), so it never runs over a step.
    via: dict[tuple[str, str], list[tuple]] = {}
    preds: dict = {s: list(before[s]) for s in names}
    for a, b in orders.before:
        chain = [("via", a, b, r) for r in range(level[a] + 1, level[b])]
        via[(a, b)] = chain
        prev = a
        for point in chain:
            rows[point[3]].append(point)
            preds[point] = [prev]
            prev = point
        if chain:
            preds[b] = [prev if p == a else p for p in preds[b]]
    nrow = max(rows) + 1
    gap_x, gap_y, thin = 6.0, 10.0, 2.0
    node_h = max(12.0, min(22.0, (h - gap_y * (nrow - 1)) / nrow))
    real = {r: [m for m in ms if isinstance(m, str)] for r, ms in rows.items()}
    node_w = min((w - thin * (len(ms) - len(real[r])) - gap_x * (len(ms) - 1)) / len(real[r]) for r, ms in rows.items() if real[r])
    size = max(6.0, min(node_h * 0.45, 9.5))
    labels = {s: plain_text(world.steps[s].label) for s in names}
    widest = max(text_width(t, size, True) for t in labels.values()) + size
    node_w = min(node_w, max(widest, node_h * 2))
    total_h = nrow * node_h + (nrow - 1) * gap_y
    top = y + h - max(0.0, (h - total_h) / 2)
    width_used = max(len(real[r]) * node_w + (len(ms) - len(real[r])) * thin + (len(ms) - 1) * gap_x for r, ms in rows.items())
    plan = StripPlan(x + (w - width_used) / 2, top - total_h, width_used, total_h, node_h, text_size=size)
    where: dict[str, Box] = {}
    centre: dict = {}

    def width_of(m) -> float:
        return node_w if isinstance(m, str) else thin

    def row_top(r: int) -> float:
        return top - r * (node_h + gap_y)

    for r in sorted(rows):
        members = rows[r]
        if r:  # under what must come before it (their mean), in that order
            mean = {m: sum(centre[p] for p in preds[m]) / len(preds[m]) for m in members}
            members = sorted(members, key=lambda m: (mean[m], 0 if isinstance(m, str) else 1))
            want = [mean[m] for m in members]
        else:
            pitch = node_w + gap_x
            want = [x + w / 2 + (k - (len(members) - 1) / 2) * pitch for k in range(len(members))]
        # Keep them apart, then inside the box.
        at = list(want)
        apart = [(width_of(members[k - 1]) + width_of(members[k])) / 2 + gap_x for k in range(1, len(members))]
        for k in range(1, len(at)):
            at[k] = max(at[k], at[k - 1] + apart[k - 1])
        at = [a - max(0.0, at[-1] + width_of(members[-1]) / 2 - (x + w)) for a in at]
        for k in range(len(at) - 2, -1, -1):
            at[k] = min(at[k], at[k + 1] - apart[k])
        at = [a + max(0.0, x + width_of(members[0]) / 2 - at[0]) for a in at]
        for m, cx in zip(members, at):
            centre[m] = cx
            if isinstance(m, str):
                box = (cx - node_w / 2, row_top(r) - node_h, node_w, node_h)
                where[m] = box
                plan.nodes.append((box, labels[m]))
    for a, b in orders.before:
        ax, ay, aw, _ = where[a]
        bx2, by2, bw2, bh2 = where[b]
        start = (ax + aw / 2, ay)
        for point in via[(a, b)]:
            px, r = centre[point], point[3]
            plan.lines.append((start, (px, row_top(r))))
            plan.lines.append(((px, row_top(r)), (px, row_top(r) - node_h)))
            start = (px, row_top(r) - node_h)
        plan.arrows.append((start, (bx2 + bw2 / 2, by2 + bh2)))
    return plan


def _plan_run(world: ProcedureWorld, trace: Trace, x: float, y: float, w: float, h: float) -> StripPlan:
    """A run that went wrong: the steps done, in order, the failing one crossed."""
    shown = trace.steps[-8:] if len(trace.steps) > 8 else trace.steps
    n = max(1, len(shown))
    gap = 4.0
    node_h = max(12.0, min(20.0, (h - gap * (n - 1)) / n))
    size = max(6.0, min(node_h * 0.45, 9.5))
    total_h = n * node_h + (n - 1) * gap
    top = y + h - max(0.0, (h - total_h) / 2)
    plan = StripPlan(x, top - total_h, w, total_h, node_h, text_size=size)
    for k, step in enumerate(shown):
        box = (x, top - (k + 1) * node_h - k * gap, w, node_h)
        plan.nodes.append((box, f"{step.number}. {plain_text(world.steps[step.card].label)}"))
        if step.error is not None:
            plan.crossed = box
    return plan


def node_text(text: str, width: float, height: float, size: float) -> tuple[float, list[str]]:
    """A node's words: on one line, or on two broken at a space when that
    is larger (a label is never split inside a word); shrunk to fit, 5 pt at least."""
    room = width - 4

    def fitted(lines: list[str], most: float) -> float:
        s = most
        while s > 5.0 and max(text_width(t, s, True) for t in lines) > room:
            s -= 0.25
        return s

    best = (fitted([text], size), [text])
    words = text.split(" ")
    if len(words) > 1:
        cuts = [[" ".join(words[:k]), " ".join(words[k:])] for k in range(1, len(words))]
        two = min(cuts, key=lambda ls: max(text_width(t, size, True) for t in ls))
        s2 = fitted(two, min(size, (height - 3) / 2.3))
        if s2 > best[0] + 1e-6:
            best = (s2, two)
    return best


def draw_board(canvas, plan: StripPlan, *, color: bool = False) -> None:
    c = canvas
    c.saveState()
    c.setStrokeColorRGB(0, 0, 0)
    for k, (sx, sy, sw, sh) in enumerate(plan.slots):
        c.setLineWidth(1.2)
        c.setDash(4, 3)
        c.roundRect(sx, sy, sw, sh, min(sw, sh) * 0.06, stroke=1, fill=0)
        c.setDash()
        r = plan.label_size * 0.9
        c.setFillColorRGB(0, 0, 0)
        c.circle(sx + r + 3, sy + sh - r - 3, r, stroke=0, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.setFont(font_name(True), plan.label_size)
        draw_string(c, sx + r + 3, sy + sh - r - 3 - plan.label_size * 0.35, str(k + 1), anchor="centre")
    c.setFillColorRGB(0, 0, 0)
    for (nx, ny, nw, nh), text in plan.nodes:
        c.setLineWidth(1.0)
        c.roundRect(nx, ny, nw, nh, nh * 0.2, stroke=1, fill=0)
        tw = nw - nh * 1.2 if plan.crossed == (nx, ny, nw, nh) else nw  # the words stay clear of the ×
        size, lines = node_text(text, tw, nh, plan.text_size)
        c.setFont(font_name(True), size)
        lead = size * 1.15
        first = ny + nh / 2 + (len(lines) - 1) * lead / 2 - size * 0.35
        for k, line in enumerate(lines):
            draw_string(c, nx + tw / 2, first - k * lead, line, anchor="centre")
    c.setLineWidth(0.9)
    for (x0, y0), (x1, y1) in plan.lines:
        c.line(x0, y0, x1, y1)
    for (x0, y0), (x1, y1) in plan.arrows:
        angle = math.atan2(y1 - y0, x1 - x0)
        head = 5.0
        c.setLineWidth(0.9)
        c.line(x0, y0, x1 - head * 0.8 * math.cos(angle), y1 - head * 0.8 * math.sin(angle))
        p = c.beginPath()
        p.moveTo(x1, y1)
        p.lineTo(x1 - head * math.cos(angle - 0.45), y1 - head * math.sin(angle - 0.45))
        p.lineTo(x1 - head * math.cos(angle + 0.45), y1 - head * math.sin(angle + 0.45))
        p.close()
        c.drawPath(p, stroke=0, fill=1)
    if plan.crossed is not None:
        cx0, cy0, cw, ch = plan.crossed
        s = ch * 0.35
        cx, cy = cx0 + cw - ch * 0.6, cy0 + ch / 2
        c.setLineWidth(2.0)
        c.line(cx - s, cy - s, cx + s, cy + s)
        c.line(cx - s, cy + s, cx + s, cy - s)
    c.restoreState()


# -- card faces: the bundled pictures -----------------------------------------


def _blank(c):
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(3)
    c.setDash(8, 6)
    c.rect(10, 10, 80, 80, stroke=1, fill=0)
    c.setDash()


def _sun(c):
    c.circle(50, 50, 20, stroke=0, fill=1)
    c.setLineWidth(7)
    c.setLineCap(1)
    for k in range(8):
        a = math.radians(k * 45)
        c.line(50 + 30 * math.cos(a), 50 + 30 * math.sin(a), 50 + 44 * math.cos(a), 50 + 44 * math.sin(a))


def _water(c):
    p = c.beginPath()
    p.moveTo(50, 92)
    p.curveTo(30, 60, 22, 48, 22, 36)
    p.curveTo(22, 18, 36, 8, 50, 8)
    p.curveTo(64, 8, 78, 18, 78, 36)
    p.curveTo(78, 48, 70, 60, 50, 92)
    c.drawPath(p, stroke=0, fill=1)


def _cup(c):
    icons._polygon(c, [(20, 80), (70, 80), (64, 14), (26, 14)])
    c.setLineWidth(8)
    c.circle(74, 52, 14, stroke=1, fill=0)


def _bowl(c):
    p = c.beginPath()
    p.moveTo(10, 56)
    p.curveTo(10, 20, 90, 20, 90, 56)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.rect(38, 12, 24, 8, stroke=0, fill=1)
    c.setLineWidth(5)
    c.line(56, 62, 80, 92)
    c.line(64, 62, 88, 92)


def _kettle(c):
    c.circle(48, 42, 30, stroke=0, fill=1)
    icons._polygon(c, [(74, 52), (94, 74), (96, 68), (78, 40)])
    c.setLineWidth(7)
    p = c.beginPath()
    p.arc(26, 54, 70, 96, 0, 180)
    c.drawPath(p, stroke=1, fill=0)


def _teapot(c):
    c.ellipse(22, 18, 78, 62, stroke=0, fill=1)
    icons._polygon(c, [(74, 42), (96, 62), (92, 66), (70, 52)])
    c.setLineWidth(7)
    c.circle(18, 40, 12, stroke=1, fill=0)
    c.rect(44, 62, 12, 10, stroke=0, fill=1)


def _toothbrush(c):
    icons._polygon(c, [(8, 20), (16, 12), (74, 70), (66, 78)])
    c.setLineWidth(5)
    for k in range(4):
        x0 = 66 + k * 6
        c.line(x0, 78 - k * 6 + 4, x0 + 10, 90 - k * 6 + 4)


def _clothes(c):
    icons._polygon(c, [(30, 90), (40, 84), (60, 84), (70, 90), (94, 72), (84, 56), (74, 62), (74, 10), (26, 10), (26, 62), (16, 56), (6, 72)])


def _bag(c):
    c.roundRect(18, 8, 64, 70, 12, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.roundRect(26, 36, 48, 34, 8, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.rect(44, 40, 12, 10, stroke=0, fill=1)
    c.setLineWidth(6)
    c.line(34, 78, 34, 92)
    c.line(66, 78, 66, 92)
    c.line(34, 92, 66, 92)


def _shoes(c):
    icons._polygon(c, [(8, 20), (8, 56), (30, 60), (46, 40), (88, 34), (94, 20)])


def _soap(c):
    c.roundRect(14, 14, 56, 36, 10, stroke=0, fill=1)
    c.setLineWidth(5)
    for cx, cy, r in ((70, 70, 12), (48, 78, 8), (86, 50, 7)):
        c.circle(cx, cy, r, stroke=1, fill=0)


def _towel(c):
    c.rect(22, 10, 56, 80, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    for k in range(3):
        c.rect(22, 22 + k * 12, 56, 4, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)


def _bed(c):
    c.rect(8, 30, 84, 22, stroke=0, fill=1)
    c.rect(8, 16, 8, 50, stroke=0, fill=1)
    c.rect(84, 16, 8, 36, stroke=0, fill=1)
    c.roundRect(18, 52, 24, 12, 5, stroke=0, fill=1)


def _hands(c):
    c.roundRect(28, 8, 44, 48, 14, stroke=0, fill=1)
    for k, hgt in enumerate((30, 38, 36, 28)):
        c.roundRect(28 + k * 11, 44, 9, hgt, 4.5, stroke=0, fill=1)
    icons._polygon(c, [(28, 30), (8, 52), (14, 58), (34, 42)])


_PICTURES = {
    "blank": _blank, "sun": _sun, "water": _water, "cup": _cup, "bowl": _bowl, "kettle": _kettle,
    "teapot": _teapot, "toothbrush": _toothbrush, "clothes": _clothes, "bag": _bag, "shoes": _shoes,
    "soap": _soap, "towel": _towel, "bed": _bed, "hands": _hands,
}


def _step_icon(name: str):
    picture = _PICTURES[name]

    def draw(canvas, x, y, size, *, color=False):
        with icons._Grid(canvas, x, y, size) as c:
            c.setFillColor(icons._ink(color, "action"))
            c.setStrokeColor(icons._ink(color, "action"))
            picture(c)

    return draw


def _fact(canvas, x, y, size, *, color=False):
    """A fact card (a condition): a tick box with a question mark."""
    with icons._Grid(canvas, x, y, size) as c:
        ink = icons._ink(color, "condition")
        c.setStrokeColor(ink)
        c.setLineWidth(7)
        c.rect(12, 20, 52, 52, stroke=1, fill=0)
        icons._question_mark(c, 80, 52, 40, ink=ink)


ICONS = {f"step:{name}": _step_icon(name) for name in _PICTURES} | {"fact": _fact}


# -- the kit protocol's optional parts: worksheet and answer key --------------

WORDS = {
    "orders_found": {"ja": "ならべかたは いくつ みつかった？", "en": "How many orders did you find that work?"},
    "ways": {"ja": "とおり", "en": "orders"},
    "stuck": {"ja": "できなかった カードの ばんごう", "en": "The card that could not be done: number"},
    "count": {"ja": "正しい並べ方：{n}通り", "en": "Orders that work: {n}"},
    "count_one": {"ja": "正しい並べ方は1通りだけ", "en": "Only one order works"},
    "listed": {"ja": "すべての並べ方：", "en": "Every order that works:"},
    "rule": {"ja": "並べ方が多いので、左の図の矢印（矢印の元を先にする）を守っていればどれも正しい", "en": "Too many to list: any order that keeps every arrow on the left (the arrow's start comes first) works"},
    "rule_short": {"ja": "左の図：矢印の元の手順を先にする", "en": "On the left: the step at an arrow's start must come first"},
    "left_out": {"ja": "使わないカード：{cards}", "en": "Cards to leave out: {cards}"},
    "start": {"ja": "はじめ：{facts}", "en": "At the start: {facts}"},
    "goal": {"ja": "ゴール：{facts}", "en": "Goal: {facts}"},
    "for_puzzle": {"ja": "「{n}．{title}」の プログラム。 ", "en": "The program for {n}. {title}. "},
}


def situation(world: ProcedureWorld, lang: str) -> list[str]:
    """What holds at the start (when anything does) and the goal, in the
    facts' own words: what pupils need to tell a right order from a wrong one."""
    sep = "、" if lang == "ja" else "; "
    held = [f.label for f in world.facts if world.holds(world.start, f.name)]
    goal = [world.facts[world.index[g]].label for g in world.goal]
    out = [_w("start", lang, facts=sep.join(held))] if held else []
    return out + [_w("goal", lang, facts=sep.join(goal))]


def handout_note(checked, puzzle, lang: str) -> str:
    """Under a handout bug's heading: which puzzle it is for, and its start and goal."""
    from lessonkit.render.words import puzzle_name

    index = next(k for k, p in enumerate(checked.puzzles) if p is puzzle)
    head = _w("for_puzzle", lang, n=index + 1, title=puzzle_name(puzzle.spec, lang, pupils=True))
    # Each part ends its phrase (。 and a space): 分かち書き text breaks only there or at its spaces.
    return head + ("。 " if lang == "ja" else ". ").join(situation(puzzle.world, lang)) + ("。" if lang == "ja" else ".")


def _w(key: str, lang: str, **fields) -> str:
    return WORDS[key][lang].format(**fields)


def work_area(checked, index: int, puzzle, sz, options):
    """Under the numbered strip: the start and the goal, then how many
    working orders the group found and which card could not be done."""
    from lessonkit.render.page import BoxItem, TextItem
    from lessonkit.render.text import layout_text

    lang = checked.lesson.language
    from lessonkit.render.options import furigana_for

    fur = furigana_for(checked.lesson, options)

    def build(x: float, y_top: float, width: float):
        items = []
        y = y_top
        for text in situation(puzzle.world, lang):
            lines = tuple(layout_text(text, sz.body, max_width=width, furigana=fur, leading=1.3))
            items.append(TextItem(x, y, lines, sz.body, True, 1.3, role="situation"))
            y -= sum(line.height for line in lines) + 4
        y -= 4
        for key, unit in (("orders_found", _w("ways", lang)), ("stuck", "")):
            lines = tuple(layout_text(_w(key, lang), sz.body, max_width=width * 0.7, furigana=fur, leading=1.3))
            lw = max(line.width for line in lines)
            box = 40.0
            items.append(TextItem(x, y - (box * 0.8 - lines[0].height) / 2, lines, sz.body, False, 1.3, role="orders-label"))
            items.append(BoxItem(x + lw + 8, y - box * 0.8, box * 1.2, box * 0.8, 1.0, role="orders-box"))
            if unit:
                ulines = tuple(layout_text(unit, sz.body, max_width=width, furigana=fur, leading=1.3))
                items.append(TextItem(x + lw + 8 + box * 1.2 + 6, y - (box * 0.8 - ulines[0].height) / 2, ulines, sz.body, False, 1.3, role="orders-label"))
            y -= box * 0.8 + 8
        return items, y_top - y

    return build


def answer_notes(checked, puzzle, lang: str) -> list[str]:
    """How many orders work, each of them when few, or the rule."""
    orders = puzzle.analysis
    out = []
    world = puzzle.world
    left_out = [plain_text(world.steps[s].label) for s in world.table if world.steps[s].distractor]
    if left_out:
        joined = "、".join(f"「{t}」" for t in left_out) if lang == "ja" else ", ".join(f"'{t}'" for t in left_out)
        out.append(_w("left_out", lang, cards=joined))
    if orders is None:
        return out
    out.append(_w("count_one", lang) if orders.count == 1 else _w("count", lang, n=f"{orders.count:,}"))
    if orders.listed and orders.count > 1:
        out.append(_w("listed", lang))
        sep = "→" if lang == "ja" else " → "
        for k, order in enumerate(orders.listed, 1):
            out.append(f"{k}. " + sep.join(plain_text(world.steps[s].label) for s in order))
        out.append(_w("rule_short", lang))
    elif orders.count > 1:
        out.append(_w("rule", lang))
    return out
