"""Binary dot cards: card programs against Python's bin, per-group targets, the check."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import check_bytes
from lessonkit.program import parse
from lessonkit.simulate import run
from lessonkit.spec.load import Report
from lessonkit.worlds.binary import Binary, bits, group_targets

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
