"""Binary dot cards (CS Unplugged): show a number with cards of 1, 2, 4, 8, 16… dots.

The cards lie in a row, the most dots on the left, each face down to begin
with; a pupil stands at the first card.  Cards: ``show`` (turn the card face
up), ``hide`` (face down), ``next`` (step to the next card to the right).
Conditions: ``fits`` (the card's dots are no more than what is still needed
to make the target) and ``face_up``.  The left-to-right algorithm is a card
program pupils run::

    repeat 5 [ if fits [ show ] else [ hide ] next ]

Goals: ``show`` a target (the default: each group its own, drawn from the
lesson's seed, or one ``target`` for everyone), ``largest`` (the largest
number the cards can show) or ``every`` (the lesson's algorithm, checked for
every target from 0 to the largest).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, NamedTuple

from lessonkit.worlds.base import CardInfo, Failure, Family, Problem, RunCase, RunCases, World, WorldError, outcome_problem
from lessonkit.worlds.seeded import MAX_GROUPS, group_rng

MAX_CARDS = 8  # up to 128 dots
GOALS = ("show", "largest", "every", "read", "count")


class BinaryState(NamedTuple):
    at: int  # the card the pupil stands at, from 0 (the leftmost); len(dots): past the last
    up: int  # face-up cards, bit k for card k
    total: int = 0  # the dots added up so far (goal read)


class BinaryWorld(World[BinaryState]):
    """``read``: the cards lie as they show ``target`` (some face up) and the
    program adds up the face-up cards' dots; else they start face down and
    the program turns them to show ``target``."""

    def __init__(self, dots: tuple[int, ...], target: int, read: bool = False):
        self.dots = dots
        self.target = target
        self.read = read

    def faces(self, n: int) -> int:
        """The face-up bits (bit k for card k) of the cards showing ``n``."""
        return sum(1 << k for k, d in enumerate(self.dots) if n & d)

    def initial(self) -> BinaryState:
        return BinaryState(0, self.faces(self.target) if self.read else 0)

    def shown(self, state: BinaryState) -> int:
        return sum(d for k, d in enumerate(self.dots) if state.up >> k & 1)

    def act(self, state: BinaryState, card: str) -> BinaryState | Failure:
        if card == "next":
            if state.at >= len(self.dots):
                return Failure("there is no next card: the row has ended", "もう つぎの カードは ない")
            return BinaryState(state.at + 1, state.up, state.total)
        if card in ("show", "hide", "add"):
            if state.at >= len(self.dots):
                return Failure("there is no card here: the row has ended", "ここには もう カードが ない")
            if card == "add":
                return BinaryState(state.at, state.up, state.total + self.dots[state.at])
            bit = 1 << state.at
            return BinaryState(state.at, state.up | bit if card == "show" else state.up & ~bit, state.total)
        raise KeyError(card)

    def sense(self, state: BinaryState, condition: str) -> bool:
        if state.at >= len(self.dots):
            return False
        if condition == "fits":
            return self.dots[state.at] <= self.target - self.shown(state)
        if condition == "face_up":
            return bool(state.up >> state.at & 1)
        raise KeyError(condition)

    def is_goal(self, state: BinaryState) -> bool:
        if self.read:  # the number added up, the cards left as they lay
            return state.total == self.target and state.up == self.faces(self.target)
        return self.shown(state) == self.target

    def why_not_goal(self, state: BinaryState, lang: str = "en", item: str = "") -> str:
        if self.read:
            given = self.record(BinaryState(0, self.faces(self.target)))
            if state.up != self.faces(self.target):
                if lang == "ja":
                    return f"カードが {self.record(state)}に かわった。よむ カードは {given}の まま うごかさない"
                return f"the cards were turned to {self.record(state)}; the cards to read ({given}) stay as they lie"
            if lang == "ja":
                return f"たした 数は {state.total}で、カード（{given}）の {self.target}では ない"
            return f"the dots added up to {state.total}, not {self.target}, the number the cards ({given}) show"
        if lang == "ja":
            return f"カードは {self.shown(state)}（{self.describe(state)}）で、{self.target}では ない"
        return f"the cards show {self.shown(state)} ({self.describe(state)}), not {self.target}"

    def record(self, state: BinaryState) -> str:
        """The cards as 1 (face up) and 0 (face down), left to right."""
        return "".join("1" if state.up >> k & 1 else "0" for k in range(len(self.dots)))

    def describe(self, state: BinaryState) -> str:
        return f"{self.record(state)} total {state.total}" if self.read else self.record(state)

    def describe_ja(self, state: BinaryState) -> str:
        return f"{self.record(state)} たした 数 {state.total}" if self.read else self.record(state)

    def picture(self, state: BinaryState) -> str:
        cards = "  ".join(f"{d:>3}" for d in self.dots)
        faces = "  ".join(f"{'up' if state.up >> k & 1 else '--':>3}" for k in range(len(self.dots)))
        here = "  ".join(f"{'^' if k == state.at else '':>3}" for k in range(len(self.dots)))
        return f"{cards}\n{faces}\n{here}"

    def reached(self, state: BinaryState, lang: str = "en") -> str:
        if self.read:
            if lang == "ja":
                return f"たした 数は {state.total}: カード（{self.record(state)}）の 数を よめた"
            return f"the dots add up to {state.total}, the number the cards ({self.record(state)}) show"
        if lang == "ja":
            return f"カードは {self.shown(state)}（{self.record(state)}）で、めざす 数に なった"
        return f"the cards show {self.shown(state)} ({self.record(state)}), the target"

    def suggested_max_steps(self) -> int:
        return 20 * (len(self.dots) + 1)

    def for_target(self, target: int) -> "BinaryWorld":
        return BinaryWorld(self.dots, target, self.read)

    @property
    def largest(self) -> int:
        return sum(self.dots)


@dataclass(frozen=True)
class BinaryPuzzle:
    """What a binary puzzle says beyond its cards: the goal and the targets."""

    goal: str
    target: int | None  # one target for every group
    span: tuple[int, int]  # targets drawn from, inclusive
    face_up: int | None  # cards face up in every group's target


@dataclass(frozen=True)
class GroupTarget:
    group: int  # from 1
    target: int
    trace: Any  # the solution's run (lessonkit.simulate.Trace)


@dataclass(frozen=True)
class BinaryAnalysis:
    goal: str
    dots: tuple[int, ...]
    groups: tuple[GroupTarget, ...]
    face_up: int | None  # the measure of difficulty every group shares
    checked_targets: int  # how many targets the solution was run for
    trace: Any  # group A's run (or the one target's)
    bug_traces: dict  # bug index -> the run that refutes it
    bug_targets: dict  # bug index -> the target it fails on
    span: tuple[int, int] = (0, 0)  # the targets checked (every) or drawn from
    failed: tuple[int, Any] | None = None  # the solution's first failing target and its run
    failures: int = 0  # how many of the targets tried it fails on
    rows: tuple[tuple[int, str], ...] = ()  # goal count: each number and its cards (1 face up), from the runs

    def record(self, target: int) -> str:
        return "".join("1" if target & d else "0" for d in self.dots)


def bits(n: int) -> int:
    return bin(n).count("1")


def group_targets(span: tuple[int, int], face_up: int | None, seed: int | None, puzzle_id: str, groups: int = MAX_GROUPS) -> tuple[int, ...]:
    """Each group's target: drawn from ``span``, all with ``face_up`` cards
    face up (equal work for every group), different groups different numbers
    while the span has enough of them."""
    lo, hi = span
    pool = [n for n in range(lo, hi + 1) if face_up is None or bits(n) == face_up]
    out: list[int] = []
    for g in range(1, groups + 1):
        rng = group_rng(seed, puzzle_id, g)
        fresh = [n for n in pool if n not in out] or pool
        out.append(rng.choice(fresh))
    return tuple(out)


def common_face_up(span: tuple[int, int]) -> int:
    """The number of face-up cards most targets in ``span`` have (ties: more)."""
    tally: dict[int, int] = {}
    for n in range(span[0], span[1] + 1):
        tally[bits(n)] = tally.get(bits(n), 0) + 1
    return max(tally, key=lambda k: (tally[k], k))


class Binary(Family):
    name = "binary"
    title = {"ja": "2進数のドットカード", "en": "Binary dot cards"}
    order = 4
    cards = (
        CardInfo(
            "show", "おもて", "Show", "おもてに する", "show", "action", ("おもてにする", "表", "表にする", "up"),
            "turns the card you stand at face up, so its dots count",
            "いま いる カードを おもてに する（ドットを かぞえる）",
        ),
        CardInfo(
            "hide", "うら", "Hide", "うらに する", "hide", "action", ("うらにする", "裏", "裏にする", "down"),
            "turns the card you stand at face down, so its dots do not count",
            "いま いる カードを うらに する（ドットを かぞえない）",
        ),
        CardInfo(
            "next", "つぎ", "Next card", "つぎの カードへ", "next", "action", ("つぎのカード", "つぎのカードへ", "次", "次のカード"),
            "steps to the next card on the right",
            "みぎの つぎの カードへ うつる",
        ),
        CardInfo(
            "add", "たす", "Add the dots", "ドットを たす", "add", "action", ("ドットをたす", "足す", "ドットを足す"),
            "adds the dots of the card you stand at to the number read so far",
            "いま いる カードの ドットを、いままでの 数に たす",
        ),
        CardInfo(
            "fits", "はいる", "Does it fit?", "この カードが はいる？", "fits", "condition", ("このカードがはいる", "はいる？", "fit"),
            "yes when this card's dots are no more than what is still needed to make the number",
            "この カードの ドットが、あと ひつような かず いかなら「はい」",
        ),
        CardInfo(
            "face_up", "おもてか", "Face up?", "おもて？", "face_up", "condition", ("おもて？",),
            "yes when the card you stand at is face up",
            "いま いる カードが おもてなら「はい」",
        ),
    )
    puzzle_keys = {
        "dots": "the dot cards, left to right: a number of cards (5: 16 8 4 2 1) or the dot counts",
        "goal": "show (a target, the default), largest (the largest number), every (the algorithm, for every target), read (the cards lie face up and down; pupils read the number) or count (show each number from 'targets' from to to, in turn)",
        "target": "one target for every group (default: each group its own, drawn from 'targets')",
        "targets": "the range each group's target is drawn from: {from: 1, to: 31}; goal count: the numbers to count through, {from: 0, to: 15}",
        "face_up": "how many cards every group's target shows face up (default: the most common number)",
    }
    puzzle_key_schema = {
        "dots": {"oneOf": [{"type": "integer", "minimum": 1, "maximum": MAX_CARDS}, {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": MAX_CARDS}]},
        "goal": {"enum": list(GOALS)},
        "target": {"type": "integer", "minimum": 0},
        "targets": {"type": "object", "properties": {"from": {"type": "integer"}, "to": {"type": "integer"}}, "required": ["from", "to"], "additionalProperties": False},
        "face_up": {"type": "integer", "minimum": 0, "maximum": MAX_CARDS},
    }
    main_key = "dots"
    owns_check = True

    @classmethod
    def build(cls, puzzle: Mapping[str, Any]) -> BinaryWorld:
        dots = _dots(puzzle.get("dots", 5))
        spec = cls.spec(puzzle, dots)
        return BinaryWorld(dots, spec.target if spec.target is not None else (sum(dots) if spec.goal == "largest" else spec.span[0]), read=spec.goal == "read")

    @classmethod
    def laid_out(cls, puzzle: Mapping[str, Any]) -> bool:
        return puzzle.get("goal") != "read"  # pupils read the cards; the reading program is the answer key's
    @classmethod
    def spec(cls, puzzle: Mapping[str, Any], dots: tuple[int, ...]) -> BinaryPuzzle:
        largest = sum(dots)
        goal = puzzle.get("goal", "show")
        if goal not in GOALS:
            from lessonkit.diagnostics import did_you_mean, one_of, quote

            raise WorldError("goal", None, f"unknown goal {quote(goal)}; expected {one_of(GOALS)}" + did_you_mean(str(goal), GOALS))
        cards = f"{len(dots)} card{'s' if len(dots) != 1 else ''} ({' '.join(map(str, dots))})"
        target = puzzle.get("target")
        if target is not None and goal in ("every", "count", "largest"):
            raise WorldError("target", None, f"goal {goal} takes no 'target'" + ("; write the numbers to count through as targets: {from: 0, to: " + str(min(largest, 15)) + "}" if goal == "count" else ""))
        if target is not None:
            if isinstance(target, bool) or not isinstance(target, int):
                raise WorldError("target", None, f"'target' is {_kind(target)}; expected a whole number")
            if not 0 <= target <= largest:
                raise WorldError("target", None, f"target {target} is out of range: {cards} show 0 to {largest}")
        span = (0 if goal == "every" else 1, largest)
        targets = puzzle.get("targets")
        if targets is not None:
            if not isinstance(targets, dict):
                raise WorldError("targets", None, f"'targets' is {_kind(targets)}; expected {{from: 1, to: {largest}}}")
            for key in targets:
                if key not in ("from", "to"):
                    from lessonkit.diagnostics import did_you_mean

                    raise WorldError(("targets", key), None, f"unknown key '{key}' in 'targets'; expected 'from' and 'to'" + did_you_mean(str(key), ["from", "to"]))
            for key in ("from", "to"):
                if key not in targets:
                    raise WorldError("targets", None, f"'targets' needs '{key}'")
                v = targets[key]
                if isinstance(v, bool) or not isinstance(v, int):
                    raise WorldError(("targets", key), None, f"'{key}' is {_kind(v)}; expected a whole number")
                if not 0 <= v <= largest:
                    raise WorldError(("targets", key), None, f"target {v} is out of range: {cards} show 0 to {largest}")
            if targets["from"] > targets["to"]:
                raise WorldError("targets", None, f"targets run from {targets['from']} to {targets['to']}, backwards; write from: {targets['to']}, to: {targets['from']}")
            span = (targets["from"], targets["to"])
        face_up = puzzle.get("face_up")
        if face_up is not None:
            if isinstance(face_up, bool) or not isinstance(face_up, int):
                raise WorldError("face_up", None, f"'face_up' is {_kind(face_up)}; expected a whole number")
            if not any(bits(n) == face_up for n in range(span[0], span[1] + 1)):
                raise WorldError("face_up", None, f"no target from {span[0]} to {span[1]} shows {face_up} cards face up")
        return BinaryPuzzle(goal, target, span, face_up)

    @classmethod
    def check_puzzle(cls, world: BinaryWorld, puzzle: Any, lesson: Any, programs: Mapping[str, Any]) -> tuple[BinaryAnalysis, list[Problem]]:
        from lessonkit.simulate import run

        extra = dict(puzzle.model_extra or {})
        spec = cls.spec(extra, world.dots)
        actions, conditions = frozenset(cls.actions()), frozenset(cls.conditions())
        max_steps = puzzle.max_steps or world.suggested_max_steps()
        stop = puzzle.goal_rule == "stop"

        def play(program, target: int):
            return run(world.for_target(target), program, actions, conditions, max_steps, stop_at_goal=stop)

        problems: list[Problem] = []
        face_up = None
        if spec.target is not None:
            targets = (spec.target,) * MAX_GROUPS
        elif spec.goal == "largest":
            targets = (world.largest,) * MAX_GROUPS
        elif spec.goal == "count":
            targets = (spec.span[0],) * MAX_GROUPS
        else:
            face_up = spec.face_up if spec.face_up is not None else common_face_up(spec.span)
            targets = group_targets(spec.span, face_up, lesson.seed, puzzle.id)
        every = spec.goal in ("every", "count")
        tried = range(spec.span[0], spec.span[1] + 1) if spec.goal == "count" else range(world.largest + 1) if every else sorted(set(targets))
        solution = programs["solution"]

        def first_failure(program):
            for t in tried:
                trace = play(program, t)
                if not trace.reached_goal:
                    return t, trace
            return None

        failed = first_failure(solution)
        failures = 0
        if failed is not None:
            t, trace = failed
            failures = sum(not play(solution, u).reached_goal for u in tried)
            what = f"every number from {tried[0]} to {tried[-1]}" if every else f"the target {t}"
            if spec.goal == "read":
                problems.append(Problem(("solution",), f"solution does not read the cards {world.record(world.for_target(t).initial())}, which show {t}: it {_ending(trace, world.for_target(t))}"))
            else:
                problems.append(Problem(("solution",), f"solution does not show {what}: for {t} it {_ending(trace, world.for_target(t))}"))
        for j, alt in enumerate(programs["alternatives"]):
            if alt is not None and (bad := first_failure(alt)) is not None:
                t, trace = bad
                problems.append(Problem(("alternatives", j), f"alternative {j + 1} does not show the target {t}: it {_ending(trace, world.for_target(t))}"))
        bug_traces, bug_targets = {}, {}
        for j, (bug, program) in enumerate(zip(puzzle.bugs, programs["bugs"])):
            if program is None:
                continue
            bad = first_failure(program)
            if bad is None:
                shown = f"every number from {tried[0]} to {tried[-1]}" if every else "every group's target"
                problems.append(Problem(("bugs", j, "program"), f"bug exercise shows {shown}; expected it to end in '{bug.outcome}'"))
                continue
            t, trace = bad
            bug_traces[j], bug_targets[j] = trace, t
            problem = outcome_problem(bug, trace, f" (for {t})")
            if problem is not None:
                problems.append(problem.at(("bugs", j)))
        groups = tuple(GroupTarget(g, t, play(solution, t)) for g, t in enumerate(targets, 1))
        # goal count: each number's cards, as the solution's run left them
        rows = tuple((t, world.record(play(solution, t).final)) for t in tried) if spec.goal == "count" else ()
        analysis = BinaryAnalysis(spec.goal, world.dots, groups, face_up, len(tried), groups[0].trace, bug_traces, bug_targets, (min(tried), max(tried)), failed, failures, rows)
        return analysis, problems

    @classmethod
    def run_cases(cls, checked: Any, groups: int | None = None) -> RunCases:
        """Every target the puzzle's program must show: each from 0 to the
        largest (goal every), each group's (show), or the largest."""
        a, world = checked.analysis, checked.world
        if a.goal in ("every", "count"):
            lo, hi = a.span
            cases = tuple(RunCase(world.for_target(t), f"target {t}", f"{t}の とき", t) for t in range(lo, hi + 1))
            return RunCases(cases, f"every target from {lo} to {hi}", f"{lo}から {hi}までの すべての 数")
        if a.goal == "largest":
            t = world.largest
            return RunCases((RunCase(world.for_target(t), f"the largest number, {t}", f"いちばん 大きい 数 {t}の とき", t),), f"the largest number, {t}", f"いちばん 大きい 数 {t}")
        kit = a.groups[:groups]  # the groups a kit of that many prints
        letters = _group_letters(len(kit))
        by_target: dict[int, list[str]] = {}
        for g in kit:
            by_target.setdefault(g.target, []).append(letters[g.group - 1])
        if len(by_target) == 1:
            (t,) = by_target
            return RunCases((RunCase(world.for_target(t), f"target {t}", f"{t}の とき", t),), f"the target {t} (every group's)", f"どの グループも おなじ 数 {t}")
        if a.goal == "read":  # the cards as each group's lie
            cases = tuple(
                RunCase(world.for_target(t), f"the cards {a.record(t)} (group {', '.join(gs)})", f"カード {a.record(t)}の とき（グループ {'・'.join(gs)}）", t)
                for t, gs in by_target.items()
            )
            return RunCases(cases, f"each group's cards, groups {letters[0]} to {letters[-1]} ({len(cases)} different numbers)", f"グループ {letters[0]}～{letters[-1]}の カード（{len(cases)}とおり）")
        cases = tuple(
            RunCase(world.for_target(t), f"target {t} (group {', '.join(gs)})", f"{t}の とき（グループ {'・'.join(gs)}）", t)
            for t, gs in by_target.items()
        )
        return RunCases(cases, f"each group's target, groups {letters[0]} to {letters[-1]} ({len(cases)} different numbers)", f"グループ {letters[0]}～{letters[-1]}の 数（{len(cases)}とおり）")

    @classmethod
    def check_summary(cls, checked: Any, lang: str = "en") -> list[str]:
        """What the check ran: the solution for every target it must show,
        each bug until its smallest failing target; from those runs."""
        from lessonkit.program import format_program

        a, world = checked.analysis, checked.world
        lo, hi = a.span
        if a.goal == "every":
            what = f"every target from {lo} to {hi} ({a.checked_targets} runs)"
        elif a.goal == "count":
            what = f"each number from {lo} to {hi} in turn, counting up ({a.checked_targets} runs)"
        elif a.goal == "largest":
            what = f"the largest number, {world.largest} ({len(a.dots)} cards, {' '.join(map(str, a.dots))}, all face up)"
        else:
            n = len({g.target for g in a.groups})
            same = f", each with {a.face_up} card{'s' if a.face_up != 1 else ''} face up" if a.face_up is not None else ""
            letters = _group_letters(len(a.groups))
            every = f"groups {letters[0]} to {letters[-1]}, all {len(a.groups)} a kit can print, for any class size"
            what = f"each group's target, {every}: {n} different numbers{same}" if n > 1 else f"the target {a.groups[0].target}, every group's"
            if a.goal == "read":
                what = f"each group's cards to read, {every}: {n} different numbers{same}" if n > 1 else f"the cards {a.record(a.groups[0].target)}, every group's"
        out = [f"check: the program runs for {what}"]
        if a.failed is None:
            out.append(f"  solution {format_program(checked.solution)}: {'reads' if a.goal == 'read' else 'shows'} {'each one' if a.checked_targets > 1 else 'it'}")
        else:
            t, trace = a.failed
            out.append(f"  solution {format_program(checked.solution)}: fails for {a.failures} of {a.checked_targets}; the first is {t}: it {_ending(trace, world.for_target(t))}")
        for bug in checked.bugs:
            j = next(i for i, spec in enumerate(checked.spec.bugs) if spec is bug.spec)
            if j in a.bug_targets:
                t = a.bug_targets[j]
                out.append(f"  bug exercise {j + 1} {format_program(bug.program)}: the smallest target it fails on is {t}: it {_ending(bug.trace, world.for_target(t))}")
            else:
                out.append(f"  bug exercise {j + 1} {format_program(bug.program)}: shows every target it was run for (not a bug)")
        return out


def _group_letters(n: int) -> list[str]:
    return [chr(ord("A") + k) for k in range(n)]


def _ending(trace: Any, world: BinaryWorld) -> str:
    from lessonkit.check import describe_failure
    from lessonkit.simulate import Outcome

    if trace.outcome is Outcome.STOPPED:
        n = len(trace.steps)
        if world.read:
            return f"ended after {n} step{'' if n == 1 else 's'} having added up {trace.final.total} (the cards {world.record(trace.final)})"
        return f"ended after {n} step{'' if n == 1 else 's'} showing {world.shown(trace.final)} ({world.record(trace.final)})"
    return describe_failure(trace)


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"the number {value}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value).lower()


def _dots(value: Any) -> tuple[int, ...]:
    """The dot cards, left to right: a count (5: 16 8 4 2 1) or the dot counts."""
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= MAX_CARDS:
            raise WorldError("dots", None, f"'dots' is {value} cards; expected 1 to {MAX_CARDS} (up to {2 ** (MAX_CARDS - 1)} dots)")
        return tuple(2 ** k for k in range(value - 1, -1, -1))
    if not isinstance(value, list) or not value:
        raise WorldError("dots", None, f"'dots' is {_kind(value) if value != [] else 'empty'}; expected how many cards (5) or their dots, left to right ([16, 8, 4, 2, 1])")
    if len(value) > MAX_CARDS:
        raise WorldError("dots", None, f"'dots' lists {len(value)} cards; at most {MAX_CARDS} (up to {2 ** (MAX_CARDS - 1)} dots)")
    for i, d in enumerate(value):
        if isinstance(d, bool) or not isinstance(d, int):
            raise WorldError(("dots", i), None, f"dot card {i + 1} is {_kind(d)}; expected a number of dots")
        if d < 1 or d & (d - 1):
            raise WorldError(("dots", i), None, f"dot card {i + 1} has {d} dots, not a power of two; dot cards have 1, 2, 4, 8, 16, 32, 64 or 128 dots")
    for i, d in enumerate(value):
        want = 2 ** (len(value) - 1 - i)
        if d != want:
            raise WorldError(("dots", i), None, f"dot card {i + 1} has {d} dots; {len(value)} cards have {' '.join(str(2 ** k) for k in range(len(value) - 1, -1, -1))} dots, left to right (each twice the next, down to 1)")
    return tuple(value)
