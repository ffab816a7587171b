"""Shortest card sequences, by breadth-first search over world states.

Works for any world: states are hashable, actions are the palette's action
cards.  Counting follows the same layers: how many distinct sequences of each
length end on the goal, which is what a pilot asks ("how many answers might
the groups find?").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Hashable, Sequence

from lessonkit.worlds.base import Failure, World

MAX_STATES = 60_000  # about a second; covers a 10×10 board with 7 items


@dataclass(frozen=True)
class Solution:
    """``shortest`` is None when the goal cannot be reached with these cards."""

    shortest: int | None
    examples: tuple[tuple[str, ...], ...]
    counts: tuple[int, ...]  # counts[k]: sequences of exactly k cards ending on the goal
    states: int  # states explored
    complete: bool = True  # False when MAX_STATES cut the search
    depth: int = 0  # every sequence of up to this many cards was tried
    _search: Any = field(default=None, compare=False, repr=False)

    @property
    def total(self) -> int:
        return sum(self.counts)

    def again(self, max_length: int | None = None, examples: int = 5) -> "Solution":
        """The same search, other examples or counts: derived from the states
        already explored, so a command reuses what the check found."""
        if self.shortest is None or self._search is None:
            return self
        start, goals, parents, dist, moves, world, stop = self._search
        found = _paths(goals, parents, dist, examples)
        limit = self.shortest if max_length is None else max(max_length, self.shortest)
        counts = self.counts if limit < len(self.counts) else _count(world, moves, start, limit, stop)
        return replace(self, examples=found, counts=counts[: limit + 1])


def solve(world: World, actions: Sequence[str], max_length: int | None = None, examples: int = 5, stop_at_goal: bool = False, budget: int | None = None) -> Solution:
    """Shortest sequences (up to ``examples`` of them, in card order) and counts up to ``max_length``.

    With ``stop_at_goal`` a run ends on reaching the goal, so a sequence counts
    only where it first reaches it (the shortest ones are the same).
    ``budget``: the most states visited before giving up (MAX_STATES unless
    a family knows its states are few enough to visit them all).
    """
    budget = MAX_STATES if budget is None else budget
    actions = tuple(actions)
    start = world.initial()
    dist: dict[Hashable, int] = {start: 0}
    parents: dict[Hashable, list[tuple[Hashable, str]]] = defaultdict(list)
    layer = [start]
    depth = 0
    goal_layer: list[Hashable] = [start] if world.is_goal(start) else []
    complete = True
    moves = _Moves(world, actions)
    while layer and not goal_layer:
        depth += 1
        nxt: list[Hashable] = []
        for state in layer:
            for card, result in moves(state):
                seen = dist.get(result)
                if seen is None:
                    dist[result] = depth
                    nxt.append(result)
                    parents[result].append((state, card))
                elif seen == depth:
                    parents[result].append((state, card))
        layer = nxt
        goal_layer = [s for s in layer if world.is_goal(s)]
        if len(dist) > budget:
            complete = False
            break
    if not goal_layer:
        return Solution(None, (), (), len(dist), complete, depth)
    shortest = depth
    found = _paths(goal_layer, parents, dist, examples)
    limit = shortest if max_length is None else max(max_length, shortest)
    counts = _count(world, moves, start, limit, stop_at_goal)
    return Solution(shortest, found, counts, len(dist), complete, depth, (start, goal_layer, parents, dist, moves, world, stop_at_goal))


def _paths(goals, parents, dist, limit) -> tuple[tuple[str, ...], ...]:
    """Up to ``limit`` shortest sequences, in sorted order (walked back from the goals)."""
    results: list[tuple[str, ...]] = []
    stack: list[tuple[Hashable, tuple[str, ...]]] = [(goal, ()) for goal in reversed(goals)]
    while stack and len(results) < limit * 4:
        state, suffix = stack.pop()
        if dist[state] == 0:
            results.append(suffix)
            continue
        for prev, card in reversed(parents[state]):
            stack.append((prev, (card,) + suffix))
    return tuple(sorted(set(results))[:limit])


class _Moves:
    """Each state's successors, computed once: the count walks the same states again."""

    def __init__(self, world: World, actions: tuple[str, ...]):
        self.world, self.actions = world, actions
        self.cache: dict[Hashable, tuple[tuple[str, Hashable], ...]] = {}

    def __call__(self, state: Hashable) -> tuple[tuple[str, Hashable], ...]:
        found = self.cache.get(state)
        if found is None:
            found = tuple(
                (card, result)
                for card in self.actions
                if not isinstance(result := self.world.act(state, card), Failure)
            )
            self.cache[state] = found
        return found


def _count(world: World, moves: _Moves, start, limit: int, stop_at_goal: bool = False) -> tuple[int, ...]:
    goal: dict[Hashable, bool] = {start: world.is_goal(start)}
    counts = [1 if goal[start] else 0]
    layer: dict[Hashable, int] = {start: 1}
    for _ in range(limit):
        nxt: dict[Hashable, int] = defaultdict(int)
        for state, n in layer.items():
            if stop_at_goal and goal[state]:
                continue  # the run ended here: no card after it is carried out
            for _card, result in moves(state):
                nxt[result] += n
        layer = nxt
        total = 0
        for s, n in layer.items():
            is_goal = goal.get(s)
            if is_goal is None:
                is_goal = goal[s] = world.is_goal(s)
            if is_goal:
                total += n
        counts.append(total)
    return tuple(counts)
