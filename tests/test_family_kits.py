"""The paper and procedure kits: through the kit protocol, checked as data and on the PDFs."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from lessonkit.check import check_file
from lessonkit.render.options import BuildOptions
from lessonkit.render.worlds import DRAWINGS, drawing_for, has_icon

from conftest import pdf_lines

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
PAPER_JA = LESSONS / "ja" / "g3-dot-picture.yaml"
PAPER_EN = LESSONS / "en" / "graph-paper-programming.yaml"
TEA = LESSONS / "ja" / "g3-make-tea.yaml"
MORNING = LESSONS / "ja" / "g1-morning-routine.yaml"


@lru_cache(maxsize=None)
def checked(path: Path):
    result = check_file(path)
    assert result.ok, [str(d) for d in result.diagnostics]
    return result.checked


@lru_cache(maxsize=None)
def text(path: Path, document: str) -> list[list[str]]:
    from lessonkit.build import DOCUMENTS

    rendered = DOCUMENTS[document](checked(path), BuildOptions(groups=1))
    return pdf_lines(rendered.data)


def joined(path: Path, document: str) -> str:
    return "\n".join("\n".join(page) for page in text(path, document))


def test_every_card_of_every_family_has_a_face():
    from lessonkit.worlds import FAMILIES

    drawn = [f for f in FAMILIES.values() if f.name in DRAWINGS]  # families whose kits print
    assert {"grid", "paper", "procedure"} <= {f.name for f in drawn}
    for family in drawn:
        for info in family.cards:
            assert has_icon(info.icon), (family.name, info.name)
    # Every step card a procedure lesson can name has a face too.
    from lessonkit.worlds.procedure import ICONS as STEP_PICTURES

    assert all(has_icon(f"step:{name}") for name in STEP_PICTURES)


def test_the_answer_key_numbers_every_fill_in_order():
    lesson = checked(PAPER_JA)
    drawing = drawing_for("paper")
    for puzzle in lesson.puzzles:
        plan = drawing.plan_board(puzzle.world, 0, 0, 300, 300, trace=puzzle.trace)
        fills = [s for s in puzzle.trace.steps if s.card == "fill"]
        assert [n[2] for n in plan.numbers] == [str(k) for k in range(1, len(fills) + 1)]
        assert [(n[0], n[1]) for n in plan.numbers] == [(s.state.row, s.state.col) for s in fills]
        assert plan.filled == puzzle.world.target


def test_pupils_see_the_picture_or_for_a_decode_puzzle_an_empty_sheet():
    lesson = checked(PAPER_JA)
    drawing = drawing_for("paper")
    for puzzle in lesson.puzzles:
        plan = drawing.plan_board(puzzle.world, 0, 0, 300, 300)
        assert plan.filled == (frozenset() if puzzle.world.decode else puzzle.world.target)
        assert plan.pen == puzzle.world.pen


def test_the_order_diagram_draws_exactly_the_covering_pairs():
    lesson = checked(TEA)
    drawing = drawing_for("procedure")
    for puzzle in lesson.puzzles:
        plan = drawing.plan_board(puzzle.world, 0, 0, 200, 200, trace=puzzle.trace)
        assert len(plan.arrows) == len(puzzle.analysis.before)
        assert len(plan.nodes) == len({s.card for s in puzzle.trace.steps})


@lru_cache(maxsize=None)
def flat(path: Path, document: str) -> str:
    """The document's text in drawing order (pypdf's plain extraction: a
    line beside a board stays whole), spaces and line breaks dropped."""
    import io

    import pypdf
    from lessonkit.build import DOCUMENTS

    rendered = DOCUMENTS[document](checked(path), BuildOptions(groups=1))
    pages = pypdf.PdfReader(io.BytesIO(rendered.data)).pages
    return "".join(page.extract_text() for page in pages).replace(" ", "").replace("\n", "")


def notes(path: Path, which: int | str) -> list[str]:
    """The answer key's notes on a puzzle (by index, or by id)."""
    lesson = checked(path)
    puzzle = next(p for p in lesson.puzzles if p.spec.id == which) if isinstance(which, str) else lesson.puzzles[which]
    return drawing_for(lesson.family.name).answer_notes(lesson, puzzle, lesson.lesson.language)


def test_the_paper_answer_key_gives_the_solvers_counts():
    assert notes(PAPER_JA, "stripes") == [
        "左の図の番号は塗る順、点線はペンの道すじ",
        "くりかえしを使わない最短のプログラム：32枚",
        "くりかえしを使うと：12枚（エンドカードを含む。班のカードで並べられるもので、探した中で最短）",
        "くりかえしで 32枚 → 12枚",
    ]
    assert notes(PAPER_JA, 0)[0] == "読み取ると、左の絵になる（番号は塗る順）"
    assert "くりかえしで32枚→12枚" in flat(PAPER_JA, "answer-key.pdf")
    assert notes(PAPER_EN, 1)[1:] == ["Shortest program without repeat cards: 21 cards", "With repeat cards: 17 cards, End cards included (the shortest the search found that a group's kit can lay)", "Repeat shortens it: 21 cards → 17 cards"]
    assert "Repeatshortensit:21cards→17cards" in flat(PAPER_EN, "answer-key.pdf")


def test_the_procedure_answer_key_lists_the_orders_and_what_to_leave_out():
    tea = notes(TEA, 0)
    assert tea[:3] == ["正しい並べ方：3通り", "すべての並べ方：", "1. やかんに 水を 入れる→おゆを わかす→きゅうすに ちゃばを 入れる→きゅうすに おゆを そそぐ"]
    assert notes(TEA, 1)[0] == "使わないカード：「ゆのみを あらう」"
    morning = [notes(MORNING, k) for k in range(3)]
    assert morning[0] == ["正しい並べ方は1通りだけ"]
    assert morning[2][1:] == ["正しい並べ方：30通り", "並べ方が多いので、左の図の矢印（矢印の元を先にする）を守っていればどれも正しい"]
    guide = flat(MORNING, "answer-key.pdf")
    assert "正しい並べ方：30通り" in guide and "使わないカード：「ねる」" in guide


def test_the_worksheets_carry_each_familys_work_area():
    sheet = joined(PAPER_JA, "worksheet.pdf")
    assert "じぶんの えを かこう" in sheet
    assert "ここに かこう" in sheet
    assert "なんの えに なったかな？" in sheet
    assert "Draw your own picture" in joined(PAPER_EN, "worksheet.pdf")
    assert "ならべかたは いくつ みつかった？" in joined(MORNING, "worksheet.pdf")


@pytest.mark.parametrize("path", [MORNING, TEA])
def test_step_cards_print_the_lessons_labels(path):
    cards = flat(path, "cards.pdf")
    lesson = checked(path)
    from lessonkit.spec.ruby import plain_text

    for step in lesson.family.step_defs.values():
        # A long label wraps at its spaces onto two lines: each part is printed.
        assert all(part in cards for part in plain_text(step.label).split()), step.label


def test_solve_shows_the_paper_solvers_shortest_row(cli):
    result = cli("solve", str(PAPER_JA), "stripes")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "  shortest: 32 cards (one card a step, no repeat)" in lines


def test_pupils_see_each_puzzles_start_and_goal_and_a_handout_says_which_puzzle_it_is():
    """A teacher's review: the handout 「わかす ちゃば そそぐ」 never told pupils
    the kettle is empty.  Each puzzle's sheet gives its start (when anything
    holds) and goal in the facts' words, from the puzzle; a handout names its
    puzzle and repeats them."""
    from lessonkit.spec.ruby import plain_text

    lesson = checked(TEA)
    sheet = flat(TEA, "worksheet.pdf")
    for k, puzzle in enumerate(lesson.puzzles):
        world = puzzle.world
        held = [plain_text(f.label) for f in world.facts if world.holds(world.start, f.name)]
        goal = [plain_text(world.facts[world.index[g]].label) for g in world.goal]
        assert ("はじめ：" + "、".join(held)).replace(" ", "") in sheet
        assert ("ゴール：" + "、".join(goal)).replace(" ", "") in sheet
    assert "「4．【ちょうせん】やかんがからっぽのひ」のプログラム。はじめ：やかんがからっぽ。ゴール：おちゃができた。" in sheet
    # Nothing holds at the start of the morning: no start line, the goal only.
    morning = flat(MORNING, "worksheet.pdf")
    assert "はじめ：" not in morning and "ゴール：ランドセルをせおった" in morning


def test_no_program_is_right_in_one_puzzle_and_a_bug_in_another_of_the_tea_lesson():
    """The simulation decides: 「わかす ちゃば そそぐ」 reaches the goal when the
    kettle has water and stops at step 1 when it is empty; the puzzle with
    water asks for a procedure for both days, so it is no right answer there."""
    lesson = checked(TEA)
    full, empty = lesson.puzzles[2], lesson.puzzles[3]
    bug = empty.bugs[1]
    assert bug.trace.failed_at == 1 and not bug.trace.reached_goal
    assert all(program != bug.program for program, _ in full.alternatives)
    assert lesson.lesson.mext == "B"


@pytest.mark.parametrize("path", [MORNING, TEA])
def test_the_numbered_strip_has_a_slot_for_each_card_the_longest_right_answer_lays(path):
    """A teacher's review: the morning strips had 6, 7 and 10 slots for
    answers of 3, 4 and 7 cards.  The slots are decided from the puzzle's
    answers (control and End cards counted), on the worksheet as drawn."""
    from lessonkit.fewest import cards_laid
    from lessonkit.render.worksheet import plan_worksheet

    lesson = checked(path)
    drawing = drawing_for("procedure")
    want = [max([cards_laid(p.solution)] + [cards_laid(a) for a, _ in p.alternatives] + [cards_laid(b.program) for b in p.bugs if not b.spec.handout or b.spec.handout == "lay"]) for p in lesson.puzzles]
    drawn = [len(drawing.plan_board(p.world, 0, 0, 500, 300).slots) for p in lesson.puzzles]
    assert drawn == want
    if path == MORNING:
        assert want == [3, 4, 8]  # all-ready's bug 1, which a group lays from its kit, has 8 cards
    # On the sheet itself: one group's pages hold exactly that many slot numbers in boards.
    boards = [it for page in plan_worksheet(lesson, BuildOptions(groups=1)) for it in page.items if getattr(it, "role", "") == "board"]
    assert len(boards) == len(lesson.puzzles)


PROCEDURE_LESSONS = sorted(p for p in LESSONS.glob("*/*.yaml") if "\nworld: procedure" in p.read_text(encoding="utf-8"))


def test_every_bundled_procedure_lesson_is_found():
    assert {MORNING, TEA} <= set(PROCEDURE_LESSONS)


@pytest.mark.parametrize("path", PROCEDURE_LESSONS, ids=lambda p: p.stem)
def test_every_program_a_group_lays_fits_the_numbered_strip(path):
    """The review (F5): all-ready's bug 1 in g1-morning-routine, which a group
    lays from its kit (no 'handout'), has 8 cards; the strip had 7 slots.
    Every program a group lays on the strip (solution, alternatives, bugs
    with no 'handout' or 'handout: lay') fits the strip as the worksheet draws it."""
    from lessonkit.fewest import cards_laid

    lesson = checked(path)
    assert lesson.lesson.world == "procedure"
    drawing = drawing_for("procedure")
    for p in lesson.puzzles:
        slots = len(drawing.plan_board(p.world, 0, 0, 500, 300).slots)
        laid = [("solution", p.solution)] + [(f"alternative {j + 1}", a) for j, (a, _) in enumerate(p.alternatives)]
        laid += [(f"bug {j + 1}", b.program) for j, b in enumerate(p.bugs) if not b.spec.handout or b.spec.handout == "lay"]
        for what, program in laid:
            assert cards_laid(program) <= slots, (p.spec.id, what, cards_laid(program), slots)


@pytest.mark.parametrize("paper", ["a4", "b4", "a3"])
@pytest.mark.parametrize("path", [MORNING, TEA])
def test_step_card_labels_are_large_one_size_and_break_only_between_words(path, paper):
    """Step cards are their words, read across a desk: larger than the
    shared 13 pt, one size for the whole set, never under the pupils' size
    for the grade (14 pt in grades 1-2), and a label breaks only at its
    spaces (分かち書き: 「いってきます」 stays whole)."""
    from lessonkit.render.cards import LABEL_SIZE, card_labels
    from lessonkit.spec.ruby import plain_text

    lesson = checked(path)
    labels = card_labels(lesson, BuildOptions(paper=paper))
    sizes = {label.size for label in labels.values()}
    assert len(sizes) == 1
    size = sizes.pop()
    assert size > LABEL_SIZE and size >= (14.0 if min(lesson.lesson.grades) <= 2 else 11.0)
    texts = {info.name: plain_text(info.label_ja) for info in lesson.family.cards} | {name: None for name in labels}
    for name, label in labels.items():
        words = [line.text.strip() for line in label.lines]
        assert all(words) and len(words) <= 3
        if texts.get(name):
            assert " ".join(words).split() == texts[name].split(), (name, words)


@pytest.mark.parametrize("path", [MORNING, TEA])
def test_the_procedure_lessons_plan_a_unit_and_fit_45_minutes(path):
    """Both lessons name their unit with aims, criteria, 単元について and a
    plan marking this lesson; the guide prints the めあて and まとめ boxed;
    the flow adds up to 45 minutes and only two puzzles are for every group,
    the rest marked as extensions (8 groups, one teacher going round)."""
    lesson = checked(path).lesson
    unit = lesson.unit_info
    assert unit is not None and unit.name and unit.goals and unit.criteria and unit.about
    assert [row.this for row in unit.plan].count(True) == 1
    assert lesson.aim and lesson.conclusion
    assert sum(phase.minutes for phase in lesson.flow) == 45
    assert len([p for p in lesson.puzzles if not p.extension]) == 2
    guide = flat(path, "teacher-guide.pdf")
    from lessonkit.spec.ruby import plain_text

    for text in (unit.name, "めあて" + plain_text(lesson.aim), "まとめ" + plain_text(lesson.conclusion), "本時（2/"):
        assert text.replace(" ", "").replace("　", "") in guide, text


def _crosses(p0, p1, box) -> bool:
    """Whether the segment p0-p1 passes through the inside of box (x, y, w, h)."""
    x, y, w, h = box
    x0, y0 = p0
    x1, y1 = p1
    steps = 200
    for k in range(1, steps):
        t = k / steps
        px, py = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        if x + 1 < px < x + w - 1 and y + 1 < py < y + h - 1:
            return True
    return False


@pytest.mark.parametrize("size", [(165.0, 150.0), (300.0, 200.0)])
@pytest.mark.parametrize("path", [MORNING, TEA])
def test_the_order_diagram_keeps_nodes_apart_inside_and_arrows_off_other_steps(path, size):
    """Seen on the answer key: an arrow drawn over steps it does not join, and
    labels shrunk to 5 pt in a narrow column.  As data: the nodes lie inside
    the box without overlapping, no arrow runs through a step it does not
    join, and every label is 6.5 pt or more, on at most two lines broken at a space."""
    drawing = drawing_for("procedure")
    for puzzle in checked(path).puzzles:
        w, h = size
        plan = drawing.plan_board(puzzle.world, 0, 0, w, h, trace=puzzle.trace)
        boxes = [box for box, _ in plan.nodes]
        for k, (bx, by, bw, bh) in enumerate(boxes):
            assert -1e-6 <= bx and bx + bw <= w + 1e-6 and -1e-6 <= by and by + bh <= h + 1e-6
            for ox, oy, ow, oh in boxes[k + 1 :]:
                assert bx + bw <= ox + 1e-6 or ox + ow <= bx + 1e-6 or by + bh <= oy + 1e-6 or oy + oh <= by + 1e-6
        # An arrow leaves a step's bottom edge and ends on a step's top edge:
        # inside no step on its way, waypoints and all.
        for p0, p1 in plan.arrows + plan.lines:
            assert not any(_crosses(p0, p1, b) for b in boxes), (puzzle.spec.id, p0, p1)
        for (bx, by, bw, bh), text in plan.nodes:
            size_, lines = drawing.node_text(text, bw, bh, plan.text_size)
            assert size_ >= 6.5 and len(lines) <= 2 and " ".join(lines) == text, (text, size_)


def test_the_crossed_step_of_a_bug_keeps_its_words_clear_of_the_cross():
    """Seen on the tea answer key: 「きゅうすに おゆを そそぐ」 ran under the ×."""
    from lessonkit.render.fonts import text_width

    drawing = drawing_for("procedure")
    for path in (MORNING, TEA):
        for puzzle in checked(path).puzzles:
            for bug in puzzle.bugs:
                plan = drawing.plan_board(puzzle.world, 0, 0, 140, 150, trace=bug.trace)
                (nx, ny, nw, nh), text = next((box, t) for box, t in plan.nodes if box == plan.crossed)
                cross_left = nx + nw - nh * 0.6 - nh * 0.35
                room = nw - nh * 1.2
                size, lines = drawing.node_text(text, room, nh, plan.text_size)
                assert all(nx + (room - text_width(line, size, True)) / 2 + text_width(line, size, True) <= cross_left + 1e-6 for line in lines)


def test_a_handout_note_breaks_only_between_words():
    """Seen on the g1 worksheet: 「ゴール：いってき／ます」 (the note was not
    read as 分かち書き text, so it broke inside a word)."""
    from lessonkit.render.text import is_spaced, layout_text
    from test_pupil_text import bad_break

    for path in (MORNING, TEA):
        lesson = checked(path)
        for puzzle in lesson.puzzles:
            note = drawing_for("procedure").handout_note(lesson, puzzle, "ja")
            assert is_spaced(note)
            for width in range(200, 520, 23):  # from the longest word up
                lines = layout_text(note, 14.0, max_width=width)
                assert all(bad_break(line) is None for line in lines), [line.text for line in lines]


@pytest.mark.parametrize("path", [MORNING, TEA])
def test_the_guide_and_answer_key_draw_from_the_checks_order_count(path, monkeypatch):
    """The review (F7): the order count (a dynamic programme over 2^n nodes)
    ran again for every diagram the guide and answer key planned, 8 times a
    build for one puzzle.  After the check, drawing counts nothing again."""
    import lessonkit.worlds.procedure as procedure
    from lessonkit.build import DOCUMENTS

    lesson = checked(path)
    counted = []
    real = procedure._count
    monkeypatch.setattr(procedure, "_count", lambda world, cards: counted.append(cards) or real(world, cards))
    for document in ("teacher-guide.pdf", "answer-key.pdf"):
        DOCUMENTS[document](lesson, BuildOptions(groups=1))
    assert counted == []
    assert all(p.analysis is procedure.orders_of(p.world, p.analysis.steps) for p in lesson.puzzles if p.analysis is not None)


@pytest.mark.parametrize("path", [MORNING, TEA])
def test_the_guide_and_answer_key_quote_programs_in_the_words_printed_on_the_cards(path):
    """A teacher's review: the answer key wrote programs with the lesson's card
    keys (おきる きがえ ランドセル) while pupils' cards say 「ふくを きがえる」.
    Programs the answer key quotes use the printed labels, no program in the
    keys' words is left in the guide or the key,
    and a bug's "where" names the card by its label."""
    import re

    from lessonkit.program import format_program
    from lessonkit.render.guide import notation
    from lessonkit.spec.ruby import plain_text

    lesson = checked(path)
    family = lesson.family
    labels = {plain_text(c.label_ja) for c in family.cards}
    keys = {c.name: c.ja for c in family.cards}
    labelled = {c.name: f"「{plain_text(c.label_ja)}」" for c in family.cards}
    assert any(plain_text(c.label_ja) != c.ja for c in family.cards)  # the lesson's keys are not its labels

    def squeeze(t: str) -> str:
        return re.sub(r"\s+", "", t)

    programs = [(p, prog) for p in lesson.puzzles for prog in (p.solution, *(a for a, _ in p.alternatives), *(b.program for b in p.bugs))]
    key = squeeze(joined(path, "answer-key.pdf"))
    guide = squeeze(joined(path, "teacher-guide.pdf"))
    quoted = 0
    for p, program in programs:
        shown = format_program(program, labelled, lang="ja")
        in_keys = squeeze(format_program(program, keys, lang="ja"))
        if in_keys != squeeze(shown):
            assert in_keys not in key and in_keys not in guide, (p.spec.id, in_keys)
        quoted += squeeze(shown) in key  # some programs are printed as numbered step lists instead
        assert notation(program, family, "ja") == shown
        assert all(f"「{plain_text(c.label_ja)}」" in shown for c in family.cards if c.name in program.card_counts() and c.category == "action")
    assert quoted >= 3
    where = [m for line in joined(path, "answer-key.pdf").splitlines() for m in re.findall(r"どこで：\d+ステップ目の「([^」]+)」", line)]
    assert where and all(w in labels for w in where), where


JA_HANDOUT_LESSONS = sorted(p for p in LESSONS.glob("ja/*.yaml") if "handout:" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", JA_HANDOUT_LESSONS, ids=lambda p: p.stem)
def test_each_handout_heading_is_unique_on_the_worksheet(path):
    """A teacher's review: g3-make-tea's two handouts (one puzzle each) were
    both headed 「まちがいの ある プログラム ①」 on a group's sheets (so were
    g5-yakusoku's and g5-binary-algorithm's).  They are numbered through the
    worksheet: one heading per handout, none twice, in every family."""
    import re

    lesson = checked(path)
    handouts = sum(1 for p in lesson.puzzles for b in p.bugs if b.spec.handout)
    headings = [m.group(0) for line in joined(path, "worksheet.pdf").splitlines() if (m := re.match(r"まちがいの ある プログラム [\u2460-\u2473]$", line))]
    if not headings and lesson.family.owns_check:
        pytest.skip(f"{lesson.family.name} prints its handouts its own way (no numbered program headings)")
    assert len(headings) == handouts
    assert len(set(headings)) == len(headings), headings
    assert headings == [f"まちがいの ある プログラム {chr(0x2460 + k)}" for k in range(handouts)]
