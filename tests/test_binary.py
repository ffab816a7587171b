"""Binary dot cards: card programs against Python's bin, per-group targets, the check."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import check_bytes
from lessonkit.program import parse
from lessonkit.simulate import run
from lessonkit.spec.load import Report
from lessonkit.worlds.binary import Binary, BinaryWorld, bits, group_targets

ACTIONS, CONDITIONS = frozenset(Binary.actions()), frozenset(Binary.conditions())
NAMES = Binary.names()


def algorithm(n: int):
    return parse(f"repeat {n} [ if fits [ show ] else [ hide ] next ]", NAMES)


@settings(max_examples=120, deadline=None)
@given(st.integers(1, 8), st.data())
def test_the_algorithm_agrees_with_bin(n, data):
    target = data.draw(st.integers(0, 2**n - 1))
    world = Binary.build({"dots": n, "target": target})
    trace = run(world, algorithm(n), ACTIONS, CONDITIONS, 500)
    assert trace.reached_goal
    assert world.record(trace.final) == bin(target)[2:].zfill(n)
    assert world.shown(trace.final) == int(bin(target), 2)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["show", "hide", "next"]), max_size=12), st.integers(0, 31))
def test_any_card_row_shows_what_bin_reads(cards, target):
    world = Binary.build({"dots": 5, "target": target})
    trace = run(world, parse(" ".join(cards), NAMES), ACTIONS, CONDITIONS, 500)
    # a reference: replay the row on a list of faces
    faces, at, crashed = ["0"] * 5, 0, False
    for card in cards:
        if card == "next":
            if at >= 5:
                crashed = True
                break
            at += 1
        else:
            if at >= 5:
                crashed = True
                break
            faces[at] = "1" if card == "show" else "0"
    assert (trace.outcome.value == "crash") == crashed
    if not crashed:
        assert world.record(trace.final) == "".join(faces)
        assert trace.reached_goal == (int("".join(faces), 2) == target)


def test_group_targets_share_how_many_cards_are_face_up():
    targets = group_targets((1, 31), 3, 5, "show")
    assert targets == group_targets((1, 31), 3, 5, "show")
    assert targets[:8] == group_targets((1, 31), 3, 5, "show", groups=8)
    assert {bits(t) for t in targets} == {3}
    assert len(set(targets[:10])) == 10  # ten numbers 1-31 have three 1s: all used before any repeats


LESSON = """\
id: bin
title: bin
language: en
grade: 4
concepts: [sequence]
objectives: [x]
flow:
  - {phase: introduction, minutes: 10, activity: a}
  - {phase: development, minutes: 25, activity: b}
  - {phase: summary, minutes: 10, activity: c}
world: binary
seed: 9
cards: {show: 1, hide: 1, next: 1, repeat: 1, if: 1, else: 1, fits: 1}
puzzles:
  - id: every
    title: every
    dots: 5
    goal: every
    solution: repeat 5 [ if fits [ show ] else [ hide ] next ]
    bugs:
      - program: repeat 5 [ if fits [ hide ] else [ show ] next ]
        outcome: stopped
        step: 10
        hint: h
  - id: mine
    title: mine
    dots: 5
    targets: {from: 1, to: 31}
    solution: repeat 5 [ if fits [ show ] else [ hide ] next ]
"""


def test_a_bug_is_refuted_by_its_smallest_failing_target():
    result = check_bytes(LESSON.encode(), Report("bin.yaml"))
    assert result.ok, result.diagnostics
    every, mine = result.checked.puzzles
    assert every.analysis.checked_targets == 32
    # the swapped bug turns up every card that does not fit: it fails at once, on 0
    assert every.analysis.bug_targets == {0: 0}
    assert every.bugs[0].trace.final.up == 0b11111
    assert {bits(g.target) for g in mine.analysis.groups} == {mine.analysis.face_up}
    for g in mine.analysis.groups:
        assert g.trace.reached_goal and mine.analysis.record(g.target) == bin(g.target)[2:].zfill(5)


# --- lessonkit run / solve: every target, not the first ------------------------------------


def test_run_on_an_every_goal_runs_every_target_and_shows_the_first_that_fails(cli, write_lesson):
    """`run` once built only the first target (0) and said the goal was reached."""
    path = write_lesson(LESSON)
    # Misses the last card: right for the even numbers, wrong from 1 on.
    result = cli("run", path, "every", "repeat 4 [ if fits [ show ] else [ hide ] next ]")
    assert result.exit_code == 1
    out = result.output.splitlines()
    assert out[2] == "shown: target 1"
    assert out[-2] == "outcome: stopped: ended after 8 steps, the cards show 0 (00000), not 1"
    assert out[-1] == "ran for every target from 0 to 31 (32 runs): 16 did not; the first is target 1, shown above"


def test_run_of_the_algorithm_on_an_every_goal_names_what_it_ran(cli, write_lesson):
    path = write_lesson(LESSON)
    result = cli("run", path, "every", "repeat 5 [ if fits [ show ] else [ hide ] next ]")
    assert result.exit_code == 0
    out = result.output.splitlines()
    assert out[2] == "shown: target 0"
    assert out[-2] == "outcome: goal: the cards show 0 (00000), the target"
    assert out[-1] == "ran for every target from 0 to 31 (32 runs): every one reached its goal"


def test_run_in_a_japanese_lesson_reports_the_failing_target_in_japanese(cli, write_lesson):
    path = write_lesson(LESSON.replace("language: en", "language: ja"))
    result = cli("run", path, "every", "くりかえす 5 [ もし はいる [ うら ] ちがったら [ おもて ] つぎ ]")
    assert result.exit_code == 1
    out = result.output.splitlines()
    assert out[3] == "0の とき:"
    assert out[-2] == "けっか: stopped: 10ステップで おわった。カードは 31（11111）で、0では ない"
    assert out[-1] == "0から 31までの すべての 数で ためした（32かい）: 32かいは できなかった。うえは さいしょに できなかった 0の とき"


def test_run_on_group_targets_runs_every_groups_target(cli, write_lesson):
    path = write_lesson(LESSON)
    checked = check_bytes(LESSON.encode(), Report("bin.yaml")).checked
    mine = checked.puzzles[1].analysis
    targets = sorted({g.target for g in mine.groups})
    # shows only the numbers below 16 (the first card never fits... and is never turned)
    result = cli("run", "--groups", "26", path, "mine", "next repeat 4 [ if fits [ show ] else [ hide ] next ]")
    bad = [t for t in targets if t >= 16]
    first = next(g.target for g in mine.groups if g.target >= 16)
    out = result.output.splitlines()
    assert result.exit_code == (1 if bad else 0)
    assert out[2].startswith(f"shown: target {first} (group ")
    assert out[-1] == f"ran for each group's target, groups A to Z ({len(targets)} different numbers) ({len(targets)} runs): {len(bad)} did not; the first is {out[2][len('shown: '):]}, shown above"


def test_solve_says_what_the_check_ran(cli, write_lesson):
    path = write_lesson(LESSON)
    result = cli("solve", path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:5] == [
        "puzzle every: every",
        "  check: the program runs for every target from 0 to 31 (32 runs)",
        "    solution repeat 5 [ if fits [ show ] else [ hide ] next ]: shows each one",
        "    bug exercise 1 repeat 5 [ if fits [ hide ] else [ show ] next ]: the smallest target it fails on is 0: it ended after 10 steps showing 31 (11111)",
        "puzzle mine: mine",
    ]
    assert "fewest cards: 0" not in result.output


# --- goals read and count ----------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 8), st.data())
def test_reading_the_face_up_cards_agrees_with_bin(n, data):
    """The cards lie as bin(target) says (1 face up); adding the face-up dots reads it back."""
    target = data.draw(st.integers(0, 2**n - 1))
    world = BinaryWorld(tuple(2**k for k in range(n - 1, -1, -1)), target, read=True)
    assert world.record(world.initial()) == bin(target)[2:].zfill(n)
    trace = run(world, parse(f"repeat {n} [ if face_up [ add ] next ]", NAMES), ACTIONS, CONDITIONS, 500)
    assert trace.reached_goal and trace.final.total == int(bin(target), 2)
    # adding every card reads the largest number, wrong unless all are face up
    every = run(world, parse(f"repeat {n} [ add next ]", NAMES), ACTIONS, CONDITIONS, 500)
    assert every.final.total == 2**n - 1 and every.reached_goal == (target == 2**n - 1)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.data())
def test_counting_up_lists_each_numbers_cards_as_bin_does(n, data):
    lo = data.draw(st.integers(0, 2**n - 1))
    hi = data.draw(st.integers(lo, 2**n - 1))
    lesson = COUNT.replace("@N", str(n)).replace("@LO", str(lo)).replace("@HI", str(hi))
    result = check_bytes(lesson.encode(), Report("count.yaml"))
    assert result.ok, result.diagnostics
    a = result.checked.puzzles[0].analysis
    assert a.rows == tuple((k, bin(k)[2:].zfill(n)) for k in range(lo, hi + 1))


COUNT = LESSON[: LESSON.index("puzzles:")] + """puzzles:
  - id: count
    title: count
    dots: @N
    goal: count
    targets: {from: @LO, to: @HI}
    solution: repeat @N [ if fits [ show ] else [ hide ] next ]
"""

READ = LESSON[: LESSON.index("puzzles:")] + """puzzles:
  - id: read
    title: read
    dots: 5
    goal: read
    solution: repeat 5 [ if face_up [ add ] next ]
    bugs:
      - program: repeat 5 [ add next ]
        outcome: stopped
        hint: h
  - id: count
    title: count
    dots: 4
    goal: count
    targets: {from: 0, to: 15}
    solution: repeat 4 [ if fits [ show ] else [ hide ] next ]
"""


def test_read_gives_each_group_cards_with_as_many_face_up_and_refutes_adding_them_all():
    result = check_bytes(READ.encode(), Report("read.yaml"))
    assert result.ok, result.diagnostics
    read = result.checked.puzzles[0]
    a = read.analysis
    assert {bits(g.target) for g in a.groups} == {a.face_up}
    for g in a.groups:
        assert g.trace.reached_goal and g.trace.final.total == g.target
        assert read.world.for_target(g.target).record(g.trace.final) == bin(g.target)[2:].zfill(5)
    smallest = min(g.target for g in a.groups)
    assert a.bug_targets == {0: smallest}  # adding every card is wrong for every group's cards


def _pdf_pages(path):
    from pypdf import PdfReader

    from lessonkit.spec.ruby import plain_text

    return [" ".join(plain_text(page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_read_and_count_worksheets_and_answer_key(tmp_path, cli):
    src = tmp_path / "read.yaml"
    src.write_text(READ.replace("language: en", "language: ja"), encoding="utf-8")
    result = cli("build", src, "-o", tmp_path / "kit", "--groups", "3")
    assert result.exit_code == 0, result.output
    checked = check_bytes(READ.encode(), Report("read.yaml")).checked
    read, count = checked.puzzles
    kit = tmp_path / "kit" / "bin"
    sheets = _pdf_pages(kit / "worksheet.pdf")
    per = len(sheets) // 3
    for g in range(3):
        mine = " ".join(sheets[g * per : (g + 1) * per])
        letter = "ABC"[g]
        assert f"グループ {letter}の カード" in mine
        assert "0から 15まで 1ずつ ふやして" in mine
        for k in range(16):
            assert f" {k} " in f" {mine} "
    key = " ".join(_pdf_pages(kit / "answer-key.pdf"))
    for g, letter in zip(read.analysis.groups[:3], "ABC"):
        assert f"グループ {letter} {g.trace.final.total} {' '.join(read.analysis.record(g.target))}" in key
    rows, before = [], None
    for n, rec in count.analysis.rows:
        turned = "" if before is None else f" {sum(x != y for x, y in zip(rec, before))}"
        assert f"{n} {' '.join(rec)}{turned}" in key
        before = rec


def test_run_names_the_groups_a_kit_prints(cli):
    """run said グループ A～Z and blamed groups L, M, U… that no 8-group kit
    prints; it runs the groups a kit prints (--groups, default 8, as build)."""
    lesson = Path(__file__).resolve().parent.parent / "lessons" / "ja" / "g4-binary-dot-cards.yaml"
    out = cli("run", lesson, "read-the-cards", "repeat 5 [ add next ]").output.splitlines()
    assert out[-1] == "グループ A～Hの カード（8とおり）で ためした（8かい）: 8かいは できなかった。うえは さいしょに できなかった カード 01110の とき（グループ A）"
    out = cli("run", "--groups", "26", lesson, "read-the-cards", "repeat 5 [ add next ]").output.splitlines()
    assert out[-1] == "グループ A～Zの カード（10とおり）で ためした（10かい）: 10かいは できなかった。うえは さいしょに できなかった カード 01110の とき（グループ A・L・M・U・V・Y）"
    out = cli("solve", Path(lesson).with_name("g5-binary-algorithm.yaml")).output.splitlines()
    assert "  check: the program runs for each group's target, groups A to Z, all 26 a kit can print, for any class size: 10 different numbers, each with 3 cards face up" in out
