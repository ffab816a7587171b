"""board.pdf: one big board per puzzle, or tiles that tape together."""

import io

import pypdf
import pytest

from lessonkit.render.board import OVERLAP, TILE_MARGIN, is_tiled, plan_board_pages, render_board
from lessonkit.render.options import BuildOptions
from lessonkit.render.pdf import PAPER
from render_lessons import EN, JA, checked

MM = 72 / 25.4



# Lessons of the grid world: these tests look at its boards (step numbers,
# the crash cross, End cards); other families draw no such things.
GRID_LESSONS = [p for p in sorted(__import__("pathlib").Path(__file__).resolve().parent.parent.glob("lessons/*/*.yaml")) if "\nworld: grid" in p.read_text(encoding="utf-8")]

@pytest.fixture
def ja(tmp_path):
    return checked(JA, tmp_path, "ja.yaml")


def sizes(data):
    return [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("paper", ["a4", "b4", "a3", "letter"])
def test_one_sheet_per_puzzle_turned_to_fit(ja, paper):
    sheets = plan_board_pages(ja, BuildOptions(paper=paper))
    assert [s.puzzle for s in sheets] == [0, 1]
    assert all(s.tile is None for s in sheets)
    # The first board is 7 wide and 3 high: landscape.
    w, h = sheets[0].paper
    assert w > h and sorted(sheets[0].paper) == sorted(PAPER[paper])
    got = sizes(render_board(ja, BuildOptions(paper=paper)).data)
    want = {"a4": (210, 297), "b4": (257, 364), "a3": (297, 420), "letter": (216, 279)}[paper]
    assert [tuple(sorted(s)) for s in got] == [want, want]


def test_board_size_no_larger_than_paper_is_one_sheet():
    assert not is_tiled(BuildOptions(paper="a3", board_size="a3"))
    assert not is_tiled(BuildOptions(paper="a3", board_size="a4"))
    assert is_tiled(BuildOptions(paper="a4", board_size="a3"))
    assert is_tiled(BuildOptions(paper="letter", board_size="a4"))


@pytest.mark.parametrize("paper,size", [("a4", "a3"), ("a4", "a2"), ("b4", "b3"), ("letter", "a3")])
def test_tiles_cover_the_board_with_overlap(ja, paper, size):
    sheets = [s for s in plan_board_pages(ja, BuildOptions(paper=paper, board_size=size)) if s.puzzle == 0]
    tile = sheets[0].tile
    assert len(sheets) == tile.count == tile.cols * tile.rows > 1
    cw, ch = sheets[0].content
    xs = sorted({s.tile.window[0] for s in sheets})
    ys = sorted({s.tile.window[1] for s in sheets})
    ww, wh = tile.window[2:]
    # Neighbours share exactly OVERLAP; the union covers the whole board page.
    assert all(abs((b - a) - (ww - OVERLAP)) < 1e-6 for a, b in zip(xs, xs[1:]))
    assert all(abs((b - a) - (wh - OVERLAP)) < 1e-6 for a, b in zip(ys, ys[1:]))
    assert xs[0] <= 0 and xs[-1] + ww >= cw and ys[0] <= 0 and ys[-1] + wh >= ch
    # The window fits the paper inside its margins.
    pw, ph = sheets[0].paper
    assert abs(ww - (pw - 2 * TILE_MARGIN)) < 1e-6 and abs(wh - (ph - 2 * TILE_MARGIN)) < 1e-6
    assert sorted(sheets[0].paper) == sorted(PAPER[paper])
    names = [s.tile.name for s in sheets]
    assert names[0] == "A1" and len(set(names)) == len(names)


def test_a3_on_a4_is_four_sheets_a_puzzle(ja):
    data = render_board(ja, BuildOptions(paper="a4", board_size="a3")).data
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 8
    text = reader.pages[0].extract_text()
    assert "1/4" in text and "あ1" in text and "のりしろ" in text  # grade 2: kana columns
    assert "きりとる" in reader.pages[1].extract_text()  # B1 is cut along its left edge


def test_title_and_legend_print_as_written(ja):
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render_board(ja, BuildOptions()).data)).pages)
    assert "1. はじめの いっぽ <b>&amp;" in text
    assert "2. まがりかど" in text
    assert "スタート" in text and "ゴール" in text and "かべ" in text
    assert "8まい" in text  # print one per group


def test_english_board(tmp_path):
    en = checked(EN, tmp_path)
    text = pypdf.PdfReader(io.BytesIO(render_board(en, BuildOptions(groups=7)).data)).pages[0].extract_text()
    assert "1. First steps" in text and "Start" in text and "7 copies" in text


LESSONS = __import__("pathlib").Path(__file__).resolve().parent.parent / "lessons"


@pytest.mark.parametrize("paper", ["a4", "b4", "a3", "letter"])
@pytest.mark.parametrize("path", sorted(LESSONS.glob("*/*.yaml")), ids=lambda p: p.name)
def test_bundled_boards_and_cards_stay_on_the_paper(path, paper):
    from lessonkit.check import check_file
    from lessonkit.render.board import check_board_pages
    from lessonkit.render.cards import check_cards, plan_cards

    lesson = check_file(path).checked
    options = BuildOptions(paper=paper)
    check_board_pages(lesson, plan_board_pages(lesson, options), options)  # raises LayoutError if not
    check_cards(plan_cards(lesson, options))


# -- the answer key's boards: step numbers fit their squares --------------------------------

from pathlib import Path  # noqa: E402

from lessonkit.check import check_file  # noqa: E402
from lessonkit.render.worlds import grid as grid_drawing  # noqa: E402

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
# Grid boards' own features (step numbers in squares, the legend); other families' drawings have theirs.
GRID_LESSONS = [p for p in sorted(LESSONS.glob("*/*.yaml")) if "\nworld: grid\n" in p.read_text(encoding="utf-8")]


def _overlap(a, b) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw - 0.01 and bx < ax + aw - 0.01 and ay < by + bh - 0.01 and by < ay + ah - 0.01


def _inside(inner, outer) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x >= ox - 0.01 and y >= oy - 0.01 and x + w <= ox + ow + 0.01 and y + h <= oy + oh + 0.01


def _traces(lesson):
    for puzzle in lesson.puzzles:
        yield puzzle.world, puzzle.trace
        for bug in puzzle.bugs:
            yield puzzle.world, bug.trace


@pytest.mark.parametrize("size", [(150.0, 150.0, 22.0), (210.0, 230.0, 30.0), (120.0, 110.0, None)])
@pytest.mark.parametrize("path", GRID_LESSONS, ids=lambda p: p.name)
def test_step_numbers_fit_their_squares_clear_of_icons_and_the_cross(path, size):
    """Each label box inside its square, in the bottom band, never over the
    square's symbol (the robot, the flag) nor the ✕; numbers that do not
    all fit are marked for the list beside the board."""
    w, h, max_cell = size
    lesson = check_file(path).checked
    for world, trace in _traces(lesson):
        plan = grid_drawing.plan_board(world, 0.0, 0.0, w, h, trace=trace, max_cell=max_cell)
        squares = {(sq.row, sq.col): sq for sq in plan.squares}
        for mark in plan.marks:
            sq = squares[(mark.row, mark.col)]
            assert mark.box is not None and mark.size >= grid_drawing.MIN_LABEL
            assert _inside(mark.box, (sq.x, sq.y, sq.size, sq.size)), (path.name, mark)
            assert mark.box[1] + mark.box[3] <= sq.y + plan.band() + 0.01
            if sq.kind in ("start", "goal", "item"):
                assert not _overlap(mark.box, plan.icon_box(sq)), (path.name, mark)
            if plan.crash_box is not None:
                assert not _overlap(mark.box, plan.crash_box), (path.name, mark)
            if len(mark.numbers) > grid_drawing.RUN:
                assert mark.listed
            if mark.listed:  # the answer key lists them all beside the board
                assert mark.text in (f"{mark.numbers[0]}{grid_drawing.LISTED}", grid_drawing.LISTED)
            else:
                assert mark.text == ",".join(map(str, mark.numbers))
            assert grid_drawing.text_width(mark.text, mark.size, True) <= mark.box[2]


def test_a_turn_first_numbers_the_start_square_under_the_robot():
    lesson = check_file(LESSONS / "ja" / "g1-robot-sequence.yaml").checked
    puzzle = next(p for p in lesson.puzzles if p.spec.id == "facing-down")
    plan = grid_drawing.plan_board(puzzle.world, 0.0, 0.0, 150.0, 150.0, trace=puzzle.trace, max_cell=30.0)
    start = next(sq for sq in plan.squares if sq.kind == "start")
    mark = next(m for m in plan.marks if (m.row, m.col) == (start.row, start.col))
    assert mark.numbers[0] == 1 and not _overlap(mark.box, plan.icon_box(start))


@pytest.mark.parametrize("path", sorted(LESSONS.glob("*/*.yaml")), ids=lambda p: p.name)
def test_tiled_title_task_and_legend_stay_whole_and_off_the_glue_strips(path):
    """A3 on A4: the title, the whole task and the legend each print once,
    inside one tile's visible part (never under a のりしろ, never split)."""
    from lessonkit.render.board import plan_tile_words
    from lessonkit.render.words import tidy_text
    from lessonkit.spec.ruby import plain_text

    lesson = check_file(path).checked
    options = BuildOptions(board_size="a3")
    sheets = plan_board_pages(lesson, options)
    for index, puzzle in enumerate(lesson.puzzles):
        words = [(s, plan_tile_words(lesson, s, options)) for s in sheets if s.puzzle == index]
        headings = [(s, w) for s, w in words if w.heading is not None]
        legends = [(s, w) for s, w in words if w.legend is not None]
        # a legend where the board has one (a grid's start, goal, walls); every family's title and task
        from lessonkit.render.board import _Painter, _content_box
        from lessonkit.render.options import furigana_for, latin_ok
        from lessonkit.render.worlds import drawing_for

        cw, ch = sheets[0].content if index == 0 else next(s for s in sheets if s.puzzle == index).content
        box = _content_box(index, puzzle, cw, ch, furigana_for(lesson.lesson, options), lesson.lesson.language)
        parts = _Painter(lesson, options).legend_parts(drawing_for(lesson.family.name).plan_board(puzzle.world, *box, kana=not latin_ok(lesson.lesson)))
        assert len(headings) == 1 and len(legends) == (1 if parts else 0)
        assert parts or lesson.family.name != "grid"  # a grid board always has its start and goal
        for s, w in headings + legends:
            vx, vy, vw, vh = w.visible
            assert vx + vw <= s.tile.window[2] + TILE_MARGIN - (OVERLAP if s.tile.right else 0) + 0.01
            assert vy >= TILE_MARGIN + (OVERLAP if s.tile.bottom else 0) - 0.01
        sheet, w = headings[0]
        title, task, _, (x, top, width, used) = w.heading
        vx, vy, vw, vh = w.visible
        assert x >= vx - 0.01 and x + width <= vx + vw + 0.01 and top <= vy + vh + 0.01 and top - used >= vy - 0.01
        printed = "".join(line.text for line in task).replace(" ", "")
        assert printed == plain_text(tidy_text(puzzle.spec.task or "")).replace(" ", "").replace("\n", "")
        from lessonkit.render.words import word

        mark = word("extension_pupil", lesson.lesson.language) if puzzle.spec.extension else ""  # an extension is marked for pupils
        assert "".join(line.text for line in title).replace(" ", "") == f"{index + 1}.{mark}{plain_text(tidy_text(puzzle.spec.title))}".replace(" ", "")
        if not legends:
            continue
        sheet, w = legends[0]
        _, (x, y, width, height) = w.legend
        vx, vy, vw, vh = w.visible
        assert x >= vx - 0.01 and x + width <= vx + vw + 0.01 and y >= vy - 0.01 and y + height <= vy + vh + 0.01


@pytest.mark.parametrize("path", sorted(LESSONS.glob("*/*.yaml")), ids=lambda p: p.name)
def test_one_orientation_unless_a_board_needs_the_other(path):
    from lessonkit.check import check_file
    from lessonkit.render.board import NEEDS_TURN, _cell, _oriented
    from lessonkit.render.options import furigana_for

    lesson = check_file(path).checked
    options = BuildOptions()
    sheets = plan_board_pages(lesson, options)
    shapes = [s.paper[0] > s.paper[1] for s in sheets]
    main = max(set(shapes), key=lambda v: (shapes.count(v), not v))
    fur = furigana_for(lesson.lesson, options)
    for sheet, wide in zip(sheets, shapes):
        if wide != main:
            turned = _cell(lesson, sheet.puzzle, *sheet.paper, fur)
            usual = _cell(lesson, sheet.puzzle, *_oriented(PAPER["a4"], main), fur)
            assert turned >= usual * NEEDS_TURN, (sheet.puzzle, turned, usual)
