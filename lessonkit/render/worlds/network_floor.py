"""floor.pdf: a sorting network laid out on the floor, for the puzzles a
lesson walks there (``floor: true``).

A network the whole class walks is several metres long: lanes LANE_CM
apart, rows of circles ROW_CM apart (a stage's comparators that would cross
on the floor get rows of their own, as on the desk diagram).  Printed whole
at full size it would be hundreds of sheets of mostly plain tape line, so
the layout is tiled only where it carries a mark: one sheet per circle
(each input circle, each comparator's two circles, each output circle), the
sheet a window of the floor at full size centred on its circle, with the
tape lines' ends marked (▼ on the lane, ◀ ▶ on a comparator's bar) where
the tape from the next sheet joins.  In front go the plan pages (配置図):
the whole floor to scale with its measures, and a table of where each
sheet's circle goes (cm from lane 1 and from the start line), so a teacher
can lay the sheets and tape the lines, or chalk the whole network on the
playground from the same measures without printing the sheets.

As everywhere, the pages are data (:func:`plan_floor`) and drawing is a
thin last step.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import cm, mm

from lessonkit.render.fonts import draw_string, font_name
from lessonkit.render.options import BuildOptions, latin_ok
from lessonkit.render.page import BoxItem, DrawItem, Flow, LineItem, Page, Rect, Rendered, Row, TableStyle, TextItem, add_furniture, add_table, add_text, draw_pages, frame_for, new_page
from lessonkit.render.text import layout_text
from lessonkit.render.words import puzzle_name, word
from lessonkit.spec.ruby import plain_text

LANE_CM = 60  # between neighbouring lanes: two pupils stand side by side
ROW_CM = 80  # between rows of circles: a step or two
CIRCLE_MARGIN = 55 * mm  # the sheet's short side less the circle: room for its words

WORDS = {
    "ja": {
        "doc": "ゆか用ネットワーク",
        "plan_title": "ゆかの ネットワーク 配置図：パズル{k}　{name}",
        "measures": "レーン（線）の間 {lane} cm、丸の列の間 {row} cm、丸の直径 {circle} cm（{paper}に1つ）。全体は はば {w} m × 長さ {l} m（丸のはしまで）。",
        "count": "丸のシート {n}枚（入口 {i}・くらべる丸 {c}（{comps}か所 × 2）・出口 {o}）。このあとのページ {first}〜{last}。",
        "steps": [
            "1. 入口（スタート）の線を決め、1本目のレーンの位置を0として、下の表の「左から」「スタートから」の場所に、各シートの丸の中心の＋を合わせて置く。",
            "2. シートの上下の▼どうしを結ぶようにビニールテープを貼ってレーンにする。くらべる丸の◀▶どうしもテープで結ぶ（同じ番号の2枚）。",
            "3. 校庭にチョークでかくときは、シートを使わず同じ寸法で線と丸をかき、丸に番号を書く。",
        ],
        "head": ["シート", "丸", "レーン", "左から", "スタートから"],
        "from_start": "スタートから↓",
        "plan_note": "◀は 小さい 数の 人が すすむ レーン。丸の 中の 数は シートの 番号。",
        "in": "入口 {n}",
        "out": "出口 {n}",
        "comp": "くらべる丸 {n}（{a}本目と{b}本目）",
        "lane": "{n}本目",
        "sheet_in": "入口 {n}",
        "sheet_in_note": "ここに 立って スタート。線に そって 下へ すすむ。",
        "sheet_out": "出口 {n}",
        "sheet_out_note": "ここで とまる。小さい じゅんに ならんだかな。",
        "sheet_comp": "くらべる丸 {n}",
        "sheet_comp_with": "{other}本目の 丸の 人と くらべる",
        "small_here": "小さい 数の 人が この 線を すすむ",
        "large_here": "大きい 数の 人が この 線を すすむ",
        "where": "パズル{k}・{lane}本目・左から {x} cm・スタートから {y} cm",
        "tape": "テープ",
        "sheet": "シート {k}/{n}",
        "prep": "ゆか用（floor.pdf、1部）：パズル{k}の配置図{plan}ページと、丸のシート{n}枚（入口・くらべる丸・出口。レーンの間 {lane} cm、全体 {w} m × {l} m）。ビニールテープ（またはチョーク）で線を結ぶ",
    },
    "en": {
        "doc": "Floor network",
        "plan_title": "The network on the floor — plan: puzzle {k}, {name}",
        "measures": "Lanes {lane} cm apart, rows of circles {row} cm apart, circles {circle} cm across (one to a {paper} sheet). The whole network is {w} m wide and {l} m long (to the circles' edges).",
        "count": "{n} circle sheets ({i} inputs, {c} comparator circles ({comps} comparators × 2), {o} outputs): pages {first}–{last}.",
        "steps": [
            "1. Mark the start line and take lane 1 as 0; lay each sheet with the + at its circle's centre at the place the table gives (from lane 1, from the start).",
            "2. Tape each lane from ▼ to ▼ between the sheets; tape each comparator's two circles together from ◀ to ▶ (the two sheets with the same number).",
            "3. To chalk the network on the playground instead, draw the lines and circles to the same measures and number the circles.",
        ],
        "head": ["Sheet", "Circle", "Lane", "From lane 1", "From the start"],
        "from_start": "from the start ↓",
        "plan_note": "◀ points to the lane the smaller value takes; the number in each circle is its sheet's.",
        "in": "input {n}",
        "out": "output {n}",
        "comp": "comparator {n} (lanes {a} and {b})",
        "lane": "lane {n}",
        "sheet_in": "Input {n}",
        "sheet_in_note": "Stand here to start, then walk down the line.",
        "sheet_out": "Output {n}",
        "sheet_out_note": "Stop here. Are you in order?",
        "sheet_comp": "Comparator {n}",
        "sheet_comp_with": "compare with the person on lane {other}",
        "small_here": "the smaller value walks on down this lane",
        "large_here": "the larger value walks on down this lane",
        "where": "puzzle {k} · lane {lane} · {x} cm from lane 1 · {y} cm from the start",
        "tape": "tape",
        "sheet": "sheet {k}/{n}",
        "prep": "Floor (floor.pdf, one copy): puzzle {k}'s plan ({plan} pages) and {n} circle sheets (inputs, comparator circles, outputs; lanes {lane} cm apart, {w} m × {l} m in all), joined with vinyl tape (or chalk)",
    },
}


def _w(lang: str) -> dict:
    return WORDS["ja" if lang == "ja" else "en"]


@dataclass(frozen=True)
class Spot:
    """A circle on the floor: ``x_cm`` from lane 1's line, ``y_cm`` from the
    start line (the walking direction)."""

    kind: str  # "in", "comparator", "out"
    lane: int  # from 0
    row: int  # 0: the inputs; the last: the outputs
    x_cm: float
    y_cm: float
    number: int  # lane number (inputs, outputs) or the comparator's walking number
    other: int | None = None  # a comparator circle's partner lane (from 0)
    small: bool = False  # a comparator circle on the lane the smaller value takes


@dataclass(frozen=True)
class FloorSheet:
    """One circle's sheet: the floor window it covers at full size (cm,
    (x, y, w, h) with y from the start line) and its circle."""

    puzzle: int
    number: int  # from 1, among the puzzle's sheets
    count: int
    spot: Spot
    window: tuple[float, float, float, float]


@dataclass(frozen=True)
class FloorLayout:
    puzzle: int  # index into checked.puzzles
    lanes: int
    rows: int
    lane_cm: float
    row_cm: float
    circle_cm: float
    spots: tuple[Spot, ...]
    sheets: tuple[FloorSheet, ...]

    @property
    def width_cm(self) -> float:
        return (self.lanes - 1) * self.lane_cm + self.circle_cm

    @property
    def length_cm(self) -> float:
        return (self.rows - 1) * self.row_cm + self.circle_cm


def floor_puzzles(checked) -> list[int]:
    """The puzzles the lesson walks on the floor (``floor: true``)."""
    return [k for k, p in enumerate(checked.puzzles) if getattr(p.world, "floor", False) and _network(p) is not None]


def _network(puzzle):
    a = puzzle.analysis
    if a is None:
        return None
    world = a.world if a.world is not None and a.world.network and a.world.network.stages else None
    return world.network if world is not None else a.network


def circle_cm(paper: str) -> float:
    """The circles' diameter on ``paper``: whole cm, with room for the words."""
    from lessonkit.render.pdf import PAPER

    short = min(PAPER[paper])
    return float(int((short - CIRCLE_MARGIN) / cm))


def floor_layout(checked, index: int, paper: str) -> FloorLayout:
    """Where every circle of puzzle ``index``'s network goes on the floor,
    and its sheet's window."""
    from lessonkit.render.pdf import PAPER
    from lessonkit.render.worlds.network import _rows

    puzzle = checked.puzzles[index]
    network = _network(puzzle)
    lanes = network.lanes
    spots: list[Spot] = [Spot("in", i, 0, i * LANE_CM, 0.0, i + 1) for i in range(lanes)]
    order = {id(c): n for n, c in enumerate(network.comparators, 1)}
    row = 0
    comps: list[Spot] = []
    for stage in _rows(network):
        for sub in stage:
            row += 1
            for comp in sub:
                for lane, other in ((comp.small, comp.large), (comp.large, comp.small)):
                    comps.append(Spot("comparator", lane, row, lane * LANE_CM, row * ROW_CM, order[id(comp)], other, lane == comp.small))
    comps.sort(key=lambda s: (s.number, s.lane))
    spots += comps
    row += 1
    spots += [Spot("out", i, row, i * LANE_CM, row * ROW_CM, i + 1) for i in range(lanes)]
    pw, ph = (PAPER[paper][0] / cm, PAPER[paper][1] / cm)
    n = len(spots)
    sheets = tuple(FloorSheet(index, k, n, s, (s.x_cm - pw / 2, s.y_cm - ph / 2, pw, ph)) for k, s in enumerate(spots, 1))
    return FloorLayout(index, lanes, row + 1, LANE_CM, ROW_CM, circle_cm(paper), tuple(spots), sheets)


def _metres(value_cm: float) -> str:
    return f"{value_cm / 100:.2f}".rstrip("0").rstrip(".")


def _paper_name(paper: str, lang: str) -> str:
    return paper.upper() if paper != "letter" else ("レター" if lang == "ja" else "Letter")


def _spot_name(spot: Spot, lang: str) -> str:
    w = _w(lang)
    if spot.kind == "in":
        return w["in"].format(n=spot.number)
    if spot.kind == "out":
        return w["out"].format(n=spot.number)
    a, b = sorted((spot.lane, spot.other))
    return w["comp"].format(n=spot.number, a=a + 1, b=b + 1)


# -- the pages ----------------------------------------------------------------

PLAN_SIZE = 9.5
SHEET_TITLE = 26.0
SHEET_TEXT = 14.0
SHEET_SMALL = 10.0


def plan_floor(checked, options: BuildOptions) -> list[Page]:
    """Every page of floor.pdf, as data: for each floor puzzle its plan,
    then its circle sheets."""
    lang = checked.lesson.language
    w = _w(lang)
    frame = frame_for(options.paper)
    pages: list[Page] = []
    for index in floor_puzzles(checked):
        layout = floor_layout(checked, index, options.paper)
        plan = _plan_pages(checked, layout, options, frame, first_sheet=None)
        first = len(pages) + len(plan) + 1
        plan = _plan_pages(checked, layout, options, frame, first_sheet=first)
        pages += plan
        pages += [_sheet_page(checked, layout, sheet, frame) for sheet in layout.sheets]
    for k, page in enumerate(pages):
        add_furniture(page, frame, school=options.school, title=checked.lesson.title, document=w["doc"], number=f"{k + 1} / {len(pages)}", brand=latin_ok(checked.lesson))
    return pages


def _plan_pages(checked, layout: FloorLayout, options: BuildOptions, frame, *, first_sheet: int | None) -> list[Page]:
    lang = checked.lesson.language
    w = _w(lang)
    puzzle = checked.puzzles[layout.puzzle]
    flow = Flow(frame)
    name = plain_text(puzzle_name(puzzle.spec, lang, pupils=False))
    add_text(flow, w["plan_title"].format(k=layout.puzzle + 1, name=name), 13.0, bold=True, furigana=False, role="title")
    flow.space(4)
    add_text(flow, w["measures"].format(lane=layout.lane_cm, row=layout.row_cm, circle=_num(layout.circle_cm), paper=_paper_name(options.paper, lang), w=_metres(layout.width_cm), l=_metres(layout.length_cm)), PLAN_SIZE, furigana=False, role="measures")
    flow.space(2)
    comps = sum(1 for s in layout.spots if s.kind == "comparator") // 2
    first = first_sheet or 0
    add_text(flow, w["count"].format(n=len(layout.sheets), i=layout.lanes, c=2 * comps, comps=comps, o=layout.lanes, first=first, last=first + len(layout.sheets) - 1), PLAN_SIZE, furigana=False, role="count")
    flow.space(4)
    # the whole floor to scale
    height = min(flow.room * 0.55, flow.width * 1.1)
    y_top = flow.reserve(height)
    rect = Rect(flow.x, y_top - height, flow.width, height)
    flow.page.add(DrawItem(rect, lambda c, r=rect: _draw_plan(c, layout, r, lang), role="floor-plan"))
    flow.space(3)
    add_text(flow, w["plan_note"], PLAN_SIZE - 0.5, furigana=False, role="plan-note")
    flow.space(4)
    for step in w["steps"]:
        add_text(flow, step, PLAN_SIZE, furigana=False, role="step")
        flow.space(1)
    flow.space(4)
    rows = []
    for sheet in layout.sheets:
        s = sheet.spot
        rows.append(Row((str(sheet.number), _spot_name(s, lang), w["lane"].format(n=s.lane + 1), f"{_num(s.x_cm)} cm", f"{_num(s.y_cm)} cm")))
    width = flow.width
    widths = (width * 0.1, width * 0.42, width * 0.14, width * 0.17, width * 0.17)
    add_table(flow, widths, Row(tuple(w["head"])), rows, TableStyle(size=PLAN_SIZE - 0.5, furigana=False, padding=2.0))
    return flow.pages


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


def _draw_plan(c, layout: FloorLayout, rect: Rect, lang: str) -> None:
    """The floor to scale, circles numbered by their sheet, axes in cm."""
    w = _w(lang)
    label = 8.0
    left_room, top_room = 44.0, 26.0
    span_x = max(layout.width_cm, layout.lane_cm)
    span_y = layout.length_cm
    s = min((rect.w - left_room - 8) / span_x, (rect.h - top_room - 4) / span_y)
    r = layout.circle_cm / 2 * s
    ox = rect.x + left_room + (rect.w - left_room - span_x * s) / 2 + r
    oy = rect.top - top_room - r  # the start line's circles' centre

    def at(x_cm, y_cm):
        return ox + x_cm * s, oy - y_cm * s

    c.setStrokeColorRGB(0, 0, 0)
    c.setFillColorRGB(0, 0, 0)
    # lanes
    c.setLineWidth(1.2)
    for i in range(layout.lanes):
        x, y0 = at(i * layout.lane_cm, 0)
        _, y1 = at(i * layout.lane_cm, (layout.rows - 1) * layout.row_cm)
        c.line(x, y0, x, y1)
        c.setFont(font_name(True), label)
        draw_string(c, x, rect.top - label - 1, w["lane"].format(n=i + 1), anchor="centre")
        c.setFont(font_name(False), label)
        draw_string(c, x, rect.top - 2 * label - 3, f"{_num(i * layout.lane_cm)} cm", anchor="centre")
    # row distances, from the start line
    c.setFont(font_name(True), label)
    draw_string(c, rect.x + left_room - 6, rect.top - label - 1, w["from_start"], anchor="right")
    c.setFont(font_name(False), label)
    for row in range(layout.rows):
        _, y = at(0, row * layout.row_cm)
        draw_string(c, rect.x + left_room - 6, y - label * 0.35, f"{_num(row * layout.row_cm)} cm", anchor="right")
        c.setDash(1, 2)
        c.setLineWidth(0.5)
        c.line(rect.x + left_room - 4, y, ox - r - 2, y)
        c.setDash()
    # bars
    comps: dict[int, list[Spot]] = {}
    for spot in layout.spots:
        if spot.kind == "comparator":
            comps.setdefault(spot.number, []).append(spot)
    c.setLineWidth(1.6)
    rr = max(r, 6.0)
    for pair in comps.values():
        (x0, y), (x1, _) = at(pair[0].x_cm, pair[0].y_cm), at(pair[1].x_cm, pair[1].y_cm)
        c.line(x0, y, x1, y)
        small = next(p for p in pair if p.small)
        xs, _ = at(small.x_cm, small.y_cm)
        d = 1 if xs < max(x0, x1) else -1  # from the small circle towards the other
        tip = xs + d * rr
        path = c.beginPath()
        path.moveTo(tip, y)
        path.lineTo(tip + d * 6, y + 3.2)
        path.lineTo(tip + d * 6, y - 3.2)
        path.close()
        c.drawPath(path, stroke=0, fill=1)
    # circles, each with its sheet number
    number = {s: k for k, s in enumerate(layout.spots, 1)}
    for spot in layout.spots:
        x, y = at(spot.x_cm, spot.y_cm)
        c.setFillColorRGB(1, 1, 1)
        c.setLineWidth(0.9)
        c.circle(x, y, max(r, 6.0), stroke=1, fill=1)
        if spot.kind == "out":
            c.circle(x, y, max(r, 6.0) * 0.78, stroke=1, fill=0)
        c.setFillColorRGB(0, 0, 0)
        size = max(7.0, min(r * 0.9, 10.0))
        c.setFont(font_name(True), size)
        draw_string(c, x, y - size * 0.35, str(number[spot]), anchor="centre")


def _sheet_page(checked, layout: FloorLayout, sheet: FloorSheet, frame) -> Page:
    """A circle's sheet, at full size: the circle with its number, the tape
    lines' ends marked at the printable edge, and where it goes."""
    lang = checked.lesson.language
    w = _w(lang)
    spot = sheet.spot
    page = new_page(frame)
    p = frame.body
    fur = False
    r = layout.circle_cm / 2 * cm
    cx = frame.width / 2
    cy = frame.height / 2
    edge_top, edge_bottom = p.top - 4, p.y + 4
    # where it goes, at the top
    where = w["where"].format(k=layout.puzzle + 1, lane=spot.lane + 1, x=_num(spot.x_cm), y=_num(spot.y_cm))
    y = p.top
    for text, size, bold, role in ((w["sheet"].format(k=sheet.number, n=sheet.count), SHEET_SMALL, True, "sheet-number"), (where, SHEET_SMALL, False, "sheet-where")):
        lines = tuple(layout_text(text, size, max_width=p.w, bold=bold, furigana=fur))
        page.add(TextItem(p.x, y, lines, size, bold, role=role))
        y -= sum(line.height for line in lines) + 2
    if spot.kind == "in":
        title, note = w["sheet_in"].format(n=spot.number), w["sheet_in_note"]
    elif spot.kind == "out":
        title, note = w["sheet_out"].format(n=spot.number), w["sheet_out_note"]
    else:
        title = w["sheet_comp"].format(n=spot.number)
        note = w["small_here"] if spot.small else w["large_here"]
    lines = tuple(layout_text(title, SHEET_TITLE, max_width=p.w, bold=True, furigana=fur))
    page.add(TextItem(p.x, y - 4, lines, SHEET_TITLE, True, align="center", width=p.w, role="sheet-title"))
    y -= 4 + sum(line.height for line in lines) + 6
    # what to do, under the title; a comparator's partner, on the side its bar runs
    lines = tuple(layout_text(note, SHEET_TEXT, max_width=p.w, bold=True, furigana=fur))
    page.add(TextItem(p.x, y, lines, SHEET_TEXT, True, align="center", width=p.w, role="sheet-note"))
    y -= sum(line.height for line in lines) + 2
    if spot.kind == "comparator":
        toward = "→" if spot.other > spot.lane else "←"
        with_text = w["sheet_comp_with"].format(other=spot.other + 1)
        with_text = f"{with_text} {toward}" if toward == "→" else f"{toward} {with_text}"
        lines = tuple(layout_text(with_text, SHEET_TEXT, max_width=p.w, bold=True, furigana=fur))
        page.add(TextItem(p.x, y, lines, SHEET_TEXT, True, align="center", width=p.w, role="sheet-with"))
        y -= sum(line.height for line in lines)
    title_bottom = y
    # the lane: in from the top (not for inputs), on to the bottom (not for outputs)
    tape = 2.0
    marks: list[tuple[str, float, float]] = []
    if spot.kind != "in":
        page.add(LineItem(cx, min(title_bottom - 6, cy + r + 40), cx, cy + r, tape, role="tape-lane"))
        marks.append(("down", cx, min(title_bottom - 6, cy + r + 40)))
    if spot.kind != "out":
        page.add(LineItem(cx, cy - r, cx, edge_bottom + 60, tape, role="tape-lane"))
        marks.append(("down", cx, edge_bottom + 60))
    if spot.kind == "comparator":
        side = 1 if spot.other > spot.lane else -1
        x_end = p.right - 2 if side > 0 else p.x + 2
        page.add(LineItem(cx + side * r, cy, x_end - side * 10, cy, tape, role="tape-bar"))
        marks.append(("right" if side > 0 else "left", x_end - side * 10, cy))
    for kind, x, yy in marks:
        page.add(DrawItem(Rect(x - 8, yy - 8, 16, 16), lambda c, k=kind, x=x, yy=yy: _mark(c, k, x, yy), role="align-mark"))
    # the circle, its number, the centre cross
    text = str(spot.number)
    page.add(DrawItem(Rect(cx - r, cy - r, 2 * r, 2 * r), lambda c: _big_circle(c, cx, cy, r, text, spot.kind == "out"), role="floor-circle"))
    # a map of the whole floor, this circle filled
    page.add(DrawItem(_map_rect(layout, p), lambda c: _draw_map(c, layout, sheet, _map_rect(layout, p)), role="sheet-map"))
    return page


def _map_rect(layout: FloorLayout, p: Rect) -> Rect:
    h = 110.0
    w = min(p.w * 0.3, h * (layout.width_cm / layout.length_cm) + 12)
    return Rect(p.right - w, p.y + 2, w, h)


def _draw_map(c, layout: FloorLayout, sheet: FloorSheet, rect: Rect) -> None:
    s = min((rect.w - 6) / max(layout.width_cm, 1), (rect.h - 6) / layout.length_cm)
    ox = rect.x + (rect.w - layout.width_cm * s) / 2 + layout.circle_cm / 2 * s
    oy = rect.top - 3 - layout.circle_cm / 2 * s
    c.setLineWidth(0.5)
    c.setStrokeColorRGB(0, 0, 0)
    for i in range(layout.lanes):
        x = ox + i * layout.lane_cm * s
        c.line(x, oy, x, oy - (layout.rows - 1) * layout.row_cm * s)
    ends: dict[int, list[Spot]] = {}
    for spot in layout.spots:
        if spot.kind == "comparator":
            ends.setdefault(spot.number, []).append(spot)
    for a, b in ends.values():
        c.line(ox + a.x_cm * s, oy - a.y_cm * s, ox + b.x_cm * s, oy - b.y_cm * s)
    for spot in layout.spots:
        x, y = ox + spot.x_cm * s, oy - spot.y_cm * s
        mine = spot == sheet.spot
        c.setFillColorRGB(0, 0, 0) if mine else c.setFillColorRGB(1, 1, 1)
        c.circle(x, y, 3.4 if mine else 2.0, stroke=1, fill=1)


def _mark(c, kind: str, x: float, y: float) -> None:
    """▼ where a lane's tape continues, ◀ ▶ where a bar's does."""
    c.setFillColorRGB(0, 0, 0)
    p = c.beginPath()
    d = 7.0
    if kind == "down":
        p.moveTo(x - d, y + d)
        p.lineTo(x + d, y + d)
        p.lineTo(x, y - d * 0.6)
    elif kind == "right":
        p.moveTo(x - d * 0.6, y + d)
        p.lineTo(x - d * 0.6, y - d)
        p.lineTo(x + d, y)
    else:
        p.moveTo(x + d * 0.6, y + d)
        p.lineTo(x + d * 0.6, y - d)
        p.lineTo(x - d, y)
    p.close()
    c.drawPath(p, stroke=0, fill=1)


def _big_circle(c, x: float, y: float, r: float, text: str, double: bool) -> None:
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(3.0)
    c.circle(x, y, r, stroke=1, fill=0)
    if double:
        c.setLineWidth(1.5)
        c.circle(x, y, r * 0.86, stroke=1, fill=0)
    # the centre, to measure to
    c.setLineWidth(0.8)
    k = 5.0
    c.line(x - k, y, x + k, y)
    c.line(x, y - k, x, y + k)
    size = r * 0.6
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font_name(True), size)
    draw_string(c, x, y + r * 0.18, text, anchor="centre")


def render_floor(checked, options: BuildOptions) -> Rendered:
    """floor.pdf for ``checked``: its floor puzzles' plans and circle sheets."""
    from lessonkit.render.fonts import latin_text

    lang = checked.lesson.language
    kind = _w(lang)["doc"]
    fields = {"kind": kind, "title": plain_text(checked.lesson.title)}
    with latin_text(lang == "en"):
        return draw_pages(plan_floor(checked, options), options.paper, lang=lang, title=word("pdf_title", lang, **fields), subject=word("pdf_subject", lang, **fields))


def preparation(checked, options: BuildOptions) -> list[str]:
    """The guide's 準備 line for each floor puzzle, counted from the plan."""
    lang = checked.lesson.language
    frame = frame_for(options.paper)
    out = []
    for index in floor_puzzles(checked):
        layout = floor_layout(checked, index, options.paper)
        plan = _plan_pages(checked, layout, options, frame, first_sheet=1)
        out.append(_w(lang)["prep"].format(k=index + 1, plan=len(plan), n=len(layout.sheets), lane=layout.lane_cm, w=_metres(layout.width_cm), l=_metres(layout.length_cm)))
    return out


def documents(checked) -> dict:
    return {"floor.pdf": render_floor} if floor_puzzles(checked) else {}
