"""Shortest card sequences, by breadth-first search over world states.

Works for any world: states are hashable, actions are the palette's action
cards.  Counting follows the same layers: how many distinct sequences of each
length end on the goal, which is what a pilot asks ("how many answers might
the groups find?").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Hashable, Sequence

from lessonkit.worlds.base import Failure, World

MAX_STATES = 200_000


@dataclass(frozen=True)
class Solution:
    """``shortest`` is None when the goal cannot be reached with these cards."""

    shortest: int | None
    examples: tuple[tuple[str, ...], ...]
    counts: tuple[int, ...]  # counts[k]: sequences of exactly k cards ending on the goal
    states: int  # states explored
    complete: bool = True  # False when MAX_STATES cut the search

    @property
    def total(self) -> int:
        return sum(self.counts)


def solve(world: World, actions: Sequence[str], max_length: int | None = None, examples: int = 5) -> Solution:
    """Shortest sequences (up to ``examples`` of them, in card order) and counts up to ``max_length``."""
    actions = tuple(actions)
    start = world.initial()
    dist: dict[Hashable, int] = {start: 0}
    parents: dict[Hashable, list[tuple[Hashable, str]]] = defaultdict(list)
    layer = [start]
    depth = 0
    goal_layer: list[Hashable] = [start] if world.is_goal(start) else []
    complete = True
    while layer and not goal_layer:
        depth += 1
        nxt: list[Hashable] = []
        for state in layer:
            for card in actions:
                result = world.act(state, card)
                if isinstance(result, Failure):
                    continue
                seen = dist.get(result)
                if seen is None:
                    dist[result] = depth
                    nxt.append(result)
                    parents[result].append((state, card))
                elif seen == depth:
                    parents[result].append((state, card))
        layer = nxt
        goal_layer = [s for s in layer if world.is_goal(s)]
        if len(dist) > MAX_STATES:
            complete = False
            break
    if not goal_layer:
        return Solution(None, (), (), len(dist), complete)
    shortest = depth
    found = _paths(goal_layer, parents, dist, examples)
    limit = shortest if max_length is None else max(max_length, shortest)
    counts = _count(world, actions, start, limit)
    return Solution(shortest, found, counts, len(dist), complete)


def _paths(goals, parents, dist, limit) -> tuple[tuple[str, ...], ...]:
    """Up to ``limit`` shortest sequences, in sorted order."""
    results: list[tuple[str, ...]] = []

    def back(state, suffix: tuple[str, ...]) -> None:
        if len(results) >= limit * 4:
            return
        if dist[state] == 0:
            results.append(suffix)
            return
        for prev, card in parents[state]:
            back(prev, (card,) + suffix)

    for goal in goals:
        back(goal, ())
    return tuple(sorted(set(results))[:limit])


def _count(world: World, actions, start, limit: int) -> tuple[int, ...]:
    counts = [1 if world.is_goal(start) else 0]
    layer: dict[Hashable, int] = {start: 1}
    for _ in range(limit):
        nxt: dict[Hashable, int] = defaultdict(int)
        for state, n in layer.items():
            for card in actions:
                result = world.act(state, card)
                if not isinstance(result, Failure):
                    nxt[result] += n
        layer = nxt
        counts.append(sum(n for s, n in layer.items() if world.is_goal(s)))
    return tuple(counts)
