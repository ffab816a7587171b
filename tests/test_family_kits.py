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

    for family in FAMILIES.values():
        for info in family.cards:
            assert has_icon(info.icon), (family.name, info.name)
    assert set(DRAWINGS) == set(FAMILIES)
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


def test_the_paper_answer_key_gives_the_solvers_counts():
    guide = joined(PAPER_JA, "teacher-guide.pdf")
    assert "くりかえしを使わない最短のプログラム：32枚" in guide
    assert "くりかえしで 32枚 → 12枚" in guide
    assert "読み取ると、左の絵になる（番号は塗る順）" in guide
    en = joined(PAPER_EN, "teacher-guide.pdf")
    assert "Shortest program without repeat cards: 13 cards" in en
    assert "Repeat shortens it: 21 cards → 17 cards" in en


def test_the_procedure_answer_key_lists_the_orders_and_what_to_leave_out():
    guide = joined(TEA, "teacher-guide.pdf")
    assert "正しい並べ方：3通り" in guide
    assert "使わないカード：「ゆのみを あらう」" in guide
    assert "1. やかんに 水を 入れる→おゆを わかす→きゅうすに ちゃばを 入れる→きゅうすに おゆを そそぐ" in guide.replace("\n", "")
    morning = joined(MORNING, "teacher-guide.pdf")
    assert "正しい並べ方は1通りだけ" in morning
    assert "正しい並べ方：30通り" in morning  # too many to list: the rule is drawn
    assert "並べ方が多いので" in morning


def test_the_worksheets_carry_each_familys_work_area():
    sheet = joined(PAPER_JA, "worksheet.pdf")
    assert "じぶんの えを かこう" in sheet
    assert "ここに かこう" in sheet
    assert "なんの えに なったかな？" in sheet
    assert "Draw your own picture" in joined(PAPER_EN, "worksheet.pdf")
    assert "ならべかたは いくつ みつかった？" in joined(MORNING, "worksheet.pdf")


@pytest.mark.parametrize("path", [MORNING, TEA])
def test_step_cards_print_the_lessons_labels(path):
    cards = joined(path, "cards.pdf").replace("\n", "")
    lesson = checked(path)
    from lessonkit.spec.ruby import plain_text

    for step in lesson.family.step_defs.values():
        assert plain_text(step.label).replace(" ", "") in cards.replace(" ", "")
