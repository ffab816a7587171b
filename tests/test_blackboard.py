"""blackboard.pdf: the enlarged cards and the enlarged board the 準備 asks for."""

import io
from functools import lru_cache
from pathlib import Path

import pypdf
import pytest

from lessonkit.build import DOCUMENTS
from lessonkit.check import check_file
from lessonkit.render.blackboard import READABLE_LABEL, board_size, plan_boards, plan_cards, render_blackboard
from lessonkit.render.cards import card_labels, kit
from lessonkit.render.options import PAPER_MM, BuildOptions
from lessonkit.render.pdf import PAPER
from lessonkit.spec.ruby import plain_text

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
MM = 72 / 25.4


@lru_cache(maxsize=None)
def lesson(name):
    return check_file(next(LESSONS.glob(f"*/{name}.yaml"))).checked


def test_the_build_writes_it():
    assert DOCUMENTS["blackboard.pdf"] is render_blackboard


@pytest.mark.parametrize("name", ["g1-robot-sequence", "g4-branching-maze", "robot-gardener-functions"])
@pytest.mark.parametrize("paper", ["a4", "b4", "a3"])
def test_every_palette_card_enlarged_and_readable_from_the_back(name, paper):
    checked = lesson(name)
    options = BuildOptions(paper=paper)
    sheets = plan_cards(checked, options)
    labels = card_labels(checked, options)
    placed = [p.name for s in sheets for p in s.cards]
    assert placed == [kc.info.name for kc in kit(checked.lesson, checked.family)]  # one of each kind, in the kit's order
    assert all(1 <= len(s.cards) <= 2 for s in sheets)
    assert all(sorted(s.paper) == sorted(PAPER[paper]) for s in sheets)
    assert min(p.label_size(labels) for s in sheets for p in s.cards) >= READABLE_LABEL


@pytest.mark.parametrize("paper,size", [("a4", "a3"), ("b4", "a3"), ("a3", "a3"), ("letter", "a3")])
def test_the_board_at_a3_or_larger_tiled_on_the_paper(paper, size):
    checked = lesson("g3-repeat")
    assert board_size(BuildOptions(paper=paper)) == size
    assert board_size(BuildOptions(paper=paper, board_size="a2")) == "a2"
    assert board_size(BuildOptions(paper=paper, board_size="a4")) == "a3"
    big, sheets = plan_boards(checked, BuildOptions(paper=paper))
    assert {s.puzzle for s in sheets} == set(range(len(checked.puzzles)))
    for s in sheets:
        assert sorted(s.paper) == sorted(PAPER[paper])
        assert sorted(round(v / MM) for v in s.content) == sorted(PAPER_MM["a3"])
        assert (s.tile is None) == (paper == "a3")


def test_pdf_text_pages_and_paper():
    checked = lesson("g4-branching-maze")
    options = BuildOptions(groups=8)
    data = render_blackboard(checked, options)
    reader = pypdf.PdfReader(io.BytesIO(data.data))
    cards = plan_cards(checked, options)
    _, boards = plan_boards(checked, options)
    assert data.pages == len(reader.pages) == len(cards) + len(boards)
    texts = [page.extract_text() for page in reader.pages]
    for k, sheet in enumerate(cards):
        for place in sheet.cards:
            label = next(kc for kc in kit(checked.lesson, checked.family) if kc.info.name == place.name).info.label_ja
            assert plain_text(label).replace(" ", "") in texts[k].replace(" ", "").replace("\n", ""), (label, texts[k])
        assert "拡大カード" in texts[k]
    for k, sheet in enumerate(boards, len(cards)):
        title = plain_text(checked.puzzles[sheet.puzzle].spec.title)
        assert title in texts[k] and "はりあわせ" in texts[k]
        assert "まい いんさつ" not in texts[k]  # one set for the class, not one per group
    assert reader.metadata.title.endswith("黒板用の拡大カード・拡大ボード")


def test_reproducible():
    checked = lesson("g1-robot-sequence")
    assert render_blackboard(checked, BuildOptions()).data == render_blackboard(checked, BuildOptions()).data


def test_the_guide_lists_the_blackboard_set_and_the_slips():
    from lessonkit.render.guide import preparation

    checked = lesson("g3-repeat")
    lines = preparation(checked, BuildOptions(groups=8, class_size=30))
    cards = plan_cards(checked, BuildOptions())
    _, boards = plan_boards(checked, BuildOptions())
    assert f"黒板用（blackboard.pdf、1部）：拡大カード{sum(len(s.cards) for s in cards)}種（{len(cards)}ページ）と、A3の拡大ボード{len(checked.puzzles)}枚（はり合わせ、{len(boards)}ページ）" in lines
    assert "ふりかえりカード（worksheet.pdf の最後の8ページ）：1人1枚 × 30人分。1ページ4枚を切り分ける" in lines
    whole = preparation(checked, BuildOptions(paper="a3"))
    assert any(line.startswith("黒板用") and "はり合わせ" not in line for line in whole)
