"""The JSON Schema of the lesson format, with every family's puzzle keys."""

from __future__ import annotations

import json

from lessonkit.spec.models import Lesson
from lessonkit.worlds import FAMILIES


def lesson_schema() -> dict:
    schema = Lesson.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "lessonkit lesson"
    puzzle = schema["$defs"]["Puzzle"]
    # A key several families use (with different shapes) takes any of them.
    keys: dict[str, list[tuple[str, dict]]] = {}
    for family in FAMILIES.values():
        for key, what in family.puzzle_keys.items():
            shape = dict(family.puzzle_key_schema.get(key, {"type": "string"}))
            keys.setdefault(key, []).append((f"{family.name}: {what}", shape))
    for key, uses in keys.items():
        shapes = []
        for _, shape in uses:
            if shape not in shapes:
                shapes.append(shape)
        entry = shapes[0] if len(shapes) == 1 else {"anyOf": shapes}
        puzzle["properties"].setdefault(key, {**entry, "description": "; ".join(what for what, _ in uses)})
    schema["properties"]["world"]["enum"] = sorted(FAMILIES)
    # Every name a lesson may use for a card: canonical, Japanese and aliases.
    cards = sorted({name for f in FAMILIES.values() for name in f.kit_names()})
    # A procedure lesson names its own cards; every other family's are fixed.
    per_puzzle = []
    for branch in puzzle["properties"]["cards"]["anyOf"]:
        if branch.get("type") == "array":
            per_puzzle.append({"type": "array", "items": {"enum": cards}})
        elif branch.get("type") == "object":
            per_puzzle.append({"type": "object", "propertyNames": {"enum": cards}})
        else:
            per_puzzle.append(branch)
    schema["allOf"] = [
        {
            "if": {"properties": {"world": {"const": "procedure"}}, "required": ["world"]},
            "else": {
                "properties": {
                    "cards": {"propertyNames": {"enum": cards}},
                    "puzzles": {"items": {"properties": {"cards": {"anyOf": per_puzzle}}}},
                }
            },
        }
    ]
    return schema


def schema_text() -> str:
    return json.dumps(lesson_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
