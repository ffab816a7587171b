"""The sorting-network, binary and conditionals kits print what the check found."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonkit.check import check_file
from lessonkit.render.answer_key import plan_answer_key
from lessonkit.render.cards import plan_cards
from lessonkit.render.options import BuildOptions

LESSONS = Path(__file__).resolve().parent.parent / "lessons"


def texts(pages) -> str:
    return "\n".join(getattr(item, "text", "") for page in pages for item in page.items)


@pytest.fixture(scope="module")
def kits():
    out = {}
    for name in ("ja/g3-sorting-network", "ja/g4-binary-dot-cards", "ja/g3-card-rules"):
        result = check_file(LESSONS / f"{name}.yaml")
        assert result.ok
        out[name.split("/")[1]] = result.checked
    return out


def test_network_answer_key_gives_each_groups_values_stage_by_stage(kits):
    checked = kits["g3-sorting-network"]
    text = " ".join(texts(plan_answer_key(checked, BuildOptions(groups=4))).split())  # cells wrap
    for puzzle in checked.puzzles:
        world, walks = puzzle.world, puzzle.analysis.given_walks
        for g in walks[:4]:
            for state in g.stage_states(world.network):
                assert " ".join(world.show(v) for v in state) in text
    assert "0 1 0 1 を 入れると 0 1 0 1 に なる" in text  # the broken network's smallest counterexample, from its proof


def test_value_cards_are_each_groups_own(kits):
    checked = kits["g3-sorting-network"]
    pages = plan_cards(checked, BuildOptions(groups=3))
    values = [(slot.group, slot.name) for page in pages for slot in page.slots if slot.kind == "value"]
    for group, mark in ((1, "A"), (2, "B"), (3, "C")):
        mine = sorted(name for g, name in values if g == mark)
        want = sorted(f"{k}|{p.world.show(v)}" for k, p in enumerate(checked.puzzles) for v in p.analysis.given_walks[group - 1].values)
        assert mine == want


def test_binary_answer_key_and_target_cards(kits):
    checked = kits["g4-binary-dot-cards"]
    text = texts(plan_answer_key(checked, BuildOptions(groups=8)))
    assert "0から31まで 32とおり すべての 数で" in text
    assert "いちばん 小さい 失敗する 数は 1" in text and "いちばん 小さい 失敗する 数は 0" in text
    pages = plan_cards(checked, BuildOptions(groups=2))
    names = [slot.name for page in pages for slot in page.slots if slot.kind == "value" and slot.group == "B"]
    assert [n for n in names if n.startswith("dots|")] == ["dots|32", "dots|16", "dots|8", "dots|4", "dots|2", "dots|1"]
    our = checked.puzzles[1].analysis.groups[1].target
    assert f"target|1|{our}" in names


def test_conditionals_answer_key_gives_each_groups_final_scores(kits):
    checked = kits["g3-card-rules"]
    text = texts(plan_answer_key(checked, BuildOptions(groups=8)))
    for puzzle in checked.puzzles:
        for g in puzzle.analysis.groups[:8]:
            assert f"{g.final[0]} : {g.final[1]}" in text
    bug = checked.puzzles[2].analysis.bug_groups[0]
    assert f"{bug[1]}まいめ" in text
