"""board.pdf: each puzzle's board, big, for a group's desk.

One sheet per puzzle, turned to whichever way round gives the bigger squares.
With ``options.board_size`` larger than the paper (A3 on A4, say), the board
is laid out at that size and printed in tiles that overlap by OVERLAP: each
tile says which it is (``1/4 A1`` and a little map), the tile on top is cut
along its solid edge and laid on the glue strip (のりしろ) of the one below,
its edge on the line drawn there, and the board's squares run on.

As elsewhere, the layout is data (:func:`plan_board_pages`) and drawing is a
thin last step.  The board itself comes from the family's drawing module
(``lessonkit.render.worlds``).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from reportlab.lib.units import mm

from lessonkit.check import CheckedLesson, CheckedPuzzle
from lessonkit.render import icons
from lessonkit.render.fonts import draw_string, font_name, text_width
from lessonkit.render.options import PAPER_MM, BuildOptions, furigana_for, latin_ok
from lessonkit.render.page import LayoutError, Rect, Rendered, describe_overflow
from lessonkit.render.pdf import PAPER, make_canvas
from lessonkit.render.text import draw_lines, layout_text
from lessonkit.render.words import document_meta, puzzle_name, tidy_text
from lessonkit.render.worlds import drawing_for
from lessonkit.render.worlds import grid as grid_drawing
from lessonkit.spec.ruby import plain_text

MARGIN = 10 * mm  # around the content of a (virtual) board page
TILE_MARGIN = 10 * mm  # paper edge to a tile's window: room for its labels
OVERLAP = 10 * mm  # glue strip shared by neighbouring tiles
FOOTER = 7 * mm

_WORDS = {
    "ja": {
        "copies": "1グループに 1まい ({n}まい いんさつ)",
        "glue": "のりしろ",
        "align": "ここに となりの かみの はしを あわせる",
        "cut": "きりとる",
        "tile": "はりあわせ {k}/{n}  {name}",
        "legend": {"start": "スタート", "goal": "ゴール", "wall": "かべ", "item": "ひろう もの", "obstacle": "コーン"},
    },
    "en": {
        "copies": "one per group ({n} copies)",
        "glue": "glue here",
        "align": "lay the next sheet's edge on this line",
        "cut": "cut",
        "tile": "tile {k}/{n}  {name}",
        "legend": {"start": "Start", "goal": "Goal", "wall": "Wall", "item": "To pick up", "obstacle": "Cone"},
    },
}


@dataclass(frozen=True)
class Tile:
    """One piece of a tiled board: its place among the tiles and its window.

    ``window`` is (x, y, w, h) on the full board page; ``col``/``row`` count
    from the top left (``name`` A1, B1, …, A2, …).
    """

    number: int
    count: int
    col: int
    row: int
    cols: int
    rows: int
    window: tuple[float, float, float, float]

    @property
    def name(self) -> str:
        return f"{chr(ord('A') + self.col)}{self.row + 1}"

    @property
    def left(self) -> bool:
        return self.col > 0

    @property
    def right(self) -> bool:
        return self.col < self.cols - 1

    @property
    def top(self) -> bool:
        return self.row > 0

    @property
    def bottom(self) -> bool:
        return self.row < self.rows - 1


@dataclass(frozen=True)
class BoardSheet:
    """One page of board.pdf: the puzzle, the paper, the full board page
    (``content``, width and height), and the tile when tiled."""

    puzzle: int  # index into checked.puzzles
    paper: tuple[float, float]
    content: tuple[float, float]
    tile: Tile | None = None


def _oriented(size: tuple[float, float], landscape: bool) -> tuple[float, float]:
    a, b = sorted(size)
    return (b, a) if landscape else (a, b)


TITLE_SIZE, TASK_SIZE, LEGEND_SIZE = 22.0, 14.0, 14.0  # pupils of every grade read them (14 pt from grade 1)


def _title_text(index: int, puzzle: CheckedPuzzle, lang: str) -> str:
    return f"{index + 1}. {puzzle_name(puzzle.spec, lang, pupils=True)}"


def _heading(index: int, puzzle: CheckedPuzzle, w: float, h: float, furigana: bool, lang: str):
    """The title (at most 2 lines) and task (at most 2 lines), laid out."""
    s = _scale(w, h)
    width = w - 2 * MARGIN
    title = layout_text(_title_text(index, puzzle, lang), TITLE_SIZE * s, max_width=width, bold=True, furigana=furigana)[:2]
    task = []
    if puzzle.spec.task:
        task = layout_text(tidy_text(puzzle.spec.task), TASK_SIZE * s, max_width=width, furigana=furigana)[:2]
    return title, task


def _content_box(index: int, puzzle: CheckedPuzzle, w: float, h: float, furigana: bool, lang: str) -> tuple[float, float, float, float]:
    """Where the board goes on a content page of w × h (below title, above legend)."""
    s = _scale(w, h)
    title, task = _heading(index, puzzle, w, h, furigana, lang)
    title_band = sum(line.height for line in title) + sum(line.height for line in task) + 4 * mm * s
    legend_band = LEGEND_SIZE * s * 1.6 + 4 * mm * s
    return (MARGIN, MARGIN + legend_band, w - 2 * MARGIN, h - 2 * MARGIN - title_band - legend_band)


def _scale(w: float, h: float) -> float:
    """Text scale: 1 on A4, larger on bigger boards."""
    return max(1.0, min(w, h) / PAPER["a4"][0])


def _cell(checked: CheckedLesson, index: int, w: float, h: float, furigana: bool) -> float:
    drawing = drawing_for(checked.family.name)
    x, y, bw, bh = _content_box(index, checked.puzzles[index], w, h, furigana, checked.lesson.language)
    return drawing.plan_board(checked.puzzles[index].world, x, y, bw, bh).cell


def _best_orientation(checked, index, size, furigana) -> tuple[float, float]:
    portrait, landscape = _oriented(size, False), _oriented(size, True)
    # Ties go to portrait; landscape must win by a visible margin.
    if _cell(checked, index, *landscape, furigana) > _cell(checked, index, *portrait, furigana) * 1.02:
        return landscape
    return portrait


NEEDS_TURN = 1.25  # how much bigger a board's squares must be to turn it against the rest


def _tiling(content: tuple[float, float], window: tuple[float, float]) -> tuple[int, int]:
    (cw, ch), (ww, wh) = content, window
    cols = max(1, math.ceil((cw - OVERLAP) / (ww - OVERLAP) - 1e-9))
    rows = max(1, math.ceil((ch - OVERLAP) / (wh - OVERLAP) - 1e-9))
    return cols, rows


def is_tiled(options: BuildOptions) -> bool:
    """Whether the board size is larger than the paper (so it prints in tiles)."""
    if options.board_size is None:
        return False
    bw, bh = sorted(PAPER_MM[options.board_size])
    pw, ph = sorted(PAPER_MM[options.paper])
    return bw > pw + 0.5 or bh > ph + 0.5


def plan_board_pages(checked: CheckedLesson, options: BuildOptions) -> list[BoardSheet]:
    """Every page of board.pdf, in order, as data."""
    paper = PAPER[options.paper]
    sheets: list[BoardSheet] = []
    tiled = is_tiled(options)
    furigana = furigana_for(checked.lesson, options)
    if not tiled:
        # One orientation for the document (the one most boards fill best),
        # a board turned the other way only when it needs it: squares a
        # quarter bigger or more.
        portrait, landscape = _oriented(paper, False), _oriented(paper, True)
        cells = [(_cell(checked, k, *portrait, furigana), _cell(checked, k, *landscape, furigana)) for k in range(len(checked.puzzles))]
        wide = sum(1 for p, l in cells if l > p * 1.02) > len(cells) / 2
        main, other = (landscape, portrait) if wide else (portrait, landscape)
        for index, (p, l) in enumerate(cells):
            here, there = (l, p) if wide else (p, l)
            size = other if there > here * NEEDS_TURN else main
            sheets.append(BoardSheet(index, size, size))
        return sheets
    for index, puzzle in enumerate(checked.puzzles):
        bw, bh = PAPER_MM[options.board_size]
        content = _best_orientation(checked, index, (bw * mm, bh * mm), furigana)
        # The paper turned whichever way needs fewer tiles.
        choices = []
        for landscape in (False, True):
            pw, ph = _oriented(paper, landscape)
            window = (pw - 2 * TILE_MARGIN, ph - 2 * TILE_MARGIN)
            cols, rows = _tiling(content, window)
            choices.append((cols * rows, landscape, (pw, ph), window, cols, rows))
        _, _, page, (ww, wh), cols, rows = min(choices, key=lambda t: (t[0], t[1]))
        # Centre the tiles' union on the board page.
        x0 = -(cols * (ww - OVERLAP) + OVERLAP - content[0]) / 2
        top0 = content[1] + (rows * (wh - OVERLAP) + OVERLAP - content[1]) / 2
        n = cols * rows
        for row in range(rows):
            for col in range(cols):
                x = x0 + col * (ww - OVERLAP)
                y = top0 - row * (wh - OVERLAP) - wh
                tile = Tile(row * cols + col + 1, n, col, row, cols, rows, (x, y, ww, wh))
                sheets.append(BoardSheet(index, page, content, tile))
    return sheets


# -- drawing ----------------------------------------------------------------


class _Painter:
    def __init__(self, checked: CheckedLesson, options: BuildOptions):
        self.checked = checked
        self.options = options
        self.lesson = checked.lesson
        self.ja = self.lesson.language == "ja"
        self.furigana = furigana_for(self.lesson, options)
        self.words = _WORDS["ja" if self.ja else "en"]
        self.drawing = drawing_for(checked.family.name)
        self.kana = not latin_ok(self.lesson)

    def content(self, c, index: int, w: float, h: float, *, text: bool = True) -> None:
        """The full board page: title (and task), the board, a legend.
        Tiled (``text`` False), the words are drawn by :meth:`tile` instead,
        where no glue strip or cut edge splits them."""
        puzzle = self.checked.puzzles[index]
        s = _scale(w, h)
        c.setFillColorRGB(0, 0, 0)
        if text:
            title, task = _heading(index, puzzle, w, h, self.furigana, self.lesson.language)
            y = draw_lines(c, title, MARGIN, h - MARGIN, TITLE_SIZE * s, True)
            draw_lines(c, task, MARGIN, y, TASK_SIZE * s)
        x, by, bw, bh = _content_box(index, puzzle, w, h, self.furigana, self.lesson.language)
        plan = self.drawing.plan_board(puzzle.world, x, by, bw, bh, kana=self.kana)
        self.drawing.draw_board(c, plan, color=self.options.color)
        if text:
            self._legend(c, plan, MARGIN, MARGIN, w - 2 * MARGIN, LEGEND_SIZE * s)

    def legend_parts(self, plan) -> list[tuple[str, str]]:
        kinds = [k for k in ("start", "goal", "wall", "obstacle", "item") if any(sq.kind == k for sq in getattr(plan, "squares", ()))]
        # The items are what the lesson says they are (どんぐり, berry).
        names = dict(self.words["legend"], item=tidy_text(self.lesson.item) if self.lesson.item else self.words["legend"]["item"])
        return [(k, plain_text(names[k])) for k in kinds]

    def _legend(self, c, plan, x: float, y: float, width: float, size: float, *, centre: bool = True) -> None:
        parts = self.legend_parts(plan)
        if not parts:
            return
        icon = size * 1.6
        gap = size * 1.5
        total = legend_width(parts, size)
        cx = x + (width - total) / 2 if centre else x
        c.setFont(font_name(True), size)
        for kind, text in parts:
            box = (cx, y, icon)
            c.setStrokeColorRGB(0, 0, 0)
            c.setLineWidth(0.8)
            c.rect(*box, icon, stroke=1, fill=0)
            if kind == "wall":
                icons.ICONS["wall"](c, cx, y, icon, color=self.options.color)
            else:
                inset = icon * 0.12
                icons.ICONS[kind](c, cx + inset, y + inset, icon - 2 * inset, color=self.options.color)
            c.setFillColorRGB(0, 0, 0)
            draw_string(c, cx + icon + size * 0.4, y + icon / 2 - size * 0.35, text)
            cx += icon + size * 0.4 + text_width(text, size, True) + gap

    def footer(self, c, sheet: BoardSheet, number: int, total: int, *, copies: bool = True) -> None:
        pw, _ = sheet.paper
        margin = TILE_MARGIN if sheet.tile else MARGIN
        y = margin * 0.35
        size = 7.5
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font_name(False), size)
        left = plain_text(self.lesson.title)
        if self.options.school:
            left = f"{self.options.school}   {left}"
        if sheet.tile is None:
            if copies:
                left += "   " + self.words["copies"].format(n=self.options.groups)
            draw_string(c, margin, y, left)
            draw_string(c, pw - margin, y, f"{number}/{total}", anchor="right")
        else:
            draw_string(c, pw - margin, y, f"{left}   {number}/{total}", anchor="right")

    def tile(self, c, sheet: BoardSheet) -> None:
        tile = sheet.tile
        assert tile is not None
        pw, ph = sheet.paper
        wx, wy, ww, wh = tile.window
        m = TILE_MARGIN
        c.saveState()
        p = c.beginPath()
        p.rect(m, m, ww, wh)
        c.clipPath(p, stroke=0, fill=0)
        c.translate(m - wx, m - wy)
        self.content(c, sheet.puzzle, *sheet.content, text=False)
        c.restoreState()
        self._tile_marks(c, sheet)
        self._tile_words(c, sheet)

    def _tile_words(self, c, sheet: BoardSheet) -> None:
        """Title, task and legend on the tile that holds their place on the
        board page, inside the part of it that stays visible."""
        words = plan_tile_words(self.checked, sheet, self.options)
        if words.heading is not None:
            title, task, size, (x, top, _, _) = words.heading
            c.setFillColorRGB(0, 0, 0)
            y = draw_lines(c, title, x, top, TITLE_SIZE * size, True)
            draw_lines(c, task, x, y, TASK_SIZE * size)
        if words.legend is not None:
            size, (x, y, w, _) = words.legend
            puzzle = self.checked.puzzles[sheet.puzzle]
            cw, ch = sheet.content
            bx, by, bw, bh = _content_box(sheet.puzzle, puzzle, cw, ch, self.furigana, self.lesson.language)
            plan = self.drawing.plan_board(puzzle.world, bx, by, bw, bh, kana=self.kana)
            self._legend(c, plan, x, y, w, size, centre=False)

    def _tile_marks(self, c, sheet: BoardSheet) -> None:
        tile = sheet.tile
        pw, ph = sheet.paper
        _, _, ww, wh = tile.window
        m, o = TILE_MARGIN, OVERLAP
        left, right, bottom, top = m, m + ww, m, m + wh
        c.saveState()
        c.setStrokeColorRGB(0, 0, 0)
        # Glue strips (right, bottom): hatched, labelled, edged by the line
        # the next tile's cut edge is laid on.
        strips = []
        if tile.right:
            strips.append(((right - o, bottom, o, wh), 90, (right - o, bottom, right - o, top)))
        if tile.bottom:
            strips.append(((left, bottom, ww, o), 0, (left, bottom + o, right, bottom + o)))
        for (x, y, w, h), angle, edge in strips:
            c.saveState()
            p = c.beginPath()
            p.rect(x, y, w, h)
            c.clipPath(p, stroke=0, fill=0)
            c.setFillColorRGB(1, 1, 1)
            c.rect(x, y, w, h, stroke=0, fill=1)
            c.setStrokeColorRGB(0.6, 0.6, 0.6)
            c.setLineWidth(0.6)
            k = -h
            while k < w:
                c.line(x + k, y, x + k + h, y + h)
                k += 3 * mm
            c.restoreState()
            c.setStrokeColorRGB(0, 0, 0)
            c.setLineWidth(1.2)
            c.line(*edge)
            self._strip_label(c, x, y, w, h, angle)
        # Cut edges (left, top): solid lines running off the page, to trim
        # along before laying this tile on its neighbour.
        c.setLineWidth(0.8)
        c.setDash()
        if tile.left:
            c.line(left, 0, left, ph)
            self._margin_text(c, self.words["cut"], left - m / 2, (bottom + top) / 2, 90)
        if tile.top:
            c.line(0, top, pw, top)
            self._margin_text(c, self.words["cut"], (left + right) / 2, top + m / 2, 0)
        # Crop marks at the window's corners, in the margin.
        c.setLineWidth(0.5)
        d = 4 * mm
        for cx, sx in ((left, -1), (right, 1)):
            for cy, sy in ((bottom, -1), (top, 1)):
                c.line(cx + sx * 1 * mm, cy, cx + sx * (1 * mm + d), cy)
                c.line(cx, cy + sy * 1 * mm, cx, cy + sy * (1 * mm + d))
        self._tile_label(c, sheet)
        c.restoreState()

    def _strip_label(self, c, x, y, w, h, angle) -> None:
        text = self.words["glue"]
        size = 9
        tw = text_width(text, size, True)
        c.saveState()
        c.translate(x + w / 2, y + h / 2)
        c.rotate(angle)
        c.setFillColorRGB(1, 1, 1)
        c.rect(-tw / 2 - 2, -size / 2 - 2, tw + 4, size + 4, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font_name(True), size)
        draw_string(c, 0, -size * 0.36, text, anchor="centre")
        c.restoreState()

    def _margin_text(self, c, text, x, y, angle) -> None:
        c.saveState()
        c.translate(x, y)
        c.rotate(angle)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font_name(True), 8)
        draw_string(c, 0, -3, text, anchor="centre")
        c.restoreState()

    def _tile_label(self, c, sheet: BoardSheet) -> None:
        """'はりあわせ 1/4 A1' and a little map of the tiles, this one filled."""
        tile = sheet.tile
        pw, ph = sheet.paper
        m = TILE_MARGIN
        size = 9
        name = f"{grid_drawing.column_mark(tile.col, self.kana)}{tile.row + 1}"
        text = self.words["tile"].format(k=tile.number, n=tile.count, name=name)
        cell = 3 * mm
        map_w, map_h = tile.cols * cell, tile.rows * cell
        y_top = m * 0.5 + map_h / 2 if map_h < m * 0.9 else m * 0.95
        x = m
        c.setLineWidth(0.5)
        for r in range(tile.rows):
            for col in range(tile.cols):
                filled = (r, col) == (tile.row, tile.col)
                c.setFillColorRGB(0, 0, 0)
                c.rect(x + col * cell, y_top - (r + 1) * cell, cell, cell, stroke=1, fill=1 if filled else 0)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font_name(True), size)
        title = plain_text(_title_text(sheet.puzzle, self.checked.puzzles[sheet.puzzle], self.lesson.language))
        draw_string(c, x + map_w + 2 * mm, y_top - min(map_h, m * 0.8) / 2 - size * 0.35, f"{text}   {title}")


def legend_width(parts: list[tuple[str, str]], size: float) -> float:
    icon, gap = size * 1.6, size * 1.5
    return sum(icon + size * 0.4 + text_width(t, size, True) for _, t in parts) + gap * (len(parts) - 1)


@dataclass(frozen=True)
class TileWords:
    """What a tile prints of the board page's words, in the tile's own page
    coordinates: ``heading`` (title lines, task lines, text scale, box) on the
    tile holding the page's top left, ``legend`` (size, box) on the one
    holding its bottom left; each box inside the tile's visible part."""

    heading: tuple | None
    legend: tuple[float, tuple[float, float, float, float]] | None
    visible: tuple[float, float, float, float]


def plan_tile_words(checked: CheckedLesson, sheet: BoardSheet, options: BuildOptions) -> TileWords:
    tile = sheet.tile
    assert tile is not None
    furigana = furigana_for(checked.lesson, options)
    puzzle = checked.puzzles[sheet.puzzle]
    cw, ch = sheet.content
    wx, wy, ww, wh = tile.window
    m = TILE_MARGIN
    # The part of the tile left showing: not the glue strips under the next tiles.
    vis = (m, m + (OVERLAP if tile.bottom else 0.0), ww - (OVERLAP if tile.right else 0.0) - 2 * mm, wh - (OVERLAP if tile.bottom else 0.0))
    dx, dy = m - wx, m - wy  # board page -> tile page
    s = _scale(cw, ch)
    x0 = max(MARGIN + dx, vis[0])
    width = vis[0] + vis[2] - x0
    heading = legend = None
    if tile.row == 0 and tile.col == 0 and width > 0:
        title_full, task_full = _heading(sheet.puzzle, puzzle, cw, ch, furigana, checked.lesson.language)
        band = sum(line.height for line in title_full) + sum(line.height for line in task_full)
        top = min(ch - MARGIN + dy, vis[1] + vis[3])
        for k in range(0, 11):
            f = s * (1 - 0.05 * k)
            title = layout_text(_title_text(sheet.puzzle, puzzle, checked.lesson.language), TITLE_SIZE * f, max_width=width, bold=True, furigana=furigana)
            task = layout_text(tidy_text(puzzle.spec.task), TASK_SIZE * f, max_width=width, furigana=furigana) if puzzle.spec.task else []
            used = sum(line.height for line in title) + sum(line.height for line in task)
            if used <= band + 0.01 or k == 10:
                break
        heading = (title, task, f, (x0, top, width, used))
    if tile.row == tile.rows - 1 and tile.col == 0 and width > 0:
        cx, cy, cbw, cbh = _content_box(sheet.puzzle, puzzle, cw, ch, furigana, checked.lesson.language)
        parts = _Painter(checked, options).legend_parts(drawing_for(checked.family.name).plan_board(puzzle.world, cx, cy, cbw, cbh, kana=not latin_ok(checked.lesson)))
        if parts:
            size = LEGEND_SIZE * s
            while legend_width(parts, size) > width and size > 6.0:
                size -= 0.5
            y = max(MARGIN + dy, vis[1])
            legend = (size, (x0, y, min(width, legend_width(parts, size)), size * 1.6))
    return TileWords(heading, legend, vis)


def check_board_pages(checked: CheckedLesson, sheets: list[BoardSheet], options: BuildOptions) -> None:
    """Raise LayoutError for the first board page whose board has no room or
    reaches outside the page's margins."""
    furigana = furigana_for(checked.lesson, options)
    drawing = drawing_for(checked.family.name)
    for number, sheet in enumerate(sheets, 1):
        w, h = sheet.content
        x, y, bw, bh = _content_box(sheet.puzzle, checked.puzzles[sheet.puzzle], w, h, furigana, checked.lesson.language)
        area = Rect(MARGIN, MARGIN, w - 2 * MARGIN, h - 2 * MARGIN)
        if bw <= 0 or bh <= 0:
            raise LayoutError(number, "the title and legend leave no room for the board")
        plan = drawing.plan_board(checked.puzzles[sheet.puzzle].world, x, y, bw, bh, kana=not latin_ok(checked.lesson))
        rect = Rect(plan.x, plan.y, plan.width, plan.height)
        if not area.contains(rect):
            raise LayoutError(number, describe_overflow(rect, area, "the board"))


def render_board(checked: CheckedLesson, options: BuildOptions) -> Rendered:
    """board.pdf for one lesson: each puzzle's board, one sheet or tiled.
    Raises LayoutError if a board would reach outside its page."""
    from lessonkit.render.fonts import latin_text

    with latin_text(checked.lesson.language == "en"):  # English: Latin text in the proportional face
        return _render_board(checked, options)


def _render_board(checked: CheckedLesson, options: BuildOptions) -> Rendered:
    sheets = plan_board_pages(checked, options)
    check_board_pages(checked, sheets, options)
    painter = _Painter(checked, options)
    lang = checked.lesson.language
    buf = io.BytesIO()
    c = make_canvas(buf, PAPER[options.paper], lang=lang, **document_meta("board_doc", checked.lesson.title, lang))
    for number, sheet in enumerate(sheets, 1):
        c.setPageSize(sheet.paper)
        if sheet.tile is None:
            painter.content(c, sheet.puzzle, *sheet.content)
        else:
            painter.tile(c, sheet)
        painter.footer(c, sheet, number, len(sheets))
        c.showPage()
    c.save()
    return Rendered(buf.getvalue(), len(sheets))
