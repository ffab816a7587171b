"""A family's kit: what each family supplies to the shared documents.

The 学習指導案, the worksheet frame (group letter, roles, reflection), the
card sheet (layout, cut grid, group marks), tiling and the blackboard set
know nothing of any family.  They call, through this module, the family's
drawing module ``lessonkit.render.worlds.<family>``, which supplies:

``plan_board(world, x, y, w, h, *, trace=None, labels=True, max_cell=None, kana=False)``
    The board or picture fitted into the box, as data.  The plan has ``x``,
    ``y``, ``width``, ``height``, ``cell`` (its unit: a square's side),
    ``labels`` ((x, y, text) coordinates) and ``label_size``.  Without a
    trace it is what pupils see; with one, the answer key's drawing of that
    run (the path numbered, where it went wrong).  ``kana``: coordinates
    for pupils who do not read Latin letters yet (grades 1-2).
``draw_board(canvas, plan, *, color=False)``
    Paints a plan.
``ICONS``
    ``{icon id: draw(canvas, x, y, size, *, color=False)}``: the faces of
    the family's cards (a card's ``CardInfo.icon``; ids are unique across
    families).  Control cards' faces are shared (``lessonkit.render.icons``).

and may supply:

``worksheet_board(world, x, y, w, h, *, max_cell=None, kana=False)``
    The puzzle's board as the worksheet prints it, a plan ``draw_board``
    paints (default: ``plan_board``; graph paper puts the empty sheet the
    group draws on beside the target, the same size).
``work_area(checked, index, puzzle, sizes, options)``
    A worksheet builder ``(x, y_top, width) -> (items, height)`` for what a
    group fills in for one puzzle, under its board (default: program slots
    and the run record, :func:`lessonkit.render.worksheet.program_work`).
    A builder with ``per_group = True`` takes ``group=`` (from 1) and prints
    that group's own values (its target, its deck) in the same layout.
``board_options(checked, index, puzzle, group)``
    Extra keyword arguments for ``plan_board`` when drawing the board on
    group ``group``'s worksheet (from 1): where each group has its own
    values (a network's inputs), the worksheet prints that group's.
``extra_sections(checked, sizes, options)``
    Worksheet builders after the puzzles, before the reflection.
``answer_notes(checked, puzzle, lang)``
    The answer key's lines about a puzzle's solutions (default: the
    shortest plain row and how many there are).
``CARD_LABEL = (size, lines)``
    For a family whose cards are their words: every card label of a set at
    one size, the largest up to ``size`` at which each fits ``lines``
    lines, never under the pupils' size for the grade (default: labels of
    13 pt down to 11, on one line where they can).
``handout_note(checked, puzzle, lang)``
    A line (ruby markup allowed) under the heading of each of the puzzle's
    handout bug programs: what pupils need to find the bug that the board
    does not show (default: none).
``documents(checked)``
    The family's own documents for this lesson, beyond the shared ones:
    ``{file name: render(checked, options) -> Rendered}`` (a sorting
    network's floor layout, say); empty when the lesson needs none.
``preparation(checked, options)``
    The guide's 準備 lines about those documents (what to print, how many).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from lessonkit.render import icons
from lessonkit.worlds import FAMILIES, module_name

# Each family's drawing module has its world module's name (worlds/network.py
# draws in render/worlds/network.py): found, not listed, so a new family
# touches nothing here.
DRAWINGS: dict[str, ModuleType] = {name: importlib.import_module(f"{__name__}.{module_name(name)}") for name in FAMILIES}


def drawing_for(family_name: str) -> ModuleType:
    """The module that draws ``family_name``'s kit."""
    return DRAWINGS[family_name]


def hook(family_name: str, name: str):
    """The family's optional hook ``name``, or None for the shared default."""
    return getattr(DRAWINGS[family_name], name, None)


def family_documents(checked) -> dict:
    """The family's own documents for ``checked`` (none by default)."""
    fn = hook(checked.family.name, "documents")
    return dict(fn(checked)) if fn is not None else {}


def family_preparation(checked, options) -> list[str]:
    """The guide's 準備 lines for the family's own documents."""
    fn = hook(checked.family.name, "preparation")
    return list(fn(checked, options)) if fn is not None else []


def has_icon(icon_id: str) -> bool:
    return icon_id in icons.ICONS or any(icon_id in module.ICONS for module in DRAWINGS.values())


def draw_icon(canvas, icon_id: str, x: float, y: float, size: float, *, color: bool = False) -> None:
    """A card's face: the family's own icon, else a shared one."""
    for module in DRAWINGS.values():
        fn = module.ICONS.get(icon_id)
        if fn is not None:
            fn(canvas, x, y, size, color=color)
            return
    icons.draw_icon(canvas, icon_id, x, y, size, color=color)
