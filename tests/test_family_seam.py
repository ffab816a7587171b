"""A family is one world module and one drawing module: the shared core
finds them, and names none of them."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import lessonkit.worlds as worlds_pkg
from lessonkit.render.worlds import DRAWINGS
from lessonkit.worlds import FAMILIES, module_name

ROOT = Path(__file__).resolve().parent.parent / "lessonkit"


def test_every_world_module_is_a_family_with_its_drawing_module():
    modules = {m.name for m in pkgutil.iter_modules(worlds_pkg.__path__)} - {"base", "seeded"}
    assert modules == {module_name(name) for name in FAMILIES}
    for name, family in FAMILIES.items():
        drawing = DRAWINGS[name]
        assert drawing.__name__ == f"lessonkit.render.worlds.{module_name(name)}"
        for hook in ("plan_board", "draw_board", "ICONS"):
            assert hasattr(drawing, hook), (name, hook)
        assert set(family.title) == {"ja", "en"} and all(family.title.values()), name


def test_families_are_listed_in_a_fixed_order():
    assert list(FAMILIES)[:3] == ["grid", "paper", "procedure"]
    orders = [(f.order, f.name) for f in FAMILIES.values()]
    assert orders == sorted(orders)


def _strings(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_the_registries_and_the_catalogue_name_no_family():
    names = set(FAMILIES)
    for shared in ("worlds/__init__.py", "render/worlds/__init__.py", "site/words.py", "site/pages.py"):
        assert not (_strings(ROOT / shared) & names), shared


def test_the_catalogue_names_every_family_as_teachers_call_it():
    from lessonkit.site.words import family_name

    assert family_name("sorting-network", "ja") == FAMILIES["sorting-network"].title["ja"]
    assert family_name("binary", "en") == "Binary dot cards"
    assert family_name("no-such-family", "en") == "no-such-family"
