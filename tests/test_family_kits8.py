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
    # a group table only where the group's worksheet gives it a number to show (an 'every' puzzle gives none)
    shows = sum(p.analysis.goal == "show" for p in checked.puzzles)
    assert text.count("各はんの 数と カード") == shows and text.count("各はんの カードと 読んだ 数") == sum(p.analysis.goal == "read" for p in checked.puzzles)
    assert "いちばん 小さい 失敗する 数は 1" in text and "いちばん 小さい 失敗する 数は 0" in text
    pages = plan_cards(checked, BuildOptions(groups=2))
    names = [slot.name for page in pages for slot in page.slots if slot.kind == "value" and slot.group == "B"]
    assert [n for n in names if n.startswith("dots|")] == ["dots|32", "dots|16", "dots|8", "dots|4", "dots|2", "dots|1"]
    k = next(k for k, p in enumerate(checked.puzzles) if p.spec.id == "our-number")
    our = checked.puzzles[k].analysis.groups[1].target
    assert f"target|{k}|{our}" in names
    assert not any(n.startswith("target|1|") for n in names)  # the cards to read are not handed over as a number


def test_conditionals_answer_key_gives_each_groups_final_scores(kits):
    checked = kits["g3-card-rules"]
    text = texts(plan_answer_key(checked, BuildOptions(groups=8)))
    for puzzle in checked.puzzles:
        for g in puzzle.analysis.groups[:8]:
            assert f"{g.final[0]} : {g.final[1]}" in text
    bug = checked.puzzles[2].analysis.bug_groups[0]
    assert f"{bug[1]}まいめ" in text


def _group_pages(path, groups: int, checked) -> list[str]:
    """Each group's worksheet text (its sheets run group after group, then the pupils' slips), ruby stripped."""
    from pypdf import PdfReader

    from lessonkit.render.worksheet import plan_worksheet
    from lessonkit.spec.ruby import plain_text

    pages = [" ".join(plain_text(page.extract_text() or "").split()) for page in PdfReader(path).pages]
    per = len(plan_worksheet(checked, BuildOptions(groups=groups))) // groups
    return [" ".join(pages[g * per : (g + 1) * per]) for g in range(groups)]


def test_each_groups_worksheet_prints_its_own_number_and_deck(tmp_path, cli):
    """issue 8: each group's values printed on that group's worksheet."""
    for name in ("ja/g4-binary-dot-cards", "ja/g3-card-rules"):
        result = cli("build", LESSONS / f"{name}.yaml", "-o", tmp_path, "--groups", "3")
        assert result.exit_code == 0, result.output
    checked = check_file(LESSONS / "ja/g4-binary-dot-cards.yaml").checked
    sheets = _group_pages(tmp_path / "g4-binary-dot-cards" / "worksheet.pdf", 3, checked)
    for g, letter in enumerate("ABC"):
        for puzzle in checked.puzzles:
            a = puzzle.analysis
            if a.goal == "show":
                mine = a.groups[g].target
                assert f"グループ {letter}の 数は {mine}" in sheets[g]
                others = {h.target for h in a.groups[:3]} - {mine}
                assert not any(f"グループ {letter}の 数は {t}" in sheets[g] for t in others)
            if a.goal == "read":
                assert f"グループ {letter}の カード" in sheets[g]
    # the read puzzle's cards are drawn face up and down as each group's number says (layout as data)
    from lessonkit.render.worksheet import plan_worksheet

    pages = plan_worksheet(checked, BuildOptions(groups=3))
    read = next(k for k, p in enumerate(checked.puzzles) if p.analysis.goal == "read")
    drawn = [item for page in pages for item in page.items if getattr(item, "role", "") == "group-cards"]
    assert len(drawn) == 3
    rules = check_file(LESSONS / "ja/g3-card-rules.yaml").checked
    decks = _group_pages(tmp_path / "g3-card-rules" / "worksheet.pdf", 3, rules)
    for g, letter in enumerate("ABC"):
        for k, puzzle in enumerate(rules.puzzles):
            assert f"グループ {letter}の やまふだ 「パズル{k + 1}・1まいめ」〜「{puzzle.world.draws}まいめ」" in decks[g]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_g5_binary_algorithm_packs_on_letter_as_on_a4(paper):
    """Letter is shorter than A4: the kit once took a guide page and two sheets a group more on it."""
    from lessonkit.render.guide import plan_guide
    from lessonkit.render.worksheet import plan_worksheet

    checked = check_file(LESSONS / "ja/g5-binary-algorithm.yaml").checked
    a4 = BuildOptions(paper="a4", groups=1)
    options = BuildOptions(paper=paper, groups=1)
    assert len(plan_worksheet(checked, options)) <= len(plan_worksheet(checked, a4))
    guide = plan_guide(checked, options)
    assert len(guide) <= len(plan_guide(checked, a4))
    # the 板書計画 is the landscape last page of its own (a blackboard is wide), the まとめ before it
    roles = [[getattr(item, "role", "") for item in page.items] for page in guide]
    assert "board-plan" in roles[-1] and "conclusion" not in roles[-1]
    assert "conclusion" in roles[-2]
