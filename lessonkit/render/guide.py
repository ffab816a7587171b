"""teacher-guide.pdf: the lesson plan (学習指導案) and the answer key.

For a Japanese lesson the guide follows the usual 学習指導案: title and
overview (単元名, 対象学年, 時間, 授業の類型), 本時の目標, 評価規準 under the
three viewpoints, 準備 (what to print and cut, counted for this class), and
本時の展開 as a table (学習活動・予想される反応 / 時間 / 指導上の留意点 /
評価) in the phases 導入・展開・まとめ.  The answer key follows: each puzzle's
board with the solution's numbered path beside the program, the
alternatives, how many shortest rows of cards there are; each bug exercise
with where and why it goes wrong, the hint and the explanation.  An English
lesson gets the same content under English headings.

:func:`plan_guide` computes the pages as data; :func:`render_guide` draws them.
"""

from __future__ import annotations

from typing import Callable

from lessonkit.check import CheckedBug, CheckedLesson, CheckedPuzzle
from lessonkit.program import Program, format_program
from lessonkit.render.board import plan_board_pages
from lessonkit.render.cards import kit, plan_cards, role_badges
from lessonkit.render.programs import CardToken, ProgramRow, card_info, paint_token, program_rows
from lessonkit.render.rules import teacher_rules
from lessonkit.render.fonts import text_width
from lessonkit.render.options import BuildOptions, latin_ok
from lessonkit.render.page import (
    BoxItem,
    DrawItem,
    Flow,
    Item,
    LineItem,
    Page,
    Para,
    EPS,
    Rect,
    Rendered,
    Row,
    TableStyle,
    add_furniture,
    add_table,
    add_text,
    draw_pages,
    frame_for,
    stack,
)
from lessonkit.render.words import document_meta, puzzle_name, tidy_text, word
from lessonkit.render.worksheet import plan_worksheet
from lessonkit.render.worlds import drawing_for, hook
from lessonkit.simulate import Outcome, Trace
from lessonkit.spec.models import Phase, PhaseName
from lessonkit.spec.ruby import plain_text
from lessonkit.worlds.base import BLOCK_CARDS, Family, end_cards

TITLE_SIZE = 17.0
HEADING_SIZE = 12.0
BODY_SIZE = 10.0
TABLE_SIZE = 9.0
SMALL_SIZE = 8.5
BULLET = "・"
SECTION_GAP = 10.0


def _lang(checked: CheckedLesson) -> str:
    return checked.lesson.language


def names_are_labels(family: type[Family]) -> bool:
    """A family whose cards are their words (``NAMES_ARE_LABELS`` in its
    drawing module): the programs and card names the kit prints say what the
    printed card says (「ふくを きがえる」), not the key a lesson writes (きがえ)."""
    from lessonkit.render.worlds import DRAWINGS

    return bool(getattr(DRAWINGS.get(family.name), "NAMES_ARE_LABELS", False))


def printed_label(info, lang: str) -> str:
    return plain_text(info.label_ja if lang == "ja" else info.label_en)


def notation(program: Program, family: type[Family], lang: str) -> str:
    """The one-line text notation with the lesson language's card names
    (for a family whose cards are their words: each card's printed label, quoted)."""
    if names_are_labels(family):
        quote = "「{}」" if lang == "ja" else "'{}'"
        names = {c.name: quote.format(printed_label(c, lang)) for c in family.cards}
    else:
        names = {c.name: (c.ja if lang == "ja" else c.name) for c in family.cards}
    return format_program(program, names, lang=lang)


def wrap_at_spaces(text: str, size: float, width: float, bold: bool = False) -> str:
    """Break a program's notation only between cards (at spaces), so a card
    name like まえ is never split over two lines."""
    lines: list[str] = []
    words: list[str] = []
    for word_ in text.split(" "):  # a quoted label (「ふくを きがえる」) is one card: kept whole
        if words and words[-1].startswith("「") and "」" not in words[-1]:
            words[-1] += " " + word_
        else:
            words.append(word_)
    for word_ in words:
        if lines and text_width(lines[-1] + " " + word_, size, bold) <= width:
            lines[-1] += " " + word_
        else:
            lines.append(word_)
    return "\n".join(lines)


MINI = 17.0  # a mini card's height in the answer key
MINI_GAP = 2.5
INDENT = 12.0


def _mini_width(token: CardToken) -> float:
    return MINI * (1.55 if token.badge else 1.0)


def plan_mini_cards(rows: list[ProgramRow], x: float, y_top: float, width: float) -> tuple[list[tuple[float, float, CardToken]], float] | None:
    """Mini cards placed row by row (wrapping a long row); None if too wide."""
    placed: list[tuple[float, float, CardToken]] = []
    y = y_top
    for row in rows:
        left = x + row.depth * INDENT
        if left + MINI > x + width:
            return None
        cx = left
        y -= MINI
        for token in row.cards:
            w = _mini_width(token)
            if cx + w > x + width + 0.01:
                cx = left + INDENT / 2
                y -= MINI + MINI_GAP
            placed.append((cx, y, token))
            cx += w + MINI_GAP
        y -= MINI_GAP
    return placed, y_top - y


def _paint_mini(token: CardToken, x: float, y: float, color: bool):
    return lambda c: paint_token(c, token, x, y, _mini_width(token), MINI, color)


# -- preparation --------------------------------------------------------------


def preparation(checked: CheckedLesson, options: BuildOptions) -> list[str]:
    """What to print and cut for this class, one line each (furigana markup allowed)."""
    lang = _lang(checked)
    lesson = checked.lesson
    g = options.groups
    sheets = plan_worksheet(checked, options)
    per = len(sheets) // g if g else 0
    out = [word("prep_worksheets", lang, per=per, groups=g, total=len(sheets))]
    cards = kit(lesson, checked.family)
    badges = role_badges(lesson)
    sep = word("list_sep", lang)
    if cards:
        per_set = sum(kc.count for kc in cards)
        pages = len(plan_cards(checked, options))
        # The role badges print on the same sheets: the page count covers both, once.
        note = word("prep_card_pages_roles" if badges else "prep_card_pages", lang, pages=pages)
        out.append(word("prep_cards", lang, per=per_set, groups=g, total=per_set * g) + note)
        names = [word("count_item", lang, name=plain_text(kc.info.label_ja if lang == "ja" else kc.info.label_en), n=kc.count) for kc in cards]
        line = word("prep_set", lang, items=sep.join(names))
        if any(kc.info.name == "end" for kc in cards):
            line += _end_note(cards, lang)
        out.append(line)
    out.append(_boards_line(checked, options))
    from lessonkit.render.answer_key import plan_answer_key

    out.append(word("prep_answer_key", lang, pages=len(plan_answer_key(checked, options))))
    if badges:
        names = sep.join(plain_text(b.name) for b in badges)
        out.append(word("prep_roles", lang, roles=names, per=len(badges), groups=g, total=len(badges) * g))
    # What else the kit prints: the pupils' reflection slips and the blackboard set.
    from lessonkit.render.blackboard import board_size, cards_not_enlarged, enlarged_counts, plan_boards
    from lessonkit.render.blackboard import plan_cards as plan_enlarged
    from lessonkit.render.options import pupils
    from lessonkit.render.worksheet import SLIPS_PER_PAGE, plan_slips

    slips = plan_slips(checked, options)
    if slips:
        out.append(word("prep_slips", lang, n=pupils(options), pages=len(slips), per=SLIPS_PER_PAGE))
    enlarged = plan_enlarged(checked, options)
    placed = [p.name for s in enlarged for p in s.cards]
    _, from_programs = enlarged_counts(checked)
    missing = cards_not_enlarged(checked) if from_programs else []
    key = "prep_blackboard_cards_kit" if missing else "prep_blackboard_cards_programs" if from_programs else "prep_blackboard_cards"
    cards_text = word(key, lang, kinds=len(set(placed)), cards=len(placed), card_pages=len(enlarged), missing=_card_names(checked, missing, lang)) if placed else ""
    _, boards = plan_boards(checked, options)
    tiled = any(sheet.tile is not None for sheet in boards)
    out.append(word("prep_blackboard" if tiled else "prep_blackboard_whole", lang, cards=cards_text, size=board_size(options).upper(), puzzles=len(checked.puzzles), pages=len(boards), plural="" if len(checked.puzzles) == 1 else "s", pages_plural="" if len(boards) == 1 else "s"))
    from lessonkit.render.worlds import family_preparation

    out += family_preparation(checked, options)
    return out


def _card_names(checked, names: list[str], lang: str) -> str:
    """The cards ``names`` as their labels read, 「…」 each in Japanese."""
    from lessonkit.worlds.base import CONTROL_CARDS, END_CARD

    infos = {c.name: c for c in checked.family.cards} | {c.name: c for c in CONTROL_CARDS} | {END_CARD.name: END_CARD}
    labels = [plain_text(infos[n].label_ja if lang == "ja" else infos[n].label_en) if n in infos else n for n in names]
    if lang == "ja":
        return "".join(f"「{label}」" for label in labels)
    return ", ".join(f"'{label}'" for label in labels[:-1]) + (" or " if len(labels) > 1 else "") + f"'{labels[-1]}'" if labels else ""


def _end_note(cards, lang: str) -> str:
    """Which of this kit's cards take an End card (only those it has)."""
    blocks = [plain_text(kc.info.label_ja if lang == "ja" else kc.info.label_en) for kc in cards if kc.info.name in BLOCK_CARDS]
    if not blocks:
        return ""
    if lang == "ja":
        named = "".join(f"「{b}」" for b in blocks)
    else:
        named = blocks[0] if len(blocks) == 1 else ", ".join(blocks[:-1]) + " or " + blocks[-1]
    orelse = word("prep_end_else", lang) if any(kc.info.name == "else" for kc in cards) else ""
    return word("prep_end_note", lang, blocks=named, orelse=orelse)


def _boards_line(checked: CheckedLesson, options: BuildOptions) -> str:
    """Boards for the class, counted from board.pdf's own plan: a tiled
    board (--board-size larger than the paper) is several sheets."""
    lang = _lang(checked)
    g = options.groups
    puzzles = len(checked.puzzles)
    line = word("prep_boards", lang, puzzles=puzzles, groups=g, total=puzzles * g)
    sheets = plan_board_pages(checked, options)
    if any(s.tile is not None for s in sheets):
        tiles = sorted({s.tile.count for s in sheets if s.tile is not None})
        count = str(tiles[0]) if len(tiles) == 1 else (f"{tiles[0]}〜{tiles[-1]}" if lang == "ja" else f"{tiles[0]}–{tiles[-1]}")
        paper = options.paper.upper() if options.paper != "letter" else ("レター" if lang == "ja" else "Letter")
        line += word("prep_boards_tiled", lang, tiles=count, paper=paper, sheets=len(sheets), groups=g, printed=len(sheets) * g)
    return line


# -- the plan -----------------------------------------------------------------


def plan_guide(checked: CheckedLesson, options: BuildOptions) -> list[Page]:
    """Every page of the guide, as data (header and footer included)."""
    lesson = checked.lesson
    lang = _lang(checked)
    frame = frame_for(options.paper)
    fur = False  # teacher-facing text: never furigana
    flow = Flow(frame)
    number = [0]

    def heading(key: str) -> None:
        """A numbered heading, held with its first line, row or block (keep-with-next)."""
        number[0] += 1
        text = f"{number[0]}　{word(key, lang)}" if lang == "ja" else f"{number[0]}. {word(key, lang)}"
        flow.space(SECTION_GAP)
        page, first = flow.page, len(flow.page.items)
        add_text(flow, text, HEADING_SIZE, bold=True, furigana=fur, role="heading")
        if flow.page is not page:
            first = 0
        top = flow.page.items[first].rect.top
        flow.space(3)
        flow.hold(first, top, gap=3)

    unit = lesson.unit_info
    grades = lesson.grades
    if len(grades) > 2 and grades == tuple(range(grades[0], grades[-1] + 1)):
        grade_text = f"{grades[0]}〜{grades[-1]}" if lang == "ja" else f"{grades[0]}–{grades[-1]}"
    else:
        grade_text = "・".join(str(g) for g in grades) if lang == "ja" else (" and " if len(grades) == 2 else ", ").join(str(g) for g in grades)
    grade_words = word("grade_value" if len(grades) == 1 else "grades_value", lang, grades=grade_text)

    # Title and the header a school fills in (日時・場所・学年組・児童数・指導者).
    add_text(flow, word("plan_title", lang, grade=grade_words), TITLE_SIZE - 2, bold=True, furigana=fur, role="doc-name")
    flow.space(2)
    add_text(flow, lesson.title, TITLE_SIZE, bold=True, furigana=fur, role="title")
    flow.space(6)
    style = TableStyle(size=TABLE_SIZE + 0.5, furigana=fur)
    keys = ("date", "place", "class_row", "class_size", "teacher", "time", "lesson_type", "concepts", "school")
    key_w = max(text_width(plain_text(word(k, lang)), TABLE_SIZE + 0.5, True) for k in keys) + 2 * style.padding + 4
    widths = (key_w, flow.width - key_w)
    size_text = word("class_size_value", lang, n=options.class_size) if options.class_size else word("class_size_blank", lang)
    info: list[tuple[str, str]] = [
        ("date", word("date_blank", lang)),
        ("place", "\u3000" if lang == "ja" else " "),
        ("class_row", word("class_blank", lang, grade=grade_words)),
        ("class_size", size_text),
        ("teacher", "\u3000" if lang == "ja" else " "),
    ]
    if options.school:
        info.append(("school", options.school))
    info.append(("time", word("minutes_value", lang, n=lesson.minutes)))
    if lesson.mext and lang == "ja":  # MEXT's lesson types mean nothing to an English school
        info.append(("lesson_type", word(f"mext_{lesson.mext}", lang)))
    info.append(("concepts", word("list_sep", lang).join(word(f"concept_{c.value}", lang) for c in lesson.concepts)))
    add_table(flow, widths, None, [Row((Para(word(k, lang), bold=True), v)) for k, v in info], style)

    def viewpoints(crit) -> None:
        third = flow.width / 3
        add_table(flow, (third, third, flow.width - 2 * third), Row((word("knowledge", lang), word("thinking", lang), word("attitude", lang))), [Row((tidy_text(crit.knowledge), tidy_text(crit.thinking), tidy_text(crit.attitude)))], TableStyle(size=TABLE_SIZE, furigana=fur))

    # The unit: what the lesson says of it, and nothing it does not say.
    if lesson.unit_name:
        heading("unit")
        add_text(flow, tidy_text(lesson.unit_name), BODY_SIZE + 0.5, furigana=fur, indent=4)
    if unit is not None and unit.goals is not None:
        heading("unit_goals")
        viewpoints(unit.goals)
    if unit is not None and unit.criteria is not None:
        heading("unit_criteria")
        viewpoints(unit.criteria)
    if unit is not None and unit.about is not None and any((unit.about.material, unit.about.students, unit.about.teaching)):
        heading("unit_about")
        for k, (key, text) in enumerate((("about_material", unit.about.material), ("about_students", unit.about.students), ("about_teaching", unit.about.teaching))):
            if text:
                add_text(flow, word("about_label", lang, n=k + 1, what=word(key, lang)), BODY_SIZE, bold=True, furigana=fur, indent=4)
                flow.space(1)
                add_text(flow, tidy_text(text), BODY_SIZE, furigana=fur, indent=4 + BODY_SIZE)
                flow.space(3)
    if unit is not None and unit.plan:
        total = sum(row.hours for row in unit.plan)
        heading_text = word("unit_plan", lang) + word("unit_plan_total", lang, n=total)
        _numbered_heading(flow, number, heading_text, lang)
        rows = []
        hour = 0
        for row in unit.plan:
            first = hour + 1
            hour += row.hours
            span = str(first) if row.hours == 1 else (f"{first}〜{hour}" if lang == "ja" else f"{first}–{hour}")
            what = [Para(tidy_text(row.title), bold=row.this)]
            if row.activity:
                what.append(Para(tidy_text(row.activity)))
            this = word("this_lesson", lang, n=span, total=total) if row.this else ""
            rows.append(Row((Para(span, align="center"), what, Para(this, bold=True)), fill=0.93 if row.this else None))
        hw = 34.0 if lang == "ja" else 44.0
        tw = 72.0 if lang == "ja" else 118.0
        add_table(flow, (hw, flow.width - hw - tw, tw), Row((word("plan_hour", lang), word("plan_activity", lang), "")), rows, TableStyle(size=TABLE_SIZE, furigana=fur))

    heading("objectives")
    for objective in lesson.objectives:
        add_text(flow, tidy_text(objective), BODY_SIZE, bullet=BULLET if lang == "ja" else "•", furigana=fur, indent=4)
        flow.space(2)

    if lesson.criteria is not None:
        heading("criteria")
        viewpoints(lesson.criteria)

    heading("preparation")
    for line in preparation(checked, options):
        add_text(flow, line, BODY_SIZE, bullet=BULLET if lang == "ja" else "•", furigana=fur, indent=4)
        flow.space(2)
    if lesson.materials:
        add_text(flow, word("prep_materials", lang), BODY_SIZE, bullet=BULLET if lang == "ja" else "•", furigana=fur, indent=4)
        for material in lesson.materials:
            add_text(flow, tidy_text(material), BODY_SIZE, bullet="－" if lang == "ja" else "–", furigana=fur, indent=4 + BODY_SIZE * 1.2)
            flow.space(1)

    heading("agenda")
    if lesson.aim:
        _boxed(flow, word("aim", lang), tidy_text(lesson.aim), lang, role="aim", keep_with_next=True)
    _agenda(flow, checked, fur)
    if any(p.mark for p in lesson.flow):
        flow.space(3)
        add_text(flow, word("marks_legend", lang), SMALL_SIZE, furigana=fur, role="marks-legend")
    if lesson.conclusion:
        flow.space(6)
        _boxed(flow, word("conclusion", lang), tidy_text(lesson.conclusion), lang, role="conclusion")

    # 板書計画: the blackboard is wide, so it has a landscape page of its own.
    wide = Flow(frame_for(options.paper, landscape=True))
    number[0] += 1
    text = f"{number[0]}　{word('board_plan', lang)}" if lang == "ja" else f"{number[0]}. {word('board_plan', lang)}"
    add_text(wide, text, HEADING_SIZE, bold=True, furigana=fur, role="heading")
    wide.space(3)
    _place_block(wide, _board_plan(wide, checked, options))

    pages = flow.pages + wide.pages
    for k, page in enumerate(pages):
        add_furniture(page, wide.frame if any(page is p for p in wide.pages) else frame, school=options.school, title=lesson.title, document=word("guide", lang), number=f"{k + 1} / {len(pages)}")
    return pages


def _numbered_heading(flow: Flow, number: list[int], text: str, lang: str) -> None:
    """A numbered heading from its own text, held with what follows."""
    number[0] += 1
    text = f"{number[0]}　{text}" if lang == "ja" else f"{number[0]}. {text}"
    flow.space(SECTION_GAP)
    page, first = flow.page, len(flow.page.items)
    add_text(flow, text, HEADING_SIZE, bold=True, furigana=False, role="heading")
    if flow.page is not page:
        first = 0
    top = flow.page.items[first].rect.top
    flow.space(3)
    flow.hold(first, top, gap=3)


BOX_PAD = 6.0


def _boxed_block(x: float, width: float, label: str, text: str, lang: str, role: str, size: float = BODY_SIZE + 1) -> Block:
    """めあて or まとめ in a box, as the teacher writes it on the board."""

    def build(y_top: float) -> tuple[list[Item], float]:
        label_w = text_width(label, size, True) + 2 * BOX_PAD
        items, h = stack([Para(text, size=size)], x + label_w + BOX_PAD, y_top - BOX_PAD, width - label_w - 2 * BOX_PAD, furigana=False, role=role)
        head, _ = stack([Para(label, bold=True, size=size)], x + BOX_PAD, y_top - BOX_PAD, label_w, furigana=False, role=role + "-label")
        box_h = h + 2 * BOX_PAD
        frame = [BoxItem(x, y_top - box_h, width, box_h, 1.2, role=role + "-box"), LineItem(x + label_w, y_top, x + label_w, y_top - box_h, 0.6, role=role + "-rule")]
        return frame + head + items, box_h

    return build


def _boxed(flow: Flow, label: str, text: str, lang: str, role: str, keep_with_next: bool = False) -> None:
    build = _boxed_block(flow.x, flow.width, label, text, lang, role)
    _, h = build(0.0)
    if h > flow.fresh_room():  # longer than a page: it flows on, unboxed
        add_text(flow, f"{label}{'：' if lang == 'ja' else ': '}{text}", BODY_SIZE + 1, furigana=False, role=role)
        return
    held = flow._held if keep_with_next else None  # the heading above, kept with the box
    top = flow.reserve(h)
    first = len(flow.page.items)
    items, _ = build(top)
    for item in items:
        flow.page.add(item)
    if keep_with_next:  # the めあて stays with the table it opens
        if held is not None and held[0] is flow.page:
            flow.hold(held[1], held[2], gap=4)
        else:
            flow.hold(first, top, gap=4)


def _board_plan(flow: Flow, checked: CheckedLesson, options: BuildOptions) -> Block:
    """板書計画: the blackboard as a landscape frame, from the lesson: the
    めあて, the enlarged board and the program as its enlarged cards lie,
    the pupils' expected ideas, the まとめ."""
    lesson = checked.lesson
    lang = _lang(checked)
    family = checked.family
    puzzle = next((p for p in checked.puzzles if not p.spec.extension), checked.puzzles[0])
    x, w = flow.x, flow.width
    h = min(w * 0.5, flow.fresh_room() - 20)  # landscape: about twice as wide as tall
    pad = 6.0
    left_w, mid_w = w * 0.27, w * 0.43
    right_w = w - left_w - mid_w
    ideas = [r for p in lesson.flow if p.phase is not PhaseName.introduction for r in p.responses][:4]
    size = BODY_SIZE if w >= 600 else SMALL_SIZE  # a landscape page's columns take the guide's text size

    def build(y_top: float) -> tuple[list[Item], float]:
        items: list[Item] = [BoxItem(x, y_top - h, w, h, 1.4, role="board-plan")]
        items.append(LineItem(x + left_w, y_top - pad, x + left_w, y_top - h + pad, 0.5, role="board-plan-rule"))
        items.append(LineItem(x + left_w + mid_w, y_top - pad, x + left_w + mid_w, y_top - h + pad, 0.5, role="board-plan-rule"))
        # Left: the date line, the title and the めあて.
        lx, lw = x + pad, left_w - 2 * pad
        inner = h - 2 * pad
        text_items, th = stack([Para(lesson.title, bold=True, size=size + 0.5)], lx, y_top - pad, lw, furigana=False, role="board-plan-title")
        if th <= inner:
            items += text_items
        y = y_top - pad - th - 4
        if lesson.aim:
            aim_items, ah = _boxed_block(lx, lw, word("aim", lang), tidy_text(lesson.aim), lang, "board-plan-aim", size)(y)
            if th + 4 + ah <= inner:  # what does not fit the drawing is in the plan's own めあて box
                items += aim_items
        # Middle: the enlarged board, and the program as its cards lie.
        mx, mw = x + left_w + pad, mid_w - 2 * pad
        with_cards = bool(kit(lesson, checked.family))  # a network's board is its program: no cards beside it
        label, lh = stack([Para(word("board_plan_board" if with_cards else "board_plan_board_only", lang, name=tidy_text(puzzle.spec.title)), bold=True, size=size)], mx, y_top - pad, mw, furigana=False, role="board-plan-label")
        if lh > inner * 0.3:  # a very long puzzle title: the board speaks for itself
            label, lh = [], 0.0
        items += label
        board_h = (h - 2 * pad - lh) * 0.55
        drawing, plan, bh = _fit_board(checked, puzzle.world, mx, y_top - pad - lh - 2, mw, board_h, None, 30.0)
        items.append(_board_item(drawing, plan, mx, y_top - pad - lh - 2, mw, bh, options.color))
        cy = y_top - pad - lh - 2 - bh - 6
        # A family's own notation (a network) is its board: no cards to lay.
        minis = plan_mini_cards(program_rows(puzzle.solution, family, lang), mx, cy, mw) if not family.owns_notation else None
        if family.owns_notation:
            pass
        elif minis is not None and cy - minis[1] >= y_top - h + pad:
            for px, py, token in minis[0]:
                items.append(DrawItem(Rect(px, py, _mini_width(token), MINI), _paint_mini(token, px, py, options.color), role="board-plan-card"))
        else:
            prog, ph = stack([Para(wrap_at_spaces(notation(puzzle.solution, family, lang), size, mw), size=size)], mx, cy, mw, furigana=False, role="board-plan-program")
            if cy - ph >= y_top - h + pad:
                items += prog
        # Right: the pupils' ideas, then the まとめ.
        rx, rw = x + left_w + mid_w + pad, right_w - 2 * pad
        ch = 0.0
        if lesson.conclusion:
            block = _boxed_block(rx, rw, word("conclusion", lang), tidy_text(lesson.conclusion), lang, "board-plan-conclusion", size)
            _, ch = block(0.0)
            if ch <= inner * 0.6:
                c_items, _ = block(y_top - h + pad + ch)
                items += c_items
            else:
                ch = 0.0
        shown = list(ideas)
        while True:  # as many of the ideas as fit above the まとめ
            paras = [Para(word("board_plan_ideas", lang), bold=True, size=size)] + [Para(tidy_text(r), size=size, bullet=BULLET if lang == "ja" else "•") for r in shown]
            idea_items, ih = stack(paras, rx, y_top - pad, rw, furigana=False, role="board-plan-ideas")
            if ih <= inner - ch - 4 or not shown:
                break
            shown.pop()
        if ih <= inner - ch - 4:
            items += idea_items
        return items, h

    return build


def _agenda(flow: Flow, checked: CheckedLesson, fur: bool) -> None:
    lang = _lang(checked)
    w = flow.width
    time_w = 34.0 if lang == "ja" else 40.0
    widths = (w * 0.36, time_w, w * 0.64 - time_w - w * 0.2, w * 0.2)
    header = Row((word("activity", lang) + ("・" if lang == "ja" else " / ") + word("responses", lang), word("minutes_col", lang), word("support", lang), word("assessment", lang)))
    rows: list[Row] = []
    groups = _phase_groups(checked.lesson.flow)
    band_words: dict[str, str] = {}
    for phase, items in groups:
        name = word(f"phase_{phase.value}", lang)
        band = word("phase_band", lang, phase=name, n=sum(p.minutes for p in items))
        band_words[band] = name
        rows.append(Row((Para(band, bold=True),), band=True, fill=0.92, keep_with_next=True))
        for p in items:
            activity = [Para(tidy_text(p.activity))]
            if p.responses:
                activity.append(Para(word("responses", lang), bold=True, size=TABLE_SIZE - 0.5))
                activity += [Para(tidy_text(r), bullet=BULLET if lang == "ja" else "•") for r in p.responses]
            support = [Para(s, bullet=BULLET if lang == "ja" else "•") for s in _points(p.support, lang)]
            assessment = [Para(s) for s in _points(p.assessment, lang, split=False)]
            if p.mark and assessment:
                mark = "☆" if p.mark == "subject" else "★"
                assessment[0] = Para(mark + assessment[0].text)
            minutes = [Para(word("minutes_short", lang, n=p.minutes), align="center")]
            rows.append(Row((activity, minutes, support or "", assessment or "")))

    def continued(band) -> Row | None:
        text = band.cells[0][0].line.text if band.cells and band.cells[0] else ""
        for full, name in band_words.items():
            if plain_text(full) == text:
                return Row((Para(word("continued", lang, phase=name), bold=True),), band=True, fill=0.92)
        return None

    add_table(flow, widths, header, rows, TableStyle(size=TABLE_SIZE, furigana=fur), continued=continued)


def _phase_groups(flow: list[Phase]) -> list[tuple[PhaseName, list[Phase]]]:
    """Consecutive rows of the same phase, together."""
    groups: list[tuple[PhaseName, list[Phase]]] = []
    for p in flow:
        if groups and groups[-1][0] is p.phase:
            groups[-1][1].append(p)
        else:
            groups.append((p.phase, [p]))
    return groups


_OPENERS, _CLOSERS = "「『（(【", "」』）)】"


def _points(text: str, lang: str, split: bool = True) -> list[str]:
    """A note as separate points: one per line, and for Japanese one per
    sentence (not splitting inside 「…」 or （…）)."""
    out: list[str] = []
    for line in tidy_text(text).split("\n"):
        line = line.strip()
        if not line:
            continue
        if lang != "ja" or not split:
            out.append(line)
            continue
        depth, start = 0, 0
        for i, ch in enumerate(line):
            if ch in _OPENERS:
                depth += 1
            elif ch in _CLOSERS:
                depth = max(0, depth - 1)
            elif ch == "。" and depth == 0:
                out.append(line[start : i + 1].strip())
                start = i + 1
        if line[start:].strip():
            out.append(line[start:].strip())
    return out


# -- the answer key ------------------------------------------------------------

ANSWER_BOARD = 0.40  # of the body width
BUG_BOARD = 0.28
GUTTER = 12.0


def _fit_board(checked: CheckedLesson, world, x: float, y_top: float, w: float, h_max: float, trace: Trace | None, max_cell: float):
    """Plan the board as large as fits in w × h_max, then tighten it to its
    own height so the text beside it starts level with its top."""
    drawing = drawing_for(checked.family.name)
    kana = not latin_ok(checked.lesson)  # columns as the pupils' boards label them
    plan = drawing.plan_board(world, x, y_top - h_max, w, h_max, trace=trace, max_cell=max_cell, kana=kana)
    top = max([plan.y + plan.height] + [ly + plan.label_size for _, ly, _ in plan.labels])
    used = min(h_max, top - plan.y + 1)
    plan = drawing.plan_board(world, x, y_top - used, w, used, trace=trace, max_cell=max_cell, kana=kana)
    return drawing, plan, used


ENTRY_SEP = {"ja": "\u3000", "en": "; "}  # between squares sharing a line of the list
LISTED_SIZE = 8.0  # the steps listed beside a board: well above the 6 pt floor


def step_ranges(numbers: tuple[int, ...], lang: str) -> list[str]:
    """Step numbers as a teacher reads them: runs of three or more as a
    range ('5〜7', '5–7'), the rest one by one; every number is there."""
    parts: list[str] = []
    k = 0
    while k < len(numbers):
        j = k
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j - k >= 2:
            parts.append(f"{numbers[k]}{'〜' if lang == 'ja' else '–'}{numbers[j]}")
            k = j + 1
        else:
            parts.append(str(numbers[k]))
            k += 1
    return parts


def wrap_tokens(head: str, tokens: list[str], sep: str, size: float, width: float) -> str:
    """``head`` then ``tokens`` joined by ``sep``, broken only after a
    separator, so a number or a range ('131〜133') is never split."""
    space = " " if sep.endswith(" ") else ""
    lines = [head]
    for k, token in enumerate(tokens):
        piece = token + (sep.rstrip() if k + 1 < len(tokens) else "")
        glue = space if k else ""
        if k and text_width(lines[-1] + glue + piece, size, False) > width - 0.5:
            lines.append(piece)
        else:
            lines[-1] += glue + piece
    return "\n".join(lines)


def listed_steps(plan, lang: str, width: float) -> list[Para]:
    """The step list beside a board for the squares too small for all their
    step numbers (a plan without ``listed_steps`` lists none)."""
    listed = plan.listed_steps() if hasattr(plan, "listed_steps") else []
    if not listed:
        return []
    from lessonkit.render.worlds.grid import LISTED

    paras = [Para(word("steps_listed", lang, mark=LISTED), bold=True, size=LISTED_SIZE)]
    between = ENTRY_SEP[lang]
    line = ""
    for square, numbers in listed:
        head = word("steps_listed_row", lang, square=square, steps="")
        text = wrap_tokens(head, step_ranges(numbers, lang), word("list_sep", lang), LISTED_SIZE, width)
        if line and "\n" not in text and text_width(line + between + text, LISTED_SIZE, False) <= width - 0.5:
            line += between + text  # short rows share a line
            continue
        if line:
            paras.append(Para(line, size=LISTED_SIZE))
        line = text
        if "\n" in text:  # a row over several lines stands alone
            paras.append(Para(line, size=LISTED_SIZE))
            line = ""
    if line:
        paras.append(Para(line, size=LISTED_SIZE))
    return paras


def _board_item(drawing, plan, x: float, y_top: float, w: float, h: float, color: bool) -> DrawItem:
    return DrawItem(Rect(x, y_top - h, w, h), lambda c, plan=plan: drawing.draw_board(c, plan, color=color), role="board")


Block = Callable[[float], tuple[list[Item], float]]  # y_top -> items, height


def _listed_beside(plan, lang: str, board: tuple[float, float, float], text: tuple[float, float, float]) -> tuple[list[Item], float]:
    """The step list (:func:`listed_steps`) under the board or under the text
    beside it, whichever keeps the block shorter (under the text on a tie).
    ``board`` and ``text`` are (x, bottom, width) of the two columns; returns
    the items and the block's new bottom."""
    bx, b_bottom, bw = board
    tx, t_bottom, tw = text
    low = min(b_bottom, t_bottom)
    if not listed_steps(plan, lang, tw):
        return [], low
    right, rh = stack(listed_steps(plan, lang, tw), tx, t_bottom - 3, tw, furigana=False, role="steps-listed")
    left, lh = stack(listed_steps(plan, lang, bw), bx, b_bottom - 4, bw, furigana=False, role="steps-listed")
    right_low, left_low = min(t_bottom - 3 - rh, b_bottom), min(b_bottom - 4 - lh, t_bottom)
    return (right, right_low) if right_low >= left_low - EPS else (left, left_low)


def _answer(flow: Flow, checked: CheckedLesson, index: int, puzzle: CheckedPuzzle, options: BuildOptions) -> Block:
    lang = _lang(checked)
    fur = False  # teacher-facing text: never furigana
    family = checked.family
    left_w = flow.width * ANSWER_BOARD
    right_x = flow.x + left_w + GUTTER
    right_w = flow.width - left_w - GUTTER
    ends = end_cards(puzzle.solution.card_counts())
    cards = len(puzzle.solution) + ends  # the End cards are laid down too
    steps = len(puzzle.trace.steps)
    counted = word("cards_line_end" if ends else "cards_line", lang, cards=cards, ends=ends, steps=steps)
    name = puzzle_name(puzzle.spec, lang, pupils=False)
    title = f"{word('puzzle_n', lang, n=index + 1)}　{name}" if lang == "ja" else f"{word('puzzle_n', lang, n=index + 1)}: {name}"
    paras = []
    rules = teacher_rules(checked, puzzle)
    if rules:  # the puzzle's own cards, limit and goal rule, before its answer
        paras.append(Para(rules, size=BODY_SIZE))
    paras.append(Para(word("solution", lang) + (f"（{counted}）" if lang == "ja" else f" ({counted})"), bold=True, size=BODY_SIZE))
    paras.append(Para(wrap_at_spaces(notation(puzzle.solution, family, lang), BODY_SIZE, right_w), size=BODY_SIZE))
    tail: list[Para] = []
    if puzzle.alternatives:
        tail.append(Para(word("alternatives", lang), bold=True, size=BODY_SIZE))
        for program, _ in puzzle.alternatives:
            bullet = BULLET if lang == "ja" else "•"
            text = wrap_at_spaces(notation(program, family, lang), BODY_SIZE - 0.5, right_w - 2 * (BODY_SIZE - 0.5))
            tail.append(Para(text, size=BODY_SIZE - 0.5, bullet=bullet))
    solved = puzzle.solved
    notes = hook(checked.family.name, "answer_notes")
    if notes is not None:
        tail += [Para(text, size=SMALL_SIZE) for text in notes(checked, puzzle, lang)]
    elif solved is not None and solved.shortest is not None:
        count = solved.counts[solved.shortest] if solved.shortest < len(solved.counts) else 0
        key = "shortest_one" if count == 1 else "shortest"
        tail.append(Para(word(key, lang, length=solved.shortest, count=count), size=SMALL_SIZE))
    elif solved is not None:
        tail.append(Para(word("unsolved", lang), size=SMALL_SIZE))

    def build(y_top: float, listed: bool = True) -> tuple[list[Item], float]:
        items: list[Item] = [LineItem(flow.x, y_top, flow.x + flow.width, y_top, 0.8, role="rule")]
        y_top -= 5
        title_items, th = stack([Para(title, bold=True, size=BODY_SIZE + 1)], flow.x, y_top, flow.width, furigana=fur, role="answer-title")
        items += title_items
        top = y_top - th - 4
        h_max = min(flow.fresh_room() - th - 8, 230.0)
        drawing, plan, bh = _fit_board(checked, puzzle.world, flow.x, top, left_w, h_max, puzzle.trace, 30.0)
        items.append(_board_item(drawing, plan, flow.x, top, left_w, bh, options.color))
        text_items, h1 = stack(paras, right_x, top, right_w, furigana=fur)
        items += text_items
        y = top - h1 - 3
        minis = plan_mini_cards(program_rows(puzzle.solution, family, lang), right_x, y, right_w)
        if minis is not None and len(minis[0]) <= 60:
            for mx, my, token in minis[0]:
                items.append(DrawItem(Rect(mx, my, _mini_width(token), MINI), _paint_mini(token, mx, my, options.color), role="mini-card"))
            y -= minis[1] + 2
        tail_items, h2 = stack(tail, right_x, y, right_w, furigana=fur)
        items += tail_items
        y -= h2
        build.plan = plan
        beside, low = _listed_beside(plan, lang, (flow.x, top - bh, left_w), (right_x, y, right_w)) if listed else ([], min(y, top - bh))
        return items + beside, y_top + 5 - low

    build.listed_apart = lambda width: listed_steps(build.plan, lang, width)
    return build


def _place_block(flow: Flow, build: Block) -> None:
    """Measure a block, keep it whole on one page, and place it.  A block
    whose step list (:func:`listed_steps`) makes it taller than a page is
    placed without it, and the list flows on after it, over pages."""
    _, h = build(0.0)
    flow.space(SECTION_GAP)
    apart = getattr(build, "listed_apart", None)
    listed = apart is None or h <= flow.fresh_room() + EPS
    if not listed:
        _, h = build(0.0, listed=False)
    top = flow.reserve(h)
    items, _ = build(top) if listed else build(top, listed=False)
    for item in items:
        flow.page.add(item)
    if not listed:
        for k, para in enumerate(apart(flow.width)):
            flow.space(3 if k else 6)
            add_text(flow, para.text, para.size or LISTED_SIZE, bold=para.bold, furigana=False, role="steps-listed")


def _in_rounds(rounds: tuple[int, ...], lang: str) -> str:
    """Which time round the loops were on: '（くりかえしの3回目）', ' (round 3 of the loop)'."""
    if not rounds:
        return ""
    if len(rounds) == 1:
        return word("in_round", lang, n=rounds[0])
    return word("in_rounds", lang, rounds="・".join(str(r) for r in rounds) if lang == "ja" else "/".join(str(r) for r in rounds))


def endless_from(world, program: Program, family: type[Family], max_steps: int, stop_at_goal: bool = False) -> tuple[int, int] | None:
    """(a, b) when the run of ``program`` is endless for certain: step b is
    the first step that repeats an earlier one, step a, exactly (same card,
    same place in the program with every loop's count and call, same board).

    The analysis is the interpreter's own cycle detection, the one
    ``lessonkit run`` reports ("from step N the robot repeats ..."): the run
    came back to where it was after step a (or, for a = 1, to where it
    started), so it goes round for ever.  None when it proves no cycle
    within ``max_steps``."""
    from lessonkit.simulate import run as simulate

    trace = simulate(world, program, frozenset(family.actions()), frozenset(family.conditions()), max_steps, stop_at_goal=stop_at_goal, detect_cycle=True)
    if trace.cycle is None:
        return None
    first, length = trace.cycle
    # After step first - 1 (0: the start) the run is where it is again after
    # step first - 1 + length; the step after the start has no earlier twin
    # until the round is walked once more.
    return (first - 1, first - 1 + length) if first > 1 else (1, 1 + length)


def _why_not_goal(world, state, lang: str, item: str, kana: bool = False) -> str:
    """The world's words for what is missing, in ``lang`` (squares named with
    kana columns where the world's boards have them: it takes ``kana``)."""
    import inspect

    if kana and "kana" in inspect.signature(world.why_not_goal).parameters:
        return world.why_not_goal(state, lang, item, kana=True)
    return world.why_not_goal(state, lang, item)


def where_it_goes_wrong(trace: Trace, family: type[Family], lang: str, max_steps: int, world=None, item: str = "", program: Program | None = None, kana: bool = False, stop_at_goal: bool = False) -> tuple[str, str]:
    """('where', 'why') for a bug's trace, in the lesson's language: every
    word from the run (the step, the card, the round, the world's reason)."""
    steps = trace.steps

    def card_name(name: str) -> str:
        info = card_info(family, name)
        if info is None:
            return name
        if names_are_labels(family) and info in family.cards:
            return printed_label(info, lang)
        return info.ja if lang == "ja" else info.label_en

    if trace.outcome is Outcome.CRASH:
        step = steps[-1]
        failure = step.error
        why = (failure.reason_ja or failure.reason) if (failure and lang == "ja") else (failure.reason if failure else trace.reason)
        return word("bug_where", lang, n=step.number, card=card_name(step.card)) + _in_rounds(step.rounds, lang), word("bug_why", lang, why=why)
    if trace.outcome is Outcome.UNKNOWN_CARD:
        n = trace.failed_at or 1
        name = trace.unknown or "?"
        return word("bug_where", lang, n=n, card=name), word("bug_why", lang, why=word("why_unknown", lang, card=name))
    if trace.outcome is Outcome.STEP_LIMIT:
        cycle = endless_from(world, program, family, max_steps, stop_at_goal) if program is not None and world is not None else None
        if cycle is not None:
            why = word("why_cycle", lang, a=cycle[0], b=cycle[1])
        else:
            why = word("why_limit", lang, n=max_steps)
        return word("bug_where_limit", lang, n=max_steps), word("bug_why", lang, why=why)
    reason = _why_not_goal(world, trace.final, lang, item, kana) if world is not None else trace.reason
    if not steps:
        return word("bug_where_none", lang), word("bug_why", lang, why=reason)
    last = steps[-1]
    return word("bug_where_stopped", lang, n=last.number, card=card_name(last.card)) + _in_rounds(last.rounds, lang), word("bug_why", lang, why=reason)


def _bug(flow: Flow, checked: CheckedLesson, puzzle: CheckedPuzzle, j: int, bug: CheckedBug, options: BuildOptions) -> Block:
    lang = _lang(checked)
    fur = False  # teacher-facing text: never furigana
    family = checked.family
    left_w = flow.width * BUG_BOARD
    right_x = flow.x + left_w + GUTTER
    right_w = flow.width - left_w - GUTTER
    where, why = where_it_goes_wrong(
        bug.trace, family, lang, puzzle.max_steps, puzzle.world, plain_text(checked.lesson.item), bug.program,
        kana=not latin_ok(checked.lesson), stop_at_goal=puzzle.spec.goal_rule == "stop",
    )
    colon = "：" if lang == "ja" else ": "
    paras = [
        Para(word("bug", lang, n=j + 1), bold=True, size=BODY_SIZE),
        Para(wrap_at_spaces(notation(bug.program, family, lang), BODY_SIZE, right_w), size=BODY_SIZE),
        Para(where, size=BODY_SIZE - 0.5),
        Para(why, size=BODY_SIZE - 0.5),
        Para(word("hint", lang) + colon + tidy_text(bug.spec.hint), size=BODY_SIZE - 0.5),
    ]
    if bug.spec.explanation:
        paras.append(Para(word("explanation", lang) + colon + tidy_text(bug.spec.explanation), size=BODY_SIZE - 0.5))

    def build(y_top: float, listed: bool = True) -> tuple[list[Item], float]:
        items: list[Item] = []
        drawing, plan, bh = _fit_board(checked, puzzle.world, flow.x, y_top, left_w, 150.0, bug.trace, 22.0)
        build.plan = plan
        items.append(_board_item(drawing, plan, flow.x, y_top, left_w, bh, options.color))
        text_items, h = stack(paras, right_x, y_top, right_w, furigana=fur)
        items += text_items
        beside, low = _listed_beside(plan, lang, (flow.x, y_top - bh, left_w), (right_x, y_top - h, right_w)) if listed else ([], min(y_top - h, y_top - bh))
        return items + beside, y_top - low

    build.listed_apart = lambda width: listed_steps(build.plan, lang, width)
    return build


# -- drawing ------------------------------------------------------------------


def render_guide(checked: CheckedLesson, options: BuildOptions) -> Rendered:
    """teacher-guide.pdf for ``checked`` (same input, same bytes); raises
    LayoutError if anything would print outside the printable area."""
    from lessonkit.render.fonts import latin_text

    lang = _lang(checked)
    with latin_text(lang == "en"):  # English: Latin text in the proportional face
        pages = plan_guide(checked, options)
        meta = document_meta("guide", checked.lesson.title, lang)
        return draw_pages(pages, options.paper, lang=lang, **meta)
