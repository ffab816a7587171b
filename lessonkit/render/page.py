"""Pages as data: placed text, boxes and drawings, a page frame, a flow and tables.

A document is planned first — every item with its position, in points from
the page's lower left corner — and drawn last by :func:`draw_pages`.  Plans
are plain values, so tests can check that nothing leaves the printable area
and that table rows never overlap, without reading a PDF.

Text items hold lines from :func:`lessonkit.render.text.layout_text`: lesson
text is data, drawn with ``drawString`` only, never parsed as markup.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from typing import Callable, Sequence, Union

from reportlab.lib.units import mm

from lessonkit.render.fonts import string_width, text_width
from lessonkit.render.pdf import PAPER, make_canvas
from lessonkit.render.text import DEFAULT_LEADING, Line, block_width, draw_lines, layout_text

EPS = 0.01  # points of slack when comparing positions

# -- geometry and items ------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    """x, y is the lower left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def contains(self, other: "Rect") -> bool:
        return (
            other.x >= self.x - EPS
            and other.y >= self.y - EPS
            and other.right <= self.right + EPS
            and other.top <= self.top + EPS
        )

    def overlaps(self, other: "Rect") -> bool:
        return (
            self.x < other.right - EPS
            and other.x < self.right - EPS
            and self.y < other.top - EPS
            and other.y < self.top - EPS
        )


@dataclass(frozen=True)
class TextItem:
    """Laid-out lines whose first line's top is at ``y_top``."""

    x: float
    y_top: float
    lines: tuple[Line, ...]
    size: float
    bold: bool = False
    leading: float = DEFAULT_LEADING
    align: str = "left"
    width: float | None = None  # the box that ``align`` places lines in
    role: str = "text"  # what the text is, for tests: "heading", "cell", "header", …

    @property
    def height(self) -> float:
        return sum(line.height for line in self.lines)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def rect(self) -> Rect:
        w = self.width if self.width is not None else block_width(self.lines)
        return Rect(self.x, self.y_top - self.height, w, self.height)


@dataclass(frozen=True)
class BoxItem:
    """A rectangle: ``stroke`` is its line width (0: none); ``fill`` a grey level."""

    x: float
    y: float
    w: float
    h: float
    stroke: float = 0.6
    fill: float | None = None
    dash: tuple[float, float] | None = None
    radius: float = 0.0
    role: str = "box"

    @property
    def rect(self) -> Rect:
        return Rect(self.x, self.y, self.w, self.h)


@dataclass(frozen=True)
class LineItem:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.6
    dash: tuple[float, float] | None = None
    grey: float = 0.0
    role: str = "line"

    @property
    def rect(self) -> Rect:
        return Rect(min(self.x1, self.x2), min(self.y1, self.y2), abs(self.x2 - self.x1), abs(self.y2 - self.y1))


@dataclass(frozen=True, eq=False)
class DrawItem:
    """Anything else (a board, an icon): its footprint and how to paint it."""

    rect: Rect
    paint: Callable[..., None]  # paint(canvas)
    role: str = "drawing"


Item = Union[TextItem, BoxItem, LineItem, DrawItem]


@dataclass
class Page:
    width: float
    height: float
    printable: Rect
    items: list[Item] = field(default_factory=list)
    label: str = ""  # e.g. the group letter on a worksheet page

    def add(self, item: Item) -> Item:
        self.items.append(item)
        return item

    def find(self, role: str) -> list[Item]:
        return [item for item in self.items if item.role == role]

    def overflowing(self) -> list[Item]:
        """Items reaching outside the printable area (should be none)."""
        return [item for item in self.items if not self.printable.contains(item.rect)]


# -- the page frame ----------------------------------------------------------

MARGIN = 12 * mm  # inside every school printer's unprintable edge
HEADER_SIZE = 7.5
FOOTER_SIZE = 7.5
HEADER_BAND = 16.0  # header text plus its rule and a gap
FOOTER_BAND = 14.0


@dataclass(frozen=True)
class Frame:
    """A paper's printable area and, inside it, the body between header and footer."""

    width: float
    height: float
    printable: Rect
    body: Rect


def frame_for(paper: str, landscape: bool = False) -> Frame:
    """The paper's frame, upright or (``landscape``) turned on its side."""
    width, height = PAPER[paper]
    if landscape:
        width, height = max(width, height), min(width, height)
    printable = Rect(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)
    body = Rect(printable.x, printable.y + FOOTER_BAND, printable.w, printable.h - HEADER_BAND - FOOTER_BAND)
    return Frame(width, height, printable, body)


def new_page(frame: Frame, label: str = "") -> Page:
    return Page(frame.width, frame.height, frame.printable, label=label)


def _one_line(text: str, size: float, width: float, bold: bool = False) -> tuple[Line, ...]:
    """``text`` on one line, shortened with … when wider than ``width``."""
    lines = layout_text(text, size, max_width=max(width, 1.0), bold=bold, furigana=False, leading=1.2)
    if len(lines) <= 1:
        return tuple(lines)
    # Only a prefix about a line long can fit: measure from there, not from
    # the whole text one character shorter each time (quadratic: a 20,000-
    # character title took 20 s in the running head alone).
    reach, end = 0.0, len(text)
    for i, ch in enumerate(text):
        reach += text_width(ch, size, bold)
        if reach > width + 1.0:
            end = i + 1
            break
    keep = text[:end]
    while keep and text_width(keep + "…", size, bold) > width:
        keep = keep[:-1]
    return tuple(layout_text(keep.rstrip() + "…", size, max_width=width * 2, bold=bold, furigana=False, leading=1.2))


RULE_MIN = 0.5  # points: the thinnest line a stencil printer keeps


def add_furniture(page: Page, frame: Frame, *, school: str, title: str, document: str, number: str, brand: bool = True) -> None:
    """The header line (school · title · document) and footer (``number`` ·
    lessonkit, unless ``brand`` is False: no Latin on pages for grades 1-2).

    ``title`` may hold furigana markup: the header prints the bases only, as
    a running head has no room for readings.
    """
    p = frame.printable
    top = p.top
    third = p.w / 3
    gap = 6.0
    doc_w = min(text_width(document, HEADER_SIZE, True) + 1, third)
    school_w = min(text_width(school, HEADER_SIZE) + 1, third) if school else 0.0
    title_w = p.w - doc_w - school_w - 2 * gap
    if school:
        page.add(TextItem(p.x, top, _one_line(school, HEADER_SIZE, school_w), HEADER_SIZE, leading=1.2, role="header"))
    page.add(TextItem(p.x + school_w + gap, top, _one_line(title, HEADER_SIZE, title_w), HEADER_SIZE, leading=1.2, align="center", width=title_w, role="header"))
    page.add(TextItem(p.right - doc_w, top, _one_line(document, HEADER_SIZE, doc_w, True), HEADER_SIZE, bold=True, leading=1.2, align="right", width=doc_w, role="header"))
    rule_y = top - HEADER_SIZE * 1.2 - 2
    page.add(LineItem(p.x, rule_y, p.right, rule_y, 0.5, role="header"))
    foot_h = FOOTER_SIZE * 1.2
    page.add(LineItem(p.x, p.y + foot_h + 2, p.right, p.y + foot_h + 2, RULE_MIN, grey=0.5, role="footer"))
    page.add(TextItem(p.x, p.y + foot_h, _one_line(number, FOOTER_SIZE, p.w / 2), FOOTER_SIZE, leading=1.2, align="center", width=p.w, role="footer"))
    if brand:
        page.add(TextItem(p.right - p.w / 4, p.y + foot_h, _one_line("lessonkit", FOOTER_SIZE, p.w / 4), FOOTER_SIZE, leading=1.2, align="right", width=p.w / 4, role="footer"))


# -- flowing content down pages ---------------------------------------------


class Flow:
    """A cursor running down the body of successive pages.

    ``start_page`` makes each new page (and may add items at its top);
    ``top`` is where content starts on it.  A held heading (:meth:`hold`)
    moves to the next page with whatever first breaks the page after it, so
    a heading never ends a page.
    """

    def __init__(self, frame: Frame, start_page: Callable[[Frame], tuple[Page, float]] | None = None):
        self.frame = frame
        self._start = start_page or (lambda f: (new_page(f), f.body.top))
        self.pages: list[Page] = []
        self.page: Page
        self.y: float = 0.0
        self.top: float = 0.0
        self._held: tuple[Page, int, float] | None = None  # page, first item, top
        self.break_page()

    @property
    def x(self) -> float:
        return self.frame.body.x

    @property
    def width(self) -> float:
        return self.frame.body.w

    @property
    def bottom(self) -> float:
        return self.frame.body.y

    @property
    def room(self) -> float:
        return self.y - self.bottom

    @property
    def at_top(self) -> bool:
        return self.y >= self.top - EPS

    def break_page(self) -> None:
        held, self._held = self._held, None
        old = self.page if self.pages else None
        page, top = self._start(self.frame)
        self.pages.append(page)
        self.page, self.y, self.top = page, top, top
        if held is None or held[0] is not old:
            return
        _, first, held_top = held
        if held_top >= self.top - EPS and not old.items[:first]:
            return  # the heading already starts its page: moving it would leave a blank one
        items = old.items[first:]
        del old.items[first:]
        bottom = min((it.rect.y for it in items), default=held_top)
        dy = top - held_top
        for item in items:
            page.add(_shifted(item, dy))
        self.y = top - (held_top - bottom) - self._held_gap

    def hold(self, first: int, top: float, gap: float = 0.0) -> None:
        """Keep the current page's items from index ``first`` (a heading whose
        top is ``top``) with what comes next: if the next block breaks the
        page, they move to the new page above it.  ``gap`` follows them."""
        self._held = (self.page, first, top)
        self._held_gap = gap

    def release(self) -> None:
        """Something was placed after the held heading: it stays where it is."""
        self._held = None

    def space(self, h: float) -> None:
        """Vertical space, dropped at a page top."""
        if not self.at_top:
            self.y = max(self.y - h, self.bottom)

    def reserve(self, h: float) -> float:
        """Make room for a block ``h`` tall (a new page if needed); return its top."""
        if h > self.room + EPS and not self.at_top:
            self.break_page()
        self.release()
        top = self.y
        self.y -= h
        return top

    def fresh_room(self) -> float:
        """The room on an empty page."""
        return self.top - self.bottom if self.pages else self.frame.body.h


def _shifted(item: Item, dy: float) -> Item:
    """``item`` moved up by ``dy`` points."""
    if isinstance(item, TextItem):
        return replace(item, y_top=item.y_top + dy)
    if isinstance(item, BoxItem):
        return replace(item, y=item.y + dy)
    if isinstance(item, LineItem):
        return replace(item, y1=item.y1 + dy, y2=item.y2 + dy)
    raise TypeError(f"cannot move a {type(item).__name__} with a held heading")


def add_text(flow: Flow, text: str, size: float, *, bold: bool = False, indent: float = 0.0, bullet: str | None = None, furigana: bool = True, leading: float = DEFAULT_LEADING, role: str = "text", keep: float = 0.0) -> None:
    """Lay ``text`` out at the flow's width and place it line by line.

    ``bullet`` is drawn hanging before the first line.  ``keep`` is room that
    must follow the first line on its page (keeps a heading with its text).
    """
    hang = text_width(bullet, size, bold) + size * 0.25 if bullet else 0.0
    width = flow.width - indent - hang
    lines = layout_text(text, size, max_width=width, bold=bold, furigana=furigana, leading=leading)
    for k, line in enumerate(lines):
        top = flow.reserve(line.height + (keep if k == 0 else 0.0))
        if k == 0 and keep:
            flow.y += keep
        x = flow.x + indent + hang
        flow.page.add(TextItem(x, top, (line,), size, bold, leading, role=role))
        if k == 0 and bullet:
            flow.page.add(_marker(bullet, flow.x + indent, top, line, size, bold, leading, role))


def _marker(bullet: str, x: float, top: float, line: Line, size: float, bold: bool, leading: float, role: str) -> TextItem:
    """A bullet on the baseline of ``line`` (which may be taller for its ruby)."""
    mark = layout_text(bullet, size, max_width=text_width(bullet, size, bold) + size, bold=bold, furigana=False, leading=leading)
    drop = line.height - mark[0].height
    return TextItem(x, top - drop, tuple(mark), size, bold, leading, role=role)


def stack(paras: Sequence["Para"], x: float, y_top: float, width: float, *, furigana: bool = True, leading: float = DEFAULT_LEADING, gap: float = 3.0, role: str = "text") -> tuple[list[Item], float]:
    """Paragraphs stacked in a column at (x, y_top): their items and total height.

    For blocks kept whole (an answer, a worksheet section): the caller
    measures first, then places.
    """
    items: list[Item] = []
    y = y_top
    for k, para in enumerate(paras):
        size = para.size or 10.0
        if k:
            y -= gap
        hang = text_width(para.bullet, size, para.bold) + size * 0.25 if para.bullet else 0.0
        lines = layout_text(para.text, size, max_width=max(width - hang - para.indent, size), bold=para.bold, furigana=furigana, leading=leading)
        for j, line in enumerate(lines):
            if para.align == "left":
                items.append(TextItem(x + para.indent + hang, y, (line,), size, para.bold, leading, role=role))
            else:
                items.append(TextItem(x, y, (line,), size, para.bold, leading, align=para.align, width=width, role=role))
            if j == 0 and para.bullet:
                items.append(_marker(para.bullet, x + para.indent, y, line, size, para.bold, leading, role))
            y -= line.height
    return items, y_top - y


# -- tables ------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """One paragraph in a table cell; ``bullet`` hangs before its first line."""

    text: str
    bold: bool = False
    bullet: str | None = None
    size: float | None = None  # None: the table's size
    align: str = "left"
    indent: float = 0.0  # used by stack(), not in table cells


CellValue = Union[str, Para, Sequence[Para]]


@dataclass(frozen=True)
class Row:
    """A table row.  A ``band`` row has one cell spanning every column."""

    cells: tuple[CellValue, ...]
    band: bool = False
    fill: float | None = None
    keep_with_next: bool = False


@dataclass(frozen=True)
class TableStyle:
    size: float = 9.0
    leading: float = 1.45
    padding: float = 4.0
    para_gap: float = 2.5
    rule: float = 0.6
    header_fill: float = 0.85
    furigana: bool = True
    header_bold: bool = True


@dataclass(frozen=True)
class CellLine:
    dx: float  # from the cell's text start
    line: Line
    size: float
    bold: bool
    gap_before: float = 0.0
    align: str = "left"
    marker: str | None = None  # a bullet hanging before this line


@dataclass(frozen=True)
class MeasuredRow:
    cells: tuple[tuple[CellLine, ...], ...]
    widths: tuple[float, ...]
    band: bool
    fill: float | None
    keep_with_next: bool
    padding: float

    @property
    def height(self) -> float:
        return max((_cell_height(c) for c in self.cells), default=0.0) + 2 * self.padding


def _cell_height(lines: Sequence[CellLine]) -> float:
    return sum(cl.gap_before + cl.line.height for cl in lines)


def _paras(value: CellValue) -> Sequence[Para]:
    if isinstance(value, str):
        return (Para(value),)
    if isinstance(value, Para):
        return (value,)
    return value


def measure_row(row: Row, widths: Sequence[float], style: TableStyle, *, header: bool = False) -> MeasuredRow:
    """Lay out every cell of ``row`` in its column."""
    spans = (sum(widths),) if row.band else tuple(widths)
    if len(row.cells) != len(spans):
        raise ValueError(f"row has {len(row.cells)} cells; expected {len(spans)}")
    cells = []
    for value, width in zip(row.cells, spans):
        out: list[CellLine] = []
        inner = width - 2 * style.padding
        for k, para in enumerate(_paras(value)):
            size = para.size or style.size
            bold = para.bold or (header and style.header_bold)
            hang = text_width(para.bullet, size, bold) + size * 0.2 if para.bullet else 0.0
            lines = layout_text(para.text, size, max_width=max(inner - hang, size), bold=bold, furigana=style.furigana, leading=style.leading)
            for j, line in enumerate(lines):
                gap = style.para_gap if (j == 0 and k > 0) else 0.0
                marker = para.bullet if j == 0 else None
                out.append(CellLine(hang, line, size, bold, gap, para.align, marker))
        cells.append(tuple(out))
    return MeasuredRow(tuple(cells), spans, row.band, row.fill, row.keep_with_next, style.padding)


def _split_cell(lines: Sequence[CellLine], room: float) -> tuple[tuple[CellLine, ...], tuple[CellLine, ...]]:
    used = 0.0
    for k, cl in enumerate(lines):
        h = cl.gap_before + cl.line.height
        if used + h > room + EPS and k > 0:
            rest = list(lines[k:])
            rest[0] = replace(rest[0], gap_before=0.0)
            return tuple(lines[:k]), tuple(rest)
        used += h
    return tuple(lines), ()


def split_row(row: MeasuredRow, room: float) -> tuple[MeasuredRow, MeasuredRow | None]:
    """Split a row too tall for ``room`` between its lines (cells split alike)."""
    inner = room - 2 * row.padding
    heads, tails = [], []
    for cell in row.cells:
        head, tail = _split_cell(cell, inner)
        heads.append(head)
        tails.append(tail)
    head = replace(row, cells=tuple(heads), keep_with_next=False)
    if not any(tails):
        return head, None
    return head, replace(row, cells=tuple(tails))


def place_row(page: Page, row: MeasuredRow, x: float, y_top: float, style: TableStyle, *, role: str = "cell", height: float | None = None) -> Rect:
    """Add a measured row's boxes and text to ``page``; return its rectangle."""
    h = row.height if height is None else height
    cx = x
    for lines, width in zip(row.cells, row.widths):
        page.add(BoxItem(cx, y_top - h, width, h, style.rule, row.fill, role=role + "-box"))
        y = y_top - row.padding
        for cl in lines:
            y -= cl.gap_before
            tx = cx + row.padding + cl.dx
            inner = width - 2 * row.padding - cl.dx
            if cl.marker:
                page.add(_marker(cl.marker, cx + row.padding, y, cl.line, cl.size, cl.bold, style.leading, role))
            page.add(TextItem(tx, y, (cl.line,), cl.size, cl.bold, style.leading, align=cl.align, width=inner if cl.align != "left" else None, role=role))
            y -= cl.line.height
        cx += width
    return Rect(x, y_top - h, sum(row.widths), h)


def add_table(flow: Flow, widths: Sequence[float], header: Row | None, rows: Sequence[Row], style: TableStyle, *, continued: Callable[[MeasuredRow], Row | None] | None = None) -> list[tuple[Page, Rect]]:
    """Place a table in the flow, splitting it between rows (or, for a row
    taller than a page, between lines), repeating the header on every page.

    ``continued`` may give a band row to repeat after the header when a page
    starts inside a group (e.g. "展開（つづき）").  Returns every placed row
    rectangle with its page, header rows included, for checking.
    """
    x = flow.x
    head = measure_row(header, widths, style, header=True) if header else None
    head_fill = replace(head, fill=style.header_fill) if head else None
    measured = [measure_row(r, widths, style) for r in rows]
    placed: list[tuple[Page, Rect]] = []
    last_band: MeasuredRow | None = None
    body_rows = 0  # rows placed on this page below the header

    def put(row: MeasuredRow, role: str) -> None:
        if role != "table-header":
            flow.release()
        rect = place_row(flow.page, row, x, flow.y, style, role=role)
        flow.y -= row.height
        placed.append((flow.page, rect))

    def start_page() -> None:
        nonlocal body_rows
        body_rows = 0
        if head_fill is not None:
            put(head_fill, "table-header")
        # Repeat the phase's band only when a row of that phase follows it here.
        if last_band is not None and continued is not None and i < len(measured) and not measured[i].band:
            band = continued(last_band)
            if band is not None:
                put(measure_row(band, widths, style), "band")

    first_need = (head.height if head else 0.0) + (measured[0].height if measured else 0.0)
    if measured and measured[0].keep_with_next and len(measured) > 1:
        first_need += measured[1].height
    first_need = min(first_need, flow.fresh_room())
    if first_need > flow.room + EPS and not flow.at_top:
        flow.break_page()
    i = 0  # the next row to place (start_page looks at it)
    start_page()
    while i < len(measured):
        row = measured[i]
        need = row.height
        if row.keep_with_next and i + 1 < len(measured):
            # A band keeps its first row with it, unless that row needs a page of its own.
            need += min(measured[i + 1].height, flow.fresh_room() - (head.height if head else 0.0) - row.height)
        if need > flow.room + EPS:
            if body_rows > 0:
                flow.break_page()
                start_page()
                continue
            # Even a page holding only the header cannot take it: split between lines.
            first, rest = split_row(row, flow.room)
            put(first, "band" if row.band else "cell")
            if rest is None:
                i += 1
                body_rows += 1
            else:
                measured[i] = rest
                flow.break_page()
                start_page()
            continue
        put(row, "band" if row.band else "cell")
        body_rows += 1
        if row.band:
            last_band = row
        i += 1
    return placed


# -- checking and drawing ----------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """A drawn document: the PDF's bytes and its page count (known from the plan)."""

    data: bytes
    pages: int


class LayoutError(ValueError):
    """A planned page holds something outside its printable area.

    Raised instead of drawing it: a kit must never print off the paper.
    """

    def __init__(self, page: int, what: str):
        self.page = page
        self.what = what
        super().__init__(f"page {page} overflows the printable area: {what}")


def describe_overflow(item_rect: Rect, area: Rect, what: str) -> str:
    """'<what> reaches 12 mm below the bottom edge' (the largest excess)."""
    excess = {
        "below the bottom edge": area.y - item_rect.y,
        "above the top edge": item_rect.top - area.top,
        "past the left edge": area.x - item_rect.x,
        "past the right edge": item_rect.right - area.right,
    }
    where, by = max(excess.items(), key=lambda kv: kv[1])
    return f"{what} reaches {by / mm:.0f} mm {where}"


def _item_name(item: Item) -> str:
    kind = "text" if isinstance(item, TextItem) else "box" if isinstance(item, BoxItem) else "line" if isinstance(item, LineItem) else "drawing"
    name = f"{item.role} {kind}" if item.role != kind else kind
    if isinstance(item, TextItem):
        text = item.text.replace("\n", " ")
        name += f" '{text[:30]}{'…' if len(text) > 30 else ''}'"
    return name


def check_pages(pages: Sequence[Page]) -> None:
    """Raise LayoutError for the first page with an item outside its printable area."""
    for number, page in enumerate(pages, 1):
        bad = page.overflowing()
        if bad:
            worst = max(bad, key=lambda it: max(page.printable.y - it.rect.y, it.rect.top - page.printable.top, page.printable.x - it.rect.x, it.rect.right - page.printable.right))
            what = describe_overflow(worst.rect, page.printable, _item_name(worst))
            if len(bad) > 1:
                what += f" (and {len(bad) - 1} more item{'s' if len(bad) > 2 else ''})"
            raise LayoutError(number, what)


def draw_item(canvas, item: Item) -> None:
    if isinstance(item, TextItem):
        canvas.setFillColorRGB(0, 0, 0)
        draw_lines(canvas, item.lines, item.x, item.y_top, item.size, item.bold, item.leading, align=item.align, width=item.width)
    elif isinstance(item, BoxItem):
        canvas.saveState()
        canvas.setLineWidth(item.stroke)
        if item.dash:
            canvas.setDash(*item.dash)
        if item.fill is not None:
            canvas.setFillGray(item.fill)
        stroke = 1 if item.stroke > 0 else 0
        fill = 1 if item.fill is not None else 0
        if item.radius:
            canvas.roundRect(item.x, item.y, item.w, item.h, item.radius, stroke=stroke, fill=fill)
        else:
            canvas.rect(item.x, item.y, item.w, item.h, stroke=stroke, fill=fill)
        canvas.restoreState()
    elif isinstance(item, LineItem):
        canvas.saveState()
        canvas.setLineWidth(item.width)
        canvas.setStrokeGray(item.grey)
        if item.dash:
            canvas.setDash(*item.dash)
        canvas.line(item.x1, item.y1, item.x2, item.y2)
        canvas.restoreState()
    else:
        canvas.saveState()
        item.paint(canvas)
        canvas.restoreState()


def draw_pages(pages: Sequence[Page], paper: str, *, title: str, subject: str, lang: str) -> Rendered:
    """Draw planned pages into a PDF.  Raises LayoutError, drawing nothing,
    when any item reaches outside its page's printable area."""
    check_pages(pages)
    buffer = io.BytesIO()
    canvas = make_canvas(buffer, PAPER[paper], title=title, subject=subject, lang=lang)
    size = tuple(PAPER[paper])
    for page in pages:
        if (page.width, page.height) != size:  # a page of its own size (a landscape 板書計画)
            size = (page.width, page.height)
            canvas.setPageSize(size)
        # Fills first, so rules and text are never hidden under a later fill.
        for item in sorted(page.items, key=lambda it: 0 if isinstance(it, BoxItem) and it.fill is not None else 1):
            draw_item(canvas, item)
        canvas.showPage()
    canvas.save()
    return Rendered(buffer.getvalue(), len(pages))
