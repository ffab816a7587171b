"""Benchmark: what the catalogue adds to a build.

    python bench/bench_site.py [LESSONS] [--rounds 3]

Runs ``lessonkit build LESSONS`` and ``lessonkit site LESSONS`` alternately in
fresh subprocesses (start-up included, as a teacher runs them), the same
lessons in the same run, and reports each one's best wall time and CPU time,
and the ratio.  The site builds the kits once (the same build) and adds
previews drawn from those PDFs and the pages; the target is well under twice
the build.  Not a timed test: run it by hand.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(command: str, lessons: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one run into a fresh folder."""
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lessonkit", command, lessons, "-o", out], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("lessons", nargs="?", default=str(ROOT / "lessons"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.rounds):
        for command in ("build", "site"):
            wall, cpu = run(command, args.lessons)
            old = best.get(command)
            best[command] = (min(wall, old[0]), min(cpu, old[1])) if old else (wall, cpu)
    for command, (wall, cpu) in best.items():
        print(f"{command:<6} best of {args.rounds}: {wall:6.2f} s wall, {cpu:6.2f} s CPU")
    (bw, bc), (sw, sc) = best["build"], best["site"]
    print(f"site / build: {sw / bw:.2f}x wall, {sc / bc:.2f}x CPU (site adds {sc - bc:.2f} s CPU)")


if __name__ == "__main__":
    main()
