"""teacher-guide.pdf: the 学習指導案 and answer key, as a plan and as a PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from lessonkit.check import check_file
from lessonkit.program import parse
from lessonkit.render.board import plan_board_pages
from lessonkit.render.answer_key import plan_answer_key, render_answer_key
from lessonkit.render.guide import plan_guide, preparation, program_rows, render_guide, where_it_goes_wrong
from lessonkit.render.options import BuildOptions
from lessonkit.render.page import TextItem, frame_for
from lessonkit.render.pdf import PAPER
from lessonkit.worlds.base import end_cards
from lessonkit.worlds.grid import Grid as GridFamily
from lessonkit.spec.ruby import plain_text
from render_lessons import checked

LESSONS = Path(__file__).resolve().parent.parent / "lessons"

JA = """\
id: maze-ja
title: "{迷路|めいろ}のロボット"
unit: "{算数|さんすう}とプログラミング"
language: ja
grade: 2
concepts: [sequence, repetition, debugging]
mext: A
objectives:
  - ロボットを ゴールまで うごかす てじゅんを {考|かんが}える
criteria:
  knowledge: 命令の順に動くことが分かっている。
  thinking: 道筋を考えて並べている。
  attitude: 何度も試そうとしている。
materials: [マスキングテープ]
roles: [programmer, tester, robot, recorder]
flow:
  - phase: introduction
    minutes: 10
    activity: 教師がロボット役になる。
    responses: [みぎで すすまないよ]
    support: 一つずつ動く。 向きを確かめさせる。
    assessment: ""
  - phase: development
    minutes: 25
    activity: 班で取り組む。
    support: 「全部並べてから。」と約束する。
    assessment: 順番に並べている。（行動観察）
  - phase: summary
    minutes: 10
    activity: ふりかえりを書く。
reflection: どんな ことに きを つけたかな？
world: grid
cards: {forward: 6, turn_left: 2, turn_right: 2, repeat: 1}
puzzles:
  - id: p1
    title: はじめの いっぽ
    task: ゴールまで すすもう
    board: |
      #######
      #S...G#
      #######
    facing: east
    solution: まえ まえ まえ まえ
    alternatives:
      - - repeat: 4
          do: [forward]
    bugs:
      - program: forward forward forward forward forward
        outcome: crash
        step: 5
        hint: いくつ すすむかな？
        explanation: 1つ おおい。
"""

EN = """\
id: robot-en
title: "Robots <b>&</b> 1<2"
unit: Programming
language: en
grade: 3-4
concepts: [sequence, repetition]
objectives: [Give exact instructions]
criteria: {knowledge: k, thinking: t, attitude: a}
roles: [programmer, robot]
flow:
  - {phase: introduction, minutes: 10, activity: Meet the robot, responses: [It bumped!], support: Act it out}
  - {phase: development, minutes: 25, activity: Program it, assessment: Uses repeat}
  - {phase: summary, minutes: 10, activity: Share}
reflection: What helped?
world: grid
cards: {forward: 6, turn_left: 2, repeat: 1}
puzzles:
  - id: p1
    title: Corridor
    board: |
      S....G
    facing: east
    solution: "repeat 5 [ forward ]"
    bugs:
      - {program: "forward forward forward forward", outcome: stopped, hint: Count the squares}
"""

JA_HEADINGS = ["学習指導案", "日時", "場所", "学年・組", "児童数", "指導者", "単元名", "時間", "分類", "本時の目標", "本時の評価規準", "板書計画", "知識・技能", "思考・判断・表現", "主体的に学習に取り組む態度", "準備", "本時の展開", "学習活動", "予想される児童の反応", "指導上の留意点", "評価", "導入", "展開", "まとめ"]
EN_HEADINGS = ["Lesson plan", "Date", "Room", "Class", "Students", "Teacher", "Unit", "Learning goals", "Assessment", "Materials", "Lesson sequence", "Board plan", "Activity", "Time", "Teacher's notes", "Assessment", "Introduction", "Development", "Summary"]



# Lessons whose answers are card programs laid with End cards (grid, graph
# paper, procedures); a network, dot cards or card rules lay none.
CARD_PROGRAM_LESSONS = __import__("conftest").bundled_where(lambda family: not family.owns_check)

@pytest.fixture
def ja(tmp_path):
    return checked(JA, tmp_path, "ja.yaml")


@pytest.fixture
def en(tmp_path):
    return checked(EN, tmp_path, "en.yaml")


def _all_text(pages) -> str:
    return "\n".join(it.text for p in pages for it in p.items if isinstance(it, TextItem))


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _check_plan(pages, paper):
    for page in pages:
        frame = frame_for(paper, landscape=page.width > page.height)  # the 板書計画's page lies on its side
        assert page.overflowing() == []
        body_items = [it for it in page.items if it.role not in ("header", "footer")]
        for item in body_items:
            assert frame.body.contains(item.rect), item
        cells = [it.rect for it in page.items if it.role in ("cell-box", "table-header-box", "band-box")]
        rows = sorted({(round(r.y, 2), round(r.top, 2)) for r in cells})
        for (y1, top1), (y2, top2) in zip(rows, rows[1:]):
            assert top1 <= y2 + 0.01 or (y1, top1) == (y2, top2)  # rows never overlap


def test_ja_plan_has_every_section_and_fits(ja):
    pages = plan_guide(ja, BuildOptions(school="さくら小学校"))
    _check_plan(pages, "a4")
    text = _all_text(pages)
    for heading in JA_HEADINGS:
        assert heading in text, heading
    assert "迷路のロボット" in text
    assert "さくら小学校" in text
    assert "第2学年" in text and "45分" in text
    # Support notes split into points at sentence ends, not inside 「…」.
    assert "「全部並べてから。」と約束する。" in text
    assert "一つずつ動く。" in text and "向きを確かめさせる。" in text
    numbers = [[it.text for it in p.find("footer") if isinstance(it, TextItem)][0] for p in pages]
    assert numbers == [f"{k} / {len(pages)}" for k in range(1, len(pages) + 1)]


def test_en_plan_uses_english_headings(en):
    pages = plan_guide(en, BuildOptions())
    _check_plan(pages, "a4")
    text = _all_text(pages)
    for heading in EN_HEADINGS:
        assert heading in text, heading
    assert "本時" not in text and "解答" not in text
    assert "Grades 3 and 4" in text


def test_preparation_counts_for_this_class(ja):
    lines = preparation(ja, BuildOptions(groups=7))
    text = "\n".join(lines)
    # One worksheet set per group; 6+2+2+1 cards and an end card for the repeat.
    assert "× 7グループ" in text
    assert "1セット（12枚）× 7グループ ＝ 84枚" in text
    assert "おわり ×1" in text
    assert "パズル1問 × 7グループ ＝ 7枚" in text
    assert "4枚 × 7グループ ＝ 28枚" in text


def _prep(name: str, **options) -> str:
    lesson = check_file(LESSONS / "ja" / name).checked
    return "\n".join(preparation(lesson, BuildOptions(groups=8, **options)))


def test_preparation_counts_tiled_boards_from_the_board_plan():
    """--board-size a3 on A4: each board is four sheets taped together."""
    lesson = check_file(LESSONS / "ja" / "g3-repeat.yaml").checked
    options = BuildOptions(groups=8, board_size="a3")
    sheets = plan_board_pages(lesson, options)
    assert len(sheets) == 4 * len(lesson.puzzles)
    text = _prep("g3-repeat.yaml", board_size="a3")
    assert "パズル4問 × 8グループ ＝ 32枚。1枚のボードはA4用紙4枚をはり合わせる" in text
    assert f"印刷は{len(sheets)}枚 × 8グループ ＝ {len(sheets) * 8}枚" in text
    assert "はり合わせる" not in _prep("g3-repeat.yaml")  # one sheet a board


def test_preparation_counts_the_cards_pdf_pages_once():
    """The role badges print on the cards' own pages: said so, not counted again."""
    text = _prep("g3-repeat.yaml")
    assert "（cards.pdf は役割カードと合わせて" in text
    assert "カードと同じ cards.pdf のページにある" in text


def test_end_card_note_names_only_the_block_cards_in_the_kit():
    g3 = _prep("g3-repeat.yaml")
    note = g3[g3.index("（「おわり」は") :]
    assert "「くりかえす」" in note and "もし" not in note and "やくそく" not in note and "ちがったら" not in note
    g4 = _prep("g4-branching-maze.yaml")
    note = g4[g4.index("（「おわり」は") :]
    assert "「もし」" in note and "「ちがったら」は「もし」の「おわり」を使う" in note and "やくそく" not in note


def test_answer_key_shows_path_solution_alternatives_counts_and_bugs(ja):
    pages = plan_answer_key(ja, BuildOptions())
    boards = [it for p in pages for it in p.find("board")]
    assert len(boards) == 2  # the solution's path, and the bug's run
    text = _all_text(pages)
    assert "まえ まえ まえ まえ" in text
    assert "別解" in text and "くりかえす 4 [ まえ ]" in text
    assert "最短：4ステップ" in text and "1通り" in text
    assert "どこで：5ステップ目の「まえ」" in text
    assert "なぜ：かべに ぶつかった" in text
    assert "ヒント：いくつ すすむかな？" in text and "解説：1つ おおい。" in text
    assert any(p.find("mini-card") for p in pages)


def test_program_rows_indent_blocks_and_close_them_with_end_cards():
    program = parse("forward repeat 3 [ forward if path_ahead [ forward ] else [ turn_left ] ] turn_right", GridFamily.names())
    rows = program_rows(program, GridFamily, "ja")
    shape = [(r.depth, [c.icon for c in r.cards]) for r in rows]
    assert shape == [
        (0, ["forward"]),
        (0, ["repeat"]),
        (1, ["forward"]),
        (1, ["if", "path_ahead"]),
        (2, ["forward"]),
        (1, ["else"]),  # inside the if's block: the two share one end card
        (2, ["turn_left"]),
        (1, ["end"]),
        (0, ["end"]),
        (0, ["turn_right"]),
    ]
    assert rows[1].cards[0].badge == "3"


def _end_icons(program, family, lang="ja") -> int:
    return sum(card.icon == "end" for row in program_rows(program, family, lang) for card in row.cards)


@pytest.mark.parametrize("path", CARD_PROGRAM_LESSONS, ids=lambda p: p.name)
def test_answer_key_draws_as_many_end_cards_as_the_kit_lays_down(path):
    """An if … else … end shares one End card, in the picture as on the desk."""
    lesson = check_file(path).checked
    programs = [p.solution for p in lesson.puzzles] + [a for p in lesson.puzzles for a, _ in p.alternatives]
    for program in programs:
        assert _end_icons(program, lesson.family) == end_cards(program.card_counts())


def test_answer_heading_counts_the_end_cards():
    lesson = check_file(LESSONS / "ja" / "g4-branching-maze.yaml").checked
    text = _all_text(plan_answer_key(lesson, BuildOptions()))
    for puzzle in lesson.puzzles:
        counts = puzzle.solution.card_counts()
        ends = end_cards(counts)
        cards = sum(counts.values()) + ends
        steps = len(puzzle.trace.steps)
        expected = f"カード{cards}枚（おわり{ends}枚をふくむ）・{steps}ステップ" if ends else f"カード{cards}枚・{steps}ステップ"
        assert f"解答例（{expected}）" in text


def test_answer_heading_counts_the_end_cards_in_english(en):
    text = _all_text(plan_answer_key(en, BuildOptions()))
    assert "Solution (3 cards (1 End), 5 steps)" in text


def test_where_a_stopped_bug_goes_wrong_in_english(en):
    bug = en.puzzles[0].bugs[0]
    where, why = where_it_goes_wrong(bug.trace, en.family, "en", 200)
    assert where == "Where: it stops after step 4 (last card 'Forward')"
    assert why.startswith("Why: stopped at E1, facing")


def test_teacher_text_has_no_furigana(ja):
    rubies = lambda pages: [f.ruby for p in pages for it in p.items if isinstance(it, TextItem) for line in it.lines for f in line.fragments if f.ruby]
    for plan in (plan_guide, plan_answer_key):
        assert rubies(plan(ja, BuildOptions())) == []
        assert rubies(plan(ja, BuildOptions(furigana=False))) == []
    assert "迷路のロボット" in _pdf_text(render_guide(ja, BuildOptions()).data)
    assert "迷路のロボット" in _pdf_text(render_answer_key(ja, BuildOptions()).data)


@pytest.mark.parametrize("paper", ["a4", "b4", "a3"])
def test_pdf_page_size_fonts_metadata_and_headings(ja, paper):
    data = render_guide(ja, BuildOptions(paper=paper, furigana=False)).data
    reader = PdfReader(io.BytesIO(data))
    for k, page in enumerate(reader.pages):
        size = list(PAPER[paper]) if k + 1 < len(reader.pages) else sorted(PAPER[paper], reverse=True)  # the 板書計画 lies on its side
        assert [float(x) for x in page.mediabox[2:]] == pytest.approx(size)
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/BaseFont"] not in ("/Helvetica", "/Times-Roman", "/Courier")
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
    assert reader.metadata.title == "迷路のロボット — 学習指導案"
    assert reader.trailer["/Root"]["/Lang"] == "ja"
    text = re.sub(r"\s+", "", _pdf_text(data))
    for heading in JA_HEADINGS:
        assert heading in text, heading


def test_pdf_with_ruby_still_has_the_base_text(ja):
    text = _pdf_text(render_guide(ja, BuildOptions()).data)
    # The reading may be extracted beside its base; the base is always there.
    assert "迷路" in text and "本時の目標" in text


def test_pdf_is_reproducible(ja):
    assert render_guide(ja, BuildOptions()).data == render_guide(ja, BuildOptions()).data


def test_title_markup_prints_exactly_as_written(en):
    data = render_guide(en, BuildOptions()).data
    assert "Robots <b>&</b> 1<2" in _pdf_text(data)
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Robots <b>&</b> 1<2 — Lesson plan"
    assert reader.trailer["/Root"]["/Lang"] == "en"


PAPERS = ("a4", "b4", "a3", "letter")


def _headings_never_end_a_page(pages):
    """The lowest thing on a page is never a heading: each heading has at
    least its first line, row or block below it (and no page holds only one)."""
    for number, page in enumerate(pages, 1):
        body = [it for it in page.items if it.role not in ("header", "footer")]
        assert body, f"page {number} is empty"
        lowest = min(body, key=lambda it: it.rect.y)
        assert lowest.role != "heading", f"page {number} ends with the heading {lowest.text!r}"


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("path", sorted(LESSONS.glob("*/*.yaml")), ids=lambda p: p.name)
def test_bundled_lessons_plan_cleanly(path, paper):
    result = check_file(path)
    assert result.ok, [str(d) for d in result.diagnostics if d.is_error]
    pages = plan_guide(result.checked, BuildOptions(paper=paper, groups=8))
    _check_plan(pages, paper)
    _headings_never_end_a_page(pages)


def _table_rows(page):
    """(top, kind) of each table row on a page, top to bottom."""
    kinds = {"cell-box": "cell", "band-box": "band", "table-header-box": "header"}
    rows = {(round(it.rect.top, 2), kinds[it.role]) for it in page.items if it.role in kinds}
    return [kind for _, kind in sorted(rows, reverse=True)]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("path", sorted(LESSONS.glob("*/*.yaml")), ids=lambda p: p.name)
def test_a_phase_band_always_has_a_row_of_its_phase_below_it(path, paper):
    """No '展開（つづき）' with no 展開 row after it: a band is never followed
    by another band, nor ends the table on its page."""
    pages = plan_guide(check_file(path).checked, BuildOptions(paper=paper, groups=8))
    for number, page in enumerate(pages, 1):
        kinds = _table_rows(page)
        for k, kind in enumerate(kinds):
            if kind == "band":
                assert k + 1 < len(kinds) and kinds[k + 1] == "cell", f"page {number}: a band with no row under it"


# Every way to write four steps forward with at most two repeat cards: a tall answer.
_WAYS = ["forward forward forward forward", "repeat 4 [ forward ]", "repeat 2 [ forward forward ]", "forward repeat 3 [ forward ]", "repeat 3 [ forward ] forward", "forward forward repeat 2 [ forward ]", "repeat 2 [ forward ] forward forward", "forward repeat 2 [ forward ] forward", "repeat 2 [ forward ] repeat 2 [ forward ]", "repeat 1 [ forward forward forward forward ]", "repeat 1 [ forward ] repeat 3 [ forward ]", "repeat 3 [ forward ] repeat 1 [ forward ]", "forward forward forward repeat 1 [ forward ]", "repeat 1 [ forward ] forward forward forward", "forward repeat 1 [ forward ] forward forward", "forward forward repeat 1 [ forward ] forward", "repeat 2 [ repeat 2 [ forward ] ]", "repeat 1 [ repeat 4 [ forward ] ]", "repeat 4 [ repeat 1 [ forward ] ]", "repeat 1 [ forward forward ] repeat 2 [ forward ]", "repeat 2 [ forward ] repeat 1 [ forward forward ]", "forward repeat 1 [ forward forward forward ]", "repeat 1 [ forward forward forward ] forward", "repeat 1 [ forward forward ] forward forward", "forward forward repeat 1 [ forward forward ]", "forward repeat 1 [ forward forward ] forward"]


@pytest.mark.parametrize("filler", range(0, 13))
def test_a_heading_keeps_its_first_block_with_it(tmp_path, filler):
    """A tall first answer after a longer or shorter plan: '解答' never ends a page."""
    alternatives = "".join(f'      - "{w}"\n' for w in _WAYS[1:])
    text = JA.replace("cards: {forward: 6, turn_left: 2, turn_right: 2, repeat: 1}", "cards: {forward: 6, turn_left: 2, turn_right: 2, repeat: 2}")
    text = text.replace("    alternatives:\n      - - repeat: 4\n          do: [forward]\n", "    alternatives:\n" + alternatives)
    text = text.replace("objectives:\n", "objectives:\n" + "  - ロボットを ゴールまで うごかす てじゅんを 考える。くりかえしを 使うと みじかく なる。\n" * (filler * 3))
    lesson = checked(text, tmp_path, "tall.yaml")
    pages = plan_guide(lesson, BuildOptions())
    _check_plan(pages, "a4")
    _headings_never_end_a_page(pages)


def test_a_crash_inside_a_loop_says_which_round():
    g3 = check_file(LESSONS / "ja" / "g3-repeat.yaml").checked
    puzzle = g3.puzzles[0]
    where, _ = where_it_goes_wrong(puzzle.bugs[0].trace, g3.family, "ja", puzzle.max_steps)
    assert where == "どこで：9ステップ目の「まえ」（くりかえしの9回目）"


# -- the whole 学習指導案 ---------------------------------------------------------


def _guide_text(path, **kw) -> str:
    lesson = check_file(LESSONS / path).checked
    return re.sub(r"\s+", "", _pdf_text(render_guide(lesson, BuildOptions(**kw)).data))


def test_a_unit_gives_the_plan_every_unit_section():
    text = _guide_text("ja/g3-repeat.yaml", class_size=31)
    order = ["第3学年学習指導案", "日時", "場所", "学年・組", "児童数", "31名", "指導者", "分類", "単元名", "単元の目標", "単元の評価規準", "単元について", "（1）教材観", "（2）児童観", "（3）指導観", "指導計画（全3時間）", "本時（2/3）", "本時の目標", "本時の評価規準", "準備", "本時の展開", "めあて", "まとめ", "板書計画"]
    at = [text.find(piece) for piece in order]
    assert -1 not in at, [p for p, i in zip(order, at) if i == -1]
    assert at == sorted(at), order
    assert "★" in text and "☆：教科のねらいに関する評価" in text
    assert "解答例" not in text and "バグ探し" not in text  # the answer key is its own document


def test_without_a_class_size_the_count_is_a_blank():
    text = _guide_text("ja/g3-repeat.yaml")
    assert "児童数名指導者" in text  # a blank before 名, no number


def test_a_lesson_without_a_unit_prints_no_unit_sections(ja):
    text = re.sub(r"\s+", "", _pdf_text(render_guide(ja, BuildOptions()).data))
    assert "単元名" in text  # it names its unit
    for absent in ("単元の目標", "単元の評価規準", "単元について", "指導計画", "本時（", "めあて", "☆", "★"):
        assert absent not in text, absent


def test_aim_and_conclusion_are_boxed_and_the_board_plan_is_landscape():
    lesson = check_file(LESSONS / "ja" / "g2-find-the-bug.yaml").checked
    pages = plan_guide(lesson, BuildOptions())
    boxes = {it.role: it for p in pages for it in p.items if it.role in ("aim-box", "conclusion-box", "board-plan")}
    assert set(boxes) == {"aim-box", "conclusion-box", "board-plan"}
    plan = boxes["board-plan"].rect
    assert plan.w > 1.8 * plan.h  # a blackboard: wide
    inside = [it for p in pages for it in p.items if it.role.startswith("board-plan-") or it.role == "board"]
    texts = " ".join(it.text for it in inside if isinstance(it, TextItem))
    assert plain_text(lesson.lesson.aim) in texts.replace("\n", "") or "めあて" in texts
    assert "子どもの考え" in texts
    assert any(it.role == "board" and plan.contains(it.rect) for it in inside)
    # Its words come from the lesson: an expected response of the development.
    response = next(r for p in lesson.lesson.flow if p.phase.value == "development" for r in p.responses)
    assert response.replace(" ", "")[:8] in texts.replace(" ", "").replace("\n", "")


def test_an_english_plan_reads_as_english():
    text = _guide_text("en/robot-gardener-functions.yaml")
    for piece in ("Lessonplan", "Unitgoals", "Aboutthe unit".replace(" ", ""), "Unitplan(3lessons)", "Thislesson(2of3)", "Learninggoals", "Materials", "Lessonsequence", "Boardplan"):
        assert piece in text, piece
    assert "Lessontype" not in text and "MEXT" not in text  # no MEXT type in an English kit
    assert "pupil" not in text.lower()


def test_an_english_plan_sets_latin_text_in_a_proportional_face():
    from lessonkit.render.fonts import latin_text, text_width

    en_lesson = check_file(LESSONS / "en" / "robot-gardener-loops.yaml").checked
    reader = PdfReader(io.BytesIO(render_guide(en_lesson, BuildOptions()).data))
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1] for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert {"LiberationSans", "LiberationSans-Bold"} <= fonts
    for f in (f.get_object() for page in reader.pages for f in page["/Resources"]["/Font"].values()):
        descendant = f["/DescendantFonts"][0].get_object() if "/DescendantFonts" in f else f
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()  # embedded
    with latin_text():
        assert text_width("iiii", 10) < 0.6 * text_width("mmmm", 10)  # proportional
        assert text_width("ロボット", 10) == pytest.approx(40.0)  # Japanese stays in BIZ UDGothic
    assert text_width("iiii", 10) == text_width("mmmm", 10)  # outside: fixed-width BIZ UDGothic
    ja_lesson = check_file(LESSONS / "ja" / "g3-repeat.yaml").checked
    ja = PdfReader(io.BytesIO(render_guide(ja_lesson, BuildOptions()).data))
    assert not any("Liberation" in str(f.get_object()["/BaseFont"]) for page in ja.pages for f in page["/Resources"]["/Font"].values())


def test_preparation_lists_only_what_the_kit_prints_and_the_materials():
    from lessonkit.build import DOCUMENTS

    lesson = check_file(LESSONS / "ja" / "g2-find-the-bug.yaml").checked
    lines = preparation(lesson, BuildOptions())
    named = {doc for doc in DOCUMENTS if any(doc in line for line in lines)}
    assert named == set(DOCUMENTS) - {"teacher-guide.pdf"}
    assert not any("ワークシート" in m for m in lesson.lesson.materials)  # the kit prints it: not to bring
