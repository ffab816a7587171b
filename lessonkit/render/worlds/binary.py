"""Drawing binary dot cards: the row of cards, each face up (its dots) or
face down (a light diagonal pattern, plain at a glance in monochrome without
flooding a stencil printer with black).  The board shows the row face up,
most dots on the left, each card's dot count under it and a 1/0 box."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from lessonkit.render.fonts import draw_string, font_name, text_width
from lessonkit.worlds.binary import BinaryWorld

MIN_TEXT = 7.0


@dataclass
class DotPlan:
    x: float
    y: float
    width: float
    height: float
    cell: float  # a card's width
    cards: list[tuple[float, float, float, float, int, bool]] = field(default_factory=list)  # x, y, w, h, dots, face up
    labels: list[tuple[float, float, str]] = field(default_factory=list)
    label_size: float = 10.0


def plan_board(world: BinaryWorld, x: float, y: float, w: float, h: float, *, trace=None, labels: bool = True, max_cell: float | None = None, kana: bool = False, faces: str | None = None) -> DotPlan:
    """The row of cards in (x, y, w, h); ``faces`` ('10110') turns some face down."""
    n = len(world.dots)
    gap = 0.12
    cw = w / (n + (n - 1) * gap)
    label_band = 0.0
    if labels:
        label_band = max(MIN_TEXT * 1.6, min(cw * 0.3, 22.0))
    ch = min(cw * 1.4, h - label_band)
    cw = min(cw, ch / 1.4)
    if max_cell:
        cw = min(cw, max_cell * 2)
    ch = cw * 1.4
    total = n * cw + (n - 1) * gap * cw
    bx = x + (w - total) / 2
    by = y + (h - ch - label_band) / 2 + label_band
    plan = DotPlan(bx, by - label_band, total, ch + label_band, cw)
    size = max(MIN_TEXT + 3, min(cw * 0.28, 18.0))
    plan.label_size = size
    for k, dots in enumerate(world.dots):
        cx = bx + k * cw * (1 + gap)
        up = faces is None or faces[k] == "1"
        plan.cards.append((cx, by, cw, ch, dots, up))
        if labels:
            text = str(dots)
            plan.labels.append((cx + cw / 2 - text_width(text, size, True) / 2, by - size * 1.2, text))
    return plan


def draw_board(canvas, plan: DotPlan, *, color: bool = False) -> None:
    c = canvas
    c.saveState()
    for cx, cy, cw, ch, dots, up in plan.cards:
        draw_dot_card(c, cx, cy, cw, ch, dots, up)
    if plan.labels:
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font_name(True), plan.label_size)
        for lx, ly, text in plan.labels:
            draw_string(c, lx, ly, text)
    c.restoreState()


def dot_positions(dots: int, w: float, h: float) -> list[tuple[float, float, float]]:
    """Dot centres and radius in a w × h face, in a near-square grid."""
    cols = max(1, round(math.sqrt(dots * w / h)))
    rows = math.ceil(dots / cols)
    step = min(w / (cols + 0.6), h / (rows + 0.6))
    r = step * 0.32
    x0 = (w - (cols - 1) * step) / 2
    y0 = (h + (rows - 1) * step) / 2
    out = []
    for i in range(dots):
        row, col = divmod(i, cols)
        in_row = min(cols, dots - row * cols)
        shift = (cols - in_row) * step / 2
        out.append((x0 + shift + col * step, y0 - row * step, r))
    return out


def draw_dot_card(c, x: float, y: float, w: float, h: float, dots: int, face_up: bool = True) -> None:
    """One card: its dots (face up) or the light diagonal pattern (face down)."""
    c.saveState()
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(1.2)
    c.roundRect(x, y, w, h, min(w, h) * 0.06, stroke=1, fill=0)
    if face_up:
        c.setFillColorRGB(0, 0, 0)
        pad = w * 0.08
        for dx, dy, r in dot_positions(dots, w - 2 * pad, h - 2 * pad):
            c.circle(x + pad + dx, y + pad + dy, r, stroke=0, fill=1)
    else:
        draw_back(c, x, y, w, h)
    c.restoreState()


def draw_back(c, x: float, y: float, w: float, h: float) -> None:
    """The face-down side: thin diagonal lines, about a tenth of the area inked."""
    c.saveState()
    p = c.beginPath()
    p.roundRect(x, y, w, h, min(w, h) * 0.06)
    c.clipPath(p, stroke=0, fill=0)
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.7)
    step = max(5.0, min(w, h) * 0.09)
    k = -h
    while k < w:
        c.line(x + k, y, x + k + h, y + h)
        k += step
    c.restoreState()




# -- the kit: worksheet record table and answer-key section -----------------------

def work_area(checked, index, puzzle, sz, options):
    """What a group fills in for one puzzle, with its own values: its number
    to show over a record table (the number, then 1 face up / 0 face down
    under each card's dots, three tries); its cards to read, face up and
    down, and a box for the number; or a row a number to count through."""
    from lessonkit.render.options import furigana_for, group_marks, latin_ok
    from lessonkit.render.page import DrawItem, Rect
    from lessonkit.render.words import group_name
    from lessonkit.render.worlds.kitparts import box_row, heading, label

    lang = checked.lesson.language
    fur = furigana_for(checked.lesson, options)
    a = puzzle.analysis
    world = puzzle.world
    dots = world.dots
    ja = lang == "ja"
    marks = group_marks(max(options.groups, 1), latin=latin_ok(checked.lesson))

    def mine(group: int) -> int:
        return a.groups[group - 1].target

    def build(x, y_top, width, group=1):
        items, y = [], y_top
        who = group_name(marks[group - 1], lang) if group <= len(marks) else ""
        if a.goal == "read":
            head, hh = heading(f"{who}の カード" if ja else f"{who}'s cards", "", x, y, width, sz, fur)
            items += head
            y -= hh + 4
            row_h = 76.0
            row_w = min(width - 90.0, row_h / 1.4 * len(dots) * 1.2)
            plan = plan_board(world, x, y - row_h, row_w, row_h, faces=a.record(mine(group)))
            items.append(DrawItem(Rect(x, y - row_h, row_w, row_h), lambda c, plan=plan: draw_board(c, plan), role="group-cards"))
            boxes, bh = box_row(["数" if ja else "Number"], x + row_w + 16, y - 10, width - row_w - 16, sz.small, box_w=60.0, box_h=34.0, furigana=fur)
            items += boxes
            return items, y_top - (y - row_h)
        if a.goal == "count":
            lo, hi = a.span
            head, hh = heading("かぞえよう" if ja else "Count up", f"{lo}から {hi}まで 1ずつ ふやして、おもては 1、うらは 0を かこう" if ja else f"from {lo} to {hi}, one more each time: write 1 for face up and 0 for face down", x, y, width, sz, fur)
            items += head
            y -= hh + 4
            cell_w, cell_h = 30.0, 20.0
            num_w = 40.0
            size = max(sz.small, 10.0)
            for k, d in enumerate(dots):  # column heads: each card's dots
                item, w, h = label(str(d), x + num_w + k * cell_w + cell_w / 2 - 6, y, size, cell_w, furigana=False, role="box-caption")
                items.append(item)
            item, w, h = label("かず" if ja else "no.", x, y, size, num_w, furigana=fur, role="box-caption")
            items.append(item)
            y -= h + 2
            from lessonkit.render.page import BoxItem

            for n in range(lo, hi + 1):
                item, w, h = label(str(n), x + 4, y - 3, size, num_w, furigana=False, role="count-number")
                items.append(item)
                for k in range(len(dots)):
                    items.append(BoxItem(x + num_w + k * cell_w, y - cell_h, cell_w, cell_h, 0.8, role="write-box"))
                y -= cell_h
            return items, y_top - y
        help_text = "数を かいて、おもては 1、うらは 0を かこう" if ja else "write the number, then 1 for face up and 0 for face down"
        title = "きろく" if ja else "Record"
        if a.goal == "show":  # the group's own number, as big as the heading; the task says how to record
            title = f"{who}の 数は {mine(group)}" if ja else f"{who}'s number: {mine(group)}"
            help_text = ""
        head, hh = heading(title, help_text, x, y, width, sz, fur)
        items += head
        y -= hh + 4
        return items + record_rows(x, y, ["かず" if ja else "number"] + [str(d) for d in dots], 1 if a.goal == "largest" else 2, sz, fur), y_top - (y - record_height(1 if a.goal == "largest" else 2, sz))

    build.per_group = True
    return build


RECORD_BOX = (34.0, 26.0)  # a record box: a digit or a number written by hand


def record_height(rows: int, sz) -> float:
    return max(sz.small, 10.0) * 1.3 + 2 + rows * (RECORD_BOX[1] + 4)


def record_rows(x: float, y_top: float, captions: list[str], rows: int, sz, fur) -> list:
    """A record table: the captions once (the number, each card's dots), then ``rows`` rows of boxes, one a try."""
    from lessonkit.render.page import BoxItem
    from lessonkit.render.worlds.kitparts import label

    w, h = RECORD_BOX
    cell = w + 6
    size = max(sz.small, 10.0)
    items = [label(text, x + j * cell + 2, y_top, size, cell, furigana=fur if j == 0 else False, role="box-caption")[0] for j, text in enumerate(captions)]
    y = y_top - size * 1.3 - 2
    for _ in range(rows):
        items += [BoxItem(x + j * cell, y - h, w, h, 1.0, role="write-box") for j in range(len(captions))]
        y -= h + 4
    return items


def answer_section(flow, checked, index, puzzle, options) -> None:
    from lessonkit.render.options import group_marks, latin_ok
    from lessonkit.render.words import group_name
    from lessonkit.render.worlds.kitparts import answer_title, lines, table
    from lessonkit.render.worlds.programs_text import program_text

    lang = checked.lesson.language
    ja = lang == "ja"
    a = puzzle.analysis
    size = 9.0
    answer_title(flow, index, puzzle, lang, size)
    cards = " ".join(map(str, a.dots))
    reading = a.goal == "read"
    said = [(("読み方の 手順: " if reading else "手順: ") if ja else ("Reading program: " if reading else "Program: ")) + program_text(puzzle.solution, checked.family, lang)]
    lo, hi = a.span
    if a.goal == "every":
        said.append(f"{lo}から{hi}まで {a.checked_targets}とおり すべての 数で、手順どおりに うごかすと その 数に なる ことを たしかめた。" if ja else f"Run for every number from {lo} to {hi} ({a.checked_targets} numbers): it shows each one.")
    elif a.goal == "count":
        said.append(f"{lo}から{hi}まで 1ずつ、手順どおりに うごかして カードを たしかめた。下の 表の「かわる」は、1つ 前の 数から うらがえす カードの まい数。" if ja else f"Run for each number from {lo} to {hi} in turn. 'Turned' is how many cards change from the number before.")
    elif a.goal == "largest":
        said.append(f"カード {cards} を ぜんぶ おもてに すると {sum(a.dots)}。" if ja else f"All of {cards} face up make {sum(a.dots)}.")
    elif a.face_up is not None and reading:
        said.append(f"どの はんの カードも、おもては {a.face_up}まい（むずかしさが 同じ）。" if ja else f"Every group's cards lie with {a.face_up} face up (equal work).")
    elif a.face_up is not None:
        said.append(f"どの はんの 数も、おもてに する カードは {a.face_up}まい（むずかしさが 同じ）。" if ja else f"Every group's number turns {a.face_up} cards face up (equal work).")
    for j, bug in enumerate(puzzle.bugs):
        said.append(("バグの 手順: " if ja else "Faulty program: ") + program_text(bug.program, checked.family, lang))
        if j in a.bug_targets and bug.trace is not None:
            t = a.bug_targets[j]
            world = puzzle.world.for_target(t)
            shown = world.shown(bug.trace.final)
            rec = world.record(bug.trace.final)
            n = len(bug.trace.steps)
            if reading:
                said.append(f"いちばん 小さい 失敗する 数は {t}: {n}ステップで 終わり、たした 数は {bug.trace.final.total}（カード {rec}）。" if ja else f"The smallest number it fails on is {t}: it ends after {n} steps having added up {bug.trace.final.total} (cards {rec}).")
            else:
                said.append((f"いちばん 小さい 失敗する 数は {t}: {n}ステップで 終わり、{shown}（{rec}）に なる。" if ja else f"The smallest number it fails on is {t}: it ends after {n} steps showing {shown} ({rec})."))
        said.append(("ヒント: " if ja else "Hint: ") + bug.spec.hint)
    lines(flow, said, size)
    if a.goal == "count":
        header = ["数" if ja else "Number"] + [str(d) for d in a.dots] + ["かわる" if ja else "Turned"]
        rows, before = [], None
        for n, rec in a.rows:
            turned = "" if before is None else str(sum(x != y for x, y in zip(rec, before)))
            rows.append([str(n)] + list(rec) + [turned])
            before = rec
        lines(flow, ["1ずつ ふやした ときの カード（1 おもて・0 うら）" if ja else "The cards for each number, counting up (1 face up, 0 face down)"], size)
        table(flow, header, rows, 8.5, first=0.14)
    elif a.goal in ("show", "read"):  # the numbers each group's worksheet gives it (an 'every' puzzle gives none)
        marks = group_marks(options.groups, latin=latin_ok(checked.lesson))
        header = ["はん" if ja else "Group", ("数（こたえ）" if reading else "数") if ja else ("Number (answer)" if reading else "Number")] + [str(d) for d in a.dots]
        rows = [[group_name(m, lang), str(g.trace.final.total if reading else g.target)] + list(a.record(g.target)) for m, g in zip(marks, a.groups)]
        lines(flow, [("各はんの カードと 読んだ 数（1 おもて・0 うら）" if reading else "各はんの 数と カード（1 おもて・0 うら）") if ja else ("Each group's cards (1 face up, 0 face down) and the number they show" if reading else "Each group's number and its cards (1 face up, 0 face down)")], size)
        table(flow, header, rows, 8.5, first=0.16)


def group_cards(checked, group: int) -> list[str]:
    """One set of fold-over dot cards (dots over the patterned back) for the
    lesson's most cards, then a target card per puzzle with group targets."""
    most = max(len(p.world.dots) for p in checked.puzzles)
    dots = next(p.world.dots for p in checked.puzzles if len(p.world.dots) == most)
    out = [f"dots|{d}" for d in dots]
    for k, puzzle in enumerate(checked.puzzles):
        a = puzzle.analysis
        if a.goal == "show":
            out.append(f"target|{k}|{a.groups[group - 1].target}")
    return out


def _mark_badge(c, cx: float, cy: float, mark: str, r: float = 9.5, turned: bool = False) -> None:
    """The group's mark in a white disc with a black ring, readable on the patterned back."""
    c.saveState()
    if turned:
        c.translate(cx, cy)
        c.rotate(180)
        cx = cy = 0.0
    c.setFillColorRGB(1, 1, 1)
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(1.0)
    c.circle(cx, cy, r, stroke=1, fill=1)
    c.setFillColorRGB(0, 0, 0)
    size = 11.0 if len(mark) < 2 else 8.5
    c.setFont(font_name(True), size)
    draw_string(c, cx, cy - size * 0.35, mark, anchor="centre")
    c.restoreState()


def draw_value_card(c, checked, name: str, x: float, y: float, w: float, h: float, mark: str) -> None:
    parts = name.split("|")
    lang = checked.lesson.language
    c.saveState()
    if parts[0] == "dots":
        d = int(parts[1])
        half = h / 2
        # face up above the fold, the patterned back below (fold on the dashed line)
        draw_dot_card(c, x, y + half, w, half, d, True)
        draw_back(c, x, y, w, half)
        c.setLineWidth(1.2)
        c.roundRect(x, y, w, half, min(w, half) * 0.06, stroke=1, fill=0)
        c.setDash(4, 3)
        c.setLineWidth(0.6)
        c.line(x, y + half, x + w, y + half)
        c.setDash()
        c.setFont(font_name(True), 10.0)
        c.setFillColorRGB(1, 1, 1)
        c.rect(x + 4, y + half + 3, 22, 12, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        draw_string(c, x + 6, y + half + 5, str(d))
        # the group's mark on both halves: face up or face down, a card finds its set
        _mark_badge(c, x + w - 14, y + h - 14, mark)
        # folded under, the back half turns half round: drawn upside down here, it reads upright in the same corner
        _mark_badge(c, x + 14, y + 14, mark, turned=True)
    else:
        k, target = int(parts[1]), parts[2]
        c.setLineWidth(1.2)
        c.roundRect(x, y, w, h, min(w, h) * 0.06, stroke=1, fill=0)
        size = min(w * 0.45, h * 0.3)
        c.setFont(font_name(True), size)
        draw_string(c, x + w / 2, y + h / 2 - size * 0.35, target, anchor="centre")
        c.setFont(font_name(True), 11.0)
        caption = f"パズル{k + 1}の 数" if lang == "ja" else f"puzzle {k + 1}: show"
        draw_string(c, x + 6, y + 8, caption)
        _mark_badge(c, x + w - 14, y + h - 14, mark)
    c.restoreState()


from lessonkit.render.worlds.card_icons import ICONS as _CARD_ICONS  # noqa: E402

ICONS = {k: v for k, v in _CARD_ICONS.items() if k in {c.icon for c in __import__('lessonkit.worlds', fromlist=['FAMILIES']).FAMILIES['binary'].cards}}
