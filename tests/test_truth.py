"""Every sentence the answer key prints about a program comes from running it.

For every bug exercise and every solution of every bundled lesson, and of
lessons generated here, the printed where/why/steps text is rebuilt from the
run's own facts (the failing step, its card, the world's reason, the final
square and what is left on the board) and must be in the PDF: a fixed string
that disagrees with the run can never stand in again.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.check import check_file
from lessonkit.render.options import BuildOptions, latin_ok
from lessonkit.render.programs import card_info
from lessonkit.render.words import word
from lessonkit.simulate import Outcome
from lessonkit.spec.ruby import plain_text
from lessonkit.worlds.base import end_cards
from lessonkit.worlds.grid import square_name

from conftest import bundled_where, family_of, pdf_lines
from render_lessons import checked as checked_from

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
BUNDLED = sorted(LESSONS.rglob("*.yaml"))


def _flat(text: str) -> str:
    return "".join(text.split())


def _answer_key_text(checked) -> str:
    """The key's printed text, item by item as laid out (each paragraph whole,
    so board labels drawn beside it cannot cut into it)."""
    from lessonkit.render.answer_key import plan_answer_key
    from lessonkit.render.page import TextItem

    out = []
    for page in plan_answer_key(checked, BuildOptions(groups=1)):
        for item in page.items:
            if isinstance(item, TextItem) and item.role != "board":
                out.append("".join(line.text for line in item.lines))
    return _flat("\n".join(out))


def test_the_pdf_says_it_too():
    """The same words reach the PDF (read back with pypdf, readings dropped)."""
    from lessonkit.render.answer_key import render_answer_key

    result = check_file(LESSONS / "ja" / "g3-repeat.yaml")
    pages = pdf_lines(render_answer_key(result.checked, BuildOptions(groups=1)).data)
    lines = [line for page in pages for line in page]
    bug = result.checked.puzzles[0].bugs[0]
    step = bug.trace.steps[-1]
    assert any(_flat(f"なぜ：{step.error.reason_ja}") in _flat(line) for line in lines), lines


def _card(family, name: str, lang: str) -> str:
    """A card as the key names it: a family whose cards are their words
    (procedure steps) by the printed label, others by their card name."""
    from lessonkit.render.guide import names_are_labels

    info = card_info(family, name)
    if names_are_labels(family) and info in family.cards:
        return plain_text(info.label_ja if lang == "ja" else info.label_en)
    return info.ja if lang == "ja" else info.label_en


def expected_sentences(checked, puzzle, bug) -> list[str]:
    """What the key must say about ``bug``, from its trace alone."""
    lang = checked.lesson.language
    trace = bug.trace
    family = checked.family
    item = plain_text(checked.lesson.item)
    if trace.outcome is Outcome.CRASH:
        step = trace.steps[-1]
        assert step.error is not None and step.number == len(trace.steps) == trace.failed_at
        reason = step.error.reason_ja if lang == "ja" else step.error.reason
        where = word("bug_where", lang, n=step.number, card=_card(family, step.card, lang))
        return [where, word("bug_why", lang, why=reason)]
    if trace.outcome is Outcome.STOPPED:
        final = trace.final
        board = puzzle.world.board
        on_goal = (final.row, final.col) == board.goal
        left = len(final.items)
        kana = not latin_ok(checked.lesson)  # squares named as the pupils' boards name them
        reason = puzzle.world.why_not_goal(final, lang, item, kana=kana)
        if not on_goal:
            assert square_name(final.row, final.col, kana) in reason
        # The reason says what the final state is: on the goal or not, how many left.
        if lang == "ja":
            assert ("ゴールに着いたが" in reason) == on_goal
            assert (f"{left}つ残っている" in reason) == (left > 0)
        else:
            assert reason.startswith("on the goal") == on_goal
            assert (f"{left} " in reason) == (left > 0)
        out = [word("bug_why", lang, why=reason)]
        if trace.steps:
            last = trace.steps[-1]
            out.append(word("bug_where_stopped", lang, n=last.number, card=_card(family, last.card, lang)))
        return out
    if trace.outcome is Outcome.STEP_LIMIT:
        return [word("bug_where_limit", lang, n=puzzle.max_steps)]
    return [word("bug_where", lang, n=trace.failed_at, card=trace.unknown)]


def expected_solution(checked, puzzle) -> list[str]:
    lang = checked.lesson.language
    ends = end_cards(puzzle.solution.card_counts())
    cards = sum(puzzle.solution.card_counts().values()) + ends
    line = word("cards_line_end" if ends else "cards_line", lang, cards=cards, ends=ends, steps=len(puzzle.trace.steps))
    out = [line]
    solved = puzzle.solved
    if checked.family.name == "paper":  # the graph-paper solver's own figures
        from lessonkit.render.worlds.paper import WORDS

        found = puzzle.analysis
        key = "plain_proven" if found.proven else "plain_bound"
        out.append(WORDS[key][lang].format(n=len(found.plain), lower=found.lower))
        out.append(WORDS["looped_short" if found.kit_short else "looped_own" if found.own_answer else "looped"][lang].format(m=found.looped_cards))
    elif checked.family.name == "procedure":  # how many orders work, counted
        from lessonkit.render.worlds.procedure import WORDS

        n = puzzle.analysis.count
        out.append(WORDS["count_one"][lang] if n == 1 else WORDS["count"][lang].format(n=f"{n:,}"))
    elif solved is not None and solved.shortest is not None:
        count = solved.counts[solved.shortest]
        out.append(word("shortest_one" if count == 1 else "shortest", lang, length=solved.shortest, count=count))
    return out


# Every family whose answers are card programs the shared check runs (grid,
# graph paper, procedures: expected_solution has each one's figures); the
# families that own their check (networks, dot cards, card rules) print their
# own findings and are pinned in test_family_kits8.  (Limited to grid, the
# paper and procedure lessons' sentences went unchecked.)
CARD_PROGRAM_LESSONS = bundled_where(lambda family: not family.owns_check)
assert {family_of(p) for p in CARD_PROGRAM_LESSONS} == {"grid", "paper", "procedure"}


@pytest.fixture(scope="module", params=CARD_PROGRAM_LESSONS, ids=[p.stem for p in CARD_PROGRAM_LESSONS])
def bundled(request):
    result = check_file(request.param)
    assert result.ok, result.diagnostics
    return result.checked, _answer_key_text(result.checked)


def test_every_bundled_bug_and_solution_is_described_by_its_run(bundled):
    checked, text = bundled
    told = 0
    for puzzle in checked.puzzles:
        for sentence in expected_solution(checked, puzzle):
            assert _flat(sentence) in text, sentence
        for bug in puzzle.bugs:
            for sentence in expected_sentences(checked, puzzle, bug):
                assert _flat(sentence) in text, (puzzle.spec.id, sentence)
                told += 1
    assert told or not any(p.bugs for p in checked.puzzles)


def test_an_endless_loop_is_called_endless_only_when_the_run_proves_it():
    from lessonkit.render.guide import endless_from

    result = check_file(LESSONS / "ja" / "g4-branching-maze.yaml")
    proved = 0
    for puzzle in result.checked.puzzles:
        for bug in puzzle.bugs:
            if bug.trace.outcome is not Outcome.STEP_LIMIT:
                continue
            cycle = endless_from(puzzle.world, bug.program, result.checked.family, puzzle.max_steps)
            assert cycle is not None
            a, b = cycle
            first, again = bug.trace.steps[a - 1], bug.trace.steps[b - 1]
            assert (first.state, first.where, first.card) == (again.state, again.where, again.card)
            proved += 1
    assert proved >= 3


def test_the_old_fixed_reason_is_gone_from_g2():
    """g2's first bug stops on the goal with the acorn left: the key says so."""
    result = check_file(LESSONS / "ja" / "g2-find-the-bug.yaml")
    text = _answer_key_text(result.checked)
    assert _flat("なぜ：ゴールに着いたが、どんぐりが1つ残っている") in text
    assert "ゴールの手前で止まる" not in text


# -- generated lessons ---------------------------------------------------------

BOARD = "S.*.\n.#..\n...G\n"
LESSON = """\
id: gen
title: gen
language: {lang}
grade: 3
concepts: [sequence, debugging]
objectives: [x]
flow:
  - {{phase: introduction, minutes: 10, activity: x}}
  - {{phase: development, minutes: 25, activity: y}}
  - {{phase: summary, minutes: 10, activity: z}}
world: grid
item: {item}
cards: {{forward: 12, turn_left: 4, turn_right: 4, pick_up: 2, repeat: 2}}
puzzles:
  - id: p
    title: p
    facing: east
    board: |
      S.*.
      .#..
      ...G
    solution: forward forward pick_up forward turn_right forward forward
    bugs:
{bugs}
"""

CARDS = ["forward", "turn_left", "turn_right", "pick_up"]
programs = st.lists(st.sampled_from(CARDS), min_size=1, max_size=9).map(" ".join) | st.tuples(
    st.integers(2, 4), st.lists(st.sampled_from(CARDS), min_size=1, max_size=3)
).map(lambda t: f"repeat {t[0]} [ {' '.join(t[1])} ]")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(programs, min_size=1, max_size=3), st.sampled_from([("ja", "どんぐり"), ("en", "berry")]))
def test_generated_bugs_are_described_by_their_runs(tmp_path, progs, lang_item):
    from lessonkit.check import check_bytes
    from lessonkit.spec.load import Report

    lang, item = lang_item
    # Run each program first, to write the bug exercise it really is.
    probe = check_bytes(LESSON.format(lang=lang, item=item, bugs="").replace("    bugs:\n\n", "").encode(), Report("probe.yaml"))
    assert probe.ok, probe.diagnostics
    puzzle = probe.checked.puzzles[0]
    from lessonkit.simulate import run
    from lessonkit.program import parse

    names = probe.checked.family.names()
    rows = []
    for text in progs:
        trace = run(puzzle.world, parse(text, names), frozenset(probe.checked.family.actions()), frozenset(probe.checked.family.conditions()), puzzle.max_steps)
        if trace.reached_goal:
            continue
        step = f"\n        step: {trace.failed_at}" if trace.failed_at else ""
        rows.append(f"      - program: {text}\n        outcome: {trace.outcome.value}{step}\n        hint: h")
    if not rows:
        return
    result = check_bytes(LESSON.format(lang=lang, item=item, bugs="\n".join(rows)).encode(), Report("gen.yaml"))
    assert result.ok, [str(d) for d in result.diagnostics]
    text = _answer_key_text(result.checked)
    p = result.checked.puzzles[0]
    for sentence in expected_solution(result.checked, p):
        assert _flat(sentence) in text, sentence
    for bug in p.bugs:
        for sentence in expected_sentences(result.checked, p, bug):
            assert _flat(sentence) in text, sentence
