"""Engine benchmarks, each against a baseline measured in the same run.

    python bench/bench_engine.py

1. validate the whole bundled library  vs  yaml.safe_load of the same files
2. solve a 12x12 maze with lessonkit   vs  a bare BFS over (row, col, facing)
3. `lessonkit --help` start-up          vs  `python -c "import click"`

Targets: the library validates in well under a second; --help within 2x the
bare click import.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

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


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_validate() -> tuple[float, float, int]:
    from lessonkit.check import check_file

    files = sorted((Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "lessons").rglob("*.yaml"))
    check_file(files[0])  # warm the caches (font cmap, kanji table) once

    def ours():
        for f in files:
            check_file(f)

    def baseline():
        for f in files:
            yaml.safe_load(f.read_text(encoding="utf-8"))

    return best(ours), best(baseline), len(files)


def bare_bfs(rows: list[str]) -> int:
    start = next((r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == "S")
    goal = next((r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == "G")
    deltas = ((-1, 0), (0, 1), (1, 0), (0, -1))
    frontier = [(start[0], start[1], 1)]
    seen = set(frontier)
    depth = 0
    while frontier:
        if any((r, c) == goal for r, c, _ in frontier):
            return depth
        depth += 1
        nxt = []
        for r, c, f in frontier:
            dr, dc = deltas[f]
            cands = [(r, c, (f + 1) % 4), (r, c, (f - 1) % 4)]
            if 0 <= r + dr < len(rows) and 0 <= c + dc < len(rows[0]) and rows[r + dr][c + dc] != "#":
                cands.append((r + dr, c + dc, f))
            for s in cands:
                if s not in seen:
                    seen.add(s)
                    nxt.append(s)
        frontier = nxt
    return -1


def bench_solve() -> tuple[float, float, int, int]:
    from lessonkit.solve import solve
    from lessonkit.worlds.grid import Grid

    world = Grid.build({"board": MAZE, "facing": "east"})
    actions = ["forward", "turn_left", "turn_right"]
    result = solve(world, actions)
    expected = bare_bfs(MAZE.split("\n"))
    assert result.shortest == expected, (result.shortest, expected)
    return best(lambda: solve(world, actions)), best(lambda: bare_bfs(MAZE.split("\n"))), result.shortest, result.counts[result.shortest]


def bench_startup(runs: int = 15) -> tuple[float, float]:
    def timed(cmd: list[str]) -> float:
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            samples.append(time.perf_counter() - t0)
        return statistics.median(samples)

    ours = timed([sys.executable, "-m", "lessonkit", "--help"])
    base = timed([sys.executable, "-c", "import click"])
    return ours, base


def main() -> None:
    ours, base, n = bench_validate()
    print(f"validate library ({n} lessons): {ours * 1000:8.1f} ms   yaml.safe_load baseline: {base * 1000:7.1f} ms   ratio {ours / base:5.1f}x")
    ours, base, length, count = bench_solve()
    print(f"solve 12x12 maze (shortest {length}, {count} sequences): {ours * 1000:8.1f} ms   bare BFS baseline: {base * 1000:7.1f} ms   ratio {ours / base:5.1f}x")
    ours, base = bench_startup()
    print(f"lessonkit --help: {ours * 1000:8.1f} ms   python -c 'import click': {base * 1000:7.1f} ms   ratio {ours / base:5.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
