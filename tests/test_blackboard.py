"""blackboard.pdf: the enlarged cards and the enlarged board the 準備 asks for."""

import io
import itertools
from functools import lru_cache
from pathlib import Path

import pypdf
import pytest

from lessonkit.build import DOCUMENTS
from lessonkit.check import check_file
from lessonkit.render.blackboard import READABLE_LABEL, board_size, card_scale, enlarged_counts, plan_boards, plan_cards, render_blackboard
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


def _needed(checked) -> dict[str, int]:
    """Restated from the lesson, not from blackboard.py: per card, the most
    any one solution, alternative or bug program lays (End cards counted)."""
    need: dict[str, int] = {}
    for puzzle in checked.puzzles:
        for program in [puzzle.solution] + [a for a, _ in puzzle.alternatives] + [b.program for b in puzzle.bugs]:
            counts = dict(program.card_counts())
            counts["end"] = sum(counts.get(b, 0) for b in ("repeat", "repeat_until", "if", "function"))
            for name, n in counts.items():
                need[name] = max(need.get(name, 0), n)
    return need


CARD_LESSONS = sorted(p.stem for p in LESSONS.glob("*/*.yaml") if "sorting-network" not in p.stem)


@pytest.mark.parametrize("name", CARD_LESSONS)
@pytest.mark.parametrize("paper", ["a4", "b4", "a3"])
def test_enough_enlarged_cards_for_every_program_packed_and_readable(name, paper):
    """Each card as many times as a program the lesson shows lays it (one at
    least), in the kit's order; every sheet full but the last (no sheet could
    hold one more card of this size); slots inside the paper's margins,
    never overlapping; every label READABLE_LABEL or more."""
    checked = lesson(name)
    options = BuildOptions(paper=paper)
    sheets = plan_cards(checked, options)
    labels = card_labels(checked, options)
    placed = [p.name for s in sheets for p in s.cards]
    need = _needed(checked)
    order = [kc.info.name for kc in kit(checked.lesson, checked.family)]
    assert placed == [n for n in order for _ in range(max(1, need.get(n, 0)))]
    assert min(p.label_size(labels) for s in sheets for p in s.cards) >= READABLE_LABEL
    per = len(sheets[0].cards)
    assert all(len(s.cards) == per for s in sheets[:-1]) and 1 <= len(sheets[-1].cards) <= per
    for s in sheets:
        assert sorted(s.paper) == sorted(PAPER[paper]) and s.paper == sheets[0].paper
        assert len(s.slots) == len(s.cards)
        pw, ph = s.paper
        for (x, y, w, h), place in zip(s.slots, s.cards):
            assert x >= 9.9 * MM and y >= 9.9 * MM and x + w <= pw - 9.9 * MM and y + h <= ph - 9.9 * MM
            assert x < place.x and y < place.y  # the card's frame inside its cut-out
        for a, b in itertools.combinations(s.slots, 2):
            assert a[0] + a[2] <= b[0] + 0.01 or b[0] + b[2] <= a[0] + 0.01 or a[1] + a[3] <= b[1] + 0.01 or b[1] + b[3] <= a[1] + 0.01
    # No sheet could hold one more: one more column or row of slots would not fit either way round.
    w, h = sheets[0].slots[0][2:]
    cols = len({round(x, 2) for x, *_ in sheets[0].slots}) if len(sheets) > 1 else None
    for pw, ph in (sorted(PAPER[paper]), sorted(PAPER[paper], reverse=True)):
        fit = int((pw - 20 * MM) // w) * int((ph - 20 * MM - 7 * MM) // h)
        assert fit <= per, (paper, fit, per, cols)


def test_the_enlarged_card_is_as_small_as_a_readable_label_allows_unless_a_square_holds_it(monkeypatch):
    """Layout as data: the card's label is READABLE_LABEL exactly (the card as
    near the enlarged board's scale as reading from the back allows; the g1
    board's squares are 54-67 mm at A3, a readable card 137 mm wide), and when
    the enlarged board's squares or slots are bigger than that, a card is the
    size of the smallest (it lies in a slot exactly)."""
    import lessonkit.render.blackboard as bb
    from lessonkit.render.cards import INSET, card_grid

    checked = lesson("g1-robot-sequence")
    options = BuildOptions()
    labels = card_labels(checked, options)
    least = min(labels[kc.info.name].size for kc in kit(checked.lesson, checked.family))
    scale, readable = card_scale(checked, options)
    assert scale == readable and least * scale == pytest.approx(READABLE_LABEL)
    grid = card_grid("a4")
    fw, fh = grid.w - 2 * INSET, grid.h - 2 * INSET
    assert fw * scale > max(w for w, _ in bb._squares(checked, options))  # the squares are smaller: no board holds it
    monkeypatch.setattr(bb, "_squares", lambda *_: [(fw * 3.5 + 1, fh * 3.5), (fw * 4 + 1, fh * 4)])
    scale, _ = card_scale(checked, options)
    assert scale == pytest.approx(3.5)


def test_procedure_squares_are_its_slots():
    """A procedure's enlarged board is a strip of slots for its cards: those are what a card is measured against."""
    import lessonkit.render.blackboard as bb

    checked = lesson("g1-morning-routine")
    slots = bb._squares(checked, BuildOptions())
    assert len(slots) == len(checked.puzzles) and all(h > w for w, h in slots)


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
    placed = [p.name for s in cards for p in s.cards]
    assert len(placed) == sum(max(1, _needed(checked).get(kc.info.name, 0)) for kc in kit(checked.lesson, checked.family))
    kinds = len(kit(checked.lesson, checked.family))
    assert f"黒板用（blackboard.pdf、1部）：拡大カード{kinds}種{len(placed)}枚（正解とバグのプログラムをどれも黒板に並べられる枚数。{len(cards)}ページ、切り分ける）と、A3の拡大ボード{len(checked.puzzles)}枚（はり合わせ、{len(boards)}ページ）" in lines
    assert "ふりかえりカード（worksheet.pdf の最後の8ページ）：1人1枚 × 30人分。1ページ4枚を切り分ける" in lines
    whole = preparation(checked, BuildOptions(paper="a3"))
    assert any(line.startswith("黒板用") and "はり合わせ" not in line for line in whole)


def test_a_lesson_without_cards_promises_no_enlarged_cards():
    """A sorting network has no program cards: the 準備 line names only the boards (it said 拡大カード0種)."""
    from lessonkit.render.guide import preparation

    checked = lesson("g3-sorting-network")
    assert plan_cards(checked, BuildOptions()) == []
    line = next(line for line in preparation(checked, BuildOptions()) if line.startswith("黒板用"))
    assert "拡大カード" not in line and line.startswith("黒板用（blackboard.pdf、1部）：A3の拡大ボード"), line


def test_english_preparation_line():
    from lessonkit.render.guide import preparation

    checked = lesson("robot-gardener-loops")
    cards = plan_cards(checked, BuildOptions())
    n = sum(len(s.cards) for s in cards)
    line = next(line for line in preparation(checked, BuildOptions()) if line.startswith("For the blackboard"))
    assert line.startswith(f"For the blackboard (blackboard.pdf, one copy): {n} enlarged cards of {len(kit(checked.lesson, checked.family))} kinds (enough to lay out any solution or bug program of the lesson on the blackboard; {len(cards)} pages to cut apart) and "), line


@pytest.mark.parametrize("puzzles,paper", [(1, "a4"), (1, "a3"), (3, "a3")])
def test_english_preparation_counts_boards_in_good_english(puzzles, paper):
    """'1 boards' read wrong: singular for one board, and for one page."""
    from dataclasses import replace as dc_replace

    from lessonkit.render.guide import preparation

    one = dc_replace(lesson("robot-gardener-loops"), puzzles=lesson("robot-gardener-loops").puzzles[:puzzles])
    _, sheets = plan_boards(one, BuildOptions(paper=paper))
    boards = "1 board" if puzzles == 1 else f"{puzzles} boards"
    pages = "1 page" if len(sheets) == 1 else f"{len(sheets)} pages"
    tiled = ", taped together" if paper != "a3" else ""
    line = next(line for line in preparation(one, BuildOptions(paper=paper)) if line.startswith("For the blackboard"))
    assert line.endswith(f"and {boards} at A3 ({pages}{tiled})"), line


@pytest.mark.parametrize("name", CARD_LESSONS)
def test_the_guide_promises_only_the_programs_the_blackboard_set_lays(name):
    """The 準備 line said every solution and bug program could be laid on the
    blackboard, while the set holds only a kit's kinds: g4-binary-dot-cards'
    reading program uses たす and おもて？, which it has none of.  Restated
    from the plan: the promise of every program only when every program's
    cards are there, as many as it lays; otherwise the line names the missing
    cards, and every program made of the set's kinds alone still fits."""
    from lessonkit.render.guide import preparation

    checked = lesson(name)
    ja = checked.lesson.language == "ja"
    options = BuildOptions(groups=8, class_size=30)
    placed = [p.name for s in plan_cards(checked, options) for p in s.cards]
    line = next(line for line in preparation(checked, options) if line.startswith("黒板用" if ja else "For the blackboard"))
    infos = {c.name: c for c in checked.family.cards} | {kc.info.name: kc.info for kc in kit(checked.lesson, checked.family)}
    missing = []
    for puzzle in checked.puzzles:
        for program in [puzzle.solution] + [a for a, _ in puzzle.alternatives] + [b.program for b in puzzle.bugs]:
            counts = dict(program.card_counts())
            counts["end"] = sum(counts.get(b, 0) for b in ("repeat", "repeat_until", "if", "function"))
            absent = [n for n, k in counts.items() if k and n not in placed]
            missing += [n for n in absent if n not in missing]
            if not absent:
                assert all(placed.count(n) >= k for n, k in counts.items()), (puzzle.spec.id, program)
    every = "正解とバグのプログラムをどれも黒板に並べられる枚数" if ja else "enough to lay out any solution or bug program of the lesson"
    if not missing:
        assert every in line
    else:
        assert every not in line
        for n in missing:
            label = plain_text(infos[n].label_ja if ja else infos[n].label_en)
            assert (f"「{label}」" if ja else f"'{label}'") in line, (label, line)
    if name == "g4-binary-dot-cards":
        assert missing and "「おもて？」「ドットを たす」のカードはない" in line
