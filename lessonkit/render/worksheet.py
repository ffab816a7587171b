"""worksheet.pdf: one set of sheets per group, for the children to write on.

Each group's sheets carry its letter, big, in the corner of every page.  The
first sheet starts with the roles and blank lines for names (never filled
in: lessonkit neither asks for nor stores pupils' names); then each puzzle,
whole on one page: title and task, the board (no path), numbered slots to
write or lay the program in, and the run record — numbered step boxes to
tick, and where it went wrong.  The last sheet ends with the reflection
question and lines to write on.  Type is large: 14 pt for grades 1–2.

:func:`plan_worksheet` computes the pages as data; :func:`render_worksheet`
draws them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

from lessonkit.check import CheckedLesson, CheckedPuzzle
from lessonkit.render.options import BuildOptions, furigana_for, group_marks, latin_ok, pupils
from lessonkit.render.page import (
    EPS,
    BoxItem,
    DrawItem,
    Frame,
    Item,
    LineItem,
    Page,
    Para,
    Rect,
    Rendered,
    TextItem,
    add_furniture,
    draw_pages,
    frame_for,
    new_page,
    stack,
)
from lessonkit.render.fonts import string_width
from lessonkit.render.programs import CardToken, card_info, paint_token, program_rows
from lessonkit.render.rules import pupil_rules
from lessonkit.render.text import layout_text
from lessonkit.render.words import document_meta, group_name, puzzle_name, tidy_text, word
from lessonkit.render.worlds import drawing_for, hook
from lessonkit.spec.models import KNOWN_ROLES, Role
from lessonkit.spec.ruby import plain_text
from lessonkit.worlds.base import end_cards

SLOT_W, SLOT_H = 54.0, 40.0  # a program slot: room for a child's "まえ"
STEP_BOX = 26.0  # a run-record box to tick
GAP = 6.0
SECTION_GAP = 14.0
LETTER_BOX = 58.0
BAND = LETTER_BOX + 8.0  # the top band: lesson title and the group letter
WRITE_PITCH = 30.0  # ruled lines for handwriting
REFLECTION_LINES = 4
MIN_BOARD = 130.0  # a board sharing its page with another puzzle
SHARED_CELL = 18.0  # squares of a board sharing its page with the roles or reflection (6 mm)
MAX_BOARD = 260.0
GROWN_CELL = 64.0  # squares of a board grown into its sheet's spare room (on A4)
MIN_CELL = 14.0  # a board square pupils can still read and point at (5 mm)
STEP_CAP = 60  # numbered run-record boxes; a longer run gets "step ___" fields
STEP_FIELDS = 8  # the "step ___" fields after the capped boxes


@dataclass(frozen=True)
class Sizes:
    body: float
    heading: float
    title: float
    small: float


PUPIL_MIN = {1: 14.0, 2: 14.0}  # the least size of pupils' text by grade; 11 pt above
NUMBER_SIZE = 10.0  # numbers in the corners of slots and boxes, as board coordinates


def pupil_min(grades) -> float:
    return PUPIL_MIN.get(min(grades), 11.0)


def sizes_for(grades: tuple[int, ...], scale: float = 1.0) -> Sizes:
    """Large type for young readers: 14 pt body for grades 1–2, 13 for 3–4,
    12 above; help lines 2 pt smaller, but never under the grade's least
    size (14 pt for grades 1–2, 11 pt above).  ``scale`` (bigger paper)
    enlarges them all, in half points."""
    youngest = min(grades)
    body = 14.0 if youngest <= 2 else 13.0 if youngest <= 4 else 12.0
    base = Sizes(body, body + 2, body + 4, max(body - 2, pupil_min(grades)))
    return Sizes(*(round(v * scale * 2) / 2 for v in (base.body, base.heading, base.title, base.small)))


def paper_scale(width: float, height: float | None = None) -> float:
    """How much bigger than on A4 a page body ``width`` wide (and ``height``
    tall) prints: bigger paper gives bigger boards and text, not blank
    space.  A sheet wider but shorter than A4 (Letter) is not bigger: its
    text stays A4's, or a puzzle that fits A4 would not fit it."""
    a4 = frame_for("a4").body
    return max(1.0, min(width / a4.w, (height if height is not None else a4.h * width / a4.w) / a4.h))


Builder = Callable[[float, float, float], tuple[list[Item], float]]  # (x, y_top, width) -> items, height


def _spare(need: int) -> int:
    return max(2, min(6, math.ceil(need * 0.25)))


def _cards_laid(program) -> int:
    counts = program.card_counts()
    return len(program) + end_cards(counts)


def slot_count(puzzle: CheckedPuzzle) -> int:
    """Program slots: the longest worked answer (solution or alternative, with
    its end cards) plus a few spare, but no more than the puzzle's
    ``max_cards``.  Not the solver's shortest plain row: in
    a lesson on loops or branching that row is the one pupils should not write."""
    need = max([_cards_laid(puzzle.solution)] + [_cards_laid(p) for p, _ in puzzle.alternatives])
    limit = puzzle.spec.max_cards  # no more slots than cards a program may take
    return min(need + _spare(need), max(need, limit)) if limit is not None else need + _spare(need)


BLOCK_CARDS = ("repeat", "repeat_until", "if", "else", "function", "call")
INDENT = 14.0  # one step in, as a block's inside is laid
NESTED_SLOT_W, NESTED_SLOT_H = 46.0, 30.0  # room for a child's "ひだり" (16 mm)


@dataclass(frozen=True)
class NestedArea:
    lines: int  # lines to write cards on
    depth: int  # the deepest nesting a worked answer lays (guide columns per line)


def nested_area(checked: CheckedLesson, puzzle: CheckedPuzzle) -> NestedArea | None:
    """The program area of a puzzle whose worked answers nest (a repeat, an
    if or a function), written as the cards are laid, the inside one step
    in: as many lines as the longest answer lays rows, and one more.  None
    for plain sequences, whose area stays a flat row of boxes."""
    programs = [puzzle.solution] + [p for p, _ in puzzle.alternatives]
    if not any(name in BLOCK_CARDS for program in programs for name in program.card_counts()):
        return None
    layouts = [program_rows(program, checked.family, checked.lesson.language) for program in programs]
    rows = max(len(rows) for rows in layouts)
    depth = max(row.depth for rows in layouts for row in rows)
    return NestedArea(rows + 1, max(1, depth))


def _block_label(checked: CheckedLesson, puzzle: CheckedPuzzle) -> str:
    """The printed label of the first block card this puzzle's answers lay (a
    nested area's help names a card the group holds, not always 'repeat')."""
    used: set[str] = set()
    for program in [puzzle.solution] + [p for p, _ in puzzle.alternatives]:
        used.update(program.card_counts())
    name = next(name for name in BLOCK_CARDS if name in used)
    info = card_info(checked.family, name)
    label = info.label_ja if checked.lesson.language == "ja" else info.label_en
    return plain_text(label)


def _nested_slots(area: NestedArea, x: float, y_top: float, width: float) -> tuple[list[Item], float]:
    """Numbered lines in two columns (down the left, then the right), each
    line some slots after ``area.depth`` dashed guide columns: an outer
    card goes at the left, a block's inside one step in for each block."""
    items: list[Item] = []
    number_w = NUMBER_SIZE * 1.6
    start = number_w + area.depth * INDENT
    # As many columns as still give a line two slots (most rows of a laid
    # program hold one or two cards; a longer row goes on on the next line).
    columns = max(1, min(3, int((width + 2 * GAP) // (start + 2 * (NESTED_SLOT_W + GAP) + 2 * GAP))))
    col_w = (width - (columns - 1) * 2 * GAP) / columns
    per_line = max(1, int((col_w - start + GAP) // (NESTED_SLOT_W + GAP)))
    down = math.ceil(area.lines / columns)
    pitch = NESTED_SLOT_H + GAP
    for line in range(area.lines):
        col, row = divmod(line, down)
        lx = x + col * (col_w + 2 * GAP)
        top = y_top - row * pitch
        by = top - NESTED_SLOT_H
        num = tuple(layout_text(str(line + 1), NUMBER_SIZE, max_width=number_w, bold=True, furigana=False, leading=1.2))
        items.append(TextItem(lx, top - (NESTED_SLOT_H - num[0].height) / 2, num, NUMBER_SIZE, True, 1.2, role="slot-number"))
        for d in range(area.depth):
            items.append(BoxItem(lx + number_w + d * INDENT, by, INDENT - 3, NESTED_SLOT_H, 0.6, dash=(2, 2), role="indent-guide"))
        for k in range(per_line):
            items.append(BoxItem(lx + start + k * (NESTED_SLOT_W + GAP), by, NESTED_SLOT_W, NESTED_SLOT_H, 1.0, role="slot"))
    return items, down * pitch - GAP


def step_count(puzzle: CheckedPuzzle) -> int:
    """Run-record boxes: the solution's steps plus a few spare."""
    need = len(puzzle.trace.steps)
    return need + _spare(need)


def step_boxes(puzzle: CheckedPuzzle) -> int:
    """Numbered run-record boxes printed: at most STEP_CAP."""
    return min(step_count(puzzle), STEP_CAP)


def step_box(n: int) -> float:
    """Smaller tick boxes for a long run, so the record stays a few rows."""
    return STEP_BOX if n <= 36 else 20.0


def _numbered_boxes(n: int, x: float, y_top: float, width: float, w: float, h: float, label_size: float, *, role: str, label_inside: bool) -> tuple[list[Item], float]:
    """``n`` numbered boxes in rows; the number sits in the box's corner or above it."""
    items: list[Item] = []
    per_row = max(1, int((width + GAP) // (w + GAP)))
    above = 0.0 if label_inside else label_size * 1.25
    y = y_top
    for k in range(n):
        col = k % per_row
        if col == 0 and k:
            y -= above + h + GAP
        bx = x + col * (w + GAP)
        by = y - above - h
        items.append(BoxItem(bx, by, w, h, 1.0, role=role))
        text = str(k + 1)
        lines = tuple(layout_text(text, label_size, max_width=w, bold=True, furigana=False, leading=1.2))
        if label_inside:
            items.append(TextItem(bx + 3, by + h - 2, lines, label_size, True, 1.2, role=role + "-number"))
        else:
            items.append(TextItem(bx, y, lines, label_size, True, 1.2, align="center", width=w, role=role + "-number"))
    rows = math.ceil(n / per_row) if n else 0
    return items, rows * (above + h) + max(0, rows - 1) * GAP


TRIES = 3  # rows of the run record: a group runs, fixes and runs again


RECORD_SQUEEZE = 0.85  # a run-record cell may narrow this much to save a band


def record_cell(n: int, width: float, sz: Sizes) -> float:
    """A run-record cell's side for ``n`` steps in a band ``width`` wide:
    room for a child's ○ or ×; a little narrower (to RECORD_SQUEEZE, never
    under 14 pt or the grade's text) when that takes a band off the record,
    rather than a band of three tries for the last few steps."""
    cell = max(step_box(n) - 6, sz.small * 1.3)
    bands = math.ceil(n / max(1, int((width + EPS) // cell)))
    least = max(cell * RECORD_SQUEEZE, 14.0, sz.small * 1.3)
    for fewer in range(1, bands):
        narrow = width / math.ceil(n / fewer)
        if narrow >= least - EPS:
            return min(cell, narrow)
    return cell


def run_record(n: int, x: float, y_top: float, width: float, sz: Sizes, lang: str) -> tuple[list[Item], float]:
    """The run record: a column per step (its number on top) and a row per
    try, each cell for a ○ or an ×; long runs go on in further bands."""
    items: list[Item] = []
    labels = [tuple(layout_text(word("try_n", lang, n=k + 1), sz.small, max_width=width, furigana=False, leading=1.2)) for k in range(TRIES)]
    label_w = max(line.width for lines in labels for line in lines) + 6
    cell = record_cell(n, width - label_w, sz)
    per_band = max(1, int((width - label_w + EPS) // cell))
    number_h = NUMBER_SIZE * 1.25
    y = y_top
    for first in range(0, n, per_band):
        count = min(per_band, n - first)
        for k in range(count):
            cx = x + label_w + k * cell
            lines = tuple(layout_text(str(first + k + 1), NUMBER_SIZE, max_width=cell + 20, bold=True, furigana=False, leading=1.2))
            items.append(TextItem(cx, y, lines, NUMBER_SIZE, True, 1.2, align="center", width=cell, role="step-number"))
        row_top = y - number_h
        for t in range(TRIES):
            cy = row_top - (t + 1) * cell
            label = labels[t]
            items.append(TextItem(x, cy + (cell + label[0].height) / 2, label, sz.small, False, 1.2, role="try-label"))
            for k in range(count):
                items.append(BoxItem(x + label_w + k * cell, cy, cell, cell, 0.8, role="step"))
        y = row_top - TRIES * cell - GAP
    return items, y_top - y - GAP


def _heading(text: str, help_text: str, x: float, y_top: float, width: float, sz: Sizes, furigana: bool) -> tuple[list[Item], float]:
    paras = [Para(text, bold=True, size=sz.heading)]
    if help_text:
        paras.append(Para(help_text, size=sz.small))
    return stack(paras, x, y_top, width, furigana=furigana, gap=1.0, role="heading")


def _roles(lesson, lang: str) -> list[tuple[str, str]]:
    out = []
    for role in lesson.roles:
        if isinstance(role, Role):
            out.append((role.name, tidy_text(role.does)))
        elif role in KNOWN_ROLES:
            en, en_does, ja, ja_does = KNOWN_ROLES[role]
            out.append((ja, ja_does) if lang == "ja" else (en, en_does))
    return out


def roles_builder(checked: CheckedLesson, sz: Sizes, furigana: bool) -> Builder | None:
    lang = checked.lesson.language
    roles = _roles(checked.lesson, lang)
    if not roles:
        return None

    def build(x: float, y_top: float, width: float) -> tuple[list[Item], float]:
        items, h = _heading(word("roles", lang), "", x, y_top, width, sz, furigana)
        y = y_top - h - 4
        # All in one row when each box still holds a few words a line.
        per_row = len(roles) if len(roles) <= 4 and (width - GAP * 2 * (len(roles) - 1)) / len(roles) >= sz.small * 8.5 else 2
        col_w = (width - GAP * 2 * (per_row - 1)) / per_row
        for k in range(0, len(roles), per_row):
            row_h = 0.0
            for j, (name, does) in enumerate(roles[k : k + per_row]):
                cx = x + j * (col_w + GAP * 2)
                texts, th = stack([Para(name, bold=True, size=sz.body), Para(does, size=sz.small)], cx + 6, y - 5, col_w - 12, furigana=furigana, gap=1.0)
                items += texts
                label = word("name", lang)
                ly = y - 5 - th - 6
                label_lines = tuple(layout_text(label, sz.small, max_width=col_w, furigana=furigana, leading=1.3))
                items.append(TextItem(cx + 6, ly, label_lines, sz.small, False, 1.3, role="name-label"))
                label_w = max(line.width for line in label_lines)
                base = ly - WRITE_PITCH + 4
                # The blank line for a name: written by hand, never printed.
                items.append(LineItem(cx + 12 + label_w, base, cx + col_w - 6, base, 0.8, role="name-line"))
                cell_h = 5 + th + 6 + WRITE_PITCH + 2
                items.append(BoxItem(cx, y - cell_h, col_w, cell_h, 0.8, radius=6, role="role-box"))
                row_h = max(row_h, cell_h)
            y -= row_h + GAP
        return items, y_top - y + GAP

    return build


def puzzle_builder(checked: CheckedLesson, index: int, puzzle: CheckedPuzzle, sz: Sizes, options: BuildOptions, board_h: float, *, board: bool = True, work: bool = True, max_cell: float | None = None) -> Builder:
    """A puzzle's section: title and task, then the board (``board``) and the
    program slots and run record (``work``); a big board takes a page of its
    own and its work follows under the title again, marked as continued.

    A family whose groups get their own values (hook ``board_options``)
    draws each group's board with them (``group``, from 1), the same size."""
    lang = checked.lesson.language
    fur = furigana_for(checked.lesson, options)
    drawing = drawing_for(checked.family.name)
    own = hook(checked.family.name, "board_options")

    def build(x: float, y_top: float, width: float, group: int = 1) -> tuple[list[Item], float]:
        items: list[Item] = []
        name = puzzle_name(puzzle.spec, lang, pupils=True)
        title = f"{index + 1}．{name}" if lang == "ja" else f"{index + 1}. {name}"
        if not board:
            title += word("continued_short", lang)
        paras = [Para(title, bold=True, size=sz.title)]
        if puzzle.spec.task and board:
            paras.append(Para(tidy_text(puzzle.spec.task), size=sz.body))
        texts, th = stack(paras, x, y_top, width, furigana=fur, gap=3.0, role="puzzle-title")
        items += texts
        rules = pupil_rules(checked, puzzle) if board else []
        if rules:  # the puzzle's own cards, limit and goal rule: a line each
            texts, rh = stack([Para(text, size=sz.body, bullet="・" if lang == "ja" else "•") for text in rules], x, y_top - th - 3, width, furigana=fur, gap=2.0, role="puzzle-rule")
            items += texts
            th += 3 + rh
        y = y_top - th - 6
        if board:
            extra = own(checked, index, puzzle, group) if own is not None else {}
            used, plan = _board_plan(drawing, puzzle, x, y, width, board_h, kana=not latin_ok(checked.lesson), max_cell=max_cell, extra=extra)
            items.append(DrawItem(Rect(x, y - used, width, used), lambda c, plan=plan: drawing.draw_board(c, plan, color=options.color), role="board"))
            y -= used
            if not work:
                return items, y_top - y
            y -= 10
        work_area = (hook(checked.family.name, "work_area") or program_work)(checked, index, puzzle, sz, options)
        # A family's work area may print the group's own values (its target, its deck): the same layout for every group.
        more, mh = work_area(x, y, width, group=group) if getattr(work_area, "per_group", False) else work_area(x, y, width)
        items += more
        y -= mh
        return items, y_top - y

    build.per_group = True
    return build


def program_work(checked: CheckedLesson, index: int, puzzle: CheckedPuzzle, sz: Sizes, options: BuildOptions) -> Builder:
    """The shared work area under a puzzle's board: numbered slots to write
    or lay the program in, the run record (step boxes to tick) and where it
    went wrong.  A family's ``work_area`` may use it as a part of its own."""
    lang = checked.lesson.language
    fur = furigana_for(checked.lesson, options)

    def build(x: float, y_top: float, width: float) -> tuple[list[Item], float]:
        items: list[Item] = []
        y = y_top
        area = nested_area(checked, puzzle)
        help_text = word("program_help_nested", lang, card=_block_label(checked, puzzle)) if area else word("program_help", lang)
        head, hh = _heading(word("program", lang), help_text, x, y, width, sz, fur)
        items += head
        y -= hh + 4
        if area:
            boxes, bh = _nested_slots(area, x, y, width)
        else:
            boxes, bh = _numbered_boxes(slot_count(puzzle), x, y, width, SLOT_W, SLOT_H, NUMBER_SIZE, role="slot", label_inside=True)
        items += boxes
        y -= bh + 10
        head, hh = _heading(word("run_record", lang), word("run_help", lang), x, y, width, sz, fur)
        items += head
        y -= hh + 4
        steps = step_boxes(puzzle)
        record, rh = run_record(steps, x, y, width, sz, lang)
        items += record
        y -= rh + 8
        if step_count(puzzle) > steps:
            more, mh = _step_fields(steps + 1, x, y, width, sz, lang, fur)
            items += more
            y -= mh + 8
        # What went wrong (the × in the record says where): a line to write on.
        why = word("wrong_why", lang)
        wlines = tuple(layout_text(why, sz.small, max_width=width, furigana=fur, leading=1.3))
        ww = max(line.width for line in wlines)
        pitch = WRITE_PITCH * 0.9
        items.append(TextItem(x, y - (pitch - wlines[0].height) / 2, wlines, sz.small, False, 1.3, role="wrong-label"))
        items.append(LineItem(x + ww + 6, y - pitch * 0.8, x + width, y - pitch * 0.8, 0.8, role="wrong-line"))
        y -= pitch * 0.8
        return items, y_top - y

    return build


HANDOUT_ICON = 24.0  # the small card drawn in a handout box
HANDOUT_INDENT = 22.0  # a nested block's cards, one step in


@dataclass(frozen=True)
class _Placed:
    """A card of a handed-out program: its box relative to the program's top."""

    number: int
    depth: int
    dx: float
    w: float
    token: CardToken


def _card_name(token: CardToken) -> str:
    """What the pupils' own card says, with a repeat count after it."""
    name = token.label or token.text
    return name + (f" {token.badge}" if token.badge else "")


def _handout_lines(program, family, lang: str, width: float, sz: Sizes) -> tuple[list[list[_Placed]], float]:
    """The program as the cards lie on the desk (the answer key's rows), in
    numbered boxes: a row wraps at ``width``; each visual line is a list of
    boxes.  Returns the lines and a box's height."""
    lines: list[list[_Placed]] = []
    number = 0
    rows = program_rows(program, family, lang)
    # One width for every box of the program, so the cards line up in columns.
    names = [_card_name(token) for row in rows for token in row.cards]
    deepest = max((row.depth for row in rows), default=0) * HANDOUT_INDENT
    w = min(max([SLOT_W] + [string_width(plain_text(n), sz.small, True) + 10 for n in names]), width - deepest)
    for row in rows:
        left = row.depth * HANDOUT_INDENT
        line: list[_Placed] = []
        cx = left
        for token in row.cards:
            if line and cx + w > width + EPS:
                lines.append(line)
                line, cx = [], left  # the numbers carry the order on
            number += 1
            line.append(_Placed(number, row.depth, cx, w, token))
            cx += w + GAP
        if line:
            lines.append(line)
    box_h = 4 + HANDOUT_ICON + 3 + sz.small * 1.3 + 4
    return lines, box_h


def handout_builders(checked: CheckedLesson, puzzle: CheckedPuzzle, sz: Sizes, options: BuildOptions, width: float, room: float) -> list[Builder]:
    """For each bug exercise with ``handout: true``: the buggy program for
    pupils to read — a heading, the cards in numbered boxes (nested blocks
    indented, a bar beside them), a box for the card that goes wrong and lines
    for the fix.  Never the answer.  A program too long for one sheet goes
    on in further sections, the heading marked as continued."""
    lang = checked.lesson.language
    fur = furigana_for(checked.lesson, options)
    out: list[Builder] = []
    if checked.family.owns_notation:  # not cards (a network): its board is the handout
        return out
    handouts = [bug for bug in puzzle.bugs if bug.spec.handout]
    # A family may say what pupils need to find the bug (a procedure's facts at the start).
    note_hook = hook(checked.family.name, "handout_note")
    note = note_hook(checked, puzzle, lang) if note_hook is not None and handouts else ""
    # Handouts are numbered through the worksheet, so no two headings on a
    # group's sheets are the same ① when two puzzles have one each.
    earlier = next(i for i, p in enumerate(checked.puzzles) if p is puzzle)
    first = sum(1 for p in checked.puzzles[:earlier] for bug in p.bugs if bug.spec.handout)
    for k, bug in enumerate(handouts, first):
        lines, box_h = _handout_lines(bug.program, checked.family, lang, width, sz)
        title = word("handout", lang, n=chr(0x2460 + k) if lang == "ja" and k < 20 else k + 1)
        parts: list[list[list[_Placed]]] = [[]]
        for line in lines:
            trial = parts[-1] + [line]
            if parts[-1] and _handout_part(title, trial, box_h, first=len(parts) == 1, last=False, lang=lang, sz=sz, fur=fur, color=options.color, note=note)(0.0, 0.0, width)[1] > room + EPS:
                parts.append([line])
            else:
                parts[-1] = trial
        # The answer lines go with the last part, on a sheet of their own if need be.
        last = _handout_part(title, parts[-1], box_h, first=len(parts) == 1, last=True, lang=lang, sz=sz, fur=fur, color=options.color, note=note)
        if len(parts[-1]) > 1 and last(0.0, 0.0, width)[1] > room + EPS:
            parts.append([parts[-1].pop()])
        for j, part in enumerate(parts):
            out.append(_handout_part(title, part, box_h, first=j == 0, last=j == len(parts) - 1, lang=lang, sz=sz, fur=fur, color=options.color, note=note))
    return out


def _handout_part(title: str, lines: list[list[_Placed]], box_h: float, *, first: bool, last: bool, lang: str, sz: Sizes, fur: bool, color: bool, note: str = "") -> Builder:
    def build(x: float, y_top: float, width: float) -> tuple[list[Item], float]:
        heading = title if first else title + word("continued_short", lang)
        items, hh = _heading(heading, word("handout_help", lang) if first else "", x, y_top, width, sz, fur)
        items = [replace(it, role="handout-heading") for it in items]
        if first and note:
            more, nh = stack([Para(note, size=sz.small)], x, y_top - hh - 2, width, furigana=fur, role="handout-note")
            items += more
            hh += 2 + nh
        y = y_top - hh - 6
        for line in lines:
            for card in line:
                bx = x + card.dx
                by = y - box_h
                items.append(BoxItem(bx, by, card.w, box_h, 1.0, radius=3, role="handout-card"))
                num = tuple(layout_text(str(card.number), NUMBER_SIZE, max_width=card.w, bold=True, furigana=False, leading=1.2))
                items.append(TextItem(bx + 3, y - 2, num, NUMBER_SIZE, True, 1.2, role="handout-number"))
                token = card.token
                iw = HANDOUT_ICON * (1.55 if token.badge else 1.0)
                ix, iy = bx + (card.w - iw) / 2, y - 4 - HANDOUT_ICON
                items.append(DrawItem(Rect(ix, iy, iw, HANDOUT_ICON), lambda c, t=token, ix=ix, iy=iy, iw=iw: paint_token(c, t, ix, iy, iw, HANDOUT_ICON, color), role="handout-icon"))
                name = _card_name(token)
                name_lines = tuple(layout_text(name, sz.small, max_width=card.w, bold=True, furigana=False, leading=1.3))
                items.append(TextItem(bx, iy - 3, name_lines[:1], sz.small, True, 1.3, align="center", width=card.w, role="handout-card-name"))
            # A bar for each block the line sits in, so nesting reads at a glance.
            for d in range(1, line[0].depth + 1 if line else 1):
                bar_x = x + (d - 0.5) * HANDOUT_INDENT
                items.append(LineItem(bar_x, y + GAP / 2, bar_x, y - box_h - GAP / 2, 1.6, role="handout-bracket"))
            y -= box_h + GAP
        if last:
            y -= 4
            # Predict by reading, then check by running: a box for each.
            box = 40.0
            for key in ("handout_where", "handout_checked"):
                lab = tuple(layout_text(word(key, lang), sz.small, max_width=width - box - 6, furigana=fur, leading=1.3))
                lw = max(line.width for line in lab)
                lh = sum(line.height for line in lab)
                row = max(box * 0.8, lh)
                items.append(TextItem(x, y - (row - lh) / 2, lab, sz.small, False, 1.3, role="handout-answer"))
                items.append(BoxItem(x + lw + 6, y - (row + box * 0.8) / 2, box, box * 0.8, 1.0, role="handout-answer-box"))
                y -= row + 6
            fix = tuple(layout_text(word("handout_fix", lang), sz.small, max_width=width, furigana=fur, leading=1.3))
            items.append(TextItem(x, y, fix, sz.small, False, 1.3, role="handout-answer"))
            y -= sum(line.height for line in fix)
            for _ in range(2):
                y -= WRITE_PITCH
                items.append(LineItem(x, y, x + width, y, 0.7, dash=(1, 2.5), role="write-line"))
        return items, y_top - y

    return build


def _board_plan(drawing, puzzle: CheckedPuzzle, x: float, y_top: float, width: float, board_h: float, *, kana: bool = False, max_cell: float | None = None, extra: dict | None = None):
    """The board as large as fits width × board_h (squares at most 48 pt on
    A4, unless ``max_cell``), tightened to its own height; returns (height
    used, plan).  ``extra``: the family's board options for one group."""
    max_cell = max_cell or 48.0 * paper_scale(width)
    extra = extra or {}
    planner = _pupils_board(drawing)
    plan = planner(puzzle.world, x, y_top - board_h, width, board_h, max_cell=max_cell, kana=kana, **extra)
    top = max([plan.y + plan.height] + [ly + plan.label_size for _, ly, _ in plan.labels])
    used = min(board_h, top - plan.y + 1)
    return used, planner(puzzle.world, x, y_top - used, width, used, max_cell=max_cell, kana=kana, **extra)


def _pupils_board(drawing):
    """How the worksheet plans a puzzle's board: the family's
    ``worksheet_board`` where it has one (graph paper: the target and the
    empty sheet beside it), else its ``plan_board``."""
    return getattr(drawing, "worksheet_board", None) or drawing.plan_board


def board_cell(checked: CheckedLesson, puzzle: CheckedPuzzle, width: float, board_h: float) -> float:
    """The square size a board gets in width × board_h."""
    return _pupils_board(drawing_for(checked.family.name))(puzzle.world, 0.0, 0.0, width, board_h, max_cell=48.0 * paper_scale(width)).cell


def _step_fields(first: int, x: float, y_top: float, width: float, sz: Sizes, lang: str, fur: bool) -> tuple[list[Item], float]:
    """After the capped boxes: a line of help and blank "step ___" fields to
    write step numbers in (a run of hundreds of steps is not ticked box by box)."""
    items: list[Item] = []
    help_lines = tuple(layout_text(word("run_more", lang, n=first), sz.small, max_width=width, furigana=fur, leading=1.3))
    items.append(TextItem(x, y_top, help_lines, sz.small, False, 1.3, role="step-more"))
    y = y_top - sum(line.height for line in help_lines) - 4
    label = tuple(layout_text(word("step_blank", lang), sz.small, max_width=width, furigana=fur, leading=1.3))
    label_w = max(line.width for line in label)
    field_w = label_w + 6 + 48.0
    per_row = max(1, int((width + GAP * 2) // (field_w + GAP * 2)))
    rows = math.ceil(STEP_FIELDS / per_row)
    pitch = WRITE_PITCH * 0.9
    for r in range(rows):
        for k in range(min(per_row, STEP_FIELDS - r * per_row)):
            fx = x + k * (field_w + GAP * 2)
            items.append(TextItem(fx, y - (pitch - label[0].height) / 2, label, sz.small, False, 1.3, role="step-more"))
            items.append(LineItem(fx + label_w + 6, y - pitch * 0.8, fx + field_w, y - pitch * 0.8, 0.8, role="step-field"))
        y -= pitch
    return items, y_top - y


SLIPS_PER_PAGE = 4
SLIP_PAD = 8.0  # slip edge (the cut line) to its text


def slip_builder(checked: CheckedLesson, sz: Sizes, furigana, lines: int) -> Builder | None:
    """One pupil's reflection slip: the heading, a blank for the pupil's
    name (written by hand), the lesson's question and ``lines`` to write on."""
    lang = checked.lesson.language
    question = tidy_text(checked.lesson.reflection or "")
    if not question:
        return None

    def build(x: float, y_top: float, width: float) -> tuple[list[Item], float]:
        items, h = _heading(word("reflection", lang), "", x, y_top, width, sz, furigana)
        label = tuple(layout_text(word("name", lang), sz.small, max_width=width, furigana=furigana, leading=1.3))
        lw = max(line.width for line in label)
        name_x = x + width * 0.5
        items.append(TextItem(name_x, y_top, label, sz.small, False, 1.3, role="name-label"))
        items.append(LineItem(name_x + lw + 6, y_top - label[0].height, x + width, y_top - label[0].height, 0.8, role="name-line"))
        texts, qh = stack([Para(question, size=sz.body)], x, y_top - h - 3, width, furigana=furigana, role="reflection")
        items += texts
        y = y_top - h - 3 - qh
        for _ in range(lines):
            y -= WRITE_PITCH
            items.append(LineItem(x, y, x + width, y, 0.7, dash=(1, 2.5), role="write-line"))
        return items, y_top - y

    return build


def plan_slips(checked: CheckedLesson, options: BuildOptions) -> list[Page]:
    """The reflection slips, one per pupil (``pupils(options)``), four to a
    page with cut lines between them (two when the question is long), after
    every group's sheets: reflection is assessed pupil by pupil."""
    frame = frame_for(options.paper)
    sz = sizes_for(checked.lesson.grades, paper_scale(frame.body.w, frame.body.h))
    fur = furigana_for(checked.lesson, options)
    body = frame.body
    width = body.w - 2 * SLIP_PAD
    per_page, build = SLIPS_PER_PAGE, None
    for per_page in (SLIPS_PER_PAGE, 2, 1):
        band = body.h / per_page
        for lines in (REFLECTION_LINES, 3, 2):
            build = slip_builder(checked, sz, fur, lines)
            if build is None:
                return []
            if build(0.0, 0.0, width)[1] <= band - 2 * SLIP_PAD + EPS:
                break
        else:
            continue
        break
    band = body.h / per_page
    pages: list[Page] = []
    total = pupils(options)
    lang = checked.lesson.language
    count = math.ceil(total / per_page)
    for n in range(count):
        page = new_page(frame, label="slips")
        for k in range(min(per_page, total - n * per_page)):
            top = body.top - k * band
            items, _ = build(body.x + SLIP_PAD, top - SLIP_PAD, width)
            for item in items:
                page.add(item)
            if k:  # a cut line between slips, across the page
                page.add(LineItem(body.x, top, body.right, top, 0.6, dash=(4, 3), role="cut-line"))
        add_furniture(page, frame, school=options.school, title=checked.lesson.title, document=word("reflection", lang), number=f"{n + 1} / {count}", brand=latin_ok(checked.lesson))
        pages.append(page)
    return pages


def _top_band(page: Page, frame: Frame, checked: CheckedLesson, letter: str, sheet: int, sheets: int, sz: Sizes, options: BuildOptions) -> float:
    """The lesson title and sheet number on the left, the group letter big on the right."""
    lang = checked.lesson.language
    body = frame.body
    top = body.top
    bx = body.right - LETTER_BOX
    page.add(BoxItem(bx, top - LETTER_BOX, LETTER_BOX, LETTER_BOX, 2.5, radius=8, role="group-box"))
    numbered = letter.isdigit()  # "1はん": the number big, はん under it
    label_size = sz.small
    label = tuple(layout_text(word("han" if numbered else "group", lang), label_size, max_width=LETTER_BOX, bold=True, furigana=False, leading=1.2))
    size = 30.0 if numbered else 36.0
    letter_lines = tuple(layout_text(letter, size, max_width=LETTER_BOX, bold=True, furigana=False, leading=1.2))
    if numbered:
        page.add(TextItem(bx, top - 2, letter_lines, size, True, 1.2, align="center", width=LETTER_BOX, role="group-letter"))
        page.add(TextItem(bx, top - 2 - size * 1.2 + 2, label, label_size, True, 1.2, align="center", width=LETTER_BOX, role="group-label"))
    else:
        page.add(TextItem(bx, top - 4, label, label_size, True, 1.2, align="center", width=LETTER_BOX, role="group-label"))
        page.add(TextItem(bx, top - 14, letter_lines, size, True, 1.2, align="center", width=LETTER_BOX, role="group-letter"))
    left_w = body.w - LETTER_BOX - 12
    paras = [Para(checked.lesson.title, bold=True, size=sz.heading), Para(word("sheet_of", lang, n=sheet, total=sheets), size=sz.small)]
    texts, _ = stack(paras, body.x, top, left_w, furigana=furigana_for(checked.lesson, options), gap=2.0, role="band")
    for item in texts:
        page.add(item)
    rule = top - BAND
    page.add(LineItem(body.x, rule + 2, body.right, rule + 2, 1.2, role="band-rule"))
    return rule - 6


def _content_room(frame: Frame) -> float:
    return frame.body.h - BAND - 6 - 6  # and a little air above the footer


def plan_worksheet(checked: CheckedLesson, options: BuildOptions) -> list[Page]:
    """Every group's sheets, group after group (page.label is the group letter)."""
    frame = frame_for(options.paper)
    sz = sizes_for(checked.lesson.grades, paper_scale(frame.body.w, frame.body.h))
    width = frame.body.w
    room = _content_room(frame)
    fur = furigana_for(checked.lesson, options)
    roles = roles_builder(checked, sz, fur)
    roles_h = roles(0.0, 0.0, width)[1] + SECTION_GAP if roles else 0.0
    sections: list[Builder] = [roles] if roles else []
    whole: dict[int, int] = {}  # section -> the puzzle it holds whole (its board can shrink)
    puzzle_parts: set[int] = set()  # sections holding part of a puzzle too big for one sheet
    for index, puzzle in enumerate(checked.puzzles):
        # Two puzzles to a sheet if they fit; else share the first sheet with
        # the roles; else a sheet each.
        shared = room - (roles_h if index == 0 else 0.0)
        targets = [(room - SECTION_GAP) / 2, shared, room]
        fitted = _fitted_puzzle(checked, index, puzzle, sz, options, width, targets)
        if len(fitted) == 1:
            whole[len(sections)] = index
        else:
            puzzle_parts.update(range(len(sections), len(sections) + len(fitted)))
        sections += fitted
        sections += handout_builders(checked, puzzle, sz, options, width, room)
    more_sections = hook(checked.family.name, "extra_sections")
    if more_sections is not None:
        sections += more_sections(checked, sz, options)
    # Pack the sections into sheets; a section never splits.
    heights = [build(0.0, 0.0, width)[1] for build in sections]

    def fit(k: int, left: float, floor: float):
        """Section ``k``'s puzzle, its board shrunk (to ``floor`` tall at
        least, and readable MIN_CELL squares) to be ``left`` tall or less."""
        index = whole[k]
        fitted = _fitted_puzzle(checked, index, checked.puzzles[index], sz, options, width, [left], floors=[floor])
        h = fitted[0](0.0, 0.0, width)[1]
        return (fitted[0], h) if len(fitted) == 1 and h <= left + EPS else None

    def roles_to_foot(sheets: list[list[int]], heights: list[float], sections: list[Builder]) -> list[list[int]]:
        """The roles alone on a cover sheet waste a sheet a group: they go at
        the foot of the first sheet with room for them instead, or of the
        first whose puzzle's board can shrink (to readable squares) to make
        the room."""
        if not (roles and len(sheets) > 1 and sheets[0] == [0]):
            return sheets
        for shrink in (False, True):
            for sheet in sheets[1:]:
                used = sum(heights[k] for k in sheet) + SECTION_GAP * (len(sheet) - 1)
                short = used + SECTION_GAP + heights[0] - room
                if short > EPS and shrink:
                    shrunk = next((s for s in ((k, fit(k, heights[k] - short, 0.0)) for k in sheet if k in whole) if s[1] is not None), None)
                    if shrunk is None:
                        continue
                    k, (sections[k], heights[k]) = shrunk
                elif short > EPS:
                    continue
                sheet.append(sheets.pop(0)[0])
                return sheets
        return sheets

    tight_heights, tight_sections = list(heights), list(sections)
    sheets = roles_to_foot(_pack(heights, room), heights, sections)
    # Boards that shrink to share a sheet (to readable squares, or MIN_BOARD
    # beside another puzzle), when that takes sheets off every group's set.
    tight = roles_to_foot(_pack(tight_heights, room, fit=fit, shrinkable=set(whole), puzzles=set(whole) | puzzle_parts, sections=tight_sections), tight_heights, tight_sections)
    if len(tight) < len(sheets):
        sheets, heights, sections = tight, tight_heights, tight_sections
    # A sheet with room to spare and one board on it: the board grows into
    # the room (on bigger paper above all), rather than leaving it blank.
    for sheet in sheets:
        used = sum(heights[k] for k in sheet) + SECTION_GAP * (len(sheet) - 1)
        growing = [k for k in sheet if getattr(sections[k], "grow", None)]
        spare = room - used
        if len(growing) == 1 and spare > 24.0:
            k = growing[0]
            for extra in (spare, spare * 0.75, spare * 0.5, spare * 0.25):
                grown = sections[k].grow(extra)
                h = grown(0.0, 0.0, width)[1]
                if h <= heights[k] + spare + EPS:
                    sections[k], heights[k] = grown, h
                    break
    pages: list[Page] = []
    lang = checked.lesson.language
    for group, letter in enumerate(group_marks(options.groups, latin=latin_ok(checked.lesson)), start=1):
        for n, sheet in enumerate(sheets, start=1):
            page = new_page(frame, label=letter)
            y = _top_band(page, frame, checked, letter, n, len(sheets), sz, options)
            for j, k in enumerate(sheet):
                if j:
                    y -= SECTION_GAP
                if getattr(sections[k], "per_group", False):
                    items, h = sections[k](frame.body.x, y, width, group=group)
                else:
                    items, h = sections[k](frame.body.x, y, width)
                for item in items:
                    page.add(item)
                y -= h
            add_furniture(page, frame, school=options.school, title=checked.lesson.title, document=word("worksheet", lang), number=f"{group_name(letter, lang)}  {n} / {len(sheets)}", brand=latin_ok(checked.lesson))
            pages.append(page)
    return pages


def _pack(heights: list[float], room: float, *, fit=None, shrinkable: frozenset | set = frozenset(), puzzles: frozenset | set = frozenset(), sections: list | None = None):
    """Sections into sheets in order, each sheet as many as fit (a section
    never splits); returns the sheets (lists of section indices).

    With ``fit`` ((section, room left, least board height) -> (builder,
    height) or None), a ``shrinkable`` section that does not fit the room
    left shrinks its board to fit it where it can (no lower than MIN_BOARD
    beside another of the ``puzzles``); ``heights`` and ``sections`` are
    updated in place."""
    sheets: list[list[int]] = [[]]
    used = 0.0
    for k, h in enumerate(heights):
        need = h + (SECTION_GAP if sheets[-1] else 0.0)
        if sheets[-1] and used + need > room + EPS and fit is not None and k in shrinkable:
            left = room - used - SECTION_GAP
            shrunk = fit(k, left, MIN_BOARD if any(j in puzzles for j in sheets[-1]) else 0.0) if left > 0 else None
            if shrunk is not None:
                sections[k], heights[k] = shrunk
                need = heights[k] + SECTION_GAP
        if sheets[-1] and used + need > room + EPS:
            sheets.append([])
            used, need = 0.0, heights[k]
        sheets[-1].append(k)
        used += need
    return sheets


def _fitted_puzzle(checked: CheckedLesson, index: int, puzzle: CheckedPuzzle, sz: Sizes, options: BuildOptions, width: float, targets: list[float], floors: list[float] | None = None) -> list[Builder]:
    """A puzzle as one section for the first of ``targets`` (heights, tightest
    first) it fits: with a board at least MIN_BOARD tall beside another
    puzzle, with SHARED_CELL squares beside the roles or reflection, with
    readable MIN_CELL squares alone (or each target's own least board
    height, ``floors``); else as two sections, the board on a page of its
    own and the work after it."""
    readable = _readable_height(checked, puzzle, width, MIN_CELL)
    floors = floors or [MIN_BOARD, _readable_height(checked, puzzle, width, SHARED_CELL), 0.0]
    for k, target in enumerate(targets):
        smallest = max(floors[min(k, len(floors) - 1)], readable)
        board_h = max(MAX_BOARD * paper_scale(width), readable)
        while True:
            build = puzzle_builder(checked, index, puzzle, sz, options, board_h)
            h = build(0.0, 0.0, width)[1]
            if h <= target + EPS:
                build.grow = lambda extra, board_h=board_h: puzzle_builder(checked, index, puzzle, sz, options, board_h + extra, max_cell=GROWN_CELL * paper_scale(width))
                return [build]
            if board_h <= smallest + EPS:
                break
            board_h = max(smallest, board_h - (h - target) - 1)
    room = targets[-1]
    title_h = puzzle_builder(checked, index, puzzle, sz, options, 0.0, work=False)(0.0, 0.0, width)[1]
    board = puzzle_builder(checked, index, puzzle, sz, options, max(room - title_h - 6 - EPS, readable), work=False)
    return [board, puzzle_builder(checked, index, puzzle, sz, options, 0.0, board=False)]


def _readable_height(checked: CheckedLesson, puzzle: CheckedPuzzle, width: float, cell: float) -> float:
    """The least board height whose squares are ``cell`` or more."""
    lo, hi = 0.0, 2000.0
    if board_cell(checked, puzzle, width, hi) < cell:
        return hi  # too wide to be readable at any height: give it a page
    while hi - lo > 1.0:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if board_cell(checked, puzzle, width, mid) < cell else (lo, mid)
    return hi


def render_worksheet(checked: CheckedLesson, options: BuildOptions) -> Rendered:
    """worksheet.pdf for ``checked`` (same input, same bytes); raises
    LayoutError if anything would print outside the printable area."""
    from lessonkit.render.fonts import latin_text

    with latin_text(checked.lesson.language == "en"):  # English: Latin text in the proportional face
        return _render_worksheet(checked, options)


def _render_worksheet(checked: CheckedLesson, options: BuildOptions) -> Rendered:
    lang = checked.lesson.language
    pages = plan_worksheet(checked, options) + plan_slips(checked, options)
    return draw_pages(pages, options.paper, lang=lang, **document_meta("worksheet", checked.lesson.title, lang))
