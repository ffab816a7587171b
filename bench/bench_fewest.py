"""The fewest-cards search, timed against the one-card-a-step solver in the same run.

    python bench/bench_fewest.py

For every puzzle of the bundled lessons, and for a 12x12 maze (with the
branching lesson's kit, and with action cards only): the fewest cards found
(or how far the search got within its budget), blocks run, and time, next to
the breadth-first one-card-a-step solver on the same puzzle.  Also the time
`validate` spends on the whole library, which runs the bounded lint.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAZE = """\
############
#S.#.......#
#.##.#####.#
#....#...#.#
####.#.#.#.#
#....#.#...#
#.####.###.#
#.#....#...#
#.#.####.###
#.#......#.#
#...####..G#
############"""
BRANCHING_KIT = {
    "forward": 3, "turn_left": 2, "turn_right": 2, "if": 2, "else": 2, "repeat_until": 1,
    "path_ahead": 1, "path_left": 1, "path_right": 1, "at_goal": 1,
}


def timed(fn):
    t0 = time.process_time()
    value = fn()
    return value, time.process_time() - t0


def row(name, world, palette, actions, conditions, *, stop=False, max_steps=500, max_cards=None):
    from lessonkit.fewest import fewest
    from lessonkit.solve import solve

    few, t_few = timed(lambda: fewest(world, palette, actions, conditions, max_cards=max_cards, stop_at_goal=stop, max_steps=max_steps))
    usable = [a for a in actions if a in palette]
    bfs, t_bfs = timed(lambda: solve(world, usable, stop_at_goal=stop))
    found = f"{few.cards} cards" if few.cards is not None else (f"none ({few.limit} tried)" if few.complete else f"> {few.searched} cards")
    print(f"{name:<42} fewest {found:<16} {few.work:>8,} blocks {t_few * 1000:9.1f} ms   one-card-a-step: {bfs.shortest} steps {t_bfs * 1000:7.1f} ms")
    return t_few, t_bfs


def main() -> None:
    from lessonkit.check import check_file
    from lessonkit.worlds.grid import Grid

    files = sorted((ROOT / "lessons").rglob("*.yaml"))
    check_file(files[0])  # warm caches
    totals = [0.0, 0.0]
    for path in files:
        result = check_file(path)
        if result.checked is None:
            continue
        family = result.checked.family
        for p in result.checked.puzzles:
            a, b = row(f"{path.stem}/{p.spec.id}", p.world, p.palette, family.actions(), family.conditions(),
                       stop=p.spec.goal_rule == "stop", max_steps=p.max_steps, max_cards=p.spec.max_cards)
            totals[0] += a
            totals[1] += b
    print(f"{'bundled puzzles, total':<42} fewest {totals[0] * 1000:9.1f} ms   one-card-a-step {totals[1] * 1000:9.1f} ms")
    maze = Grid.build({"board": MAZE, "facing": "east"})
    row("12x12 maze, branching kit", maze, BRANCHING_KIT, Grid.actions(), Grid.conditions())
    row("12x12 maze, action cards only (40 each)", maze, {"forward": 40, "turn_left": 40, "turn_right": 40}, Grid.actions(), Grid.conditions())
    _, t = timed(lambda: [check_file(f) for f in files])
    print(f"validate library ({len(files)} lessons, with the bounded fewest-cards lint): {t * 1000:.1f} ms cpu")


if __name__ == "__main__":
    main()
