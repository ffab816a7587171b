"""Proof benchmarks for the sorting-network and binary families, each
against a plain-Python baseline measured in the same run.

    python bench/bench_proofs.py

1. prove a 10-lane network (29 comparators, the fewest that sort 10 lanes)
   over all 1,024 inputs of 0s and 1s: lessonkit's bit-mask proof (one AND
   and one OR a comparator for all inputs at once)  vs  walking each of the
   1,024 inputs through the network in a Python loop;
2. check the left-to-right binary algorithm for every target 0..255 on 8
   cards: lessonkit's interpreter running the card program 256 times  vs  a
   plain Python loop doing the algorithm directly.

Targets: the proof well under a millisecond; the binary check under 100 ms
(the interpreter records every step and condition, which the kit prints).
"""

from __future__ import annotations

import sys
import time
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lessonkit.program import parse  # noqa: E402
from lessonkit.simulate import run  # noqa: E402
from lessonkit.worlds.binary import Binary  # noqa: E402
from lessonkit.worlds.network import parse_network, refute  # noqa: E402

# A 29-comparator network for 10 lanes (Waksman 1969; Knuth TAOCP 5.3.4, fig. 49).
TEN = (
    "5-10 4-9 3-8 2-7 1-6 | 2-5 7-10 1-4 6-9 | 1-3 4-7 8-10 | 1-2 3-5 6-8 9-10 | "
    "2-3 5-7 8-9 4-6 | 3-6 7-9 2-4 5-8 | 3-4 7-8 | 4-5 6-7 | 5-6"
)


def best(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_network() -> tuple[float, float, bool]:
    network = parse_network(TEN, 10)
    comps = [(c.small, c.large) for c in network.comparators]

    def baseline() -> bool:
        for bits in product((0, 1), repeat=10):
            v = list(bits)
            for a, b in comps:
                if v[a] > v[b]:
                    v[a], v[b] = v[b], v[a]
            if any(v[i] > v[i + 1] for i in range(9)):
                return False
        return True

    sorts = refute(network) is None
    assert sorts == baseline(), "the proof and the baseline disagree"
    return best(lambda: refute(network)), best(baseline), sorts


def bench_binary() -> tuple[float, float]:
    program = parse("repeat 8 [ if fits [ show ] else [ hide ] next ]", Binary.names())
    actions, conditions = frozenset(Binary.actions()), frozenset(Binary.conditions())
    world = Binary.build({"dots": 8, "target": 0})

    def lessonkit() -> None:
        for target in range(256):
            trace = run(world.for_target(target), program, actions, conditions, 500)
            assert trace.reached_goal

    def baseline() -> None:
        for target in range(256):
            need, faces = target, []
            for dots in (128, 64, 32, 16, 8, 4, 2, 1):
                faces.append(dots <= need)
                need -= dots if dots <= need else 0
            assert need == 0

    return best(lessonkit, 3), best(baseline, 3)


def main() -> None:
    proof, walk, sorts = bench_network()
    print(f"10-lane network, 1,024 inputs: bit-mask proof {proof * 1e3:.3f} ms  vs  per-input Python walk {walk * 1e3:.2f} ms  ({walk / proof:.0f}x; sorts: {sorts})")
    mine, plain = bench_binary()
    print(f"binary algorithm, targets 0..255: lessonkit interpreter {mine * 1e3:.1f} ms  vs  plain Python loop {plain * 1e3:.2f} ms  ({mine / plain:.0f}x slower, {mine / 256 * 1e6:.0f} us a target)")


if __name__ == "__main__":
    main()
