"""Sorting networks: the 0-1 proof against plain simulation, per-group values, the check."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit.check import check_bytes
from lessonkit.spec.load import Report
from lessonkit.worlds.network import Comparator, Network, SortingNetwork, parse_network, refute, swaps, unsorted_inputs, walk


def sort_by(network: Network, values) -> tuple:
    """An independent reference: walk the network comparator by comparator."""
    v = list(values)
    for stage in network.stages:
        for c in stage:
            lo, hi = c.small, c.large
            if v[lo] > v[hi]:
                v[lo], v[hi] = v[hi], v[lo]
    return tuple(v)


def in_order(values, descending=False) -> bool:
    return list(values) == sorted(values, reverse=descending)


@st.composite
def networks(draw, max_lanes=7):
    lanes = draw(st.integers(2, max_lanes))
    pairs = draw(st.lists(st.tuples(st.integers(0, lanes - 1), st.integers(0, lanes - 1)).filter(lambda p: p[0] != p[1]), min_size=1, max_size=lanes * 3))
    # one comparator a stage: always a valid layout
    return Network(lanes, tuple((Comparator(a, b),) for a, b in pairs))


def batcher(lanes: int) -> Network:
    """Batcher's odd-even merge sort, a known sorter, cut down to ``lanes``."""
    n = 1
    while n < lanes:
        n *= 2
    comps = []
    p = 1
    while p < n:
        k = p
        while k >= 1:
            for j in range(k % p, n - k, 2 * k):
                for i in range(min(k, n - j - k)):
                    a, b = i + j, i + j + k
                    if a // (2 * p) == b // (2 * p) and b < lanes:
                        comps.append(Comparator(a, b))
            k //= 2
        p *= 2
    return Network(lanes, tuple((c,) for c in comps))


@settings(max_examples=150, deadline=None)
@given(networks(), st.data())
def test_the_proof_agrees_with_integer_inputs(network, data):
    verdict = refute(network)
    if verdict is None:
        # judged to sort: it sorts random integer inputs (with ties)
        for _ in range(5):
            values = data.draw(st.lists(st.integers(-50, 50), min_size=network.lanes, max_size=network.lanes))
            assert in_order(sort_by(network, values))
    else:
        # judged not to sort: it fails on its counterexample, which is the smallest failing 0-1 input
        assert not in_order(sort_by(network, verdict.input))
        failing = [x for x in product((0, 1), repeat=network.lanes) if not in_order(sort_by(network, x))]
        assert verdict.input == min(failing, key=lambda x: (sum(x), x))
        assert verdict.failing == len(failing)
        i, j = verdict.pair
        assert verdict.output[i] > verdict.output[j] and j == i + 1
        later = network.comparators[verdict.after:]
        assert not any({i, j} & set(c.lanes) for c in later)
        assert walk(network, verdict.input)[verdict.after][i:j + 1] == verdict.held


@settings(max_examples=60, deadline=None)
@given(networks(max_lanes=6))
def test_descending_networks(network):
    flipped = Network(network.lanes, tuple((Comparator(c.large, c.small),) for stage in network.stages for c in stage))
    assert (refute(flipped, descending=True) is None) == (refute(network) is None)
    bad = unsorted_inputs(flipped, descending=True)
    for x in range(1 << network.lanes):
        bits = tuple((x >> (network.lanes - 1 - i)) & 1 for i in range(network.lanes))
        assert bool(bad >> x & 1) == (not in_order(sort_by(flipped, bits), descending=True))


def test_known_sorters_up_to_ten_lanes():
    for lanes in range(2, 11):
        network = batcher(lanes)
        assert refute(network) is None, lanes
        # dropping any one comparator of a small Batcher network breaks it, and the proof says so
    net = batcher(4)
    for k in range(net.size):
        broken = Network(4, tuple((c,) for i, c in enumerate(net.comparators) if i != k))
        assert (refute(broken) is None) == all(in_order(sort_by(broken, x)) for x in product((0, 1), repeat=4))


def test_size_depth_and_parallel_stages():
    network = parse_network("1-2 | 3-4 | 1-3 | 2-4 | 2-3", 4)
    assert network.size == 5
    assert [[c.text() for c in layer] for layer in network.parallel()] == [["1-2", "3-4"], ["1-3", "2-4"], ["2-3"]]
    assert network.depth == 3


def world(**extra):
    return SortingNetwork.build({"lanes": 6, **extra})


def test_every_group_gets_its_own_values_with_the_same_swaps():
    net = parse_network("1-2 3-4 5-6 | 1-3 2-5 4-6 | 1-2 3-4 5-6 | 2-3 4-5 | 3-4", 6)
    w = world().with_network(net)
    values = w.group_values(7, "six")
    assert values == w.group_values(7, "six")  # the same on every rebuild
    assert values[:4] == w.group_values(7, "six", groups=4)  # whatever the number of groups
    assert len(set(values)) == len(values)  # groups cannot copy
    counts = {swaps(net, v) for v in values}
    assert counts == {w.target_swaps(7, "six")}
    assert all(len(set(v)) == 6 and all(1 <= x <= 99 for x in v) for v in values)
    assert w.group_values(8, "six") != values  # another seed, other values


def test_words_sort_in_the_lesson_order():
    w = SortingNetwork.build({"lanes": 3, "values": ["ねずみ", "ねこ", "いぬ", "うま"]})
    w = w.with_network(parse_network("1-2 | 2-3 | 1-2", 3))
    for v in w.group_values(1, "words"):
        out = walk(w.network, v)[-1]
        assert [w.show(x) for x in out] == [word for word in ["ねずみ", "ねこ", "いぬ", "うま"] if word in {w.show(x) for x in v}]


LESSON = """\
id: net
title: net
language: en
grade: 4
concepts: [sequence]
objectives: [x]
flow:
  - {phase: introduction, minutes: 10, activity: a}
  - {phase: development, minutes: 25, activity: b}
  - {phase: summary, minutes: 10, activity: c}
world: sorting-network
seed: 3
puzzles:
  - id: four
    title: four
    lanes: 4
    solution: 1-2 3-4 | 1-3 2-4 | 2-3
    bugs:
      - program: 1-2 3-4 | 1-3 2-4
        outcome: unsorted
        step: 4
        hint: h
"""


def test_the_check_keeps_each_groups_walk():
    result = check_bytes(LESSON.encode(), Report("net.yaml"))
    assert result.ok, result.diagnostics
    analysis = result.checked.puzzles[0].analysis
    assert analysis.sorts and len(analysis.walks) == 26
    for g in analysis.walks:
        assert in_order(g.states[-1]) and g.states[-1] == tuple(sorted(g.values))
    # groups walk the broken network they are given: equal work on it
    assert analysis.world.network == analysis.bugs[0][0]
    assert {g.swaps for g in analysis.given_walks} == {analysis.swaps}
    broken, why = analysis.bugs[0]
    assert why.after == 4 and why.input == (0, 1, 0, 1)
    assert analysis.describe() == "5 comparators, depth 3: 1-2 3-4 | 1-3 2-4 | 2-3"


def test_design_puzzles_hold_the_comparator_count():
    text = LESSON.replace("    lanes: 4\n", "    lanes: 4\n    comparators: 4\n")
    result = check_bytes(text.encode(), Report("net.yaml"))
    messages = [d.message for d in result.diagnostics]
    assert "solution has 5 comparators; the puzzle asks for 4 ('comparators')" in messages
    assert "no network sorts 4 lanes with 4 comparators; the fewest is 5" in messages


def test_the_ten_lane_network_of_the_benchmark():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("bench_proofs", Path(__file__).parent.parent / "bench" / "bench_proofs.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    network = parse_network(bench.TEN, 10)
    assert network.size == 29 and refute(network) is None
    broken = parse_network(bench.TEN.rsplit("|", 1)[0], 10)
    why = refute(broken)
    assert why is not None and not in_order(sort_by(broken, why.input))
