"""Everyday procedures: step cards with preconditions and effects on named facts.

The lesson declares its facts and its own step cards::

    facts:
      water: ポットに おゆが ある          # or {label: ..., absent: ..., after: 3}
      tea: おちゃが できた
    cards:
      boil: {label: おゆを わかす, adds: [water]}
      brew: {label: おちゃを いれる, needs: [water], adds: [tea]}
      sleep: {label: ねる, distractor: true}
      repeat: 1

A puzzle names its goal facts (``goal``), the facts that hold at the start
(``start``) and, if not every step card is on the table, which are
(``steps``).  A step whose precondition does not hold fails, and the run says
which fact was missing.  Facts are the conditions of ``if`` and
``repeat until``; a fact with ``after: 3`` holds once steps have added it
three times (three pours fill the cup).

The orders that work are counted exactly: the arrangements of the steps the
solution carries out in which every step can be done and the goal holds at
the end.  When steps only add facts these are the linear extensions of the
precedence the preconditions imply.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

from lessonkit.worlds.base import CONTROL_CARDS, CardInfo, Failure, Family, Problem, World, WorldError

MAX_STEPS_ON_TABLE = 20
ORDER_LIST_LIMIT = 12  # the answer key lists every order up to this many, else draws the rule
ICONS = ("blank", "kettle", "cup", "teapot", "water", "soap", "towel", "toothbrush", "clothes", "bag", "bowl", "shoes", "bed", "sun", "hands")


@dataclass(frozen=True)
class FactDef:
    name: str
    label: str
    absent: str
    after: int = 1


@dataclass(frozen=True)
class StepDef:
    name: str
    label: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    removes: tuple[str, ...]
    icon: str
    distractor: bool


# A state is one integer: the facts' counts packed in a bit field each, wide
# enough for the fact's ``after`` (a fact holds when its field reaches it).  A
# step is then a few masks (ProcedureWorld.step), which is what the order
# count and the shortest-sequence search run through millions of times.
ProcState = int


def _plain(text: str) -> str:
    """A label as plain text (as written when its furigana is broken: the
    check reports that where it is written, and the run still reads)."""
    from lessonkit.spec.ruby import RubyError, plain_text

    try:
        return plain_text(text)
    except RubyError:
        return text


class ProcedureWorld(World[ProcState]):
    def __init__(self, facts: tuple[FactDef, ...], steps: Mapping[str, StepDef], start: frozenset[str], goal: tuple[str, ...], table: tuple[str, ...], lang: str):
        self.facts = facts
        self.index = {f.name: i for i, f in enumerate(facts)}
        self.steps = dict(steps)
        self.goal = goal
        self.table = table  # the step cards on the table, in the lesson's order
        self.lang = lang
        # The worksheet strip's slots: the most cards a group lays on it (Procedure.analyse sets it
        # from the puzzle's solution, alternatives and the bugs a group lays from its kit).
        self.slots = 0
        self.orders: dict[tuple[str, ...], Orders] = {}  # analyse_orders' results, by steps (orders_of)
        shift, self.shift, self.full, self.mask = 0, {}, {}, {}
        for f in facts:
            width = max(1, f.after.bit_length())
            self.shift[f.name], self.full[f.name], self.mask[f.name] = shift, f.after << shift, ((1 << width) - 1) << shift
            shift += width
        self.start = sum(self.full[f.name] for f in facts if f.name in start)
        self.goal_mask, self.goal_val = self.fields(goal)
        self.rules: dict[str, tuple] = {}
        for name, step in self.steps.items():
            need_mask, need_val = self.fields(step.needs)
            clear = sum(self.mask[f] for f in set(step.removes))
            ones = {f for f in step.adds if self.facts[self.index[f]].after == 1}
            bits = sum(self.full[f] for f in ones)
            counted = tuple((1 << self.shift[f], self.mask[f], self.full[f]) for f in step.adds if f not in ones)
            self.rules[name] = (need_mask, need_val, ~clear, bits, counted)

    def fields(self, facts) -> tuple[int, int]:
        """(mask, value): ``state & mask == value`` when every one of ``facts`` holds."""
        facts = set(facts)
        return sum(self.mask[f] for f in facts), sum(self.full[f] for f in facts)

    def count(self, state: ProcState, fact: str) -> int:
        return (state & self.mask[fact]) >> self.shift[fact]

    def holds(self, state: ProcState, fact: str) -> bool:
        return state & self.mask[fact] == self.full[fact]

    def step(self, state: ProcState, card: str) -> ProcState | None:
        """The facts after ``card``, or None when its precondition does not
        hold: removes first, then adds (a counted fact goes up by one, to its
        ``after`` at most)."""
        need_mask, need_val, keep, bits, counted = self.rules[card]
        if state & need_mask != need_val:
            return None
        state = (state & keep) | bits
        for one, mask, full in counted:
            if state & mask != full:
                state += one
        return state

    def initial(self) -> ProcState:
        return self.start

    def _label(self, name: str) -> str:
        return _plain(self.steps[name].label)

    def missing_words(self, fact: str) -> tuple[str, str]:
        """(lesson-language, Japanese) words for a fact that does not hold."""
        f = self.facts[self.index[fact]]
        label = _plain(f.label)
        if f.absent:
            return _plain(f.absent), _plain(f.absent)
        return (f"「{label}」が まだ" if self.lang == "ja" else f"not yet: {label}"), f"「{label}」が まだ"

    def act(self, state: ProcState, card: str) -> ProcState | Failure:
        if card not in self.rules:
            raise KeyError(card)
        nxt = self.step(state, card)
        if nxt is not None:
            return nxt
        fact = next(f for f in self.steps[card].needs if not self.holds(state, f))
        words, words_ja = self.missing_words(fact)
        label = self._label(card)
        quoted = f"「{label}」" if self.lang == "ja" else f"'{label}'"
        return Failure(f"{quoted}: {words}", f"「{label}」: {words_ja}")

    def sense(self, state: ProcState, condition: str) -> bool:
        if condition not in self.index:
            raise KeyError(condition)
        return self.holds(state, condition)

    def is_goal(self, state: ProcState) -> bool:
        return state & self.goal_mask == self.goal_val

    def why_not_goal(self, state: ProcState, lang: str = "en", item: str = "") -> str:
        left = [_plain(self.facts[self.index[f]].label) for f in self.goal if not self.holds(state, f)]
        if lang == "ja":
            return "まだ " + "、".join(f"「{t}」" for t in left) + " に なって いない"
        labels = ", ".join(f"「{t}」" if self.lang == "ja" else f"'{t}'" for t in left)
        return f"the goal still lacks {labels}"

    def reached(self, state: ProcState, lang: str = "en") -> str:
        """The goal facts, in the lesson's words, that the run made hold."""
        done = [_plain(self.facts[self.index[f]].label) for f in self.goal]
        if lang == "ja":
            return "ゴールの " + "、".join(f"「{t}」" for t in done) + " に なった"
        labels = ", ".join(f"「{t}」" if self.lang == "ja" else f"'{t}'" for t in done)
        return f"the goal holds: {labels}"

    def describe(self, state: ProcState) -> str:
        held = [f.name for f in self.facts if self.holds(state, f.name)]
        return "facts: " + (", ".join(held) if held else "none")

    def picture(self, state: ProcState) -> str:
        lines = []
        for f in self.facts:
            n = self.count(state, f.name)
            mark = "o" if self.holds(state, f.name) else ("." if n == 0 else f"{n}/{f.after}")
            lines.append(f"  [{mark}] {_plain(f.label)}")
        return "\n".join(lines)

    def suggested_max_steps(self) -> int:
        return 200


# -- counting the orders that work -----------------------------------------------
#
# The orders of a bag of steps are counted by one dynamic programme over the
# steps left (a subset, or a count per card when a card is carried out more
# than once) and the facts: 2^n nodes and n moves from each for n different
# steps.  Steps that share no fact do not affect one another, so the bag is
# first split into such groups; each is counted on its own and the orders
# interleave freely (a multinomial).  12 or 16 steps that do not depend on
# one another are then 12 or 16 groups of one.  A group whose programme would
# visit more than MAX_NODES nodes (more than MAX_DEPENDENT steps free to come
# in almost any order) is refused with a message (TooManyOrders), never a
# search that does not end.

MAX_DEPENDENT = 16  # any this many different steps are counted when they only add facts (2^16 subsets)
MAX_NODES = 2 * 2**MAX_DEPENDENT  # (steps left, facts) pairs one group may visit: room for removes, which can split a subset's facts


class TooManyOrders(ValueError):
    """The orders of these steps are too many to follow one by one."""


def _groups(world: ProcedureWorld, names: list[str]) -> list[list[str]]:
    """The steps split into groups that share no fact (in ``names``' order)."""
    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    # Only a fact some step changes ties steps together: one no step changes
    # holds (or not) throughout.
    touched = {f for n in names for f in (*world.steps[n].adds, *world.steps[n].removes)}
    owner: dict[str, str] = {}
    for n in names:
        step = world.steps[n]
        for fact in (f for f in (*step.needs, *step.adds, *step.removes) if f in touched):
            if fact in owner:
                parent[root(n)] = root(owner[fact])
            else:
                owner[fact] = n
    out: dict[str, list[str]] = {}
    for n in names:
        out.setdefault(root(n), []).append(n)
    return list(out.values())


class _Group:
    """One group's dynamic programme: every (steps left, facts) node on the
    way from the start, how many ways reach it, and which lie on a way to the
    goal (live)."""

    def __init__(self, world: ProcedureWorld, names: list[str], counts: list[int], goal: tuple[int, int]):
        self.names = names
        radix, r = [], 1
        for c in counts:
            radix.append(r)
            r *= c + 1
        self.radix = radix
        self.counts = counts
        full = sum(c * q for c, q in zip(counts, radix))
        start = (full, world.start)
        layers: list[dict[tuple[int, int], int]] = [{start: 1}]
        edges: dict[tuple[int, int], list[tuple[tuple[int, int], int]]] = {}
        seen = 1
        # A card's rule inlined (ProcedureWorld.step): this loop is the cost.
        moves = [(i, radix[i], counts[i] + 1, *world.rules[n]) for i, n in enumerate(names)]
        for _ in range(sum(counts)):
            nxt: dict[tuple[int, int], int] = {}
            for node, ways in layers[-1].items():
                left, state = node
                out = []
                for i, q, c1, need_mask, need_val, keep, bits, counted in moves:
                    if not (left // q) % c1 or state & need_mask != need_val:
                        continue
                    s2 = (state & keep) | bits
                    for one, mask, f in counted:
                        if s2 & mask != f:
                            s2 += one
                    n2 = (left - q, s2)
                    nxt[n2] = nxt.get(n2, 0) + ways
                    out.append((n2, i))
                edges[node] = out
                if seen + len(nxt) > MAX_NODES:
                    raise TooManyOrders(f"{sum(counts)} of the solution's steps depend on one another in too many ways to count every order that works (more than {MAX_NODES:,} ways to be part-way through them)")
            seen += len(nxt)
            layers.append(nxt)
        goal_mask, goal_val = goal
        self.total = sum(w for (_, s), w in layers[-1].items() if s & goal_mask == goal_val)
        live = {node for node in layers[-1] if node[1] & goal_mask == goal_val}
        for layer in reversed(layers[:-1]):
            live |= {node for node in layer if any(n2 in live for n2, _ in edges[node])}
        self.live = live
        self.start = start
        self.edges = edges

    def before_pairs(self) -> set[tuple[str, str]]:
        """(a, b): in every order that works every ``a`` comes before every ``b``."""
        k = len(self.names)
        can = [0] * k  # can[b]: the steps a with some order carrying out a b while an a is still left
        if all(c == 1 for c in self.counts):  # steps left is a set: bit i for step i
            full = (1 << k) - 1
            for left in {left for left, _ in self.live}:
                done = full ^ left
                while done:
                    low = done & -done
                    can[low.bit_length() - 1] |= left
                    done ^= low
            return {(self.names[a], self.names[b]) for a in range(k) for b in range(k) if a != b and not can[b] >> a & 1}
        for left, _ in self.live:
            digits = [(left // q) % (c + 1) for q, c in zip(self.radix, self.counts)]
            remaining = sum(1 << i for i, d in enumerate(digits) if d)
            for b, d in enumerate(digits):
                if d < self.counts[b]:
                    can[b] |= remaining
        return {(self.names[a], self.names[b]) for a in range(k) for b in range(k) if a != b and not can[b] >> a & 1}


@dataclass
class _Count:
    total: int
    groups: list[_Group]
    of: dict[str, int]  # card -> its group


def _count(world: ProcedureWorld, cards: tuple[str, ...]) -> _Count:
    rank = {name: i for i, name in enumerate(world.steps)}
    names = sorted(set(cards), key=rank.__getitem__)
    touched = {f for n in names for f in (*world.steps[n].adds, *world.steps[n].removes)}
    if any(not world.holds(world.start, f) for f in world.goal if f not in touched):
        return _Count(0, [], {})  # a goal fact no step brings about
    groups = _groups(world, names)
    built: list[_Group] = []
    total, placed = 1, 0
    for g in groups:
        facts = {f for n in g for f in (*world.steps[n].adds, *world.steps[n].removes)}
        counts = [cards.count(n) for n in g]
        group = _Group(world, g, counts, world.fields(f for f in world.goal if f in facts))
        if not group.total:
            return _Count(0, [], {})
        built.append(group)
        m = sum(counts)
        placed += m
        total *= group.total * math.comb(placed, m)
    return _Count(total, built, {n: k for k, g in enumerate(built) for n in g.names})


def count_orders(world: ProcedureWorld, cards: tuple[str, ...]) -> int:
    """How many distinct arrangements of ``cards`` (a multiset) can be carried
    out and end on the goal.  Raises TooManyOrders beyond MAX_DEPENDENT
    interdependent steps."""
    return _count(world, cards).total


def list_orders(world: ProcedureWorld, cards: tuple[str, ...], limit: int, counted: _Count | None = None) -> list[tuple[str, ...]]:
    """Up to ``limit`` of the orders that work, in the lesson's card order.
    Walks only nodes from which the goal can still be reached, so each order
    costs a few steps per card, however many arrangements fail."""
    counted = counted or _count(world, cards)
    if not counted.total:
        return []
    rank = {name: i for i, name in enumerate(world.steps)}
    names = sorted(counted.of, key=rank.__getitem__)
    out: list[tuple[str, ...]] = []
    moves = {}
    for g in counted.groups:
        for node, edges in g.edges.items():
            for n2, i in edges:
                if n2 in g.live:
                    moves[(id(g), node, g.names[i])] = n2

    def walk(nodes: list, prefix: tuple[str, ...]) -> None:
        if len(out) >= limit:
            return
        if len(prefix) == len(cards):
            out.append(prefix)
            return
        for name in names:
            k = counted.of[name]
            g = counted.groups[k]
            n2 = moves.get((id(g), nodes[k], name))
            if n2 is not None:
                was = nodes[k]
                nodes[k] = n2
                walk(nodes, prefix + (name,))
                nodes[k] = was

    walk([g.start for g in counted.groups], ())
    return out


class _GoalView:
    """The world with only some of its goal facts: one group's own search."""

    def __init__(self, world: ProcedureWorld, goal: tuple[int, int]):
        self.world, (self.mask, self.value) = world, goal

    def initial(self) -> ProcState:
        return self.world.start

    def act(self, state: ProcState, card: str):
        return self.world.act(state, card)

    def is_goal(self, state: ProcState) -> bool:
        return state & self.mask == self.value


def _interleave(rows: list[tuple[str, ...]], limit: int) -> list[tuple[str, ...]]:
    """The first ``limit`` interleavings of rows with no card in common, in sorted order."""
    out: list[tuple[str, ...]] = []
    at = [0] * len(rows)
    prefix: list[str] = []
    total = sum(map(len, rows))

    def walk() -> None:
        if len(out) >= limit:
            return
        if len(prefix) == total:
            out.append(tuple(prefix))
            return
        for card, k in sorted((row[at[k]], k) for k, row in enumerate(rows) if at[k] < len(row)):
            at[k] += 1
            prefix.append(card)
            walk()
            prefix.pop()
            at[k] -= 1

    walk()
    return out


def shortest_rows(world: ProcedureWorld, table: tuple[str, ...], stop_at_goal: bool = False, examples: int = 5, whole: int | None = None):
    """The shortest rows of step cards that reach the goal (lessonkit.solve's
    Solution).  The shared breadth-first search over the facts, unless the
    facts the cards change could take more states than it visits: then each
    group of cards that share no fact is searched on its own and the rows
    interleave (shortest: the sum; how many: a multinomial times each
    group's count), so 16 steps that do not depend on one another are 16
    searches of one card, not 2^16 states.  ``whole``: the most states for
    which the search runs over all the facts at once (the shared search's
    MAX_STATES)."""
    from lessonkit.solve import MAX_STATES, Solution, solve

    touched = {f for n in table for f in (*world.steps[n].adds, *world.steps[n].removes)}
    if any(not world.holds(world.start, f) for f in world.goal if f not in touched):
        return Solution(None, (), (), 1, True, 0)
    bits = sum(max(1, world.facts[world.index[f]].after.bit_length()) for f in touched)
    if 1 << bits <= (MAX_STATES if whole is None else whole):
        return solve(world, table, examples=examples, stop_at_goal=stop_at_goal)
    parts = []
    for group in _groups(world, list(table)):
        facts = {f for n in group for f in (*world.steps[n].adds, *world.steps[n].removes)}
        goal = world.fields(f for f in world.goal if f in facts)
        if goal[0] == 0:
            continue  # nothing this group must bring about: no shortest row uses its cards
        # A group whose facts take no more states than the order count may visit is searched to the
        # end (the count walks as many nodes), so the check never gives up on what it has counted.
        group_bits = sum(max(1, world.facts[world.index[f]].after.bit_length()) for f in facts)
        budget = MAX_NODES if 1 << group_bits <= MAX_NODES else None
        found = solve(_GoalView(world, goal), tuple(group), examples=examples, stop_at_goal=stop_at_goal, budget=budget)
        if found.shortest is None:
            return Solution(None, (), (), found.states, found.complete, found.depth)
        parts.append(found)
    shortest = sum(p.shortest for p in parts)
    ways, placed = 1, 0
    for p in parts:
        placed += p.shortest
        ways *= p.counts[p.shortest] * math.comb(placed, p.shortest)
    firsts = [p.examples[0] for p in parts]
    combos = [firsts] + [firsts[:k] + [row] + firsts[k + 1 :] for k, p in enumerate(parts) for row in p.examples[1:]]
    rows = sorted({row for combo in combos for row in _interleave(combo, examples)})[:examples]
    return Solution(shortest, tuple(rows), (0,) * shortest + (ways,), sum(p.states for p in parts), True, shortest)


@dataclass(frozen=True)
class Orders:
    """What the guide says about a puzzle's orders."""

    steps: tuple[str, ...]  # the solution's steps, as carried out
    count: int  # arrangements of them that work
    listed: tuple[tuple[str, ...], ...]  # all of them when few, else none
    before: tuple[tuple[str, str], ...]  # (a, b): a must come before b, the covering pairs only


def analyse_orders(world: ProcedureWorld, steps: tuple[str, ...]) -> Orders:
    """The count, the orders when few, and the rule: the pairs every order
    that works keeps (from the same programme: a must come before b when no
    node on the way to the goal has a b done while an a is left), reduced to
    the covering pairs (nothing forced between them)."""
    counted = _count(world, steps)
    total = counted.total
    listed = tuple(list_orders(world, steps, ORDER_LIST_LIMIT, counted)) if 0 < total <= ORDER_LIST_LIMIT else ()
    rank = {name: i for i, name in enumerate(world.steps)}
    must: set[tuple[str, str]] = set()
    for g in counted.groups:
        must |= g.before_pairs()
    names = list(counted.of)
    cover = tuple((a, b) for a, b in sorted(must, key=lambda p: (rank[p[0]], rank[p[1]])) if not any((a, c) in must and (c, b) in must for c in names))
    return Orders(steps, total, listed, cover)


def orders_of(world: ProcedureWorld, steps: tuple[str, ...]) -> Orders:
    """analyse_orders, once per world and steps: the check counts a puzzle's
    orders, and the answer key and guide draw their diagrams from that count
    (the count is the dynamic programme, the one cost that grows)."""
    found = world.orders.get(steps)
    if found is None:
        found = world.orders[steps] = analyse_orders(world, steps)
    return found


# -- the family ------------------------------------------------------------------


def _laid(value: Any, names: Mapping[str, str]) -> int:
    """Cards on the desk for a program the check has read already, text or
    YAML list (0 if it cannot be read: the check reports why)."""
    from lessonkit.fewest import cards_laid
    from lessonkit.spec.load import Report
    from lessonkit.spec.programs import read_program

    program = read_program(value, (), Report("-"), names)
    return cards_laid(program) if program is not None else 0


def _is_control(name: str) -> bool:
    return any(name in (c.name, c.ja) for c in CONTROL_CARDS)


class Procedure(Family):
    """Bound to one lesson by :meth:`for_lesson`: its cards are the lesson's."""

    name = "procedure"
    title = {"ja": "身の回りの手順", "en": "Everyday procedure"}
    order = 2
    cards: tuple[CardInfo, ...] = ()
    puzzle_keys = {
        "goal": "the facts that must hold at the end",
        "start": "the facts that hold at the start",
        "steps": "the step cards on the table for this puzzle (default: all)",
    }
    _list = {"type": "array", "items": {"type": "string"}}
    puzzle_key_schema = {
        "goal": {**_list, "description": "procedure: the facts that must hold at the end"},
        "start": {**_list, "description": "procedure: the facts that hold at the start"},
        "steps": {**_list, "description": "procedure: the step cards on the table for this puzzle (default: all)"},
    }
    main_key = "goal"
    cards_from_lesson = "each lesson defines its own: step cards under 'cards' (name: {label, needs, adds, removes, icon, distractor}), and its 'facts' are its condition cards"
    card_keys = frozenset({"count", "label", "icon", "needs", "adds", "removes", "distractor"})
    facts_defs: tuple[FactDef, ...] = ()
    step_defs: Mapping[str, StepDef] = {}
    lang = "ja"

    @classmethod
    def for_lesson(cls, lesson: Any) -> tuple[type[Family], list[Problem]]:
        from lessonkit.diagnostics import did_you_mean
        from lessonkit.program import KEYWORDS
        from lessonkit.spec.models import CardSpec

        problems: list[Problem] = []
        facts: list[FactDef] = []
        for name, value in lesson.facts.items():
            if isinstance(value, str):
                facts.append(FactDef(name, value, ""))
            else:
                facts.append(FactDef(name, value.label, value.absent, value.after))
        fact_names = [f.name for f in facts]
        if not facts:
            problems.append(Problem(("world",), "a procedure lesson needs 'facts': the named facts its steps need and change"))
        steps: dict[str, StepDef] = {}
        labels: dict[str, str] = {}
        for f in facts:
            if _is_control(f.name) or f.name in KEYWORDS:
                problems.append(Problem(("facts", f.name), f"fact name '{f.name}' is already a card or keyword; choose another", key=True))
        for name, value in lesson.cards.items():
            if _is_control(name):
                if isinstance(value, CardSpec) and value.model_fields_set - {"count"}:
                    problems.append(Problem(("cards", name), f"'{name}' is a control card; write just how many", key=True))
                continue
            if name in fact_names:
                # A fact's condition card (for if / repeat until): just how many.
                if isinstance(value, CardSpec) and value.model_fields_set - {"count"}:
                    problems.append(Problem(("cards", name), f"card name '{name}' is also the name of a fact; a step card needs its own name (a fact's condition card takes just how many)", key=True))
                continue
            if not isinstance(value, CardSpec) or value.label is None:
                problems.append(Problem(("cards", name), f"step card '{name}' needs a label: write it as '{name}: {{label: ..., needs: [...], adds: [...]}}'"))
                continue
            if name in KEYWORDS:
                problems.append(Problem(("cards", name), f"card name '{name}' is a keyword of the program notation; choose another", key=True))
                continue
            label = _plain(value.label).replace(" ", "").replace("\u3000", "")
            if label in labels:
                problems.append(Problem(("cards", name, "label"), f"card '{name}' has the same label as card '{labels[label]}'; pupils could not tell them apart"))
                continue
            labels[label] = name
            for key in ("needs", "adds", "removes"):
                for i, fact in enumerate(getattr(value, key)):
                    if fact not in fact_names:
                        problems.append(Problem(("cards", name, key, i), f"step '{name}' names the fact '{fact}', which 'facts' does not declare" + did_you_mean(fact, fact_names)))
            icon = value.icon or "blank"
            if icon not in ICONS:
                problems.append(Problem(("cards", name, "icon"), f"unknown icon '{icon}'; expected one of {', '.join(ICONS)}" + did_you_mean(icon, ICONS)))
                icon = "blank"
            known = lambda facts: tuple(f for f in facts if f in fact_names)  # noqa: E731 (undeclared ones are reported above)
            steps[name] = StepDef(name, value.label, known(value.needs), known(value.adds), known(value.removes), icon, value.distractor)
        infos = tuple(CardInfo(s.name, s.name, s.label, s.label, f"step:{s.icon}", "action", does_en="a step of this lesson", does_ja="この じゅぎょうの 手じゅん") for s in steps.values())
        infos += tuple(CardInfo(f.name, f.name, f.label, f.label, "fact", "condition", does_en="true when this fact holds", does_ja="この ことが なりたって いるか") for f in facts)
        bound = type(
            "Procedure",
            (cls,),
            {"cards": infos, "facts_defs": tuple(facts), "step_defs": steps, "lang": lesson.language, "__module__": __name__},
        )
        return bound, problems

    @classmethod
    def build(cls, puzzle: Mapping[str, Any]) -> ProcedureWorld:
        from lessonkit.diagnostics import did_you_mean

        fact_names = [f.name for f in cls.facts_defs]
        names = cls.names()

        def fact_list(key: str, required: bool) -> tuple[str, ...]:
            value = puzzle.get(key)
            if value is None:
                if required:
                    raise WorldError(key, None, f"a procedure puzzle needs '{key}': a list of the facts that must hold at the end")
                return ()
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise WorldError(key, None, f"'{key}' is not a list of fact names")
            out = []
            for v in value:
                fact = names.get(v, v)
                if fact not in fact_names:
                    raise WorldError(key, None, f"'{key}' names the fact '{v}', which 'facts' does not declare" + did_you_mean(v, fact_names))
                out.append(fact)
            return tuple(out)

        goal = fact_list("goal", True)
        if not goal:
            raise WorldError("goal", None, "'goal' is empty; expected the facts that must hold at the end")
        start = frozenset(fact_list("start", False))
        table = tuple(cls.step_defs)
        if "steps" in puzzle:
            value = puzzle["steps"]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise WorldError("steps", None, "'steps' is not a list of step card names")
            chosen = []
            for v in value:
                step = names.get(v, v)
                if step not in cls.step_defs:
                    raise WorldError("steps", None, f"'steps' names '{v}', which is not one of the lesson's step cards" + did_you_mean(v, list(cls.step_defs)))
                chosen.append(step)
            table = tuple(s for s in cls.step_defs if s in chosen)
        if len(table) > MAX_STEPS_ON_TABLE:
            raise WorldError("steps", None, f"{len(table)} step cards on the table; at most {MAX_STEPS_ON_TABLE} fit a desk and a worksheet")
        return ProcedureWorld(cls.facts_defs, cls.step_defs, start, goal, table, cls.lang)

    @classmethod
    def solve(cls, world: ProcedureWorld, actions: tuple[str, ...], stop_at_goal: bool = False):
        return shortest_rows(world, tuple(a for a in actions if a in world.table), stop_at_goal)

    @classmethod
    def unsolvable(cls, puzzle_id: str, actions: tuple[str, ...], world: ProcedureWorld) -> str:
        table = [a for a in actions if a in world.table]
        addable = {f for s in table for f in world.steps[s].adds} | {f.name for f in world.facts if world.holds(world.start, f.name)}
        never = [f for f in world.goal if f not in addable]
        if never:
            return f"no order of the step cards reaches the goal of puzzle '{puzzle_id}': no step adds the fact '{never[0]}'"
        return f"no order of the step cards reaches the goal of puzzle '{puzzle_id}' ({', '.join(world.goal)}); check each step's 'needs' and 'adds'"

    @classmethod
    def analyse(cls, world: ProcedureWorld, puzzle: Any, checked: Any) -> tuple[Any, list[Problem]]:
        problems: list[Problem] = []
        trace = checked["trace"]
        used = set(checked["used"])
        for name in world.table:
            step = world.steps[name]
            if step.distractor and name in used:
                problems.append(Problem(("solution",), f"the solution uses '{name}', which the lesson marks as a distractor (a card no right order uses)"))
            elif not step.distractor and name not in used:
                problems.append(Problem(("solution",), f"step card '{name}' is on the table but no solution uses it; give it 'distractor: true' if pupils are to leave it out", warning=True))
        # The strip holds the longest program a group lays on it: a right answer, or a bug the group
        # lays from its kit (no 'handout', or 'handout: lay'); a bug printed only to read need not fit.
        laid_bugs = [bug.program for bug in getattr(puzzle, "bugs", ()) if not bug.handout or bug.handout == "lay"]
        world.slots = max([checked.get("laid", 0)] + [_laid(text, cls.names()) for text in (*getattr(puzzle, "alternatives", ()), *laid_bugs)])
        if not trace.reached_goal:
            return None, problems
        steps = tuple(s.card for s in trace.steps)
        try:
            return orders_of(world, steps), problems
        except TooManyOrders as exc:
            problems.append(Problem(("solution",), f"{exc}; split the job into two puzzles, or give the steps more to wait for"))
            return None, problems
