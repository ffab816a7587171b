"""blackboard.pdf: the teacher's set for the board at the front of the class.

Every lesson's 準備 asks for enlarged cards and an enlarged board, so the kit
prints them: enough enlarged copies of each card to lay out on the blackboard
any program the lesson shows (:func:`enlarged_counts`), packed as many to a
sheet as fit with every label READABLE_LABEL or more, each in a slot with cut
lines; then each puzzle's board at A3 or larger (the build's ``--board-size``
when bigger), tiled on the chosen paper with board.pdf's glue strips and tile
maps.  The cards are as small as a readable label allows, so a program laid
under the enlarged board is near its scale (:func:`card_scale`).

As elsewhere the layout is data (:func:`plan_blackboard`), drawing the last
step; the card faces are cards.pdf's own, scaled (vector: they stay sharp),
without a group's mark (the set is the teacher's).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from reportlab.lib.units import mm

from lessonkit.check import CheckedLesson
from lessonkit.render.board import BoardSheet, _Painter, check_board_pages, plan_board_pages
from lessonkit.render.cards import INSET, Faces, card_labels, kit, lesson_grid
from lessonkit.render.fonts import draw_string, font_name
from lessonkit.render.options import PAPER_MM, BuildOptions
from lessonkit.render.pdf import PAPER, make_canvas
from lessonkit.render.page import LayoutError, Rendered
from lessonkit.render.words import document_meta, word
from lessonkit.spec.ruby import plain_text
from lessonkit.worlds.base import end_cards

MARGIN = 10 * mm
FOOTER = 7 * mm
READABLE_LABEL = 40.0  # points (14 mm): a card's label read from the back of a classroom
BOARD_AT_LEAST = "a3"


@dataclass(frozen=True)
class CardPlace:
    """One enlarged card: which, where (points, lower left of its face) and
    how much bigger than on cards.pdf."""

    name: str
    x: float
    y: float
    scale: float

    def label_size(self, labels) -> float:
        return labels[self.name].size * self.scale


@dataclass(frozen=True)
class CardSheet:
    paper: tuple[float, float]
    cards: tuple[CardPlace, ...]
    slots: tuple[tuple[float, float, float, float], ...] = ()  # each card's cut-out (x, y, w, h): cut along its edges


def board_size(options: BuildOptions) -> str:
    """The enlarged board's size: A3, or the build's board size when larger."""
    if options.board_size is not None and sorted(PAPER_MM[options.board_size]) > sorted(PAPER_MM[BOARD_AT_LEAST]):
        return options.board_size
    return BOARD_AT_LEAST


def enlarged_counts(checked: CheckedLesson) -> tuple[list[tuple[str, int]], bool]:
    """How many enlarged copies of each kit card the teacher needs, in the
    kit's order: enough to lay out on the blackboard any program the lesson
    shows (every puzzle's solution, alternatives and bug programs), End cards
    counted; one of each card at least.  The flag says whether programs of
    cards decided it (a family whose programs are not cards: one of each)."""
    names = [kc.info.name for kc in kit(checked.lesson, checked.family)]
    need = dict.fromkeys(names, 1)
    from_programs = False
    for puzzle in checked.puzzles:
        programs = [puzzle.solution] + [p for p, _ in puzzle.alternatives] + [b.program for b in puzzle.bugs]
        for program in programs:
            if not hasattr(program, "card_counts"):
                continue
            from_programs = True
            counts = dict(program.card_counts())
            ends = end_cards(counts)
            if ends:
                counts["end"] = ends
            for name in names:
                need[name] = max(need[name], counts.get(name, 0))
    return [(name, need[name]) for name in names], from_programs


def cards_not_enlarged(checked: CheckedLesson) -> list[str]:
    """The cards some program the lesson shows uses that a group's kit does
    not hold (so the blackboard set, made of the kit's cards, has none of
    them), in the order the programs first use them: the answer key's
    reading program of a binary 'read' puzzle uses たす and おもてか？ that
    the groups never lay."""
    names = {kc.info.name for kc in kit(checked.lesson, checked.family)}
    out: dict[str, None] = {}
    for puzzle in checked.puzzles:
        programs = [puzzle.solution] + [p for p, _ in puzzle.alternatives] + [b.program for b in puzzle.bugs]
        for program in programs:
            if not hasattr(program, "card_counts"):
                continue
            counts = dict(program.card_counts())
            if end_cards(counts):
                counts["end"] = 1
            out.update((name, None) for name in counts if name not in names)
    return list(out)


def _squares(checked: CheckedLesson, options: BuildOptions) -> list[tuple[float, float]]:
    """The smallest square (grid, graph paper) or card slot (a procedure's
    strip) of each puzzle's enlarged board, (w, h) in points; none for a
    board of another kind (a network, a rule board)."""
    from lessonkit.render.board import _content_box
    from lessonkit.render.options import furigana_for
    from lessonkit.render.worlds import drawing_for

    big, sheets = plan_boards(checked, options)
    drawing = drawing_for(checked.family.name)
    furigana = furigana_for(checked.lesson, big)
    out = []
    for index in sorted({s.puzzle for s in sheets}):
        content = next(s.content for s in sheets if s.puzzle == index)
        x, y, w, h = _content_box(index, checked.puzzles[index], *content, furigana, checked.lesson.language)
        plan = drawing.plan_board(checked.puzzles[index].world, x, y, w, h)
        if getattr(plan, "slots", None):
            out.append(min(((sw, sh) for _, _, sw, sh in plan.slots), key=lambda b: b[0] * b[1]))
        elif hasattr(plan, "rows") and hasattr(plan, "cols"):  # a board of squares
            out.append((plan.cell, plan.cell))
    return out


def card_scale(checked: CheckedLesson, options: BuildOptions) -> tuple[float, float]:
    """The enlarged cards' scale and the smallest that keeps every label
    READABLE_LABEL or more.

    The cards are as small as that allows (so that a program of them sits by
    the enlarged board at nearly its scale), unless a square or card slot of
    the enlarged board is bigger: then a card is the size of the smallest one
    (it lies in a procedure's slot, or on a square, exactly)."""
    grid = lesson_grid(checked, options)  # the pupils' card (its shape and labels), enlarged
    fw, fh = grid.w - 2 * INSET, grid.h - 2 * INSET
    labels = card_labels(checked, options)
    names = [kc.info.name for kc in kit(checked.lesson, checked.family)]
    least = min((labels[n].size for n in names), default=READABLE_LABEL)
    readable = READABLE_LABEL / least * (1 + 1e-9)
    fits_board = min((min(sw / fw, sh / fh) for sw, sh in _squares(checked, options)), default=0.0)
    return max(readable, fits_board), readable


def plan_cards(checked: CheckedLesson, options: BuildOptions) -> list[CardSheet]:
    """The enlarged cards, :func:`enlarged_counts` copies of each in the kit's
    order, at :func:`card_scale`, packed as many to a sheet as fit (the sheet
    turned whichever way holds more), each in a slot to cut out."""
    grid = lesson_grid(checked, options)  # the pupils' card (its shape and labels), enlarged
    face = (grid.w - 2 * INSET, grid.h - 2 * INSET)
    counts, _ = enlarged_counts(checked)
    if not counts:
        return []
    scale, _ = card_scale(checked, options)
    sw, sh = face[0] * scale + 2 * INSET, face[1] * scale + 2 * INSET
    short, long = sorted(PAPER[options.paper])
    choices = []
    for paper in ((short, long), (long, short)):
        cols = int((paper[0] - 2 * MARGIN + 1e-6) // sw)
        rows = int((paper[1] - 2 * MARGIN - FOOTER + 1e-6) // sh)
        choices.append((cols * rows, paper, cols, rows))
    per, paper, cols, rows = max(choices, key=lambda t: t[0])  # ties: portrait
    if per == 0:
        raise LayoutError(f"an enlarged card with its label at {READABLE_LABEL:g} pt ({sw / mm:.0f} × {sh / mm:.0f} mm) does not fit {options.paper.upper()} paper")
    cards = [name for name, n in counts for _ in range(n)]
    x0 = (paper[0] - cols * sw) / 2
    top = paper[1] - MARGIN - (paper[1] - 2 * MARGIN - FOOTER - rows * sh) / 2
    sheets: list[CardSheet] = []
    for k in range(0, len(cards), per):
        places, slots = [], []
        for j, name in enumerate(cards[k : k + per]):
            r, col = divmod(j, cols)
            x, y = x0 + col * sw, top - (r + 1) * sh
            slots.append((x, y, sw, sh))
            places.append(CardPlace(name, x + INSET, y + INSET, scale))
        sheets.append(CardSheet(paper, tuple(places), tuple(slots)))
    return sheets


def plan_boards(checked: CheckedLesson, options: BuildOptions) -> tuple[BuildOptions, list[BoardSheet]]:
    """Each puzzle's board at :func:`board_size`, tiled on ``options.paper``."""
    big = replace(options, board_size=board_size(options))
    return big, plan_board_pages(checked, big)


CUT_LINE = 0.5  # points: thin, but no hairline a stencil printer loses


def _cut_lines(c, slots) -> None:
    """Thin solid lines along every slot edge (shared edges once): one straight cut frees a card."""
    edges = set()
    for x, y, w, h in slots:
        for e in ((x, y, x + w, y), (x, y + h, x + w, y + h), (x, y, x, y + h), (x + w, y, x + w, y + h)):
            edges.add(tuple(round(v, 3) for v in e))
    c.saveState()
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(CUT_LINE)
    for e in sorted(edges):
        c.line(*e)
    c.restoreState()


def render_blackboard(checked: CheckedLesson, options: BuildOptions) -> Rendered:
    """blackboard.pdf: the enlarged cards, then the enlarged boards."""
    from lessonkit.render.fonts import latin_text

    with latin_text(checked.lesson.language == "en"):  # English: Latin text in the proportional face
        return _render_blackboard(checked, options)


def _render_blackboard(checked: CheckedLesson, options: BuildOptions) -> Rendered:
    lesson = checked.lesson
    lang = lesson.language
    card_sheets = plan_cards(checked, options)
    big, board_sheets = plan_boards(checked, options)
    check_board_pages(checked, board_sheets, big)
    total = len(card_sheets) + len(board_sheets)
    grid = lesson_grid(checked, options)  # the pupils' card (its shape and labels), enlarged
    fw, fh = grid.w - 2 * INSET, grid.h - 2 * INSET
    faces = Faces(checked, options)
    buf = io.BytesIO()
    c = make_canvas(buf, PAPER[options.paper], lang=lang, **document_meta("blackboard_doc", lesson.title, lang))
    title = plain_text(lesson.title)
    left = f"{options.school}   {title}" if options.school else title
    kind = word("blackboard_cards", lang)
    for number, sheet in enumerate(card_sheets, 1):
        c.setPageSize(sheet.paper)
        for place in sheet.cards:
            form = faces.face(c, "card", place.name, fw, fh)
            c.saveState()
            c.translate(place.x, place.y)
            c.scale(place.scale, place.scale)
            c.doForm(form)
            c.restoreState()
        _cut_lines(c, sheet.slots)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(font_name(False), 7.5)
        draw_string(c, MARGIN, MARGIN * 0.6, f"{left} — {kind}")
        draw_string(c, sheet.paper[0] - MARGIN, MARGIN * 0.6, f"{number}/{total}", anchor="right")
        c.showPage()
    painter = _Painter(checked, big)
    for number, sheet in enumerate(board_sheets, len(card_sheets) + 1):
        c.setPageSize(sheet.paper)
        if sheet.tile is None:
            painter.content(c, sheet.puzzle, *sheet.content)
        else:
            painter.tile(c, sheet)
        painter.footer(c, sheet, number, total, copies=False)
        c.showPage()
    c.save()
    return Rendered(buf.getvalue(), total)
