"""Pages printed once per group are not printed mostly empty where packing
could avoid it (issue 6 §4): card sets fill their sheets, the roles never
take a sheet of their own, no two of a group's sheets would fit on one, and
a puzzle that fits a sheet is never split over two.  Layout as data."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from lessonkit.check import check_file
from lessonkit.render import cards as cards_doc
from lessonkit.render.options import BuildOptions
from lessonkit.render.page import BoxItem, LineItem, frame_for
from lessonkit.render.pdf import PAPER
from lessonkit.render.worksheet import SECTION_GAP, _content_room, plan_worksheet

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted(ROOT.glob("lessons/*/*.yaml"))
PAPERS = ["a4", "b4", "letter"]
FRAME_ROLES = {"header", "footer", "band", "band-rule", "group-box", "group-letter", "group-label"}


@pytest.fixture(scope="module", params=BUNDLED, ids=lambda p: p.name)
def lesson(request):
    return check_file(request.param).checked


def _most_cards(paper: str) -> int:
    """The most cards a sheet could hold at the smallest card the kit allows
    (CARD_MIN_W wide, ASPECT_MIN times as tall): an upper bound, whatever
    the grid."""
    pw, ph = PAPER[paper]
    across = int((pw - 2 * cards_doc.MARGIN) // cards_doc.CARD_MIN_W)
    down = int((ph - 2 * cards_doc.MARGIN - cards_doc.FOOTER) // (cards_doc.CARD_MIN_W * cards_doc.ASPECT_MIN))
    return across * down


@pytest.mark.parametrize("paper", PAPERS)
def test_card_sets_fill_their_sheets(lesson, paper):
    """Each group's set starts on a fresh sheet and ends on one at least half
    full, unless no grid of hand-sized cards could print the set on fewer
    sheets; badges packed after the sets fill every sheet but their last."""
    pages = cards_doc.plan_cards(lesson, BuildOptions(paper=paper))
    groups: dict[str, list] = {}
    for page in pages:
        groups.setdefault(page.group, []).append(page)
    for group, own in groups.items():
        if not group:
            continue
        assert {s.group for p in own for s in p.slots} == {group}
        per_page = max(len(p.slots) for p in own)
        n = sum(len(p.slots) for p in own)
        if len(own) > 1 and len(own[-1].slots) < per_page / 2:
            assert math.ceil(n / _most_cards(paper)) == len(own), (group, [len(p.slots) for p in own])
    badges = groups.get("", [])
    assert all(len(p.slots) == len(badges[0].slots) for p in badges[:-1])
    # The grid keeps the cards hand-sized.
    grid = cards_doc.lesson_grid(lesson, BuildOptions(paper=paper))
    assert cards_doc.CARD_MIN_W - 1e-6 <= grid.w <= cards_doc.CARD_MAX_W + 1e-6
    assert grid.h >= grid.w * cards_doc.ASPECT_MIN - 1e-6


def _used(page, frame) -> float:
    """How far down a worksheet page its sections reach, from under the band."""
    rule = next(item for item in page.items if isinstance(item, LineItem) and item.role == "band-rule")
    top = rule.y1 - 2 - 6
    lows = [item.rect.y for item in page.items if item.role not in FRAME_ROLES]
    return top - min(lows) if lows else 0.0


@pytest.mark.parametrize("paper", PAPERS)
def test_no_two_worksheet_sheets_would_fit_on_one(lesson, paper):
    """A group's sheets, as planned: the roles never sit alone on a sheet,
    and no sheet under half full could have shared a sheet with the one
    after it (their sections together fit one sheet)."""
    options = BuildOptions(paper=paper, groups=1)
    frame = frame_for(paper)
    room = _content_room(frame)
    sheets = plan_worksheet(lesson, options)
    roles_alone = [k for k, page in enumerate(sheets) if {i.role for i in page.items if i.role not in FRAME_ROLES} <= {"heading", "text", "name-label", "name-line", "role-box"} and any(i.role == "role-box" for i in page.items)]
    assert not roles_alone or len(sheets) == 1, roles_alone
    used = [_used(page, frame) for page in sheets]
    for k in range(len(sheets) - 1):
        if min(used[k], used[k + 1]) < room / 2:
            assert used[k] + SECTION_GAP + used[k + 1] > room + 0.01, (k, used[k], used[k + 1], room)


@pytest.mark.parametrize("paper", PAPERS)
def test_a_puzzle_splits_only_when_it_cannot_fit_a_sheet(lesson, paper):
    """A puzzle goes over two sheets (its board on one, its work 'continued'
    on the next) only when, even with its board at readable MIN_CELL
    squares, the whole puzzle is taller than a sheet."""
    from lessonkit.render.worksheet import MIN_CELL, _readable_height, paper_scale, puzzle_builder, sizes_for
    from lessonkit.render.words import word

    options = BuildOptions(paper=paper, groups=1)
    frame = frame_for(paper)
    room = _content_room(frame)
    continued = word("continued_short", lesson.lesson.language)
    sheets = plan_worksheet(lesson, options)
    titles = [item.text for page in sheets for item in page.items if item.role == "puzzle-title"]
    sz = sizes_for(lesson.lesson.grades, paper_scale(frame.body.w, frame.body.h))
    for index, puzzle in enumerate(lesson.puzzles):
        if any(t.startswith(f"{index + 1}") and continued in t for t in titles):
            readable = _readable_height(lesson, puzzle, frame.body.w, MIN_CELL)
            whole = puzzle_builder(lesson, index, puzzle, sz, options, readable)(0.0, 0.0, frame.body.w)[1]
            assert whole > room, (index, whole, room)


def test_g4_on_letter_takes_seven_sheets_not_nine():
    """The review's case: g4 on Letter took 9 sheets a group, three mazes
    split over two sheets each (a band of three tries for a record's last
    three steps made them a little too tall)."""
    lesson = check_file(ROOT / "lessons" / "ja" / "g4-branching-maze.yaml").checked
    assert len(plan_worksheet(lesson, BuildOptions(paper="letter", groups=1))) <= 7
    assert len(plan_worksheet(lesson, BuildOptions(paper="a4", groups=1))) <= 6


@pytest.mark.parametrize("paper", PAPERS)
def test_run_record_cells_stay_big_enough(lesson, paper):
    """A squeezed run record still leaves room for a child's ○ or ×: cells of
    14 pt or more, and the grade's text size times 1.3."""
    from lessonkit.render.worksheet import pupil_min

    least = max(14.0, pupil_min(lesson.lesson.grades) * 1.3)
    sheets = plan_worksheet(lesson, BuildOptions(paper=paper, groups=1))
    cells = [item.w for page in sheets for item in page.items if isinstance(item, BoxItem) and item.role == "step"]
    assert all(w >= least - 0.01 for w in cells)
