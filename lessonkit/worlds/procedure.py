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

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, NamedTuple

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


class ProcState(NamedTuple):
    """The facts' counts, in the lesson's fact order (a fact holds at its ``after``)."""

    counts: tuple[int, ...]


def _plain(text: str) -> str:
    from lessonkit.spec.ruby import plain_text

    return plain_text(text)


class ProcedureWorld(World[ProcState]):
    def __init__(self, facts: tuple[FactDef, ...], steps: Mapping[str, StepDef], start: frozenset[str], goal: tuple[str, ...], table: tuple[str, ...], lang: str):
        self.facts = facts
        self.index = {f.name: i for i, f in enumerate(facts)}
        self.steps = dict(steps)
        self.goal = goal
        self.table = table  # the step cards on the table, in the lesson's order
        self.lang = lang
        self.start = ProcState(tuple(f.after if f.name in start else 0 for f in facts))

    def holds(self, state: ProcState, fact: str) -> bool:
        i = self.index[fact]
        return state.counts[i] >= self.facts[i].after

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
        step = self.steps.get(card)
        if step is None:
            raise KeyError(card)
        for fact in step.needs:
            if not self.holds(state, fact):
                words, words_ja = self.missing_words(fact)
                label = self._label(card)
                quoted = f"「{label}」" if self.lang == "ja" else f"'{label}'"
                return Failure(f"{quoted}: {words}", f"「{label}」: {words_ja}")
        counts = list(state.counts)
        for fact in step.removes:
            counts[self.index[fact]] = 0
        for fact in step.adds:
            i = self.index[fact]
            counts[i] = min(self.facts[i].after, counts[i] + 1)
        return ProcState(tuple(counts))

    def sense(self, state: ProcState, condition: str) -> bool:
        if condition not in self.index:
            raise KeyError(condition)
        return self.holds(state, condition)

    def is_goal(self, state: ProcState) -> bool:
        return all(self.holds(state, f) for f in self.goal)

    def why_not_goal(self, state: ProcState, lang: str = "en", item: str = "") -> str:
        left = [_plain(self.facts[self.index[f]].label) for f in self.goal if not self.holds(state, f)]
        if lang == "ja":
            return "まだ " + "、".join(f"「{t}」" for t in left) + " に なって いない"
        labels = ", ".join(f"「{t}」" if self.lang == "ja" else f"'{t}'" for t in left)
        return f"the goal still lacks {labels}"

    def describe(self, state: ProcState) -> str:
        held = [f.name for f in self.facts if self.holds(state, f.name)]
        return "facts: " + (", ".join(held) if held else "none")

    def picture(self, state: ProcState) -> str:
        lines = []
        for f in self.facts:
            i = self.index[f.name]
            mark = "o" if self.holds(state, f.name) else ("." if state.counts[i] == 0 else f"{state.counts[i]}/{f.after}")
            lines.append(f"  [{mark}] {_plain(f.label)}")
        return "\n".join(lines)

    def suggested_max_steps(self) -> int:
        return 200


# -- counting the orders that work -----------------------------------------------


def count_orders(world: ProcedureWorld, cards: tuple[str, ...], before: tuple[str, str] | None = None) -> int:
    """How many distinct arrangements of ``cards`` (a multiset) can be carried
    out and end on the goal.  With ``before=(a, b)``: only those in which every
    ``a`` comes before every ``b``.  Dynamic programming over (cards left, state)."""
    names = tuple(sorted(set(cards)))
    start_left = tuple(cards.count(n) for n in names)
    ia = names.index(before[0]) if before else -1
    ib = names.index(before[1]) if before else -1

    @lru_cache(maxsize=None)
    def ways(left: tuple[int, ...], state: ProcState) -> int:
        if not any(left):
            return 1 if world.is_goal(state) else 0
        total = 0
        for i, n in enumerate(left):
            if n == 0 or (i == ib and left[ia] > 0):
                continue
            nxt = world.act(state, names[i])
            if isinstance(nxt, Failure):
                continue
            total += ways(left[:i] + (n - 1,) + left[i + 1 :], nxt)
        return total

    return ways(start_left, world.initial())


def list_orders(world: ProcedureWorld, cards: tuple[str, ...], limit: int) -> list[tuple[str, ...]]:
    """Up to ``limit`` of the orders that work, in the lesson's card order."""
    rank = {name: i for i, name in enumerate(world.steps)}
    names = sorted(set(cards), key=rank.__getitem__)
    out: list[tuple[str, ...]] = []

    def walk(left: dict[str, int], state: ProcState, prefix: tuple[str, ...]) -> None:
        if len(out) >= limit:
            return
        if not any(left.values()):
            if world.is_goal(state):
                out.append(prefix)
            return
        for name in names:
            if left[name]:
                nxt = world.act(state, name)
                if isinstance(nxt, Failure):
                    continue
                left[name] -= 1
                walk(left, nxt, prefix + (name,))
                left[name] += 1

    walk({n: cards.count(n) for n in names}, world.initial(), ())
    return out


@dataclass(frozen=True)
class Orders:
    """What the guide says about a puzzle's orders."""

    steps: tuple[str, ...]  # the solution's steps, as carried out
    count: int  # arrangements of them that work
    listed: tuple[tuple[str, ...], ...]  # all of them when few, else none
    before: tuple[tuple[str, str], ...]  # (a, b): a must come before b, the covering pairs only


def analyse_orders(world: ProcedureWorld, steps: tuple[str, ...]) -> Orders:
    total = count_orders(world, steps)
    listed = tuple(list_orders(world, steps, ORDER_LIST_LIMIT + 1)) if total else ()
    if len(listed) > ORDER_LIST_LIMIT:
        listed = ()
    rank = {name: i for i, name in enumerate(world.steps)}
    names = sorted(set(steps), key=rank.__getitem__)
    must = set()
    if total:
        for a in names:
            for b in names:
                if a != b and count_orders(world, steps, (a, b)) == total:
                    must.add((a, b))
    # Keep the covering pairs: a before b with nothing forced between them.
    cover = tuple((a, b) for a, b in sorted(must, key=lambda p: (rank[p[0]], rank[p[1]])) if not any((a, c) in must and (c, b) in must for c in names))
    return Orders(steps, total, listed, cover)


# -- the family ------------------------------------------------------------------


def _is_control(name: str) -> bool:
    return any(name in (c.name, c.ja) for c in CONTROL_CARDS)


class Procedure(Family):
    """Bound to one lesson by :meth:`for_lesson`: its cards are the lesson's."""

    name = "procedure"
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
        from lessonkit.solve import solve

        return solve(world, tuple(a for a in actions if a in world.table), stop_at_goal=stop_at_goal)

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
        if not trace.reached_goal:
            return None, problems
        steps = tuple(s.card for s in trace.steps)
        return analyse_orders(world, steps), problems
