"""Each family's drawing, found by the family's name (like lessonkit.worlds)."""

from __future__ import annotations

from lessonkit.render.worlds import grid

DRAWINGS = {"grid": grid}


def drawing_for(family_name: str):
    """The module that draws boards of ``family_name``: plan_board / draw_board."""
    return DRAWINGS[family_name]
