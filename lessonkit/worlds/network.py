"""Sorting networks (CS Unplugged's playground network), walked, not laid out.

A network has 2 to 10 lanes and comparators between two lanes, in stages.
Pupils walk it: at each comparator the two who meet compare their values,
the smaller goes one way and the larger the other.  Notation: ``a-b`` sends
the smaller value to lane ``a`` and the larger to lane ``b`` (so ``2-1``
points the other way, for sorting largest first); comparators in one stage
are written side by side, stages are separated by ``|`` or a new line::

    solution: 1-2 3-4 | 1-3 2-4 | 2-3

A network is not a card program, so the family owns its check: the 0-1
principle (a network of comparators sorts every input if and only if it
sorts every input of 0s and 1s) proves it over all 2^n such inputs at once,
as bit masks, one AND and one OR a comparator.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations
from typing import Any, Mapping

from lessonkit.worlds.base import CardInfo, Failure, Family, Problem, World, WorldError
from lessonkit.worlds.seeded import MAX_GROUPS, group_rng, shared_rng

MIN_LANES, MAX_LANES = 2, 10
# The fewest comparators that sort n lanes, n = 0..10 (Knuth, TAOCP 5.3.4;
# n = 9 and 10 proved by Codish, Cruz-Filipe, Frank and Schneider-Kamp, 2014).
FEWEST = (0, 0, 1, 3, 5, 9, 12, 16, 19, 25, 29)
DEFAULT_VALUES = (1, 99)
MAX_VALUE_RANGE = 10_000


@dataclass(frozen=True)
class Comparator:
    small: int  # the lane (from 0) the smaller value goes to
    large: int  # the lane the larger value goes to
    offset: int = 0  # where it is written, for messages

    @property
    def lanes(self) -> tuple[int, int]:
        return (min(self.small, self.large), max(self.small, self.large))

    def text(self) -> str:
        return f"{self.small + 1}-{self.large + 1}"


@dataclass(frozen=True)
class Network:
    lanes: int
    stages: tuple[tuple[Comparator, ...], ...]  # as written

    @property
    def comparators(self) -> tuple[Comparator, ...]:
        """In walking order, numbered from 1 as on the printed diagram."""
        return tuple(c for stage in self.stages for c in stage)

    @property
    def size(self) -> int:
        return len(self.comparators)

    def parallel(self) -> tuple[tuple[Comparator, ...], ...]:
        """The stages as they can be walked in parallel: each comparator as
        early as both its lanes are free (its depth is the number of these)."""
        ready = [0] * self.lanes
        layers: list[list[Comparator]] = []
        for comp in self.comparators:
            a, b = comp.lanes
            level = max(ready[a], ready[b])
            if level == len(layers):
                layers.append([])
            layers[level].append(comp)
            ready[a] = ready[b] = level + 1
        return tuple(tuple(layer) for layer in layers)

    @property
    def depth(self) -> int:
        return len(self.parallel())

    def text(self) -> str:
        return " | ".join(" ".join(c.text() for c in stage) for stage in self.stages)


def parse_network(text: str, lanes: int) -> Network:
    """Read ``1-2 3-4 | 2-3``; raise WorldError(None, offset, …) when malformed."""
    stages: list[tuple[Comparator, ...]] = []
    current: list[Comparator] = []
    used: dict[int, Comparator] = {}
    i, n = 0, len(text)

    def close() -> None:
        nonlocal current, used
        if current:
            stages.append(tuple(current))
        current, used = [], {}

    while i < n:
        ch = text[i]
        if ch in " \t,、":
            i += 1
            continue
        if ch in "|\n｜":
            close()
            i += 1
            continue
        start = i
        while i < n and text[i] not in " \t,、|\n｜":
            i += 1
        word = text[start:i]
        comp = _comparator(word, start, lanes)
        for lane in comp.lanes:
            if lane in used:
                other = used[lane]
                raise WorldError(None, start, f"comparator '{word}' shares lane {lane + 1} with '{other.text()}' in stage {len(stages) + 1}; in one stage each lane meets at most one comparator (start a new stage with '|')")
        for lane in comp.lanes:
            used[lane] = comp
        current.append(comp)
    close()
    if not stages:
        raise WorldError(None, 0, "the network has no comparators; expected comparators like '1-2 3-4 | 2-3'")
    return Network(lanes, tuple(stages))


def _comparator(word: str, offset: int, lanes: int) -> Comparator:
    normal = word.translate(str.maketrans("０１２３４５６７８９－ー−", "0123456789---"))
    parts = normal.split("-")
    if len(parts) != 2 or not all(p.isdigit() and p.isascii() for p in parts):
        raise WorldError(None, offset, f"'{word}' is not a comparator; expected two lane numbers joined by '-', like '1-2' (the smaller value goes to the first lane)")
    if normal != word:
        raise WorldError(None, offset, f"full-width characters in comparator '{word}'; write '{normal}' with half-width digits and '-'")
    a, b = int(parts[0]), int(parts[1])
    for k, lane in enumerate((a, b)):
        if not 1 <= lane <= lanes:
            at = offset + (0 if k == 0 else len(parts[0]) + 1)
            raise WorldError(None, at, f"comparator '{word}' joins lane {lane}, but the network has {lanes} lanes (1 to {lanes})")
    if a == b:
        raise WorldError(None, offset, f"comparator '{word}' joins lane {a} to itself; a comparator joins two different lanes")
    return Comparator(a - 1, b - 1, offset)


# -- the proof ---------------------------------------------------------------


def lane_masks(lanes: int) -> list[int]:
    """For the 2^lanes inputs of 0s and 1s (input x has lane 1 as its highest
    binary digit), lane i's values across all inputs as one bit mask."""
    total = 1 << lanes
    every = (1 << total) - 1
    masks = []
    for i in range(lanes):
        run = 1 << (lanes - 1 - i)  # input x's lane i is bit (lanes-1-i) of x
        period = 2 * run
        block = ((1 << run) - 1) << run
        masks.append(block * (every // ((1 << period) - 1)))
    return masks


def unsorted_inputs(network: Network, descending: bool = False) -> int:
    """The inputs of 0s and 1s the network leaves unsorted, as a bit mask
    (bit x set: input x fails)."""
    masks = lane_masks(network.lanes)
    for comp in network.comparators:
        a, b = masks[comp.small], masks[comp.large]
        masks[comp.small], masks[comp.large] = a & b, a | b
    every = (1 << (1 << network.lanes)) - 1
    bad = 0
    for i in range(network.lanes - 1):
        hi, lo = (masks[i + 1], masks[i]) if descending else (masks[i], masks[i + 1])
        bad |= hi & (every ^ lo)  # an ascending pair fails where lane i is 1 and lane i+1 is 0
    return bad


def bits_of(x: int, lanes: int) -> tuple[int, ...]:
    return tuple((x >> (lanes - 1 - i)) & 1 for i in range(lanes))


def smallest(bad: int, lanes: int) -> tuple[int, ...]:
    """The smallest failing input: fewest 1s, then lane by lane from lane 1 (0 before 1)."""
    best, best_key, x = None, None, 0
    while bad:
        low = bad & -bad
        x = low.bit_length() - 1
        key = (bin(x).count("1"), x)
        if best_key is None or key < best_key:
            best, best_key = x, key
        bad ^= low
    assert best is not None
    return bits_of(best, lanes)


def walk(network: Network, values: tuple) -> list[tuple]:
    """The values on the lanes after each comparator, in walking order (the input first)."""
    state = list(values)
    out = [tuple(state)]
    for comp in network.comparators:
        a, b = state[comp.small], state[comp.large]
        state[comp.small], state[comp.large] = min(a, b), max(a, b)
        out.append(tuple(state))
    return out


def is_sorted(values: tuple, descending: bool = False) -> bool:
    pairs = zip(values, values[1:])
    return all(x >= y for x, y in pairs) if descending else all(x <= y for x, y in pairs)


@dataclass(frozen=True)
class Refutation:
    """Why a network does not sort: its smallest counterexample of 0s and 1s."""

    input: tuple[int, ...]
    output: tuple[int, ...]
    failing: int  # how many of the 2^n inputs of 0s and 1s it leaves unsorted
    pair: tuple[int, int]  # the first two neighbouring lanes out of order (from 0)
    after: int  # the comparator (from 1; 0: before any) after which that pair holds its wrong values
    held: tuple[int, int]  # the values the pair then holds

    def words(self, network: Network) -> str:
        i, j = self.pair
        a, b = self.held
        shown = " ".join(map(str, self.input))
        out = " ".join(map(str, self.output))
        many = "" if self.failing == 1 else f", the smallest of {self.failing} such inputs"
        if self.after == 0:
            where = f"no comparator joins lane {i + 1} or lane {j + 1}, which keep {a} and {b}"
        else:
            comp = network.comparators[self.after - 1]
            where = f"after comparator {self.after} ({comp.text()}) lanes {i + 1} and {j + 1} hold {a} and {b}, the wrong way round, and no later comparator joins either"
        return f"the input {shown} comes out as {out}{many}: {where}"


def refute(network: Network, descending: bool = False) -> Refutation | None:
    """None when the network sorts every input; else its smallest counterexample."""
    bad = unsorted_inputs(network, descending)
    if not bad:
        return None
    x = smallest(bad, network.lanes)
    states = walk(network, x)
    out = states[-1]
    i = next(k for k in range(network.lanes - 1) if (out[k] < out[k + 1] if descending else out[k] > out[k + 1]))
    after = 0
    for number, comp in enumerate(network.comparators, 1):
        if set(comp.lanes) & {i, i + 1}:
            after = number
    return Refutation(x, out, bin(bad).count("1"), (i, i + 1), after, (out[i], out[i + 1]))


def swaps(network: Network, values: tuple) -> int:
    """How many comparators exchange the two values that meet there."""
    state = list(values)
    count = 0
    for comp in network.comparators:
        a, b = state[comp.small], state[comp.large]
        if a > b:
            count += 1
            state[comp.small], state[comp.large] = b, a
    return count


# -- the world and its values --------------------------------------------------


class NetworkWorld(World[tuple]):
    """A network walked with one input: states are the values on the lanes."""

    def __init__(self, lanes: int, descending: bool, pool: tuple, words: tuple[str, ...] | None, network: Network | None, swaps_wanted: int | None, comparators: int | None, floor: bool = False):
        self.lanes = lanes
        self.floor = floor  # the class walks it on the floor: the kit prints its floor layout
        self.descending = descending
        self.pool = pool  # values groups draw from (ranks, when words)
        self.words = words  # the word list, in order, or None for numbers
        self.network = network  # the puzzle's solution, once read
        self.swaps_wanted = swaps_wanted
        self.comparators = comparators
        self.start = tuple(range(lanes, 0, -1))

    def initial(self) -> tuple:
        return self.start

    def act(self, state: tuple, card: str) -> tuple | Failure:
        """``card`` is a comparator in notation ('1-2')."""
        try:
            comp = _comparator(card, 0, self.lanes)
        except WorldError as exc:
            return Failure(exc.message)
        values = list(state)
        a, b = values[comp.small], values[comp.large]
        values[comp.small], values[comp.large] = min(a, b), max(a, b)
        return tuple(values)

    def sense(self, state: tuple, condition: str) -> bool:
        raise KeyError(condition)  # a network has no condition cards

    def is_goal(self, state: tuple) -> bool:
        return is_sorted(state, self.descending)

    def why_not_goal(self, state: tuple, lang: str = "en", item: str = "") -> str:
        if lang == "ja":
            return f"レーンの ならびは {self.describe(state)}で、じゅんばんに なって いない"
        return f"the lanes hold {self.describe(state)}, not in order"

    def describe(self, state: tuple) -> str:
        return " ".join(self.show(v) for v in state)

    def show(self, value: Any) -> str:
        """A value as its card prints it."""
        return self.words[value] if self.words is not None else str(value)

    def picture(self, state: tuple) -> str:
        return "\n".join(f"lane {i + 1}: {self.show(v)}" for i, v in enumerate(state))

    def with_network(self, network: Network) -> "NetworkWorld":
        return NetworkWorld(self.lanes, self.descending, self.pool, self.words, network, self.swaps_wanted, self.comparators, self.floor)

    def target_swaps(self, seed: int | None, puzzle_id: str) -> int:
        """The swap count every group's input has: the lesson's ``swaps``, or
        the count most inputs give (ties: the larger), so the draw has room."""
        if self.swaps_wanted is not None:
            return self.swaps_wanted
        assert self.network is not None
        tally: dict[int, int] = {}
        if self.lanes <= 8:
            orders = permutations(range(self.lanes))
        else:
            rng = shared_rng(seed, puzzle_id, "swaps")
            orders = (tuple(rng.sample(range(self.lanes), self.lanes)) for _ in range(4000))
        for order in orders:
            k = swaps(self.network, order)
            tally[k] = tally.get(k, 0) + 1
        return max(tally, key=lambda k: (tally[k], k))

    def group_values(self, seed: int | None, puzzle_id: str, groups: int = MAX_GROUPS) -> tuple[tuple, ...] | None:
        """Each group's input (values in lane order), with the same number of
        swaps for every group; None when the draw cannot give every group one."""
        assert self.network is not None
        want = self.target_swaps(seed, puzzle_id)
        seen: set[tuple] = set()
        out = []
        for g in range(1, groups + 1):
            rng = group_rng(seed, puzzle_id, g)
            found = None
            for attempt in range(4000):
                values = tuple(rng.sample(self.pool, self.lanes))
                if swaps(self.network, values) == want and (values not in seen or attempt >= 2000):
                    found = values
                    break
            if found is None:
                return None
            seen.add(found)
            out.append(found)
        return tuple(out)


@dataclass(frozen=True)
class GroupWalk:
    """One group's values walked through the network."""

    group: int  # from 1
    values: tuple  # in lane order
    states: tuple[tuple, ...]  # after each comparator, the input first
    swaps: int

    def stage_states(self, network: Network) -> tuple[tuple, ...]:
        """The values after each stage as written, the input first."""
        out, k = [self.states[0]], 0
        for stage in network.stages:
            k += len(stage)
            out.append(self.states[k])
        return tuple(out)

    def met(self, network: Network) -> tuple[tuple[Any, Any], ...]:
        """The two values that met at each comparator, in walking order."""
        return tuple((self.states[k][c.small], self.states[k][c.large]) for k, c in enumerate(network.comparators))


@dataclass(frozen=True)
class NetworkAnalysis:
    """What the check proved about a network puzzle, for the kit and the CLI."""

    network: Network
    sorts: bool
    refutation: Refutation | None
    walks: tuple[GroupWalk, ...]  # every group a build can print
    swaps: int
    bugs: tuple[tuple[Network, Refutation | None], ...]
    alternatives: tuple[tuple[Network, Refutation | None], ...] = ()
    world: NetworkWorld | None = None  # as printed: the network pupils walk
    given_walks: tuple[GroupWalk, ...] = ()  # every group's values through that network

    def describe(self) -> str:
        layers = self.network.parallel()
        shown = " | ".join(" ".join(c.text() for c in layer) for layer in layers)
        return f"{self.network.size} comparators, depth {len(layers)}: {shown}"


class SortingNetwork(Family):
    name = "sorting-network"
    title = {"ja": "整列ネットワーク", "en": "Sorting network"}
    order = 3
    cards = ()
    puzzle_keys = {
        "lanes": "how many lanes the network has (2 to 10)",
        "order": "ascending (lane 1 gets the smallest, the default) or descending",
        "values": "how each group's values are drawn: {from: 1, to: 99}, or a list of words in order, smallest first",
        "swaps": "how many exchanges every group's input takes (default: the most common number)",
        "comparators": "design puzzles: how many comparators the network must have",
        "floor": "true when the class walks this network on the floor: the kit prints its floor layout (floor.pdf: a plan with measures and a sheet for each circle)",
    }
    puzzle_key_schema = {
        "lanes": {"type": "integer", "minimum": MIN_LANES, "maximum": MAX_LANES},
        "order": {"enum": ["ascending", "descending"]},
        "values": {"oneOf": [
            {"type": "object", "properties": {"from": {"type": "integer"}, "to": {"type": "integer"}}, "required": ["from", "to"], "additionalProperties": False},
            {"type": "array", "items": {"type": "string"}, "minItems": MIN_LANES},
        ]},
        "swaps": {"type": "integer", "minimum": 0},
        "comparators": {"type": "integer", "minimum": 1},
        "floor": {"type": "boolean"},
    }
    main_key = "solution"
    owns_check = True
    owns_notation = True

    @classmethod
    def check_summary(cls, checked: Any, lang: str = "en") -> list[str]:
        """What the 0-1 proof found about the solution and each bug network."""
        a = checked.analysis
        n = a.network.lanes
        out = [f"solution: {a.describe()}"]
        proof = f"all {2 ** n:,} inputs of 0s and 1s tried (0-1 principle)"
        out.append(f"  sorts every input: {proof}" if a.sorts else f"  does not sort: {a.refutation.words(a.network)} ({proof})")
        for j, (network, refutation) in enumerate(a.bugs, 1):
            verdict = "sorts every input" if refutation is None else refutation.words(network)
            out.append(f"bug exercise {j}: {network.size} comparators: {verdict}")
        return out
    bug_outcomes = ("unsorted",)

    @classmethod
    def run_notation(cls, checked: Any, text: str, lang: str = "en", groups: int = 8) -> tuple[list[str], bool]:
        """The network as a group drew it: each printed group's values walked
        through it stage by stage, then the 0-1 proof of whether it sorts."""
        from lessonkit.render.worlds.network import refutation_words

        world: NetworkWorld = checked.world
        network = cls.read(world, text)
        ja = lang == "ja"
        layers = network.parallel()
        shown = " | ".join(" ".join(c.text() for c in layer) for layer in layers) or "-"
        out = [f"ネットワーク: {shown}（くらべる 場所 {network.size}、{len(layers)}だん）" if ja else f"network: {shown} ({network.size} comparators, depth {len(layers)})"]
        analysis = checked.analysis
        ok = True
        for walked in (analysis.walks[:groups] if analysis is not None else ()):
            states = walk(network, walked.values)
            done = is_sorted(states[-1], world.descending)
            ok = ok and done
            show = lambda values: " ".join(world.show(v) for v in values)
            letter = chr(ord("A") + walked.group - 1)
            who = f"グループ {letter}" if ja else f"group {letter}"
            verdict = ("ならんだ" if done else "ならんで いない") if ja else ("sorted" if done else "NOT sorted")
            out.append(f"{who}: {show(states[0])} → {show(states[-1])}  {verdict}")
        refutation = refute(network, world.descending)
        n = network.lanes
        if ja:
            proof = f"0と1の ならび {2 ** n:,}とおりで たしかめた"
            out.append(f"どんな 入力も ならべかえる（{proof}）" if refutation is None else f"ならべかえられない 入力が ある: {refutation_words(refutation, network, 'ja')}（{proof}）")
        else:
            proof = f"all {2 ** n:,} inputs of 0s and 1s tried (0-1 principle)"
            out.append(f"sorts every input: {proof}" if refutation is None else f"does not sort every input: {refutation.words(network)} ({proof})")
        if world.comparators is not None and network.size != world.comparators:
            out.append(f"くらべる 場所は {world.comparators}こ の はず（いまは {network.size}こ）" if ja else f"the puzzle asks for {world.comparators} comparators; this network has {network.size}")
            ok = False
        return out, ok and refutation is None

    @classmethod
    def build(cls, puzzle: Mapping[str, Any]) -> NetworkWorld:
        lanes = puzzle.get("lanes")
        if lanes is None:
            raise WorldError("lanes", None, "a sorting-network puzzle needs 'lanes': how many lanes (2 to 10)")
        if isinstance(lanes, bool) or not isinstance(lanes, int):
            raise WorldError("lanes", None, f"'lanes' is {_kind(lanes)}; expected a whole number from {MIN_LANES} to {MAX_LANES}")
        if not MIN_LANES <= lanes <= MAX_LANES:
            raise WorldError("lanes", None, f"'lanes' is {lanes}; a network has {MIN_LANES} to {MAX_LANES} lanes")
        order = puzzle.get("order", "ascending")
        if order not in ("ascending", "descending"):
            from lessonkit.diagnostics import did_you_mean, quote

            raise WorldError("order", None, f"unknown order {quote(order)}; expected 'ascending' or 'descending'" + did_you_mean(str(order), ["ascending", "descending"]))
        pool, words = _pool(puzzle.get("values"), lanes)
        wanted = _whole(puzzle, "swaps", 0, lanes * (lanes - 1) // 2)
        comparators = _whole(puzzle, "comparators", 1, 100)
        floor = puzzle.get("floor", False)
        if not isinstance(floor, bool):
            raise WorldError("floor", None, f"'floor' is {_kind(floor)}; expected true (the class walks this network on the floor) or false")
        return NetworkWorld(lanes, order == "descending", pool, words, None, wanted, comparators, floor)

    @classmethod
    def read(cls, world: NetworkWorld, value: Any) -> Network:
        """A network as a lesson writes it (``solution``, a bug's ``program``)."""
        if not isinstance(value, str):
            raise WorldError(None, None, "expected a network: comparators like '1-2 3-4 | 2-3' (stages separated by '|')")
        return parse_network(value, world.lanes)

    @classmethod
    def check_puzzle(cls, world: NetworkWorld, puzzle: Any, lesson: Any, programs: Mapping[str, Any]) -> tuple[NetworkAnalysis | None, list[Problem]]:
        solution: Network = programs["solution"]
        problems: list[Problem] = []
        descending = world.descending
        refutation = refute(solution, descending)
        if refutation is not None:
            problems.append(Problem(("solution",), "solution does not sort every input: " + refutation.words(solution)))
        if world.comparators is not None and solution.size != world.comparators:
            problems.append(Problem(("solution",), f"solution has {solution.size} comparators; the puzzle asks for {world.comparators} ('comparators')"))
        if world.comparators is not None and world.comparators < FEWEST[world.lanes]:
            problems.append(Problem(("comparators",), f"no network sorts {world.lanes} lanes with {world.comparators} comparators; the fewest is {FEWEST[world.lanes]}"))
        alternatives = []
        for j, alt in enumerate(programs["alternatives"]):
            if alt is None:
                continue
            r = refute(alt, descending)
            if r is not None:
                problems.append(Problem(("alternatives", j), f"alternative {j + 1} does not sort every input: " + r.words(alt)))
            alternatives.append((alt, r))
        bugs = []
        for j, (spec, broken) in enumerate(zip(puzzle.bugs, programs["bugs"])):
            if broken is None:
                continue
            r = refute(broken, descending)
            if r is None:
                problems.append(Problem(("bugs", j, "program"), f"bug exercise sorts every input; expected a network that leaves some input unsorted ('{spec.outcome}')"))
            elif spec.step is not None and spec.step != r.after:
                problems.append(Problem(("bugs", j, "step"), f"bug exercise goes wrong after comparator {r.after}, not comparator {spec.step} ({r.words(broken)})"))
            bugs.append((broken, r))
        # The network pupils walk: a bug exercise's broken one, else the
        # solution; a design puzzle gives lanes only (its values are walked
        # through the solution, to check a group's design by).
        if bugs:
            given = bugs[0][0]
        elif world.comparators is not None:
            given = Network(world.lanes, ())
        else:
            given = solution
        walked = world.with_network(given if given.stages else solution)
        values = walked.group_values(lesson.seed, puzzle.id)
        want = walked.target_swaps(lesson.seed, puzzle.id)
        if values is None:
            problems.append(Problem(("values",) if "values" in (puzzle.model_extra or {}) else ("swaps",) if world.swaps_wanted is not None else (), f"cannot draw {MAX_GROUPS} groups' values that each take {want} exchanges; widen 'values' or change 'swaps'"))
            return None, problems
        walks = tuple(GroupWalk(g, v, tuple(walk(solution, v)), swaps(solution, v)) for g, v in enumerate(values, 1))
        on_given = tuple(GroupWalk(g, v, tuple(walk(given, v)), swaps(given, v)) for g, v in enumerate(values, 1)) if given is not solution and given.stages else walks
        return NetworkAnalysis(solution, refutation is None, refutation, walks, want, tuple(bugs), tuple(alternatives), world.with_network(given), on_given), problems


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"the number {value}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value).lower()


def _whole(puzzle: Mapping[str, Any], key: str, lo: int, hi: int) -> int | None:
    value = puzzle.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise WorldError(key, None, f"'{key}' is {_kind(value)}; expected a whole number")
    if not lo <= value <= hi:
        raise WorldError(key, None, f"'{key}' is {value}; expected {lo} to {hi}")
    return value


def _pool(values: Any, lanes: int) -> tuple[tuple, tuple[str, ...] | None]:
    if values is None:
        lo, hi = DEFAULT_VALUES
        return tuple(range(lo, hi + 1)), None
    if isinstance(values, list):
        words = []
        for i, word in enumerate(values):
            if not isinstance(word, (str, int)) or isinstance(word, bool) or str(word).strip() == "":
                raise WorldError(("values", i), None, f"value {i + 1} is {_kind(word)}; expected a word (the list runs from smallest to largest)")
            if str(word) in words:
                raise WorldError(("values", i), None, f"'{word}' is in the list twice; every value needs its own place in the order")
            words.append(str(word))
        if len(words) < lanes:
            raise WorldError("values", None, f"'values' lists {len(words)} words; {lanes} lanes need at least {lanes}")
        return tuple(range(len(words))), tuple(words)
    if isinstance(values, dict):
        for key in values:
            if key not in ("from", "to"):
                from lessonkit.diagnostics import did_you_mean

                raise WorldError(("values", key), None, f"unknown key '{key}' in 'values'; expected 'from' and 'to'" + did_you_mean(str(key), ["from", "to"]))
        for key in ("from", "to"):
            if key not in values:
                raise WorldError("values", None, f"'values' needs '{key}': values run from 'from' to 'to'")
            v = values[key]
            if isinstance(v, bool) or not isinstance(v, int):
                raise WorldError(("values", key), None, f"'{key}' is {_kind(v)}; expected a whole number")
        lo, hi = values["from"], values["to"]
        if hi - lo + 1 < lanes:
            raise WorldError("values", None, f"values {lo} to {hi} are {max(0, hi - lo + 1)} numbers; {lanes} lanes need {lanes} different ones")
        if hi - lo + 1 > MAX_VALUE_RANGE or lo < -MAX_VALUE_RANGE or hi > MAX_VALUE_RANGE:
            raise WorldError("values", None, f"values {lo} to {hi}: keep them within -{MAX_VALUE_RANGE} to {MAX_VALUE_RANGE}, numbers pupils can compare")
        return tuple(range(lo, hi + 1)), None
    raise WorldError("values", None, f"'values' is {_kind(values)}; expected {{from: 1, to: 99}} or a list of words, smallest first")
