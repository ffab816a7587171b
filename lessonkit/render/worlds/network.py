"""Drawing sorting networks: lanes top to bottom, comparators across them.

Pupils walk down their lane from a numbered input circle to an output
circle; at each comparator (a bar joining two lanes, numbered in walking
order) the two who meet compare values, and the arrowhead points to the lane
the smaller value takes.  Stages are bands (一だんめ …); comparators of one
stage that would overlap on paper are drawn one under the other, still in
their stage.  With ``values`` (the answer key) each lane carries the value it
holds after every stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lessonkit.render.fonts import draw_string, font_name, text_width
from lessonkit.worlds.network import Comparator, Network, NetworkWorld

MIN_TEXT = 7.0


@dataclass(frozen=True)
class Bar:
    number: int  # walking order, from 1
    comp: Comparator
    y: float


@dataclass
class NetworkPlan:
    x: float
    y: float
    width: float
    height: float
    cell: float
    lanes: tuple[float, ...] = ()  # lane x positions
    top: float = 0.0  # input circles' centre y
    bottom: float = 0.0  # output circles' centre y
    bars: list[Bar] = field(default_factory=list)
    bands: list[tuple[float, float, int]] = field(default_factory=list)  # (y top, y bottom, stage)
    labels: list[tuple[float, float, str]] = field(default_factory=list)
    label_size: float = 8.0
    inputs: tuple[str, ...] = ()  # text in each input circle
    outputs: tuple[str, ...] = ()
    values: list[tuple[float, tuple[str, ...]]] = field(default_factory=list)  # (y, value on each lane) between stages


def _rows(network: Network | None) -> list[list[list[Comparator]]]:
    """Each stage's comparators in sub-rows whose bars do not overlap."""
    if network is None:
        return []
    out = []
    for stage in network.stages:
        rows: list[list[Comparator]] = []
        for comp in stage:
            lo, hi = comp.lanes
            for row in rows:
                if all(hi < c.lanes[0] or lo > c.lanes[1] for c in row):
                    row.append(comp)
                    break
            else:
                rows.append([comp])
        out.append(rows)
    return out


def plan_board(world: NetworkWorld, x: float, y: float, w: float, h: float, *, trace=None, labels: bool = True, max_cell: float | None = None, kana: bool = False, values: list[tuple] | None = None, inputs: tuple | None = None) -> NetworkPlan:
    """The network fitted into (x, y, w, h): lanes across, stages down.
    ``inputs``: values to print in the input circles (a group's own), in
    lane order, instead of the lane numbers."""
    network = world.network
    stages = _rows(network)
    rows = 2 + sum(len(s) for s in stages) + (len(stages) if values else 0)
    # a design puzzle hands out bare lanes: room for a row per comparator the group draws
    design = world.comparators if not stages and world.comparators and not values else 0
    rows += design
    margin = min(w * 0.16, 60.0) if labels else 0.0
    cell = min((w - margin) / world.lanes, h / (rows + 0.6))
    if max_cell:
        cell = min(cell, max_cell)
    width = cell * world.lanes
    height = cell * (rows + 0.6)
    bx = x + margin + (w - margin - width) / 2
    by = y + (h - height) / 2
    plan = NetworkPlan(bx - margin, by, width + margin, height, cell)
    plan.lanes = tuple(bx + (i + 0.5) * cell for i in range(world.lanes))
    plan.top = by + height - cell * 0.8
    plan.label_size = max(10.0, min(cell * 0.28, margin * 0.5 if margin else 14.0))  # stage numbers, read as coordinates; as big as the board (the blackboard) and its margin allow
    shows = [str(i + 1) for i in range(world.lanes)]
    yy = plan.top - cell
    number = 1
    states = list(values) if values else []
    if states:
        plan.inputs = tuple(world.show(v) for v in states[0])
    elif inputs is not None:
        plan.inputs = tuple(world.show(v) for v in inputs)
    else:
        plan.inputs = tuple(shows)
    yy -= cell * design
    for k, stage in enumerate(stages):
        band_top = yy + cell * 0.5
        for row in stage:
            for comp in row:
                plan.bars.append(Bar(0, comp, yy))
            yy -= cell
        if states and k + 1 < len(states):
            plan.values.append((yy + cell * 0.25, tuple(world.show(v) for v in states[k + 1])))
            yy -= cell
        plan.bands.append((band_top, yy + cell * 0.5, k + 1))
    # number the bars in walking order (stage by stage, as written)
    order = {id(c): i for i, c in enumerate(network.comparators)} if network else {}
    plan.bars = [Bar(order[id(b.comp)] + 1, b.comp, b.y) for b in plan.bars]
    number += len(plan.bars)
    plan.bottom = yy
    plan.outputs = tuple(world.show(v) for v in states[-1]) if states else ("",) * world.lanes
    if labels:
        size = plan.label_size
        for top, bottom, k in plan.bands:
            text = f"{k}"
            plan.labels.append((bx - margin * 0.5 - text_width(text, size, True) / 2, (top + bottom) / 2 - size * 0.35, text))
    return plan


def draw_board(canvas, plan: NetworkPlan, *, color: bool = False) -> None:
    c = canvas
    c.saveState()
    cell = plan.cell
    r = cell * 0.3
    # stage bands: light dashed separators
    c.setStrokeColorRGB(0.55, 0.55, 0.55)
    c.setLineWidth(0.6)
    c.setDash(3, 3)
    left, right = plan.lanes[0] - cell * 0.5, plan.lanes[-1] + cell * 0.5
    for top, bottom, _ in plan.bands:
        c.line(left, bottom, right, bottom)
    c.setDash()
    # lanes
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(max(1.2, cell * 0.035))
    for lx in plan.lanes:
        c.line(lx, plan.top - r, lx, plan.bottom + r)
    # comparators
    for bar in plan.bars:
        a, b = plan.lanes[bar.comp.small], plan.lanes[bar.comp.large]
        c.setLineWidth(max(1.5, cell * 0.05))
        c.line(a, bar.y, b, bar.y)
        for lx in (a, b):
            c.circle(lx, bar.y, cell * 0.07, stroke=1, fill=1)
        # arrowhead towards the lane the smaller value takes
        d = 1 if b > a else -1  # from the small lane towards the large one
        tip = a + d * cell * 0.1
        p = c.beginPath()
        p.moveTo(tip, bar.y)
        p.lineTo(tip + d * cell * 0.22, bar.y + cell * 0.11)
        p.lineTo(tip + d * cell * 0.22, bar.y - cell * 0.11)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        # the comparator's number, in a circle in the middle of the bar
        mx = (a + b) / 2
        nr = max(cell * 0.17, 6.5)  # room for a 10 pt number on a small (worksheet) diagram
        c.setFillColorRGB(1, 1, 1)
        c.setLineWidth(0.8)
        c.circle(mx, bar.y, nr, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        size = max(10.0, nr * 1.1)  # pupils read it as a coordinate (10 pt or more); grows with the board: read from the back of the room on the blackboard
        c.setFont(font_name(True), size)
        draw_string(c, mx, bar.y - size * 0.35, str(bar.number), anchor="centre")
    # input and output circles
    size = max(10.0, r * 1.0)  # a number at 10 pt or more; a long word shrinks to fit (_fit)
    # one size for a row of circles: a short word is not set bigger than a long one
    in_size = min([_fit(t, size, r) for t in plan.inputs if t] or [size])
    out_size = min([_fit(t, size, r) for t in plan.outputs if t] or [size])
    for lx, text in zip(plan.lanes, plan.inputs):
        _circle(c, lx, plan.top, r, text, in_size, double=False)
    for lx, text in zip(plan.lanes, plan.outputs):
        _circle(c, lx, plan.bottom, r, text, out_size, double=True)
    # values between stages (answer key)
    vsize = max(MIN_TEXT, min(cell * 0.26, 11.0))
    for vy, texts in plan.values:
        for lx, text in zip(plan.lanes, texts):
            w = text_width(text, vsize, True) + vsize * 0.6
            c.setFillColorRGB(1, 1, 1)
            c.setLineWidth(0.6)
            c.roundRect(lx - w / 2, vy - vsize * 0.55, w, vsize * 1.3, vsize * 0.3, stroke=1, fill=1)
            c.setFillColorRGB(0, 0, 0)
            c.setFont(font_name(True), vsize)
            draw_string(c, lx, vy - vsize * 0.2, text, anchor="centre")
    if plan.labels:
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font_name(True), plan.label_size)
        for lx, ly, text in plan.labels:
            draw_string(c, lx, ly, text)
    c.restoreState()


def _fit(text: str, size: float, r: float) -> float:
    """The size ``text`` fits a circle of radius ``r`` at (from ``size`` down, in half points)."""
    s = size
    while s > MIN_TEXT and text_width(text, s, True) > r * 1.85:
        s -= 0.5
    return s


def _circle(c, x: float, y: float, r: float, text: str, size: float, *, double: bool) -> None:
    c.setFillColorRGB(1, 1, 1)
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(1.2)
    c.circle(x, y, r, stroke=1, fill=1)
    if double:
        c.setLineWidth(0.6)
        c.circle(x, y, r * 0.82, stroke=1, fill=0)
    if text:
        c.setFillColorRGB(0, 0, 0)
        s = size
        while s > MIN_TEXT and text_width(text, s, True) > r * 1.85:
            s -= 0.5
        c.setFont(font_name(True), s)
        draw_string(c, x, y - s * 0.35, text, anchor="centre")


ICONS: dict = {}


# -- the kit: worksheet work area and answer-key section -----------------------

def refutation_words(why, network, lang: str) -> str:
    """Why a network does not sort, from its proof, in the lesson's language."""
    if lang != "ja":
        return why.words(network)
    i, j = why.pair
    a, b = why.held
    shown, out = " ".join(map(str, why.input)), " ".join(map(str, why.output))
    many = "" if why.failing == 1 else f"（0と1の ならび {why.failing}とおりの うち いちばん 小さい もの）"
    if why.after == 0:
        where = f"{i + 1}本目と{j + 1}本目を くらべる 場所が 一つも ない"
    else:
        comp = network.comparators[why.after - 1]
        where = f"{why.after}番の 比べる場所（{comp.text()}）の あと、{i + 1}本目と{j + 1}本目が {a} と {b} で 逆の まま、その あと どちらも くらべない"
    return f"{shown} を 入れると {out} に なる{many}。{where}"


def work_area(checked, index, puzzle, sz, options):
    """Where a group records the two values that met at each comparator,
    and the values at the outputs."""
    from lessonkit.render.options import furigana_for
    from lessonkit.render.worlds.kitparts import box_row, heading

    lang = checked.lesson.language
    fur = furigana_for(checked.lesson, options)
    world = puzzle.world
    # the comparators walked: the network handed out, or the group's own design
    count = (world.network.size if world.network else 0) or (world.comparators or 0)

    def build(x, y_top, width):
        items, y = [], y_top
        if count:
            head, hh = heading("であった 数" if lang == "ja" else "Who met where", "丸の ばんごうごとに、であった 二つの 数を かこう" if lang == "ja" else "for each numbered comparator, write the two values that met", x, y, width, sz, fur)
            items += head
            y -= hh + 4
            caps = [f"{k}" for k in range(1, count + 1)]
            # two words (うさぎ きりん) need more room to write than two numbers
            boxes, bh = box_row(caps, x, y, width, sz.small, box_w=84.0 if world.words else 54.0, box_h=26.0, furigana=fur)
            items += boxes
            y -= bh + 6
        head, hh = heading("さいごの ならび" if lang == "ja" else "At the outputs", "左から じゅんに かこう" if lang == "ja" else "left to right", x, y, width, sz, fur)
        items += head
        y -= hh + 4
        boxes, bh = box_row([str(k) for k in range(1, world.lanes + 1)], x, y, width, sz.small, box_w=54.0 if world.words else 30.0, furigana=fur)
        items += boxes
        y -= bh
        return items, y_top - y

    return build


def answer_section(flow, checked, index, puzzle, options) -> None:
    """The network's proof, size and stages, and each group's values stage by stage."""
    from lessonkit.render.options import group_marks, latin_ok
    from lessonkit.render.words import group_name
    from lessonkit.render.worlds.kitparts import answer_title, lines, table

    lang = checked.lesson.language
    ja = lang == "ja"
    a = puzzle.analysis
    net = a.network
    size = 9.0
    answer_title(flow, index, puzzle, lang, size)
    layers = net.parallel()
    stages = " | ".join(" ".join(c.text() for c in layer) for layer in layers)
    n = net.lanes
    said = [
        (f"正しい ネットワーク: {net.text()}" if ja else f"A network that sorts: {net.text()}"),
        (f"比べる場所 {net.size}こ、段の数 {len(layers)}（同時に 歩ける 段: {stages}）" if ja else f"{net.size} comparators, depth {len(layers)} (stages walked in parallel: {stages})"),
        (f"0と1の ならび {2 ** n}とおり すべてで 小さい じゅんに ならぶ ことを たしかめた（0-1の原理）。" if ja else f"Checked on all {2 ** n} inputs of 0s and 1s (the 0-1 principle): it sorts every input."),
    ]
    for program, _ in puzzle.alternatives:
        said.append((f"べつの 答え: {program.text()}" if ja else f"Another answer: {program.text()}"))
    for bug, (broken, why) in zip(puzzle.bugs, a.bugs):
        said.append((f"配る ネットワーク（バグ）: {broken.text()}" if ja else f"The network handed out (the bug): {broken.text()}"))
        if why is not None:
            said.append((f"ならばない れい: " if ja else "It fails: ") + refutation_words(why, broken, lang))
        said.append(("ヒント: " if ja else "Hint: ") + bug.spec.hint)
    lines(flow, said, size)
    walked = a.world.network if a.world is not None and a.world.network and a.world.network.stages else net
    walks = a.given_walks if walked is not net else a.walks
    marks = group_marks(options.groups, latin=latin_ok(checked.lesson))
    world = a.world or puzzle.world
    header = ["はん" if ja else "Group", "はじめ" if ja else "Input"] + [(f"{k}段" if ja else f"stage {k}") for k in range(1, len(walked.stages) + 1)] + ["○/×"]
    rows = []
    for mark, g in zip(marks, walks):
        states = g.stage_states(walked)
        row = [group_name(mark, lang)] + [" ".join(world.show(v) for v in s) for s in states]
        row.append("○" if is_sorted_by(states[-1], world) else "×")
        rows.append(row)
    what = (f"各はんの 数（{'配った ネットワークで' if walked is not net else 'ネットワークで'}、段ごと。どの はんも 入れかえは {a.swaps}回）" if ja else f"Each group's values stage by stage ({'on the network handed out; ' if walked is not net else ''}every group's input takes {a.swaps} exchanges)")
    lines(flow, [what], size)
    table(flow, header, rows, 7.5 if len(header) > 7 else 8.5, first=0.1)


def is_sorted_by(values, world) -> bool:
    return world.is_goal(values)


def group_values(puzzle, group: int) -> tuple:
    """Group ``group``'s (from 1) values for a puzzle, in lane order: the
    same on its cards, its worksheet and the answer key."""
    walks = puzzle.analysis.given_walks or puzzle.analysis.walks
    return walks[group - 1].values


def board_options(checked, index, puzzle, group: int) -> dict:
    """On a group's worksheet the input circles hold the group's values."""
    return {"inputs": group_values(puzzle, group)}


def group_cards(checked, group: int) -> list[str]:
    """Group ``group``'s value cards: every puzzle's values, one card each."""
    out = []
    for k, puzzle in enumerate(checked.puzzles):
        world = puzzle.world
        for v in group_values(puzzle, group):
            out.append(f"{k}|{world.show(v)}")
    return out


def draw_value_card(c, checked, name: str, x: float, y: float, w: float, h: float, mark: str) -> None:
    """A value card: the value large, the puzzle's number and the group's mark small."""
    k, text = name.split("|", 1)
    lang = checked.lesson.language
    c.saveState()
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(1.2)
    c.roundRect(x, y, w, h, min(w, h) * 0.06, stroke=1, fill=0)
    size = min(w * 0.5, h * 0.35)
    while size > 10 and text_width(text, size, True) > w * 0.86:
        size -= 1
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font_name(True), size)
    draw_string(c, x + w / 2, y + h / 2 - size * 0.35, text, anchor="centre")
    small = 11.0
    c.setFont(font_name(True), small)
    caption = f"パズル{int(k) + 1}" if lang == "ja" else f"puzzle {int(k) + 1}"
    draw_string(c, x + small * 0.6, y + small * 0.8, caption)
    draw_string(c, x + w - small * 0.6, y + h - small * 1.5, mark, anchor="right")
    c.restoreState()


# -- the floor layout (floor.pdf) ---------------------------------------------

def documents(checked) -> dict:
    """floor.pdf, when a puzzle is walked on the floor (``floor: true``)."""
    from lessonkit.render.worlds import network_floor

    return network_floor.documents(checked)


def preparation(checked, options) -> list[str]:
    """The groups' value cards (cards.pdf, counted from its plan), then floor.pdf."""
    from lessonkit.render.cards import plan_cards
    from lessonkit.render.worlds import network_floor

    lang = checked.lesson.language
    per = len(group_cards(checked, 1))
    g = options.groups
    words = {
        "ja": "数カード（cards.pdf）：1班 {per}枚（パズルごとに、その班の数）× {g}班 ＝ {total}枚を切り分ける。班ごとにちがう数（cards.pdf は{pages}ページ）",
        "en": "Value cards (cards.pdf): {per} per group (each puzzle's values for that group) × {g} groups = {total} cards to cut out; every group's values differ (cards.pdf: {pages} pages)",
    }
    line = words["ja" if lang == "ja" else "en"].format(per=per, g=g, total=per * g, pages=len(plan_cards(checked, options)))
    return [line] + network_floor.preparation(checked, options)
