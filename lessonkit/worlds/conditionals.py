"""Conditionals with cards (Code.org): a rule awards points for each card drawn.

A group's deck is a few playing-style cards (a suit and a value), dealt from
the lesson's deck in an order drawn from its seed, different for each group.
The rule is a card program of ``if`` / ``else`` (nested too)::

    repeat until deck_empty [ draw if red [ point_a ] else [ point_b ] ]

Cards: ``draw`` (turn over the top card of the deck), ``point_a`` and
``point_b`` (one point to team A or B).  Conditions about the card drawn
last: ``red`` (hearts, diamonds), ``black`` (clubs, spades), each suit,
``even``, ``odd``, ``big`` (6 or more); and ``deck_empty``.  The goal is to
draw every card; the check scores every group's deck draw by draw.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Mapping, NamedTuple

from lessonkit.worlds.base import CardInfo, Failure, Family, Problem, RunCase, RunCases, World, WorldError, outcome_problem
from lessonkit.worlds.seeded import MAX_GROUPS, group_rng, shared_rng

SUITS = ("hearts", "diamonds", "clubs", "spades")
RED = ("hearts", "diamonds")
SUIT_LETTER = {"hearts": "H", "diamonds": "D", "clubs": "C", "spades": "S"}
SUIT_JA = {"hearts": "ハート", "diamonds": "ダイヤ", "clubs": "クラブ", "spades": "スペード"}
BIG = 6  # 'big': this value or more
MAX_VALUE = 13
DEFAULT_DRAWS = 10


class Card(NamedTuple):
    suit: str
    value: int

    def text(self) -> str:
        return f"{SUIT_LETTER[self.suit]}{self.value}"


class DeckState(NamedTuple):
    drawn: int  # cards drawn so far
    a: int  # team A's points
    b: int


class DeckWorld(World[DeckState]):
    def __init__(self, deck: tuple[Card, ...], deal: tuple[Card, ...], draws: int, rule: Any = None):
        self.deck = deck  # the lesson's deck, cards groups are dealt from
        self.deal = deal  # one group's cards, top first
        self.draws = draws
        self.rule = rule  # the rule program, once checked (the kit prints it)

    def initial(self) -> DeckState:
        return DeckState(0, 0, 0)

    def current(self, state: DeckState) -> Card | None:
        return self.deal[state.drawn - 1] if state.drawn else None

    def act(self, state: DeckState, card: str) -> DeckState | Failure:
        if card == "draw":
            if state.drawn >= len(self.deal):
                return Failure("the deck is empty: there is no card to draw", "やまふだが もう ない")
            return DeckState(state.drawn + 1, state.a, state.b)
        if card in ("point_a", "point_b"):
            if state.drawn == 0:
                return Failure("no card has been drawn yet", "まだ カードを ひいて いない")
            return DeckState(state.drawn, state.a + (card == "point_a"), state.b + (card == "point_b"))
        raise KeyError(card)

    def sense(self, state: DeckState, condition: str) -> bool:
        if condition == "deck_empty":
            return state.drawn >= len(self.deal)
        card = self.current(state)
        if card is None:
            return False
        return holds(condition, card)

    def is_goal(self, state: DeckState) -> bool:
        return state.drawn >= len(self.deal)

    def why_not_goal(self, state: DeckState, lang: str = "en", item: str = "") -> str:
        left = len(self.deal) - state.drawn
        if lang == "ja":
            return f"山に カードが {left}まい のこって いる"
        return f"{left} card{'s' if left != 1 else ''} still in the deck"

    def describe(self, state: DeckState) -> str:
        card = self.current(state)
        return f"card {state.drawn} {card.text() if card else '-'}, A {state.a} B {state.b}"

    def describe_ja(self, state: DeckState) -> str:
        card = self.current(state)
        if card is None:
            return f"まだ ひいて いない、A {state.a}てん B {state.b}てん"
        return f"{state.drawn}まいめ {SUIT_JA[card.suit]}の {card.value}、A {state.a}てん B {state.b}てん"

    def reached(self, state: DeckState, lang: str = "en") -> str:
        if lang == "ja":
            return f"{len(self.deal)}まい ぜんぶ ひいた。Aチーム {state.a}てん、Bチーム {state.b}てん"
        return f"drew all {len(self.deal)} cards: team A {state.a}, team B {state.b}"

    def picture(self, state: DeckState) -> str:
        cards = " ".join(("[" + c.text() + "]") if k == state.drawn - 1 else c.text() for k, c in enumerate(self.deal))
        return f"deck: {cards}\nteam A: {state.a}  team B: {state.b}"

    def suggested_max_steps(self) -> int:
        return 10 * len(self.deal) + 20

    def dealt(self, deal: tuple[Card, ...]) -> "DeckWorld":
        return DeckWorld(self.deck, deal, self.draws, self.rule)


def holds(condition: str, card: Card) -> bool:
    if condition == "red":
        return card.suit in RED
    if condition == "black":
        return card.suit not in RED
    if condition in SUITS:
        return card.suit == condition
    if condition == "even":
        return card.value % 2 == 0
    if condition == "odd":
        return card.value % 2 == 1
    if condition == "big":
        return card.value >= BIG
    raise KeyError(condition)


def branch_counts(trace: Any) -> Counter:
    """How often each if in the rule took each way: (where, taken) -> count."""
    counts: Counter = Counter()
    for step in trace.steps:
        for check in step.checks:
            counts[(check.where, check.value)] += 1
    return counts


def scores_by_draw(trace: Any) -> tuple[tuple[int, int], ...]:
    """Team A's and B's points once each card has been scored (before the next draw)."""
    out: list[tuple[int, int]] = []
    last, draws = trace.start, 0
    for step in trace.steps:
        if step.error is not None:
            break
        if step.card == "draw":
            if draws:
                out.append((last.a, last.b))
            draws += 1
        last = step.state
    if draws:
        out.append((last.a, last.b))
    return tuple(out)


@dataclass(frozen=True)
class GroupDeck:
    group: int
    deal: tuple[Card, ...]
    trace: Any
    scores: tuple[tuple[int, int], ...]  # after each draw

    @property
    def final(self) -> tuple[int, int]:
        return (self.trace.final.a, self.trace.final.b)


@dataclass(frozen=True)
class DeckAnalysis:
    groups: tuple[GroupDeck, ...]
    trace: Any  # group A's run
    bug_traces: dict
    bug_groups: dict  # bug index -> (group, draw) where it first scores differently
    tells_apart: tuple[str, ...]  # the conditions the rule looks at
    mix: tuple  # ((value of each of them, how many cards), …): the same in every group's deck
    world: Any = None  # as printed: the rule with group 1's deck


class Conditionals(Family):
    name = "conditionals"
    title = {"ja": "条件分岐（トランプ）", "en": "Conditionals with cards"}
    order = 5
    cards = (
        CardInfo(
            "draw", "ひく", "Draw a card", "カードを 1まい ひく", "draw", "action", ("カードをひく", "引く", "1まいひく"),
            "turns over the top card of the deck; the conditions look at it",
            "やまふだの いちばん うえの カードを 1まい ひいて おもてに する",
        ),
        CardInfo(
            "point_a", "Aにてん", "Point to team A", "Aチームに 1てん", "point_a", "action", ("point_team_a", "Aチームに1てん", "a"),
            "gives team A one point",
            "Aチームに 1てん いれる",
        ),
        CardInfo(
            "point_b", "Bにてん", "Point to team B", "Bチームに 1てん", "point_b", "action", ("point_team_b", "Bチームに1てん", "b"),
            "gives team B one point",
            "Bチームに 1てん いれる",
        ),
        CardInfo("red", "あか", "Red?", "あかい カード？", "red", "condition", ("あかいカード", "赤", "赤いカード"),
                 "yes when the card drawn is a heart or a diamond (red)", "ひいた カードが ハートか ダイヤ（あか）なら「はい」"),
        CardInfo("black", "くろ", "Black?", "くろい カード？", "black", "condition", ("くろいカード", "黒", "黒いカード"),
                 "yes when the card drawn is a club or a spade (black)", "ひいた カードが クラブか スペード（くろ）なら「はい」"),
        CardInfo("hearts", "ハート", "Heart?", "ハート？", "hearts", "condition", ("heart",),
                 "yes when the card drawn is a heart", "ひいた カードが ハートなら「はい」"),
        CardInfo("diamonds", "ダイヤ", "Diamond?", "ダイヤ？", "diamonds", "condition", ("diamond",),
                 "yes when the card drawn is a diamond", "ひいた カードが ダイヤなら「はい」"),
        CardInfo("clubs", "クラブ", "Club?", "クラブ？", "clubs", "condition", ("club",),
                 "yes when the card drawn is a club", "ひいた カードが クラブなら「はい」"),
        CardInfo("spades", "スペード", "Spade?", "スペード？", "spades", "condition", ("spade",),
                 "yes when the card drawn is a spade", "ひいた カードが スペードなら「はい」"),
        CardInfo("even", "ぐうすう", "Even?", "かずが ぐうすう？", "even", "condition", ("偶数",),
                 "yes when the number on the card drawn is even", "ひいた カードの かずが ぐうすう（2で わりきれる）なら「はい」"),
        CardInfo("odd", "きすう", "Odd?", "かずが きすう？", "odd", "condition", ("奇数",),
                 "yes when the number on the card drawn is odd", "ひいた カードの かずが きすうなら「はい」"),
        CardInfo("big", "おおきい", "6 or more?", "かずが 6いじょう？", "big", "condition", ("6いじょう", "6以上"),
                 f"yes when the number on the card drawn is {BIG} or more", f"ひいた カードの かずが {BIG}いじょうなら「はい」"),
        CardInfo("deck_empty", "やまふだがない", "Deck empty?", "やまふだが ない？", "deck_empty", "condition", ("やまふだがなくなる", "山札がない"),
                 "yes when every card of the deck has been drawn", "やまふだの カードを ぜんぶ ひいたら「はい」"),
    )
    puzzle_keys = {
        "deck": "the cards groups are dealt from: {suits: [hearts, spades], from: 1, to: 10}",
        "draws": "how many cards each group's deck holds (default 10)",
    }
    puzzle_key_schema = {
        "deck": {"type": "object", "properties": {"suits": {"type": "array", "items": {"enum": list(SUITS)}}, "from": {"type": "integer"}, "to": {"type": "integer"}}, "additionalProperties": False},
        "draws": {"type": "integer", "minimum": 1, "maximum": 52},
    }
    main_key = "deck"
    owns_check = True

    @classmethod
    def run_cases(cls, checked: Any, groups: int | None = None) -> RunCases | None:
        return _run_cases(checked, groups) if checked.analysis is not None else None

    @classmethod
    def run_judge(cls, case: Any, trace: Any, lang: str = "en") -> str | None:
        return _run_judge(case, trace, lang)

    @classmethod
    def check_summary(cls, checked: Any, lang: str = "en") -> list[str]:
        """What the check ran: the rule on every group's deck, each bug until it scores differently."""
        from lessonkit.program import format_program

        a = checked.analysis
        if a is None:
            return ["check: the rule does not score every card of some group's deck (lessonkit validate says which)"]
        n = len(a.groups)
        finals = sorted({g.final for g in a.groups})
        out = [
            f"check: the rule {format_program(checked.solution)} runs on each group's deck (groups A to {chr(ord('A') + n - 1)}, all {n} a kit can print, for any class size; {len(a.groups[0].deal)} cards each)",
            f"  every card scored; final scores (A-B): {', '.join(f'{x}-{y}' for x, y in finals)}",
        ]
        for bug in checked.bugs:
            j = next(i for i, spec in enumerate(checked.spec.bugs) if spec is bug.spec)
            if j in a.bug_groups:
                g, draw = a.bug_groups[j]
                out.append(f"  bug exercise {j + 1} {format_program(bug.program)}: first scores differently at draw {draw} of group {chr(ord('A') + g - 1)}'s deck")
            elif bug.trace is not None:
                from lessonkit.check import describe_failure

                out.append(f"  bug exercise {j + 1} {format_program(bug.program)}: on group A's deck it {describe_failure(bug.trace)}")
        return out
    bug_outcomes = ("crash", "stopped", "step_limit", "unknown_card", "wrong_scores")

    @classmethod
    def build(cls, puzzle: Mapping[str, Any]) -> DeckWorld:
        deck = _deck(puzzle.get("deck"))
        draws = puzzle.get("draws", DEFAULT_DRAWS)
        if isinstance(draws, bool) or not isinstance(draws, int):
            raise WorldError("draws", None, f"'draws' is {_kind(draws)}; expected how many cards each group's deck holds")
        if not 1 <= draws <= len(deck):
            raise WorldError("draws", None, f"'draws' is {draws}; the deck has {len(deck)} cards, so 1 to {len(deck)}")
        return DeckWorld(deck, deck[:draws], draws)

    @classmethod
    def check_puzzle(cls, world: DeckWorld, puzzle: Any, lesson: Any, programs: Mapping[str, Any]) -> tuple[DeckAnalysis | None, list[Problem]]:
        from lessonkit.program import If
        from lessonkit.simulate import run

        actions, conditions = frozenset(cls.actions()), frozenset(cls.conditions())
        max_steps = puzzle.max_steps or world.suggested_max_steps()
        stop = puzzle.goal_rule == "stop"

        def play(program, deal):
            return run(world.dealt(deal), program, actions, conditions, max_steps, stop_at_goal=stop)

        problems: list[Problem] = []
        solution = programs["solution"]
        # Equal difficulty: every group's deck holds as many cards of each
        # kind the rule tells apart (red and 6 or more, red and smaller, …) as
        # every other group's, so each way of each if is taken as often.
        used = sorted({node.cond.name for _, node in solution.walk() if hasattr(node, "cond")} - {"deck_empty"})

        def kind(card: Card) -> tuple[bool, ...]:
            return tuple(holds(name, card) for name in used)

        by_kind: dict[tuple, list[Card]] = {}
        for card in world.deck:
            by_kind.setdefault(kind(card), []).append(card)
        profile = shared_rng(lesson.seed, puzzle.id, "mix").sample(world.deck, world.draws)
        mix = sorted(Counter(kind(c) for c in profile).items())
        groups: list[GroupDeck] = []
        seen: set = set()
        for g in range(1, MAX_GROUPS + 1):
            rng = group_rng(lesson.seed, puzzle.id, g)
            for attempt in range(50):
                cards = [card for k, n in mix for card in rng.sample(by_kind[k], n)]
                rng.shuffle(cards)
                deal = tuple(cards)
                if deal not in seen:
                    break
            seen.add(deal)
            trace = play(solution, deal)
            if not trace.reached_goal:
                from lessonkit.check import describe_failure

                problems.append(Problem(("solution",), f"the rule does not score every card of group {g}'s deck: {describe_failure(trace)}"))
                return None, problems
            groups.append(GroupDeck(g, deal, trace, scores_by_draw(trace)))
        # A branch no card in any group's deck takes: that group learns nothing from it.
        taken: set = set()
        for group in groups:
            for where, value in branch_counts(group.trace):
                taken.add((where, value))
        for path, node in solution.walk():
            if not isinstance(node, If):
                continue
            name = node.cond.name
            if (path, True) not in taken and (path, False) not in taken:
                problems.append(Problem(("solution",), f"the rule never reaches 'if {name}': no card in any group's deck gets there", warning=True))
            elif (path, True) not in taken:
                problems.append(Problem(("solution",), f"no card in any group's deck is {_cond_words(node.cond)}, so the rule's 'if {name}' branch is never taken (groups learn nothing from it)", warning=True))
            elif node.orelse is not None and (path, False) not in taken:
                problems.append(Problem(("solution",), f"every card in every group's deck is {_cond_words(node.cond)}, so the rule's 'else' after 'if {name}' is never taken (groups learn nothing from it)", warning=True))
        for j, alt in enumerate(programs["alternatives"]):
            if alt is None:
                continue
            for group in groups:
                trace = play(alt, group.deal)
                if (trace.final.a, trace.final.b) != group.final or not trace.reached_goal:
                    problems.append(Problem(("alternatives", j), f"alternative {j + 1} scores group {group.group}'s deck {trace.final.a}-{trace.final.b}; the solution scores it {group.final[0]}-{group.final[1]}"))
                    break
        bug_traces, bug_groups = {}, {}
        for j, (bug, program) in enumerate(zip(puzzle.bugs, programs["bugs"])):
            if program is None:
                continue
            if bug.outcome != "wrong_scores":
                trace = play(program, groups[0].deal)
                bug_traces[j] = trace
                problem = outcome_problem(bug, trace, " (group 1's deck)")
                if problem is not None:
                    problems.append(problem.at(("bugs", j)))
                continue
            found = None
            for group in groups:
                trace = play(program, group.deal)
                if not trace.reached_goal:
                    from lessonkit.check import describe_failure

                    problems.append(Problem(("bugs", j, "outcome"), f"bug exercise does not score every card of group {group.group}'s deck ({describe_failure(trace)}), so it ends in '{trace.outcome.value}', not 'wrong_scores'"))
                    found = False
                    break
                mine = scores_by_draw(trace)
                if mine != group.scores:
                    draw = next(k for k, (x, y) in enumerate(zip(mine, group.scores), 1) if x != y)
                    found = (group.group, draw, trace)
                    break
            if found is None:
                problems.append(Problem(("bugs", j, "program"), "bug exercise scores every group's deck as the rule does; expected it to score differently ('wrong_scores')"))
            elif found:
                g, draw, trace = found
                bug_traces[j], bug_groups[j] = trace, (g, draw)
                if bug.step is not None and bug.step != draw:
                    problems.append(Problem(("bugs", j, "step"), f"bug exercise first scores differently at draw {draw} of group {g}'s deck, not draw {bug.step}"))
        shown = DeckWorld(world.deck, groups[0].deal, world.draws, solution)
        return DeckAnalysis(tuple(groups), groups[0].trace, bug_traces, bug_groups, tuple(used), tuple(mix), shown), problems


def _run_cases(checked: Any, groups: int | None = None) -> RunCases:
    """Each group's deck (of the first ``groups``: those a kit prints), with
    the lesson's rule's scores draw by draw."""
    a, world = checked.analysis, checked.world
    kit = a.groups[:groups]
    letters = [chr(ord("A") + k) for k in range(len(kit))]
    cases = tuple(
        RunCase(world.dealt(g.deal), f"group {letters[g.group - 1]}'s deck", f"グループ {letters[g.group - 1]}の やまふだ", g.scores)
        for g in kit
    )
    return RunCases(cases, f"each group's deck, groups A to {letters[-1]}", f"グループ A～{letters[-1]}の やまふだ ぜんぶ")


def _run_judge(case: Any, trace: Any, lang: str = "en") -> str | None:
    """A rule that draws every card but scores unlike the lesson's rule: the first draw it differs at."""
    mine = scores_by_draw(trace)
    if mine == case.expect:
        return None
    k = next((k for k, (x, y) in enumerate(zip(mine, case.expect), 1) if x != y), min(len(mine), len(case.expect)))
    (a, b), (ra, rb) = mine[k - 1], case.expect[k - 1]
    card = case.world.deal[k - 1]
    if lang == "ja":
        return f"{k}まいめ（{SUIT_JA[card.suit]}の {card.value}）の あと A {a}てん B {b}てん。レッスンの ルールでは A {ra}てん B {rb}てん"
    return f"after draw {k} ({card.text()}) the scores are A {a} B {b}; the lesson's rule gives A {ra} B {rb}"


def _cond_words(cond: Any) -> str:
    words = {"red": "red", "black": "black", "hearts": "a heart", "diamonds": "a diamond", "clubs": "a club", "spades": "a spade", "even": "even", "odd": "odd", "big": f"{BIG} or more", "deck_empty": "the end of the deck"}
    text = words.get(cond.name, cond.name)
    return f"not {text}" if cond.negated else text


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"the number {value}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value).lower()


def _deck(value: Any) -> tuple[Card, ...]:
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise WorldError("deck", None, f"'deck' is {_kind(value)}; expected {{suits: [hearts, spades], from: 1, to: 10}}")
    for key in value:
        if key not in ("suits", "from", "to"):
            from lessonkit.diagnostics import did_you_mean

            raise WorldError(("deck", key), None, f"unknown key '{key}' in 'deck'; expected 'suits', 'from' or 'to'" + did_you_mean(str(key), ["suits", "from", "to"]))
    suits = value.get("suits", list(SUITS))
    if not isinstance(suits, list):
        raise WorldError(("deck", "suits"), None, f"'suits' is {_kind(suits)}; expected a list of suits: hearts, diamonds, clubs, spades")
    if not suits:
        raise WorldError(("deck", "suits"), None, "the deck is empty: 'suits' lists no suit; expected some of 'hearts', 'diamonds', 'clubs', 'spades'")
    for i, suit in enumerate(suits):
        if suit not in SUITS:
            from lessonkit.diagnostics import did_you_mean, quote

            raise WorldError(("deck", "suits", i), None, f"unknown suit {quote(suit)}; expected 'hearts', 'diamonds', 'clubs' or 'spades'" + did_you_mean(str(suit), SUITS))
        if suits.index(suit) != i:
            raise WorldError(("deck", "suits", i), None, f"suit '{suit}' is listed twice")
    bounds = []
    for key, default in (("from", 1), ("to", 10)):
        v = value.get(key, default)
        if isinstance(v, bool) or not isinstance(v, int):
            raise WorldError(("deck", key), None, f"'{key}' is {_kind(v)}; expected a whole number from 1 to {MAX_VALUE}")
        if not 1 <= v <= MAX_VALUE:
            raise WorldError(("deck", key), None, f"'{key}' is {v}; card values run from 1 to {MAX_VALUE}")
        bounds.append(v)
    lo, hi = bounds
    if lo > hi:
        raise WorldError("deck", None, f"the deck is empty: values run from {lo} to {hi}; write from: {hi}, to: {lo}")
    return tuple(Card(s, v) for s in suits for v in range(lo, hi + 1))
