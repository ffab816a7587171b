"""The paper and procedure families' solvers, each against a baseline in the same run.

    python bench/bench_families.py

1. paper: the shortest plain program for an 8×8 and a 12×12 picture (A* over
   fill orders, proven shortest) and the repeat search, vs the greedy
   nearest-square order a simple solver would use (faster, not proven, often
   longer).  Target: well under a second for 8×8.
   And `lessonkit solve`'s fewest-cards figure for an 8×8 paper puzzle: that
   search vs the shared fewest-cards search it replaced.
2. procedure: counting the orders that work for 8 and 12 step cards (dynamic
   programming over cards left) vs walking every order one by one (all
   permutations for 8 steps; a depth-first walk of the valid orders for 12);
   then the whole analysis (count, listing, must-come-before rule) for 8, 12
   and 16 steps, independent and all waiting for one first step, vs the
   analysis as it was (one count per ordered pair of steps; for 16 steps one
   such count is timed and multiplied).
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEART = """\
.##..##.
########
########
########
.######.
..####..
...##...
........
"""

ROCKET = """\
.....##.....
....####....
...######...
...#....#...
...#.##.#...
...#.##.#...
...#....#...
...######...
..########..
.##.####.##.
.#..#..#..#.
....#..#....
"""


def best(fn, repeat: int = 3) -> tuple[float, object]:
    out = None
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def bench_paper() -> None:
    from lessonkit.worlds.paper import Paper, _greedy, cards_for_order, solve_paper

    for name, picture in (("8x8 heart", HEART), ("12x12 rocket", ROCKET)):
        # A fresh world each time: solve_paper remembers its answer on the world.
        t_ours, found = best(lambda: solve_paper(Paper.build({"picture": picture, "pen": "A1"}), Paper.actions()))
        world = Paper.build({"picture": picture, "pen": "A1"})
        targets = sorted(world.target)
        t_base, order = best(lambda: _greedy(world.pen, targets))
        greedy = len(cards_for_order(world.pen, order))
        print(
            f"paper {name:13} ours {t_ours * 1000:7.1f} ms: {len(found.plain)} cards "
            f"({'proven shortest' if found.proven else f'at least {found.lower}'}), with repeat {found.looped_cards} cards"
            f" | baseline greedy {t_base * 1000:6.2f} ms: {greedy} cards (unproven)"
        )


STRIPES = "\n".join(["########", "........"] * 4) + "\n"


def bench_paper_fewest() -> None:
    """`lessonkit solve`'s fewest-cards line for a paper puzzle: the family's
    own search (the shortest row, proven, and repeat packings of drawing
    orders) vs the shared fewest-cards search it used to run (every program
    of 1, 2, 3 … cards, to its default budget)."""
    from lessonkit.fewest import BUDGET, fewest
    from lessonkit.worlds.paper import Paper, solve_paper

    palette = {"up": 8, "down": 8, "left": 8, "right": 8, "fill": 64, "repeat": 3}
    for name, picture in (("8x8 heart", HEART), ("8x8 stripes", STRIPES)):
        t_ours, found = best(lambda: solve_paper(Paper.build({"picture": picture, "pen": "A1"}), Paper.actions()))
        world = Paper.build({"picture": picture, "pen": "A1"})
        t_base, few = best(lambda: fewest(world, palette, Paper.actions(), Paper.conditions(), max_steps=world.suggested_max_steps(), budget=BUDGET), repeat=1)
        told = f"{few.cards} cards" if few.cards is not None else f"none found, searched up to {few.searched} cards, stopped after {few.work:,} blocks"
        print(
            f"paper solve {name:12} ours {t_ours * 1000:7.1f} ms: {len(found.plain)} cards without repeat, {found.looped_cards} with"
            f" | baseline shared fewest search {t_base * 1000:7.1f} ms: {told} ({t_base / t_ours:,.0f}x)"
        )


def poset_world(n: int, chains: int, star: bool = False):
    """n steps in ``chains`` chains of equal length: each step needs the one
    before it in its chain.  With ``star``: one first step every other waits for."""
    from lessonkit.spec.models import CardSpec
    from lessonkit.worlds.procedure import Procedure

    per = n // chains
    facts = {f"d{i}": f"step {i} done" for i in range(n)}
    cards = {}
    for i in range(n):
        needs = (["d0"] if i else []) if star else ([f"d{i - 1}"] if i % per else [])
        cards[f"s{i}"] = CardSpec(label=f"Step {i}", needs=needs, adds=[f"d{i}"])
    family, problems = Procedure.for_lesson(SimpleNamespace(facts=facts, cards=cards, language="en", id="bench"))
    assert not problems
    return family.build({"goal": list(facts)}), tuple(cards)


def old_analysis(world, steps, pairs: bool = True):
    """The analysis as it was (the baseline): one count over (cards left,
    facts), then one more count per ordered pair of steps, each keeping only
    the orders with that pair in that order."""
    from functools import lru_cache

    from lessonkit.worlds.base import Failure

    def count(before=None):
        names = tuple(sorted(set(steps)))
        start_left = tuple(steps.count(n) for n in names)
        ia = names.index(before[0]) if before else -1
        ib = names.index(before[1]) if before else -1

        @lru_cache(maxsize=None)
        def ways(left, state):
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

    total = count()
    must = {(a, b) for a in set(steps) for b in set(steps) if a != b and count((a, b)) == total} if pairs else set()
    return total, must


def bench_procedure() -> None:
    from lessonkit.worlds.base import Failure
    from lessonkit.worlds.procedure import analyse_orders, count_orders, list_orders

    for n, chains in ((8, 4), (12, 3)):
        world, steps = poset_world(n, chains)
        t_ours, count = best(lambda: count_orders(world, steps))
        if n <= 8:

            def brute():
                total = 0
                for perm in itertools.permutations(steps):
                    state = world.initial()
                    for card in perm:
                        state = world.act(state, card)
                        if isinstance(state, Failure):
                            break
                    else:
                        total += world.is_goal(state)
                return total

            label = "every permutation"
        else:

            def brute():
                return len(list_orders(world, steps, 10**9))

            label = "walk each valid order"
        t_base, base_count = best(brute, repeat=1)
        assert base_count == count
        print(f"procedure {n:2} steps ({chains} chains): ours {t_ours * 1000:7.1f} ms, {count:,} orders | baseline {label} {t_base * 1000:8.1f} ms ({t_base / t_ours:,.0f}x)")
    # The whole analysis (count, orders when few, the must-come-before rule)
    # against the analysis as it was: a count per ordered pair.
    for n in (8, 12, 16):
        for shape, world_steps in (("independent", poset_world(n, n)), ("all wait for one", poset_world(n, 1, star=True))):
            world, steps = world_steps
            t_ours, orders = best(lambda: analyse_orders(world, steps))
            if n <= 12:
                t_base, (base_total, base_must) = best(lambda: old_analysis(world, steps), repeat=1)
                closure = set(orders.before)
                while new := {(a, d) for a, b in closure for c, d in closure if b == c} - closure:
                    closure |= new
                assert base_total == orders.count and base_must == closure
                told = f"baseline count per pair {t_base * 1000:9.1f} ms ({t_base / t_ours:,.0f}x)"
            else:  # the old way does n² + 1 counts; time one of them
                t_one, (base_total, _) = best(lambda: old_analysis(world, steps, pairs=False), repeat=1)
                assert base_total == orders.count
                told = f"baseline one count {t_one * 1000:9.1f} ms, x{n * n - n + 1} counts ~{t_one * (n * n - n + 1):,.0f} s"
            print(f"procedure analysis {n:2} steps, {shape:16}: ours {t_ours * 1000:7.1f} ms, {orders.count:,} orders, {len(orders.before)} arrows | {told}")


if __name__ == "__main__":
    bench_paper()
    bench_paper_fewest()
    bench_procedure()
