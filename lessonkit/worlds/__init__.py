"""The activity families, found by name.

Every module of this package but ``base`` and ``seeded`` holds one family:
a :class:`Family` subclass defined there.  They are found by listing the
package, so adding a family adds its module and touches nothing here."""

from __future__ import annotations

import importlib
import pkgutil

from lessonkit.worlds.base import CardInfo, Failure, Family, World, WorldError

_SHARED = {"base", "seeded"}


def _discover() -> dict[str, type[Family]]:
    found: list[type[Family]] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name in _SHARED or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found += [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, Family) and v.__module__ == module.__name__ and "name" in vars(v)]
    found.sort(key=lambda f: (f.order, f.name))
    return {family.name: family for family in found}


FAMILIES: dict[str, type[Family]] = _discover()


def find_family(name: str) -> type[Family] | None:
    return FAMILIES.get(name)


def module_name(family_name: str) -> str:
    """The module (under lessonkit.worlds, and its drawing under
    lessonkit.render.worlds) that holds ``family_name``."""
    return FAMILIES[family_name].__module__.rsplit(".", 1)[1]


__all__ = ["CardInfo", "Failure", "Family", "World", "WorldError", "FAMILIES", "find_family", "module_name"]
