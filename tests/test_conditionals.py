"""Conditionals with cards: rule programs against a direct evaluation, per-group decks, the check."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import check_bytes
from lessonkit.program import Action, Cond, If, Program, RepeatUntil
from lessonkit.simulate import run
from lessonkit.spec.load import Report
from collections import Counter

from lessonkit.worlds.conditionals import SUITS, Card, Conditionals, branch_counts, holds

ACTIONS, CONDITIONS = frozenset(Conditionals.actions()), frozenset(Conditionals.conditions())
TESTS = {
    "red": lambda c: c.suit in ("hearts", "diamonds"),
    "black": lambda c: c.suit in ("clubs", "spades"),
    "hearts": lambda c: c.suit == "hearts",
    "diamonds": lambda c: c.suit == "diamonds",
    "clubs": lambda c: c.suit == "clubs",
    "spades": lambda c: c.suit == "spades",
    "even": lambda c: c.value % 2 == 0,
    "odd": lambda c: c.value % 2 == 1,
    "big": lambda c: c.value >= 6,
}

# A rule as plain data: ("a",), ("b",) or ("if", cond, negated, then-rules, else-rules or None).
rules = st.recursive(
    st.sampled_from([("a",), ("b",)]),
    lambda inner: st.tuples(st.just("if"), st.sampled_from(sorted(TESTS)), st.booleans(), st.lists(inner, max_size=2), st.one_of(st.none(), st.lists(inner, max_size=2))),
    max_leaves=6,
)


def to_nodes(rule):
    if rule[0] in ("a", "b"):
        return Action("point_" + rule[0])
    _, cond, neg, then, orelse = rule
    return If(Cond(cond, neg), tuple(to_nodes(r) for r in then), None if orelse is None else tuple(to_nodes(r) for r in orelse))


def evaluate(rule, card, score):
    """The reference: apply the rule to one card directly."""
    if rule[0] in ("a", "b"):
        score[rule[0]] += 1
        return
    _, cond, neg, then, orelse = rule
    if TESTS[cond](card) != neg:
        for r in then:
            evaluate(r, card, score)
    elif orelse is not None:
        for r in orelse:
            evaluate(r, card, score)


decks = st.lists(st.tuples(st.sampled_from(SUITS), st.integers(1, 13)).map(lambda t: Card(*t)), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(rules, min_size=1, max_size=3), decks)
def test_rule_programs_agree_with_a_direct_evaluation(rule, deal):
    program = Program((RepeatUntil(Cond("deck_empty"), (Action("draw"), *(to_nodes(r) for r in rule))),))
    world = Conditionals.build({}).dealt(tuple(deal))
    trace = run(world, program, ACTIONS, CONDITIONS, 10_000)
    score = {"a": 0, "b": 0}
    for card in deal:
        for r in rule:
            evaluate(r, card, score)
    assert trace.reached_goal
    assert (trace.final.a, trace.final.b) == (score["a"], score["b"])


LESSON = """\
id: cond
title: cond
language: en
grade: 4
concepts: [branching]
objectives: [x]
flow:
  - {phase: introduction, minutes: 10, activity: a}
  - {phase: development, minutes: 25, activity: b}
  - {phase: summary, minutes: 10, activity: c}
world: conditionals
seed: 11
cards: {draw: 1, point_a: 2, point_b: 1, repeat_until: 1, if: 2, else: 2, red: 1, big: 1, deck_empty: 1}
puzzles:
  - id: nested
    title: nested
    draws: 8
    solution: repeat until deck_empty [ draw if red [ if big [ point_a ] else [ point_b ] ] else [ point_a ] ]
    bugs:
      - program: repeat until deck_empty [ draw if red [ point_a ] else [ point_b ] ]
        outcome: wrong_scores
        hint: h
        handout: true
"""


def test_every_group_gets_its_own_deck_with_the_same_mix():
    result = check_bytes(LESSON.encode(), Report("cond.yaml"))
    assert result.ok, result.diagnostics
    analysis = result.checked.puzzles[0].analysis
    groups = analysis.groups
    assert len(groups) == 26 and len({g.deal for g in groups}) == 26
    kinds = {tuple(sorted(Counter(tuple(holds(c, card) for c in analysis.tells_apart) for card in g.deal).items())) for g in groups}
    assert kinds == {analysis.mix} and analysis.tells_apart == ("big", "red")
    mixes = {frozenset(branch_counts(g.trace).items()) for g in groups}
    assert len(mixes) == 1  # the same cards reach each branch in every group
    assert len({g.final for g in groups}) == 1
    for g in groups:
        assert len(g.scores) == 8 and g.scores[-1] == g.final
    again = check_bytes(LESSON.encode(), Report("cond.yaml")).checked.puzzles[0].analysis
    assert [g.deal for g in again.groups] == [g.deal for g in groups]
    group, draw = analysis.bug_groups[0]
    bug_trace = analysis.bug_traces[0]
    assert group == 1 and bug_trace.reached_goal


def test_run_of_a_misread_rule_fails_on_the_first_deck_it_scores_differently(cli, write_lesson):
    """`run` once said "reached the goal" for any rule that drew every card."""
    path = write_lesson(LESSON)
    checked = check_bytes(LESSON.encode(), Report("cond.yaml")).checked
    analysis = checked.puzzles[0].analysis
    group, draw = analysis.bug_groups[0]
    result = cli("run", "--groups", "26", path, "nested", "repeat until deck_empty [ draw if red [ point_a ] else [ point_b ] ]")
    assert result.exit_code == 1
    out = result.output.splitlines()
    letter = chr(ord("A") + group - 1)
    assert out[2] == f"shown: group {letter}'s deck"
    deck = analysis.groups[group - 1]
    want = deck.scores[draw - 1]
    card = deck.deal[draw - 1]
    assert out[-3].startswith(f"outcome: goal: drew all 8 cards: team A ")
    assert out[-2].startswith(f"WRONG: after draw {draw} ({card.text()}) the scores are ") and out[-2].endswith(f"; the lesson's rule gives A {want[0]} B {want[1]}")
    assert out[-1].startswith("ran for each group's deck, groups A to Z (26 runs): ")
    # the lesson's own rule: right on every deck
    result = cli("run", "--groups", "26", path, "nested", "repeat until deck_empty [ draw if red [ if big [ point_a ] else [ point_b ] ] else [ point_a ] ]")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "ran for each group's deck, groups A to Z (26 runs): every one reached its goal"
