"""The graph-paper world against a small independent model, and its solver."""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.program import Action, Call, Cond, If, Program, Repeat, RepeatUntil
from lessonkit.simulate import Outcome, run
from lessonkit.worlds import find_family
from lessonkit.worlds.base import WorldError
from lessonkit.worlds.paper import MOVES, Paper, PaperState, compress, parse_picture, shortest_order, solve_paper

ACTIONS = frozenset(Paper.actions())
CONDITIONS = frozenset(Paper.conditions())


@st.composite
def pictures(draw, max_side: int = 6, max_filled: int | None = None):
    h = draw(st.integers(4, max_side))
    w = draw(st.integers(4, max_side))
    cells = [(r, c) for r in range(h) for c in range(w)]
    filled = draw(st.sets(st.sampled_from(cells), min_size=1, max_size=max_filled or len(cells)))
    rows = ["".join("#" if (r, c) in filled else "." for c in range(w)) for r in range(h)]
    pen = draw(st.sampled_from(cells))
    return "\n".join(rows) + "\n", f"{chr(ord('A') + pen[1])}{pen[0] + 1}"


def world_of(picture: str, pen: str):
    return Paper.build({"picture": picture, "pen": pen})


# --- an independent reference: flatten the program, step through it -------------


def reference(picture: str, pen: str, cards: list[str]):
    """(outcome, failing step or None, filled squares) by plain bookkeeping."""
    rows = [r for r in picture.split("\n") if r]
    want = {(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == "#"}
    row, col = int(pen[1:]) - 1, ord(pen[0]) - ord("A")
    filled: set = set()
    step_deltas = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}
    for n, card in enumerate(cards, 1):
        if card == "fill":
            if (row, col) not in want:
                return "crash", n, filled
            filled.add((row, col))
        else:
            dr, dc = step_deltas[card]
            if not (0 <= row + dr < len(rows) and 0 <= col + dc < len(rows[0])):
                return "crash", n, filled
            row, col = row + dr, col + dc
    return ("goal" if filled == want else "stopped"), None, filled


def flatten(body) -> list[str]:
    out: list[str] = []
    for node in body:
        if isinstance(node, Action):
            out.append(node.name)
        else:
            out += flatten(node.body) * node.times
    return out


cards = st.sampled_from(sorted(ACTIONS))
leaf = st.builds(Action, cards)
plain_bodies = st.recursive(leaf, lambda inner: st.builds(Repeat, st.integers(1, 4), st.lists(inner, min_size=1, max_size=3).map(tuple)), max_leaves=10)


@settings(max_examples=120, deadline=None)
@given(pictures(), st.lists(plain_bodies, max_size=6).map(tuple))
def test_runs_agree_with_the_reference_model(pic, body):
    picture, pen = pic
    world = world_of(picture, pen)
    trace = run(world, Program(body), ACTIONS, CONDITIONS, max_steps=10_000)
    outcome, at, filled = reference(picture, pen, flatten(body))
    assert trace.outcome.value == outcome
    assert trace.failed_at == (at if outcome == "crash" else trace.failed_at)
    assert set(trace.final.filled) == filled


conds = st.builds(Cond, st.sampled_from(sorted(CONDITIONS) + ["raining"]), st.booleans())


def any_bodies():
    leaf = st.builds(Action, st.sampled_from(sorted(ACTIONS) + ["jump"])) | st.just(Call("f"))
    return st.lists(
        st.recursive(
            leaf,
            lambda inner: st.builds(Repeat, st.integers(1, 99), st.lists(inner, max_size=3).map(tuple))
            | st.builds(RepeatUntil, conds, st.lists(inner, max_size=3).map(tuple))
            | st.builds(If, conds, st.lists(inner, max_size=3).map(tuple), st.none() | st.lists(inner, max_size=3).map(tuple)),
            max_leaves=10,
        ),
        max_size=5,
    ).map(tuple)


@settings(max_examples=100, deadline=None)
@given(pictures(), any_bodies(), any_bodies())
def test_the_interpreter_never_raises(pic, main, f):
    world = world_of(*pic)
    trace = run(world, Program(main, (("f", f),)), ACTIONS, CONDITIONS, max_steps=300)
    assert isinstance(trace.outcome, Outcome)


@st.composite
def walks(draw):
    """A card row that stays on a 6×6 sheet, with runs and patterns to compress."""
    row, col = draw(st.integers(0, 5)), draw(st.integers(0, 5))
    out = []
    pieces = draw(st.lists(st.tuples(st.lists(st.sampled_from(sorted(ACTIONS)), min_size=1, max_size=4), st.integers(1, 5)), max_size=6))
    for piece, times in pieces:
        for _ in range(times):
            out += piece
    kept = []
    for card in out:  # drop the moves that would leave the sheet
        if card in MOVES:
            dr, dc = MOVES[card]
            if not (0 <= row + dr < 6 and 0 <= col + dc < 6):
                continue
            row, col = row + dr, col + dc
        kept.append(card)
    return kept


@settings(max_examples=80, deadline=None)
@given(walks())
def test_a_program_and_its_repeat_compressed_form_draw_the_same(cards_row):
    n, program = compress(cards_row)
    assert flatten(program.main) == cards_row
    assert n <= len(cards_row)
    # Counted as a group lays it out: every repeat card brings its End card.
    assert n == len(program) + program.card_counts()["repeat"]
    picture = "\n".join("#" * 6 for _ in range(6)) + "\n"
    world = world_of(picture, "A1")
    flat = run(world, Program(tuple(Action(c) for c in cards_row)), ACTIONS, CONDITIONS, max_steps=10_000)
    packed = run(world, program, ACTIONS, CONDITIONS, max_steps=10_000)
    assert (flat.outcome, flat.final, len(flat.steps)) == (packed.outcome, packed.final, len(packed.steps))


def bfs_shortest(world) -> int:
    """Fewest cards by brute force over (pen, filled) states."""
    start = world.initial()
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        state, d = queue.popleft()
        if world.is_goal(state):
            return d
        for card in sorted(ACTIONS):
            nxt = world.act(state, card)
            if isinstance(nxt, PaperState) and nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, d + 1))
    raise AssertionError("unreachable")


@settings(max_examples=60, deadline=None)
@given(pictures(max_side=5, max_filled=6))
def test_the_shortest_plain_program_is_the_brute_force_shortest(pic):
    world = world_of(*pic)
    found = solve_paper(world, tuple(ACTIONS))
    assert found.proven
    assert len(found.plain) == bfs_shortest(world) == found.lower
    assert run(world, Program(tuple(Action(c) for c in found.plain)), ACTIONS, CONDITIONS).reached_goal
    assert run(world, found.looped, ACTIONS, CONDITIONS, max_steps=10_000).reached_goal
    assert found.looped_cards <= len(found.plain)


def test_repeat_shortens_a_striped_picture():
    picture = "\n".join(["########", "........"] * 4) + "\n"
    found = solve_paper(world_of(picture, "A1"), tuple(ACTIONS))
    assert found.proven and len(found.plain) == 32 + 4 * 7 + 3 * 2  # 32 fills, 7 moves a stripe, 3 two-square jumps between
    # repeat 3 [ repeat 7 [ fill right ] fill down down repeat 7 [ left ] ] and the last stripe
    assert found.looped_cards == 17


def test_an_8x8_picture_is_searched_within_the_budget():
    picture = "\n".join([".##..##.", "########", "########", "########", ".######.", "..####..", "...##...", "........"]) + "\n"
    order, proven, lower = shortest_order(world_of(picture, "A1"))
    assert proven and len(order) == 40 and lower == 40


@pytest.mark.parametrize(
    "picture, pen, message",
    [
        ("####\n###\n####\n####\n", "A1", "picture row 2 has 3 squares, row 1 has 4; every row must be as long"),
        ("###\n###\n###\n", "A1", "picture is 3×3 squares; graph paper is 4×4 up to 16×16"),
        ("....\n....\n....\n....\n", "A1", "picture has no '#' square to fill"),
        ("#S..\n....\n....\n....\n", "A1", "unknown picture square 'S'; expected '#' (fill) or '.' (leave empty); the pen's start is the puzzle's 'pen' key (e.g. pen: A1)"),
        ("#...\n....\n....\n....\n", "A5", "pen start 'A5' is outside the 4×4 paper; columns run A–D, rows 1–4"),
        ("#...\n....\n....\n....\n", "11", "pen start '11' is not a square; expected a column letter and a row number like 'A1' (columns run A–D, rows 1–4)"),
    ],
)
def test_malformed_puzzles(picture, pen, message):
    with pytest.raises(WorldError) as err:
        world_of(picture, pen)
    assert err.value.message == message


def test_filling_a_square_left_empty_is_reported_at_that_step():
    world = world_of("#...\n....\n....\n....\n", "A1")
    trace = run(world, Program((Action("fill"), Action("right"), Action("right"), Action("fill"))), ACTIONS, CONDITIONS)
    assert trace.outcome is Outcome.CRASH and trace.failed_at == 4
    assert trace.steps[-1].error.reason == "C1 should stay empty"
    assert trace.steps[-1].error.reason_ja == "C1は ぬらない マス"


def test_the_family_is_registered():
    assert find_family("paper") is Paper


# --- a kit short of some moves: drawable exactly when brute force can draw it ---

kits = st.sets(st.sampled_from(sorted(MOVES)), max_size=4).map(lambda moves: tuple(sorted(moves)) + ("fill",))


@settings(max_examples=150, deadline=None)
@given(pictures(max_side=5, max_filled=5), kits)
def test_with_fewer_moves_the_solver_agrees_with_brute_force(pic, actions):
    """The check says "cannot be drawn" only when breadth-first search over
    every (pen, filled) state with the kit's cards finds no drawing, and then
    gives a reason; otherwise its shortest row is the brute-force shortest."""
    from lessonkit.solve import solve
    from lessonkit.worlds.paper import cannot_draw

    world = world_of(*pic)
    brute = solve(world, actions)
    assert brute.complete
    found = Paper.solve(world, actions)
    assert found.shortest == brute.shortest
    reason = cannot_draw(world, actions)
    assert (reason is None) == (brute.shortest is not None)
    if found.shortest is not None:
        (plain,) = found.examples
        assert set(plain) <= set(actions)
        assert run(world, Program(tuple(Action(c) for c in plain)), frozenset(actions), CONDITIONS).reached_goal
    else:
        assert Paper.unsolvable("p", actions, world).startswith("puzzle 'p' cannot be drawn with the lesson's action cards")


def test_the_reason_names_the_square_and_the_missing_card():
    from lessonkit.worlds.paper import cannot_draw

    world = world_of("#...\n....\n....\n....\n", "B2")
    assert cannot_draw(world, ("down", "left", "right", "fill")) == "the pen starts on B2, and reaching A1 needs the 'up' card"
    assert cannot_draw(world, ("down", "right", "fill")) == "the pen starts on B2, and reaching A1 needs the 'up' and 'left' cards"
    assert cannot_draw(world, ("up", "down", "left", "right")) == "no square can be coloured without a 'fill' card"
    assert cannot_draw(world, ("up", "left", "fill")) is None


def test_solve_answers_from_the_paper_search_not_the_shared_one(cli, monkeypatch):
    """`lessonkit solve` on a paper lesson prints what the family's own search
    found (it ran in the check), and never starts the costly shared search."""
    import re
    from pathlib import Path

    import lessonkit.fewest
    from lessonkit.check import check_file
    from lessonkit.program import parse as parse_program

    def no_shared_search(*args, **kwargs):
        raise AssertionError("the shared fewest-cards search ran")

    monkeypatch.setattr(lessonkit.fewest, "fewest", no_shared_search)
    path = Path(__file__).resolve().parent.parent / "lessons" / "en" / "graph-paper-programming.yaml"
    result = cli("solve", path)
    assert result.exit_code == 0, result.output
    assert "the search tries" not in result.output  # the shared search's note
    checked = check_file(path).checked
    blocks = result.output.split("puzzle ")[1:]
    assert len(blocks) == len(checked.puzzles)
    for block, target in zip(blocks, checked.puzzles):
        found = target.analysis
        m = re.search(r"fewest cards found: (\d+), End cards counted \(a bounded search: (\d+) drawing orders", block)
        assert m and int(m[1]) == found.looped_cards and int(m[2]) == found.rows_tried
        shown = block.split("\n")[2].strip().split("  (needs")[0]
        program = parse_program(shown)
        assert run(target.world, program, ACTIONS, CONDITIONS, max_steps=10_000).reached_goal
        assert len(program) + program.card_counts().get("repeat", 0) == found.looped_cards
        assert f"shortest: {len(found.plain)} cards" in block
        if found.looped_cards < len(found.plain):
            assert f"repeat shortens it: {len(found.plain)} cards → {found.looped_cards} cards" in block


def test_grades_1_and_2_name_squares_with_kana_columns(tmp_path):
    """A grade-2 paper lesson: its runs name squares as its sheets label
    them (あ い う … columns), in the guide and the answer key; grade 3 keeps
    Latin letters."""
    import io
    import re
    from pathlib import Path

    import pypdf

    from lessonkit.build import DOCUMENTS
    from lessonkit.check import check_file
    from lessonkit.render.guide import where_it_goes_wrong
    from lessonkit.render.options import BuildOptions

    source = Path(__file__).resolve().parent.parent / "lessons" / "ja" / "g3-dot-picture.yaml"
    text = source.read_text(encoding="utf-8")
    assert "grade: 3\n" in text
    path = tmp_path / "g2.yaml"
    path.write_text(text.replace("grade: 3\n", "grade: 2\n", 1), encoding="utf-8")
    young, older = check_file(path).checked, check_file(source).checked
    assert young.family.kana and not older.family.kana
    for lesson, name in ((young, "い1"), (older, "B1")):
        tree = next(p for p in lesson.puzzles if p.spec.id == "tree")
        bug = tree.bugs[0]
        assert bug.trace.steps[-1].error.reason_ja == f"{name}は ぬらない マス"
        where, why = where_it_goes_wrong(bug.trace, lesson.family, "ja", tree.max_steps, tree.world, "", bug.program)
        assert f"{name}は ぬらない マス" in why
    assert young.puzzles[0].world.why_not_goal(young.puzzles[0].world.initial(), "ja").endswith("（う1、い2、う2、え2…）")
    data = DOCUMENTS["answer-key.pdf"](young, BuildOptions(groups=1)).data
    key = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages).replace(" ", "").replace("\n", "")
    assert "なぜ：い1はぬらないマス" in key and "あいうえお12345" in key
    assert not re.search(r"なぜ：[A-Z]\d", key)


@settings(max_examples=60, deadline=None)
@given(walks(), st.integers(0, 3), st.integers(2, 12))
def test_the_packing_kept_to_a_kit_lays_the_same_cards_from_it(cards_row, repeats, each):
    """fit_kit writes repeat blocks out until a group's kit holds the cards:
    the program still lays out the same row, and fits the kit unless it says not."""
    from lessonkit.worlds.paper import PaperSolution, fit_kit

    if not cards_row:
        return
    n, program = compress(cards_row)
    found = PaperSolution(tuple(cards_row), True, len(cards_row), program, n, 1, ((n, program),))
    kit = {card: each for card in ACTIONS} | {"repeat": repeats}
    kept = fit_kit(found, kit)
    assert flatten(kept.looped.main) == cards_row
    assert kept.looped_cards == len(kept.looped) + kept.looped.card_counts().get("repeat", 0) >= n
    fits = all(k <= kit.get(card, 0) for card, k in kept.looped.card_counts().items())
    assert fits != kept.kit_short
    if not kept.kit_short and all(k <= kit.get(card, 0) for card, k in program.card_counts().items()):
        assert kept.looped == program  # nothing to write out
