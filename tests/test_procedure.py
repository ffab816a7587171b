"""Everyday procedures: orders counted against brute force, runs against a small model."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import check_bytes
from lessonkit.program import Action, Call, Cond, If, Program, Repeat, RepeatUntil
from lessonkit.simulate import Outcome, run
from lessonkit.spec.load import Report
from lessonkit.spec.models import CardSpec, Fact
from lessonkit.solve import solve
from lessonkit.worlds.procedure import Procedure, analyse_orders, count_orders, list_orders, shortest_rows


def bind(facts: dict, cards: dict, language: str = "en"):
    lesson = SimpleNamespace(facts=facts, cards=cards, language=language, id="t")
    family, problems = Procedure.for_lesson(lesson)
    assert [p for p in problems if not p.warning] == []
    return family


@st.composite
def posets(draw, max_n: int = 6):
    """A random precedence on n steps: edges only from lower to higher number."""
    n = draw(st.integers(1, max_n))
    edges = draw(st.sets(st.sampled_from([(a, b) for a in range(n) for b in range(a + 1, n)] or [(0, 0)])))
    return n, {e for e in edges if e[0] != e[1]}


def poset_world(n: int, edges: set):
    facts = {f"d{i}": f"step {i} done" for i in range(n)}
    cards = {f"s{j}": CardSpec(label=f"Step {j}", needs=[f"d{i}" for i, b in sorted(edges) if b == j], adds=[f"d{j}"]) for j in range(n)}
    family = bind(facts, cards)
    return family.build({"goal": list(facts)})


@settings(max_examples=80, deadline=None)
@given(posets())
def test_valid_orders_are_exactly_the_linear_extensions(poset):
    n, edges = poset
    world = poset_world(n, edges)
    brute = sum(
        1
        for perm in itertools.permutations(range(n))
        if all(perm.index(a) < perm.index(b) for a, b in edges)
    )
    assert count_orders(world, tuple(f"s{j}" for j in range(n))) == brute


@settings(max_examples=50, deadline=None)
@given(posets(max_n=5))
def test_the_drawn_rule_is_the_precedence(poset):
    """The covering pairs the answer key draws generate exactly the pairs
    every valid order keeps."""
    n, edges = poset
    world = poset_world(n, edges)
    orders = analyse_orders(world, tuple(f"s{j}" for j in range(n)))
    valid = [p for p in itertools.permutations(range(n)) if all(p.index(a) < p.index(b) for a, b in edges)]
    always = {(a, b) for a in range(n) for b in range(n) if a != b and all(p.index(a) < p.index(b) for p in valid)}
    drawn = {(int(a[1:]), int(b[1:])) for a, b in orders.before}
    closure = set(drawn)
    changed = True
    while changed:
        new = {(a, d) for a, b in closure for c, d in closure if b == c} - closure
        closure |= new
        changed = bool(new)
    assert closure == always
    assert orders.count == len(valid)
    assert len(orders.listed) == (len(valid) if len(valid) <= 12 else 0)


# --- with removes and counters: against a plain set-and-counter model -------------

FACTS = ["a", "b", "c", "d"]


@st.composite
def procedures(draw):
    afters = {f: draw(st.integers(1, 2)) for f in FACTS}
    steps = {}
    for j in range(draw(st.integers(1, 5))):
        steps[f"s{j}"] = (
            draw(st.lists(st.sampled_from(FACTS), max_size=2, unique=True)),
            draw(st.lists(st.sampled_from(FACTS), max_size=2, unique=True)),
            draw(st.lists(st.sampled_from(FACTS), max_size=1, unique=True)),
        )
    start = draw(st.lists(st.sampled_from(FACTS), max_size=2, unique=True))
    goal = draw(st.lists(st.sampled_from(FACTS), min_size=1, max_size=2, unique=True))
    return afters, steps, start, goal


def model_run(afters, steps, start, goal, cards):
    """(ok, failing step) by plain counting."""
    count = {f: (afters[f] if f in start else 0) for f in FACTS}
    for n, card in enumerate(cards, 1):
        needs, adds, removes = steps[card]
        if any(count[f] < afters[f] for f in needs):
            return False, n
        for f in removes:
            count[f] = 0
        for f in adds:
            count[f] = min(afters[f], count[f] + 1)
    return all(count[f] >= afters[f] for f in goal), None


def make(afters, steps, start, goal):
    facts = {f: Fact(label=f"fact {f}", after=afters[f]) for f in FACTS}
    cards = {name: CardSpec(label=f"Step {name}", needs=n, adds=a, removes=r) for name, (n, a, r) in steps.items()}
    return bind(facts, cards).build({"goal": goal, "start": start})


@settings(max_examples=80, deadline=None)
@given(procedures(), st.data())
def test_runs_and_counts_agree_with_the_model(proc, data):
    afters, steps, start, goal = proc
    world = make(*proc)
    cards = data.draw(st.lists(st.sampled_from(sorted(steps)), max_size=6))
    trace = run(world, Program(tuple(Action(c) for c in cards)), frozenset(steps), frozenset(FACTS))
    ok, at = model_run(afters, steps, start, goal, cards)
    if at is not None:
        assert trace.outcome is Outcome.CRASH and trace.failed_at == at
    else:
        assert trace.reached_goal == ok
    bag = tuple(cards[:5])
    valid = {p for p in itertools.permutations(bag) if model_run(afters, steps, start, goal, p) == (True, None)}
    assert count_orders(world, bag) == len(valid)
    # Every order that works, in the lesson's card order, and the pairs they all keep.
    rank = {name: i for i, name in enumerate(world.steps)}
    assert list_orders(world, bag, 10**6) == sorted(valid, key=lambda p: [rank[c] for c in p])
    if valid:
        names = sorted(set(bag))
        always = {(a, b) for a in names for b in names if a != b and all(max(i for i, c in enumerate(p) if c == a) < min(i for i, c in enumerate(p) if c == b) for p in valid)}
        drawn = set(analyse_orders(world, bag).before)
        closure = set(drawn)
        while new := {(a, d) for a, b in closure for c, d in closure if b == c} - closure:
            closure |= new
        assert closure == always and all(not any((a, c) in always and (c, b) in always for c in names) for a, b in drawn)


conds = st.builds(Cond, st.sampled_from(FACTS + ["zzz"]), st.booleans())


@settings(max_examples=80, deadline=None)
@given(procedures(), st.data())
def test_the_interpreter_never_raises(proc, data):
    world = make(*proc)
    names = sorted(proc[1]) + ["jump"]
    leaf = st.builds(Action, st.sampled_from(names)) | st.just(Call("f"))
    body = st.lists(
        st.recursive(
            leaf,
            lambda inner: st.builds(Repeat, st.integers(1, 99), st.lists(inner, max_size=3).map(tuple))
            | st.builds(RepeatUntil, conds, st.lists(inner, max_size=3).map(tuple))
            | st.builds(If, conds, st.lists(inner, max_size=3).map(tuple), st.none() | st.lists(inner, max_size=3).map(tuple)),
            max_leaves=8,
        ),
        max_size=4,
    ).map(tuple)
    program = Program(data.draw(body), (("f", data.draw(body)),))
    trace = run(world, program, frozenset(proc[1]), frozenset(FACTS), max_steps=200)
    assert isinstance(trace.outcome, Outcome)


def test_a_failed_step_says_which_fact_was_missing_in_the_lessons_language():
    facts = {"water": Fact(label="ポットに おゆが ある", absent="ポットに おゆが ない"), "tea": "おちゃが できた"}
    cards = {"boil": CardSpec(label="おゆを わかす", adds=["water"]), "brew": CardSpec(label="おちゃを いれる", needs=["water"], adds=["tea"])}
    world = bind(facts, cards, "ja").build({"goal": ["tea"]})
    trace = run(world, Program((Action("brew"),)), frozenset(cards), frozenset(facts))
    assert trace.steps[-1].error.reason == "「おちゃを いれる」: ポットに おゆが ない"
    en = bind({"water": "the pot has hot water", "tea": "tea is made"}, cards).build({"goal": ["tea"]})
    trace = run(en, Program((Action("brew"),)), frozenset(cards), frozenset(facts))
    assert trace.steps[-1].error.reason == "'おちゃを いれる': not yet: the pot has hot water"


def test_repeat_until_a_counted_fact():
    facts = {"full": Fact(label="コップが いっぱい", after=3)}
    cards = {"pour": CardSpec(label="そそぐ", adds=["full"])}
    world = bind(facts, cards, "ja").build({"goal": ["full"]})
    trace = run(world, Program((RepeatUntil(Cond("full"), (Action("pour"),)),)), frozenset(cards), frozenset(facts))
    assert trace.reached_goal and len(trace.steps) == 3


LESSON = """\
id: tea
title: Tea
language: en
grade: 3
concepts: [sequence]
objectives: [order steps]
flow:
  - {phase: introduction, minutes: 10, activity: talk}
  - {phase: development, minutes: 25, activity: order}
  - {phase: summary, minutes: 10, activity: share}
world: procedure
facts:
  water: the kettle has water
  hot: the water is hot
  cup: a cup is out
  tea: the tea is made
cards:
  fill: {label: Fill the kettle, adds: [water]}
  boil: {label: Boil the water, needs: [water], adds: [hot]}
  cup: 1
  getcup: {label: Get a cup, adds: [cup]}
  brew: {label: Make the tea, needs: [hot, cup], adds: [tea]}
  nap: {label: Take a nap}
puzzles:
  - id: tea
    title: Tea
    goal: [tea]
    solution: fill boil getcup brew
"""


def checked(text: str):
    return check_bytes(text.encode(), Report("tea.yaml"))


def test_a_card_no_solution_uses_is_a_warning_unless_a_distractor():
    result = checked(LESSON)
    messages = [str(d) for d in result.diagnostics]
    assert messages == ["tea.yaml:28:15: warning: step card 'nap' is on the table but no solution uses it; give it 'distractor: true' if pupils are to leave it out"]
    assert checked(LESSON.replace("{label: Take a nap}", "{label: Take a nap, distractor: true}")).diagnostics == []
    orders = result.checked.puzzles[0].analysis
    assert orders.count == 3  # getcup anywhere before brew
    assert orders.before == (("fill", "boil"), ("boil", "brew"), ("getcup", "brew"))


def test_a_distractor_the_solution_uses_is_an_error():
    result = checked(LESSON.replace("{label: Get a cup,", "{distractor: true, label: Get a cup,"))
    assert [d.message for d in result.diagnostics] == ["the solution uses 'getcup', which the lesson marks as a distractor (a card no right order uses)", "step card 'nap' is on the table but no solution uses it; give it 'distractor: true' if pupils are to leave it out"]


def test_a_fact_is_a_condition_of_if_and_repeat_until():
    result = checked(LESSON.replace("solution: fill boil getcup brew", "solution: fill boil getcup brew\n    alternatives:\n      - 'repeat until hot [ if water [ boil ] else [ fill ] ] getcup brew'").replace("  cup: 1\n", "  cup: 1\n  hot: 1\n  water: 1\n  repeat_until: 1\n  if: 1\n  else: 1\n"))
    assert [d.message for d in result.diagnostics if d.is_error] == []


@settings(max_examples=60, deadline=None)
@given(procedures(), st.booleans())
def test_shortest_rows_by_groups_agree_with_the_search_over_all_facts(proc, stop):
    """The search group by group (used when the facts could take more states
    than the shared search visits) finds the same shortest length and count."""
    world = make(*proc)
    table = tuple(sorted(proc[1]))
    whole = solve(world, table, stop_at_goal=stop)
    parts = shortest_rows(world, table, stop, whole=0)
    assert parts.shortest == whole.shortest
    if whole.shortest is not None:
        assert parts.counts[parts.shortest] == whole.counts[whole.shortest]
        assert list(parts.examples) == sorted(parts.examples) and parts.examples
        for row in parts.examples:
            trace = run(world, Program(tuple(Action(c) for c in row)), frozenset(table), frozenset(FACTS))
            assert len(row) == whole.shortest and trace.reached_goal


def independent(n: int) -> str:
    facts = "".join(f"  d{i}: step {i} done\n" for i in range(n))
    cards = "".join(f"  s{i}: {{label: Step {i}, adds: [d{i}]}}\n" for i in range(n))
    head = LESSON.split("world: procedure")[0]
    return head + f"world: procedure\nfacts:\n{facts}cards:\n{cards}puzzles:\n  - id: p\n    title: P\n    goal: [{', '.join(f'd{i}' for i in range(n))}]\n    solution: {' '.join(f's{i}' for i in range(n))}\n"


def test_sixteen_independent_steps_validate():
    """16 steps in any order: 16! orders, counted group by group (the review's
    hang: 16 did not finish in two minutes).  Not timed, it only has to end."""
    result = checked(independent(16))
    assert result.diagnostics == []
    orders = result.checked.puzzles[0].analysis
    assert orders.count == 20_922_789_888_000 and orders.before == () and orders.listed == ()
    assert result.checked.puzzles[0].solved.shortest == 16 and result.checked.puzzles[0].solved.counts[16] == orders.count


def test_steps_the_order_count_follows_are_searched_to_the_end_for_the_shortest(monkeypatch):
    """The review (F7): 17 steps that each wait for the first were counted
    (every node of the order count visited), then the check warned the puzzle
    was "too large to search for the shortest solution".  A group of steps
    whose facts take no more states than the count may visit is searched to
    the end.  The shared search's budget is made small here so the test is quick."""
    import math

    import lessonkit.solve as shared

    monkeypatch.setattr(shared, "MAX_STATES", 200)
    n = 10
    facts = "".join(f"  d{i}: step {i} done\n" for i in range(n))
    cards = "  s0: {label: Step 0, adds: [d0]}\n" + "".join(f"  s{i}: {{label: Step {i}, needs: [d0], adds: [d{i}]}}\n" for i in range(1, n))
    head, tail = independent(n).split("facts:\n")[0], independent(n).split("puzzles:\n")[1]
    result = checked(f"{head}facts:\n{facts}cards:\n{cards}puzzles:\n{tail}")
    assert [str(d) for d in result.diagnostics] == []
    puzzle = result.checked.puzzles[0]
    assert puzzle.solved.complete and puzzle.solved.shortest == n
    assert puzzle.solved.counts[n] == puzzle.analysis.count == math.factorial(n - 1)


def test_steps_that_depend_on_one_another_in_too_many_ways_are_refused_where_the_solution_is(monkeypatch):
    """Steps that each wait only for the first: 2^(n-1) ways to be part-way
    through them.  Past what the count follows (made small here, so the test
    is quick) the check says so where the solution is; never a hang."""
    import lessonkit.worlds.procedure as procedure

    monkeypatch.setattr(procedure, "MAX_NODES", 1000)
    n = 12
    facts = "".join(f"  d{i}: step {i} done\n" for i in range(n))
    cards = "  s0: {label: Step 0, adds: [d0]}\n" + "".join(f"  s{i}: {{label: Step {i}, needs: [d0], adds: [d{i}]}}\n" for i in range(1, n))
    head, tail = independent(n).split("facts:\n")[0], independent(n).split("puzzles:\n")[1]
    result = checked(f"{head}facts:\n{facts}cards:\n{cards}puzzles:\n{tail}")
    assert [str(d) for d in result.diagnostics if d.is_error] == [
        "tea.yaml:42:15: error: 12 of the solution's steps depend on one another in too many ways to count every order that works (more than 1,000 ways to be part-way through them); split the job into two puzzles, or give the steps more to wait for"
    ]
    assert result.checked.puzzles[0].analysis is None
    monkeypatch.setattr(procedure, "MAX_NODES", 2**11 + 1)  # the start and every subset after step 0: counted
    assert checked(f"{head}facts:\n{facts}cards:\n{cards}puzzles:\n{tail}").checked.puzzles[0].analysis.count == 39_916_800
