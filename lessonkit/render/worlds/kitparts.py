"""Pieces the sorting-network, binary and conditionals kits share: a row of
labelled write-in boxes for a worksheet, and an answer-key section (title,
lines, a table) in a flow.  Everything printed about a run comes from the
check's analysis of it."""

from __future__ import annotations

from lessonkit.render.page import BoxItem, Para, Row, TableStyle, TextItem, add_table, add_text, stack
from lessonkit.render.text import layout_text
from lessonkit.render.words import puzzle_name

BOX = 30.0  # a write-in box, points


def label(text: str, x: float, y_top: float, size: float, width: float, *, bold: bool = False, furigana=True, role: str = "text") -> tuple[TextItem, float, float]:
    """A text item; returns it with its width and height."""
    lines = tuple(layout_text(text, size, max_width=width, bold=bold, furigana=furigana, leading=1.3))
    item = TextItem(x, y_top, lines, size, bold, 1.3, role=role)
    return item, max(line.width for line in lines), sum(line.height for line in lines)


def box_row(captions: list[str], x: float, y_top: float, width: float, size: float, *, box_w: float = BOX, box_h: float = BOX, furigana=True, role: str = "write-box") -> tuple[list, float]:
    """Captions over empty boxes, left to right, wrapping to more rows."""
    items: list = []
    cell = max(box_w, max((label(c, 0, 0, size, width)[1] for c in captions), default=0.0)) + 6
    per_row = max(1, int(width // cell))
    y = y_top
    for k in range(0, len(captions), per_row):
        row = captions[k:k + per_row]
        caption_h = 0.0
        for j, text in enumerate(row):
            item, w, h = label(text, x + j * cell, y, size, cell - 4, furigana=furigana, role="box-caption")
            items.append(item)
            caption_h = max(caption_h, h)
        for j in range(len(row)):
            items.append(BoxItem(x + j * cell, y - caption_h - 2 - box_h, box_w, box_h, 1.0, role=role))
        y -= caption_h + 2 + box_h + 6
    return items, y_top - y


def heading(text: str, help_text: str, x: float, y_top: float, width: float, sz, furigana) -> tuple[list, float]:
    paras = [Para(text, bold=True, size=sz.heading)]
    if help_text:
        paras.append(Para(help_text, size=sz.small))
    return stack(paras, x, y_top, width, furigana=furigana, gap=1.0, role="heading")


def answer_title(flow, index: int, puzzle, lang: str, size: float) -> None:
    name = puzzle_name(puzzle.spec, lang, pupils=False)
    title = f"パズル{index + 1}　{name}" if lang == "ja" else f"Puzzle {index + 1}: {name}"
    flow.space(8)
    add_text(flow, title, size + 1, bold=True, furigana=False, role="answer-title")
    flow.space(2)


def lines(flow, texts: list[str], size: float) -> None:
    for text in texts:
        add_text(flow, text, size, furigana=False, role="answer-line")
        flow.space(1)


def table(flow, header: list[str], rows: list[list[str]], size: float, first: float = 0.14) -> None:
    """A table whose first column is ``first`` of the width, the rest shared."""
    n = len(header)
    w = flow.width
    head_w = w * first
    rest = (w - head_w) / max(1, n - 1)
    widths = (head_w,) + (rest,) * (n - 1)
    add_table(flow, widths, Row(tuple(header)), [Row(tuple(r)) for r in rows], TableStyle(size=size, furigana=False, padding=2.5))
    flow.space(4)
