"""blackboard.pdf: the teacher's set for the board at the front of the class.

Every lesson's 準備 asks for enlarged cards and an enlarged board, so the kit
prints them: each card of the palette (one of each kind in a group's kit)
enlarged to fill a page, or two to a page when the label stays big enough to
read from the back of a classroom; then each puzzle's board at A3 or larger
(the build's ``--board-size`` when bigger), tiled on the chosen paper with
board.pdf's glue strips and tile maps.

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
from lessonkit.render.cards import INSET, Faces, card_grid, card_labels, kit
from lessonkit.render.fonts import draw_string, font_name
from lessonkit.render.options import PAPER_MM, BuildOptions
from lessonkit.render.pdf import PAPER, make_canvas
from lessonkit.render.page import Rendered
from lessonkit.render.words import document_meta, word
from lessonkit.spec.ruby import plain_text

MARGIN = 10 * mm
FOOTER = 7 * mm
READABLE_LABEL = 40.0  # points (14 mm): a card's label read from the back of a classroom
BOARD_AT_LEAST = "a3"


@dataclass(frozen=True)
class CardPlace:
    """One enlarged card: which, where (points, lower left) and how much
    bigger than on cards.pdf."""

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


def board_size(options: BuildOptions) -> str:
    """The enlarged board's size: A3, or the build's board size when larger."""
    if options.board_size is not None and sorted(PAPER_MM[options.board_size]) > sorted(PAPER_MM[BOARD_AT_LEAST]):
        return options.board_size
    return BOARD_AT_LEAST


def _fit(face: tuple[float, float], box: tuple[float, float]) -> float:
    return min(box[0] / face[0], box[1] / face[1])


def plan_cards(checked: CheckedLesson, options: BuildOptions) -> list[CardSheet]:
    """The palette, enlarged: two cards side by side on a landscape sheet
    when their labels stay READABLE_LABEL or more, else one to a portrait sheet."""
    grid = card_grid(options.paper)
    face = (grid.w - 2 * INSET, grid.h - 2 * INSET)
    labels = card_labels(checked, options)
    names = [kc.info.name for kc in kit(checked.lesson, checked.family)]
    if not names:
        return []
    short, long = sorted(PAPER[options.paper])
    least = min(labels[n].size for n in names)
    # Two to a landscape sheet.
    half = ((long - 3 * MARGIN) / 2, short - 2 * MARGIN - FOOTER)
    two = _fit(face, half)
    sheets: list[CardSheet] = []
    if least * two >= READABLE_LABEL:
        paper = (long, short)
        w, h = face[0] * two, face[1] * two
        for k in range(0, len(names), 2):
            pair = names[k : k + 2]
            places = []
            for j, name in enumerate(pair):
                cx = MARGIN + j * (half[0] + MARGIN) + (half[0] - w) / 2
                places.append(CardPlace(name, cx, MARGIN + FOOTER + (half[1] - h) / 2, two))
            sheets.append(CardSheet(paper, tuple(places)))
        return sheets
    whole = (short - 2 * MARGIN, long - 2 * MARGIN - FOOTER)
    one = _fit(face, whole)
    w, h = face[0] * one, face[1] * one
    for name in names:
        sheets.append(CardSheet((short, long), (CardPlace(name, (short - w) / 2, MARGIN + FOOTER + (whole[1] - h) / 2, one),)))
    return sheets


def plan_boards(checked: CheckedLesson, options: BuildOptions) -> tuple[BuildOptions, list[BoardSheet]]:
    """Each puzzle's board at :func:`board_size`, tiled on ``options.paper``."""
    big = replace(options, board_size=board_size(options))
    return big, plan_board_pages(checked, big)


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
    grid = card_grid(options.paper)
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
