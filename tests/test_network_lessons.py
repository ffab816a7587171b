"""The sorting-network lessons' plans: the unit's sections, the boxed めあて
and まとめ, 45 minutes, and a 準備 that names every document the kit prints
and nothing it does not (read back through pypdf)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lessonkit.build import documents_for
from lessonkit.check import check_file
from lessonkit.render.guide import plan_guide, render_guide
from lessonkit.render.options import BuildOptions
from lessonkit.spec.ruby import plain_text

from conftest import pdf_lines

LESSONS = Path(__file__).resolve().parent.parent / "lessons" / "ja"
NAMES = ["g3-sorting-network", "g5-sorting-network-design"]


@pytest.fixture(scope="module", params=NAMES)
def lesson(request):
    result = check_file(LESSONS / f"{request.param}.yaml")
    assert result.ok
    checked = result.checked
    text = "".join("".join(page) for page in pdf_lines(render_guide(checked, BuildOptions(groups=8)).data))
    return checked, "".join(text.split())


def test_the_plan_has_the_units_sections_in_order(lesson):
    checked, text = lesson
    unit = checked.lesson.unit_info
    assert unit is not None and unit.goals and unit.criteria and unit.about and unit.plan
    assert checked.lesson.aim and checked.lesson.conclusion
    this = next(k for k, u in enumerate(unit.plan, 1) if u.this)
    order = ["単元名", plain_text(unit.name), "単元の目標", "単元の評価規準", "単元について", "教材観", "児童観", "指導観", f"指導計画（全{len(unit.plan)}時間）", f"本時（{this}/{len(unit.plan)}）", "本時の目標", "準備", "本時の展開", "めあて", "まとめ", "板書計画"]
    at = 0
    for heading in order:
        found = text.find("".join(heading.split()), at)
        assert found >= 0, heading
        at = found
    # each text whole in one laid-out item (table cells wrap across columns in the PDF's text)
    items = ["".join(it.text.split()) for page in plan_guide(checked, BuildOptions()) for it in page.items if hasattr(it, "lines")]
    for value in (unit.goals.knowledge, unit.goals.attitude, unit.criteria.thinking, unit.about.material, unit.about.teaching, checked.lesson.aim, checked.lesson.conclusion):
        assert "".join(plain_text(value).split()) in "".join(items), value


def test_aim_and_conclusion_are_boxed(lesson):
    checked, _ = lesson
    roles = {it.role for page in plan_guide(checked, BuildOptions()) for it in page.items}
    assert {"aim-box", "conclusion-box"} <= roles


def test_minutes_add_up_to_the_lesson(lesson):
    checked, _ = lesson
    assert sum(p.minutes for p in checked.lesson.flow) == checked.lesson.minutes == 45


def test_the_guide_names_every_document_printed_and_no_other(lesson):
    checked, text = lesson
    printed = set(documents_for(checked)) - {"teacher-guide.pdf"}
    named = set(re.findall(r"[a-z-]+\.pdf", text)) - {"teacher-guide.pdf"}
    assert named == printed
    assert "拡大カード" not in text  # a network lays no cards: none are enlarged
