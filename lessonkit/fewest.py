"""The fewest cards: the smallest program a group can lay from its kit that reaches the goal.

Cards are counted as they lie on the desk, End cards included
(``len(program) + end_cards(...)``): an action or call card is one card, a
repeat block two plus its body (the End card), repeat until and if three
(with the condition card; a ``not`` card one more), an else one more, a
function definition two plus its body.  No program uses more of a card than
the palette holds; End cards come with the kit's block cards.

The search is exhaustive with pruning, by iterative deepening on the number of
cards.  The main program is tried block by block from the robot's actual
position, so a block that crashes is never extended, a block that changes
nothing is dropped, and two prefixes that leave the robot in the same place
with the same cards left are tried once.  A main-program repeat's body grows
card by card while its first round runs (a body whose start crashes is not
finished in every way); blocks inside blocks come from bodies enumerated by
card count.  A repeat count is not
guessed: the body is run again and again and every count from 2 to 99 that
does not crash is a choice (counts past the first repeated position add
nothing).  An ``if`` in the main program runs once, so it is never fewer
cards than the branch it takes, and is not tried there.  At most one function
is tried, called from the main program (its body calls nothing; called once,
it is never fewer cards than its body laid in place): that is what
``SEARCHED`` says, and what the claim "searched all programs up to N cards"
covers.

The search is bounded by work, not by the clock, so the same lesson gives the
same answer on every machine: ``budget`` is the number of blocks run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Hashable, Iterator, Mapping, Sequence

from lessonkit.program import MAX_REPEAT, Action, Call, Cond, If, Node, Program, Repeat, RepeatUntil
from lessonkit.worlds.base import BLOCK_CARDS, Failure, World, end_cards

BUDGET = 200_000  # blocks run; 0.6-0.8 s of CPU (bench/bench_fewest.py)
FUNCTION = "f"
SEARCHED = "repeat, repeat until, if/else and one function called from the main program, where the cards allow"


@dataclass(frozen=True)
class Fewest:
    """``cards`` is None when no program of up to ``searched`` cards reaches the goal."""

    cards: int | None
    program: Program | None
    searched: int  # every program of up to this many cards was tried
    complete: bool  # the answer is proved: found, or every program the cards allow was tried
    work: int  # blocks run
    limit: int  # the most cards the palette (and max_cards) lets a group lay


def cards_laid(program: Program) -> int:
    """Cards on the desk for ``program``, End cards counted."""
    return len(program) + end_cards(program.card_counts())


class _OutOfBudget(Exception):
    pass


class _Found(Exception):
    def __init__(self, program: Program):
        self.program = program


def fewest(
    world: World,
    palette: Mapping[str, int],
    actions: Sequence[str],
    conditions: Sequence[str],
    *,
    max_cards: int | None = None,
    stop_at_goal: bool = False,
    max_steps: int = 500,
    up_to: int | None = None,
    budget: int = BUDGET,
    rows: Any = None,
) -> Fewest:
    """The fewest cards from ``palette`` (card name -> how many) that reach the goal.

    ``actions``/``conditions`` are the world's; ``up_to`` stops the search once
    every program of that many cards has been tried (a check needs no more).
    ``rows``: the shortest rows of action cards when the caller has them
    already (a lessonkit.solve.Solution, as a family's own solver gives).
    """
    search = _Search(world, palette, actions, conditions, stop_at_goal, max_steps, budget)
    limit = search.limit if max_cards is None else min(search.limit, max_cards)
    stop = limit if up_to is None else min(limit, up_to)
    first = 0
    if not search.blocks:
        # Without block cards a program is a row of cards, one a step: the
        # breadth-first solver's shortest row is a lower bound, and the answer
        # when one of its rows fits the palette.
        from lessonkit.solve import solve

        if rows is None:
            rows = solve(world, [a for a in actions if a in palette], examples=1, stop_at_goal=stop_at_goal)
        if rows.complete and rows.shortest is None:
            return Fewest(None, None, limit, True, rows.states, limit)
        if rows.shortest is not None:
            first = min(rows.shortest, stop + 1)
            seq = rows.examples[0] if rows.examples else ()
            if rows.shortest <= stop and all(seq.count(a) <= palette.get(a, 0) for a in set(seq)):
                return Fewest(rows.shortest, Program(tuple(Action(a) for a in seq)), rows.shortest, True, rows.states, limit)
    searched = first - 1
    try:
        for bound in range(first, stop + 1):
            found = search.deepen(bound)
            if found is not None:
                return Fewest(bound, found, bound, True, search.work, limit)
            searched = bound
    except _OutOfBudget:
        return Fewest(None, None, searched, False, search.work, limit)
    return Fewest(None, None, searched, searched >= limit, search.work, limit)


class _Search:
    def __init__(self, world, palette, actions, conditions, stop_at_goal, max_steps, budget):
        self.world = world
        self.stop_at_goal = stop_at_goal
        self.max_steps = max_steps
        self.max_ticks = max_steps * 20  # as the interpreter counts them
        self.budget = budget
        self.work = 0
        self.actions = frozenset(actions)
        self.conditions = frozenset(conditions)
        self.cards = tuple(sorted(name for name, n in palette.items() if n > 0))
        self.index = {name: i for i, name in enumerate(self.cards)}
        self.have = tuple(palette[name] for name in self.cards)
        blocks = sum(palette.get(name, 0) for name in BLOCK_CARDS if name in self.index)
        self.limit = sum(self.have) + blocks
        self.blocks = blocks > 0
        self.with_function = palette.get("function", 0) > 0 and palette.get("call", 0) > 0
        self.nodes: list[list[tuple[Node, tuple[int, ...]]]] = [[]]
        self.bodies: list[list[tuple[tuple[Node, ...], tuple[int, ...]]]] = [[((), self._zero())]]
        self.function: tuple[Node, ...] = ()
        self.call = self.index.get("call")

    # --- the palette as a vector -------------------------------------------------

    def _zero(self) -> tuple[int, ...]:
        return (0,) * len(self.cards)

    def _use(self, *names: str) -> tuple[int, ...] | None:
        used = [0] * len(self.cards)
        for name in names:
            i = self.index.get(name)
            if i is None:
                return None
            used[i] += 1
        return tuple(used)

    def _add(self, a, b) -> tuple[int, ...] | None:
        total = tuple(x + y for x, y in zip(a, b))
        return total if all(t <= h for t, h in zip(total, self.have)) else None

    # --- blocks and bodies by card count ----------------------------------------------

    def _grow(self, cost: int) -> None:
        """Tables up to ``cost`` cards: nodes[c] and bodies[c] hold exactly c
        cards; bodies only up to ``cost - 2`` (a block around a body is two
        cards more).  Building them is work too (a body counts as a block
        run), so the budget bounds the whole search."""
        for c in range(1, cost + 1):
            if len(self.nodes) <= c:
                self._grow_nodes(c)
            if c <= cost - 2 and len(self.bodies) <= c:
                self._grow_bodies(c)

    def _grow_bodies(self, c: int) -> None:
        if not self.blocks:  # no block card: nothing has a body
            self.bodies.append([])
            return
        bodies = [((node,), used) for node, used in self.nodes[c]]
        self.work += len(bodies)
        for a in range(1, c):
            for node, nused in self.nodes[a]:
                for rest, rused in self.bodies[c - a]:
                    total = self._add(nused, rused)
                    if total is not None:
                        bodies.append(((node,) + rest, total))
                        self.work += 1
                        if self.work > self.budget:
                            raise _OutOfBudget
        self.bodies.append(bodies)

    def _grow_nodes(self, c: int) -> None:
        """Every block of exactly ``c`` cards (needs bodies up to c - 2)."""
        nodes: list[tuple[Node, tuple[int, ...]]] = []
        if c == 1:
            for name in sorted(self.actions):
                used = self._use(name)
                if used is not None:
                    nodes.append((Action(name), used))
            if self.with_function:
                nodes.append((Call(FUNCTION), self._use("call")))
        if c >= 2 and not self.blocks:
            self.nodes.append(nodes)
            return
        conds = []
        for name in sorted(self.conditions):
            for negated in (False, True):
                used = self._use(name, "not") if negated else self._use(name)
                if used is not None:
                    conds.append((Cond(name, negated), used))
        head = self._use("repeat")
        if head is not None:
            for body, used in self.bodies[c - 2] if c >= 3 else ():
                total = self._add(head, used)
                if total is not None:
                    nodes.append((Repeat(0, body), total))  # 0: the count is found by running
        for cond, cused in conds:
            size = c - 3 - cond.negated
            head = self._use("repeat_until")
            if head is not None and size >= 1:
                start = self._add(head, cused)
                for body, used in self.bodies[size] if start is not None else ():
                    total = self._add(start, used)
                    if total is not None:
                        nodes.append((RepeatUntil(cond, body), total))
            head = self._use("if")
            start = self._add(head, cused) if head is not None else None
            if start is None:
                continue
            if size >= 1:
                for body, used in self.bodies[size]:
                    total = self._add(start, used)
                    if total is not None:
                        nodes.append((If(cond, body), total))
            with_else = self._add(start, self._use("else")) if self._use("else") is not None else None
            if with_else is None:
                continue
            size -= 1
            for t in range(0 if not cond.negated else 1, size):  # an empty then: 'if c [ ] else [ … ]'
                for then, tused in self.bodies[t]:
                    part = self._add(with_else, tused)
                    if part is None:
                        continue
                    for orelse, eused in self.bodies[size - t]:
                        total = self._add(part, eused)
                        if total is not None and orelse != then:
                            nodes.append((If(cond, then, orelse), total))
        self.nodes.append(nodes)

    # --- running blocks, with repeat counts chosen as they run ----------------------

    def _tick(self, ticks: int) -> int:
        if ticks + 1 > self.max_ticks:
            raise _Dead
        return ticks + 1

    def _sense(self, state, cond: Cond) -> bool:
        return self.world.sense(state, cond.name) != cond.negated

    def run_body(self, body, path, i, state, steps, ticks, env) -> Iterator[tuple]:
        """Every way the body can run from ``state`` (one per choice of the
        repeat counts not yet fixed in ``env``): (state, steps, ticks, env, done)."""
        if i == len(body):
            yield state, steps, ticks, env, False
            return
        for out in self.run_node(body[i], path + (i,), state, steps, ticks, env):
            if out[4]:
                yield out
            else:
                yield from self.run_body(body, path, i + 1, out[0], out[1], out[2], out[3])

    def run_node(self, node, path, state, steps, ticks, env) -> Iterator[tuple]:
        self.work += 1
        if self.work > self.budget:
            raise _OutOfBudget
        try:
            if isinstance(node, Action):
                ticks = self._tick(ticks)
                if steps >= self.max_steps:
                    return
                result = self.world.act(state, node.name)
                if isinstance(result, Failure):
                    return
                done = self.stop_at_goal and self.world.is_goal(result)
                yield result, steps + 1, ticks, env, done
            elif isinstance(node, Call):
                ticks = self._tick(ticks)
                yield from self.run_body(self.function, ("f",), 0, state, steps, ticks, env)
            elif isinstance(node, Repeat):
                ticks = self._tick(ticks)
                fixed = env.get(path)
                yield from self._repeat(node, path, 0, fixed, state, steps, ticks, env, {state})
            elif isinstance(node, RepeatUntil):
                yield from self._until(node, path, state, steps, ticks, env, set())
            else:
                ticks = self._tick(ticks)
                if self._sense(state, node.cond):
                    yield from self.run_body(node.then, path + ("t",), 0, state, steps, ticks, env)
                elif node.orelse is not None:
                    yield from self.run_body(node.orelse, path + ("e",), 0, state, steps, ticks, env)
                else:
                    yield state, steps, ticks, env, False
        except _Dead:
            return

    def _repeat(self, node, path, k, fixed, state, steps, ticks, env, seen) -> Iterator[tuple]:
        """After ``k`` rounds: stop here (a count of k), or run another round."""
        if fixed is None and k >= 2:
            yield state, steps, ticks, {**env, path: k}, False
        if fixed is not None and k == fixed:
            yield state, steps, ticks, env, False
            return
        if k == MAX_REPEAT:
            return
        if k > 0:
            try:
                ticks = self._tick(ticks)
            except _Dead:
                return
        for out in self.run_body(node.body, path + ("b",), 0, state, steps, ticks, env):
            if out[4]:  # reached the goal in round k + 1: any count from there on
                yield out if fixed is not None else (*out[:3], {**out[3], path: max(k + 1, 2)}, True)
                continue
            if fixed is None and out[0] in seen:
                continue  # a position already stood on between rounds: more rounds add nothing
            yield from self._repeat(node, path, k + 1, fixed, out[0], out[1], out[2], out[3], seen | {out[0]})

    def _until(self, node, path, state, steps, ticks, env, seen) -> Iterator[tuple]:
        try:
            ticks = self._tick(ticks)
        except _Dead:
            return
        if self._sense(state, node.cond):
            yield state, steps, ticks, env, False
            return
        key = (state, len(env))  # env only grows, so equal length is the same env
        if key in seen:
            return  # round and round: an endless loop
        for out in self.run_body(node.body, path + ("b",), 0, state, steps, ticks, env):
            if out[4]:
                yield out
            else:
                yield from self._until(node, path, out[0], out[1], out[2], out[3], seen | {key})

    # --- the main program, block by block ---------------------------------------------

    def deepen(self, bound: int) -> Program | None:
        """A program of at most ``bound`` cards reaching the goal (earlier bounds found none)."""
        # The main program's repeats are built card by card as their first
        # round runs (below), so the tables need blocks of bound - 2 cards;
        # only a main-program repeat until needs blocks of the whole bound.
        self._grow(bound if self._use("repeat_until") is not None else max(bound - 2, min(bound, 1)))
        configs: list[tuple[tuple[Node, ...], tuple[int, ...], int]] = [((), self._zero(), 0)]
        if self.with_function:
            head = self._use("function")
            for d in range(1, bound - 3):  # the definition, its body, two calls (one call: inline it)
                for body, used in self.bodies[d]:
                    total = self._add(head, used) if head is not None else None
                    if total is not None and "call" not in _names(body):
                        configs.append((body, total, 2 + d))
        start = self.world.initial()
        for body, used, cost in configs:
            self.function = body
            self.seen: dict[Hashable, tuple[int, int, int]] = {}
            try:
                self._main(bound, cost, used, start, 0, 0, {}, ())
            except _Found as found:
                return found.program
        return None

    def _main(self, bound, g, used, state, steps, ticks, env, prefix) -> None:
        if not self.stop_at_goal and self.world.is_goal(state):
            self._accept(prefix, env)
        elif self.stop_at_goal and not prefix and self.world.is_goal(state):
            self._accept(prefix, env)
        fenv = tuple(sorted((k, v) for k, v in env.items() if k[0] == "f"))
        key = (state, fenv, used)
        old = self.seen.get(key)
        if old is not None and old[0] <= g and old[1] <= steps and old[2] <= ticks:
            return
        self.seen[key] = (g, steps, ticks)
        at = len(prefix)
        for c in range(1, min(bound - g, len(self.nodes) - 1) + 1):
            for node, nused in self.nodes[c]:
                if isinstance(node, (If, Repeat)):
                    continue  # an if runs once here: its branch alone is fewer cards; repeats: above
                total = self._add(used, nused)
                if total is None:
                    continue
                if not self.function and self.call is not None and nused[self.call]:
                    continue  # no function to call
                for out in self.run_node(node, ("m", at), state, steps, ticks, env):
                    if out[4]:
                        self._accept(prefix + (node,), out[3])
                    elif out[0] == state and len(out[3]) == len(env):
                        continue  # changed nothing (a loop whose condition already holds): without it is fewer cards
                    else:
                        self._main(bound, g + c, total, out[0], out[1], out[2], out[3], prefix + (node,))
        self._main_repeats(bound, g, used, state, steps, ticks, env, prefix)  # after plain cards: ties show the plainer program

    def _main_repeats(self, bound, g, used, state, steps, ticks, env, prefix) -> None:
        """Every main-program repeat that fits: its body grows card by card
        while round 1 runs, so a body whose start crashes is not finished in
        every way, then the rounds after it are run as a repeat's are."""
        head = self._use("repeat")
        start = self._add(used, head) if head is not None else None
        if start is None or bound - g < 3:
            return
        try:
            ticks = self._tick(ticks)
        except _Dead:
            return
        at = len(prefix)
        path = ("m", at)
        for body, bused, size, out in self._grow_body(path, (), start, 0, bound - g - 2, state, steps, ticks, env):
            node = Repeat(0, body)
            if out[4]:  # the goal in round 1 (goal_rule stop)
                self._accept(prefix + (node,), {**out[3], path: 2})
                continue
            if out[0] == state:
                continue  # round 1 came back where it began: more rounds add nothing
            for after in self._repeat(node, path, 1, None, out[0], out[1], out[2], out[3], {state, out[0]}):
                if after[4]:
                    self._accept(prefix + (node,), after[3])
                elif after[0] == state and len(after[3]) == len(env) + 1:
                    continue  # back where it began after all its rounds: without it is fewer cards
                else:
                    self._main(bound, g + size + 2, bused, after[0], after[1], after[2], after[3], prefix + (node,))

    def _grow_body(self, path, body, used, size, room, state, steps, ticks, env):
        """(body, cards used, its size, how round 1 ended) for every body of up to ``room`` cards."""
        i = len(body)
        for c in range(1, min(room, len(self.nodes) - 1) + 1):
            for node, nused in self.nodes[c]:
                total = self._add(used, nused)
                if total is None or (not self.function and self.call is not None and nused[self.call]):
                    continue
                grown = body + (node,)
                for out in self.run_node(node, path + ("b", i), state, steps, ticks, env):
                    yield grown, total, size + c, out
                    if not out[4]:
                        yield from self._grow_body(path, grown, total, size + c, room - c, out[0], out[1], out[2], out[3])

    def _accept(self, main: tuple[Node, ...], env: dict) -> None:
        program = Program(
            tuple(_fill(node, ("m", i), env) for i, node in enumerate(main)),
            ((FUNCTION, tuple(_fill(n, ("f", i), env) for i, n in enumerate(self.function))),) if self.function else (),
        )
        from lessonkit.simulate import run

        # The interpreter has the last word: what is shown is what a run does.
        trace = run(self.world, program, self.actions, self.conditions, self.max_steps, stop_at_goal=self.stop_at_goal)
        if trace.reached_goal:
            raise _Found(program)


class _Dead(Exception):
    """A run past the interpreter's limits: not a way through."""


def _names(body) -> set[str]:
    return set(Program(tuple(body)).card_counts())


def _fill(node: Node, path: tuple, env: dict) -> Node:
    """The node with the repeat counts the run chose (2 where it never ran)."""
    if isinstance(node, Repeat):
        return Repeat(env.get(path, 2), tuple(_fill(n, path + ("b", i), env) for i, n in enumerate(node.body)))
    if isinstance(node, RepeatUntil):
        return RepeatUntil(node.cond, tuple(_fill(n, path + ("b", i), env) for i, n in enumerate(node.body)))
    if isinstance(node, If):
        then = tuple(_fill(n, path + ("t", i), env) for i, n in enumerate(node.then))
        orelse = None if node.orelse is None else tuple(_fill(n, path + ("e", i), env) for i, n in enumerate(node.orelse))
        return If(node.cond, then, orelse)
    return node
