"""`lessonkit run` on a sorting network reads the network's own notation
('1-2 | 2-3'), not cards: each printed group's values walked through it,
then the 0-1 proof, in the lesson's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonkit.check import check_file
from lessonkit.cli import main

G3 = Path(__file__).resolve().parent.parent / "lessons" / "ja" / "g3-sorting-network.yaml"


def _run(*args: str):
    return CliRunner().invoke(main, ["run", str(G3), *args])


def _reference(network: str, values: list[int]) -> list[int]:
    """The comparators applied one by one, written out plainly."""
    lanes = list(values)
    for stage in network.split("|"):
        for comp in stage.split():
            a, b = (int(x) - 1 for x in comp.split("-"))
            lo, hi = min(a, b), max(a, b)
            if lanes[lo] > lanes[hi]:
                lanes[lo], lanes[hi] = lanes[hi], lanes[lo]
    return lanes


@pytest.mark.parametrize("network, sorts", [("1-2 | 2-3 | 1-2", True), ("1-2 | 2-3", False), ("2-3 | 1-2 | 2-3", True), ("1-3", False)])
def test_every_printed_group_is_walked_and_the_proof_decides(network, sorts):
    result = _run("1", network, "--groups", "5")
    assert result.exit_code == (0 if sorts else 1), result.output
    lines = result.output.splitlines()
    assert not any("unknown card" in line for line in lines)
    groups = [line for line in lines if line.startswith("グループ ")]
    assert [g.split(":")[0] for g in groups] == [f"グループ {c}" for c in "ABCDE"]
    for line in groups:
        m = re.match(r"グループ [A-E]: ([\d ]+) → ([\d ]+)  (ならんだ|ならんで いない)$", line)
        assert m, line
        values, out = [int(x) for x in m.group(1).split()], [int(x) for x in m.group(2).split()]
        assert out == _reference(network, values)
        assert (m.group(3) == "ならんだ") == (out == sorted(out))
    assert lines[-1].startswith("どんな 入力も ならべかえる" if sorts else "ならべかえられない 入力が ある")
    assert "0と1の ならび 8とおりで たしかめた" in lines[-1]


def test_the_groups_are_those_the_check_drew():
    checked = check_file(G3).checked
    walks = checked.puzzles[0].analysis.walks
    result = _run("1", "1-2 | 2-3 | 1-2")
    firsts = [line.split(": ")[1].split(" → ")[0] for line in result.output.splitlines() if line.startswith("グループ ")]
    assert firsts == [" ".join(map(str, w.values)) for w in walks[:8]]


def test_a_comparator_off_the_network_is_a_located_error():
    result = _run("1", "1-2 2-5")
    assert result.exit_code == 2
    assert result.output.splitlines()[:3] == [
        "program:1:7: error: comparator '2-5' joins lane 5, but the network has 3 lanes (1 to 3)",
        "    1-2 2-5",
        "          ^",
    ]
