"""A puzzle's own rules print: its ``cards`` (palette), ``max_cards`` and
``goal_rule: stop``, a line each under the task on the worksheet, one sentence
first beside the board in the answer key.  Read back from the PDFs (readings
stripped) and checked as layout data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lessonkit.check import check_bytes
from lessonkit.render.answer_key import plan_answer_key, render_answer_key
from lessonkit.render.options import BuildOptions
from lessonkit.render.worksheet import plan_worksheet, render_worksheet, slot_count, sizes_for
from lessonkit.spec.load import Report

from conftest import edit, pdf_lines

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
G1 = (LESSONS / "ja" / "g1-robot-sequence.yaml").read_text(encoding="utf-8")
G3 = (LESSONS / "ja" / "g3-repeat.yaml").read_text(encoding="utf-8")
EN = (LESSONS / "en" / "robot-gardener-loops.yaml").read_text(encoding="utf-8")
ONE = BuildOptions(groups=1)


def _checked(text: str):
    result = check_bytes(text.encode("utf-8"), Report("l.yaml"))
    assert result.ok, [d.message for d in result.diagnostics]
    return result.checked


@pytest.fixture(scope="module")
def g1():
    """Grade 1: a counted palette on puzzle 1; a listed palette, a limit and the stop rule on puzzle 2."""
    text = edit("    solution: まえ まえ まえ\n    bugs:", "    solution: まえ まえ まえ\n    cards: {まえ: 4}\n    bugs:", G1)
    text = edit("    solution: まえ まえ まえ みぎ まえ まえ まえ\n", "    solution: まえ まえ まえ みぎ まえ まえ まえ\n    cards: [まえ, みぎ]\n    max_cards: 8\n    goal_rule: stop\n", text)
    return _checked(text)


@pytest.fixture(scope="module")
def g3():
    """Grade 3 with block cards: a limit that counts End cards; the stop rule; an item with a reading."""
    text = edit("    solution: くりかえす 8 [ まえ ] みぎ くりかえす 4 [ まえ ]\n", "    solution: くりかえす 8 [ まえ ] みぎ くりかえす 4 [ まえ ]\n    max_cards: 8\n", G3)
    text = edit("    solution:\n      - repeat: 5\n", "    goal_rule: stop\n    solution:\n      - repeat: 5\n", text)
    return _checked(text)


@pytest.fixture(scope="module")
def en():
    text = edit("    solution: repeat 3 [ forward pick_up forward ] forward\n", "    solution: repeat 3 [ forward pick_up forward ] forward\n    cards: {forward: 3, pick_up: 1, repeat: 1}\n    max_cards: 6\n    goal_rule: stop\n", EN)
    return _checked(text)


def _lines(data: bytes) -> list[str]:
    return [line for page in pdf_lines(data) for line in page]


BOARD_LABEL = re.compile(r"^([あ-ん]+|[A-Z]+|[0-9,]+)$")


def _prose(data: bytes, sep: str = "") -> str:
    """The answer key's text in reading order, lines joined, the boards' own
    labels left out: columns あいう… (grades 1-2) or ABC…, rows and path
    numbers, which sit level with the text beside the board."""
    return sep.join(line for line in _lines(data) if not BOARD_LABEL.match(line))


def test_japanese_worksheet_prints_each_rule_under_its_task(g1):
    lines = _lines(render_worksheet(g1, ONE).data)
    # Puzzle 1: counted cards, nothing else.  Puzzle 2: cards, limit (no End cards in this kit), stop rule.
    assert lines.count("・つかえる カード：「まえに すすむ」4まい") == 1
    assert lines.count("・つかえる カード：「まえに すすむ」\u3000「みぎを むく」") == 1
    assert lines.count("・カードは 8まいまで") == 1
    assert lines.count("・ゴールに ついたら そこで おしまい") == 1
    assert not any("おわり" in line for line in lines if "まいまで" in line)
    # In order, right after the task and before the board's column labels.
    at = lines.index("かべには すすめないよ。どこで まがるかな？")
    assert lines[at + 1 : at + 4] == ["・つかえる カード：「まえに すすむ」\u3000「みぎを むく」", "・カードは 8まいまで", "・ゴールに ついたら そこで おしまい"]
    assert lines[at + 4] == "あいうえ"
    # A puzzle with none of the keys prints no rule.
    assert sum("つかえる カード" in line for line in lines) == 2


def test_japanese_answer_key_sentence(g1):
    key = _prose(render_answer_key(g1, ONE).data)
    # The cards by the names the key's programs use (まえ まえ まえ), the counts where the puzzle gives them.
    assert key.count("このパズルの条件：使えるカードは「まえ」4枚だけ。") == 1
    assert key.count("このパズルの条件：使えるカードは「まえ」「みぎ」だけ、カードは8枚まで、ゴールに着いた時点で実行を終える。") == 1


def test_limit_counts_end_cards_only_where_block_cards_are_laid_and_the_goal_names_the_items(g3):
    lines = _lines(render_worksheet(g3, ONE).data)
    assert lines.count("・カードは 8まいまで（おわりも かぞえる）") == 1
    assert lines.count("・ゴールに ついたら そこで おしまい") == 1  # the stairs have no acorns
    key = _prose(render_answer_key(g3, ONE).data)
    assert "このパズルの条件：カードは8枚まで（おわりも数える）。" in key
    assert "このパズルの条件：ゴールに着いた時点で実行を終える。" in key


def test_rules_follow_the_grades_readings(g1):
    # An item word with a kanji grade 1 has not learned prints its reading above, not inside.
    text = edit("reflection:", "item: '{栗|くり}'\nreflection:", G1)
    text = edit("  ひだり: 3\n", "  ひだり: 3\n  ひろう: 1\n", text)
    text = edit("      .G..\n      ....\n", "      .G..\n      .*..\n", text)
    text = edit("    solution: まえ まえ まえ\n", "    solution: まえ まえ ひろう まえ\n    goal_rule: stop\n", text)
    checked = _checked(text)
    data = render_worksheet(checked, ONE).data
    assert "・栗を ぜんぶ ひろって ゴールに ついたら そこで おしまい" in _lines(data)
    with_readings = [line for page in pdf_lines(data, ruby=True) for line in page]
    assert "くり" in with_readings
    assert "栗" in _prose(render_answer_key(checked, ONE).data)


def test_english_worksheet_and_answer_key(en):
    lines = _lines(render_worksheet(en, ONE).data)
    at = lines.index("Pick up every berry and finish on the goal. Which cards happen three times?")
    assert lines[at + 1 : at + 4] == [
        "•Cards you may use: Forward (3), Pick up (1), Repeat (1)",
        "•At most 6 cards (count the End cards too)",
        "•The run stops as soon as you reach the goal with all the berries picked up",
    ]
    key = _prose(render_answer_key(en, ONE).data, " ")
    sentence = (
        "This puzzle's rules: only Forward (3), Pick up (1) and Repeat (1) may be used; at most 6 cards, "
        "End cards counted; the run stops as soon as the robot reaches the goal with all the berries picked up."
    )
    assert sentence in key
    assert key.count("This puzzle's rules") == 1


def test_rules_as_layout_data(g1, en):
    for checked in (g1, en):
        sz = sizes_for(checked.lesson.grades)
        seen = 0
        for page in plan_worksheet(checked, ONE):
            rules = [r for r in page.find("puzzle-rule") if r.text not in ("・", "•")]  # the bullets aside
            if not rules:
                continue
            titles = page.find("puzzle-title")
            boards = page.find("board")
            for rule in rules:
                seen += 1
                assert rule.size >= sz.body
                # Under the title and task, above the board, inside the printable area.
                assert rule.y_top <= min(t.y_top - t.height for t in titles if t.y_top >= rule.y_top) + 1e-6
                below = [b for b in boards if b.rect.top <= rule.y_top]
                assert below and all(b.rect.top <= rule.y_top - rule.height + 1e-6 for b in below)
        assert seen == 3 + (1 if checked is g1 else 0)
        # The answer key: the sentence is the first text beside the board, level with its top.
        sentences = 0
        for page in plan_answer_key(checked, ONE):
            for item in page.items:
                if getattr(item, "role", "") == "text" and item.text.startswith(("このパズルの条件", "This puzzle's rules")):
                    sentences += 1
                    board = max((b for b in page.find("board") if b.rect.top >= item.y_top - 1e-6 and b.rect.right < item.x), key=lambda b: -b.rect.top)
                    assert abs(board.rect.top - item.y_top) < 1.0
                    beside = [t for t in page.items if getattr(t, "role", "") == "text" and t.x == item.x and abs(t.y_top - item.y_top) < 40]
                    assert max(t.y_top for t in beside) == item.y_top
        assert sentences == (2 if checked is g1 else 1)


def test_slots_stop_at_the_card_limit(g1):
    limited = g1.puzzles[1]
    assert limited.spec.max_cards == 8
    assert slot_count(limited) == 8  # 7 cards, spare up to the limit, not past it
    assert slot_count(g1.puzzles[0]) > len(g1.puzzles[0].solution)


def test_a_family_with_its_own_answer_section_prints_the_sentence_too():
    text = (LESSONS / "en" / "binary-dot-cards.yaml").read_text(encoding="utf-8")
    text = edit("    goal: every\n", "    goal: every\n    max_cards: 12\n", text)
    key = _prose(render_answer_key(_checked(text), ONE).data, " ")
    assert key.count("This puzzle's rules: at most 12 cards, End cards counted.") == 1
    assert key.index("A program for every number") < key.index("This puzzle's rules") < key.index("A sixth card")
