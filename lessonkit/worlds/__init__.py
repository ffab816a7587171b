"""The activity families, found by name."""

from __future__ import annotations

from lessonkit.worlds.base import CardInfo, Failure, Family, World, WorldError
from lessonkit.worlds.binary import Binary
from lessonkit.worlds.conditionals import Conditionals
from lessonkit.worlds.grid import Grid
from lessonkit.worlds.network import SortingNetwork
from lessonkit.worlds.paper import Paper
from lessonkit.worlds.procedure import Procedure

FAMILIES: dict[str, type[Family]] = {family.name: family for family in (Grid, Paper, Procedure, SortingNetwork, Binary, Conditionals)}


def find_family(name: str) -> type[Family] | None:
    return FAMILIES.get(name)


__all__ = ["CardInfo", "Failure", "Family", "World", "WorldError", "FAMILIES", "find_family"]
